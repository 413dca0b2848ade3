"""Temporal expressions in plain text: a regex grammar over a lexicon, and TIMEX3 normalisation.

Why our own grammar rather than dateparser: TIMEX3 values keep the granularity the
text states ("1994" is `1994`, "the 1990s" is `199`), spans follow TimeML (no
prepositions), and the whole grammar runs in a few milliseconds per article, where
dateparser costs milliseconds per call. dateparser remains a cached fallback for
odd calendar forms (`parse_fallback`).

The module is pure text in, values out: `Grammar.candidates` finds spans, and
`Resolver.resolve` turns them, in text order, into `Found` items; anaphoric
expressions ("the following year") are resolved against the last absolute date
seen, deictic ones ("last year") against the publication date.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .resources import check_choice, read_settings

DEFAULT_LEXICON = "timex_lexicon.json"
VAGUE_VALUES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
_CASED_KEYS = frozenset({"name_labels"})
WINDOW = 45  # characters a match may reach beyond its core word, either side
_WORD = re.compile(r"[^\W\d_]+|\d+")
# words of lexicon phrases that never occur in a timex without a stronger core word
_WEAK_CORES = frozenset({"the", "a", "an", "of", "to", "s", "in", "at", "ahead", "come", "coming", "distant", "near",
                         "new", "right", "these", "semi", "foreseeable", "eve", "boxing", "valentine", "recent"})
Tense = Callable[[int], str]


# --- lexicon ---------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every word list the grammar uses; `data/timex_lexicon.json` documents each key."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    month_cues: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, str]
    parts_of_day: dict[str, str]
    deictic_days: dict[str, int]
    deictic_shifts: dict[str, int]
    anaphoric_shifts: dict[str, int]
    offset_words: dict[str, int]
    anaphoric_offset_words: frozenset[str]
    span_words: dict[str, int]
    date_mods: dict[str, str]
    quantity_mods: dict[str, str]
    vague: dict[str, str]
    vague_needs_cue: dict[str, list[str]]
    sets: dict[str, str]
    frequency_words: tuple[str, ...]
    rate_blockers: frozenset[str]
    holidays: dict[str, str]
    movable_holidays: dict[str, list[int]]
    fiscal_words: tuple[str, ...]
    not_year_before: frozenset[str]
    not_year_after: tuple[str, ...]
    name_labels: frozenset[str]
    signals: frozenset[str]
    forward_signals: frozenset[str]
    forward_heads: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    not_timex_after_ordinal: frozenset[str]
    the_year_blockers: frozenset[str]
    period_ends: frozenset[str]
    year_adjectives: tuple[str, ...]
    instrument_nouns: frozenset[str]
    title_heads: frozenset[str]
    holiday_heads: frozenset[str]

    @classmethod
    def load(cls, source: str | Path | None = None) -> Lexicon:
        from .schema import ENTITY_LABELS, TIMEX_MODS

        names = [f for f in cls.__dataclass_fields__]
        path, data = read_settings(source, DEFAULT_LEXICON, names, what="lexicon key")
        for mod in (*data["date_mods"].values(), *data["quantity_mods"].values()):
            check_choice(mod, TIMEX_MODS, "mod", str(path))
        for label in data["name_labels"]:
            check_choice(label, ENTITY_LABELS, "entity label", str(path))
        for value in data["vague"].values():
            check_choice(value, VAGUE_VALUES, "vague value", str(path))
        lower = {k: data[k] if k in _CASED_KEYS else
                 {w.lower(): v for w, v in data[k].items()} if isinstance(data[k], dict) else
                 [w.lower() for w in data[k]] for k in names}
        kwargs: dict[str, Any] = {}
        for name, f in cls.__dataclass_fields__.items():
            value = lower[name]
            kind = str(f.type)
            kwargs[name] = (frozenset(value) if kind.startswith("frozenset") else
                            tuple(value) if kind.startswith("tuple") else value)
        return cls(**kwargs)


@lru_cache(maxsize=8)
def load_lexicon(source: str | None = None) -> Lexicon:
    return Lexicon.load(source)


# --- results ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """A grammar match before normalisation."""

    start: int
    end: int
    rule: str
    match: re.Match[str]


@dataclass(frozen=True)
class Found:
    """A normalised temporal expression (character offsets into the text)."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None


# --- grammar ---------------------------------------------------------------------------------

