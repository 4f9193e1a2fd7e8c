"""Digests for 10,000 subscribers after a week of changes: build time and queries.

    .venv/bin/python benchmarks/digests.py [--subscribers 10000] [--cases 300]
    scripts/with-postgres.sh .venv/bin/python benchmarks/digests.py

A week of changes: ``--cases`` new case studies in French and English (with labs, tags
and levers, ``practices.factories``), every session and recording republished, every
lab changed. Subscribers are written in bulk, half French, half English, weekly, their
last digest a week ago. ``community.digests.run`` is what ``manage.py send_digests``
does: choose each subscriber's items and queue one task per digest (the database task
backend, as in production: one row per digest, not run here). Then the emails of a
sample of digests are rendered as the worker does (``digests.digest_message``).

Printed, for runs in the same process:
- subscribers following 1 item, then 25 items each (the baseline is the first): time
  per subscriber and queries per subscriber, whose ratio must be 1 (queries do not
  grow with the number of follows);
- a tenth of the subscribers, then all of them: time per subscriber (about 1 means
  the cost is linear in the number of subscribers);
- rendering: time and queries per email.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from cms.demo import DemoLoader  # noqa: E402
from cms.models import Lever  # noqa: E402
from community import digests  # noqa: E402
from community.models import Follow, LabChange, Subscriber, Topic  # noqa: E402
from practices.factories import bulk_case_studies  # noqa: E402
from practices.models import CaseStudyTag, Lab  # noqa: E402
from sessions.models import RecordingPage, SeriesPage, SessionPage  # noqa: E402

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def items():
    """Every followable (topic, key) of the site."""
    found = [(Topic.DIALOGUES, ""), (Topic.LIBRARY, "")]
    for topic, model in ((Topic.LEVER, Lever), (Topic.LAB, Lab), (Topic.TAG, CaseStudyTag)):
        keys = set(model.objects.values_list("translation_key", flat=True))
        found += [(topic, str(key)) for key in sorted(keys)]
    keys = set(SeriesPage.objects.values_list("translation_key", flat=True))
    return found + [(Topic.SERIES, str(key)) for key in sorted(keys)]


def make_subscribers(count, follows_each, week_ago, rng):
    """``count`` weekly subscribers, each following ``follows_each`` items."""
    Subscriber.objects.all().delete()
    choices = items()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"bench-{n}@example.org",
            language="fr" if n % 2 else "en",
            frequency="weekly",
            confirmed_at=week_ago,
            digest_until=week_ago,
        )
        for n in range(count)
    )
    Follow.objects.bulk_create(
        [
            Follow(subscriber=subscriber, topic=topic, key=key)
            for subscriber in subscribers
            for topic, key in rng.sample(choices, min(follows_each, len(choices)))
        ],
        batch_size=5000,
    )
    return subscribers


class Counter:
    """Counts the queries run (Django's own log keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(count, follows_each, week_ago, rng):
    """Run the digests for fresh subscribers; return (seconds, queries, queued)."""
    make_subscribers(count, follows_each, week_ago, rng)
    DBTaskResult.objects.all().delete()
    counter = Counter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        considered, queued = digests.run()
        seconds = time.perf_counter() - started
    assert considered == count, (considered, count)
    assert DBTaskResult.objects.count() == queued
    return seconds, counter.count, queued


def render(sample):
    """Render ``sample`` queued digests as the worker does; return (seconds, queries)."""
    tasks = list(DBTaskResult.objects.order_by("?")[:sample])
    counter = Counter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        for task in tasks:
            subscriber_id, chosen = task.args_kwargs["args"]
            subscriber = Subscriber.objects.get(pk=subscriber_id)
            assert digests.digest_message(subscriber, chosen) is not None
        seconds = time.perf_counter() - started
    return seconds, counter.count, len(tasks)


def a_week_of_changes(cases, now):
    bulk_case_studies(cases, locales=("fr", "en"), seed=1)
    for model in (SessionPage, RecordingPage):
        model.objects.update(last_published_at=now - timedelta(days=2))
    LabChange.objects.update(changed_at=now - timedelta(days=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--render", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(0)

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        DemoLoader().run()
        now = timezone.now()
        week_ago = now - timedelta(days=7, hours=1)
        a_week_of_changes(args.cases, now)
        rows = {}
        with override_settings(TASKS=DATABASE_TASKS):
            rows["1 follow"] = measure(args.subscribers, 1, week_ago, rng)
            rows["25 follows"] = measure(args.subscribers, 25, week_ago, rng)
            rows["a tenth, 25 follows"] = measure(args.subscribers // 10, 25, week_ago, rng)
            rendered = render(args.render)
    finally:
        teardown_databases(old_config, verbosity=0)

    print(
        f"database: {connection.vendor}; {args.subscribers} subscribers; a week of changes: "
        f"{args.cases} case studies in 2 languages, sessions, recordings, labs"
    )
    per = {}
    for name, (seconds, queries, queued) in rows.items():
        count = args.subscribers // 10 if name.startswith("a tenth") else args.subscribers
        per[name] = (seconds / count, queries / count)
        print(
            f"{name:>20}: {count} subscribers, {queued} digests queued in {seconds:.2f} s "
            f"({per[name][0] * 1000:.2f} ms and {per[name][1]:.2f} queries per subscriber)"
        )
    base, many, tenth = per["1 follow"], per["25 follows"], per["a tenth, 25 follows"]
    print(f"25 follows / 1 follow: time x{many[0] / base[0]:.2f}, queries x{many[1] / base[1]:.2f}")
    print(f"all / a tenth of the subscribers, time per subscriber: x{many[0] / tenth[0]:.2f}")
    seconds, queries, count = rendered
    print(
        f"rendering {count} emails: {seconds / count * 1000:.1f} ms and "
        f"{queries / count:.1f} queries per email"
    )


if __name__ == "__main__":
    main()
