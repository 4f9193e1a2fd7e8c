"""What an uncached render of the library, a lab and a case study costs in queries, and
that what they keep between renders (the vocabularies, in the shared cache) is never
stale: a lab, lever or tag renamed, a page restricted, shows on the next render.

The page cache is off here, so every answer is a fresh render; the shared parts
(cms/fragments.py) are on, as in production with Redis.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.models import Lever
from practices.models import CaseStudyDiscussion, CaseStudyPage, CaseStudyTag, Lab
from sessions.models import RecordingPage, SessionPage

from .conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

CASE_EN = "/en/library/example-legal-help-desk-bruxelles/"
LAB_EN = "/en/library/labs/bruxelles/"
FILTERED_EN = "/en/library/?tag=housing&lever=defendre"


def queries(url):
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "budget"),
    # One query: the page, with its locale. Its route (the library's own routes too), the
    # site's parts, the article, the rows, the index's token, the language versions and
    # the follow links' codes are kept.
    [(CASE_EN, 1), (LAB_EN, 1), (FILTERED_EN, 1), ("/fr/bibliotheque/", 1)],
)
def test_a_render_reads_the_vocabularies_instead_of_querying_them(settings, url, budget):
    queries(url)  # fills the shared parts
    kept = queries(url)
    assert kept <= budget, kept
    settings.FAIRVILLE_FRAGMENT_CACHE_SECONDS = 0
    built = queries(url)
    # Labs, levers and tags, besides the parts every page shares.
    assert built - kept >= 3, (built, kept)


def facts(url):
    return soup(Client().get(url)).select_one(".case-study__facts").get_text(" ", strip=True)


def facet_labels(url, name):
    page = soup(Client().get(url))
    return {
        box.find_parent("label").select_one("span").get_text(strip=True)
        for box in page.select(f'.library__filters input[name="{name}"]')
    }


def test_a_renamed_lab_shows_at_once_on_the_case_study_the_lab_and_the_library(en):
    for url in (CASE_EN, LAB_EN, "/en/library/"):
        queries(url)
    lab = Lab.objects.get(slug="bruxelles", locale=en)
    lab.name = "Fairville Lab Brussels-Capital"
    lab.save()
    assert "Fairville Lab Brussels-Capital" in facts(CASE_EN)
    assert "Fairville Lab Brussels-Capital" in facet_labels("/en/library/", "lab")
    assert "Fairville Lab Brussels-Capital" in Client().get(LAB_EN).content.decode()


def test_a_renamed_lever_shows_at_once_on_the_case_study_and_in_the_facets(en):
    queries(CASE_EN)
    queries(FILTERED_EN)
    lever = Lever.objects.get(code="defendre", locale=en)
    lever.name = "Standing up for co-production"
    lever.save()
    assert "Standing up for co-production" in facts(CASE_EN)
    assert "Standing up for co-production" in facet_labels(FILTERED_EN, "lever")


def test_a_tag_translated_or_renamed_shows_at_once_in_the_readers_language(en, fr):
    queries(CASE_EN)
    queries("/en/library/")
    tag = CaseStudyTag.objects.get(slug="housing", locale=en)
    tag.name = "housing rights"
    tag.save()
    assert "housing rights" in facts(CASE_EN)
    assert "housing rights" in facet_labels("/en/library/", "tag")
    # A French tag the English side never had: the English page shows it in French until
    # it is translated, then in English, at once.
    source = CaseStudyTag.objects.create(name="quartier populaire", locale=fr)
    case = CaseStudyPage.objects.get(url_path__endswith="/example-legal-help-desk-bruxelles/")
    case.tags.add(source)
    case.save_revision().publish()
    assert "quartier populaire" in facts(CASE_EN)
    translated = source.copy_for_translation(en)  # unsaved
    translated.name = "working-class neighbourhood"
    translated.slug = "working-class-neighbourhood"
    translated.save()
    assert "working-class neighbourhood" in facts(CASE_EN)
    assert "quartier populaire" not in facts(CASE_EN)


def test_a_restricted_case_study_leaves_the_library_at_once(client):
    titles = [a.get_text() for a in soup(client.get(FILTERED_EN)).select(".case__title a")]
    assert "A legal help desk against evictions in Brussels" in titles
    case = CaseStudyPage.objects.get(url_path__endswith="/example-legal-help-desk-bruxelles/")
    PageViewRestriction.objects.create(page=case, restriction_type="login")
    titles = [a.get_text() for a in soup(client.get(FILTERED_EN)).select(".case__title a")]
    assert "A legal help desk against evictions in Brussels" not in titles
    assert client.get(CASE_EN).status_code != 200


def discussed_case_and_recording(language):
    demo = CaseStudyDiscussion.objects.get(locale__language_code="fr", note__startswith="Exemple")
    case = CaseStudyPage.objects.get(
        translation_key=demo.case_study.translation_key, locale__language_code=language
    )
    recording = RecordingPage.objects.get(
        translation_key=demo.recording.translation_key, locale__language_code=language
    )
    return case, recording


def restriction_reads(url):
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return sum("wagtailcore_pageviewrestriction" in query["sql"] for query in captured)


def test_the_view_restrictions_are_read_once_per_render_at_most():
    case, recording = discussed_case_and_recording("en")
    for url in (case.url, recording.url, CASE_EN):
        restriction_reads(url)
        # Wagtail's own check of the page served; its sessions and discussions read the
        # restricted sections from the shared cache.
        assert restriction_reads(url) <= 1, url


def test_a_restricted_session_recording_or_case_study_leaves_the_other_pages_at_once():
    def sessions(url):
        section = soup(Client().get(url)).select_one("#sessions-heading").find_parent("section")
        return [a.get_text() for a in section.select("a")]

    assert "Defending meaningful co-production" in sessions(CASE_EN)
    session = SessionPage.objects.get(title="Defending meaningful co-production")
    PageViewRestriction.objects.create(page=session, restriction_type="login")
    assert "Defending meaningful co-production" not in sessions(CASE_EN)

    case, recording = discussed_case_and_recording("en")
    assert soup(Client().get(case.url)).select(".discussed li")
    assert soup(Client().get(recording.url)).select("#transcript .transcript__span")
    PageViewRestriction.objects.create(page=recording, restriction_type="login")
    assert not soup(Client().get(case.url)).select(".discussed li")
    PageViewRestriction.objects.filter(page=recording).delete()
    PageViewRestriction.objects.create(page=case, restriction_type="login")
    assert not soup(Client().get(recording.url)).select("#transcript .transcript__span")


# The case study's article and the library's rows are kept whole (practices/detail.py,
# practices/rows.py): what they show must change at once, and only what is public and
# published may be kept.


def test_an_edited_case_study_shows_at_once_on_its_page_and_in_the_library(en):
    queries(CASE_EN)
    queries(FILTERED_EN)
    case = CaseStudyPage.objects.get(url_path__endswith="/example-legal-help-desk-bruxelles/")
    case.summary = "A help desk that kept 300 households in their homes."
    case.save_revision().publish()
    assert case.summary in soup(Client().get(CASE_EN)).select_one(".lead").get_text()
    rows = [li.get_text() for li in soup(Client().get(FILTERED_EN)).select(".case")]
    assert any(case.summary in row for row in rows), rows


def test_rows_carry_a_language_only_when_the_case_study_is_not_in_the_readers(make_case):
    make_case("Seulement en français", tags=["logement"])
    for url in ("/en/library/?tag=housing", "/fr/bibliotheque/?tag=logement"):
        queries(url)
        reader = url.split("/")[1]
        for row in soup(Client().get(url)).select(".case"):
            french_only = "Seulement en français" in row.get_text()
            title = row.select_one(".case__title")
            assert title.get("lang") == ("fr" if french_only and reader == "en" else None), url
            badge = "Not yet translated" in row.get_text()
            assert badge == (french_only and reader == "en"), url


def test_an_editors_preview_shows_the_draft_and_the_public_the_published_page(en):
    case = CaseStudyPage.objects.get(url_path__endswith="/example-legal-help-desk-bruxelles/")
    host = case.get_site().hostname
    assert Client().get(CASE_EN, HTTP_HOST=host).status_code == 200  # kept
    case.summary = "A draft nobody has published yet."
    preview = case.make_preview_request().content.decode()
    assert "A draft nobody has published yet." in preview
    public = Client().get(CASE_EN, HTTP_HOST=host).content.decode()
    assert "A draft nobody has published yet." not in public


def test_a_private_case_studys_text_stays_out_of_the_shared_cache(client, django_user_model):
    from django.core.cache import cache

    case = CaseStudyPage.objects.get(url_path__endswith="/example-legal-help-desk-bruxelles/")
    case.lessons = "<p>What the tenants told us in confidence.</p>"
    case.save_revision().publish()
    PageViewRestriction.objects.create(page=case, restriction_type="login")
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 12))
    for _ in range(2):
        page = client.get(CASE_EN).content.decode()
        assert "What the tenants told us in confidence." in page
    kept = b"".join(value for value in cache._cache.values() if isinstance(value, bytes))
    assert b"What the tenants told us" not in kept


def test_the_follow_links_of_a_filtered_library_name_its_filters_as_they_are_now(en):
    def follow(url):
        return [a.get_text() for a in soup(Client().get(url)).select(".follow a")]

    assert "Follow “Theme: housing”" in follow("/en/library/?tag=housing")
    tag = CaseStudyTag.objects.get(slug="housing", locale=en)
    tag.name = "housing rights"
    tag.save()
    assert "Follow “Theme: housing rights”" in follow("/en/library/?tag=housing")
