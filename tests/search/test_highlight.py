"""Snippets and highlighted titles: the passage around the matches, every match marked."""

import re

from search import highlight
from search.query import parse, plan, terms


def words(query, language):
    return set(terms(plan(parse(query), language)))


def test_every_match_in_the_passage_is_marked_when_a_word_is_everywhere():
    text = " ".join(["Les habitants du quartier se réunissent."] * 60)
    snippet = highlight.snippet(text, words("habitants", "fr"), "fr")
    passage = re.sub(r"</?mark>", "", snippet)
    assert len(passage) <= highlight.SNIPPET_LENGTH + 2
    assert snippet.count("<mark>habitants</mark>") == passage.count("habitants") > 3


def test_a_rare_word_far_into_a_long_text_is_found():
    text = "Un texte sans rapport. " * 1000 + "Puis vient la coopérative d'habitants."
    snippet = highlight.snippet(text, words("coopérative", "fr"), "fr")
    assert "<mark>coopérative</mark>" in snippet
    assert snippet.startswith("…")


def test_the_passage_with_the_most_matches_is_chosen():
    text = "Compost. " + "Rien ici. " * 80 + "Compost et jardin partagé. " * 3
    snippet = highlight.snippet(text, words("compost", "fr"), "fr")
    assert snippet.startswith("…") and snippet.count("<mark>Compost</mark>") == 3


def test_text_is_escaped_and_titles_are_marked():
    snippet = highlight.snippet("<script>alert(1)</script> jardin", words("jardin", "fr"), "fr")
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>jardin</mark>" in snippet
    title = highlight.highlight("Jardins & potagers", words("jardin", "fr"), "fr")
    assert title == "<mark>Jardins</mark> &amp; potagers"


def test_the_snippet_starts_with_the_sentence_of_the_match():
    text = (
        "Le projet a commencé en 2019 avec une association de locataires du centre-ville. "
        "Les jardins partagés ont suivi, sur deux parcelles prêtées par la mairie."
    )
    snippet = highlight.snippet(text, words("jardins", "fr"), "fr")
    assert snippet.startswith("…Les <mark>jardins</mark> partagés ont suivi")
    assert snippet.endswith("par la mairie.")


def test_the_snippet_stays_within_its_line():
    # Lines are paragraphs and fields: the summary is not run into the city that follows.
    text = "Des locataires rachètent leur immeuble en coopérative.\nLe Caire\nUn fonds solidaire."
    snippet = highlight.snippet(text, words("coopérative", "fr"), "fr")
    assert snippet == "Des locataires rachètent leur immeuble en <mark>coopérative</mark>."
    assert highlight.snippet(text, words("introuvable", "fr"), "fr") == (
        "Des locataires rachètent leur immeuble en coopérative."
    )


def test_the_sentence_with_more_of_the_query_wins_over_an_earlier_one():
    text = (
        "Un réseau de transport dessert le quartier depuis longtemps. "
        "Ici, un réseau citoyen solide défend les locataires."
    )
    snippet = highlight.snippet(text, words("réseau citoyen", "fr"), "fr")
    assert snippet.startswith("…Ici, un <mark>réseau</mark> <mark>citoyen</mark>")
