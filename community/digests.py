"""Digests: what was published under what each subscriber follows, since their last one.

``run(now)`` is the periodic command's work (``manage.py send_digests``, hourly):

1. The subscribers whose digest is due: every run for "as it happens", a week or a month
   after their last digest otherwise.
2. What changed since the earliest of their last digests: sessions, recordings, case
   studies (published or republished: ``last_published_at``) and labs (``LabChange``),
   each with the items it falls under (its series, levers and their parent levers, lab,
   tags, the Dialogues or the library). A fixed number of queries for the whole run.
3. For each subscriber, in batches of ``BATCH`` read with their follows (two queries a
   batch): the changes after their ``digest_until`` under one of their follows. In one
   transaction, ``digest_until`` moves to ``now`` (only if no other run moved it first)
   and the email's task is queued. So a second run, at once or after a crash halfway,
   sends no item twice and finishes what the first left; nothing new, nothing sent.

Queries per subscriber: the conditional update and the task's row, whatever the number
of follows (``benchmarks/digests.py`` measures it). The email itself is rendered by the
task (``emails.send_digest_email``), in the subscriber's language: an item that exists
only in the other language is shown in it, and marked so.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Min, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from cms import languages
from practices.models import CaseStudyPage, Lab
from practices.models.case_studies import CaseStudyLever
from practices.models.tags import TaggedCaseStudy
from sessions.models import RecordingPage, SessionLever, SessionPage

from .models import Follow, Frequency, LabChange, Subscriber, Topic

BATCH = 500
FOLLOWS = Follow.objects.only("subscriber", "topic", "key")
# A weekly or monthly digest is due this long after the last one, less an hour, so an
# hourly run does not drift later every week.
PERIODS = {Frequency.WEEKLY: timedelta(days=7), Frequency.MONTHLY: timedelta(days=30)}
SLACK = timedelta(hours=1)

SESSION, RECORDING, CASE_STUDY, LAB = "session", "recording", "case_study", "lab"
KINDS = (SESSION, RECORDING, CASE_STUDY, LAB)


@dataclass
class Change:
    """One item in every language: its versions ``{language: pk}`` and when it changed."""

    kind: str
    versions: dict = field(default_factory=dict)
    first_at: datetime | None = None
    changed_at: datetime | None = None
    topics: set = field(default_factory=set)

    def add(self, language, pk, first_at, changed_at):
        self.versions[language] = pk
        if first_at and (self.first_at is None or first_at < self.first_at):
            self.first_at = first_at
        if changed_at and (self.changed_at is None or changed_at > self.changed_at):
            self.changed_at = changed_at

    def for_subscriber(self, language, since):
        other = language not in self.versions
        pk = self.versions[language] if not other else next(iter(self.versions.values()))
        return {
            "kind": self.kind,
            "id": pk,
            "new": self.first_at is not None and self.first_at > since,
            "other_language": other,
        }


def due(now):
    """Subscribers whose digest is due at ``now``."""
    condition = Q(frequency=Frequency.IMMEDIATE)
    for frequency, period in PERIODS.items():
        condition |= Q(frequency=frequency, digest_until__lte=now - period + SLACK)
    return Subscriber.objects.filter(condition, digest_until__lt=now)


def _language(page):
    return page.locale.language_code


def _pages(model, since, now):
    """Every live public version of the pages of ``model`` changed in (since, now]."""
    changed = model.objects.live().public().filter(last_published_at__gt=since)
    changed = changed.filter(last_published_at__lte=now).values("translation_key")
    return list(
        model.objects.live()
        .public()
        .filter(translation_key__in=changed)
        .select_related("locale")
        .only("pk", "path", "translation_key", "locale", "first_published_at", "last_published_at")
    )


def _lever_topics(rows):
    """``{page_id: {(lever, key), ...}}`` from (page_id, lever key, parent lever key)."""
    topics = {}
    for page_id, key, parent_key in rows:
        found = topics.setdefault(page_id, set())
        found.add((Topic.LEVER, str(key)))
        if parent_key:  # following a lever follows its entry points
            found.add((Topic.LEVER, str(parent_key)))
    return topics


def _ancestor_keys(paths):
    """``{path: translation_key}`` of the pages at ``paths``."""
    rows = Page.objects.filter(path__in=set(paths)).values_list("path", "translation_key")
    return {path: str(key) for path, key in rows}


def changes(since, now):
    """``[Change]`` of everything changed in (since, now], with its topics."""
    found = {}
    step = Page.steplen
    sessions = _pages(SessionPage, since, now)
    recordings = _pages(RecordingPage, since, now)
    case_studies = _pages(CaseStudyPage, since, now)

    # Sessions and recordings: their series (parent, grandparent) and their session's levers.
    session_paths = {page.path for page in sessions} | {page.path[:-step] for page in recordings}
    series_keys = _ancestor_keys(path[:-step] for path in session_paths)
    session_ids = dict(Page.objects.filter(path__in=session_paths).values_list("path", "pk"))
    levers = _lever_topics(
        SessionLever.objects.filter(page_id__in=session_ids.values()).values_list(
            "page_id", "lever__translation_key", "lever__parent__translation_key"
        )
    )
    for kind, pages, session_path in (
        (SESSION, sessions, lambda page: page.path),
        (RECORDING, recordings, lambda page: page.path[:-step]),
    ):
        for page in pages:
            change = found.setdefault((kind, page.translation_key), Change(kind))
            change.add(_language(page), page.pk, page.first_published_at, page.last_published_at)
            path = session_path(page)
            change.topics.add((Topic.DIALOGUES, ""))
            if path[:-step] in series_keys:
                change.topics.add((Topic.SERIES, series_keys[path[:-step]]))
            change.topics |= levers.get(session_ids.get(path), set())

    # Case studies: lab, tags, levers, the library.
    ids = [page.pk for page in case_studies]
    levers = _lever_topics(
        CaseStudyLever.objects.filter(page_id__in=ids).values_list(
            "page_id", "lever__translation_key", "lever__parent__translation_key"
        )
    )
    tags = {}
    for page_id, key in TaggedCaseStudy.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__translation_key"
    ):
        tags.setdefault(page_id, set()).add((Topic.TAG, str(key)))
    labs = dict(
        CaseStudyPage.objects.filter(pk__in=ids, lab__isnull=False).values_list(
            "pk", "lab__translation_key"
        )
    )
    for page in case_studies:
        change = found.setdefault((CASE_STUDY, page.translation_key), Change(CASE_STUDY))
        change.add(_language(page), page.pk, page.first_published_at, page.last_published_at)
        change.topics.add((Topic.LIBRARY, ""))
        change.topics |= levers.get(page.pk, set()) | tags.get(page.pk, set())
        if page.pk in labs:
            change.topics.add((Topic.LAB, str(labs[page.pk])))

    # Labs: their own dates (LabChange), every language.
    changed = LabChange.objects.filter(changed_at__gt=since, changed_at__lte=now)
    keys = Lab.objects.filter(pk__in=changed.values("lab_id")).values("translation_key")
    labs = list(Lab.objects.filter(translation_key__in=keys).select_related("locale"))
    stamps = {
        row[0]: row[1:]
        for row in LabChange.objects.filter(lab_id__in=[lab.pk for lab in labs]).values_list(
            "lab_id", "created_at", "changed_at"
        )
    }
    for lab in labs:
        change = found.setdefault((LAB, lab.translation_key), Change(LAB))
        change.add(lab.locale.language_code, lab.pk, *stamps.get(lab.pk, (None, None)))
        change.topics |= {(Topic.LAB, str(lab.translation_key)), (Topic.LIBRARY, "")}
    return list(found.values())


def choose(subscriber, follows, all_changes):
    """The items of the subscriber's digest, newest first, as JSON for the task."""
    since = subscriber.digest_until
    chosen = [
        change
        for change in all_changes
        if change.changed_at and change.changed_at > since and change.topics & follows
    ]
    chosen.sort(key=lambda change: (KINDS.index(change.kind), -change.changed_at.timestamp()))
    return [change.for_subscriber(subscriber.language, since) for change in chosen]


