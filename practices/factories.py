"""Generated case studies for tests and benchmarks, in French and English, fast.

    from practices.factories import bulk_case_studies
    pages = bulk_case_studies(10_000, locales=("fr", "en"), seed=0)

makes 10,000 case studies in each locale (20,000 pages) under the libraries of the
demo site, in a few seconds: treebeard paths are computed here and rows are
written with ``bulk_create``, instead of ``add_child`` and a revision per page
(60-85 ms a page, see the stack notes). Each case study has a lab, a city and
coordinates near it, a period, three to five tags out of a bilingual vocabulary,
one or two levers, and about 450 words of text. The version in each further
locale shares the source's ``translation_key`` (so ``get_translation`` links
them), its tags (as a wagtail-localize sync would) and its levers in that locale.

What it skips, on purpose: revisions, wagtail-localize's translation records and
the search index. Run ``manage.py update_index`` afterwards when search matters.
It needs the demo's libraries, labs and levers (``manage.py load_demo``).
"""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page

from cms import languages, pagecache
from cms.bulk import child_paths, insert_pages, lever_links
from cms.models import Lever

from . import library_index
from .demo import TAGS
from .models import CaseStudyLever, CaseStudyPage, CaseStudyTag, Lab, LibraryPage, TaggedCaseStudy

BATCH = 1000

# A bilingual vocabulary of tags: the demo's, and more. (fr slug, fr name, en slug, en name)
VOCABULARY = TAGS + [
    ("education-populaire", "éducation populaire", "popular-education", "popular education"),
    ("energie", "énergie", "energy", "energy"),
    ("alimentation", "alimentation", "food", "food"),
    ("migrations", "migrations", "migration", "migration"),
    ("culture", "culture", "culture", "culture"),
    ("climat", "climat", "climate", "climate"),
    ("renovation", "rénovation", "renovation", "renovation"),
    ("mobilites", "mobilités", "mobility", "mobility"),
    ("jeunesse", "jeunesse", "youth", "youth"),
    ("genre", "genre", "gender", "gender"),
    ("communs", "communs", "commons", "commons"),
]

SUBJECTS = [
    ("Un collectif d'habitant·e·s", "A residents' collective"),
    ("Une association de locataires", "A tenants' association"),
    ("Un réseau de voisin·e·s", "A network of neighbours"),
    ("Une coopérative de quartier", "A neighbourhood cooperative"),
    ("Un groupe de jeunes", "A youth group"),
    ("Une assemblée de rue", "A street assembly"),
]
ACTIONS = [
    ("organise des ateliers ouverts sur", "holds open workshops on"),
    ("négocie avec la mairie au sujet de", "negotiates with the city hall about"),
    ("cartographie les besoins liés à", "maps the needs related to"),
    ("défend devant le tribunal", "defends in court"),
    ("finance par des prêts solidaires", "funds through solidarity loans"),
    ("ouvre un lieu partagé consacré à", "opens a shared place devoted to"),
]
OBJECTS = [
    ("l'accès au logement", "access to housing"),
    ("l'usage des espaces publics", "the use of public spaces"),
    ("la gestion de l'eau", "the management of water"),
    ("la rénovation des immeubles", "the renovation of buildings"),
    ("l'alimentation du quartier", "the neighbourhood's food"),
    ("les transports du quotidien", "everyday transport"),
    ("les savoirs des habitant·e·s", "residents' knowledge"),
]
CLAUSES = [
    ("avec le soutien d'une université", "with the support of a university"),
    ("après plusieurs années de mobilisation", "after several years of campaigning"),
    ("en lien avec d'autres villes", "in connection with other cities"),
    ("malgré des moyens limités", "despite limited means"),
    ("dans un quartier à faibles revenus", "in a low-income neighbourhood"),
    ("grâce à une convention avec la ville", "thanks to an agreement with the city"),
]
TOPICS = [
    ("Jardin", "Garden"),
    ("Coopérative", "Cooperative"),
    ("Assemblée", "Assembly"),
    ("Atelier", "Workshop"),
    ("Permanence", "Help desk"),
    ("Observatoire", "Observatory"),
    ("Réseau", "Network"),
    ("Fonds", "Fund"),
]
THEMES = [
    ("du logement", "on housing"),
    ("de l'eau", "on water"),
    ("des communs", "on the commons"),
    ("de l'alimentation", "on food"),
    ("de la rénovation", "on renovation"),
    ("des mobilités", "on mobility"),
]


