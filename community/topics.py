"""What can be followed: from a code in a URL to an item's key, and back to its name.

A follow link names its item as the site's filters do (a lever's code, a lab's slug, a
tag's slug in either language, a series page's id); the follow stores the item's
``translation_key``, the same for its French and English versions.
"""

from django.db.models import CharField, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail.models import Locale

from cms.fragments import shared
from cms.i18n import in_reader_language
from cms.models import Lever
from practices.models import CaseStudyTag, Lab, LibraryPage
from sessions.models import DialoguesPage, SeriesPage

from .models import WHOLE, Topic

MAX_CODE_LENGTH = 100


# The topics named by a code of a lever, lab or tag: (model, the code's field).
CODED = {Topic.LEVER: (Lever, "code"), Topic.LAB: (Lab, "slug"), Topic.TAG: (CaseStudyTag, "slug")}


def _valid(code):
    # No such code, and a NUL byte would upset PostgreSQL.
    return len(code) <= MAX_CODE_LENGTH and code.isprintable()


def resolve(topic, code):
    """The key of the item ``topic``/``code`` names ("" for a whole), or None if none."""
    if topic not in Topic.values:
        return None
    if topic in WHOLE:
        return ""
    if topic != Topic.SERIES:
        return known_codes().get((topic, str(code or "")))
    code = str(code or "")
    if not _valid(code) or not code.isdigit() or len(code) > 18:
        return None
    rows = SeriesPage.objects.live().public().filter(pk=int(code))
    key = rows.values_list("translation_key", flat=True).first()
    return None if key is None else str(key)


def known_codes():
    """``{(topic, code): key}`` of every lever, lab and tag (the first by id where two
    share a code), read in one query and kept under the content version (cms.fragments):
    a page resolves its filters, and a script its guesses, without a query."""
    return shared("community:codes", _every_code)


def _every_code():
    # A compound statement takes no ORDER BY in its parts.
    first, *others = (
        model.objects.order_by().values_list(
            Value(str(topic), output_field=CharField()), field, "pk", "translation_key"
        )
        for topic, (model, field) in CODED.items()
    )
    rows = first.union(*others, all=True)
    # The first row by id, as one query per code read it before.
    found = {}
    for topic, code, _pk, key in sorted(rows, key=lambda row: row[2]):
        found.setdefault((topic, code), str(key))
    return found


# What a follower of each topic receives, as the follow page promises it: the kinds of
# change that community.digests files under that topic, and no other.
NEWS = {
    Topic.DIALOGUES: gettext_lazy(
        "Get news of “%(name)s” by email: new and updated sessions and recordings, in the "
        "language you choose. No account needed."
    ),
    Topic.LEVER: gettext_lazy(
        "Get news of “%(name)s” by email: new and updated sessions, recordings and case "
        "studies, in the language you choose. No account needed."
    ),
    Topic.LAB: gettext_lazy(
        "Get news of “%(name)s” by email: its new and updated case studies, and changes to "
        "the lab's page, in the language you choose. No account needed."
    ),
    Topic.TAG: gettext_lazy(
        "Get news of “%(name)s” by email: new and updated case studies, in the language you "
        "choose. No account needed."
    ),
    Topic.LIBRARY: gettext_lazy(
        "Get news of “%(name)s” by email: new and updated case studies and labs, in the "
        "language you choose. No account needed."
    ),
}
NEWS[Topic.SERIES] = NEWS[Topic.DIALOGUES]


def news_of(topic, name):
    """The follow page's promise for ``topic`` (the item called ``name``), in the active
    language."""
    return str(NEWS[topic]) % {"name": name}


def _key(obj):
    return str(obj.translation_key)


def _locale(language):
    return Locale.objects.filter(language_code=language).first() or Locale.get_default()


def _library(locale):
    return LibraryPage.objects.live().public().filter(locale=locale).order_by("path").first()


def series_name(page):
    """A series' name as its follow link and the follow page give it, in the active language."""
    return _("Series: %(name)s") % {"name": page.title}


def describe(follows, language):
    """``[{"topic", "key", "name", "url"}]`` for ``(topic, key)`` pairs, in ``language``.

    Items since deleted are left out. A few queries whatever the number of follows.
    """
    locale = _locale(language)
    keys = {}
    for topic, key in follows:
        keys.setdefault(topic, set()).add(key)
    found = {}
    library = None
    if keys.keys() - {Topic.DIALOGUES, Topic.SERIES}:
        library = _library(locale)
    with override(language):
        if Topic.DIALOGUES in keys:
            page = DialoguesPage.objects.live().public().filter(locale=locale).first()
            found[(Topic.DIALOGUES, "")] = (
                _("All the Dialogues: new sessions and recordings"),
                page.url if page else "",
            )
        if Topic.LIBRARY in keys:
            found[(Topic.LIBRARY, "")] = (
                _("The whole case-study library"),
                library.url if library else "",
            )
        if Topic.SERIES in keys:
            pages = SeriesPage.objects.live().public().filter(translation_key__in=keys["series"])
            for key, page in in_reader_language(
                pages, locale, lambda p: str(p.translation_key)
            ).items():
                found[(Topic.SERIES, key)] = (series_name(page), page.url)
        for topic, model, label, link in (
            (Topic.LEVER, Lever, _("Lever: %(name)s"), lambda o: f"?lever={o.code}"),
            (Topic.LAB, Lab, _("Lab: %(name)s"), None),
            (Topic.TAG, CaseStudyTag, _("Theme: %(name)s"), lambda o: f"?tag={o.slug}"),
        ):
            if topic not in keys:
                continue
            rows = model.objects.filter(translation_key__in=keys[topic]).order_by("pk")
            for key, obj in in_reader_language(
                rows, locale, lambda o: str(o.translation_key)
            ).items():
                if library is None:
                    url = ""
                elif link is None:
                    url = library.lab_url(obj)
                else:
                    url = library.url + link(obj)
                found[(topic, key)] = (label % {"name": obj.name}, url)
    return [
        {"topic": topic, "key": key, "name": found[(topic, key)][0], "url": found[(topic, key)][1]}
        for topic, key in sorted(
            set(follows), key=lambda pair: (Topic.values.index(pair[0]), pair[1])
        )
        if (topic, key) in found
    ]
