"""The admin's main menu: each top-level item has its own place."""

from collections import Counter

import pytest
from wagtail.admin.menu import admin_menu

pytestmark = pytest.mark.django_db


def test_no_two_top_level_menu_items_share_an_order(client, django_user_model):
    """Items with the same ``menu_order`` fall in whatever order their apps happened to
    register, so a new app or an upgrade can reshuffle the menu."""
    client.force_login(django_user_model.objects.create_superuser("menu-admin", password="pw"))
    response = client.get("/admin/")  # loads every viewset's menu item
    assert response.status_code == 200
    items = admin_menu.menu_items_for_request(response.wsgi_request)
    assert len(items) >= 10  # Wagtail's own and every app's
    shared = {
        order: sorted(str(item.label) for item in items if item.order == order)
        for order, count in Counter(item.order for item in items).items()
        if count > 1
    }
    assert shared == {}
