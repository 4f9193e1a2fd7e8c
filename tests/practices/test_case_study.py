"""A case study page: facts in the reader's language, sessions, map, structured data."""

import json

import pytest

from practices.models import CaseStudyPage, CaseStudySession

from .conftest import soup

pytestmark = pytest.mark.django_db


def demo_case(language="en"):
    return CaseStudyPage.objects.get(
        slug="example-legal-help-desk-bruxelles"
        if language == "en"
        else "exemple-permanence-juridique-bruxelles"
    )


def test_the_page_shows_its_facts_in_its_language(client):
    page = soup(client.get(demo_case().url))
    facts = page.select_one(".case-study__facts").get_text(" ", strip=True)
    assert "Fairville Lab Brussels" in facts and "Brussels, Belgium" in facts
    assert "Defending" in facts and "Strong citizen networks" in facts
    assert page.select_one(".case-study__facts a")["href"] == "/en/library/labs/bruxelles/"
    assert "This is an example case study" in page.get_text()


def test_structured_data_describes_the_case_study(client):
    page = soup(client.get(demo_case().url))
    scripts = page.select("script")
    assert [s["type"] for s in scripts] == ["application/ld+json"]
    data = json.loads(scripts[0].string)
    assert data["@type"] == "Article" and data["inLanguage"] == "en"
    assert data["headline"] == "A legal help desk against evictions in Brussels"
    assert data["spatialCoverage"]["address"]["addressCountry"] == "BE"
    assert data["spatialCoverage"]["geo"]["latitude"] == pytest.approx(50.85, abs=0.1)
    assert {term["termCode"] for term in data["about"]} == {"defendre", "reseaux-citoyens"}
    assert data["keywords"] == ["housing", "right to housing"]
    assert data["url"].endswith("/en/library/example-legal-help-desk-bruxelles/")


def test_structured_data_cannot_be_broken_out_of(client, make_case):
    page = make_case("</script><script>alert(1)</script> & co", slug="script-co")
    body = client.get(page.url).content.decode()
    head = body.split("</head>")[0]
    assert "<script>alert(1)" not in head and head.count("</script>") == 1
    data = json.loads(soup(client.get(page.url)).select_one("script").string)
    assert data["name"] == "</script><script>alert(1)</script> & co"


def test_the_case_study_lists_the_sessions_on_its_levers(client):
    page = soup(client.get(demo_case().url))
    section = page.select_one("#sessions-heading").find_parent("section")
    titles = [a.get_text() for a in section.select("a")]
    assert "Defending meaningful co-production" in titles
    assert all(a["href"].startswith("/en/") for a in section.select("a"))


def test_a_session_page_lists_the_case_studies_on_its_levers_and_linked_to_it(
    client, make_case, fr
):
    from django.apps import apps

    SessionPage = apps.get_model("event_sessions", "SessionPage")
    session = SessionPage.objects.get(locale=fr, lever_links__lever__code="financer")
    html = soup(client.get(session.url))
    listed = [a.get_text() for a in html.select(".session-case-studies li a")]
    assert "Une coopérative d'habitants au Caire" in listed
    assert "Un atelier sans levier" not in listed

    case = make_case("Un atelier sans levier", english="A workshop without a lever")
    CaseStudySession.objects.create(page=case, session=session, sort_order=0)
    case.save_revision().publish()
    listed = [
        a.get_text() for a in soup(client.get(session.url)).select(".session-case-studies li a")
    ]
    assert "Un atelier sans levier" in listed
    # And the case study names the session, in English on the English page.
    english = case.get_translation(
        session.get_translation(session.locale.__class__.objects.get(language_code="en")).locale
    )
    from cms.translation import sync

    sync(case)
    english = CaseStudyPage.objects.get(pk=english.pk)
    discussed = soup(client.get(english.url)).select_one("#sessions-heading").find_parent("section")
    assert session.get_translation(english.locale).title in discussed.get_text()


def test_the_map_is_drawn_by_the_site_and_its_markers_are_links(client):
    page = soup(client.get("/en/library/"))
    svg = page.select_one(".library-map svg")
    assert svg.select_one("image")["href"].startswith("/static/practices/land.svg")
    labs = {a.select_one("title").get_text(): a["href"] for a in svg.select("a.marker--lab")}
    assert labs["Fairville lab: Fairville Lab Dakar"] == "/en/library/labs/dakar/"
    assert len(labs) == 7
    cases = [a["href"] for a in svg.select("a.marker--case")]
    listed = [a["href"] for a in page.select(".case__title a")]
    assert cases and set(cases) <= set(listed)
    # Dakar is south-west of Berlin on the map.
    dakar = svg.select_one('a[href="/en/library/labs/dakar/"] rect')
    berlin = svg.select_one('a[href="/en/library/labs/berlin/"] rect')
    assert float(dakar["x"]) < float(berlin["x"]) and float(dakar["y"]) > float(berlin["y"])
    assert client.get("/static/practices/land.svg").status_code == 200


CAPTIONS = {
    "fr": (
        "Les carrés sont les laboratoires Fairville, le point cette étude de cas.",
        "Les carrés sont les laboratoires Fairville, les points les études de cas listées",
    ),
    "en": (
        "Squares are Fairville labs, the dot is this case study.",
        "Squares are Fairville labs, dots are the case studies listed above.",
    ),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_case_studys_map_says_its_dot_is_this_case_study(client, language):
    # It said "dots are the case studies listed above", as the library and lab pages do,
    # on a page that lists none.
    this_case, listed = CAPTIONS[language]
    case = demo_case(language)
    section = soup(client.get(case.url)).select_one(".library-map")
    assert [a["href"] for a in section.select("a.marker--case")] == [case.url]
    # In its lab's city, the dot is drawn after (over) the lab's square, which hid it.
    kinds = [" ".join(a["class"]) for a in section.select("a.marker")]
    assert kinds == ["marker marker--lab", "marker marker--case"]
    assert section.select_one(".help").get_text().startswith(this_case)
    library = soup(client.get(case.get_parent().url))
    assert library.select_one(".library-map .help").get_text().startswith(listed)


def test_lab_pages_list_their_case_studies_in_both_languages(client):
    french = soup(client.get("/fr/bibliotheque/laboratoires/le-caire/"))
    english = soup(client.get("/en/library/labs/le-caire/"))
    assert french.h1.get_text() == "Laboratoire Fairville du Caire"
    assert english.h1.get_text() == "Fairville Lab Cairo"
    assert len(french.select(".case")) == len(english.select(".case")) > 0
    switch = english.select_one('.language-switcher a[hreflang="fr"]')["href"]
    assert switch == "/fr/bibliotheque/laboratoires/le-caire/"
    assert client.get("/en/library/labs/atlantis/").status_code == 404
