"""An editor's preview of a page not yet saved renders, for every kind of page.

Wagtail's preview panel on the "add" form (``PreviewOnCreateView``) renders an unsaved
page: no id, a path after its future siblings', its URL path set from its parent. A
template or context that needs the page's id (a calendar's address) answered the editor
with the server error page.
"""

import pytest
from wagtail.models import Page

from tests.helpers import soup

pytestmark = pytest.mark.django_db


def new_page(page):
    """An unsaved page of ``page``'s kind with its field values, placed under its parent
    as PreviewOnCreateView places one."""
    page = page.specific
    parent = page.get_parent()
    skipped = {"path", "depth", "numchild", "url_path", "translation_key", "draft_title"}
    fields = {
        field.attname: getattr(page, field.attname)
        for field in type(page)._meta.concrete_fields
        if not field.primary_key
        and field.attname not in skipped
        and not field.attname.endswith("revision_id")
    }
    new = type(page)(**fields)
    new.slug = f"{page.slug}-nouvelle"
    new.depth = page.depth
    new.path = parent.get_last_child()._inc_path()
    new.set_url_path(parent)
    return new


def one_of_each_kind():
    """A live page of each kind in each language; a session of each series (the demo's
    example session takes registrations, its first Levers session is past)."""
    seen, pages = set(), []
    for page in Page.objects.live().specific().filter(depth__gt=1).order_by("path"):
        kind = (type(page), page.locale_id, page.path[: -page.steplen])
        if kind not in seen:
            seen.add(kind)
            pages.append(page)
    return pages


def test_a_new_page_of_every_kind_can_be_previewed(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    pages = one_of_each_kind()
    assert len({type(page) for page in pages}) >= 9
    for page in pages:
        new = new_page(page)
        response = new.make_preview_request(request, new.default_preview_mode)
        assert response.status_code == 200, (type(page).__name__, page.locale)
        assert soup(response).select_one("h1") is not None
