""" "Cite this" on every kind of citable page, in both languages: the formatted reference,
the downloads parsed by real parsers (bibtexparser, RIS by its tags, citeproc-py), the
Highwire citation_* tags and the JSON-LD, all telling the same facts."""

import json
import re
from pathlib import Path

import bibtexparser
import citeproc
import pytest
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode
from citeproc import (
    Citation as CSLCitation,
)
from citeproc import (
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from wagtail.models import Locale, Site

from cms.models import Licence, SiteSettings
from cms.translation import sync
from practices.models import CaseStudyPage, Lab
from sessions.models import RecordingPage, SessionPage
from tests.helpers import soup, text
from tests.practices.test_submissions import proposal

pytestmark = [
    pytest.mark.django_db,
    # CSL-JSON's "license" (CSL 1.0.2) is not one citeproc-py renders; it says so.
    pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported"),
]

HARVARD = Path(citeproc.__file__).parent / "data/styles/harvard-cite-them-right.csl"
PROJECT = {"fr": "Le projet Fairville", "en": "The Fairville project"}
KIND_LABEL = {
    ("case_study", "fr"): "Étude de cas",
    ("case_study", "en"): "Case study",
    ("session", "fr"): "Séminaire en ligne",
    ("session", "en"): "Online seminar",
    ("recording", "fr"): "Enregistrement vidéo",
    ("recording", "en"): "Video recording",
}


def expected(kind, language):
    """The page of this kind in this language and what its citation must say, read from
    the database independently of the citation code."""
    if kind == "case_study":
        page = (
            CaseStudyPage.objects.live()
            .filter(locale__language_code=language, lab__isnull=False)
            .order_by("path")
            .first()
        )
        if not page.lab_is_author:
            return page, [PROJECT[language]], page.first_published_at.year
        lab = page.lab
        if lab.locale.language_code != language:
            lab = lab.get_translation_or_none(page.locale) or lab
        return page, [lab.name], page.first_published_at.year

    if kind == "session":
        page = (
            SessionPage.objects.live()
            .filter(locale__language_code=language, starts_at__isnull=False)
            .exclude(contributors=None)
            .order_by("path")
            .first()
        )
        names = list(dict.fromkeys(c.person.name for c in page.contributors.order_by("sort_order")))
        return page, names, page.starts_at.astimezone(page.zone).year
    page = RecordingPage.objects.live().filter(locale__language_code=language).first()
    names = list(dict.fromkeys(s.person.name for s in page.speakers.order_by("sort_order")))
    if not names:
        names = [c.person.name for c in page.session.contributors.order_by("sort_order")]
    return page, list(dict.fromkeys(names)) or [PROJECT[language]], page.recorded_at.year


def written_by_its_lab(page):
    """``page`` (and its translations) as a case study its lab wrote: the demo's are
    examples, which no lab wrote."""
    source = page.get_translation(Locale.objects.get(language_code="fr"))
    source.lab_is_author = True
    source.save_revision().publish()
    sync(source)


def json_ld(page_soup):
    return [
        json.loads(tag.string) for tag in page_soup.find_all("script", type="application/ld+json")
    ]


def meta(page_soup, name):
    return [tag["content"] for tag in page_soup.find_all("meta", attrs={"name": name})]


def parse_ris(content):
    """RIS by its tags: 'TY  - VALUE' lines, in order, ending with ER."""
    entries = []
    for line in content.splitlines():
        assert line[2:6] == "  - ", f"not a RIS line: {line!r}"
        entries.append((line[:2], line[6:]))
    assert entries[0][0] == "TY" and entries[-1][0] == "ER"
    return entries


def bibliography_entry(csl_items):
    """CSL-JSON rendered by citeproc-py (Harvard style) to one bibliography entry."""
    source = CiteProcJSON(csl_items)
    style = CitationStylesStyle(str(HARVARD), validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(CSLCitation([CitationItem(csl_items[0]["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == 1
    return entries[0]


def unescape_bibtex(value):
    """BibTeX's escapes read back: \\& is &, \\textasciitilde{} is ~..."""
    words = {
        "textbackslash": "\\",
        "textasciitilde": "~",
        "textasciicircum": "^",
        "textbraceleft": "{",
        "textbraceright": "}",
    }
    return re.sub(
        r"\\(?:([a-z]+)\{\}|([%&#$_]))",
        lambda m: words[m.group(1)] if m.group(1) else m.group(2),
        value,
    )


def bibtex_entries(content):
    parser = BibTexParser(common_strings=True)
    parser.customization = convert_to_unicode
    return bibtexparser.loads(content, parser=parser).entries


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", ["case_study", "session", "recording"])
def test_every_citable_page_tells_the_same_citation_everywhere(client, kind, language):
    if kind == "case_study":
        written_by_its_lab(expected(kind, language)[0])
    page, authors, year = expected(kind, language)
    if kind == "case_study":
        assert page.lab_is_author and authors != [PROJECT[language]]
    url = page.get_full_url()
    cc_by = Licence.objects.get(spdx_id="CC-BY-4.0")
    html = soup(client.get(page.url))

    # Highwire tags, as Zotero's embedded-metadata translator reads them.
    assert meta(html, "citation_title") == [page.label if kind == "session" else page.title]
    assert meta(html, "citation_author") == authors
    assert meta(html, "citation_publication_date")[0].startswith(f"{year}/")
    assert meta(html, "citation_publisher") == [PROJECT[language]]
    assert meta(html, "citation_language") == [language]
    assert meta(html, "citation_public_url") == [url]
    assert meta(html, "DC.rights") == [cc_by.url]

    # schema.org: authors, publisher, licence (an Event's page: in subjectOf).
    data = json_ld(html)[0]
    work = data["subjectOf"] if kind == "session" else data
    assert work["license"] == cc_by.url
    assert [author["name"] for author in work["author"]] == authors
    assert work["publisher"]["name"] == PROJECT[language]
    assert work["inLanguage"] == language

    # On the page: the reference in the reader's language, the licence with rel="license".
    block = html.find("section", class_="cite-this")
    reference = text(block.find(class_="cite-this__reference"))
    assert KIND_LABEL[(kind, language)] in reference
    assert authors[0] in reference and str(year) in reference and url in reference
    licence_links = html.find_all("a", rel="license")
    assert [(a["href"], text(a)) for a in licence_links] == [(cc_by.url, cc_by.name)]

    downloads = {text(a): a["href"] for a in block.select(".cite-this__downloads a")}
    assert set(downloads) == {"BibTeX", "RIS", "CSL-JSON"}

    response = client.get(downloads["BibTeX"])
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert "attachment" in response["Content-Disposition"]
    [entry] = bibtex_entries(response.content.decode())
    title = page.label if kind == "session" else page.title
    assert entry["title"].strip("{}") == title
    assert [name.strip("{}") for name in entry["author"].split(" and ")] == authors
    assert entry["year"] == str(year) and entry["url"] == url and entry["language"] == language
    assert cc_by.name in entry["note"]

    response = client.get(downloads["RIS"])
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    tags = parse_ris(response.content.decode())
    assert ("TI", title) in tags and ("UR", url) in tags and ("LA", language) in tags
    assert [value for tag, value in tags if tag == "AU"] == authors
    assert ("PY", str(year)) in tags

    response = client.get(downloads["CSL-JSON"])
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    items = json.loads(response.content)
    entry = bibliography_entry(items)
    assert title.split(":")[0] in entry and authors[0] in entry and str(year) in entry


def test_the_doi_from_the_settings_goes_into_every_citation(client, fr):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.doi = "10.5281/zenodo.1234567"
    settings.save()
    page = CaseStudyPage.objects.live().filter(locale=fr).first()
    html = soup(client.get(page.url))
    assert meta(html, "citation_doi") == ["10.5281/zenodo.1234567"]
    assert json_ld(html)[0]["identifier"]["value"] == "10.5281/zenodo.1234567"
    assert "https://doi.org/10.5281/zenodo.1234567" in text(html.find(class_="cite-this"))
    base = page.url + "cite/"
    [entry] = bibtex_entries(client.get(base + "bibtex/").content.decode())
    assert entry["doi"] == "10.5281/zenodo.1234567"
    assert ("DO", "10.5281/zenodo.1234567") in parse_ris(client.get(base + "ris/").content.decode())
    assert json.loads(client.get(base + "csl-json/").content)[0]["DOI"] == "10.5281/zenodo.1234567"


def test_a_title_full_of_bibtex_and_ris_syntax_stays_one_entry_as_typed(client, fr):
    page = CaseStudyPage.objects.live().filter(locale=fr).first()
    title = "50 % de {loyers} & #2 : A_B \\end{document} ~ ^ and } fin"
    page.title = title
    page.summary = "Une ligne.\nTY  - JOUR\nER  - "
    page.save_revision().publish()
    base = page.url + "cite/"
    parser = BibTexParser(common_strings=True)
    [entry] = bibtexparser.loads(client.get(base + "bibtex/").content.decode(), parser).entries
    # Every field after the title is still there: the title did not swallow the entry.
    assert {"title", "author", "year", "url", "publisher", "note"} <= set(entry)
    assert unescape_bibtex(entry["title"][1:-1]) == title
    tags = parse_ris(client.get(base + "ris/").content.decode())
    assert [tag for tag, _value in tags].count("TY") == 1 and [t for t, _ in tags].count("ER") == 1
    assert ("TI", title) in tags


def test_citations_of_drafts_unknown_formats_and_private_pages_are_not_served(client, fr):
    page = CaseStudyPage.objects.live().filter(locale=fr).first()
    assert client.get(page.url + "cite/pdf/").status_code == 404
    assert client.get(page.url + "cite/").status_code == 404
    page.unpublish()
    assert client.get(page.url + "cite/bibtex/").status_code == 404


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_case_study_no_lab_wrote_is_credited_to_the_project(client, language):
    """The demo's examples name a real lab, which wrote none of them, and so does a
    proposal from outside a lab once published: their citations credit the project, on the
    page, in its tags and in each download."""
    example = (
        CaseStudyPage.objects.live()
        .filter(locale__language_code=language, lab__isnull=False)
        .order_by("path")
        .first()
    )
    assert not example.lab_is_author
    lab_names = set(Lab.objects.values_list("name", flat=True))
    html = soup(client.get(example.url))
    assert meta(html, "citation_author") == [PROJECT[language]]
    reference = text(html.select_one(".cite-this__reference"))
    assert reference.startswith(PROJECT[language]) and not any(n in reference for n in lab_names)
    bibtex = client.get(example.url + "cite/bibtex/").content.decode()
    assert not any(name in bibtex for name in lab_names)
    assert bibtex_entries(bibtex)[0]["author"].strip("{}") == PROJECT[language]


def test_a_published_proposal_is_not_credited_to_the_lab_its_proposer_named(client, fr):
    response = client.post("/fr/bibliotheque/proposer/", proposal(lab="marseille"))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(title="Une épicerie solidaire")
    assert page.lab.slug == "marseille" and not page.lab_is_author
    page.save_revision().publish()  # an editor publishes it as it came
    html = soup(client.get(CaseStudyPage.objects.get(pk=page.pk).url))
    assert meta(html, "citation_author") == [PROJECT["fr"]]
