"""Queries that cross languages: the bilingual vocabulary, the glossary, the SKOS export."""

import pytest
import rdflib
from rdflib.namespace import SKOS

from cms.translation import translate
from practices.models import GlossaryTerm
from search import vocabulary
from search.backends.site import SiteQuery
from search.query import parse
from tests.helpers import soup

from .pages import publish_page

pytestmark = pytest.mark.django_db


def hits(page):
    return [
        (hit.select_one(".search-hit__title a").get_text(), hit.get("lang"))
        for hit in page.select(".search-hit")
    ]


@pytest.fixture
def committee(home_fr, home_en):
    """An English page about residents that says nothing in French."""
    publish_page(
        home_en,
        "Standpipes run by a committee",
        body="Residents keep a log of breakdowns and meet every month in Marseille.",
    )
    publish_page(home_en, "Opening hours", body="Residents of the building meet on Fridays.")
    publish_page(home_fr, "Réunion de rue", body="Les voisines se retrouvent le vendredi.")


def test_a_french_query_with_other_languages_finds_the_english_page_through_the_glossary(
    client, committee
):
    alone = soup(client.get("/fr/recherche/", {"q": "habitants", "type": "page"}))
    assert "Standpipes run by a committee" not in [title for title, _ in hits(alone)]

    page = soup(client.get("/fr/recherche/", {"q": "habitants", "lang": "all", "type": "page"}))
    found = dict(hits(page))
    assert found["Standpipes run by a committee"] == "en"
    assert found["Opening hours"] == "en"
    # The result says which language it is in, and the translated word is highlighted.
    english = next(hit for hit in page.select(".search-hit") if "Standpipes" in hit.get_text())
    assert english.select_one(".search-hit__language").get_text() == "English"
    assert [mark.get_text() for mark in english.select(".search-hit__snippet mark")] == [
        "Residents"
    ]


def test_the_glossary_is_what_finds_it(client, committee):
    GlossaryTerm.objects.filter(term__in=["habitant·e·s", "residents"]).delete()
    page = soup(client.get("/fr/recherche/", {"q": "habitants", "lang": "all", "type": "page"}))
    assert "Standpipes run by a committee" not in dict(hits(page))


def test_words_the_vocabulary_does_not_know_are_searched_as_typed(client, committee):
    page = soup(
        client.get("/fr/recherche/", {"q": "habitants Marseille", "lang": "all", "type": "page"})
    )
    assert [title for title, _ in hits(page)] == ["Standpipes run by a committee"]


def test_a_place_that_names_a_lab_highlights_the_place_only(client, home_en, home_fr):
    # "Marseille" is also the lab "Fairville Lab Marseille": every page with that name
    # has the place: searching the name found nothing more, and highlighted "Fairville".
    publish_page(
        home_en,
        "Stairwell meetings",
        body="A Fairville lab volunteer and neighbours meet in Marseille every week.",
    )
    translated = repr(vocabulary.translate(parse("Marseille"), ("fr",), "en"))
    assert "Fairville" not in translated and translated.count("'Marseille'") == 1
    page = soup(client.get("/fr/recherche/", {"q": "Marseille", "lang": "all", "type": "page"}))
    english = next(hit for hit in page.select(".search-hit") if "Stairwell" in hit.get_text())
    marks = [mark.get_text() for mark in english.select(".search-hit__snippet mark")]
    assert marks == ["Marseille"]
    # The lab's whole name, typed, is still searched for as a name, alongside the place.
    translated = repr(
        vocabulary.translate(parse("Laboratoire Fairville de Marseille"), ("fr",), "en")
    )
    assert "'Fairville', 'Lab', 'Marseille'" in translated


def test_tags_labs_and_levers_pair_their_languages(client, home_en, home_fr):
    publish_page(home_en, "Tenure security", body="Housing in London after the war.")
    publish_page(home_en, "Strong citizen networks at work", body="A programme.")
    for query, title in [
        ("logement", "Tenure security"),  # a tag: logement = housing
        ("Londres", "Tenure security"),  # a lab's city: Londres = London
        ("réseaux citoyens solides", "Strong citizen networks at work"),  # an entry point
    ]:
        page = soup(client.get("/fr/recherche/", {"q": query, "lang": "all", "type": "page"}))
        assert title in dict(hits(page)), query


def test_the_reader_in_english_finds_french_pages_the_same_way(client, home_fr):
    publish_page(home_fr, "Une permanence", body="Des locataires menacés accueillis le lundi.")
    page = soup(client.get("/en/search/", {"q": "tenants", "lang": "all", "type": "page"}))
    assert dict(hits(page)).get("Une permanence") == "fr"


def test_a_word_typed_in_the_other_language_finds_the_reader_s_pages_too(client, committee):
    # An English reader types the French word, as people here write in both languages.
    alone = soup(client.get("/en/search/", {"q": "habitants", "type": "page"}))
    assert not hits(alone)
    page = soup(client.get("/en/search/", {"q": "habitants", "lang": "all", "type": "page"}))
    found = dict(hits(page))
    # In the reader's language: no language mark.
    assert found["Standpipes run by a committee"] is None and found["Opening hours"] is None
    english = next(hit for hit in page.select(".search-hit") if "Standpipes" in hit.get_text())
    assert [mark.get_text() for mark in english.select(".search-hit__snippet mark")] == [
        "Residents"
    ]
    # And the other way: "neighbours", typed in French, finds "les voisines".
    query = {"q": "neighbours", "type": "page"}
    assert "Réunion de rue" not in dict(hits(soup(client.get("/fr/recherche/", query))))
    page = soup(client.get("/fr/recherche/", {**query, "lang": "all"}))
    assert "Réunion de rue" in dict(hits(page))


