"""What visitors read on the series and session pages, in French and in English."""

import pytest

from sessions.models import SeriesPage

from .conftest import soup, text

pytestmark = pytest.mark.django_db

SEED_PEOPLE_FR = [
    ("Richard Lee", "Just Space, Londres, Royaume-Uni"),
    ("Mariana Tournon", "APPUI, France"),
    ("Manuel Katzer", "Deutsche Wohnen & Co. enteignen, Berlin, Allemagne"),
    ("Maxime Poumerol", "Ville de Tours, France"),
    ("Beth Perry", "Université de Sheffield, Royaume-Uni"),
    ("Claire Bénit-Gbaffou", "Aix-Marseille Université, France"),
    ("Myriam Cau", "Conseil Français des Urbanistes, France"),
    ("Barbara Lipietz", "The Bartlett Development Planning Unit, UCL, Royaume-Uni"),
    ("Tim Wickson", "The Bartlett Development Planning Unit, UCL, Royaume-Uni"),
    ("Alessio Kolioulis", "The Bartlett Development Planning Unit, UCL, Royaume-Uni"),
]
SEED_PEOPLE_EN = [
    ("Richard Lee", "Just Space, London, United Kingdom"),
    ("Mariana Tournon", "APPUI, France"),
    ("Manuel Katzer", "Deutsche Wohnen & Co. enteignen, Berlin, Germany"),
    ("Maxime Poumerol", "City of Tours, France"),
    ("Beth Perry", "University of Sheffield, United Kingdom"),
    ("Claire Bénit-Gbaffou", "Aix-Marseille University, France"),
    ("Myriam Cau", "Conseil Français des Urbanistes, France"),
    ("Barbara Lipietz", "The Bartlett Development Planning Unit, UCL, United Kingdom"),
    ("Tim Wickson", "The Bartlett Development Planning Unit, UCL, United Kingdom"),
    ("Alessio Kolioulis", "The Bartlett Development Planning Unit, UCL, United Kingdom"),
]


def people_on(page):
    return [
        (text(li.select_one(".person__name")), text(li.select_one(".person__affiliation")))
        for li in page.select(".person")
    ]


def test_series_pages_list_the_five_sessions_in_order(client, series_fr, series_en):
    for series, past_heading in ((series_fr, "Sessions passées"), (series_en, "Past sessions")):
        page = soup(client.get(series.url))
        past = page.find("h2", string=past_heading).find_parent("section")
        numbers = [text(n) for n in past.select(".session-card__number")]
        assert numbers == ["#1", "#2", "#3", "#4", "#5"]


@pytest.mark.parametrize(
    ("language", "people", "headings"),
    [
        ("fr", SEED_PEOPLE_FR, ["Contributions et commentaires", "Animation"]),
        ("en", SEED_PEOPLE_EN, ["Contributions and comments", "Moderation"]),
    ],
)
def test_session_one_shows_every_seed_person(
    client, session_fr, session_en, language, people, headings
):
    session = (session_fr if language == "fr" else session_en)(1)
    page = soup(client.get(session.url))
    assert people_on(page) == [(name, f"({where})") for name, where in people]
    assert [text(h) for h in page.select(".contributors h3")] == headings


def test_upcoming_and_past_are_separate_sections(client, series_fr):
    example_series = SeriesPage.objects.get(slug="serie-d-exemple")
    page = soup(client.get(example_series.url))
    upcoming = page.find("h2", string="Sessions à venir").find_parent("section")
    titles = [text(a) for a in upcoming.select(".session-card__title a")]
    assert titles == ["Session d'exemple — essayer l'inscription"]
    past = page.find("h2", string="Sessions passées").find_parent("section")
    titles = [text(a) for a in past.select(".session-card__title a")]
    assert titles == ["Session d'exemple — enregistrement et transcription"]
    assert [text(badge) for badge in past.select(".badge")] == ["Passée"]


def test_the_levers_series_lists_the_programme_only(client, series_fr, series_en):
    """The example session, which says it is not part of the programme, is not listed
    among the Levers series' sessions, in either language."""
    page = soup(client.get(series_fr.url))
    upcoming = page.find("h2", string="Sessions à venir").find_parent("section")
    assert not upcoming.select(".session-card")
    assert "Aucune session n'est encore annoncée." in text(upcoming)
    past = page.find("h2", string="Sessions passées").find_parent("section")
    statuses = [text(badge) for badge in past.select(".badge")]
    assert statuses == ["Passée", "Passée", "Passée", "Passée", "Date à confirmer"]
    english = text(soup(client.get(series_en.url)).main)
    assert "Example session" not in english and "Defending meaningful co-production" in english


@pytest.mark.parametrize(
    ("language", "when"),
    [
        ("fr", "16 avril 2026, 15h-17h CEST / 14h-16h BST"),
        ("en", "16 April 2026, 3-5 pm CEST / 2-4 pm BST"),
    ],
)
def test_session_four_is_in_summer_time(client, session_fr, session_en, language, when):
    session = (session_fr if language == "fr" else session_en)(4)
    page = soup(client.get(session.url))
    time = page.select_one(".session .when time")
    assert text(time) == when
    # Machine-readable instants for the visitor's own time zone, added by a script.
    assert (time["datetime"], time["data-end"]) == ("2026-04-16T13:00:00Z", "2026-04-16T15:00:00Z")
    assert page.select_one(".when__local").has_attr("hidden")