def run(now=None, batch=BATCH):
    """Queue every due digest; return (subscribers considered, digests queued)."""
    from .emails import send_digest_email

    now = now or timezone.now()
    subscribers = due(now)
    since = subscribers.aggregate(since=Min("digest_until"))["since"]
    if since is None:
        return 0, 0
    all_changes = changes(since, now)
    considered = queued = 0
    last_pk = 0
    while True:
        page = list(
            subscribers.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "language", "digest_until")
            .prefetch_related(
                Prefetch("follows", Follow.objects.only("subscriber", "topic", "key"))
            )[:batch]
        )
        if not page:
            break
        last_pk = page[-1].pk
        empty = []
        for subscriber in page:
            considered += 1
            follows = {(follow.topic, follow.key) for follow in subscriber.follows.all()}
            items = choose(subscriber, follows, all_changes)
            if not items:
                empty.append(subscriber.pk)
                continue
            with transaction.atomic():
                moved = Subscriber.objects.filter(
                    pk=subscriber.pk, digest_until=subscriber.digest_until
                ).update(digest_until=now, last_digest_at=now)
                if moved:  # else another run sent it
                    send_digest_email.enqueue(subscriber.pk, items)
                    queued += 1
        # Nothing for them: what changed until now has been considered all the same.
        Subscriber.objects.filter(pk__in=empty, digest_until__lt=now).update(digest_until=now)
    return considered, queued


