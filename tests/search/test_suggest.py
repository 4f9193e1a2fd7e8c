"""Typos forgiven: one "Did you mean" link from the index's own words, and autocomplete
that survives one wrong letter. Runs on SQLite (fts5vocab) and PostgreSQL (word table)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search import suggest
from search.backends.elasticsearch import autocomplete_body, decode_suggestion, suggestion_body
from tests.helpers import soup

from .pages import publish_page

pytestmark = pytest.mark.django_db


def suggestion(client, text, language="fr", **params):
    path = "/fr/recherche/" if language == "fr" else "/en/search/"
    page = soup(client.get(path, {"q": text, **params}))
    links = page.select(".search-suggestion a")
    assert len(links) <= 1
    return (links[0].get_text(), links[0]["href"]) if links else None


def wells(parent, often, rarely):
    for number in range(3):
        publish_page(parent, f"Puits {number}", body=f"Une {often} de pierre sèche.")
    publish_page(parent, "Puits rare", body=f"Une {rarely} de pierre sèche.")


def test_a_query_that_finds_nothing_offers_the_frequent_word_one_edit_away(client, home_fr):
    wells(home_fr, "margelle", "marelle")
    # "marrelle" is one edit from both: the word more pages use wins.
    text, href = suggestion(client, "marrelle pierre")
    assert text == "margelle pierre"
    assert href == "?q=margelle+pierre"
    followed = soup(client.get("/fr/recherche/" + href))
    assert len(followed.select(".search-hit")) == 3
    assert not followed.select(".search-suggestion")


def test_a_suggestion_that_would_find_nothing_is_not_offered(client, home_fr):
    wells(home_fr, "margelle", "marelle")
    # "qzxwvkj" is near no known word: corrected or not, the query finds nothing.
    assert suggestion(client, "mragelle qzxwvkj") is None
    assert suggestion(client, "mragelle", type="session") is None  # no session has it
    assert suggestion(client, "mragelle")[0] == "margelle"


def test_the_suggested_page_is_ready_when_the_reader_follows_the_link(client, home_fr):
    wells(home_fr, "margelle", "marelle")
    _, href = suggestion(client, "mragelle")
    with CaptureQueriesContext(connection) as followed:
        page = soup(client.get("/fr/recherche/" + href))
    assert len(page.select(".search-hit")) == 3
    assert followed.captured_queries == []


def test_a_correction_is_written_as_the_pages_write_it(client, home_fr):
    # The index keeps words without accents: "Did you mean: cooperative" on a French site
    # whose pages say "coopérative". The case is the reader's; a word they typed is kept.
    for number in range(3):
        publish_page(
            home_fr, f"Coopérative {number}", body="Une coopérative d'habitants à Marseille."
        )
    text, href = suggestion(client, "cooperatvie Marsielle")
    assert text == "coopérative Marseille"
    assert href == "?q=coop%C3%A9rative+Marseille"
    assert suggestion(client, "cooperative marsielle")[0] == "cooperative marseille"
    with CaptureQueriesContext(connection) as followed:
        page = soup(client.get("/fr/recherche/" + href))
    assert len(page.select(".search-hit")) == 3
    assert followed.captured_queries == []  # kept under the address the link gives


def test_written_as_prefers_the_exact_form_then_the_frequent_one():
    texts = ["Les coopératives et la coopérative.", "Des coopératives, des coopératives."]
    assert suggest.written_as("cooperative", "cooperatvie", texts, "fr") == "coopérative"
    assert suggest.written_as("cooperatives", "cooperatvies", texts, "fr") == "coopératives"
    assert suggest.written_as("jardin", "jardni", texts, "fr") == "jardin"  # not in them


def test_a_correction_is_a_word_of_its_own_without_the_elision_the_pages_put_before_it():
    # The benchmark's pages write only "d'habitants": "habitnats" was corrected to that.
    texts = ["Une coopérative d'habitants", "L'Assemblée des habitants d'Athènes"]
    assert suggest.written_as("habitants", "habitnats", texts, "fr") == "habitants"
    assert suggest.written_as("habitants", "habitnats", texts[:1], "fr") == "habitants"
    assert suggest.written_as("athenes", "athnes", texts, "fr") == "athènes"
    assert suggest.written_as("Assemblee", "Asemblee", texts, "fr") == "Assemblée"
    texts = ["The city's residents", "Residents of the city's gardens"]
    assert suggest.written_as("city", "cty", texts, "en") == "city"


def test_frequency_decides_the_other_way_too(client, home_fr):
    wells(home_fr, "marelle", "margelle")
    assert suggestion(client, "marrelle")[0] == "marelle"


def test_known_words_and_enough_results_get_no_suggestion(client, home_fr):
    wells(home_fr, "margelle", "marelle")
    assert suggestion(client, "marelle") is None  # known: one result, nothing to correct
    assert suggestion(client, "pierre") is None  # four results


def test_the_link_keeps_the_language_switch_and_filters(client, home_fr):
    wells(home_fr, "margelle", "marelle")
    _, href = suggestion(client, "mragelle", lang="all", type="page")
    assert href == "?q=margelle&lang=all&type=page"


def test_with_other_languages_a_typo_of_theirs_is_corrected_too(client, home_fr, home_en):
    wells(home_fr, "margelle", "marelle")
    # An English reader types the French word, wrongly: English pages know no "margelle".
    assert suggestion(client, "mragelle", language="en") is None
    text, href = suggestion(client, "mragelle", language="en", lang="all")
    assert (text, href) == ("margelle", "?q=margelle&lang=all")
    followed = soup(client.get("/en/search/" + href))
    assert len(followed.select(".search-hit")) == 3
    # The reader's own words come first: "pierer", which finds nothing in either
    # language, is near the French pages' "pierre" and the English pages' "pier".
    for number in range(2):
        publish_page(home_en, f"Harbour {number}", body="A stone pier for the boats.")
    assert suggestion(client, "pierer", language="en", lang="all")[0] == "pier"
    assert suggestion(client, "pierer", language="fr", lang="all")[0] == "pierre"


def test_words_rightly_typed_are_not_corrected_into_another_language(client, home_fr, home_en):
    # "démocratie" finds one French page: too few, but the French word is right, and the
    # English pages' "democratic", one edit away, is not what the reader meant.
    publish_page(home_fr, "Conseil de quartier", body="La démocratie locale, chaque mois.")
    for number in range(3):
        publish_page(home_en, f"Assembly {number}", body="Democratic governance, street by street.")
    assert suggestion(client, "démocratie", lang="all") is None


def test_english_words_are_suggested_in_english(client, home_en):
    for number in range(2):
        publish_page(home_en, f"Wells {number}", body="Neighbourhood wells and their keepers.")
    assert suggestion(client, "neighbuorhood keepers", language="en")[0] == (
        "neighbourhood keepers"
    )


def test_words_of_private_pages_are_never_suggested(client, home_fr):
    secret = publish_page(home_fr, "Note interne", body="La margelle cachée du jardin.")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    assert suggestion(client, "mragelle") is None


def test_a_prefix_with_one_wrong_letter_still_suggests(client, home_fr):
    publish_page(home_fr, "Margelles du vieux puits", body="Pierre.")
    exact = client.get("/fr/recherche/suggestions/", {"q": "margel"}).json()["results"]
    assert [result["title"] for result in exact] == ["Margelles du vieux puits"]
    for typo in ("marhel", "mrage", "margle"):
        found = client.get("/fr/recherche/suggestions/", {"q": typo}).json()["results"]
        assert [result["title"] for result in found] == ["Margelles du vieux puits"], typo
    assert client.get("/fr/recherche/suggestions/", {"q": "xqzwv"}).json()["results"] == []


def corrected_titles(client, typo):
    found = client.get("/fr/recherche/suggestions/", {"q": typo}).json()["results"]
    return [result["title"] for result in found]


def test_a_prefix_correction_follows_what_is_published(client, home_fr):
    """The engine may keep the words it reads and their counts for the index's
    generation (PostgreSQL does, in the results cache): a publish changes them at once."""
    publish_page(home_fr, "Margelles du vieux puits", body="Pierre.")
    # "marhel" is one edit from "margel" (a letter changed) and "marel" (one too many).
    assert corrected_titles(client, "marhel") == ["Margelles du vieux puits"]
    # A new word, in more pages than "margelles": its start wins.
    publish_page(home_fr, "Marelles de la cour", body="Craie.")
    publish_page(home_fr, "Jeux de la cour", body="Des marelles à la craie.")
    assert corrected_titles(client, "marhel") == ["Marelles de la cour"]
    # Then the known word becomes the more frequent one again.
    for number in range(2):
        publish_page(home_fr, f"Puits {number}", body="Une margelle de pierre.")
    assert corrected_titles(client, "marhel") == ["Margelles du vieux puits"]


def test_a_repeated_correction_on_postgresql_reads_nothing_again(client, home_fr):
    """PostgreSQL reads a start's words with their counts (kept by the triggers of
    migration 0009) in one statement, never a GIN count of each word (a common word's
    bitmap costs its whole posting list); the words of a start are kept for the index's
    generation, so the next keystroke or visitor reads them from the cache. (SQLite reads
    its counts with its words from fts5vocab, one cheap statement, and keeps nothing.)"""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's word table")
    publish_page(home_fr, "Margelles du vieux puits", body="Pierre.")
    with CaptureQueriesContext(connection) as first:
        assert corrected_titles(client, "marhel") == ["Margelles du vieux puits"]
    statements = [query["sql"] for query in first.captured_queries]
    assert len([sql for sql in statements if "search_indexedword" in sql]) == 1
    assert not [sql for sql in statements if "search_vector" in sql]
    with CaptureQueriesContext(connection) as again:
        assert corrected_titles(client, "marhel") == ["Margelles du vieux puits"]
    assert "search_indexedword" not in " ".join(query["sql"] for query in again.captured_queries)
    # Another slip with the same first letters reads the same words and counts.
    with CaptureQueriesContext(connection) as other:
        assert corrected_titles(client, "margle") == ["Margelles du vieux puits"]
    assert "search_indexedword" not in " ".join(query["sql"] for query in other.captured_queries)


def english_titles(client, typed):
    found = client.get("/en/search/suggestions/", {"q": typed}).json()["results"]
    return sorted(result["title"] for result in found)


def test_a_correction_weighs_each_word_by_its_own_pages_on_both_engines(client, home_en):
    """A candidate counts the pages that contain the word itself, as fts5vocab does on
    SQLite. PostgreSQL counted the word's stem: "zithers" counted every page with "zither"
    and "zither" every page with "zithers", so "zit" (3 pages) outweighed "zin" (4) and "zix"
    was corrected to a start no title has (as "gra" to "gro" in the benchmark)."""
    zinnias = [f"Zinnias {name}" for name in ("north", "south", "east", "west")]
    for title in zinnias:
        publish_page(home_en, title, body="Flowers by the river.")
    publish_page(home_en, "Music one", body="One zither.")
    for number in range(2):
        publish_page(home_en, f"Music {number + 2}", body="Two zithers.")
    assert english_titles(client, "zix") == sorted(zinnias)
    from wagtail.search.backends import get_search_backend

    engine = get_search_backend()
    vocabulary = engine.vocabulary("en", ["zi"])
    assert vocabulary == {"zinnias": 4, "zither": 1, "zithers": 2}
    assert engine.frequencies("en", ["zither", "zithers"], vocabulary) == {
        "zither": 1,
        "zithers": 2,
    }


def test_a_word_no_public_page_has_any_more_counts_zero(client, home_fr):
    """The counts follow every way a page leaves the index or comes back: unpublished,
    published again, deleted, and the whole index rebuilt."""
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    engine = get_search_backend()

    def margelles():
        return engine.vocabulary("fr", ["ma"]).get("margelle", 0)

    first = publish_page(home_fr, "Margelle de pierre", body="Un puits.")
    second = publish_page(home_fr, "Margelle de brique", body="Un puits.")
    assert margelles() == 2
    first.save_revision().publish()  # indexed again: counted once
    call_command("update_index", verbosity=0)
    assert margelles() == 2
    first.unpublish()
    assert margelles() == 1
    assert corrected_titles(client, "marhel") == ["Margelle de brique"]
    second.delete()
    assert margelles() == 0
    assert corrected_titles(client, "marhel") == []
    assert suggestion(client, "mragelle") is None
    first.refresh_from_db()
    first.save_revision().publish()
    assert margelles() == 1
    assert corrected_titles(client, "marhel") == ["Margelle de pierre"]


def test_hostile_input_gets_an_answer(client, home_fr):
    for text in ["é" * 5000, "a" * 99 + "b", "*" * 200, "--margele", '"margele', "NEAR(x y)"]:
        assert client.get("/fr/recherche/", {"q": text}).status_code == 200
        assert client.get("/fr/recherche/suggestions/", {"q": text}).status_code == 200


def test_edit_distance_counts_a_swap_as_one_edit():
    assert suggest.distance("habitnat", "habitant", 2) == 1
    assert suggest.distance("habitnat", "habitat", 2) == 1
    assert suggest.distance("abcdef", "badcfe", 2) == 3  # over the limit: limit + 1
    assert suggest.distance("", "ab", 2) == 2


def test_elasticsearch_bodies_ask_for_suggestions_and_fuzzy_prefixes():
    body = suggestion_body("Marrelles pierre", "fr")
    term = body["suggest"]["did_you_mean"]["term"]
    assert body["suggest"]["text"] == "marrelle pierre"
    assert term["field"] == "fv_body_fr" and term["suggest_mode"] == "missing"
    response = {
        "suggest": {
            "did_you_mean": [
                {"text": "marrelle", "options": [{"text": "margelle", "freq": 3}]},
                {"text": "pierre", "options": []},
            ]
        }
    }
    assert decode_suggestion(response, "marrelle pierre") == "margelle pierre"
    assert decode_suggestion({"suggest": {"did_you_mean": []}}, "x") is None
    fuzzy = str(autocomplete_body("marhel", ["fr"], 8))
    assert "'fuzziness': 1" in fuzzy


def test_autocomplete_correction_counts_each_word_up_to_a_cap(home_fr):
    """Autocomplete's correction weighs a start by its words' documents counted up to
    suggest.PREFIX_FREQUENCY_CAP each (on PostgreSQL a capped count stops reading rows
    there); "Did you mean" keeps exact counts. Both engines cap alike."""
    from wagtail.search.backends import get_search_backend

    for number in range(3):
        publish_page(home_fr, f"Puits {number}", body="Une margelle de pierre.")
    publish_page(home_fr, "Puits rare", body="Une marelle de pierre.")
    engine = get_search_backend()
    vocabulary = engine.vocabulary("fr", ["ma"])
    vocabulary.update(engine.vocabulary("fr", ["pi"]))
    words = ["margelle", "marelle", "pierre"]
    assert engine.frequencies("fr", words, vocabulary) == {"margelle": 3, "marelle": 1, "pierre": 4}
    assert engine.frequencies("fr", words, vocabulary, cap=2) == {
        "margelle": 2,
        "marelle": 1,
        "pierre": 2,
    }


def test_a_prefix_correction_weighs_every_word_of_each_start(client, home_en):
    """A start's weight is the documents of all its words, however many other candidate
    words come before them alphabetically: on a real site a two-letter start has hundreds
    of words ("re", "co"), and a start late in the alphabet must not count for nothing."""
    # 50 rare words starting "qua" (one page each: an example glossary), alphabetically
    # before every "quo" word...
    rare = [f"qua{first}{second}" for first in "abcde" for second in "abcdefghij"]
    publish_page(home_en, "Example glossary", body=" ".join(rare))
    # ... and "quo" words in six pages each: "quo" is the start most pages share.
    common = [f"quo{letter}a" for letter in "abcdefghij"]
    quorum = [f"Quorum example {number}" for number in range(6)]
    for title in quorum:
        publish_page(home_en, title, body=" ".join(common))
    from wagtail.search.backends import get_search_backend

    # "qux" is one letter from both starts.
    assert suggest.correct_prefix("qux", "en", get_search_backend()) == "quo"
    assert english_titles(client, "qux") == sorted(quorum)


def test_did_you_mean_weighs_every_known_word_within_reach(client, home_en):
    """Every known word within the edit distance is weighed by its pages, not only the
    first few in alphabetical order: a short word of a real site has many neighbours one
    letter away."""
    publish_page(home_en, "Example word list", body=" ".join(f"quz{last}" for last in "abcdefghi"))
    for number in range(3):
        publish_page(home_en, f"Example {number}", body="A quzy example.")
    assert suggestion(client, "quzz", "en")[0] == "quzy"
