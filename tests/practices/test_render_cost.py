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
    [(CASE_EN, 21), (LAB_EN, 22), (FILTERED_EN, 20), ("/fr/bibliotheque/", 18)],
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


def test_the_follow_links_of_a_filtered_library_name_its_filters_as_they_are_now(en):
    def follow(url):
        return [a.get_text() for a in soup(Client().get(url)).select(".follow a")]

    assert "Follow “Theme: housing”" in follow("/en/library/?tag=housing")
    tag = CaseStudyTag.objects.get(slug="housing", locale=en)
    tag.name = "housing rights"
    tag.save()
    assert "Follow “Theme: housing rights”" in follow("/en/library/?tag=housing")
