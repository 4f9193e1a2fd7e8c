"""The Dialogues, the Levers series and its five sessions, from the seed, in French and English.

French is the seed's text, verbatim; English is our translation, linked through
wagtail-localize. People are real: only the organisation, city and country the
seed gives are recorded (no city where the seed gives none, no bios, no photos).
The one upcoming session says plainly that it is an example, and has no speakers; it sits
in the example series (``example_series``), outside the programme, so that the Levers
series lists the seed's five sessions only.
"""

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from cms import languages
from cms.demo import ABOUT_DIALOGUES
from cms.translation import sync

from .models import (
    ContributorRole,
    DialoguesPage,
    Organisation,
    Person,
    SeriesPage,
    SessionContributor,
    SessionLever,
    SessionPage,
)

PARIS = ZoneInfo("Europe/Paris")
EXAMPLE_SLUG = "session-d-exemple"
# The example session is dated this long after the first demo load, and never moved.
EXAMPLE_DELAY = timedelta(weeks=6)


def load_demo(loader):
    organisations = _organisations(loader)
    people = _people(loader, organisations)
    roles = _roles(loader)
    dialogues, series = _series(loader)
    for session in SESSIONS:
        page = loader.child_page(
            series,
            SessionPage,
            loader.t(*session["slug"]),
            **_fields(loader, session, people, roles),
        )
        _record_strings(loader, session)
        loader.translate(page)
    _example_session(loader, example_series(loader, dialogues))
    loader.add_to_menu(series, sort_order=5)


def _organisations(loader):
    """{French name: Organisation}, translated."""
    organisations = {}
    for fr_name, en_name, url in ORGANISATIONS:
        organisation = Organisation.objects.filter(locale=loader.fr, name=fr_name).first()
        if organisation is None:
            organisation = Organisation.objects.create(locale=loader.fr, name=fr_name, url=url)
        loader.t(fr_name, en_name)
        loader.translate(organisation)
        organisations[fr_name] = organisation
    return organisations


def _people(loader, organisations):
    """{name: Person}, with only the organisation, city and country the seed gives."""
    people = {}
    for name, organisation, city, country in PEOPLE:
        person = Person.objects.filter(locale=loader.fr, name=name).first()
        if person is None:
            person = Person.objects.create(
                locale=loader.fr,
                name=name,
                organisation=organisations[organisation],
                city=loader.t(*city) if city else "",
                country=country,
            )
        if city:
            loader.t(*city)
        loader.translate(person)
        people[name] = person
    return people


def _roles(loader):
    """{key: ContributorRole}, translated."""
    roles = {}
    for key, names in ROLES.items():
        role = ContributorRole.objects.filter(locale=loader.fr, name=names[0]).first()
        if role is None:
            role = ContributorRole.objects.create(locale=loader.fr, name=names[0])
        loader.t(*names)
        loader.translate(role)
        roles[key] = role
    return roles


def _series(loader):
    """The Dialogues page and, under it, the Levers series page (both translated)."""
    dialogues = loader.child_page(
        loader.home,
        DialoguesPage,
        loader.t("dialogues", "dialogues"),
        title=loader.t("Dialogues en co-production", "Co-production Dialogues"),
        intro=loader.paragraphs(*ABOUT_DIALOGUES[:2]),
    )
    loader.paragraphs(*ABOUT_DIALOGUES[:2])
    loader.translate(dialogues)

    series = loader.child_page(
        dialogues,
        SeriesPage,
        loader.t("serie-des-leviers", "levers-series"),
        title=loader.t("Série des leviers", "Levers series"),
        intro=loader.paragraphs(ABOUT_DIALOGUES[2]),
        search_description=loader.t(*SERIES_SUMMARY),
    )
    loader.paragraphs(ABOUT_DIALOGUES[2])
    loader.t(*SERIES_SUMMARY)
    loader.translate(series)
    return dialogues, series


def example_series(loader, dialogues):
    """The series of the demo's example sessions (translated): the upcoming one, open for
    registration, and the recorded one (sessions.demo_recording)."""
    series = loader.child_page(
        dialogues,
        SeriesPage,
        loader.t("serie-d-exemple", "example-series"),
        title=loader.t(*EXAMPLE_SERIES_TITLE),
        intro=loader.paragraphs(EXAMPLE_SERIES_TEXT),
    )
    loader.t(*EXAMPLE_SERIES_TITLE)
    loader.paragraphs(EXAMPLE_SERIES_TEXT)
    loader.translate(series)
    return series


def move_example(series):
    """Move each version of the upcoming example session that is not under ``series``'s
    version in its language, where that version exists, under it. A demo loaded before
    the example had a series of its own kept it in the Levers series, whose page then
    listed it as the programme's next session."""
    source = SessionPage.objects.filter(locale=series.locale, slug=EXAMPLE_SLUG).first()
    if source is None:
        return
    for version in [source, *source.get_translations()]:
        parent = series.get_translation_or_none(version.locale)
        if parent is not None and not version.is_child_of(parent):
            version.move(parent, pos="last-child")


