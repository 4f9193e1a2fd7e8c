"""Generated past sessions with recordings and transcripts, for tests and benchmarks, fast.

    from sessions.factories import bulk_sessions
    sessions = bulk_sessions(40, locales=("fr", "en"), segments=100, seed=0)

makes, under a generated example series in each locale (created under the demo's
Dialogues page the first time), 40 past sessions per locale, each with a published
recording, and on each recording a transcript in French and one in English of 100 timed
segments (8,000 segments), in about a second: treebeard paths are computed here and rows
are written with ``bulk_create``, instead of ``add_child`` and a revision per page. The
version in each further locale shares the source's ``translation_key``; transcripts
belong to the recording in the source locale, which every translation shows.

Everything says it is generated example data: titles ("Session d'exemple générée n° 12"),
introductions, and the first segment of each transcript. The speakers are labels
("Intervenant·e A"), never people. Segment texts come from a small bilingual phrase book
about the co-production of cities; French and English transcripts are parallel.

What it skips, on purpose: revisions of the sessions and recordings, wagtail-localize's
translation records for them, page signals and the search index. Run
``manage.py update_index`` afterwards when search matters. It needs the demo's Dialogues
page in every locale and its levers (``manage.py load_demo``).
"""

import datetime
import random
import uuid
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page

from cms import languages, pagecache
from cms.bulk import child_paths, insert_pages, lever_links
from cms.models import Lever
from cms.translation import translate

from .models import (
    DialoguesPage,
    RecordingPage,
    SeriesPage,
    SessionLever,
    SessionPage,
    Transcript,
    TranscriptSegment,
)

BATCH = 1000
PARIS = ZoneInfo("Europe/Paris")
YEARS = 5  # the sessions are spread over the last five years
# The languages of the text pairs below, in their order: the transcripts' languages too.
PHRASEBOOK = ("fr", "en")  # language data: the phrase book's languages
TRANSCRIPT_LANGUAGES = PHRASEBOOK

# Every text in (French, English). Titles and introductions say they are generated.
TEXT = {
    "series_slug": ("serie-d-exemple-generee", "generated-example-series"),
    "series_title": ("Série d'exemple générée", "Generated example series"),
    "series_intro": (
        "Une série générée automatiquement pour les tests et les mesures de performance : "
        "ses sessions, enregistrements et transcriptions sont des exemples, personne n'y a "
        "parlé.",
        "A series generated automatically for tests and performance measurements: its "
        "sessions, recordings and transcripts are examples, nobody spoke in them.",
    ),
    "session_slug": ("session-generee-{number}", "generated-session-{number}"),
    "session_title": (
        "Session d'exemple générée n° {number} : {topic}",
        "Generated example session no. {number}: {topic}",
    ),
    "session_intro": (
        "Session d'exemple générée automatiquement, sur {topic}. Elle n'a pas eu lieu.",
        "An example session generated automatically, on {topic}. It never took place.",
    ),
    "recording_slug": ("enregistrement", "recording"),
    "recording_title": (
        "Enregistrement d'exemple généré n° {number}",
        "Generated example recording no. {number}",
    ),
    "recording_intro": (
        "Enregistrement d'exemple généré automatiquement : personne n'a prononcé sa transcription.",
        "An example recording generated automatically: nobody said its transcript.",
    ),
    "speaker": ("Intervenant·e {letter}", "Speaker {letter}"),
    "first_segment": (
        "Transcription d'exemple générée : personne n'a prononcé ces mots.",
        "Generated example transcript: nobody said these words.",
    ),
}

# A bilingual phrase book about the co-production of cities (kept apart from the
# case-study library's: sessions and practices never import each other).
TOPICS = [
    ("la coproduction de la ville", "the co-production of the city"),
    ("les friches urbaines", "urban wastelands"),
    ("les chantiers participatifs", "participatory building sites"),
    ("les budgets partagés", "shared budgets"),
    ("la gouvernance des communs", "the governance of the commons"),
    ("les jardins partagés", "community gardens"),
    ("la concertation avec les riverains", "consultation with local residents"),
    ("les cantines solidaires", "solidarity canteens"),
]
OPENERS = [
    ("Je voudrais revenir sur", "I would like to come back to"),
    ("Dans notre laboratoire, nous avons travaillé sur", "In our lab, we worked on"),
    ("Les habitant·e·s nous ont interrogés sur", "Residents asked us about"),
    ("Pour la mairie, le point difficile reste", "For the city hall, the hard point remains"),
    ("Lors du dernier atelier, nous avons discuté de", "At the last workshop, we discussed"),
    ("Nos partenaires universitaires ont étudié", "Our university partners studied"),
]
CLOSERS = [
    ("et ce que cela change au quotidien.", "and what it changes in daily life."),
    ("avec des exemples venus de plusieurs villes.", "with examples from several cities."),
    (
        "sans oublier les personnes qui n'ont pas pu venir.",
        "without forgetting the people who could not come.",
    ),
    ("en lien avec la question du financement.", "in connection with the question of funding."),
    ("parce que les règles ont changé depuis.", "because the rules have changed since."),
]
REMARKS = [
    ("C'est une vraie question de confiance.", "It is really a question of trust."),
    ("Il a fallu du temps pour y arriver.", "It took time to get there."),
    ("Les voisin·e·s se sont beaucoup impliqué·e·s.", "The neighbours got very involved."),
    ("Nous n'avons pas encore de réponse.", "We do not have an answer yet."),
    ("Cela demande des moyens durables.", "This needs lasting resources."),
    ("Le quartier en parle encore aujourd'hui.", "The neighbourhood still talks about it today."),
]


