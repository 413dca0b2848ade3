"""Number reading rules of pipeline/numbers.py, one test per rule."""
from __future__ import annotations

import pytest

from pipeline import numbers


@pytest.mark.parametrize("words, value", [
    (["1,234.5"], 1234.5),                       # digits with separators
    (["thirty-seven"], 37.0),                    # hyphenated number word as one token
    (["thirty", "-", "seven"], 37.0),            # ... and as three tokens
    (["two", "hundred", "and", "fifty"], 250.0),
    (["four", "thousand", "five", "hundred"], 4500.0),
    (["a", "dozen"], 12.0),
    (["2.9", "million"], 2.9e6),
    (["52.3bn"], 52.3e9),                      # glued scale abbreviation
    (["3tn"], 3e12),
    (["7", "mln"], 7e6),
    (["1.8", "billion"], 1.8e9),
])
def test_parse_number(words: list[str], value: float) -> None:
    assert numbers.parse_number(words) == pytest.approx(value)


@pytest.mark.parametrize("words", [["five", "six"], ["1,23"], ["million"], ["a"], ["100", "20"]])
def test_not_one_number(words: list[str]) -> None:
    assert numbers.parse_number(words) is None


@pytest.mark.parametrize("word, value", [("twelfth", 12), ("21st", 21), ("twenty-first", 21), ("3rd", 3)])
def test_ordinals(word: str, value: int) -> None:
    assert numbers.parse_ordinal(word) == value


@pytest.mark.parametrize("words, value", [(["half"], 50.0), (["a", "third"], 100 / 3),
                                          (["two-thirds"], 200 / 3), (["three", "quarters"], 75.0)])
def test_fractions_are_percentages(words: list[str], value: float) -> None:
    assert numbers.parse_fraction(words) == pytest.approx(value)


def test_range_borrows_the_upper_scale() -> None:
    assert numbers.scale_range(["89"], ["93", "billion"]) == numbers.Range(89e9, 93e9)
    assert numbers.scale_range(["four"], ["five", "thousand"]) == numbers.Range(4000.0, 5000.0)
    assert numbers.scale_range(["3", "billion"], ["5", "billion"]) == numbers.Range(3e9, 5e9)


def test_descending_pair_is_no_range() -> None:
    assert numbers.scale_range(["20"], ["10"]) is None


@pytest.mark.parametrize("word, parts", [("PS2.7", ("PS", 2.7, "")), ("10kW", ("", 10.0, "kW")),
                                         ("US55,931,000", ("US", 55931000.0, "")), ("1.38pc", ("", 1.38, "pc"))])
def test_split_glued(word: str, parts: tuple) -> None:
    assert numbers.split_glued(word) == parts


def test_plain_number_is_not_glued() -> None:
    assert numbers.split_glued("2,000") is None


@pytest.mark.parametrize("word, value", [("1/16", 0.0625), ("3\u20444", 0.75), ("24/7", None), ("11/9", None),
                                         ("0/5", None), ("1/2/3", None)])
def test_slash_fractions_are_proper_fractions(word: str, value: float | None) -> None:
    assert numbers.parse_slash_fraction(word) == (pytest.approx(value) if value is not None else None)


@pytest.mark.parametrize("word, expected", [("42", True), ("thirty-seven", True), ("Dozens", True), ("third", True),
                                            ("US$5", True), ("well-known", False), ("market", False), ("m", False)])
def test_number_prefilter(word: str, expected: bool) -> None:
    assert numbers.may_be_number(word) is expected
