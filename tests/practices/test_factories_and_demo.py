import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.demo import DemoLoader
from practices.factories import bulk_case_studies
from practices.models import CaseStudyPage, CaseStudyTag, Lab

from .conftest import results, soup

pytestmark = pytest.mark.django_db


def test_the_factory_makes_valid_linked_bilingual_case_studies(client, fr, en):
    before = CaseStudyPage.objects.count()
    pages = bulk_case_studies(300, seed=7)
    assert len(pages) == 300
    assert CaseStudyPage.objects.count() == before + 600
    assert Page.find_problems() == ([], [], [], [], [])
    page = pages[0]
    english = page.get_translation(en)
    assert english.locale == en and english.reference == page.reference
    words = len(" ".join(b.value.source for b in page.body).split())
    assert words > 300
    assert english.title != page.title
    # They are real pages: routable, listed and filterable in both languages; the
    # library's keyword box searches the site's index, which the factory leaves alone.
    assert soup(client.get(english.url)).h1.get_text() == english.title
    versions = CaseStudyPage.objects.filter(reference=page.reference).specific()
    get_search_backend().add_bulk(CaseStudyPage, list(versions))
    titles, _ = results(client, f"/en/library/?q={english.title.split(' · ')[-1]}")
    assert titles == [english.title]
    tag = page.tags.first()
    assert CaseStudyTag.objects.filter(translation_key=tag.translation_key, locale=en).exists()


def test_the_factory_is_deterministic(en):
    first = [p.title for p in bulk_case_studies(5, seed=3)]
    CaseStudyPage.objects.filter(reference__startswith="GEN-3-").delete()
    assert [p.title for p in bulk_case_studies(5, seed=3)] == first


def test_the_demo_holds_the_seven_labs_and_24_example_case_studies(fr, en):
    assert sorted(Lab.objects.filter(locale=fr).values_list("slug", flat=True)) == [
        "athenes", "berlin", "bruxelles", "dakar", "le-caire", "londres", "marseille"
    ]  # fmt: skip
    assert Lab.objects.filter(locale=en).count() == 7
    for language, marker in (("fr", "Étude de cas d'exemple"), ("en", "Example case study")):
        cases = CaseStudyPage.objects.live().filter(locale__language_code=language)
        assert cases.count() == 24
        assert all(case.summary.startswith(marker) for case in cases)
    by_lab = {
        lab: CaseStudyPage.objects.filter(locale=fr, lab__slug=lab).count()
        for lab in ("athenes", "berlin", "bruxelles", "dakar", "le-caire", "londres", "marseille")
    }
    assert all(count >= 3 for count in by_lab.values())


def test_the_library_is_in_the_menu_and_the_home_page_shows_it(client):
    home = soup(client.get("/en/"))
    assert "/en/library/" in [a["href"] for a in home.select(".main-nav a")]
    section = home.select_one("#home-library-heading").find_parent("section")
    assert len(section.select(".card")) == 3
    assert "/en/library/labs/dakar/" in [a["href"] for a in section.select("a")]


def test_loading_the_demo_again_changes_nothing():
    counts = (CaseStudyPage.objects.count(), CaseStudyTag.objects.count(), Lab.objects.count())
    DemoLoader().run()
    assert (
        CaseStudyPage.objects.count(),
        CaseStudyTag.objects.count(),
        Lab.objects.count(),
    ) == counts
