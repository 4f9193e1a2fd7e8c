"""What "cite this" says about a session or a recording (see cms.citation).

Authors are the people the editors named: a recording's speakers, else its session's
contributors; a session's contributors. Without any, the Fairville project, which
organises the Dialogues. Nobody is added or guessed.
"""

from cms.citation import Author, Citation, fairville_project, issued_from
from cms.licences import licence_for, site_doi, site_licence


def _people(persons):
    seen = {}
    for person in persons:
        seen.setdefault(person.pk, Author(person.name))
    return list(seen.values())


def _authors(persons):
    return _people(persons) or [Author(fairville_project(), organisation=True)]


def session_issued(session):
    if session.has_time:
        return issued_from(session.starts_at, session.zone)
    if session.provisional_month:
        return (session.provisional_month.year, session.provisional_month.month)
    return ()


def session_citation(page, request):
    series = page.get_parent()
    return Citation(
        kind="session",
        key=f"fairville-session-{page.translation_key.hex[:12]}-{page.locale.language_code}",
        title=page.label,
        authors=_authors(c.person for c in page.contributor_list),
        issued=session_issued(page),
        publisher=fairville_project(),
        language=page.locale.language_code,
        url=page.get_full_url(request),
        licence=site_licence(request).as_dict(),
        doi=site_doi(request),
        container_title=series.title if series else "",
    )


def recording_citation(page, request):
    session = page.session
    persons = page.speaker_list or (
        [c.person for c in session.contributor_list] if session is not None else []
    )
    issued = issued_from(page.recorded_at, session.zone if session is not None else None)
    return Citation(
        kind="recording",
        key=f"fairville-recording-{page.translation_key.hex[:12]}-{page.locale.language_code}",
        title=page.title,
        authors=_authors(persons),
        issued=issued or issued_from(page.first_published_at),
        publisher=fairville_project(),
        language=page.locale.language_code,
        url=page.get_full_url(request),
        licence=licence_for(page, request).as_dict(),
        doi=site_doi(request),
        container_title=session.label if session is not None else "",
    )
