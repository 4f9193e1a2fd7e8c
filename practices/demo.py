"""Demo content of the library: the seven labs the programme names, bilingual tags,
and 24 example case studies in French and English.

The labs are real; nothing is said about them beyond the seed's own words (the
project is based in eight Fairville labs, most of them linked to citizen
initiatives led by local partner groups) and the coordinates of their city. The
case studies are invented to show the library, and each says so in its summary
and in its first paragraph; none names a person or describes what a real lab did.
"""

from datetime import timedelta
from decimal import Decimal

from cms.translation import sync

from .models import (
    CaseStudyDiscussion,
    CaseStudyLever,
    CaseStudyPage,
    CaseStudyTag,
    GlossaryTerm,
    Lab,
    LibraryPage,
)
from .submissions import assign_review_workflow

# code, city (fr, en), "in the city" (fr, en), "of the city" (fr), country, city coordinates
LABS = [
    (
        "athenes",
        ("Athènes", "Athens"),
        ("à Athènes", "in Athens"),
        "d'Athènes",
        "GR",
        37.98381,
        23.72754,
    ),
    (
        "berlin",
        ("Berlin", "Berlin"),
        ("à Berlin", "in Berlin"),
        "de Berlin",
        "DE",
        52.52001,
        13.40495,
    ),
    (
        "bruxelles",
        ("Bruxelles", "Brussels"),
        ("à Bruxelles", "in Brussels"),
        "de Bruxelles",
        "BE",
        50.84667,
        4.35247,
    ),
    (
        "le-caire",
        ("Le Caire", "Cairo"),
        ("au Caire", "in Cairo"),
        "du Caire",
        "EG",
        30.04442,
        31.23571,
    ),
    ("dakar", ("Dakar", "Dakar"), ("à Dakar", "in Dakar"), "de Dakar", "SN", 14.71667, -17.46767),
    (
        "londres",
        ("Londres", "London"),
        ("à Londres", "in London"),
        "de Londres",
        "GB",
        51.50735,
        -0.12776,
    ),
    (
        "marseille",
        ("Marseille", "Marseille"),
        ("à Marseille", "in Marseille"),
        "de Marseille",
        "FR",
        43.29650,
        5.36978,
    ),
]

LAB_DESCRIPTION = (
    "Un des laboratoires Fairville, où le projet de recherche est basé. Les laboratoires "
    "Fairville sont pour la plupart liés à des initiatives citoyennes menées par des groupes "
    "locaux partenaires du projet.",
    "One of the Fairville labs, where the research project is based. Most Fairville labs are "
    "linked to citizen initiatives led by local groups that are partners in the project.",
)

# slug (fr), name (fr), slug (en), name (en)
TAGS = [
    ("logement", "logement", "housing", "housing"),
    ("jardins-partages", "jardins partagés", "community-gardens", "community gardens"),
    ("espaces-publics", "espaces publics", "public-space", "public space"),
    ("foncier", "foncier", "land", "land"),
    ("cooperatives", "coopératives", "cooperatives", "cooperatives"),
    (
        "budget-participatif",
        "budget participatif",
        "participatory-budgeting",
        "participatory budgeting",
    ),
    ("cartographie", "cartographie", "mapping", "mapping"),
    ("droit-au-logement", "droit au logement", "right-to-housing", "right to housing"),
    ("economie-locale", "économie locale", "local-economy", "local economy"),
    ("gouvernance", "gouvernance", "governance", "governance"),
    ("eau", "eau", "water", "water"),
    ("sante", "santé", "health", "health"),
    ("transport", "transport", "transport", "transport"),
]