# The languages of the generator's text pairs below, in their order. Languages configured
# beyond them get no generated content (bulk_case_studies says so).
PHRASEBOOK = ("fr", "en")  # language data: the phrase book's languages


def _index(language):
    if language not in PHRASEBOOK:
        raise ValueError(f"The generator writes {', '.join(PHRASEBOOK)} only, not {language!r}.")
    return PHRASEBOOK.index(language)


def phrasebook_languages():
    """The configured languages the generator writes, the source first."""
    return [code for code in languages.codes() if code in PHRASEBOOK]


def _sentence(rng, language):
    index = _index(language)
    parts = (rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(CLAUSES))
    return " ".join(part[index] for part in parts) + "."


def _paragraphs(rng, language, count, sentences=5):
    # The same seed gives parallel French and English texts.
    state = rng.getstate()
    paragraphs = []
    for _i in range(count):
        paragraphs.append(" ".join(_sentence(rng, language) for _s in range(sentences)))
    rng.setstate(state)
    return paragraphs


def ensure_vocabulary(locales):
    """The generator's tags in every locale, translations sharing one key."""
    source_language, *others = PHRASEBOOK
    tags = {}
    for slug_fr, name_fr, slug_en, name_en in VOCABULARY:
        names = {source_language: (slug_fr, name_fr), others[0]: (slug_en, name_en)}
        slug, name = names[source_language]
        source = CaseStudyTag.objects.filter(
            locale__language_code=source_language, slug=slug
        ).first()
        if source is None:
            source = CaseStudyTag.objects.create(
                locale=Locale.objects.get(language_code=source_language), name=name, slug=slug
            )
        for language in others:
            if (
                language not in locales
                or CaseStudyTag.objects.filter(
                    translation_key=source.translation_key, locale__language_code=language
                ).exists()
            ):
                continue
            slug, name = names[language]
            CaseStudyTag.objects.create(
                locale=Locale.objects.get(language_code=language),
                translation_key=source.translation_key,
                name=name,
                slug=slug,
            )
        tags[slug_fr] = source
    return list(tags.values())


@transaction.atomic
def bulk_case_studies(n, locales=None, seed=0):
    """Create ``n`` case studies, each in every one of ``locales`` (the first is the source;
    by default the configured languages the generator writes).

    Returns the created source-language pages (``CaseStudyPage`` instances).
    """
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    locales = phrasebook_languages() if locales is None else locales
    for code in locales:
        _index(code)
    locales = [Locale.objects.get(language_code=code) for code in locales]
    libraries = {
        locale.pk: LibraryPage.objects.filter(locale=locale).order_by("path").first()
        for locale in locales
    }
    if not all(libraries.values()):
        raise LookupError("bulk_case_studies needs a library in every locale: run load_demo.")
    labs = {}
    for lab in Lab.objects.select_related("locale"):
        labs.setdefault(lab.slug, {})[lab.locale_id] = lab
    lab_codes = sorted(labs)
    levers = {}
    for lever in Lever.objects.all():
        levers.setdefault(lever.code, {})[lever.locale_id] = lever
    lever_codes = sorted(levers)
    tags = ensure_vocabulary([locale.language_code for locale in locales])
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    now = timezone.now()
    this_year = datetime.date.today().year

    specs = []
    for number in range(n):
        start = rng.randint(1995, this_year - 1)
        ongoing = rng.random() < 0.3
        end = None if ongoing else min(this_year, start + rng.randint(0, 8))
        lab = rng.choice(lab_codes) if lab_codes else None
        specs.append(
            {
                "key": uuid.UUID(int=rng.getrandbits(128), version=4),
                "reference": f"GEN-{seed}-{number:06d}",
                "topic": rng.choice(TOPICS),
                "theme": rng.choice(THEMES),
                "lab": lab,
                "start": start,
                "end": end,
                "ongoing": ongoing,
                "jitter": (rng.uniform(-0.08, 0.08), rng.uniform(-0.08, 0.08)),
                "tags": rng.sample(tags, rng.randint(3, 5)),
                "levers": rng.sample(lever_codes, rng.randint(1, 2)) if lever_codes else [],
                "seed": rng.getrandbits(32),
                "published": now - datetime.timedelta(minutes=number),
            }
        )

    created = {}
    for locale in locales:
        created[locale.pk] = _create_pages(specs, locale, libraries[locale.pk], labs, content_type)
    source_locale = locales[0]
    for locale in locales:
        _link(created[locale.pk], specs, locale, source_locale, levers)
    # bulk_create sends no signals: tell the page cache and the library's index that the
    # pages changed.
    pagecache.invalidate_now_and_on_commit()
    library_index.changed()
    return created[source_locale.pk]