@pytest.mark.parametrize(
    ("language", "when", "status"),
    [
        ("fr", "juin 2026, date et heure à confirmer", "Date à confirmer"),
        ("en", "June 2026, date and time to be confirmed", "Date to be confirmed"),
    ],
)
def test_session_five_has_its_date_to_be_confirmed(
    client, session_fr, session_en, series_fr, series_en, language, when, status
):
    session = (session_fr if language == "fr" else session_en)(5)
    page = soup(client.get(session.url))
    assert text(page.select_one(".session .when")) == when
    assert text(page.select_one(".session__status")) == status
    assert page.select_one(".session time") is None
    assert page.find("a", string=lambda s: s and ".ics" in s) is None
    series = soup(client.get((series_fr if language == "fr" else series_en).url))
    assert when in text(series)


@pytest.mark.parametrize(
    ("language", "intro", "points"),
    [
        (
            "fr",
            "Le premier événement de cette série explore trois points d'entrée fondamentaux de "
            "la co-production:",
            [
                "Des réseaux citoyens solides capables de résister aux injustices, de partager "
                "les connaissances et de constituer une base horizontale;",
                "Un soutien élargi à la co-production, reflétant une évolution du discours public;",
                "Des institutions accessibles, réceptives et dotées des capacités nécessaires pour "
                "s'engager avec les savoirs et les ambitions des co-producteurs.trices.",
            ],
        ),
        (
            "en",
            "The first event of this series explores three fundamental entry points to "
            "co-production:",
            [
                "Strong citizen networks, able to resist injustice, share knowledge and build a "
                "horizontal base;",
                "Broader support for co-production, reflecting a shift in public discourse;",
                "Accessible, responsive institutions with the capacity to engage with the "
                "knowledge and ambitions of co-producers.",
            ],
        ),
    ],
)
def test_session_one_shows_its_three_entry_points(
    client, session_fr, session_en, language, intro, points
):
    session = (session_fr if language == "fr" else session_en)(1)
    page = soup(client.get(session.url))
    block = page.select_one(".entry-points")
    assert text(block.p) == intro
    assert [text(li) for li in block.select("li")] == points


@pytest.mark.parametrize(
    ("language", "when", "interpretation"),
    [
        (
            "fr",
            "15 janvier 2026, 15h-17h CET / 14h-16h GMT",
            "Une traduction français/anglais et anglais/français sera disponible tout au long "
            "de l'événement.",
        ),
        (
            "en",
            "15 January 2026, 3-5 pm CET / 2-4 pm GMT",
            "French/English and English/French interpretation will be available throughout "
            "the event.",
        ),
    ],
)
def test_session_one_in_full(client, session_fr, session_en, language, when, interpretation):
    session = (session_fr if language == "fr" else session_en)(1)
    page = soup(client.get(session.url))
    assert text(page.select_one(".session .when__text")) == when
    assert interpretation in text(page.select_one(".languages"))
    calendar = page.find("a", href=f"/{language}/calendar/session-{session.pk}.ics")
    assert calendar is not None
    assert page.find("link", hreflang="en" if language == "fr" else "fr") is not None


def test_pages_run_no_inline_script(client, series_fr, session_fr, home_fr):
    # A strict Content-Security-Policy forbids inline scripts; data blocks are not scripts.
    for url in (series_fr.url, session_fr(1).url, home_fr.url):
        for script in soup(client.get(url)).find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", script


def test_the_dialogues_page_leads_to_the_series(client, series_fr):
    page = soup(client.get(series_fr.get_parent().url))
    assert text(page.h1) == "Dialogues en co-production"
    assert "Les Dialogues en co-production sont ouverts aux habitant·e·s" in text(page)
    assert page.find("a", href=series_fr.url) is not None


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_series_page_leads_back_to_the_dialogues(client, series_fr, series_en, language):
    # Nothing else linked to the Dialogues page, which lists every series and offers to
    # follow them all: it was reached only by its address.
    series = series_fr if language == "fr" else series_en
    page = soup(client.get(series.url))
    crumb = page.select_one(".prose > p.meta a")
    assert crumb["href"] == series.get_parent().url
    assert text(crumb) == series.get_parent().title


def test_a_series_card_without_a_search_description_shows_its_intro(client, series_fr):
    # The example series has an intro and no search description ("Promote" tab): its card
    # said nothing, not even that it is an example.
    example = SeriesPage.objects.get(locale=series_fr.locale, slug="serie-d-exemple")
    assert not example.search_description and example.intro
    page = soup(client.get(series_fr.get_parent().url))
    card = page.select_one(f'.cards a[href="{example.url}"]').find_parent("li")
    assert "elle ne fait pas partie du programme des Dialogues" in text(card)
    levers = page.select_one(f'.cards a[href="{series_fr.url}"]').find_parent("li")
    assert text(levers.p) == series_fr.search_description


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_header_names_the_dialogues_as_their_page_does(client, series_fr, series_en, language):
    # The English header said "Dialogues on co-production", the page and footer
    # "Co-production Dialogues".
    dialogues = (series_fr if language == "fr" else series_en).get_parent()
    page = soup(client.get(dialogues.url))
    assert text(page.select_one(".site-name__tagline")) == dialogues.title == text(page.h1)


def test_names_and_organisations_are_shown_as_text(client, fr, make_session):
    from sessions.models import ContributorRole, Organisation, Person

    organisation = Organisation.objects.create(locale=fr, name="<b>Ωmega</b> & Çie")
    person = Person.objects.create(
        locale=fr, name="<img src=x onerror=alert(1)>" + "é" * 150, organisation=organisation
    )
    role = ContributorRole.objects.filter(locale=fr).first()
    session = make_session(contributors=[(person, role)])
    response = client.get(session.url)
    assert b"<img src=x" not in response.content and b"<b>" not in response.content
    page = soup(response)
    assert text(page.select_one(".person__name")) == person.name
    assert text(page.select_one(".person__affiliation")) == "(<b>Ωmega</b> & Çie)"