def _alt(words: Iterable[str]) -> str:
    """Longest-first alternation of phrases; spaces match any white space, apostrophes either kind."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        piece = re.sub("['’]", "['’]", re.escape(w).replace(r"\ ", r"\s+"))
        out.append(piece)
    return "(?:" + "|".join(out) + ")"


def _cased(words: Iterable[str], abbreviations: Iterable[str] = ()) -> str:
    """Case-sensitive alternation of proper names (Title and UPPER case); abbreviations may take a period."""
    abbreviations = set(abbreviations)
    forms = []
    for w in sorted(set(words), key=len, reverse=True):
        for f in (w.title(), w.upper()):
            forms.append(re.escape(f) + (r"\.?" if w in abbreviations else ""))
    return "(?-i:" + "|".join(forms) + ")"


class Grammar:
    """The rules as compiled regular expressions; `candidates` returns non-overlapping matches."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        abbrev = [m for m in lex.months if any(len(o) > len(m) and n == lex.months[m] for o, n in lex.months.items())]
        units = list(lex.units)
        number_core = [w for w in lex.numbers if " " not in w and w not in ("a", "an")]
        by_value = {w: n for w, n in lex.numbers.items() if " " not in w and w not in ("a", "an")}
        words = {
            "ONES": _alt(w for w, n in by_value.items() if 1 <= n <= 9),
            "TEENS": _alt(w for w, n in by_value.items() if 10 <= n <= 19),
            "TENS": _alt(w for w, n in by_value.items() if n in range(20, 100, 10)),
        }
        # a number below a hundred as words: "twenty-four", "seventeen", "two" (not "two nine")
        group = r"(?:%(TENS)s(?:[\s-]+%(ONES)s)?|%(TEENS)s|%(ONES)s)" % words
        p = {
            **words,
            "MONTH": _cased(lex.months, abbrev),
            "WEEKDAY": _cased(lex.weekdays),
            "WEEKDAYS": _cased(w + "s" for w in lex.weekdays),
            "SEASON": _alt(lex.seasons),
            "UNIT": _alt(units),
            "NUM": (r"(?:\d{1,3}(?:,\d{3})+|\d+\s+1/2|\d+(?:\.\d+)?|half\s+an?|(?:an?\s+)?(?:hundred|thousand)|"
                    + _alt(w for w in lex.numbers if w not in number_core)
                    + "|" + group + r"(?:[\s-]+(?:hundred|thousand)(?:[\s-]+(?:and\s+)?" + group + r")?)*)"),
            "VNUM": _alt(lex.vague_numbers),
            "ORD": r"(?:\d{1,2}(?:st|nd|rd|th)|" + _alt(lex.ordinals) + ")",
            "DMOD": (r"(?:(?:the\s+)?(?P<dmod>" + _alt(k for k in lex.date_mods if " " not in k) + r")(?:\s+|-)"
                     r"|(?P<dmodp>" + _alt(k for k in lex.date_mods if " " in k) + r")\s+)"),
            "DMODW": _alt(k for k in lex.date_mods if " " not in k),
            "YEARADJ": _alt(lex.year_adjectives),
            "QMOD": r"(?:(?P<qmod>" + _alt(lex.quantity_mods) + r")\s+)",
            "DEICTIC": _alt(lex.deictic_shifts),
            "ANAPHORIC": _alt(lex.anaphoric_shifts),
            "OFFSET": _alt(lex.offset_words),
            "LEAD": _alt(k for k in lex.span_words),
            "PART": _alt(lex.parts_of_day),
            "FISCAL": _alt(lex.fiscal_words),
            "VAGUE": _alt(lex.vague),
            "SETWORD": _alt(lex.sets),
            "HOLIDAY": _alt([*lex.holidays, *lex.movable_holidays]),
            "FREQ": _alt(lex.frequency_words),
            "YEAR": r"(?:1\d{3}|20\d{2}|21\d{2})",
            "YEARW": (r"(?:1\d{3}|20\d{2}|21\d{2}|(?:eighteen|nineteen)[\s-]+(?:%(TENS)s(?:[\s-]+%(ONES)s)?|%(TEENS)s"
                      r"|oh[\s-]+%(ONES)s|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?:%(TEENS)s|%(TENS)s(?:[\s-]+%(ONES)s)?"
                      r"|%(ONES)s))?)(?!\w)"),
            "NOYEAR": r"(?<![\w$€£¥#.,/@-])",
        }
        rules = [
            ("date_mdy", "month", (r"(?:%(WEEKDAY)s,?\s+)?%(DMOD)s?(?P<month>%(MONTH)s)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
                         r"(?![\d:%%.,]\d|\s*(?:%%|percent|per\s+cent))\b(?:,?\s+(?P<year>%(YEAR)s)\b)?")),
            ("date_dmy", "month", (r"(?:the\s+)?(?<![\d.,])(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?"
                         r"\s+(?P<month>%(MONTH)s)(?:,?\s+(?P<year>%(YEAR)s)\b)?")),
            ("month_year", "month", r"%(DMOD)s?(?P<month>%(MONTH)s)(?:\s+of)?,?\s+(?P<year>%(YEARW)s)"),
            ("iso_date", "digit", r"%(NOYEAR)s(?P<year>%(YEAR)s)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
            ("numeric_date", "digit", r"%(NOYEAR)s(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})\b"),
            ("month", "month", (r"(?:(?P<rel>%(DEICTIC)s)\s+|(?P<that>that)\s+|%(DMOD)s)?(?P<month>%(MONTH)s)(?!\w)(?!\.?\s*\d)"
                               r"(?:\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year(?!\w))?")),
            ("year", "digit spelled", (r"(?:(?P<fiscal>%(FISCAL)s)\s*|(?P<theyear>the\s+year)\s+|%(DMOD)s|%(NOYEAR)s)(?P<year>%(YEARW)s)"
                     r"(?![\w%%]|[.,/]\d|\s*[-–]\s*\d)")),
            ("year_range", "digit", r"%(NOYEAR)s(?P<y1>%(YEAR)s)\s*[-–/]\s*(?P<y2>\d{4}|\d{2})(?![\w%%]|[.,]\d)"),
            ("decade", "digit", r"(?:%(DMOD)s|(?P<the>the)\s+)?(?:(?P<dec>1\d\d|20\d)0s|['’‘](?P<short>\d)0s|(?<![\w.])(?P<short2>[2-9])0s)(?!\w)"),
            ("century", "unit", r"(?:%(DMOD)s|the\s+)?(?P<ord>%(ORD)s)[\s-]+century(?!\w)"),
            ("millennium", "unit", r"(?:the\s+)?(?P<ord>%(ORD)s)[\s-]+millennium(?!\w)"),
            ("quarter", "unit", (r"(?:the\s+|(?P<rel0>%(DEICTIC)s)\s+year['’]s\s+)?(?:(?P<yago>year-earlier|year-ago|prior-year)\s+)?(?:(?P<year0>%(YEAR)s)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)(?:\s+(?:and|or|to)\s+(?P<ord2>second|third|fourth|2nd|3rd|4th|final))?[\s-]+quarters?(?!\w)"
                        r"(?:\s+of\s+(?:(?P<year>%(YEAR)s)\b|(?P<rel>%(DEICTIC)s)\s+year\b))?")),
            ("quarter_code", "digit", r"(?-i:\bQ(?P<q>[1-4]))(?:\s+(?P<year>%(YEAR)s))?\b"),
            ("half", "digit unit", (r"(?:the\s+)?(?:(?P<ord>first|second|last|latter)\s+half|(?P<two>first|last)\s+two\s+quarters)"
                                   r"\s+of\s+(?:(?P<year>%(YEAR)s)\b|(?P<rel>%(DEICTIC)s)\s+year\b)")),
            ("season", "season", (r"(?:(?P<rel>%(DEICTIC)s)\s+|%(DMOD)s|(?P<the>the)\s+)?(?P<season>%(SEASON)s)(?!\w)"
                       r"(?:\s+(?:of\s+)?(?P<year>%(YEARW)s))?")),
            ("deictic", "deictic", r"%(DMOD)s?\b(?P<word>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>%(PART)s))?(?!\w)"),
            ("part_of_day", "part", r"\b(?P<rel>this|last)\s+(?P<part>%(PART)s)(?!\w)"),
            ("weekday", "weekday", r"(?:(?P<rel>%(DEICTIC)s)\s+|%(DMOD)s)?(?P<wd>%(WEEKDAY)s)(?!\w)(?:\s+(?P<part>%(PART)s)(?!\w))?"),
            ("weekday_set", "weekday", r"(?:\b(?:every|each)\s+(?P<wd>%(WEEKDAY)s)|(?P<wdp>%(WEEKDAYS)s))(?!\w)"),
            ("calendar_set", "month season", r"\b(?:every|each)\s+(?:(?P<month>%(MONTH)s)|(?P<season>%(SEASON)s))(?!\w)"),
            ("part_with_day", "part", (r"(?P<dmod>%(DMODW)s)[\s-]+(?P<part>%(PART)s)"
                                      r"(?:\s+(?P<day>today|yesterday|tomorrow|%(WEEKDAY)s))?(?!\w)")),
            ("relative_unit", "unit weekend", (r"(?:\b(?P<aux>earlier|later)\s+)?%(DMOD)s?\b(?P<rel>%(DEICTIC)s)\s+"
                              r"(?P<unit>year|month|week|quarter|decade|century|weekend)(?!\w)")),
            ("period_ref", "unit digit", (r"(?:\bthe\s+)?(?:(?P<rel>latest|most\s+recent|same|current|comparable|"
                                         r"year-earlier|year-ago|prior-year)\s+|(?P<year>%(YEAR)s)\s+)*"
                                         r"(?P<unit>quarter|period)(?!\w)|\b(?P<adj>year-(?:earlier|ago))(?!\w)")),
            ("weekend", "weekend", r"\bthe\s+weekend(?!\w)"),
            ("the_year", "unit", (r"%(DMOD)s?(?:\bthe\s+(?P<adj>(?:%(YEARADJ)s\s+)*)year"
                                 r"|\b(?P<end>year(?:[\s-]|['’]s\s+)end))(?![\w-]|['’]s)")),
            ("anaphoric", "unit", r"\b(?P<rel>%(ANAPHORIC)s)\s+(?P<unit>year|month|week|day|quarter|decade)(?!\w)"),
            ("set", "unit", (r"(?:\b(?P<freq>%(FREQ)s|(?:%(NUM)s)\s+times)\s+)?\b(?P<q>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?"
                    r"(?:(?P<num>%(NUM)s)\s+)?(?P<unit>%(UNIT)s)(?!\w)")),
            ("offset", "unit", r"%(QMOD)s?\b(?P<num>%(NUM)s|%(VNUM)s)[\s-]+(?P<unit>%(UNIT)s)\s+(?P<dir>%(OFFSET)s)(?!\w)"),
            ("duration", "unit", (r"%(QMOD)s?(?:\b(?P<lead>%(LEAD)s)\s+)?\b(?P<num>%(NUM)s|%(VNUM)s)(?:\s+more)?(?P<half>\s+and\s+a\s+half)?"
                         r"[\s-]+(?P<unit>%(UNIT)s)(?P<half2>\s+and\s+a\s+half)?(?![\w-]|\s+old\b)")),
            ("lead_unit", "unit", r"%(QMOD)s?\b(?P<lead>%(LEAD)s)\s+(?P<unit>year|month|week|day|decade|century|quarter)(?!\w)"),
            ("bare_plural", "unit", r"\b(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?!\w)"),
            ("set_word", "set", r"\b(?P<w>%(SETWORD)s)(?!\w)"),
            ("vague", "vague", r"\b(?P<w>%(VAGUE)s)(?!\w)"),
            ("holiday", "holiday", r"(?:\b(?P<rel>%(DEICTIC)s)\s+)?\b(?P<w>%(HOLIDAY)s)(?!\w)"),
            ("clock", "digit clock", (r"(?:\b(?P<approx>about|around|approximately|roughly)\s+)?(?:\b(?P<h>\d{1,2})(?::(?P<mi>[0-5]\d))?\s*"
                      r"(?P<ampm>[ap]\.m\.?|[ap]m\b)|\b(?P<noon>noon|midnight|midday))(?:\s+(?P<tz>GMT|UTC|EST|EDT|PST|PDT|CET|BST)\b)?"
                      r"(?:,?\s+(?:(?P<day>%(WEEKDAY)s|today|yesterday|tomorrow)\b|(?P<month>%(MONTH)s)\s+(?P<dom>\d{1,2})\b))?")),
        ]
        p["YEARW"] = p["YEARW"] % words
        # every match starts at a word start: the guard makes the engine skip mid-word positions at once
        self.rules = [(name, frozenset(kinds.split()), re.compile(r"(?<!\w)(?:" + pattern % p + ")", re.IGNORECASE))
                      for name, kinds, pattern in rules]
        self.order = {name: i for i, (name, _, _) in enumerate(rules)}
        # core words by kind; a rule runs only in windows holding a core of one of its kinds
        kinds = {"month": lex.months, "weekday": [*lex.weekdays, *(w + "s" for w in lex.weekdays)],
                 "season": lex.seasons, "unit": lex.units, "vague": lex.vague, "set": lex.sets,
                 "holiday": [*lex.holidays, *lex.movable_holidays], "deictic": lex.deictic_days, "part": lex.parts_of_day,
                 "clock": ("noon", "midnight", "midday"), "spelled": ("eighteen", "nineteen", "thousand"),
                 "weekend": ("weekend",)}
        self.cores: dict[str, set[str]] = {}
        for kind, phrases in kinds.items():
            for word in {w for p in phrases for w in re.findall(r"[a-z]+", p)} - _WEAK_CORES:
                self.cores.setdefault(word, set()).add(kind)

    def windows(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """Stretches of text around core words (a digit, a month, a unit...), with the kinds of core they hold.

        Every match contains a core word; running each rule only where its kind of
        core occurs, not over the whole text, is what keeps the layer cheap.
        """
        out: list[tuple[int, int, set[str]]] = []
        cores = self.cores
        for m in _WORD.finditer(text):
            word = m.group()
            kinds = {"digit"} if word[0].isdigit() else cores.get(word.lower())
            if not kinds:
                continue
            start, end = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], end, out[-1][2] | kinds)
            else:
                out.append((start, end, set(kinds)))
        return [(a, b, frozenset(k)) for a, b, k in out]

    def candidates(self, text: str, accept: Callable[[Candidate], bool] | None = None) -> list[Candidate]:
        """Non-overlapping matches of all rules that `accept` takes: the longest wins, then the earlier rule."""
        windows = self.windows(text)
        found = [Candidate(m.start(), m.end(), name, m)
                 for name, kinds, rx in self.rules for start, end, present in windows if kinds & present
                 for m in rx.finditer(text, start, end) if m.end() > m.start()]
        found.sort(key=lambda c: (-(c.end - c.start), self.order[c.rule], c.start))
        taken: list[Candidate] = []
        for c in found:
            if all(c.end <= t.start or t.end <= c.start for t in taken) and (accept is None or accept(c)):
                taken.append(c)
        return sorted(taken, key=lambda c: c.start)