# The glossary's seed: words of the seed programme and of the demo's own texts, each with
# the English the demo already gives it ((French, other forms), (English, other forms)).
# Tags, labs and levers pair themselves; these are the site's other recurring words.
GLOSSARY = [
    (("habitant·e·s", "habitants, habitantes"), ("residents", "")),
    (("bailleur social", "bailleurs sociaux"), ("social landlord", "")),
    (("locataires", "locataire"), ("tenants", "tenant")),
    (("quartier", "quartiers"), ("neighbourhood", "neighbourhoods, neighborhood")),
    (("réseaux citoyens", "réseau citoyen"), ("citizen networks", "citizen network")),
    (("militant·e·s", "militants, militantes"), ("activists", "")),
    (("universitaires", ""), ("academics", "")),
    (("université", "universités"), ("university", "universities")),
    (("société civile", ""), ("civil society", "")),
    (("gouvernements locaux", "gouvernement local"), ("local governments", "local government")),
    (("inégalités", "inégalité"), ("inequalities", "inequality")),
    (("justice spatiale", ""), ("spatial justice", "")),
    (("recherche-action participative", ""), ("participatory action research", "")),
    (("villes justes", "ville juste"), ("just cities", "just city")),
    (("séminaires en ligne", ""), ("online seminars", "")),
    (("mise en réseau", ""), ("networking", "")),
    (("co-apprentissage", ""), ("co-learning", "")),
    (("savoirs", "connaissances"), ("knowledge", "")),
    (("friche", "friches"), ("vacant land", "")),
    (("jardin partagé", "jardins partagés"), ("shared garden", "shared gardens")),
    (("bail", "baux"), ("lease", "")),
    (("propriétaire public", ""), ("public landowner", "")),
    (("voisin·e·s", "voisins, voisines"), ("neighbours", "")),
    (("association de quartier", ""), ("neighbourhood association", "")),
    (("usage temporaire", ""), ("temporary use", "")),
    (("fonds solidaire", ""), ("solidarity fund", "")),
    (("loyers", "loyer"), ("rents", "rent")),
    (("encadrement des loyers", ""), ("rent regulation", "")),
    (("médiateur·rice·s", "médiateurs, médiatrices"), ("facilitators", "")),
    (("mairie", ""), ("city hall", "")),
    (("conseil municipal", ""), ("city council", "")),
    (("élu·e·s locaux", "élus locaux"), ("local councillors", "")),
    (("commerçant·e·s", "commerçants"), ("traders", "")),
    (("expulsions", "expulsion"), ("evictions", "eviction")),
    (("permanence juridique", ""), ("legal help desk", "")),
    (("bénévoles", "bénévole"), ("volunteers", "volunteer")),
    (("entraide", ""), ("mutual aid", "")),
    (("bureau de quartier", ""), ("neighbourhood office", "")),
    (("bornes-fontaines", "borne-fontaine"), ("standpipes", "")),
    (("service des eaux", ""), ("water utility", "")),
    (("passer à grande échelle", ""), ("scaling up", "")),
]

EXAMPLE_NOTE = (
    "Ceci est une étude de cas d'exemple, écrite pour montrer la bibliothèque : elle ne décrit "
    "pas une expérience réelle et ne parle pas des activités du laboratoire Fairville {fr}.",
    "This is an example case study, written to show the library: it does not describe a real "
    "experience and says nothing about the activities of the Fairville lab {en}.",
)

