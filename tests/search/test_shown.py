"""What a page shows is what finds it, and what a page is about ranks first.

A session is found by its contributors' names, organisations, cities and countries and by
its levers; a recording by its speakers, chapters and documents; a case study by its lab,
place, tags and levers, named in its language; a lab by its partners. When one of those names
changes, the pages that show it are found by the new name, not the old one. Labels (tags,
levers, labs) weigh lightly: a page whose own words treat the query ranks first.
"""

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model

from cms.models import Lever
from practices.models import CaseStudyPage, CaseStudyTag, Lab, LabPartner
from sessions.models import Organisation, Person, RecordingPage, SessionPage
from sessions.models.recordings import RecordingDocument, RecordingSpeaker
from tests.helpers import soup

pytestmark = pytest.mark.django_db

SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}


@pytest.fixture(autouse=True)
def many_searches(settings):
    # These tests search a few dozen times from one client, more than a visitor may.
    settings.FAIRVILLE_RATE_LIMITS = {**settings.FAIRVILLE_RATE_LIMITS, "search": (10_000, 60)}


def found(client, language, query, **filters):
    """The URLs of the first results page, in order."""
    page = soup(client.get(SEARCH[language], {"q": query, **filters}))
    return [a["href"] for a in page.select(".search-hit__title a")]


def snippets(client, language, query, **filters):
    page = soup(client.get(SEARCH[language], {"q": query, **filters}))
    return [" ".join(p.get_text().split()) for p in page.select(".search-hit__snippet")]


