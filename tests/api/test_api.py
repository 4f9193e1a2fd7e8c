"""The public API (/api/v2/): read-only, live public pages only, public fields only."""

from datetime import UTC, datetime

import pytest
from django.db import models
from wagtail.models import PageViewRestriction

from cms.api import endpoints
from practices.models import CaseStudyPage
from sessions.models import RecordingPage, SessionPage

pytestmark = pytest.mark.django_db

PAGE_META = {
    "type",
    "detail_url",
    "html_url",
    "slug",
    "show_in_menus",
    "seo_title",
    "search_description",
    "first_published_at",
    "alias_of",
    "locale",
}
PUBLIC = {
    "sessions": {
        "number",
        "status",
        "starts_at",
        "ends_at",
        "time_zone",
        "provisional_month",
        "languages",
        "intro",
        "api_contributors",
        "api_licence",
    },
    "recordings": {
        "recorded_at",
        "duration_seconds",
        "intro",
        "takeaways",
        "api_session",
        "api_versions",
        "api_chapters",
        "api_speakers",
        "api_documents",
        "api_transcripts",
        "api_licence",
    },
    "case-studies": {
        "reference",
        "summary",
        "api_lab",
        "city",
        "country",
        "place",
        "latitude",
        "longitude",
        "start_year",
        "end_year",
        "ongoing",
        "body",
        "actors",
        "outcomes",
        "lessons",
        "api_tags",
        "api_licence",
    },
}
MODELS = {"sessions": SessionPage, "recordings": RecordingPage, "case-studies": CaseStudyPage}


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def absent(client, url):
    """Not served: the API's own JSON 404, not a redirect to a page of the site."""
    response = client.get(url)
    assert response["Content-Type"] == "application/json", response.status_code
    return response.status_code == 404 and "message" in response.json()


def test_the_endpoints_are_the_ones_documented():
    assert {name: viewset.model for name, viewset in endpoints().items()} == MODELS


def listing(client, name, language):
    """Every item of an endpoint in one language, following the pages of 20."""
    items, total = [], None
    while total is None or len(items) < total:
        page = get(client, f"/api/v2/{name}/", locale=language, limit=20, offset=len(items))
        total = page["meta"]["total_count"]
        assert page["items"], (name, language, len(items), total)
        items += page["items"]
    return items