# Each theme: slug stem (fr, en), title (fr, en), summary, story, actors, outcomes, lessons,
# tags, levers. "{fr}" / "{en}" stand for "à Marseille" / "in Marseille".
THEMES = [
    {
        "slug": ("jardin-partage", "shared-garden"),
        "title": ("Un jardin partagé sur une friche {fr}", "A shared garden on vacant land {en}"),
        "summary": (
            "Étude de cas d'exemple : des habitant·e·s transforment une friche en jardin "
            "partagé {fr} et obtiennent un bail auprès du propriétaire public.",
            "Example case study: residents turn vacant land into a shared garden {en} and "
            "obtain a lease from the public landowner.",
        ),
        "story": (
            "Un collectif de voisin·e·s commence par nettoyer le terrain et organiser des "
            "repas ouverts, puis négocie un usage temporaire qui devient un bail de dix ans.",
            "A group of neighbours starts by clearing the site and holding open meals, then "
            "negotiates a temporary use that becomes a ten-year lease.",
        ),
        "actors": (
            "Un collectif d'habitant·e·s, une association de quartier et le service foncier "
            "de la ville.",
            "A residents' collective, a neighbourhood association and the city's land department.",
        ),
        "outcomes": (
            "Un lieu ouvert à toutes et à tous, géré par une assemblée mensuelle.",
            "A place open to everyone, run by a monthly assembly.",
        ),
        "lessons": (
            "Un usage visible et régulier aide à négocier un cadre durable.",
            "Visible, regular use helps to negotiate a lasting arrangement.",
        ),
        "tags": ["jardins-partages", "espaces-publics", "foncier"],
        "levers": ["ancrer", "reseaux-citoyens"],
    },
    {
        "slug": ("cooperative-habitants", "housing-cooperative"),
        "title": ("Une coopérative d'habitants {fr}", "A residents' housing cooperative {en}"),
        "summary": (
            "Étude de cas d'exemple : des locataires créent une coopérative {fr} pour racheter "
            "leur immeuble avec l'aide d'un fonds solidaire.",
            "Example case study: tenants set up a cooperative {en} to buy their building back "
            "with the help of a solidarity fund.",
        ),
        "story": (
            "Menacé·e·s par une vente à un investisseur, les locataires se constituent en "
            "coopérative et réunissent l'apport grâce à des prêts solidaires.",
            "Threatened by a sale to an investor, the tenants form a cooperative and raise the "
            "deposit through solidarity loans.",
        ),
        "actors": (
            "Les locataires de l'immeuble, un fonds solidaire et une banque coopérative.",
            "The building's tenants, a solidarity fund and a cooperative bank.",
        ),
        "outcomes": (
            "Des loyers stables et une gestion collective de l'immeuble.",
            "Stable rents and collective management of the building.",
        ),
        "lessons": (
            "Un financement patient rend possible ce que le marché refuse.",
            "Patient finance makes possible what the market refuses.",
        ),
        "tags": ["logement", "cooperatives", "foncier"],
        "levers": ["financer"],
    },
    {
        "slug": ("budget-participatif", "participatory-budget"),
        "title": (
            "Un budget participatif de quartier {fr}",
            "A neighbourhood participatory budget {en}",
        ),
        "summary": (
            "Étude de cas d'exemple : une part du budget municipal est décidée {fr} par les "
            "habitant·e·s, avec des assemblées dans chaque rue.",
            "Example case study: part of the city budget is decided {en} by residents, with "
            "assemblies in every street.",
        ),
        "story": (
            "Après deux ans de demandes, la mairie accepte de confier une enveloppe à des "
            "assemblées ouvertes, accompagnées par des médiateur·rice·s.",
            "After two years of demands, the city hall agrees to entrust a budget to open "
            "assemblies, supported by facilitators.",
        ),
        "actors": (
            "Des assemblées de rue, des médiateur·rice·s et les services municipaux.",
            "Street assemblies, facilitators and the city's departments.",
        ),
        "outcomes": (
            "Des projets choisis par le quartier et réalisés dans l'année.",
            "Projects chosen by the neighbourhood and carried out within the year.",
        ),
        "lessons": (
            "Le temps de la médiation doit être financé autant que les projets.",
            "Facilitation time must be funded as much as the projects.",
        ),
        "tags": ["budget-participatif", "gouvernance"],
        "levers": ["financer", "institutions-accessibles"],
    },
    {
        "slug": ("cartographie-loyers", "rent-mapping"),
        "title": (
            "Une cartographie collective des loyers {fr}",
            "Collective mapping of rents {en}",
        ),
        "summary": (
            "Étude de cas d'exemple : des associations cartographient les loyers {fr} pour "
            "appuyer une demande d'encadrement.",
            "Example case study: associations map rents {en} to support a call for rent "
            "regulation.",
        ),
        "story": (
            "Des ateliers de porte-à-porte recueillent les loyers et les conditions de "
            "logement ; la carte sert ensuite de base à des propositions réglementaires.",
            "Door-to-door workshops collect rents and housing conditions; the map then becomes "
            "the basis of regulatory proposals.",
        ),
        "actors": (
            "Des associations de locataires, des étudiant·e·s et des élu·e·s locaux.",
            "Tenants' associations, students and local councillors.",
        ),
        "outcomes": (
            "Une carte publique et un débat au conseil municipal.",
            "A public map and a debate at the city council.",
        ),
        "lessons": (
            "Des données produites par les habitant·e·s pèsent dans la négociation.",
            "Data produced by residents carry weight in negotiation.",
        ),
        "tags": ["logement", "cartographie", "droit-au-logement"],
        "levers": ["reguler", "reseaux-citoyens"],
    },
    {
        "slug": ("marche-populaire", "neighbourhood-market"),
        "title": ("La défense d'un marché populaire {fr}", "Defending a neighbourhood market {en}"),
        "summary": (
            "Étude de cas d'exemple : commerçant·e·s et client·e·s s'organisent {fr} contre la "
            "fermeture d'un marché.",
            "Example case study: traders and customers organise {en} against the closure of a "
            "market.",
        ),
        "story": (
            "Une pétition, puis une occupation festive, ouvrent une négociation sur l'avenir du "
            "marché et de ses emplacements.",
            "A petition, then a festive occupation, open a negotiation on the future of the "
            "market and its stalls.",
        ),
        "actors": (
            "Des commerçant·e·s, des client·e·s et un collectif de soutien.",
            "Traders, customers and a support collective.",
        ),
        "outcomes": (
            "Le marché reste ouvert, avec une charte co-écrite.",
            "The market stays open, with a jointly written charter.",
        ),
        "lessons": (
            "Les alliances entre usagers et travailleurs élargissent le soutien.",
            "Alliances between users and workers broaden support.",
        ),
        "tags": ["economie-locale", "espaces-publics"],
        "levers": ["defendre", "soutien-elargi"],
    },
    {
        "slug": ("permanence-juridique", "legal-help-desk"),
        "title": (
            "Une permanence juridique contre les expulsions {fr}",
            "A legal help desk against evictions {en}",
        ),
        "summary": (
            "Étude de cas d'exemple : une permanence hebdomadaire {fr} aide les locataires "
            "menacé·e·s d'expulsion à faire valoir leurs droits.",
            "Example case study: a weekly help desk {en} helps tenants facing eviction to "
            "assert their rights.",
        ),
        "story": (
            "Des bénévoles formé·e·s accueillent les locataires, préparent les dossiers et "
            "accompagnent les audiences.",
            "Trained volunteers welcome tenants, prepare their files and go with them to hearings.",
        ),
        "actors": (
            "Des bénévoles, des juristes et une association de locataires.",
            "Volunteers, lawyers and a tenants' association.",
        ),
        "outcomes": (
            "Des expulsions évitées et un réseau d'entraide durable.",
            "Evictions avoided and a lasting mutual-aid network.",
        ),
        "lessons": (
            "Le droit devient un outil collectif quand il est partagé.",
            "The law becomes a collective tool when it is shared.",
        ),
        "tags": ["droit-au-logement", "logement"],
        "levers": ["defendre", "reseaux-citoyens"],
    },
    {
        "slug": ("bureau-quartier", "neighbourhood-office"),
        "title": (
            "Un bureau de quartier co-géré avec la mairie {fr}",
            "A neighbourhood office co-run with the city hall {en}",
        ),
        "summary": (
            "Étude de cas d'exemple : un bureau de quartier {fr} est géré à parts égales par "
            "des habitant·e·s et des agent·e·s municipaux.",
            "Example case study: a neighbourhood office {en} is run jointly by residents and "
            "city staff.",
        ),
        "story": (
            "Le bureau tient des permanences, oriente vers les services et fait remonter les "
            "demandes du quartier dans un comité mixte.",
            "The office holds drop-in hours, guides people to services and brings the "
            "neighbourhood's requests to a joint committee.",
        ),
        "actors": (
            "Des habitant·e·s élu·e·s en assemblée et des agent·e·s municipaux.",
            "Residents elected by an assembly and city staff.",
        ),
        "outcomes": (
            "Des services plus accessibles et un comité qui se réunit chaque mois.",
            "More accessible services and a committee that meets every month.",
        ),
        "lessons": (
            "Une institution devient accessible quand elle partage ses lieux et son temps.",
            "An institution becomes accessible when it shares its places and its time.",
        ),
        "tags": ["gouvernance", "espaces-publics"],
        "levers": ["institutions-accessibles", "grande-echelle"],
    },
    {
        "slug": ("eau-assainissement", "water-sanitation"),
        "title": (
            "Un réseau d'eau géré par les habitant·e·s {fr}",
            "A residents' water network {en}",
        ),
        "summary": (
            "Étude de cas d'exemple : un comité d'habitant·e·s {fr} gère des bornes-fontaines "
            "et négocie leur raccordement au réseau public.",
            "Example case study: a residents' committee {en} runs standpipes and negotiates "
            "their connection to the public network.",
        ),
        "story": (
            "Les habitant·e·s cotisent pour l'entretien, tiennent un registre des pannes et "
            "présentent leurs données au service des eaux.",
            "Residents pay into a maintenance fund, keep a log of breakdowns and present their "
            "data to the water utility.",
        ),
        "actors": (
            "Un comité d'habitant·e·s, une ONG locale et le service des eaux.",
            "A residents' committee, a local NGO and the water utility.",
        ),
        "outcomes": (
            "Un accès à l'eau plus régulier et un accord de raccordement.",
            "More regular access to water and a connection agreement.",
        ),
        "lessons": (
            "Passer à grande échelle demande de reconnaître ce que les habitant·e·s savent.",
            "Scaling up requires recognising what residents know.",
        ),
        "tags": ["eau", "sante"],
        "levers": ["grande-echelle", "financer"],
    },
]