def _example_session(loader, series):
    """The upcoming example session, open for registration."""
    move_example(series)
    # Dated on the first load only: child_page leaves an existing page alone.
    starts_at = _example_start()
    example = loader.child_page(
        series,
        SessionPage,
        loader.t(EXAMPLE_SLUG, "example-session"),
        title=loader.t(*EXAMPLE_TITLE),
        intro=loader.paragraphs(*EXAMPLE_TEXT),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        **EXAMPLE_REGISTRATION,
    )
    if not example.registration_enabled:
        # A demo site loaded before registration existed: open it once.
        for name, value in EXAMPLE_REGISTRATION.items():
            setattr(example, name, value)
        example.save_revision().publish()
        loader.log("  opened registration for the example session")
    loader.t(*EXAMPLE_TITLE)
    loader.paragraphs(*EXAMPLE_TEXT)
    english = loader.translate(example)
    if english is not None and not english.specific.registration_enabled:
        sync(example)


def _example_start():
    day = (timezone.localtime(timezone.now(), PARIS) + EXAMPLE_DELAY).date()
    return datetime.combine(day, time(15), tzinfo=PARIS)


def _fields(loader, session, people, roles):
    fields = {
        "title": loader.t(*session["title"]),
        "number": session["number"],
        "status": session.get("status", SessionPage.Status.SCHEDULED),
        # Spoken in French and English: those the site has.
        "languages": [code for code in ("fr", "en") if languages.known(code)],
        "lever_links": [
            SessionLever(lever=loader.levers[code], sort_order=order)
            for order, code in enumerate(session["levers"])
        ],
    }
    if "day" in session:
        start = datetime.combine(session["day"], time(15), tzinfo=PARIS)
        fields.update(starts_at=start, ends_at=start + timedelta(hours=2))
    if "month" in session:
        fields["provisional_month"] = session["month"]
    if "intro" in session:
        fields["intro"] = loader.paragraphs(session["intro"])
    if "entry_points" in session:
        intro, points = session["entry_points"]
        fields["body"] = [
            {
                "type": "entry_points",
                "value": {
                    "intro": loader.t(*intro),
                    # ListBlock's own format, with item ids, which wagtail-localize needs
                    # to translate each point.
                    "points": [
                        {"type": "item", "value": loader.t(*point), "id": str(uuid.uuid4())}
                        for point in points
                    ],
                },
            }
        ]
    if "interpretation" in session:
        fields["interpretation"] = loader.t(*session["interpretation"])
    fields["contributors"] = [
        SessionContributor(person=people[name], role=roles[role], sort_order=order)
        for order, (role, name) in enumerate(session.get("contributors", []))
    ]
    return fields


def _record_strings(loader, session):
    """Record the English of every string, also when the pages already exist."""
    loader.t(*session["title"])
    loader.t(*session["slug"])
    if "intro" in session:
        loader.paragraphs(session["intro"])
    if "entry_points" in session:
        intro, points = session["entry_points"]
        loader.t(*intro)
        for point in points:
            loader.t(*point)
    if "interpretation" in session:
        loader.t(*session["interpretation"])


# -- the seed (../shared/seeds), with our English --------------------------------

SERIES_SUMMARY = (
    "Cinq séminaires en ligne, de janvier à juin 2026, sur les leviers d'une co-production "
    "porteuse de sens.",
    "Five online seminars, from January to June 2026, on the levers of meaningful co-production.",
)

# (French name, English name, website): names as the seed writes them; an
# organisation's own name is kept in English when it has no English form.
BARTLETT = "The Bartlett Development Planning Unit, UCL"
ORGANISATIONS = [
    ("Just Space", "Just Space", ""),
    ("APPUI", "APPUI", ""),
    ("Deutsche Wohnen & Co. enteignen", "Deutsche Wohnen & Co. enteignen", ""),
    ("Ville de Tours", "City of Tours", ""),
    ("Université de Sheffield", "University of Sheffield", ""),
    ("Aix-Marseille Université", "Aix-Marseille University", ""),
    ("Conseil Français des Urbanistes", "Conseil Français des Urbanistes", ""),
    (BARTLETT, BARTLETT, ""),
]

# (name, organisation, (city in French, in English) or None, country code)
PEOPLE = [
    ("Richard Lee", "Just Space", ("Londres", "London"), "GB"),
    ("Mariana Tournon", "APPUI", None, "FR"),
    ("Manuel Katzer", "Deutsche Wohnen & Co. enteignen", ("Berlin", "Berlin"), "DE"),
    ("Maxime Poumerol", "Ville de Tours", None, "FR"),
    ("Beth Perry", "Université de Sheffield", None, "GB"),
    ("Claire Bénit-Gbaffou", "Aix-Marseille Université", None, "FR"),
    ("Myriam Cau", "Conseil Français des Urbanistes", None, "FR"),
    ("Barbara Lipietz", BARTLETT, None, "GB"),
    ("Tim Wickson", BARTLETT, None, "GB"),
    ("Alessio Kolioulis", BARTLETT, None, "GB"),
]

ROLES = {
    "contribution": ("Contributions et commentaires", "Contributions and comments"),
    "moderation": ("Animation", "Moderation"),
}