@pytest.mark.parametrize("name", sorted(MODELS))
@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_endpoint_lists_the_live_public_pages_of_its_type_in_one_language(
    client, name, language
):
    model = MODELS[name]
    before = listing(client, name, language)
    ids = [item["id"] for item in before]
    assert ids and ids == sorted(ids)  # in the order of their ids, as documented
    for item in before:
        assert item["meta"]["type"] == model._meta.label
        assert item["meta"]["locale"] == language
        page = model.objects.get(pk=item["id"])
        assert item["title"] == page.title and item["meta"]["html_url"].endswith(page.url)

    # Known pages: a published copy comes last; a draft and a private copy never show.
    source = model.objects.get(pk=ids[0])

    def copy(slug, live):
        attrs = {"title": f"Copie {slug}", "slug": f"copie-{slug}"}
        if model is SessionPage:
            attrs["number"] = 100 + len(slug)  # a number is unique in its series
        return source.copy(update_attrs=attrs, keep_live=live, copy_revisions=False)

    published, _draft, private = (
        copy("publiee", True),
        copy("brouillon", False),
        copy("privee", True),
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    after = listing(client, name, language)
    assert [item["id"] for item in after] == [*ids, published.pk]
    assert after[-1]["title"] == "Copie publiee"
    other = "en" if language == "fr" else "fr"
    assert published.pk not in [item["id"] for item in listing(client, name, other)]


@pytest.mark.parametrize("name", sorted(MODELS))
def test_all_fields_are_exactly_the_allow_list(client, name):
    page = MODELS[name].objects.live().filter(locale__language_code="en").first()
    detail = get(client, f"/api/v2/{name}/{page.pk}/", fields="*")
    assert set(detail) == {"id", "meta", "title"} | PUBLIC[name]
    assert set(detail["meta"]) == PAGE_META
    listing = get(client, f"/api/v2/{name}/", fields="*", locale="en")
    for item in listing["items"]:
        assert set(item) == {"id", "meta", "title"} | PUBLIC[name]
    assert detail["title"] == page.title


def test_a_session_reads_as_on_its_page(client):
    session = SessionPage.objects.live().get(slug="anchoring-co-production")
    detail = get(client, f"/api/v2/sessions/{session.pk}/", fields="*")
    assert datetime.fromisoformat(detail["starts_at"]) == session.starts_at
    assert datetime.fromisoformat(detail["starts_at"]) == datetime(2026, 1, 15, 14, tzinfo=UTC)
    assert detail["languages"] == session.languages
    assert detail["api_contributors"] and all(c["name"] for c in detail["api_contributors"])
    assert "<p" in detail["intro"] and 'linktype="' not in detail["intro"]


@pytest.mark.parametrize("name", sorted(MODELS))
def test_a_field_left_off_the_allow_list_never_shows(client, name):
    """Every other text field of the page (a meeting link or passcode added later
    included) gets a unique marker; no answer of the API contains one."""
    model = MODELS[name]
    page = model.objects.live().filter(locale__language_code="fr").first()
    # The page's address is public by nature: it is its URL.
    public = PUBLIC[name] | {"title", "slug", "seo_title", "search_description", "url_path", "path"}
    markers = {}
    for field in model._meta.concrete_fields:
        if (
            field.name in public
            or field.choices
            or not isinstance(field, models.CharField | models.TextField)
        ):
            continue
        marker = f"zq{len(markers):02}x"
        if field.max_length and field.max_length < len(marker):
            continue
        markers[field.name] = marker
    assert "draft_title" in markers
    if name == "sessions":
        assert "interpretation" in markers
    model.objects.filter(pk=page.pk).update(**markers)
    answers = [
        client.get(f"/api/v2/{name}/{page.pk}/", {"fields": "*"}),
        client.get(f"/api/v2/{name}/", {"fields": "*", "locale": "fr", "limit": 20}),
    ]
    for answer in answers:
        assert answer.status_code == 200
        for field, marker in markers.items():
            assert marker not in answer.content.decode(), field


def test_drafts_are_absent_and_live_pages_show_their_published_text(client):
    session = SessionPage.objects.live().get(slug="anchoring-co-production")
    session.title = "Unpublished new title"
    session.save_revision()
    draft = SessionPage(
        title="Never published",
        slug="never-published",
        live=False,
        time_zone="Europe/Paris",
        status=SessionPage.Status.TO_BE_CONFIRMED,
    )
    session.get_parent().add_child(instance=draft)

    listing = get(client, "/api/v2/sessions/", locale="en", limit=20)
    titles = {item["title"] for item in listing["items"]}
    assert "Anchoring meaningful co-production for the long term" in titles
    assert not titles & {"Unpublished new title", "Never published"}
    assert absent(client, f"/api/v2/sessions/{draft.pk}/")
    assert get(client, f"/api/v2/sessions/{session.pk}/")["title"] != "Unpublished new title"


def test_private_pages_and_everything_under_them_are_absent(client):
    session = SessionPage.objects.live().filter(locale__language_code="fr").first()
    PageViewRestriction.objects.create(page=session, restriction_type=PageViewRestriction.LOGIN)
    assert absent(client, f"/api/v2/sessions/{session.pk}/")
    ids = {item["id"] for item in get(client, "/api/v2/sessions/", limit=20)["items"]}
    assert session.pk not in ids

    study = CaseStudyPage.objects.live().filter(locale__language_code="fr").first()
    PageViewRestriction.objects.create(
        page=study.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden = set(CaseStudyPage.objects.child_of(study.get_parent()).values_list("pk", flat=True))
    ids = {item["id"] for item in get(client, "/api/v2/case-studies/", limit=20)["items"]}
    assert study.pk in hidden and not ids & hidden
    assert absent(client, f"/api/v2/case-studies/{study.pk}/")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(admin_client, method):
    session = SessionPage.objects.live().first()
    count = SessionPage.objects.count()
    for url in ("/api/v2/sessions/", f"/api/v2/sessions/{session.pk}/"):
        response = getattr(admin_client, method)(
            url, data='{"title": "Changed"}', content_type="application/json"
        )
        assert response.status_code == 405, (method, url)
    assert SessionPage.objects.count() == count
    assert SessionPage.objects.get(pk=session.pk).title == session.title


def test_an_endpoint_shows_only_its_own_page_type(client):
    for params in ({"type": "wagtailcore.Page"}, {"search": "co-production"}, {"child_of": "3"}):
        response = client.get("/api/v2/sessions/", params)
        assert response.status_code == 400, params
    assert client.get("/api/v2/pages/").status_code == 404
