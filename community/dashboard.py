"""Subscribers per followed item, a panel of the organisers' dashboard (counts only)."""

from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sessions.registration.dashboard import Panel

from .models import Follow
from .topics import describe


def subscribers_panel():
    counted = Follow.objects.values_list("topic", "key").annotate(n=Count("subscriber_id"))
    numbers = {(topic, key): n for topic, key, n in counted.order_by()}
    panel = Panel(
        "subscribers", _("Subscribers per followed item"), _("Followed"), [_("Subscribers")]
    )
    items = describe(list(numbers), get_language())
    panel.rows = sorted(
        ((item["name"], [numbers[(item["topic"], item["key"])]]) for item in items),
        key=lambda row: (-row[1][0], row[0]),
    )
    return [panel]