def test_each_language_searched_reads_the_words_in_the_others(db):
    # "expulsions" names a glossary term in French: English searches its English name,
    # French searches it as typed (English names nothing by it); and the other way round.
    tree = parse("expulsions")
    assert "evictions" in repr(vocabulary.translate(tree, ("fr", "en"), "en"))
    assert vocabulary.translate(tree, ("en",), "fr") == tree
    reader_en = vocabulary.translate(parse("housing"), ("en", "fr"), "fr")
    assert "logement" in repr(reader_en)
    assert vocabulary.translate(parse("housing"), ("en", "fr"), "en") == parse("housing")


def test_an_editor_s_new_glossary_term_is_used_at_once(client, fr, en, home_en):
    publish_page(home_en, "Growing vegetables to sell", body="Market gardening on the edge.")
    query = {"q": "maraîchage", "lang": "all"}
    assert not hits(soup(client.get("/fr/recherche/", query)))  # cached: vocabulary, results
    term = GlossaryTerm.objects.create(locale=fr, term="maraîchage")
    translate(term, en, {"maraîchage": "market gardening"})
    assert dict(hits(soup(client.get("/fr/recherche/", query)))) == {
        "Growing vegetables to sell": "en"
    }


def test_translation_keeps_the_typed_words_and_the_query_s_structure(db):
    tree = parse('habitants -loyers "bailleur social" Marseille')
    translated = vocabulary.translate(tree, ("fr",), "en")
    text = repr(translated)
    for kept in ("'habitants'", "'Marseille'", "'loyers'", "'bailleur', 'social'"):
        assert kept in text
    for added in ("'residents'", "'rents'", "'social', 'landlord'"):
        assert added in text
    assert "Not(child=Or(" in text  # the exclusion excludes both languages' words
    assert vocabulary.translate(tree, ("fr",), "fr") is tree


def test_hostile_queries_across_languages_are_answered(client, committee):
    for text in ["habitants " * 2000, '"" - -- "habitants', "NEAR(habitants) AND *", "<b>é</b>"]:
        response = client.get("/fr/recherche/", {"q": text, "lang": "all"})
        assert response.status_code == 200


def test_the_demo_glossary_seeds_thirty_real_pairs(db, fr, en):
    pairs = {}
    for term in GlossaryTerm.objects.select_related("locale"):
        pairs.setdefault(term.translation_key, {})[term.locale.language_code] = term.term
    complete = [names for names in pairs.values() if {"fr", "en"} <= set(names)]
    assert len(complete) >= 30
    assert {"fr": "bailleur social", "en": "social landlord"} in complete


def test_the_vocabulary_is_exported_as_skos(client, fr):
    GlossaryTerm.objects.create(
        locale=fr, term="régie de quartier", note='Dite aussi "régie".\nUne association.'
    )
    response = client.get("/vocabulary.ttl")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.content.decode(), format="turtle")

    def concept(label, language):
        found = list(graph.subjects(SKOS.prefLabel, rdflib.Literal(label, lang=language)))
        assert len(found) == 1, label
        return found[0]

    def label(subject, language):
        return {
            str(value)
            for value in graph.objects(subject, SKOS.prefLabel)
            if value.language == language
        }

    assert label(concept("logement", "fr"), "en") == {"housing"}
    assert label(concept("habitant·e·s", "fr"), "en") == {"residents"}
    assert label(concept("Réguler", "fr"), "en") == {"Regulating"}
    assert label(concept("Laboratoire Fairville de Londres", "fr"), "en") == {
        "Fairville Lab London"
    }
    note = graph.value(concept("régie de quartier", "fr"), SKOS.scopeNote)
    assert str(note) == 'Dite aussi "régie".\nUne association.'
    glossary = [
        subject
        for subject in graph.subjects(SKOS.inScheme, None)
        if str(subject).split("#")[1].startswith("glossary-") and label(subject, "en")
    ]
    assert len(glossary) >= 30
    assert all(str(subject).startswith("http://testserver/vocabulary.ttl#") for subject in glossary)


def test_the_elasticsearch_body_searches_the_translation_in_english(db):
    from search.backends.elasticsearch import site_search_body

    body = str(site_search_body(SiteQuery("habitants", ("fr", "en"), translate_from="fr")))
    plain = str(site_search_body(SiteQuery("habitants", ("fr", "en"))))
    assert "residents" in body and "residents" not in plain


def test_the_source_language_s_stop_words_go_once_a_term_is_translated(db):
    # "de" is not a word of English pages: asked of them, it failed the whole query.
    english = repr(vocabulary.translate(parse("Université de Sheffield"), ("fr",), "en"))
    assert "'university'" in english and "'Sheffield'" in english
    assert "'de'" not in english
    # Nothing translated: the query is searched as typed, a name with its particle.
    tree = parse("Dupont de Nemours")
    assert vocabulary.translate(tree, ("fr",), "en") == tree