def _degrees(value):
    return Decimal(f"{value:.5f}")


def load(loader):
    loader.log("Case-study library")
    labs = load_labs(loader)
    tags = load_tags(loader)
    load_glossary(loader)
    library = loader.child_page(
        loader.home,
        LibraryPage,
        loader.t("bibliotheque", "library"),
        title=loader.t("Bibliothèque de cas", "Case-study library"),
        intro=loader.paragraphs(
            (
                "Des expériences de co-production venues des laboratoires Fairville et "
                "d'ailleurs, à filtrer par laboratoire, levier, thème, pays et période.",
                "Experiences of co-production from the Fairville labs and beyond, to filter by "
                "lab, lever, theme, country and period.",
            )
        ),
    )
    library_en = loader.translate(library)
    loader.add_to_menu(library, 30)
    for page in (library, library_en):
        if page is not None:
            assign_review_workflow(page)
    for index, theme in enumerate(THEMES):
        for turn in range(3):
            code = LABS[(index * 3 + turn) % len(LABS)][0]
            load_case_study(loader, library, labs[code], tags, theme, index, turn)
    load_discussion(loader, library)


DISCUSSION_NOTE = (
    "Exemple : un lien de démonstration entre l'enregistrement d'exemple et une étude de cas "
    "d'exemple ; personne n'en a parlé.",
    "Example: a demonstration link between the example recording and an example case study; "
    "nobody talked about it.",
)


