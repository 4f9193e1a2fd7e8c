"""Benchmark data for search: thousands of pages in French and English, made in seconds.

Creating pages one by one through Wagtail costs 60-85 ms a page at this scale, so the
pages are bulk-inserted with their treebeard paths computed here; the search index is
then built once with ``update_index``, as after an import. The text is example text
(each page says so) drawn from a bilingual vocabulary with a Zipf distribution, so that
some words are in nearly every page and others in a handful, as in real case studies.
"""

import json
import random
from uuid import uuid4

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from cms.models import HomePage, StandardPage

# Words that queries target, with the share of pages where they appear.
PLANTED = {
    "fr": [
        ("habitants", 0.7),
        ("quartier", 0.6),
        ("société", 0.3),
        ("école", 0.2),
        ("co-production", 0.35),
        ("coproduction", 0.1),
        ("bien-être", 0.05),
        ("réseaux", 0.25),
        ("logement", 0.5),
        ("coopérative", 0.04),
        ("jardins", 0.01),
        ("composteur", 0.003),
        ("l'habitat", 0.15),
    ],
    "en": [
        ("residents", 0.7),
        ("neighbourhoods", 0.6),
        ("society", 0.3),
        ("school", 0.2),
        ("co-production", 0.35),
        ("coproduction", 0.1),
        ("well-being", 0.05),
        ("networks", 0.25),
        ("housing", 0.5),
        ("cooperative", 0.04),
        ("gardens", 0.01),
        ("composter", 0.003),
    ],
}

BASE_WORDS = {
    "fr": (
        "le la les de des du un une et à en pour avec dans sur par au aux ce cette ces qui que "
        "ville projet ville habitant commune association collectif espace public politique "
        "urbain local participation budget décision conseil municipal acteur institution "
        "citoyen réseau initiative atelier travail recherche université terrain accès droit "
        "justice inégalité territoire centre périphérie rénovation démolition locataire "
        "propriétaire foncier coopération partenariat financement soutien accompagnement "
        "expérience pratique apprentissage savoir connaissance action mobilisation lutte"
    ).split(),
    "en": (
        "the a an of and to in for with on by at from this that these which who city project "
        "town resident community association collective space public policy urban local "
        "participation budget decision council municipal actor institution citizen network "
        "initiative workshop work research university field access right justice inequality "
        "territory centre periphery renewal demolition tenant owner land cooperation "
        "partnership funding support experience practice learning knowledge action struggle"
    ).split(),
}

EXAMPLE = {
    "fr": "Exemple de démonstration créé pour mesurer la recherche.",
    "en": "Demonstration example created to measure search.",
}

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _filler(language, count=20_000):
    rng = random.Random(f"filler-{language}")
    consonants, vowels = "bcdfglmnprstv", "aeiou" + ("éè" if language == "fr" else "")
    words = set()
    while len(words) < count:
        length = rng.randint(2, 4)
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(length)))
    return sorted(words)


class TextMaker:
    def __init__(self, language, seed):
        self.language = language
        self.rng = random.Random(seed)
        self.vocabulary = BASE_WORDS[language] + _filler(language)
        weights = [1 / (rank + 1) ** 1.1 for rank in range(len(self.vocabulary))]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def words(self, count):
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=count)

    def document(self, words=450):
        title = self.words(6)
        summary = self.words(40)
        body = self.words(words - 46)
        for word, share in PLANTED[self.language]:
            if self.rng.random() < share:
                target = body if self.rng.random() < 0.8 else summary
                for _ in range(self.rng.randint(1, 3)):
                    target.insert(self.rng.randrange(len(target) + 1), word)
                if self.rng.random() < 0.1:
                    title.insert(self.rng.randrange(len(title) + 1), word)
        return (
            " ".join(title).capitalize(),
            EXAMPLE[self.language] + " " + " ".join(summary) + ".",
            " ".join(body) + ".",
        )


def _path(parent_path, position):
    step, number = "", position
    while number:
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return parent_path + step.rjust(4, "0")


@transaction.atomic
def make_pages(per_language, languages=("fr", "en"), batch=1000):
    """``per_language`` example pages under each home page; returns how many were made."""
    content_type = ContentType.objects.get_for_model(StandardPage)
    now = timezone.now()
    made = 0
    for language in languages:
        home = HomePage.objects.get(locale__language_code=language)
        parent = StandardPage(title=f"Benchmark {language}", slug=f"benchmark-{language}")
        home.add_child(instance=parent)
        maker = TextMaker(language, seed=f"pages-{language}")
        for start in range(0, per_language, batch):
            pages, texts = [], []
            for position in range(start + 1, min(per_language, start + batch) + 1):
                title, lead, body = maker.document()
                slug = f"example-{position}"
                pages.append(
                    Page(
                        path=_path(parent.path, position),
                        depth=parent.depth + 1,
                        numchild=0,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        url_path=f"{parent.url_path}{slug}/",
                        content_type=content_type,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        locale_id=home.locale_id,
                        translation_key=uuid4(),
                    )
                )
                texts.append((lead, body))
            created = Page.objects.bulk_create(pages)
            body_json = [
                json.dumps([{"type": "paragraph", "value": f"<p>{body}</p>", "id": str(uuid4())}])
                for _, body in texts
            ]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {StandardPage._meta.db_table} "  # noqa: S608 (constant)
                    "(page_ptr_id, social_text, intro, body) VALUES (%s, %s, %s, %s)",
                    [
                        (page.pk, "", lead, body)
                        for page, (lead, _), body in zip(created, texts, body_json, strict=True)
                    ],
                )
            made += len(created)
        Page.objects.filter(pk=parent.pk).update(numchild=per_language)
    return made


def facets_for(page):
    """Facet values for an example page, as a case study would carry them."""
    rng = random.Random(page.pk)
    return [
        ("lab", f"lab-{rng.randint(1, 8)}"),
        ("year", str(rng.randint(2012, 2026))),
        *(("tag", f"tag-{number}") for number in rng.sample(range(1, 41), 3)),
        *(("lever", f"lever-{number}") for number in rng.sample(range(1, 9), 2)),
    ]
