"""The organisers' dashboard (issue 18 §5): counts for reporting, never a person.

Every figure is a count over registrations still kept and the anonymous tallies the
purge left (``RegistrationTally``), so a report covers past sessions too. A count from 1
to 4 could point at someone (the one attendee from a small country): it is shown as
"fewer than 5" in the tables, the charts (no bar) and the CSV alike. Charts are SVG
drawn here, each beside a table holding the same figures for screen readers.

Other apps add panels through the ``fairville_dashboard_panels`` hook: a function
returning ``Panel`` objects (the community app's subscribers per followed item).
"""

import csv
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from wagtail import hooks

from cms.admin_views import AdminPage
from cms.exports import spreadsheet_text
from cms.languages import own_name_choices
from sessions.models import Registration, RegistrationTally, Role, SessionPage

from .retention import TALLIED

SMALL = 5
PANELS_HOOK = "fairville_dashboard_panels"
PERMISSION = "event_sessions.view_dashboard"
Status = Registration.Status
GROUPING = ("session", "role", "country", "language", "status")
MEASURES = ("count", *TALLIED)


def fewer_than_small():
    return _("fewer than %(n)s") % {"n": SMALL}


def shown(number):
    """A count as the dashboard may show it."""
    return fewer_than_small() if 0 < number < SMALL else str(number)


@dataclass
class Panel:
    """A table of counts (rows of a label and one number per column) and its chart."""

    slug: str
    title: str
    label_heading: str
    columns: list
    rows: list = field(default_factory=list)  # [(label, [int, ...])]
    note: str = ""

    @property
    def table(self):
        return [(label, [shown(n) for n in numbers]) for label, numbers in self.rows]

    @property
    def chart(self):
        return bar_chart(self)


def groups():
    """Counts per session, role, country, language and status: kept registrations and
    purged ones' tallies together."""
    tallied = {name: Count("pk", filter=condition) for name, condition in _conditions().items()}
    kept = Registration.objects.values(*GROUPING).annotate(count=Count("pk"), **tallied)
    rows = [dict(row) for row in kept.order_by()]
    rows += [dict(row) for row in RegistrationTally.objects.values(*GROUPING, *TALLIED, "count")]
    return rows


def _conditions():
    # The same conditions as the purge's tallies (retention.TALLIED), as filters.
    return {name: aggregate.filter for name, aggregate in TALLIED.items()}


def _sum(rows, measure, **match):
    return sum(
        row[measure] for row in rows if all(row[key] == value for key, value in match.items())
    )


def session_panel(rows):
    keys = {row["session"] for row in rows}
    sessions = SessionPage.objects.filter(pk__in=keys).order_by("starts_at", "pk")
    panel = Panel(
        "sessions",
        _("Per session"),
        _("Session"),
        [_("Registrations"), _("Confirmed"), _("Waiting list"), _("Cancelled"), _("Attended")],
    )
    for session in sessions:
        own = [row for row in rows if row["session"] == session.pk]
        panel.rows.append(
            (
                session.title,
                [
                    _sum(own, "count"),
                    _sum(own, "count", status=Status.CONFIRMED),
                    _sum(own, "count", status=Status.WAITING),
                    _sum(own, "count", status=Status.CANCELLED),
                    _sum(own, "attended"),
                ],
            )
        )
    return panel


def breakdown(rows, slug, title, heading, key, name):
    """Registrations not cancelled, by ``key`` (role, country, language), named by ``name``."""
    counted = {}
    for row in rows:
        if row["status"] != Status.CANCELLED:
            counted[row[key]] = counted.get(row[key], 0) + row["count"]
    panel = Panel(slug, title, heading, [_("Registrations")])
    panel.rows = sorted(
        ((name(value), [n]) for value, n in counted.items() if n), key=lambda r: (-r[1][0], r[0])
    )
    return panel


def needs_panel(rows):
    active = [row for row in rows if row["status"] != Status.CANCELLED]
    panel = Panel("needs", _("Access needs and interpretation"), _("Total"), [_("Registrations")])
    panel.rows = [
        (_("Registrations (not cancelled)"), [_sum(active, "count")]),
        (_("Asked for interpretation"), [_sum(active, "interpretation")]),
        (_("Gave access needs"), [_sum(active, "accessibility")]),
        (_("Attended"), [_sum(rows, "attended")]),
    ]
    return panel