@lru_cache(maxsize=8)
def grammar_for(lexicon: Lexicon) -> Grammar:
    return Grammar(lexicon)


# --- values ----------------------------------------------------------------------------------

GRANULARITY = ("millennium", "century", "decade", "year", "half", "quarter", "season", "month", "week", "day")


def parse_value(value: str | None) -> tuple[dt.date, str] | None:
    """A concrete TIMEX3 value as (first day, granularity); None for vague or X values."""
    if not value or "X" in value or not value[0].isdigit():
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?(?:T.*)?", value)
    if m:
        y = int(m.group(1))
        if m.group(3):
            return dt.date(y, int(m.group(2)), int(m.group(3))), "day"
        if m.group(2):
            return dt.date(y, int(m.group(2)), 1), "month"
        if m.group(4):
            return dt.date.fromisocalendar(y, int(m.group(4)), 1), "week"
        if m.group(5):
            return dt.date(y, 3 * int(m.group(5)) - 2, 1), "quarter"
        if m.group(6):
            return dt.date(y, 6 * int(m.group(6)) - 5, 1), "half"
        if m.group(7):
            return dt.date(y, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(7)], 1), "season"
        return dt.date(y, 1, 1), "year"
    m = re.fullmatch(r"(\d{1,3})", value)
    if m:
        n = int(m.group(1))
        gran = {3: "decade", 2: "century", 1: "millennium"}[len(value)]
        year = n * {3: 10, 2: 100, 1: 1000}[len(value)]
        return dt.date(max(year, 1), 1, 1), gran
    return None