# Rendering, in the task.

MODELS = {SESSION: SessionPage, RECORDING: RecordingPage, CASE_STUDY: CaseStudyPage, LAB: Lab}


def _objects(items):
    """``{(kind, id): object}`` of the items still public: one query per kind."""
    ids = {}
    for item in items:
        ids.setdefault(item["kind"], []).append(item["id"])
    found = {}
    for kind, pks in ids.items():
        rows = MODELS[kind].objects.filter(pk__in=pks).select_related("locale")
        if kind != LAB:
            rows = rows.live().public()
        found.update({(kind, obj.pk): obj for obj in rows})
    return found


def _only_in(code):
    """ "French only": the item exists in its language alone, named in the reader's."""
    return (
        _("%(language)s only") % {"language": languages.name(code)} if languages.known(code) else ""
    )


def _entry(kind, obj, item, language, library_urls):
    from .emails import absolute

    if kind == LAB:
        library = library_urls.get(obj.locale_id)
        url = absolute(library.lab_url(obj)) if library else ""
        title, detail = obj.name, f"{obj.city}"
    else:
        url = absolute(obj.url) if obj.url else ""
        title = obj.title
        detail = obj.when(language) if kind == SESSION else ""
        if kind == CASE_STUDY:
            detail = obj.summary
    return {
        "kind": kind,
        "title": title,
        "url": url,
        "detail": detail,
        "new": item["new"],
        "other_language": _only_in(obj.locale.language_code) if item["other_language"] else "",
    }


def digest_message(subscriber, items):
    """The email of a digest, or None when none of its items is public any more."""
    from practices.models import LibraryPage

    from .emails import build, links

    language = subscriber.language
    with translation.override(language):
        found = _objects(items)
        libraries = {}
        if any(item["kind"] == LAB for item in items):
            for library in LibraryPage.objects.live().public().order_by("-path"):
                libraries[library.locale_id] = library
        entries = [
            _entry(item["kind"], found[(item["kind"], item["id"])], item, language, libraries)
            for item in items
            if (item["kind"], item["id"]) in found
        ]
        if not entries:
            return None
        headings = {
            SESSION: _("Sessions"),
            RECORDING: _("Recordings"),
            CASE_STUDY: _("Case studies"),
            LAB: _("Labs"),
        }
        groups = [
            {"heading": headings[kind], "entries": [e for e in entries if e["kind"] == kind]}
            for kind in KINDS
        ]
        subject = ngettext(
            "Fairville Dialogues: %(count)s new item for you",
            "Fairville Dialogues: %(count)s new items for you",
            len(entries),
        ) % {"count": len(entries)}
        urls = links(subscriber)
        context = {"groups": [g for g in groups if g["entries"]], **urls}
        return build(subscriber.email, subject, "digest", context, urls["unsubscribe_url"])