def _text(key, language, **values):
    return TEXT[key][_index(language)].format(**values)


def _index(language):
    if language not in PHRASEBOOK:
        raise ValueError(f"bulk_sessions writes {', '.join(PHRASEBOOK)} only, not {language!r}.")
    return PHRASEBOOK.index(language)


def phrasebook_languages():
    """The configured languages the generator writes, the source first."""
    return [code for code in languages.codes() if code in PHRASEBOOK]


def _segment_texts(rng, count):
    """``count`` parallel (French, English) texts of 15 to 30 words each."""
    texts = [TEXT["first_segment"]]
    while len(texts) < count:
        topic, opener, closer = rng.choice(TOPICS), rng.choice(OPENERS), rng.choice(CLOSERS)
        text = tuple(f"{opener[i]} {topic[i]} {closer[i]}" for i in (0, 1))
        # One remark makes 15 to 30 words in either language; a second one when it fits.
        for remark in rng.sample(REMARKS, 2)[: rng.randint(1, 2)]:
            longer = tuple(f"{text[i]} {remark[i]}" for i in (0, 1))
            if max(len(t.split()) for t in longer) <= 30:
                text = longer
        texts.append(text)
    return texts[:count]


def _segment_times(rng, texts, speakers):
    """[(start ms, end ms, speaker letter)]: about 0.4 s a word, short pauses, turns."""
    times, clock, speaker = [], 0, 0
    for french, _english in texts:
        length = 400 * len(french.split()) + rng.randint(0, 1500)
        times.append((clock, clock + length, "ABC"[speaker]))
        clock += length + rng.randint(100, 2500)
        if rng.random() < 0.3:
            speaker = (speaker + 1) % speakers
    return times


def _page_fields(parent, path, slug, title, locale, key, published, numchild=0):
    return {
        "path": path,
        "depth": parent.depth + 1,
        "numchild": numchild,
        "title": title,
        "draft_title": title,
        "slug": slug,
        "url_path": f"{parent.url_path}{slug}/",
        "locale": locale,
        "translation_key": key,
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": published,
        "last_published_at": published,
    }


def example_series(locales):
    """The generated example series in each locale ({locale pk: SeriesPage}), made once."""
    source_locale = locales[0]
    dialogues = {}
    for locale in locales:
        dialogues[locale.pk] = DialoguesPage.objects.filter(locale=locale).order_by("path").first()
        if dialogues[locale.pk] is None:
            raise LookupError("bulk_sessions needs the Dialogues page in every locale: load_demo.")
    language = source_locale.language_code
    slug = _text("series_slug", language)
    series = SeriesPage.objects.child_of(dialogues[source_locale.pk]).filter(slug=slug).first()
    if series is None:
        series = SeriesPage(
            title=_text("series_title", language),
            slug=slug,
            locale=source_locale,
            intro=f"<p>{_text('series_intro', language)}</p>",
        )
        dialogues[source_locale.pk].add_child(instance=series)
        series.save_revision().publish()
    found = {source_locale.pk: series}
    for locale in locales[1:]:
        found[locale.pk] = series.get_translation_or_none(locale) or translate(
            series,
            locale,
            {
                _text(key, language): _text(key, locale.language_code)
                for key in ("series_title", "series_slug", "series_intro")
            },
        )
    return found


KEYS = uuid.UUID("5f1d1c61-4b1c-4c55-9a55-0f6c2c1d7e21")  # namespace of generated keys


