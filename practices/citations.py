"""What "cite this" says about a case study (see cms.citation).

The author is the Fairville lab the editors named, when the lab wrote it
(``lab_is_author``), else the Fairville project, which publishes the library: a proposal
from outside the lab, or one of the demo's examples, is not credited to a real lab.
Nobody is added or guessed. The date is the first publication.
"""

from cms.citation import Author, Citation, fairville_project, issued_from
from cms.licences import licence_for, site_doi

from . import vocabulary


def case_study_citation(page, request, lab=None):
    if not page.lab_is_author:
        lab = None
    elif lab is None and page.lab_id:
        lab = vocabulary.labs(page.locale).get(page.lab.slug, page.lab)
    author = Author(lab.name if lab else fairville_project(), organisation=True)
    library = page.get_parent()
    return Citation(
        kind="case_study",
        key=f"fairville-case-study-{page.translation_key.hex[:12]}-{page.locale.language_code}",
        title=page.title,
        authors=[author],
        issued=issued_from(page.first_published_at),
        publisher=fairville_project(),
        language=page.locale.language_code,
        url=page.get_full_url(request),
        licence=licence_for(page, request).as_dict(),
        doi=site_doi(request),
        container_title=library.title if library else "",
        abstract=page.summary,
        pdf_url=_first_pdf(page, request),
    )


def _first_pdf(page, request):
    for block in page.resources:
        if block.block_type == "document":
            document = block.value["document"]
            if document and document.file_extension.lower() == "pdf":
                return request.build_absolute_uri(document.url)
    return ""
