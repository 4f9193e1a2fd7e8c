"""The analysis that documents and queries share, checked word by word."""

import pytest

from search import analysis
from search.query import AllOf, AnyOf, Exclude, Seq, Term, clean, parse, plan, terms


@pytest.mark.parametrize(
    ("text", "language", "terms"),
    [
        ("Société ÉCOLE", "fr", "societ ecol"),
        ("l'habitat d’une qu'on", "fr", "habitat"),
        ("jusqu’à aujourd'hui", "fr", "aujourd hui aujourdhui"),
        ("habitants habitant", "fr", "habit habit"),
        ("co-production", "fr", "co product coproduct"),
        ("co production", "fr", "co product coproduct"),
        ("coproduction", "fr", "coproduct"),
        ("habitant·e·s", "fr", "habit habit"),
        ("bien-être", "fr", "bien etre bienetr"),
        ("Œuvre cœur", "fr", "oeuvr coeur"),
        ("neighbourhoods neighbourhood", "en", "neighbourhood neighbourhood"),
        ("the city's co-op", "en", "citi co op coop"),
        ("Αθήνα القاهرة", "en", "αθηνα القاهرة"),
    ],
)
def test_index_terms(text, language, terms):
    assert analysis.index_terms(text, language) == terms


def test_stop_words_are_those_of_the_language():
    assert analysis.index_terms("the de la", "en") == "de la"
    assert analysis.index_terms("the de la", "fr") == "the"


def test_autocomplete_words_keep_stop_words_and_are_not_stemmed():
    assert analysis.autocomplete_words("La Maison des habitantes", "fr") == [
        "la",
        "maison",
        "des",
        "habitante",
    ]


def test_query_plan_lets_every_spelling_of_a_compound_meet():
    for spelling in ("co-production", "co production", "coproduction"):
        assert plan(parse(spelling), "fr") == Term("coproduction")
    assert plan(parse("bien-être"), "fr") == AnyOf(
        (Term("bienetre"), Seq((Term("bien"), Term("etre"))))
    )


def test_query_plan_phrases_exclusions_and_stop_words():
    tree = parse('"maison de quartier" -logement l\'habitat')
    assert plan(tree, "fr") == Exclude(
        AllOf((Seq((Term("maison"), Term("quartier"))), Term("habitat"))), Term("logement")
    )
    assert plan(parse("the and of"), "en") is None
    assert plan(parse("-logement"), "fr") is None


NOTHING = {"fr": None, "en": None}


@pytest.mark.parametrize(
    ("text", "plans"),
    [
        ('"', NOTHING),
        ('""', NOTHING),
        ("*", NOTHING),
        ("-", NOTHING),
        ("--", NOTHING),
        ("\ud800", NOTHING),
        ("\x00", NOTHING),
        ("   ", NOTHING),
        ("🏠🌍", NOTHING),
        ("NEAR(", {"fr": Term("near"), "en": Term("near")}),
        # Operators are words; "a", "c" are French stop words, "a", "and", "or" English ones.
        (
            "a AND (b OR c)",
            {
                "fr": AllOf((Term("and"), Term("b"), Term("or"))),
                "en": AllOf((Term("b"), Term("c"))),
            },
        ),
        ("x" * 10_000, {"fr": Term("x" * 200), "en": Term("x" * 200)}),
        (
            " ".join(f"w{n}" for n in range(20)),
            {language: AllOf(tuple(Term(f"w{n}") for n in range(12))) for language in ("fr", "en")},
        ),
    ],
    ids=lambda value: repr(value)[:20] if isinstance(value, str) else "",
)
def test_any_input_plans_to_plain_words_or_nothing(text, plans):
    tree = parse(text)
    for language, expected in plans.items():
        assert plan(tree, language) == expected
    for term in terms(plan(tree, "")):
        assert term.isalnum() and len(term) <= 200  # nothing an engine could parse as syntax


def test_clean_trims_at_a_word_and_removes_what_cannot_be_encoded():
    assert clean("a\ud800b\x00c") == "abc"
    long = "mot " * 100
    assert len(clean(long)) <= 200 and clean(long).endswith("mot")
    clean("é" * 10_000).encode("utf-8")