def _create_pages(specs, locale, library, labs, content_type):
    language = locale.language_code
    index = _index(language)
    paths = child_paths(library, len(specs))
    pages = []
    for spec, path in zip(specs, paths, strict=False):
        topic, theme = spec["topic"][index], spec["theme"][index]
        lab = labs.get(spec["lab"], {}) if spec["lab"] else {}
        lab = lab.get(locale.pk) or next(iter(lab.values()), None)
        city = lab.city if lab else "Fairville"
        title = f"{topic} {theme} · {city} · {spec['reference'][-6:]}"
        slug = f"{spec['reference'].lower()}-{language}"
        text_rng = random.Random(spec["seed"])  # noqa: S311 - sample data
        story = _paragraphs(text_rng, language, 5)
        summary = _paragraphs(text_rng, language, 1, sentences=2)[0]
        pages.append(
            CaseStudyPage(
                path=path,
                depth=library.depth + 1,
                numchild=0,
                title=title,
                draft_title=title,
                slug=slug,
                url_path=f"{library.url_path}{slug}/",
                content_type=content_type,
                locale=locale,
                translation_key=spec["key"],
                live=True,
                has_unpublished_changes=False,
                first_published_at=spec["published"],
                last_published_at=spec["published"],
                reference=spec["reference"],
                lab=lab,
                lab_is_author=False,  # generated: no lab wrote it
                city=city,
                country=lab.country.code if lab else "FR",
                latitude=round(lab.latitude + type(lab.latitude)(spec["jitter"][0]), 5)
                if lab
                else None,
                longitude=round(lab.longitude + type(lab.longitude)(spec["jitter"][1]), 5)
                if lab
                else None,
                start_year=spec["start"],
                end_year=spec["end"],
                ongoing=spec["ongoing"],
                summary=summary,
                body=[{"type": "paragraph", "value": "".join(f"<p>{p}</p>" for p in story)}],
                actors=f"<p>{_paragraphs(text_rng, language, 1, 2)[0]}</p>",
                outcomes=f"<p>{_paragraphs(text_rng, language, 1, 3)[0]}</p>",
                lessons=f"<p>{_paragraphs(text_rng, language, 1, 3)[0]}</p>",
            )
        )
    insert_pages(CaseStudyPage, pages)
    Page.objects.filter(pk=library.pk).update(numchild=F("numchild") + len(pages))
    return pages


def _link(pages, specs, locale, source_locale, levers):
    # Tags are those of the source, as wagtail-localize's sync leaves them.
    tagged = [
        TaggedCaseStudy(content_object_id=page.pk, tag=tag)
        for page, spec in zip(pages, specs, strict=True)
        for tag in spec["tags"]
    ]
    TaggedCaseStudy.objects.bulk_create(tagged, batch_size=BATCH)
    links = lever_links(CaseStudyLever, pages, specs, locale, source_locale, levers)
    CaseStudyLever.objects.bulk_create(links, batch_size=BATCH)