@transaction.atomic
def bulk_sessions(n, locales=None, segments=100, seed=0):
    """Create ``n`` past sessions with a recording each, in every one of ``locales`` (by
    default the configured languages the generator writes).

    The first locale is the source. Each source recording gets a transcript in French
    and in English of ``segments`` segments. Returns the source-language sessions.
    """
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    locales = phrasebook_languages() if locales is None else locales
    for code in locales:
        _index(code)
    locales = [Locale.objects.get(language_code=code) for code in locales]
    series = example_series(locales)
    source_locale = locales[0]
    first_number = (
        SessionPage.objects.child_of(series[source_locale.pk])
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    levers = {}
    for lever in Lever.objects.filter(kind=Lever.Kind.LEVER):
        levers.setdefault(lever.code, {})[lever.locale_id] = lever
    lever_codes = sorted(levers)

    # Sessions are spread evenly over the last YEARS years, ending a month ago, at 3 pm.
    now = timezone.now()
    last = (now - datetime.timedelta(days=30)).astimezone(PARIS).date()
    span = 365 * YEARS
    first = last - datetime.timedelta(days=span)
    specs = []
    for i in range(n):
        day = first + datetime.timedelta(days=span * i // max(n, 1))
        starts_at = datetime.datetime.combine(day, datetime.time(15), tzinfo=PARIS)
        texts = _segment_texts(random.Random(rng.getrandbits(32)), segments)  # noqa: S311
        times = _segment_times(rng, texts, speakers=rng.randint(2, 3))
        specs.append(
            {
                "number": first_number + i,
                # Named keys: random ones drawn from Random(seed) repeat those that
                # practices.factories draws from the same seed for its case studies.
                "key": uuid.uuid5(KEYS, f"session-{first_number + i}"),
                "recording_key": uuid.uuid5(KEYS, f"recording-{first_number + i}"),
                "topic": rng.choice(TOPICS),
                "starts_at": starts_at,
                "levers": rng.sample(lever_codes, min(len(lever_codes), rng.randint(1, 2))),
                "texts": texts,
                "times": times,
                "duration": datetime.timedelta(seconds=round(times[-1][1] / 1000) if times else 0),
                "published": now - datetime.timedelta(minutes=n - i),
            }
        )

    created = {}
    for locale in locales:
        created[locale.pk] = _create_pages(specs, locale, series[locale.pk])
        _link_levers(created[locale.pk], specs, locale, source_locale, levers)
    recordings = [recording for _session, recording in created[source_locale.pk]]
    _write_transcripts(recordings, specs)
    # bulk_create sends no signals: tell the page cache that the pages changed.
    pagecache.invalidate_now_and_on_commit()
    return [session for session, _recording in created[source_locale.pk]]


def _create_pages(specs, locale, series):
    """The sessions under ``series`` and one recording under each: [(session, recording)]."""
    language = locale.language_code
    session_type = ContentType.objects.get_for_model(SessionPage)
    recording_type = ContentType.objects.get_for_model(RecordingPage)
    sessions = []
    for spec, path in zip(specs, child_paths(series, len(specs)), strict=False):
        number, topic = spec["number"], spec["topic"][_index(language)]
        sessions.append(
            SessionPage(
                **_page_fields(
                    series,
                    path,
                    _text("session_slug", language, number=number),
                    _text("session_title", language, number=number, topic=topic),
                    locale,
                    spec["key"],
                    spec["published"],
                    numchild=1,
                ),
                content_type=session_type,
                number=number,
                status=SessionPage.Status.SCHEDULED,
                starts_at=spec["starts_at"],
                ends_at=spec["starts_at"] + datetime.timedelta(hours=2),
                time_zone="Europe/Paris",
                intro=f"<p>{_text('session_intro', language, topic=topic)}</p>",
            )
        )
    insert_pages(SessionPage, sessions)
    Page.objects.filter(pk=series.pk).update(numchild=F("numchild") + len(sessions))

    recordings = []
    for spec, session in zip(specs, sessions, strict=True):
        slug = _text("recording_slug", language)
        recordings.append(
            RecordingPage(
                **_page_fields(
                    session,
                    session.path + Page._int2str(1).rjust(Page.steplen, "0"),
                    slug,
                    _text("recording_title", language, number=spec["number"]),
                    locale,
                    spec["recording_key"],
                    spec["published"],
                ),
                content_type=recording_type,
                recorded_at=spec["starts_at"],
                duration=spec["duration"],
                intro=f"<p>{_text('recording_intro', language)}</p>",
            )
        )
    insert_pages(RecordingPage, recordings)
    return list(zip(sessions, recordings, strict=True))


def _link_levers(pairs, specs, locale, source_locale, levers):
    sessions = [session for session, _recording in pairs]
    links = lever_links(SessionLever, sessions, specs, locale, source_locale, levers)
    SessionLever.objects.bulk_create(links, batch_size=BATCH)


def _write_transcripts(recordings, specs):
    """A French and an English transcript on each source recording, with the same times."""
    transcripts = Transcript.objects.bulk_create(
        [
            Transcript(recording=recording, language=language, source_name="generated")
            for recording in recordings
            for language in TRANSCRIPT_LANGUAGES
        ],
        batch_size=BATCH,
    )
    specs = {recording.pk: spec for recording, spec in zip(recordings, specs, strict=True)}
    rows = []
    for transcript in transcripts:
        spec, language = specs[transcript.recording_id], transcript.language
        for position, (texts, (start, end, letter)) in enumerate(
            zip(spec["texts"], spec["times"], strict=True)
        ):
            rows.append(
                TranscriptSegment(
                    transcript=transcript,
                    position=position,
                    start_ms=start,
                    end_ms=end,
                    text=texts[_index(language)],
                    speaker=_text("speaker", language, letter=letter),
                )
            )
    TranscriptSegment.objects.bulk_create(rows, batch_size=BATCH)