def panels(session=None):
    rows = groups()
    if session is not None:
        rows = [row for row in rows if row["session"] == session.pk]
    roles = dict(Role.choices)
    languages = dict(own_name_choices())
    made = [
        session_panel(rows),
        breakdown(
            rows,
            "roles",
            _("By role"),
            _("Role"),
            "role",
            lambda v: str(roles.get(v, v)),
        ),
        breakdown(
            rows,
            "countries",
            _("By country"),
            _("Country"),
            "country",
            lambda v: countries.name(v) or _("Not given"),
        ),
        breakdown(
            rows,
            "languages",
            _("By language of emails"),
            _("Language"),
            "language",
            lambda v: str(languages.get(v, _("Not recorded"))),
        ),
        needs_panel(rows),
    ]
    if session is None:
        for extra in hooks.get_hooks(PANELS_HOOK):
            made.extend(extra())
    return made


# -- charts --------------------------------------------------------------------------

LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 230, 360, 110
BAR_HEIGHT, GAP = 16, 12
# Series told apart by shade and by pattern, not by colour alone.
FILLS = ("#2e4a7d", "#7d9bd1", "#b35c00", "#e3a35f", "#3f7f3f")


def bar_chart(panel):
    """Horizontal bars, one group per row and one bar per column, as SVG markup."""
    numbers = [n for _label, values in panel.rows for n in values if n >= SMALL]
    top = max(numbers, default=0) or 1
    series = len(panel.columns)
    legend = 22 if series > 1 else 0
    group = series * BAR_HEIGHT + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = legend + max(len(panel.rows), 1) * group + GAP
    title = _("%(title)s (the table beside gives the figures)") % {"title": panel.title}
    none = _("None")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-{panel.slug}-title">',
        f'<title id="chart-{panel.slug}-title">{escape(title)}</title>',
    ]
    if legend:
        for index, column in enumerate(panel.columns):
            x = index * (width // series)
            parts.append(
                f'<rect x="{x}" y="4" width="12" height="12" fill="{FILLS[index % len(FILLS)]}"/>'
                f'<text x="{x + 16}" y="14" font-size="12">{escape(column)}</text>'
            )
    for row_index, (label, values) in enumerate(panel.rows):
        y = legend + GAP + row_index * group
        short = Truncator(label).chars(34)
        parts.append(f'<text x="0" y="{y + BAR_HEIGHT - 4}" font-size="12">{escape(short)}</text>')
        for index, value in enumerate(values):
            bar_y = y + index * BAR_HEIGHT
            length = round(BAR_WIDTH * value / top) if value >= SMALL else 0
            if length:
                parts.append(
                    f'<rect class="bar" x="{LABEL_WIDTH}" y="{bar_y}" width="{length}" '
                    f'height="{BAR_HEIGHT - 2}" fill="{FILLS[index % len(FILLS)]}"/>'
                )
            parts.append(
                f'<text class="value" x="{LABEL_WIDTH + length + 4}" y="{bar_y + BAR_HEIGHT - 4}" '
                f'font-size="11">{escape(shown(value))}</text>'
            )
    if not panel.rows:
        parts.append(f'<text x="0" y="{legend + 20}" font-size="12">{escape(none)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


# -- CSV -----------------------------------------------------------------------------


def write_csv(response, made):
    writer = csv.writer(response)
    writer.writerow([_("Table"), _("Item"), _("Measure"), _("Count")])
    for panel in made:
        for label, values in panel.table:
            for column, value in zip(panel.columns, values, strict=True):
                writer.writerow([panel.title, spreadsheet_text(str(label)), column, value])


# -- the view ------------------------------------------------------------------------


class DashboardView(AdminPage):
    template_name = "event_sessions/admin/dashboard.html"
    page_title = gettext_lazy("Organisers' dashboard")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        # The admin's URLs already turn away anonymous visitors (to the login page).
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def session(self):
        pk = self.request.GET.get("session", "")
        if not pk.isdigit() or len(pk) > 18:
            return None
        return SessionPage.objects.filter(pk=int(pk)).first()

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="dashboard.csv"'
            response.write("\ufeff")  # spreadsheets read UTF-8 with its mark
            write_csv(response, panels(self.session()))
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selected = self.session()
        context.update(
            panels=panels(selected),
            selected=selected,
            sessions=SessionPage.objects.filter(
                Q(registrations__isnull=False) | Q(registration_tallies__isnull=False)
            )
            .distinct()
            .order_by("starts_at", "pk"),
            small=SMALL,
        )
        return context