def format_value(day: dt.date, granularity: str) -> str:
    """The TIMEX3 value of the period of `granularity` that contains `day`."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "season":
        return f"{day.year:04d}-{season_of(day)}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    if granularity == "millennium":
        return f"{day.year // 1000}"
    return f"{day.year:04d}"


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth ISO weekday (1 = Monday) of a month; nth -1 is the last one."""
    first = dt.date(year, month, 1)
    if nth > 0:
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = shift(first, "month", 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def season_of(day: dt.date) -> str:
    return ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[day.month - 1]


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """`day` moved by n units of a calendar granularity (month ends clamp)."""
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = n * {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120,
                  "century": 1200, "millennium": 12000}[unit]
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(max(year, 1), month + 1, min(day.day, 28))


UNIT_GRANULARITY = {"D": "day", "W": "week", "2W": "week", "MO": "month", "Q": "quarter", "Y": "year",
                    "DE": "decade", "CE": "century", "ML": "millennium"}
_DURATION_CODES = {"S": "S", "M": "M", "H": "H", "D": "D", "W": "W", "2W": "W", "MO": "M", "Q": "Q", "Y": "Y",
                   "DE": "DE", "CE": "CE", "ML": "ML"}
_TIME_CODES = frozenset({"H", "M", "S"})
_COMPOSITE = frozenset({"Y", "D", "H", "M"})  # units ISO 8601 writes with the next smaller one: P1Y6M, PT1M30S
_SMALLER = {"Y": ("MO", 12), "D": ("H", 24), "H": ("M", 60), "M": ("S", 60), "W": ("D", 7), "DE": ("Y", 10),
            "CE": ("Y", 100)}


def duration_value(n: float | None, code: str) -> str:
    """TIMEX3 duration: `P5Y`, `PT3H`, `P2DE`; n None gives `PXY`; a fraction goes to the next smaller unit,
    added to the whole units where ISO 8601 writes both ("2 1/2 years" `P2Y6M`, "5 1/2 hours" `PT5H30M`)."""
    if code == "2W" and n is not None:
        n, code = n * 2, "W"
    parts: list[tuple[str, str]] = [("X" if n is None else f"{n:g}", code)]
    if n is not None and n != int(n) and code in _SMALLER:
        smaller, factor = _SMALLER[code]
        rest = (n - int(n)) * factor
        if rest == int(rest):
            whole = int(n) and code in _COMPOSITE
            parts = [(str(int(n)), code), (str(int(rest)), smaller)] if whole else [(f"{n * factor:g}", smaller)]
    date = "".join(a + _DURATION_CODES[c] for a, c in parts if c not in _TIME_CODES)
    time = "".join(a + _DURATION_CODES[c] for a, c in parts if c in _TIME_CODES)
    return f"P{date}" + (f"T{time}" if time else "")


# --- normalisation ---------------------------------------------------------------------------

# rules whose value comes from the anchor: they neither need it to accept a span nor move it
_ANAPHORIC_RULES = frozenset({"period_ref", "anaphoric", "offset", "the_year"})


_LAST_WORD = re.compile(r"(\w+)\.?\s+$")


@lru_cache(maxsize=16)
def _ending_with(phrases: frozenset[str]) -> re.Pattern[str]:
    """A text that ends with one of the phrases and white space ("... as soon as ")."""
    return re.compile(r"(?<!\w)" + _alt(phrases) + r"\s+$", re.IGNORECASE)


def norm(words: str) -> str:
    """Lexicon key of a matched phrase: lower case, single spaces, straight apostrophes."""
    return re.sub(r"\s+", " ", words.lower()).replace("’", "'")


@dataclass
class Resolver:
    """Normalises candidates in text order; keeps the last absolute date as the anaphora anchor."""

    lex: Lexicon
    text: str
    dct: dt.date | None = None
    tense: Tense = field(default=lambda pos: "present")
    anchor: str | None = None
    reporting: str | None = None  # the last quarter or half the text dated: financial reporting context

    def accepts(self, candidate: Candidate) -> bool:
        """Whether the candidate's rule reads it as a timex (cues, exclusions); the anchor is left alone.

        Called before resolution, when the anchor is not known yet: anaphoric rules say yes to their form.
        """
        if candidate.rule in _ANAPHORIC_RULES:
            return True
        return bool(getattr(self, "_" + candidate.rule)(candidate.match))

    def resolve(self, candidates: Iterable[Candidate]) -> list[Found]:
        out: list[Found] = []
        for c in candidates:
            for f in getattr(self, "_" + c.rule)(c.match):
                out.append(f)
                period = parse_value(f.value) if f.type == "DATE" else None
                if period is not None and c.rule not in _ANAPHORIC_RULES:
                    self.anchor = f.value
                    if period[1] in ("quarter", "half"):
                        self.reporting = f.value
        return out

    # helpers
    def _word_before(self, pos: int) -> str:
        m = re.search(r"([\w.#'’%-]+)\W*$", self.text[max(0, pos - 40):pos])
        return m.group(1).lower() if m else ""

    def _text_after(self, pos: int) -> str:
        return self.text[pos:pos + 40].lower()

    def _words_after(self, pos: int, n: int) -> list[str]:
        """The next n words after `pos`, lower case, within the sentence."""
        sentence = re.split(r"(?<![A-Z])[.!?;:](?=\s|$)", self.text[pos:pos + 40])[0]  # "U.S." goes on
        return re.findall(r"[\w'’-]+", sentence.lower())[:n]

    def _mod(self, m: re.Match[str]) -> str | None:
        gd = m.groupdict()
        word = gd.get("dmod") or gd.get("dmodp")
        if word:
            return self.lex.date_mods[norm(word)]
        if gd.get("qmod"):
            return self.lex.quantity_mods[norm(gd["qmod"])]
        return None

    def _number(self, words: str) -> float | None:
        words = norm(words.strip())
        if words in self.lex.vague_numbers:
            return None
        if re.fullmatch(r"[\d,]+(?:\.\d+)?", words):
            return float(words.replace(",", ""))
        if re.fullmatch(r"\d+ 1/2", words):
            return float(words[:-4]) + 0.5
        if re.fullmatch(r"half an?", words):
            return 0.5
        if words in self.lex.numbers:
            return float(self.lex.numbers[words])
        total, current = 0, 0
        for w in re.split(r"[\s-]+", words):
            if w == "and":
                continue
            n = self.lex.numbers.get(w)
            if n is None:
                return None
            if n in (100, 1000):
                current = max(current, 1) * n
                if n == 1000:
                    total, current = total + current, 0
            else:
                current += n
        return float(total + current)

    def _ordinal(self, word: str) -> int:
        word = norm(word)
        m = re.match(r"(\d+)", word)
        return int(m.group(1)) if m else self.lex.ordinals[word]

    def _direction(self, pos: int, end: int | None = None) -> str:
        """The tense at `pos`; outside the past tense a forward signal ("until Tuesday", "by February") looks
        ahead, and so does, in any tense, a head noun that names a coming date ("for January delivery")."""
        if end is not None and self.lex.forward_heads & set(self._words_after(end, 2)):
            return "future"
        tense = self.tense(pos)
        before = re.sub(r"(?<=\sof)\s+the\s+$", " ", self.text[max(0, pos - 24):pos], flags=re.I)  # "ahead of the"
        signal = _ending_with(self.lex.forward_signals).search(before)
        prev = _LAST_WORD.search(before[:signal.start()]) if signal else None
        if prev and prev.group(1).lower() in self.lex.months:
            signal = None  # "July through September": a range, not a deadline
        return "future" if tense != "past" and signal else tense

    def _year_for(self, month: int, pos: int, end: int | None = None) -> str:
        """Year of a month named without one, from the publication date: on or after it in the future
        tense; the coming one if it is at most two months away, whatever the tense (news names a month
        ten months back with "last" or its year, while a past-tense report often sets a coming date:
        "was extended to Nov. 16", "declared a dividend payable Dec. 7"), or three months away
        outside the past tense; otherwise on or before it. Without a date, XXXX."""
        if self.dct is None:
            return "XXXX"
        tense, year = self._direction(pos, end), self.dct.year
        ahead = (month - self.dct.month) % 12
        if tense == "future" or 0 < ahead <= 2 or (tense == "present" and ahead == 3):
            year += 1 if month < self.dct.month else 0
        elif month > self.dct.month:
            year -= 1
        return f"{year:04d}"

    def _year_rel(self, month: int, rel: str) -> int:
        """Year of "last/next/this" + a month (or a holiday in it): the last one before the publication month, the
        next one after it, or the current year's (a publication date is required)."""
        assert self.dct is not None
        n, year = self.lex.deictic_shifts[norm(rel)], self.dct.year
        if n < 0 and month >= self.dct.month:
            year -= 1
        elif n > 0 and month <= self.dct.month:
            year += 1
        return year

    def _date(self, m: re.Match[str], value: str | None, type_: str = "DATE") -> list[Found]:
        return [Found(m.start(), m.end(), type_, value, self._mod(m))]

    def _month_num(self, word: str) -> int:
        return self.lex.months[word.lower().rstrip(".")]

    # rules: one method per rule name
    def _date_mdy(self, m: re.Match[str]) -> list[Found]:
        return self._day_date(m)

    def _date_dmy(self, m: re.Match[str]) -> list[Found]:
        return self._day_date(m)

    def _day_date(self, m: re.Match[str]) -> list[Found]:
        month, day = self._month_num(m.group("month")), int(m.group("day"))
        if not 1 <= day <= 31:
            return []
        year = m.group("year") or self._year_for(month, m.start(), m.end())
        return self._date(m, f"{year}-{month:02d}-{day:02d}")

    def _month_year(self, m: re.Match[str]) -> list[Found]:
        return self._date(m, f"{self._year_text(m.group('year'))}-{self._month_num(m.group('month')):02d}")

    def _iso_date(self, m: re.Match[str]) -> list[Found]:
        return self._date(m, f"{m.group('year')}-{m.group('mon')}-{m.group('day')}")

    def _numeric_date(self, m: re.Match[str]) -> list[Found]:
        a, b, year = int(m.group("a")), int(m.group("b")), m.group("year")
        month, day = (a, b) if a <= 12 else (b, a)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return []
        if len(year) == 2:
            year = ("20" if int(year) < 50 else "19") + year
        return self._date(m, f"{year}-{month:02d}-{day:02d}")

    def _month(self, m: re.Match[str]) -> list[Found]:
        word = m.group("month")
        month = self._month_num(word)
        rel = m.group("rel")
        cue = rel or m.group("dmod") or m.group("dmodp") or self._word_before(m.start()) in self.lex.month_cues
        if word.lower().rstrip(".") in self.lex.ambiguous_months and \
                (not cue or re.match(r"\s+[A-Z][a-z]", self.text[m.end():m.end() + 3])):
            return []  # "may", "march" as verbs; "Jan Kavan", a name
        if word.endswith(".") and len(word) <= 4 and not cue:
            return []
        if m.group("yrel"):  # "January this year", "July last year"
            if self.dct is None:
                return self._date(m, f"XXXX-{month:02d}")
            return self._date(m, f"{self.dct.year + self.lex.deictic_shifts[norm(m.group('yrel'))]:04d}-{month:02d}")
        if rel and self.dct is not None:
            return self._date(m, f"{self._year_rel(month, rel):04d}-{month:02d}")
        anchor = parse_value(self.anchor)
        if m.group("that") and anchor is not None and anchor[1] != "millennium":
            return self._date(m, f"{anchor[0].year:04d}-{month:02d}")  # "that September": the year last named
        end = self._range_end(m.end())
        if end is not None:  # "April through June": the range lies where its end month falls
            year = int(self._year_for(end, m.start(), m.end())) if self.dct is not None else None
            return self._date(m, f"{year - (month > end):04d}-{month:02d}" if year else f"XXXX-{month:02d}")
        return self._date(m, f"{self._year_for(month, m.start(), m.end())}-{month:02d}")

    def _range_end(self, pos: int) -> int | None:
        """The month that ends a range starting at `pos` ("[April] through June"), if one does."""
        m = re.match(r"\s*(?:through|to|until|till|[-–])\s*([A-Z][a-z]+\.?)(?!\.?\s*\d)", self.text[pos:pos + 24])
        return self.lex.months.get(m.group(1).lower().rstrip(".")) if m else None

    def _year_text(self, text: str) -> str:
        """'1996' for "1996" or "nineteen ninety-six"; "two thousand and one" is 2001."""
        if text.isdigit():
            return text
        words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "oh")]
        if words[:2] == ["two", "thousand"]:
            return f"{2000 + int(self._number(' '.join(words[2:])) or 0) if words[2:] else 2000:04d}"
        rest = 0 if words[1:] == ["hundred"] else int(self._number(" ".join(words[1:])) or 0)
        return f"{self.lex.numbers[words[0]] * 100 + rest:04d}"

    def _year(self, m: re.Match[str]) -> list[Found]:
        year = self._year_text(m.group("year"))
        if not (m.group("fiscal") or m.group("theyear") or m.group("dmod") or m.group("dmodp")):
            if self._word_before(m.start()) in self.lex.not_year_before:
                return []
            after = self._text_after(m.end()).lstrip()
            if any(re.match(re.escape(w) + r"(?!\w)", after) for w in self.lex.not_year_after):
                return []
        value = f"FY{year}" if m.group("fiscal") else year
        return self._date(m, value)

    def _year_range(self, m: re.Match[str]) -> list[Found]:
        y1, y2 = m.group("y1"), m.group("y2")
        full2 = y2 if len(y2) == 4 else y1[:2] + y2
        if not int(y1) < int(full2) <= int(y1) + 100:
            return []
        return [Found(m.start("y1"), m.end("y1"), "DATE", y1), Found(m.start("y2"), m.end("y2"), "DATE", full2)]

    def _decade(self, m: re.Match[str]) -> list[Found]:
        if m.group("dec"):
            dec = m.group("dec")
            if dec.endswith("0") and int(dec) < 200:
                return self._date(m, dec[:2])  # "the 1800s" is a century
            return self._date(m, dec)
        if m.group("short2") and not (m.group("the") or m.group("dmod")):
            return []  # "in his 30s": an age
        digit = m.group("short") or m.group("short2")
        return self._date(m, ("20" if digit in "01" else "19") + digit)

    def _century(self, m: re.Match[str]) -> list[Found]:
        n = self._ordinal(m.group("ord"))
        if self._text_after(m.end()).lstrip().startswith(tuple(self.lex.not_timex_after_ordinal)):
            return []
        return self._date(m, f"{n - 1:02d}")

    def _millennium(self, m: re.Match[str]) -> list[Found]:
        return self._date(m, str(self._ordinal(m.group("ord")) - 1))

    def _year_of(self, m: re.Match[str], first_month: int) -> str:
        """Year of a quarter or half: as written, "of last year", else the publication year."""
        year = m.group("year") or m.groupdict().get("year0")
        if year:
            return year
        rel = m.groupdict().get("rel") or m.groupdict().get("rel0")
        if self.dct is None:
            return "XXXX"
        if rel:
            return f"{self.dct.year + self.lex.deictic_shifts[norm(rel)]:04d}"
        # reports name quarters still to be reported in the future tense: only the past tense moves back
        back = first_month > self.dct.month and self.tense(m.start()) == "past"
        return f"{self.dct.year - back:04d}"

    def _quarter(self, m: re.Match[str]) -> list[Found]:
        word = m.group("ord").lower()
        q = 4 if word == "final" else self._ordinal(word)
        if re.match(r"\s*of\s+[^\W\d]", self._text_after(m.end())) and not (m.group("year") or m.group("rel")):
            return []  # "the first quarter of the century", a fraction; "the third quarter of $2 million" is a date
        if m.group(0).lower().endswith("s") and not m.group("ord2"):
            return []  # "first quarters": a plural without a coordination
        q2 = (4 if m.group("ord2").lower() == "final" else self._ordinal(m.group("ord2"))) if m.group("ord2") else q
        year = self._year_of(m, 3 * q2 - 2)
        if m.group("yago") and year.isdigit():  # "the year-earlier third quarter"
            year = f"{int(year) - 1:04d}"
        if m.group("ord2"):  # "the second and third quarters": two timexes
            return [Found(self._adjective_start(m), m.end("ord"), "DATE", f"{year}-Q{q}"),
                    Found(m.start("ord2"), m.end(), "DATE", f"{year}-Q{q2}")]
        return [Found(self._adjective_start(m), m.end(), "DATE", f"{year}-Q{q}")]

    def _quarter_code(self, m: re.Match[str]) -> list[Found]:
        return self._date(m, f"{self._year_of(m, 3 * int(m.group('q')) - 2)}-Q{m.group('q')}")

    def _half(self, m: re.Match[str]) -> list[Found]:
        word = norm(m.group("ord") or m.group("two"))
        half = 1 if word == "first" else 2  # "the last half", "the last two quarters"
        return self._date(m, f"{self._year_of(m, 6 * half - 5)}-H{half}")

    def _season(self, m: re.Match[str]) -> list[Found]:
        code = self.lex.seasons[m.group("season").lower()]
        rel, year = m.group("rel"), m.group("year") and self._year_text(m.group("year"))
        cue = rel or year or m.group("dmod") or m.group("dmodp") or m.group("the")
        if not cue and self._word_before(m.start()) not in {"in", "during", "since", "until", "by", "this", "last"}:
            return []
        if m.group("the") and not year and self._text_after(m.end()).lstrip()[:1].isalpha() \
                and not self._text_after(m.end()).lstrip().startswith(("of", "and", "when", "that")):
            return []  # "the spring festival": a noun modifier
        if year:
            return self._date(m, f"{year}-{code}")
        if self.dct is None:
            return self._date(m, f"XXXX-{code}")
        order = ("SP", "SU", "FA", "WI")
        cur = season_of(self.dct)
        cur_year = self.dct.year - (1 if self.dct.month <= 2 else 0)
        n = self.lex.deictic_shifts.get(norm(rel or "this"), 0)
        y = cur_year
        if n < 0 and order.index(code) >= order.index(cur):
            y -= 1
        elif n > 0 and order.index(code) <= order.index(cur):
            y += 1
        return self._date(m, f"{y:04d}-{code}")

    def _deictic(self, m: re.Match[str]) -> list[Found]:
        word = m.group("word").lower()
        if word == "today" and m.group("word")[0].isupper() and \
                re.search(r"(?-i:[A-Z][\w.]*[^\W\d_]) $", self.text[max(0, m.start() - 20):m.start()]):
            return []  # "USA Today", "Psychology Today": a title inside a name, not the day
        generic = word == "today" and (self.text[m.end():m.end() + 2] in ("'s", "’s") or self.dct is None)
        if generic:
            return self._date(m, "PRESENT_REF")
        if self.dct is None:
            return self._date(m, "PAST_REF" if word == "yesterday" else "FUTURE_REF" if word == "tomorrow"
                              else "PRESENT_REF")
        return self._date(m, (self.dct + dt.timedelta(days=self.lex.deictic_days[word])).isoformat())

    def _part_of_day(self, m: re.Match[str]) -> list[Found]:
        part = self.lex.parts_of_day[m.group("part").lower()]
        if self.dct is None:
            return self._date(m, f"XXXX-XX-XXT{part}", "TIME")
        day = self.dct - dt.timedelta(days=1 if m.group("rel").lower() == "last" else 0)
        return self._date(m, f"{day.isoformat()}T{part}", "TIME")

    def _weekday_date(self, wd: int, rel: str | None, pos: int) -> str:
        """A weekday: "last"/"next"/"this" as said; bare, on or after the publication date in the future
        tense, else on or before it (ANNOTATION.md: news names past days by their weekday)."""
        if self.dct is None:
            return f"XXXX-WXX-{wd}"
        delta = wd - self.dct.isoweekday()
        before, after = (delta - 7 if delta > 0 else delta), (delta + 7 if delta < 0 else delta)
        n = self.lex.deictic_shifts[norm(rel)] if rel else None
        tense = self._direction(pos)
        if n == 0:
            days = delta
        elif n == -1:
            days = before if before < 0 else -7
        elif n == 1:
            days = after if after > 0 else 7
        elif tense == "future":
            days = after
        else:
            days = before
        return (self.dct + dt.timedelta(days=days)).isoformat()

    def _weekday(self, m: re.Match[str]) -> list[Found]:
        wd = self.lex.weekdays[m.group("wd").lower()]
        return self._date(m, self._weekday_date(wd, m.group("rel"), m.start()))

    def _calendar_set(self, m: re.Match[str]) -> list[Found]:
        """"each July", "every spring": the month or season of every year."""
        code = f"{self._month_num(m.group('month')):02d}" if m.group("month") else self.lex.seasons[norm(m.group("season"))]
        return [Found(m.start(), m.end(), "SET", f"XXXX-{code}")]

    def _part_with_day(self, m: re.Match[str]) -> list[Found]:
        """"mid-afternoon yesterday", "late evening": a TIME, that day's (else the publication day's) part of day."""
        day, part = m.group("day"), self.lex.parts_of_day[m.group("part").lower()]
        if not day and (self._word_before(m.start()) not in self.lex.signals or self.text[m.end():m.end() + 1] == "-"):
            return []  # "an early morning volley", "late-night burgers": a modifier, not a time
        if self.dct is None:
            date = "XXXX-XX-XX"
        elif day and day.lower() in self.lex.weekdays:
            date = self._weekday_date(self.lex.weekdays[day.lower()], None, m.start())
        else:
            date = (self.dct + dt.timedelta(days=self.lex.deictic_days.get((day or "today").lower(), 0))).isoformat()
        return [Found(m.start(), m.end(), "TIME", f"{date}T{part}", self._mod(m))]

    def _weekday_set(self, m: re.Match[str]) -> list[Found]:
        word = (m.group("wd") or m.group("wdp")[:-1]).lower()
        return [Found(m.start(), m.end(), "SET", f"XXXX-WXX-{self.lex.weekdays[word]}")]

    def _relative_unit(self, m: re.Match[str]) -> list[Found]:
        unit = m.group("unit").lower()
        n = self.lex.deictic_shifts[norm(m.group("rel"))]
        if self.dct is None:
            return self._date(m, ("PAST_REF", "PRESENT_REF", "FUTURE_REF")[max(-1, min(1, n)) + 1])
        if unit == "weekend":
            return self._date(m, format_value(shift(self.dct, "week", n), "week") + "-WE")
        return self._date(m, format_value(shift(self.dct, unit, n), unit))

    def _weekend(self, m: re.Match[str]) -> list[Found]:
        """"the weekend": the last one in the past tense (or on it), the next one in the future tense."""
        if self.dct is None:
            return self._date(m, "XXXX-WXX-WE")
        to_saturday = 6 - self.dct.isoweekday()
        back = to_saturday - 7 if to_saturday > 0 else to_saturday
        days = to_saturday if self.tense(m.start()) == "future" and to_saturday >= 0 else back
        return self._date(m, format_value(self.dct + dt.timedelta(days=days), "week") + "-WE")

    def _anaphoric(self, m: re.Match[str]) -> list[Found]:
        unit = m.group("unit").lower()
        n = self.lex.anaphoric_shifts[norm(m.group("rel"))]
        return self._date(m, self._from_anchor(unit, n, anaphoric=True))

    def _period_ref(self, m: re.Match[str]) -> list[Found]:
        """A reporting period named by reference: "the quarter", "the year-earlier period", "the 1988 quarter".

        The period is the last one the text dated (a date inside it: its quarter), else the
        last completed quarter before publication; "year-earlier" moves it a year back.
        """
        rel = norm(m.group("rel") or m.group("adj") or "")
        if not (rel or m.group("year")) and not m.group(0).lower().startswith("the"):
            return []
        back = 1 if rel.startswith(("year", "prior")) else 0
        anchor = parse_value(self.anchor)
        reported = shift(self.dct, "quarter", -1) if self.dct is not None else None  # last completed quarter
        if rel == "current" and self.dct is not None:
            day, gran = self.dct, "quarter"  # "the current quarter": the one under way at publication
        elif anchor is not None and anchor[1] in ("quarter", "half"):
            day, gran = anchor
        elif anchor is not None and anchor[1] in ("month", "week", "day") and \
                (reported is None or format_value(anchor[0], "quarter") <= format_value(reported, "quarter")):
            day, gran = anchor[0], "quarter"  # "the quarter ended Sept. 30" once that date is told
        elif reported is not None and rel in ("", "latest", "most recent") and \
                (m.group("unit").lower() == "quarter" or m.group("year") or self._reports_periods(m.start())):
            day, gran = reported, "quarter"  # "the latest period" of a survey, not of a report: no quarter
        elif self.dct is not None and back:
            day, gran = self.dct, "year"
        else:
            return []
        if m.group("year"):
            day = day.replace(year=int(m.group("year")))
        return self._date(m, format_value(shift(day, "year", -back), gran))

    def _reports_periods(self, pos: int) -> bool:
        """Whether the text before `pos` reports by period: it dated a quarter or half, or names one
        ("the quarter", "the six months ended Oct. 1")."""
        ends = _alt(self.lex.period_ends)
        return bool(self.reporting or re.search(r"\bquarter|\b(?:%s)\s+%s\s" % (_alt(self.lex.units), ends),
                                                self.text[:pos], re.IGNORECASE))

    def _the_year(self, m: re.Match[str]) -> list[Found]:
        """"the year", "the full year", "the current fiscal year", "year-end": the year the text is about.

        That is the publication year (without one, the year of the last date stated); a year
        bounded by a date ("the year ended March 31") is a length, `P1Y`. "the year before",
        "the year of the flood" are left alone: their year is not the one in view.
        """
        after = self._words_after(m.end(), 1)
        if after and after[0] in self.lex.the_year_blockers:
            return []
        if after and after[0] in self.lex.period_ends and not m.group("end"):
            return [Found(m.start(), m.end(), "DURATION", "P1Y", self._mod(m))]
        title = re.search(r"(\w+)\s+of\s+$", self.text[max(0, m.start() - 30):m.start()])
        if title and (title.group(1).lower() in self.lex.title_heads or
                      (title.group(1)[:1].isupper() and re.search(r"(?-i:Year)", m.group(0)))):
            return []  # "Person of the Year", "player of the year": an award's title, not a time
        adj = norm(m.group("adj") or "").split()
        anchor = parse_value(self.anchor)
        if self.dct is not None and anchor is not None and anchor[0].year == self.dct.year - 1 and \
                self.tense(m.start()) == "past" and not m.group("end"):
            year = f"{anchor[0].year:04d}"  # a past-tense report on last year, once dated: "output for the year was"
        elif self.dct is not None:
            year = f"{self.dct.year:04d}"
        elif anchor is not None and GRANULARITY.index(anchor[1]) >= GRANULARITY.index("year"):
            year = f"{anchor[0].year:04d}"
        else:
            year = "XXXX"
        value = f"{'FY' if 'fiscal' in adj else ''}{year}"
        return [Found(m.start(), m.end(), "DATE", value, "END" if m.group("end") else self._mod(m))]

    def _reporting_anchor(self) -> tuple[dt.date, str] | None:
        """In a text that reports by quarter or half, the period "a year earlier" compares with.

        That is the last date if it is such a period, else the last quarter or half the text
        dated; elsewhere None, and "a year earlier" is a year.
        """
        anchor = parse_value(self.anchor)
        if anchor is not None and anchor[1] in ("quarter", "half"):
            return anchor
        return parse_value(self.reporting) if self.reporting else None

    def _from_anchor(self, unit: str, n: int, anaphoric: bool) -> str | None:
        """The period n units from the anchor (last absolute date if anaphoric, else the publication date)."""
        base = parse_value(self.anchor) if anaphoric and self.anchor else None
        if base is None and self.dct is not None:
            base = (self.dct, "day")
        if base is None:
            return None
        if GRANULARITY.index(unit) > GRANULARITY.index(base[1]) and base[1] != "day":
            return None
        return format_value(shift(base[0], unit, n), unit)

    def _offset(self, m: re.Match[str]) -> list[Found]:
        code = self.lex.units[m.group("unit").lower()]
        direction = norm(m.group("dir"))
        sign = self.lex.offset_words[direction]
        n = self._number(m.group("num"))
        mod = self._mod(m)
        if mod in ("MORE_THAN", "EQUAL_OR_MORE"):
            mod = "BEFORE" if sign < 0 else "AFTER"
        elif mod in ("LESS_THAN", "EQUAL_OR_LESS"):
            mod = "AFTER" if sign < 0 else "BEFORE"
        unit = UNIT_GRANULARITY.get(code)
        anaphoric = direction in self.lex.anaphoric_offset_words
        if unit is None or n is None or n != int(n):
            value = None if anaphoric else ("PAST_REF" if sign < 0 else "FUTURE_REF")
        elif unit == "year" and self._reporting_anchor() is not None:
            day, gran = self._reporting_anchor()
            value = format_value(shift(day, "year", sign * int(n)), gran)
        else:
            value = self._from_anchor(unit, sign * int(n) * (2 if code == "2W" else 1), anaphoric)
            if value is None and not anaphoric:
                value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return [Found(m.start(), m.end(), "DATE", value, mod)]

    def _duration(self, m: re.Match[str]) -> list[Found]:
        code = self.lex.units[m.group("unit").lower()]
        numtext = m.group("num").lower()
        if norm(numtext) in ("a", "an", "one") and code in ("S", "Q"):
            return []  # "a second term", "a quarter of"
        if code == "Q" and numtext not in self.lex.vague_numbers and self._text_after(m.end()).lstrip().startswith("of "):
            return []  # "three quarters of the votes"; "several quarters of losses" is a duration
        if "-" in self.text[m.end("num"):m.start("unit")] and self.lex.instrument_nouns & set(self._words_after(m.end(), 3)):
            return []  # "the 10-year Treasury note": a security's maturity class, part of its name
        n = self._number(numtext)
        if n is not None and (m.group("half") or m.group("half2")):
            n += 0.5
        return [Found(self._adjective_start(m), m.end(), "DURATION", duration_value(n, code), self._mod(m))]

    def _adjective_start(self, m: re.Match[str]) -> int:
        """Where the span starts: after a leading "the" if the expression is a hyphenated adjective ("the
        30-day period", "the third-quarter results": the article belongs to the noun), else at the match."""
        if re.match(r"the\s", m.group(0), re.I) and re.search(r"\w-[^\W\d]+$", m.group(0)):
            return m.start() + len(re.match(r"the\s+", m.group(0), re.I).group(0))
        return m.start()

    def _lead_unit(self, m: re.Match[str]) -> list[Found]:
        lead = norm(m.group("lead"))
        if lead in ("the", "the first", "the final", "the following", "the past few"):
            return []
        code = self.lex.units[m.group("unit").lower()]
        return [Found(m.start(), m.end(), "DURATION", duration_value(1, code), self._mod(m))]

    def _bare_plural(self, m: re.Match[str]) -> list[Found]:
        if self._word_before(m.start()) not in {"for", "within"}:
            return []
        code = self.lex.units[m.group("unit").lower()]
        return [Found(m.start(), m.end(), "DURATION", duration_value(None, code))]

    def _set(self, m: re.Match[str]) -> list[Found]:
        q = m.group("q").lower()
        if q in ("a", "an") and not m.group("freq"):
            before = self._word_before(m.start())
            recent = self.text[max(0, m.start() - 30):m.start()]
            if before in self.lex.rate_blockers or not re.search(r"\d|%", recent):
                return []
        code = self.lex.units[m.group("unit").lower()]
        n = self._number(m.group("num")) if m.group("num") else 1.0
        if m.group("other"):
            n = 2.0 if n == 1.0 else n
        return [Found(m.start(), m.end(), "SET", duration_value(n, code))]

    def _set_word(self, m: re.Match[str]) -> list[Found]:
        return [Found(m.start(), m.end(), "SET", self.lex.sets[norm(m.group("w"))])]

    def _vague(self, m: re.Match[str]) -> list[Found]:
        word = norm(m.group("w"))
        cues = self.lex.vague_needs_cue.get(word)
        if cues and self._word_before(m.start()) not in cues:
            return []
        after = self._words_after(m.end(), 1)
        if word.startswith("the ") and after and (after[0].isdigit() or after[0] in self.lex.numbers or
                                                  after[0] in self.lex.vague_numbers):
            return []  # "the past few votes": an adjective on counted things
        return self._date(m, self.lex.vague[word])

    def _holiday(self, m: re.Match[str]) -> list[Found]:
        """A holiday on its day of the year in which a month named alone would fall ("last" and "next" as said)."""
        key = norm(m.group("w"))
        if key in self.lex.movable_holidays:
            month, weekday, nth = self.lex.movable_holidays[key]
        else:
            month, day = (int(x) for x in self.lex.holidays[key].split("-"))
        if self.dct is None:
            return self._date(m, f"XXXX-{month:02d}" + (f"-{day:02d}" if key in self.lex.holidays else ""))
        rel = m.group("rel")
        year = self._year_rel(month, rel) if rel else int(self._year_for(month, m.start(), m.end()))
        if key in self.lex.movable_holidays:
            day = nth_weekday(year, month, weekday, nth).day
        return self._date(m, f"{year:04d}-{month:02d}-{day:02d}")

    def _clock(self, m: re.Match[str]) -> list[Found]:
        if m.group("noon"):
            hour, minute = (0 if m.group("noon").lower() == "midnight" else 12), 0
        else:
            hour, minute = int(m.group("h")), int(m.group("mi") or 0)
            if not 1 <= hour <= 12:
                return []
            pm = m.group("ampm").lower().startswith("p")
            hour = (hour % 12) + (12 if pm else 0)
        day, month, dom = m.group("day"), m.group("month"), m.group("dom")
        if not (day or month):  # "at 4 p.m. (local time) on April 13": the day named later in the clause
            later = _day_later(self.lex).match(self.text, m.end(), min(len(self.text), m.end() + 60))
            if later:
                day, month, dom = later.group("day"), later.group("month"), later.group("dom")
        if month:
            month = self._month_num(month)
            date = f"{self._year_for(month, m.start())}-{month:02d}-{int(dom):02d}"
        elif day and day.lower() in self.lex.deictic_days and self.dct is not None:
            date = (self.dct + dt.timedelta(days=self.lex.deictic_days[day.lower()])).isoformat()
        elif day and day.lower() in self.lex.weekdays:
            date = self._weekday_date(self.lex.weekdays[day.lower()], None, m.start())
        else:
            date = self.dct.isoformat() if self.dct else "XXXX-XX-XX"
        mod = "APPROX" if m.group("approx") else None
        return [Found(m.start(), m.end(), "TIME", f"{date}T{hour:02d}:{minute:02d}", mod)]


