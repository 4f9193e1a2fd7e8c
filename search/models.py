"""The search index's own tables, shared by the SQLite and PostgreSQL backends.

One row per indexed object holds what the results page needs without loading the object
(language, kind, visibility, date, facet values, title), and a side table its original
text for snippets. The
full-text structure itself depends on the database and is created by migration 0002: an
FTS5 table keyed by this row's id on SQLite, tsvector columns with GIN indexes on
PostgreSQL.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

# Facet values are interned, and each document lists its values as one character per value
# (U+0020 + id), so that one string aggregate over the hits counts every facet at once. The
# first 223 values are Latin-1 characters, which Python keeps as shared objects: counting
# 100,000 of them takes half the time of counting characters above U+00FF.
FACET_CHAR_BASE = 0x20
MAX_FACET_VALUES = 0xD800 - FACET_CHAR_BASE  # below the surrogates


def facet_char(pk):
    return chr(FACET_CHAR_BASE + pk)


def facet_id(char):
    return ord(char) - FACET_CHAR_BASE


class FacetValue(models.Model):
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=255)
    # The value's label in each language ({"fr": "Logement"}), kept so that a results page
    # reads its facets' labels with their counts; filled by the search page when missing,
    # emptied when a label's source changes (see search.registry).
    labels = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="unique_search_facet_value")
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"

    @property
    def char(self):
        return facet_char(self.pk)


class IndexedDocument(models.Model):
    """One indexed object: small, so that thousands of hits are read in a few milliseconds."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    facets = models.TextField(blank=True)
    # The language the text was analysed in ("" for objects without a locale).
    language = models.CharField(max_length=12, blank=True)
    # The kind of result on the public search page; "" keeps the object out of it
    # (images, documents, drafts of snippets) while admin searches still find it.
    kind = models.CharField(max_length=40, blank=True)
    public = models.BooleanField(default=False)
    date = models.DateField(null=True, blank=True)
    title = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_search_document"
            )
        ]

    def __str__(self):
        return self.title or f"{self.content_type_id}:{self.object_id}"


class IndexedText(models.Model):
    """A document's text for snippets, apart: only the results on the page read it."""

    document = models.OneToOneField(
        IndexedDocument, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(blank=True)

    def __str__(self):
        return self.text[:60]


class IndexedWord(models.Model):
    """A word of a public document in a language, unstemmed, with the public documents
    of that language that contain it (PostgreSQL's vocabulary for "did you mean" and
    autocomplete's correction; SQLite reads FTS5's own, and leaves this table empty).
    Written only by the triggers of migration 0009, which count each public document's
    words in and out as it is indexed and removed: a word no public page has any more
    counts zero and is never suggested."""

    language = models.CharField(max_length=12)
    word = models.CharField(max_length=100)
    # The first two letters: candidates are looked up by them (search.suggest.prefixes).
    start = models.CharField(max_length=2)
    documents = models.IntegerField(db_default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="unique_search_word")
        ]
        indexes = [models.Index(fields=["language", "start"], name="search_word_start")]

    def __str__(self):
        return self.word
