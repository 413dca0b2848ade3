"""Reading numbers as written in English news: digits, words, scales, ordinals, fractions.

Pure functions over strings, so every rule is testable without a model. A
number is a sequence of words ("2.9", "million"; "thirty-seven"; "a",
"dozen"); `parse_number` gives its value or None when the words are not one
number. The words of English number grammar are closed classes and live here;
what grows (units, currencies, cue words) lives in `pipeline/data/`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Multipliers, also as abbreviations glued to digits ("52.3bn", "35m", "$3tn").
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mil": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mio": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12, "trn": 1e12,
    "lakh": 1e5, "crore": 1e7,
}
# Abbreviations that are scales only right after digits: "5m" is five million, "m" alone is metres.
GLUED_ONLY: frozenset[str] = frozenset({"k", "m", "b", "tr"})
DOZEN = {"dozen": 12.0, "score": 20.0}
# Vague plural scales: "dozens of", "thousands of" → [scale, 10 × scale).
VAGUE_PLURALS: dict[str, float] = {
    "tens": 10.0, "dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}
# Fractions of a whole; as quantities they are percentages ("about half" → 50 %).
FRACTIONS: dict[str, float] = {
    "half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
    "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}
ARTICLES = frozenset({"a", "an"})
# Every word that can start or be a number, ordinal, fraction or vague plural: a token with none of these
# and no digit is no figure, so sentences without one are skipped (see `may_be_number`).
NUMBER_WORDS: frozenset[str] = frozenset(
    {*UNITS_WORDS, *TENS_WORDS, *ORDINAL_WORDS, *FRACTIONS, *VAGUE_PLURALS, *DOZEN,
     *(s for s in SCALES if s not in GLUED_ONLY)})

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
_GLUED = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$", re.IGNORECASE)
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)


@dataclass(frozen=True)
class Range:
    """A closed range of values; a single value has `high` None."""

    low: float
    high: float | None = None


def parse_digits(word: str) -> float | None:
    """'1,234.5' → 1234.5; separators must be well-formed ('1,23' is not a number)."""
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    return None


def parse_glued(word: str) -> float | None:
    """Digits with a glued scale: '52.3bn' → 5.23e10, '35m' → 3.5e7, '5k' → 5000."""
    match = _GLUED.match(word)
    if match and match.group(2).lower() in SCALES:
        return float(match.group(1).replace(",", "")) * SCALES[match.group(2).lower()]
    return None


def word_value(word: str) -> float | None:
    """The value of one number word or digit string ('thirty-seven' included), else None."""
    low = word.lower()
    value = parse_digits(low)
    if value is None:
        value = parse_glued(low)
    if value is None and low in UNITS_WORDS:
        value = float(UNITS_WORDS[low])
    if value is None and low in TENS_WORDS:
        value = float(TENS_WORDS[low])
    if value is None and "-" in low:
        tens, _, unit = low.partition("-")
        if tens in TENS_WORDS and unit in UNITS_WORDS and 0 < UNITS_WORDS[unit] < 10:
            value = float(TENS_WORDS[tens] + UNITS_WORDS[unit])
    return value


def may_be_number(word: str) -> bool:
    """Cheap pre-filter: a digit, or a number word alone or in a hyphenated compound ('thirty-seven')."""
    low = word.lower()
    return any(c.isdigit() for c in low) or low in NUMBER_WORDS or "-" in low and any(
        part in NUMBER_WORDS for part in low.split("-"))


def is_scale(word: str) -> bool:
    """A multiplier word or abbreviation ('million', 'bn', 'dozen')."""
    return word.lower() in SCALES or word.lower() in DOZEN


def parse_number(words: Sequence[str]) -> float | None:
    """Value of a sequence of number words, e.g. ['2.9', 'million'], ['two', 'hundred', 'and', 'fifty'],
    ['a', 'dozen'], ['1.8', 'billion']; None if the words do not form one number.

    Standard left-to-right accumulation: a scale multiplies what is pending below
    it ("four thousand five hundred" → 4500).
    """
    words = [_no_stop(w.lower()) for w in words if w.lower() != "and" and w != "-"]
    if not words:
        return None
    if words[0] in ARTICLES:
        if len(words) == 1 or words[1] not in SCALES and words[1] not in DOZEN:
            return None
        words = ["1", *words[1:]]
    total, current, seen_number = 0.0, 0.0, False
    for word in words:
        value = word_value(word)
        if value is not None:
            if seen_number and current and not (word.isalpha() and _can_add(current, value)):
                return None
            current += value
            seen_number = True
            continue
        scale = SCALES.get(word) or DOZEN.get(word)
        if scale is None or not seen_number:
            return None
        if scale >= 1e3 or word in DOZEN:
            total += (current or 1.0) * scale
            current = 0.0
        else:
            current = (current or 1.0) * scale
    return total + current


def _no_stop(word: str) -> str:
    """A scale abbreviation that took the sentence's full stop: '5.4m.' → 'm'."""
    return word[:-1] if word.endswith(".") and word[:-1] in SCALES else word


