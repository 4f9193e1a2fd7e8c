"""The index follows the site: publish, edit, unpublish, delete, translate, restrict."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from cms import translation
from cms.models import StandardPage
from search.models import IndexedDocument

from .conftest import titles
from .pages import publish_page

pytestmark = pytest.mark.django_db


def test_publishing_makes_a_page_findable_and_unpublishing_hides_it(home_fr, site_search):
    page = publish_page(home_fr, "Champignonnière", body="Des champignons dans une cave.")
    assert titles(site_search("champignon")) == ["Champignonnière"]

    page.unpublish()
    assert site_search("champignon").total == 0
    # Editors still find it in the admin, which searches every page.
    assert list(Page.objects.search("champignons")) == [page.page_ptr]


def test_a_draft_is_not_public_until_published(home_fr, site_search):
    draft = StandardPage(title="Brouillon sur les champignons", slug="brouillon", live=False)
    home_fr.add_child(instance=draft)
    draft.save_revision()
    assert site_search("champignons").total == 0
    StandardPage.objects.get(pk=draft.pk).get_latest_revision().publish()
    assert titles(site_search("champignons")) == ["Brouillon sur les champignons"]


def test_editing_and_republishing_replaces_the_indexed_text(home_fr, site_search):
    page = publish_page(home_fr, "Une page", body="Il était question de compostage.")
    page.body = [("paragraph", "<p>Il est désormais question de ruches.</p>")]
    page.save_revision().publish()
    assert site_search("compostage").total == 0
    assert titles(site_search("ruche")) == ["Une page"]


def test_deleting_removes_the_document(home_fr, site_search):
    page = publish_page(home_fr, "Page éphémère", body="Une fromagerie éphémère.")
    documents = IndexedDocument.objects.filter(object_id=str(page.pk), title="Page éphémère")
    assert documents.exists()
    page.delete()
    assert not documents.exists()
    assert site_search("fromagerie").total == 0


def test_translations_are_analysed_in_their_own_language(home_fr, site_search):
    source = publish_page(
        home_fr, "Ruelles vertes", intro="Des ruelles plantées.", body="Les riverains verdissent."
    )
    english = translation.translate(
        source,
        "en",
        {
            "Ruelles vertes": "Green alleys",
            "Des ruelles plantées.": "Planted alleys.",
            "Les riverains verdissent.": "Residents are greening them.",
            "ruelles-vertes": "green-alleys",
        },
        strict=False,
    )
    document = IndexedDocument.objects.get(object_id=str(english.pk), title="Green alleys")
    assert document.language == "en" and document.public
    # English stemming on the English page, French on the French one.
    assert titles(site_search("alley", ["en"])) == ["Green alleys"]
    assert titles(site_search("ruelle", ["fr"])) == ["Ruelles vertes"]
    # The reader's language by default, both when asked.
    assert site_search("alley", ["fr"]).total == 0
    assert sorted(titles(site_search("ruelle alleys", ["fr", "en"]))) == []
    assert sorted(titles(site_search("plantées planted", ["fr", "en"]))) == []
    assert sorted(titles(site_search("riverains residents", ["fr"]))) == []
    both = site_search("verdissent greening", ["fr", "en"])
    assert both.total == 0  # every word must match, within one language
    assert sorted(titles(site_search("vertes", ["fr", "en"]))) == ["Ruelles vertes"]
    assert sorted(
        hit.title
        for hit in (
            site_search("ruelle", ["fr", "en"]).hits + site_search("alleys", ["fr", "en"]).hits
        )
    ) == ["Green alleys", "Ruelles vertes"]


def test_wagtail_locale_filter(home_fr, en):
    publish_page(home_fr, "Forum citoyen", body="Un forum.")
    assert Page.objects.live().filter(locale=en).search("forum").count() == 0
    assert [p.title for p in Page.objects.live().exclude(locale=en).search("forum")] == [
        "Forum citoyen"
    ]


def test_private_pages_stay_out_of_public_search(home_fr, site_search):
    section = publish_page(home_fr, "Espace membres", body="Réservé.")
    page = publish_page(section, "Réunion interne", body="Ordre du jour confidentiel.")
    assert site_search("confidentiel").total == 1
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type="password", password="x"
    )
    assert site_search("confidentiel").total == 0  # the whole section, without republishing
    page.save_revision().publish()
    assert site_search("confidentiel").total == 0
    restriction.delete()
    assert site_search("confidentiel").total == 1


def test_alias_pages_are_not_duplicates_in_results(home_fr, home_en, site_search):
    page = publish_page(home_fr, "Herbier", body="Un herbier des initiatives.")
    page.create_alias(parent=home_en, update_slug="herbier-alias")
    assert site_search("herbier", ["fr", "en"]).total == 1


def test_update_index_rebuilds_the_same_index(home_fr, site_search):
    publish_page(home_fr, "Maison du projet", body="Une maison ouverte aux riverains.")
    public = IndexedDocument.objects.filter(public=True)
    before = set(public.values_list("content_type", "object_id", "title", "facets"))
    call_command("update_index", verbosity=0)
    assert set(public.values_list("content_type", "object_id", "title", "facets")) == before
    assert titles(site_search("riverain")) == ["Maison du projet"]


def test_a_results_page_with_facets_is_a_fixed_number_of_queries(
    home_fr, site_search, django_assert_max_num_queries
):
    for number in range(12):
        publish_page(home_fr, f"Lucarne {number}", body="Une lucarne de quartier.")
    # Search, document rows and facet labels; PostgreSQL adds a savepoint pair around
    # the search, whose planner setting is local to it.
    with django_assert_max_num_queries(6 if connection.vendor == "postgresql" else 3):
        results = site_search("lucarne")
    assert results.total == 12 and len(results.hits) == 12
    assert results.facets["type"]["page"] == 12


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="GIN pending lists are PostgreSQL's; run by make test"
)
def test_update_index_leaves_no_pending_gin_entries(home_fr, site_search):
    before = site_search("atelier").total
    for number in range(30):
        publish_page(home_fr, f"Atelier {number}", body="Un atelier de réparation.")
    call_command("update_index", verbosity=0)
    with connection.cursor() as cursor:
        for index in ("search_document_vector", "search_title_vector"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            assert cursor.fetchone()[0] == 0, index
    assert site_search("atelier").total == before + 30


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's; run by make test"
)
def test_update_index_vacuums_what_it_rewrote(transactional_db):
    # A rebuild deletes every row of the index and writes them anew; searches must not
    # visit the old rows until autovacuum comes. (Outside a test's transaction, as the
    # command runs.)
    def vacuums():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT relname, vacuum_count FROM pg_stat_user_tables "
                "WHERE relname IN ('search_indexeddocument', 'search_indexedtext')"
            )
            return dict(cursor.fetchall())

    before = vacuums()
    call_command("update_index", verbosity=0)
    after = vacuums()
    assert after == {table: count + 1 for table, count in before.items()}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's kept word counts; run by make test"
)
def test_a_demo_page_unpublished_after_a_restore_uncounts_its_words(transactional_db):
    # A transactional test starts from the demo written back (tests/snapshot.py): each
    # public document's words must come back with it, or a page leaving the index would
    # leave its words counted.
    from wagtail.models import Page

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.object_id, w.words[1] FROM search_documentword w "
            "JOIN search_indexeddocument d ON d.id = w.document_id "
            "WHERE d.language = 'fr' AND d.kind = 'case_study' ORDER BY d.id LIMIT 1"
        )
        object_id, word = cursor.fetchone()

    def documents():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT documents FROM search_indexedword WHERE language = 'fr' AND word = %s",
                [word],
            )
            return cursor.fetchone()[0]

    before = documents()
    Page.objects.get(pk=object_id).specific.unpublish()
    assert documents() == before - 1


def _autocomplete_rows():
    """(titles' rows, rows of no document) of PostgreSQL's autocomplete table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE d.id IS NULL) FROM "
            "search_autocompletevector a LEFT JOIN search_indexeddocument d ON d.id = a.document_id"
        )
        return cursor.fetchone()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's autocomplete table; run by make test"
)
def test_a_page_leaving_the_index_takes_its_autocomplete_words_along(home_fr, backend):
    def suggested(text):
        return [hit.title for hit in backend.site_autocomplete(text, ["fr"])]

    page = publish_page(home_fr, "Champignonnière", body="Des champignons dans une cave.")
    assert suggested("champi") == ["Champignonnière"]
    page.unpublish()
    assert suggested("champi") == []
    page.save_revision().publish()
    assert suggested("champi") == ["Champignonnière"]
    page.delete()
    assert suggested("champi") == []
    rows, orphans = _autocomplete_rows()
    assert orphans == 0 and rows == IndexedDocument.objects.count()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's autocomplete table; run by make test"
)
def test_the_autocomplete_words_come_back_with_a_restored_demo(transactional_db, backend):
    # A transactional test starts from the demo written back (tests/snapshot.py), after a
    # flush that truncated the documents (and, by trigger, their autocomplete rows).
    rows, orphans = _autocomplete_rows()
    assert orphans == 0 and rows == IndexedDocument.objects.count() > 0
    title = IndexedDocument.objects.filter(language="fr", public=True).exclude(kind="")[0].title
    prefix = title.split()[0][:4]
    assert title in [hit.title for hit in backend.site_autocomplete(prefix, ["fr"], limit=50)]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL migration; run by make test"
)
def test_the_migration_moves_existing_autocomplete_words_to_their_table(home_fr, backend):
    import importlib

    migration = importlib.import_module("search.migrations.0010_autocomplete_vectors")
    publish_page(home_fr, "Champignonnière", body="Des champignons dans une cave.")
    with connection.cursor() as cursor:
        # The page's deferred foreign key checks, before the migration alters the table.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _, sql in reversed(migration.POSTGRES):
            if sql:
                cursor.execute(sql)
        cursor.execute(
            "SELECT count(*) FROM search_indexeddocument "
            "WHERE autocomplete_vector @@ 'champignonniere:*'"
        )
        assert cursor.fetchone()[0] == 1
        for sql, _ in migration.POSTGRES:
            cursor.execute(sql)
    assert [hit.title for hit in backend.site_autocomplete("champi", ["fr"])] == ["Champignonnière"]
    rows, orphans = _autocomplete_rows()
    assert orphans == 0 and rows == IndexedDocument.objects.count()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL migration; run by make test"
)
def test_a_document_the_previous_release_indexes_is_suggested_too(home_fr, backend):
    # While the workers restart after migration 0010, the previous release still indexes
    # with its own statement: the autocomplete words in the documents' column.
    publish_page(home_fr, "Champignonnière", body="Des champignons dans une cave.")
    columns = (
        "content_type_id, object_id, language, kind, public, date, title, facets, "
        "search_vector, title_vector"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {columns} FROM search_indexeddocument "  # noqa: S608 - constant names
            "WHERE title = 'Champignonnière'"
        )
        old_id, *row = cursor.fetchone()
        cursor.execute("DELETE FROM search_indexedtext WHERE document_id = %s", [old_id])
        cursor.execute("DELETE FROM search_indexeddocument WHERE id = %s", [old_id])
        assert [hit.title for hit in backend.site_autocomplete("champi", ["fr"])] == []
        marks = ", ".join(["%s"] * len(row))
        cursor.execute(
            f"INSERT INTO search_indexeddocument ({columns}, autocomplete_vector) "  # noqa: S608
            f"VALUES ({marks}, to_tsvector('simple', 'champignonniere')) RETURNING id",
            row,
        )
        (new_id,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO search_indexedtext (document_id, text) VALUES (%s, '')", [new_id]
        )
    assert [hit.title for hit in backend.site_autocomplete("champi", ["fr"])] == ["Champignonnière"]