def load_discussion(loader, library):
    """The example recording (sessions' demo) discusses the first example case study, from
    0:06 to 0:12: both are examples, and the note says the link is one too."""
    from sessions.models import RecordingPage

    recording = RecordingPage.objects.filter(locale=loader.fr, slug="enregistrement").first()
    case = CaseStudyPage.objects.child_of(library).filter(locale=loader.fr).order_by("path").first()
    if recording is None or case is None:
        return
    note = loader.t(*DISCUSSION_NOTE)
    discussion, _created = CaseStudyDiscussion.objects.get_or_create(
        case_study=case,
        recording=recording,
        locale=loader.fr,
        defaults={
            "start": timedelta(seconds=6),
            "end": timedelta(seconds=12),
            "note": note,
        },
    )
    loader.translate(discussion)


def load_labs(loader):
    labs = {}
    for code, city, _in_city, of_city, country, latitude, longitude in LABS:
        lab = Lab.objects.filter(locale=loader.fr, slug=code).first()
        name = loader.t(f"Laboratoire Fairville {of_city}", f"Fairville Lab {city[1]}")
        if lab is None:
            lab = Lab.objects.create(
                locale=loader.fr,
                slug=code,
                name=name,
                city=loader.t(*city),
                country=country,
                latitude=_degrees(latitude),
                longitude=_degrees(longitude),
                description=loader.paragraphs(LAB_DESCRIPTION),
            )
        loader.t(*city)
        loader.paragraphs(LAB_DESCRIPTION)
        loader.translate(lab)
        labs[code] = lab
    return labs