def _can_add(current: float, value: float) -> bool:
    """'twenty' + 'five' and 'hundred' + 'fifty' add up; 'five' + 'six' do not."""
    return current % 10 == 0 and value < current and (current % 100 == 0 or value < 10)


def parse_ordinal(word: str) -> int | None:
    """'twelfth' → 12, '21st' → 21, 'twenty-first' → 21."""
    low = word.lower()
    match = _ORDINAL_DIGITS.match(low)
    if match:
        return int(match.group(1))
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    tens, _, unit = low.partition("-")
    if tens in TENS_WORDS and unit in ORDINAL_WORDS and ORDINAL_WORDS[unit] < 10:
        return TENS_WORDS[tens] + ORDINAL_WORDS[unit]
    return None


def parse_fraction(words: Sequence[str]) -> float | None:
    """A fraction of a whole as a percentage: 'half' → 50, 'a third' → 33.3…, 'two-thirds' → 66.6…"""
    words = [w.lower() for w in words if w != "-"]
    if len(words) == 1 and "-" in words[0]:
        words = words[0].split("-")
    if not words or words[-1] not in FRACTIONS:
        return None
    fraction = FRACTIONS[words[-1]]
    if len(words) == 1:
        return 100.0 * fraction if words[0] in {"half", "halves"} else None
    if len(words) == 2:
        count = 1.0 if words[0] in ARTICLES or words[0] == "one" else UNITS_WORDS.get(words[0])
        if count is not None:
            return 100.0 * count * fraction
    return None


def scale_range(low_words: Sequence[str], high_words: Sequence[str]) -> Range | None:
    """A range whose lower end borrows the upper end's scale: '89 to 93 billion' → 89e9–93e9,
    'four to five thousand' → 4000–5000; '3 billion to 5 billion' keeps each scale."""
    high = parse_number(high_words)
    low = parse_number(low_words)
    if high is None or low is None:
        return None
    low_has_scale = any(w.lower() in SCALES for w in low_words) or any(parse_glued(w) is not None for w in low_words)
    trailing = [w for w in high_words if w.lower() in SCALES]
    if not low_has_scale and trailing:
        scaled = parse_number([*low_words, *trailing])
        if scaled is not None and scaled <= high:
            low = scaled
    if low > high:
        return None
    return Range(low, high)


_SLASH_FRACTION = re.compile(r"^(\d+)[/\u2044](\d+)$")


def parse_slash_fraction(word: str) -> float | None:
    """'1/16' → 0.0625, '3⁄4' → 0.75: a proper fraction written with a slash ('24/7' is none); whether it is a
    figure ('1/2 pound') or a date ('9/11') is for the caller to say."""
    match = _SLASH_FRACTION.match(word)
    if not match:
        return None
    numerator, denominator = int(match.group(1)), int(match.group(2))
    return numerator / denominator if 0 < numerator < denominator else None


_GLUED_PARTS = re.compile(r"^(\D*?)([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(\D.*)?$")


def split_glued(word: str) -> tuple[str, float, str] | None:
    """'PS2.7' → ('PS', 2.7, ''), '10kW' → ('', 10.0, 'kW'), 'US55,931,000' → ('US', 55931000.0, '');
    None when the word has no digits or nothing glued to them."""
    match = _GLUED_PARTS.match(word)
    if not match or not (match.group(1) or match.group(3)):
        return None
    return match.group(1), float(match.group(2).replace(",", "")), match.group(3) or ""