def programme_session(language):
    return (
        SessionPage.objects.live()
        .filter(locale__language_code=language)
        .exclude(contributors=None)
        .order_by("path")
        .first()
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_session_is_found_by_each_organisation_and_place_shown_on_its_page(client, language):
    session = programme_session(language)
    html = client.get(session.url).content.decode()
    shown = set()
    with translation.override(language):
        for contributor in session.contributor_list:
            person = contributor.person
            shown.add(person.name)
            if person.organisation_id:
                shown.add(person.organisation.name)
            if person.city:
                shown.add(person.city)
            if person.country:
                shown.add(str(person.country.name))
    assert len(shown) > 10
    for words in sorted(shown):
        assert words in html.replace("&amp;", "&").replace("&#x27;", "'")  # shown on its page
        # Quoted, as a phrase, so the name is what finds it and not one common word.
        assert session.url in found(client, language, f'"{words}"', type="session"), words


def test_a_session_is_found_by_how_its_interpretation_works(client):
    # The page says so under "Languages and interpretation"; only the privacy notice was found.
    for language, words in (("fr", "traduction"), ("en", "interpretation")):
        session = programme_session(language)
        assert words in session.interpretation.lower()
        assert session.url in found(client, language, words), language


def test_a_session_is_found_by_its_levers_in_its_language(client):
    for language in ("fr", "en"):
        session = programme_session(language)
        for link in session.lever_list:
            assert session.url in found(client, language, f'"{link.lever.name}"', type="session")


def test_a_recording_is_found_by_its_speakers_their_organisations_and_its_chapters(client, fr):
    recording = RecordingPage.objects.live().filter(locale=fr).first()
    # The demo's example recording has no speakers: give it one, as an editor would.
    organisation = Organisation.objects.create(name="Coopérative Zéphyrine", locale=fr)
    person = Person.objects.create(
        name="Hortense Quillebœuf", organisation=organisation, city="Quimper", locale=fr
    )
    RecordingSpeaker.objects.create(page=recording, person=person, locale=fr)
    recording.save_revision().publish()
    for words in ["Hortense Quillebœuf", "Coopérative Zéphyrine", "cooperative zephyrine"]:
        assert recording.url in found(client, "fr", words, type="recording"), words
    for chapter in recording.chapter_list:
        assert recording.url in found(client, "fr", f'"{chapter.title}"', type="recording")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_recording_is_found_by_its_slides_and_documents(client, language):
    recording = RecordingPage.objects.live().filter(locale__language_code=language).first()
    (item,) = recording.document_list  # the demo's slides, labelled in each language
    page = soup(client.get(recording.url))
    assert str(item) in page.select_one("ul.documents").get_text()
    assert recording.url in found(client, language, f'"{item}"', type="recording")


def test_a_documents_new_title_finds_the_recordings_listing_it_by_its_title(client, fr):
    recording = RecordingPage.objects.live().filter(locale=fr).first()
    document = get_document_model().objects.create(
        title="Carnet de terrain Vauboyen", file=ContentFile(b"%PDF-1.4", name="carnet.pdf")
    )
    # No label of its own: the recording lists it by the document's title.
    RecordingDocument.objects.create(page=recording, document=document, locale=fr, sort_order=1)
    recording.save_revision().publish()
    assert recording.url in found(client, "fr", "carnet vauboyen", type="recording")
    document.title = "Registre de Quillebœuf"
    document.save()
    assert "Registre de Quillebœuf" in client.get(recording.url).content.decode()
    assert recording.url in found(client, "fr", "registre quilleboeuf", type="recording")
    assert recording.url not in found(client, "fr", "carnet vauboyen", type="recording")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_case_study_is_found_by_its_lab_place_tags_and_levers_in_its_language(client, language):
    study = (
        CaseStudyPage.objects.live()
        .filter(locale__language_code=language)
        .exclude(tagged_items=None)
        .exclude(lever_links=None)
        .exclude(lab=None)
        .order_by("path")
        .first()
    )
    locale = study.locale
    lab = Lab.objects.get(slug=study.lab.slug, locale=locale)
    tags = [
        CaseStudyTag.objects.get(translation_key=tag.translation_key, locale=locale).name
        for tag in study.tags.all()
    ]
    levers = [
        Lever.objects.get(code=link.lever.code, locale=locale).name
        for link in study.lever_links.all()
    ]
    with translation.override(language):
        country = str(study.country.name)
    for words in [lab.name, study.city, country, *tags, *levers]:
        assert study.url in found(client, language, f'"{words}"', type="case_study"), words


def test_a_lab_is_found_by_its_partners(client, fr):
    lab = Lab.objects.filter(locale=fr).order_by("slug").first()
    # The demo's labs list no partners: add one as an editor would, in the lab's form.
    LabPartner.objects.create(lab=lab, name="Régie de quartier Vauboyen", locale=fr)
    lab.save()
    for words in ["Régie de quartier Vauboyen", "regie vauboyen"]:
        urls = found(client, "fr", words, type="lab")
        assert any(url.endswith(f"/laboratoires/{lab.slug}/") for url in urls), words


def test_renaming_an_organisation_reindexes_the_sessions_that_show_it(client, en):
    session = programme_session("en")
    organisation = next(
        c.person.organisation for c in session.contributor_list if c.person.organisation_id
    )
    old = organisation.name
    assert session.url in found(client, "en", f'"{old}"', type="session")
    organisation.name = "Quorndon Tenants Federation"
    organisation.save()
    assert session.url in found(client, "en", "Quorndon Tenants Federation")
    assert session.url not in found(client, "en", f'"{old}"', type="session")


def test_a_persons_new_city_finds_their_sessions(client, fr):
    session = programme_session("fr")
    person = session.contributor_list[0].person
    person.city = "Tombouctou"
    person.save()
    assert session.url in found(client, "fr", "tombouctou")


def test_renaming_a_tag_lab_or_lever_reindexes_the_case_studies_that_show_it(client, en):
    study = (
        CaseStudyPage.objects.live()
        .filter(locale=en)
        .exclude(tagged_items=None)
        .exclude(lever_links=None)
        .exclude(lab=None)
        .order_by("path")
        .first()
    )
    tag = CaseStudyTag.objects.get(translation_key=study.tags.first().translation_key, locale=en)
    lab = Lab.objects.get(slug=study.lab.slug, locale=en)
    lever = Lever.objects.get(code=study.lever_links.first().lever.code, locale=en)
    for obj, new in [(tag, "Zorblax tenure"), (lever, "Vexillary lever"), (lab, "Quixotic Lab")]:
        old = obj.name
        obj.name = new
        obj.save()
        assert study.url in found(client, "en", new, type="case_study"), new
        if obj is not lab:  # the lab's city is in the case study's own text
            assert study.url not in found(client, "en", f'"{old}"', type="case_study"), old


def test_deleting_a_tag_takes_its_name_out_of_the_case_studies(client, en):
    study = CaseStudyPage.objects.live().filter(locale=en).exclude(tagged_items=None).first()
    # The page carries its source's tag rows and shows each tag's English version.
    tag = CaseStudyTag.objects.get(translation_key=study.tags.first().translation_key, locale=en)
    tag.name = "Glimmerwick"
    tag.save()
    assert study.url in found(client, "en", "glimmerwick")
    CaseStudyTag.objects.filter(translation_key=tag.translation_key).delete()
    assert found(client, "en", "glimmerwick") == []


def test_a_page_about_the_query_ranks_above_pages_that_only_carry_its_label(client, en):
    """Issue 15 §5: `citizen network` ranked nine example case studies first (each matching
    only through its lever's label "Strong citizen networks"), and the session whose
    programme opens with "Strong citizen networks" tenth."""
    session = programme_session("en")
    urls = found(client, "en", "citizen network")
    assert urls[0] == session.url
    # Pages matching only through a label still come, after the pages that treat it.
    labelled = CaseStudyPage.objects.live().filter(
        locale=en, lever_links__lever__name="Strong citizen networks"
    )
    assert {page.url for page in labelled} & set(urls[1:])


@pytest.mark.parametrize("language, query", [("en", "citizen network"), ("fr", "logement")])
def test_snippets_hold_no_label_words(client, language, query):
    """Issue 15 §6: a snippet read "Cairo logement coopératives foncier": the lab's city
    and the tags run into the text. A snippet comes from the page's own words."""
    page = soup(client.get(SEARCH[language], {"q": query, "type": "case_study"}))
    hits = page.select(".search-hit")
    assert hits
    studies = {
        study.url: study
        for study in CaseStudyPage.objects.live().filter(locale__language_code=language)
    }
    for hit in hits:
        study = studies[hit.select_one(".search-hit__title a")["href"]]
        snippet = " ".join(hit.select_one(".search-hit__snippet").get_text().split())
        own = " ".join(
            str(value)
            for value in [study.summary, study.body, study.actors, study.outcomes, study.lessons]
        )
        labels = [Lab.objects.get(slug=study.lab.slug, locale=study.locale).name]
        labels += [
            Lever.objects.get(code=link.lever.code, locale=study.locale).name
            for link in study.lever_links.all()
        ]
        labels += [
            CaseStudyTag.objects.get(translation_key=tag.translation_key, locale=study.locale).name
            for tag in study.tags.all()
        ]
        for label in labels:
            if label.lower() not in own.lower():
                assert label.lower() not in snippet.lower(), (label, snippet)
