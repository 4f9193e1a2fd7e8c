"""Live-server tests start from the demo as loaded, whatever the test before them did.

The restore (tests/snapshot.py) must bring back every row, the page tree and the search
index's full text, which lives outside the models. The test changes all three, then runs
the same flush and restore as happen between two transactional tests.
"""

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.models import StandardPage
from search.backends.site import SiteQuery
from search.models import IndexedDocument
from tests import snapshot


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def found(text, language):
    query = SiteQuery(text, (language,), limit=50)
    return {hit.title for hit in get_search_backend().site_search(query).hits}


def fulltext_rows():
    table = "search_fts" if connection.vendor == "sqlite" else "search_indexeddocument"
    column = "rowid" if connection.vendor == "sqlite" else "search_vector"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count({column}) FROM {table}")  # noqa: S608 - constants
        return cursor.fetchone()[0]


def test_a_transactional_test_starts_from_the_demo_and_leaves_it_as_it_found_it(
    transactional_db,
):
    before = row_counts()
    assert before["cms.HomePage"] == 2
    assert fulltext_rows() == IndexedDocument.objects.count() > 0
    about = StandardPage.objects.get(slug="about-the-dialogues")
    assert about.title in found("Dialogues", "en")

    # A test changes the tree, a page (re-indexed under a new document id) and deletes one.
    home = about.get_parent()
    home.add_child(instance=StandardPage(title="Zanzibarian interlude", slug="zanzibar"))
    about.title = "Xylophonic dialogues"
    about.save_revision().publish()
    Page.objects.get(slug="about-fairville").delete()
    assert found("Zanzibarian", "en") == {"Zanzibarian interlude"}
    assert found("Xylophonic", "en") == {"Xylophonic dialogues"}

    # What happens between two transactional tests: a flush, then the copy written back.
    call_command(
        "flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False
    )
    snapshot.restore()

    assert row_counts() == before
    assert not any(Page.find_problems())
    assert StandardPage.objects.get(pk=about.pk).title == "About the Dialogues"
    assert Page.objects.filter(slug="about-fairville").exists()
    assert found("Zanzibarian", "en") == set() and found("Xylophonic", "en") == set()
    assert "About the Dialogues" in found("Dialogues", "en")
    assert fulltext_rows() == IndexedDocument.objects.count()
    # New rows take new ids, after the restored ones.
    home.add_child(instance=StandardPage(title="After the restore", slug="after"))