SESSIONS = [
    {
        "number": 1,
        "title": (
            "Ancrer durablement la co-production porteuse de sens",
            "Anchoring meaningful co-production for the long term",
        ),
        "slug": ("ancrer-durablement-la-co-production", "anchoring-co-production"),
        "day": datetime(2026, 1, 15).date(),
        "levers": ["ancrer", "reseaux-citoyens", "soutien-elargi", "institutions-accessibles"],
        "intro": (
            "S'appuyant sur des contributions provenant de toute l'Europe (et au-delà), cet "
            "événement marque le début d'une série consacrée à l'analyse des leviers essentiels "
            "d'une fabrique urbaine inclusive et co-produite.",
            "Drawing on contributions from across Europe (and beyond), this event opens a series "
            "devoted to examining the essential levers of inclusive, co-produced city-making.",
        ),
        "entry_points": (
            (
                "Le premier événement de cette série explore trois points d'entrée fondamentaux "
                "de la co-production:",
                "The first event of this series explores three fundamental entry points to "
                "co-production:",
            ),
            [
                (
                    "Des réseaux citoyens solides capables de résister aux injustices, de "
                    "partager les connaissances et de constituer une base horizontale;",
                    "Strong citizen networks, able to resist injustice, share knowledge and "
                    "build a horizontal base;",
                ),
                (
                    "Un soutien élargi à la co-production, reflétant une évolution du discours "
                    "public;",
                    "Broader support for co-production, reflecting a shift in public discourse;",
                ),
                (
                    "Des institutions accessibles, réceptives et dotées des capacités nécessaires "
                    "pour s'engager avec les savoirs et les ambitions des co-producteurs.trices.",
                    "Accessible, responsive institutions with the capacity to engage with the "
                    "knowledge and ambitions of co-producers.",
                ),
            ],
        ),
        "contributors": [
            ("contribution", "Richard Lee"),
            ("contribution", "Mariana Tournon"),
            ("contribution", "Manuel Katzer"),
            ("contribution", "Maxime Poumerol"),
            ("contribution", "Beth Perry"),
            ("contribution", "Claire Bénit-Gbaffou"),
            ("contribution", "Myriam Cau"),
            ("moderation", "Barbara Lipietz"),
            ("moderation", "Tim Wickson"),
            ("moderation", "Alessio Kolioulis"),
        ],
        "interpretation": (
            "Une traduction français/anglais et anglais/français sera disponible tout au long "
            "de l'événement.",
            "French/English and English/French interpretation will be available throughout the "
            "event.",
        ),
    },
    {
        "number": 2,
        "title": (
            "Financer et soutenir une co-production porteuse de sens",
            "Funding and supporting meaningful co-production",
        ),
        "slug": ("financer-et-soutenir", "funding-and-supporting"),
        "day": datetime(2026, 2, 12).date(),
        "levers": ["financer"],
    },
    {
        "number": 3,
        "title": (
            "Réguler pour une co-production porteuse de sens",
            "Regulating for meaningful co-production",
        ),
        "slug": ("reguler", "regulating"),
        "day": datetime(2026, 3, 12).date(),
        "levers": ["reguler"],
    },
    {
        "number": 4,
        "title": (
            "Défendre une co-production porteuse de sens",
            "Defending meaningful co-production",
        ),
        "slug": ("defendre", "defending"),
        "day": datetime(2026, 4, 16).date(),
        "levers": ["defendre"],
    },
    {
        "number": 5,
        "title": (
            "Permettre une co-production porteuse de sens à grande échelle – principaux "
            "enseignements",
            "Enabling meaningful co-production at scale – key lessons",
        ),
        "slug": ("grande-echelle", "at-scale"),
        "status": SessionPage.Status.TO_BE_CONFIRMED,
        "month": datetime(2026, 6, 1).date(),
        "levers": ["grande-echelle"],
    },
]

# Registration is open on the example session. The meeting link is clearly fake (the
# .invalid domain never resolves), and tests check it never appears on a public page.
EXAMPLE_REGISTRATION = {
    "registration_enabled": True,
    "capacity": 40,
    "meeting_url": "https://meeting.invalid/j/fairville-example-session",
    "meeting_passcode": "example-passcode-7341",
}

EXAMPLE_SERIES_TITLE = ("Série d'exemple", "Example series")
EXAMPLE_SERIES_TEXT = (
    "Une série d'exemple pour le site de démonstration : elle ne fait pas partie du programme "
    "des Dialogues.",
    "An example series for the demonstration site: it is not part of the Dialogues programme.",
)
EXAMPLE_TITLE = (
    "Session d'exemple — essayer l'inscription",
    "Example session — try out registration",
)
EXAMPLE_TEXT = [
    (
        "Cette session est un exemple : elle n'appartient pas au programme des Dialogues et "
        "aucune réunion n'aura lieu. Elle sert à essayer l'inscription sur le site de "
        "démonstration.",
        "This session is an example: it is not part of the Dialogues programme and no meeting "
        "will take place. It is here to try out registration on the demonstration site.",
    ),
]
