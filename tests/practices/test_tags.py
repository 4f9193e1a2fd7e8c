"""Bilingual tags: one name per language, the same case studies in either language."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cms.translation import sync, translate
from practices.models import CaseStudyPage, CaseStudyTag

from .conftest import Oracle, results, soup

pytestmark = pytest.mark.django_db


def test_a_reader_sees_the_tags_in_their_own_language(client, make_case):
    page = make_case("Un toit", english="A roof", tags=["logement", "eau"])
    english = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
    fr_tags = [a.get_text() for a in soup(client.get(page.url)).select(".case-study__facts .tag")]
    en_tags = [
        a.get_text() for a in soup(client.get(english.url)).select(".case-study__facts .tag")
    ]
    assert fr_tags == ["eau", "logement"]
    assert en_tags == ["housing", "water"]
    links = [a["href"] for a in soup(client.get(english.url)).select(".case-study__facts .tag")]
    assert links == ["/en/library/?tag=housing", "/en/library/?tag=water"]


@pytest.mark.parametrize("slug", ["logement", "housing"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_tag_filter_finds_the_same_case_studies_in_either_language(
    client, make_case, language, slug
):
    make_case("Un toit", english="A roof", tags=["logement"])
    make_case("Un puits", english="A well", tags=["eau"])
    base = {"fr": "/fr/bibliotheque/", "en": "/en/library/"}[language]
    found, total = results(client, f"{base}?tag={slug}")
    roof, well = ("Un toit", "Un puits") if language == "fr" else ("A roof", "A well")
    assert roof in found and well not in found
    # Either language's name of the tag selects what the plain-Python oracle selects.
    assert sorted(found) == Oracle(language).titles({"tag": ["logement"]})
    assert total == len(found) > 1


def test_an_editor_names_a_tag_once_per_language(client, make_case, fr, en):
    page = make_case("Un atelier vélo", english="A bike workshop", tags=["vélo"])
    tag = CaseStudyTag.objects.get(locale=fr, name="vélo")
    # Before translation, English readers see the French name, marked as French.
    listing = soup(client.get("/en/library/?tag=velo"))
    option = listing.select_one('input[name="tag"][value="velo"]').find_parent("label")
    assert option.select_one("[lang=fr]").get_text() == "vélo"
    # The editor translates the tag snippet, as in the admin.
    translate(tag, en, {"vélo": "cycling", "velo": "cycling"})
    english = page.get_translation(en)
    assert [
        t.get_text() for t in soup(client.get(english.url)).select(".case-study__facts .tag")
    ] == ["cycling"]
    titles, _ = results(client, "/en/library/?tag=cycling")
    assert titles == ["A bike workshop"]
    # Syncing the page keeps the tag, and its English name.
    sync(page)
    titles, _ = results(client, "/fr/bibliotheque/?tag=cycling")
    assert titles == ["Un atelier vélo"]


def test_names_are_unique_per_language_not_across_languages(fr, en):
    transport = CaseStudyTag.objects.get(locale=fr, slug="transport")
    english = CaseStudyTag.objects.get(locale=en, translation_key=transport.translation_key)
    assert english.name == transport.name == "transport"
    # A second French "transport" (by name or by slug) is refused by the model's validation,
    # which the admin's form runs, and by the database.
    for duplicate in (
        CaseStudyTag(locale=fr, name="transport", slug="transport-bis"),
        CaseStudyTag(locale=fr, name="Transport bis", slug="transport"),
    ):
        with pytest.raises(ValidationError):
            duplicate.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            duplicate.save()


def test_typing_a_tag_on_a_page_uses_the_pages_language(library_en, en):
    page = CaseStudyPage(
        title="Written in English",
        slug="written-in-english",
        locale=en,
        summary="Example.",
        city="Leeds",
        country="GB",
        start_year=2020,
    )
    page.tags.add("housing", "allotments")
    library_en.add_child(instance=page)
    page.save_revision().publish()
    tags = {
        tag.name: tag.locale.language_code
        for tag in CaseStudyPage.objects.get(pk=page.pk).tags.all()
    }
    # "housing" is the English name of an existing tag: reused, not duplicated.
    assert tags == {"housing": "en", "allotments": "en"}
    assert CaseStudyTag.objects.filter(name="housing").count() == 1
