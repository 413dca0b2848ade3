"""The model's tokenizer, extended for news text."""
import pytest

from pipeline.nlp import ABBREVIATION_HYPHEN, split_abbreviation_hyphens


def words(nlp, text):
    return [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize("text, expected", [
    ("U.S.-Mexico border", ["U.S.", "-", "Mexico", "border"]),
    ("the U.K.-Japan accord", ["the", "U.K.", "-", "Japan", "accord"]),
    ("a U.N.-backed force", ["a", "U.N.", "-", "backed", "force"]),
    ("a Ph.D.-level course", ["a", "Ph.D.", "-", "level", "course"]),
])
def test_hyphen_after_an_abbreviation_splits(nlp, text, expected):
    assert words(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("an e.g.-style list", ["an", "e.g.-style", "list"]),
    ("the U.S. and Canada", ["the", "U.S.", "and", "Canada"]),
    ("a well-known face", ["a", "well", "-", "known", "face"]),
    ("on 9.-10. June", ["on", "9.-10", ".", "June"]),
])
def test_other_tokens_are_unchanged(nlp, text, expected):
    assert words(nlp, text) == expected


def test_the_rule_is_added_once(nlp):
    split_abbreviation_hyphens(nlp)
    assert nlp.tokenizer.infix_finditer.__self__.pattern.count(ABBREVIATION_HYPHEN) == 1


def test_abbreviation_compound_gives_two_names(nlp):
    from pipeline import extract

    found = [(e.text, e.label) for e in extract("U.S.-Mexico talks resumed in May.", nlp=nlp).entities]
    assert ("U.S.", "GPE") in found and ("Mexico", "GPE") in found