def load_tags(loader):
    tags = {}
    for slug, name, slug_en, name_en in TAGS:
        tag = CaseStudyTag.objects.filter(locale=loader.fr, slug=slug).first()
        if tag is None:
            tag = CaseStudyTag.objects.create(locale=loader.fr, slug=slug, name=name)
        loader.translate(tag, {name: name_en, slug: slug_en})
        tags[slug] = tag
    return tags


def load_glossary(loader):
    for (term, others), (term_en, others_en) in GLOSSARY:
        entry = GlossaryTerm.objects.filter(locale=loader.fr, term=term).first()
        if entry is None:
            entry = GlossaryTerm.objects.create(locale=loader.fr, term=term, alternatives=others)
        strings = {term: term_en}
        if others:
            strings[others] = others_en or term_en
        loader.translate(entry, strings)


def load_case_study(loader, library, lab, tags, theme, index, turn):
    code, city, in_city, _of_city, country, latitude, longitude = next(
        entry for entry in LABS if entry[0] == lab.slug
    )
    fr, en = in_city

    def pair(texts):
        return loader.t(texts[0].format(fr=fr), texts[1].format(en=en))

    slug = loader.t(f"exemple-{theme['slug'][0]}-{code}", f"example-{theme['slug'][1]}-{code}")
    page = library.get_children().filter(slug=slug).first()
    if page is None:
        start = 2010 + (index * 2 + turn * 3) % 14
        ongoing = (index + turn) % 3 == 0
        page = CaseStudyPage(
            slug=slug,
            locale=loader.fr,
            title=pair(theme["title"]),
            reference=f"DEMO-{code.upper()}-{index + 1:02d}{turn + 1}",
            summary=pair(theme["summary"]),
            lab=lab,
            # An invented example: the real lab is not its author.
            lab_is_author=False,
            city=loader.t(*city),
            country=country,
            latitude=_degrees(latitude + 0.02 * (turn - 1) + 0.01 * (index % 3)),
            longitude=_degrees(longitude + 0.03 * (turn - 1) - 0.01 * (index % 2)),
            start_year=start,
            end_year=None if ongoing else min(start + 2 + index % 4, 2025),
            ongoing=ongoing,
            featured=index < 3 and turn == 0,
            body=[
                {
                    "type": "paragraph",
                    "value": f"<p>{pair(EXAMPLE_NOTE)}</p><p>{pair(theme['story'])}</p>",
                }
            ],
            actors=f"<p>{pair(theme['actors'])}</p>",
            outcomes=f"<p>{pair(theme['outcomes'])}</p>",
            lessons=f"<p>{pair(theme['lessons'])}</p>",
            lever_links=[
                CaseStudyLever(lever=loader.levers[code], sort_order=order, locale=loader.fr)
                for order, code in enumerate(theme["levers"])
            ],
        )
        page.tags.add(*(tags[slug] for slug in theme["tags"]))
        library.add_child(instance=page)
        page.save_revision().publish()
        loader.log(f"  created case study {slug}")
        page = CaseStudyPage.objects.get(pk=page.pk)
    else:
        # Record the strings again, so an English translation can be made on a later run.
        for key in ("title", "summary", "story", "actors", "outcomes", "lessons"):
            pair(theme[key])
        pair(EXAMPLE_NOTE)
        loader.t(*city)
        page = _not_by_the_lab(page.specific)
    loader.translate(page)
    return page


def _not_by_the_lab(page):
    """An example made before ``lab_is_author`` existed was credited to its lab (the field's
    default, for the real case studies already published): cite the project instead, in
    every language."""
    if page.lab_is_author:
        page.lab_is_author = False
        page.save_revision().publish()
        if page.get_translations().exists():
            sync(page)
        page = CaseStudyPage.objects.get(pk=page.pk)
    return page