@lru_cache(maxsize=8)
def _day_later(lex: Lexicon) -> re.Pattern[str]:
    """A day named with "on" at most two lower-case words or a bracket after a clock time: "... local time on Saturday"."""
    return re.compile(r"(?-i:\)?(?:\s+[a-z]+){0,2}?(?:\s*\([^()]{0,30}\))?)\s+on\s+(?:(?P<day>%s)|(?P<month>%s)\s+(?P<dom>\d{1,2})\b)" % (
        _cased(lex.weekdays), _cased(lex.months, [m for m in lex.months if len(m) <= 4])))


def find_timexes(text: str, lexicon: Lexicon, published: str | None = None,
                 tense: Tense | None = None) -> list[Found]:
    """All temporal expressions of a plain text, normalised (no spaCy needed)."""
    resolver = Resolver(lexicon, text, parse_date(published), tense or (lambda pos: "present"))
    return resolver.resolve(grammar_for(lexicon).candidates(text, resolver.accepts))


def parse_date(value: str | None) -> dt.date | None:
    """An ISO publication date (a time part is ignored); None if absent or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- dateparser fallback -----------------------------------------------------------------------

_PERIODS = {"year": "year", "month": "month", "week": "week", "day": "day", "time": "day"}


def value_at_period(when: dt.datetime, period: str) -> str:
    """dateparser's date at the granularity it detected ('year' → `1994`, 'day' → `1994-05-03`)."""
    if period == "time":
        return when.strftime("%Y-%m-%dT%H:%M")
    return format_value(when.date(), _PERIODS.get(period, "day"))


@lru_cache(maxsize=4096)
def parse_fallback(text: str, published: str | None) -> str | None:
    """dateparser on a phrase our grammar did not read, keeping only the fields the text states.

    dateparser fills unstated fields from the base date; the value is cut back to the
    finest field that is written: a day number, a month name, a four-digit year.
    """
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    base = parse_date(published)
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    data = dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    has_year = bool(re.search(r"\b\d{4}\b", text))
    has_month = bool(re.search(r"[A-Za-z]{3}", text)) and data.period in ("month", "day", "time")
    if not has_year and base is None:
        return None
    value = value_at_period(data.date_obj, data.period or "day")
    if not has_month:
        value = value[:4]
    return value
