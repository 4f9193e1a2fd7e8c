"""The library's facet options, tag cloud and map markers are written by Python
(practices_tags), not template loops: what editors and visitors write in them is escaped
as the templates escaped it, and the options still say what the reader chose."""

from decimal import Decimal

import pytest
from django.test import Client

from practices.models import CaseStudyTag, Lab

from .conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

MARKUP = '<img src=x onerror="alert(1)">&"'
ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&quot;"


def test_names_written_with_markup_are_shown_as_text(make_case, fr):
    lab = Lab.objects.get(slug="marseille", locale=fr)
    lab.name = f"Labo {MARKUP}"
    lab.city = f"Ville {MARKUP}"  # its name on the map
    lab.save()
    make_case(
        f"Un cas {MARKUP}",
        slug="un-cas-balise",
        tags=[f"thème {MARKUP}"],
        lab="marseille",
        latitude=Decimal("43.3"),
        longitude=Decimal("5.4"),
    )
    tag = CaseStudyTag.objects.get(name=f"thème {MARKUP}")
    for _ in range(2):  # built, then kept
        response = Client().get("/fr/bibliotheque/?lab=marseille")
        html = response.content.decode()
        assert "<img" not in html
        # Lab option, tag option, tag cloud, lab and case markers (and the row, a template).
        assert html.count(ESCAPED) >= 6
        page = soup(response)
        labels = [span.get_text() for span in page.select(".facet__option span:not([class])")]
        assert f"Labo {MARKUP}" in labels and f"thème {MARKUP}" in labels
        cloud = [a["href"] for a in page.select(".tag-cloud__tag")]
        assert f"/fr/bibliotheque/?tag={tag.slug}" in cloud
        markers = [title.get_text() for title in page.select(".library-map title")]
        assert f"Laboratoire Fairville : Labo {MARKUP}" in markers
        assert f"Étude de cas : Un cas {MARKUP}" in markers
        names = [text.get_text() for text in page.select(".library-map .marker--lab text")]
        assert f"Ville {MARKUP}" in names


def test_the_options_say_what_the_reader_chose(client):
    page = soup(client.get("/en/library/?lab=dakar&tag=housing&tag=unknown"))
    checked = {
        (box["name"], box["value"]) for box in page.select(".library__filters input[checked]")
    }
    assert ("lab", "dakar") in checked and ("tag", "housing") in checked
    assert ("lab", "marseille") not in checked
    counts = [span.get_text() for span in page.select(".facet__option .facet__count")]
    assert counts and all(count.startswith("(") and count.endswith(")") for count in counts)
