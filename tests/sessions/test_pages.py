"""What visitors read on the series and session pages, in French and in English."""

import pytest

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
