"""The quantities and numeric_claims layers: figures with value, unit, comparator, subject and time.

Detection first: every number the text writes (digits, words, scales, ranges,
fractions, ranks, streaks) becomes a quantity with its unit from the data
files (currencies, units, or the counted noun), its comparator from cue words
and syntax, its subject and its time; all go to `doc._.quantities`. Then a
claim filter keeps what ANNOTATION.md calls a numeric claim (no durations,
ages, anaphoric or singular counts, bare small numbers) in
`doc._.numeric_claims`. Dates, times, years and identifiers are never
quantities. See docs/numeric-claims.md.
"""
from __future__ import annotations

import math

import re
from bisect import bisect_left
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import numbers
from ..extensions import layer_dicts, register_extensions
from ..resources import DataFileError, check_choice, read_jsonl, read_settings, resolve
from ..schema import COMPARATORS, CharSpan, NumericClaim
from .boilerplate import overlaps_boilerplate

DEFAULT_UNITS = "units.jsonl"
DEFAULT_CURRENCIES = "currencies.jsonl"
DEFAULT_CUES = "comparators.json"
DEFAULT_NAMES = "quantity_names.json"
NAME_KEYS = ("index_names",)
UNIT_KINDS = ("percent", "time", "age", "physical", "count")
CUE_KEYS = ("bounds", "postfix", "bound_verbs", "change_verbs", "change_adverbs",
            "level_prepositions", "streak", "rank_verbs")
OPTIONAL_CUE_KEYS = ("comment", "bound_gaps", "measure_nouns")  # older cue files still load
# Quantity kinds; `duration` and `age` are timexes in ANNOTATION.md, so never claims.
NOT_CLAIM_KINDS = frozenset({"duration", "age"})
NAME_LABELS = frozenset({"ORG", "PRODUCT", "LAW", "EVENT", "FAC", "WORK_OF_ART", "PERSON", "GPE", "NORP", "LOC"})
IDENTIFIER_MARKERS = frozenset({"no", "no.", "nos", "nos.", "#", "number", "num", "nr", "nr."})
# Nouns a number names a member of ('category 4', 'phase 2'), not counts.
IDENTIFIER_NOUNS = frozenset({"category", "level", "grade", "phase", "stage", "type", "tier", "class", "version",
                              "room", "gate", "platform", "route", "flight", "channel", "chapter", "article",
                              "section", "row", "unit", "game", "week", "round", "episode", "season", "act"})
ANAPHORIC_DETERMINERS = frozenset({"the", "these", "those", "its", "their", "our", "his", "her", "my", "your",
                                   "both", "all", "each"})
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. "
    "dec dec.".split())
CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc", "edt", "est", "bst", "cet", "et", "pt", "o'clock"})
# Words glued before a number: 'minus-130', 'sub-7' (a sign or a bound word, not a currency).
SIGN_WORDS = {"minus": -1.0, "negative": -1.0, "sub": 1.0, "under": 1.0, "over": 1.0, "~": 1.0}
DIMENSION_WORDS = frozenset({"tall", "high", "long", "wide", "deep", "away", "above", "below", "thick", "across",
                             "up", "down", "under", "in", "from", "to"})
RANGE_WORDS = frozenset({"-", "–", "—", "to", "through"})
RATE_WORDS = frozenset({"per", "a", "an", "/", "every", "each"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?$|^\d{1,2}[ap]\.?m\.?$", re.IGNORECASE)
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_CODE = re.compile(r"^0\d+$")
MAX_SUBJECT_TOKENS = 10
# Words that make the next noun a time of its own, not what a number counts ('to 24 last year').
DEICTIC_WORDS = frozenset({"last", "next", "this", "that", "every", "each", "per"})
# Unit ellipsis: words that join a bare figure to an earlier one whose unit it shares.
ELLIPSIS_LINKS = frozenset({"to", "from", "and", "versus", "vs", "vs.", "against", "including"})
# Words between a bare figure and the next figure, written with the unit both share ('8 or $9').
BACKWARD_LINKS = frozenset({"or", "and", "to"})
INHERITED_KINDS = frozenset({"currency", "percent", "physical", "count"})
MAX_ELLIPSIS_GAP = 8
MAX_COUNTED_GAP = 8  # tokens from a number to the noun it counts, all of them modifiers of that noun
# A level after a percentage change takes the unit of a count or physical figure at most this far before it.
MAX_LEVEL_GAP = 12
LEVEL_KINDS = frozenset({"count", "physical"})
MAX_BRACKET = 12  # tokens in a bracketed restatement ('(US $4.46)') a rate may follow
# 'from X … to Y': the two ends of a move, one range; at most MAX_MOVE_GAP words from X's end to Y.
# 'rose to X from Y' states two levels (ANNOTATION.md: 'increased to X' states a level), so only 'from' opens.
MOVE_WORDS = frozenset({"from", "to", "and", "or", "but"})
MAX_MOVE_GAP = 6


# --- lexicons --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    symbol: str
    name: str
    kind: str  # percent | time | age | physical | count | currency


@dataclass
class Lexicon:
    """Surface forms → units, as token tuples, matched longest first (built once per component)."""

    forms: dict[tuple[str, ...], Unit] = field(default_factory=dict)
    prefixes: dict[tuple[str, ...], Unit] = field(default_factory=dict)
    glued_prefixes: dict[str, Unit] = field(default_factory=dict)
    longest: int = 1

    def add(self, tokens: tuple[str, ...], unit: Unit, table: dict) -> None:
        table.setdefault(tokens, unit)
        self.longest = max(self.longest, len(tokens))

    def match(self, words: list[str], table: dict) -> tuple[int, Unit] | None:
        """Longest form at the start of `words` (exact case first, then lower case for long forms)."""
        for n in range(min(self.longest, len(words)), 0, -1):
            exact = tuple(words[:n])
            if exact in table:
                return n, table[exact]
            lower = tuple(w.lower() for w in exact)
            if lower in table and _case_free(lower):
                return n, table[lower]
            if len(exact[-1]) > 1 and exact[-1].endswith("."):
                stripped = (*exact[:-1], exact[-1][:-1])
                if stripped in table:  # a sentence-final abbreviation took the full stop: 'per sq m.'
                    return n, table[stripped]
        return None


def _case_free(form: tuple[str, ...]) -> bool:
    """Short symbols ('m', 'G', 'MW') only match as written; words match in any case."""
    return len("".join(form)) > 2


def load_lexicon(nlp: Language, units: str | Path | None, currencies: str | Path | None) -> Lexicon:
    lexicon = Lexicon()

    def tokens(form: str) -> tuple[str, ...]:
        return tuple(t.text for t in nlp.make_doc(form))

    for record in read_jsonl(resolve(units, DEFAULT_UNITS), required=("symbol", "name", "kind", "forms")):
        check_choice(record["kind"], UNIT_KINDS, "unit kind", record["_where"])
        unit = Unit(record["symbol"], record["name"], record["kind"])
        for form in record["forms"]:
            toks = tokens(form)
            lexicon.add(toks if _has_capital(form) or len(form) <= 2 else tuple(t.lower() for t in toks),
                        unit, lexicon.forms)
    for record in read_jsonl(resolve(currencies, DEFAULT_CURRENCIES), required=("code", "name"),
                             optional=("symbols", "names")):
        if not re.fullmatch(r"[A-Z]{3}", record["code"]):
            raise DataFileError(f"{record['_where']}: currency code {record['code']!r} is not three capitals")
        unit = Unit(record["code"], record["name"], "currency")
        lexicon.glued_prefixes.setdefault(record["code"], unit)
        for symbol in record.get("symbols", []):
            lexicon.add(tokens(symbol), unit, lexicon.prefixes)
            lexicon.glued_prefixes.setdefault(symbol.replace(" ", ""), unit)
        for name in record.get("names", []):
            lexicon.add(tuple(t.lower() for t in tokens(name)), unit, lexicon.forms)
    return lexicon


def _has_capital(form: str) -> bool:
    return any(c.isupper() for c in form)


def load_index_names(nlp: Language, source: str | Path | None = None) -> frozenset[tuple[str, ...]]:
    """Index names as lower-case token tuples ('S&P' → ('s&p',)), as the tokenizer splits them."""
    _, data = read_settings(source, DEFAULT_NAMES, NAME_KEYS)
    return frozenset(tuple(t.lower_ for t in nlp.make_doc(name)) for name in data["index_names"])


@dataclass(frozen=True)
class Cues:
    bounds: dict[tuple[str, ...], str]
    postfix: dict[tuple[str, ...], str]
    bound_gaps: frozenset[tuple[str, ...]]
    bound_verbs: dict[str, str]
    change_verbs: dict[str, str]
    change_adverbs: dict[str, str]
    level_prepositions: frozenset[str]
    streak: frozenset[str]
    rank_verbs: frozenset[str]
    measure_nouns: frozenset[str] = frozenset()

    @classmethod
    def load(cls, nlp: Language, source: str | Path | None = None) -> Cues:
        path, data = read_settings(source, DEFAULT_CUES, CUE_KEYS, optional=OPTIONAL_CUE_KEYS)

        def phrases(table: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
            out = {}
            for comparator, words in table.items():
                check_choice(comparator, COMPARATORS, "comparator", str(path))
                out.update({tuple(t.lower_ for t in nlp.make_doc(w)): comparator for w in words})
            return out

        def words(table: dict[str, list[str]]) -> dict[str, str]:
            for comparator in table:
                check_choice(comparator, COMPARATORS, "comparator", str(path))
            return {w: comparator for comparator, ws in table.items() for w in ws}

        gaps = frozenset(tuple(t.lower_ for t in nlp.make_doc(g)) for g in data.get("bound_gaps", []))
        return cls(phrases(data["bounds"]), phrases(data["postfix"]), gaps, words(data["bound_verbs"]),
                   words(data["change_verbs"]), words(data["change_adverbs"]),
                   frozenset(data["level_prepositions"]), frozenset(data["streak"]), frozenset(data["rank_verbs"]),
                   frozenset(w.lower() for w in data.get("measure_nouns", [])))


# --- detection -------------------------------------------------------------------------------------

@dataclass
class Quantity:
    """A quantity found in a sentence, by token indices; `number` is the token range of the figure itself."""

    start: int
    end: int
    number: tuple[int, int]
    value: float
    value_max: float | None
    unit: str | None
    kind: str  # currency | percent | physical | count | duration | age | rank | streak | bare
    words: list[str]
    written_in_digits: bool
    unit_token: int | None = None
    comparator: str = "="
    subject: str | None = None
    time: str | None = None
    glued_bound: str | None = None  # a bound word written onto the number: '~1.2mm', 'sub-7'


def number_groups(sent: Span, candidates: list[int]) -> Iterator[tuple[int, int]]:
    """Maximal runs of tokens that read as one number ('2.9 million', 'thirty - seven', 'a dozen'), starting at
    a candidate token (`numbers.may_be_number`) or at the article before one."""
    doc = sent.doc
    resume = sent.start
    for i in sorted({j for c in candidates for j in (c - 1, c) if j >= sent.start}):
        start = _group_start(doc, i, sent.end) if i >= resume else None
        if start is None:
            continue
        end = start + 1
        while end < sent.end:
            nxt = _extend(doc, start, end, sent.end)
            if nxt is None:
                break
            end = nxt
        if numbers.parse_number([t.text for t in doc[start:end]]) is not None:
            yield start, end
            resume = end


def _group_start(doc: Doc, i: int, limit: int) -> int | None:
    tok = doc[i]
    if numbers.word_value(tok.text) is not None:
        return i
    if tok.lower_ in numbers.ARTICLES and i + 1 < limit and (
            doc[i + 1].lower_ in numbers.DOZEN or doc[i + 1].lower_ in {"hundred", "thousand", "million", "billion",
                                                                       "trillion"}):
        return i
    return None


def _extend(doc: Doc, start: int, end: int, limit: int) -> int | None:
    """The new end if the group [start, end) can take the next token(s), else None."""
    tok = doc[end]
    prev = doc[end - 1]
    words = [t.text for t in doc[start:end]]
    if numbers.is_scale(tok.text) and tok.lower_ not in numbers.GLUED_ONLY:
        return end + 1 if numbers.parse_number([*words, tok.text]) is not None else None
    if (_scale_word(tok) or "") in numbers.GLUED_ONLY and not prev.whitespace_ and prev.like_num \
            and _glued_is_scale(doc, end):
        return end + 1
    if tok.is_alpha and numbers.word_value(tok.text) is not None and prev.is_alpha:
        return end + 1 if numbers.parse_number([*words, tok.text]) is not None else None
    if tok.text in {"-", "and"} and end + 1 < limit and prev.is_alpha and doc[end + 1].is_alpha \
            and numbers.word_value(doc[end + 1].text) is not None \
            and numbers.parse_number([*words, doc[end + 1].text]) is not None:
        return end + 2
    return None


def _glued_is_scale(doc: Doc, i: int) -> bool:
    """'35m devices', '£5m', '10k' are scales; '100m sprint' and '400m' of a race are metres."""
    before = doc[i - 2] if i >= 2 else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    if doc[i].lower_ == "k":
        return True
    currency_before = before is not None and before.is_currency
    metres_after = after is None or after.tag_ == "NN" or after.is_punct or after.lower_ in DIMENSION_WORDS
    return currency_before or not metres_after


def _finite(q: Quantity) -> bool:
    return math.isfinite(q.value) and (q.value_max is None or math.isfinite(q.value_max))


class QuantityFinder:
    """Finds quantities in a Doc; built once with its lexicons."""

    def __init__(self, lexicon: Lexicon, cues: Cues, index_names: frozenset[tuple[str, ...]] = frozenset()):
        self.lexicon = lexicon
        self.cues = cues
        self.index_names = index_names
        self.longest_name = max((len(n) for n in index_names), default=0)
        age = lexicon.match(["years", "old"], lexicon.forms)
        self.age_unit = age[1].symbol if age else None
        self._numeric_forms: dict[int, bool] = {}

    def find(self, doc: Doc) -> list[Quantity]:
        numeric = [t.i for t in doc if self._may_be_number(t)]
        if not numeric:
            return []
        blocked = _blocked_tokens(doc)
        dates = _date_timexes(doc)
        out: list[Quantity] = []
        for sent in doc.sents:
            candidates = numeric[bisect_left(numeric, sent.start):bisect_left(numeric, sent.end)]
            if not candidates:
                continue  # no digit and no number word: nothing to find
            found = self._sentence(sent, candidates, blocked)
            found += self._ordinals(sent, candidates, blocked, {i for q in found for i in range(q.start, q.end)})
            found += self._fractions(sent, candidates, {i for q in found for i in range(q.start, q.end)})
            found += self._vague(sent, candidates, {i for q in found for i in range(q.start, q.end)})
            previous: Quantity | None = None
            for q in sorted(found, key=lambda q: q.start):
                q.comparator = self.comparator(doc, q)
                if q.comparator == "=" and previous is not None and _restates(doc, previous, q):
                    q.comparator = previous.comparator  # 'lost 190 points, or 0.6%'
                # a conversion measures what the figure it converts measures: 'a fine of €5m ($5.4m)', and so does
                # the level a move ends at: 'Acme up 9% to $84'
                same = previous is not None and (_converts(doc, previous, q) or _level_after_move(doc, previous, q))
                q.subject = previous.subject if same else \
                    subject(doc, q, self.cues.change_adverbs, self.cues.measure_nouns)
                previous = q
                q.time = time_of(doc, sent, q, dates)
                out.append(q)
        # A figure of hundreds of digits overflows to inf, which JSON cannot carry: not a usable quantity.
        return [q for q in out if _finite(q) and not overlaps_boilerplate(doc, doc[q.start].idx, _end_char(doc, q))]

    def _may_be_number(self, tok: Token) -> bool:
        """`numbers.may_be_number`, cached per word form (the lexicon of a corpus is small)."""
        known = self._numeric_forms.get(tok.orth)
        if known is None:
            known = self._numeric_forms[tok.orth] = numbers.may_be_number(tok.text)
        return known

    # numbers with units --------------------------------------------------------------------------

    def _sentence(self, sent: Span, candidates: list[int], blocked: set[int]) -> list[Quantity]:
        doc = sent.doc
        every = list(number_groups(sent, candidates))
        free = {g[0] for g in every if not blocked.intersection(range(*g))}
        groups = [g for g in every if (g[0] in free or self._before_unit(doc, sent, g[1])
                                       or _opens_range(doc, sent, g, free))
                  and not self._counts_a_fraction(doc, sent, g)]
        grouped = {i for g in groups for i in range(*g)}
        quantities = [self._quantity(doc, sent, g) for g in groups]
        quantities += [self._glued(doc, sent, doc[i]) for i in candidates if i not in grouped and i not in blocked]
        merged = _merge_ranges(doc, sorted((q for q in quantities if q is not None), key=lambda q: q.start))
        scores = _score_tokens(doc, merged)
        kept = [q for q in merged if q.number[0] not in scores and not _bare_non_figure(doc, q)]
        _inherit_units(doc, kept)
        return kept

    def _counts_a_fraction(self, doc: Doc, sent: Span, group: tuple[int, int]) -> bool:
        """'two-thirds of the cases', 'about three quarters': the number word is the top of a fraction, which
        `_fractions` reads as a percentage, not a count of 'thirds'."""
        start, end = group
        if end - start != 1 or doc[start].lower_ not in numbers.UNITS_WORDS:
            return False
        j = end + 1 if end < sent.end and doc[end].text == "-" and not doc[start].whitespace_ else end
        if j >= sent.end or doc[j].lower_ not in numbers.FRACTIONS:
            return False
        return j + 1 < sent.end and doc[j + 1].lower_ == "of" or self._bound_before(doc, start) is not None

    def _before_unit(self, doc: Doc, sent: Span, i: int) -> bool:
        """'two years ago', 'six minutes later': a length of time inside a date is still a quantity; so is a
        number the timexes read as a year when a physical unit follows ('the 1520 sq m centre')."""
        hit = self._lexicon_unit(doc, sent, i)
        return hit is not None and (hit[1].kind == "time" or hit[1].kind in {"physical", "percent"} and doc[i].is_alpha)

    def _glued(self, doc: Doc, sent: Span, tok: Token) -> Quantity | None:
        """A number written together with its currency or unit: 'PS2.7m', 'RM79', '10kW', '1.38pc', '$US55'."""
        if _is_date_or_time(doc, sent, tok.i, tok.i + 1):
            return None
        fraction = numbers.parse_slash_fraction(tok.text)
        if fraction is not None:
            return self._fraction_of_unit(doc, sent, tok.i, tok.i + 1, fraction)
        parts = numbers.split_glued(tok.text)
        if parts is None:
            return None
        prefix, value, suffix = parts
        sign_word = prefix.lower().rstrip("-")
        signed = sign_word in SIGN_WORDS
        if signed:
            value = SIGN_WORDS[sign_word] * abs(value)
            prefix = ""
        if suffix.lower() == "s":
            return None  # a plural or a decade: '1990s', 'Channel 5s'
        q = Quantity(tok.i, tok.i + 1, (tok.i, tok.i + 1), value, None, None, "bare", [str(value)], True,
                     glued_bound=self.cues.bounds.get((sign_word,)) if signed else None)
        if prefix:
            symbol = (doc[tok.i - 1].text + prefix) if tok.i > sent.start and doc[tok.i - 1].is_currency else prefix
            unit = self.lexicon.glued_prefixes.get(symbol)
            if unit is None:
                return None
            q.unit, q.kind = unit.symbol, "currency"
            if symbol != prefix:
                q.start = tok.i - 1
        if suffix:
            scale = numbers.SCALES.get(suffix.lower())
            if scale is not None:
                q.value *= scale
                q.words = [str(q.value)]
            else:
                hit = self.lexicon.match([suffix], self.lexicon.forms)
                if hit is None or q.kind == "currency":
                    return None
                q.unit, q.kind, q.unit_token = hit[1].symbol, _kind(hit[1]), tok.i
        elif tok.i + 1 < sent.end and _scale_word(doc[tok.i + 1]) and (
                not tok.whitespace_ or doc[tok.i + 1].lower_ not in numbers.GLUED_ONLY):
            q.value *= numbers.SCALES[_scale_word(doc[tok.i + 1])]
            q.words = [f"{value:g}", _scale_word(doc[tok.i + 1])]
            q.end = tok.i + 2
        if q.kind != "currency" and not suffix and not signed:
            return None
        if q.kind != "currency" and q.unit is None:
            self._unit_after(doc, sent, q)
        else:
            self._rate(doc, sent, q)
        return q

    def _fraction_of_unit(self, doc: Doc, sent: Span, start: int, end: int, value: float) -> Quantity | None:
        """'1/2 pound', '1/16 of a US pint', 'one-tenth of a percent': a fraction of a unit; a bare '1/4' is no
        figure (scores, dates)."""
        q = Quantity(start, end, (start, end), value, None, None, "bare", [t.text for t in doc[start:end]],
                     any(c.isdigit() for c in doc[start].text))
        at = end
        if at + 1 < sent.end and doc[at].lower_ == "of":
            at += 2 if doc[at + 1].lower_ in numbers.ARTICLES else 1
        if self._lexicon_unit(doc, sent, at) is None and at + 1 < sent.end and doc[at].pos_ in {"PROPN", "ADJ"}:
            at += 1  # 'of a US pint', 'of an imperial gallon'
        if self._lexicon_unit(doc, sent, at) is None:
            return None
        self._unit_after(doc, sent, q, at=at)
        return q if q.kind in {"physical", "currency", "time"} or q.unit else None

    def _quantity(self, doc: Doc, sent: Span, group: tuple[int, int]) -> Quantity | None:
        start, end = group
        words = [t.text for t in doc[start:end]]
        value = numbers.parse_number(words)
        if value is None or _is_date_or_time(doc, sent, start, end) or _is_identifier(doc, sent, start, end):
            return None
        digits = any(c.isdigit() for t in doc[start:end] for c in t.text)  # glued scales too: "25k"
        if start > sent.start and doc[start - 1].lower_ in {"minus", "negative"}:
            value, start = -value, start - 1
        elif start - 1 > sent.start and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"minus", "negative"}:
            value, start = -value, start - 2
        q = Quantity(start, end, (start, end), value, None, None, "bare", words, digits)
        prefix = self._currency_prefix(doc, sent, start)
        if prefix is not None:
            q.start, q.unit, q.kind = prefix[0], prefix[1].symbol, "currency"
        self._unit_after(doc, sent, q)
        if q.kind == "bare" and end < sent.end and doc[end].lower_ == "of":
            self._of_phrase(doc, sent, q)
        if q.kind in {"bare", "count"} and not self._lexicon_count(doc, q) \
                and (_names(doc, sent, q) or self._index_name(doc, sent, q)) or _anaphoric(doc, q):
            return None
        if q.kind in {"bare", "count"} and self.age_unit and _is_age(doc, sent, q):
            q.unit, q.kind, q.end, q.unit_token = self.age_unit, "age", q.number[1], None
        return q

    def _lexicon_count(self, doc: Doc, q: Quantity) -> bool:
        """A count whose unit is in the lexicon ('0.5 WAR', '2 TDs') is a figure even when the unit is capitalised."""
        return q.kind == "count" and q.unit_token is not None \
            and self.lexicon.match([doc[q.unit_token].text], self.lexicon.forms) is not None

    def _index_name(self, doc: Doc, sent: Span, q: Quantity) -> bool:
        """'S&P 500', 'the sp 500', 'FTSE 100', 'Stoxx 600': the number is part of an index's name
        (a signed figure after the name is its move: 'FTSE -0.6%')."""
        start = q.number[0]
        if doc[start].text[:1] in {"+", "-"}:
            return False
        for n in range(min(self.longest_name, start - sent.start), 0, -1):
            if tuple(t.lower_ for t in doc[start - n:start]) in self.index_names:
                return True
        return False

    def _currency_prefix(self, doc: Doc, sent: Span, start: int) -> tuple[int, Unit] | None:
        for n in range(min(self.lexicon.longest, start - sent.start), 0, -1):
            words = [t.text for t in doc[start - n:start]]
            hit = self.lexicon.match(words, self.lexicon.prefixes)
            if hit and hit[0] == n:
                return start - n, hit[1]
            joined = self.lexicon.glued_prefixes.get("".join(words))
            if joined is not None and n > 1:
                return start - n, joined  # 'AU $89.99', 'C $6'
        return None

    def _unit_after(self, doc: Doc, sent: Span, q: Quantity, at: int | None = None) -> None:
        """Unit (from the lexicon or the counted noun) and rate ('per year') after the number."""
        i = q.end if at is None else at
        if i + 1 < sent.end and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i + 1].like_num:
            i += 1  # adjectival compounds: 'a 20-mile drive', '47-year-old'
        hit = self._lexicon_unit(doc, sent, i)
        if hit is not None:
            n, unit = hit
            if q.kind != "currency" or unit.kind == "currency":
                q.unit, q.kind, q.end = unit.symbol, _kind(unit), i + n
                q.unit_token = i + n - 1
            self._rate(doc, sent, q)
            return
        if q.kind == "currency":
            self._rate(doc, sent, q)
            return
        symbol = self._currency_after(doc, sent, i)
        if symbol is not None:
            q.unit, q.kind, q.end, q.unit_token = symbol.symbol, "currency", i + 1, i
            self._rate(doc, sent, q)
            return
        noun = counted_noun(doc, sent, q.number[1] - 1, i)
        if noun is not None:
            hit = self.lexicon.match([noun.text], self.lexicon.forms)
            unit = hit[1] if hit else None
            if unit is not None and unit.kind in {"time", "count"}:
                q.unit, q.kind = unit.symbol, "duration" if unit.kind == "time" else "count"
            else:
                q.unit, q.kind = _noun_lemma(noun), "count"
            q.end, q.unit_token = noun.i + 1, noun.i
            self._rate(doc, sent, q)

    def _currency_after(self, doc: Doc, sent: Span, i: int) -> Unit | None:
        """A currency sign written right after the number ('1,200€', '5$'); a letter code there is another unit
        ('300PS' is metric horsepower), so only signs count."""
        if i >= sent.end or i == 0 or doc[i - 1].whitespace_ or doc[i].is_alpha:
            return None
        hit = self.lexicon.match([doc[i].text], self.lexicon.prefixes)
        return hit[1] if hit else None

    def _of_phrase(self, doc: Doc, sent: Span, q: Quantity) -> None:
        """'2 million of the devices', 'one of the best speakers': the unit is the object of 'of'."""
        of = doc[q.end]
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is None or obj.i >= sent.end:
            return
        hit = self.lexicon.match([obj.text], self.lexicon.forms)
        if hit is not None and hit[1].kind in {"currency", "physical", "percent"}:
            q.unit, q.kind = hit[1].symbol, _kind(hit[1])
        elif _countable(obj) and obj.tag_ in {"NNS", "NNPS"}:
            q.unit, q.kind = _singular(self.lexicon, obj), "count"
        else:
            return
        q.end, q.unit_token = obj.i + 1, obj.i

    def _lexicon_unit(self, doc: Doc, sent: Span, i: int) -> tuple[int, Unit] | None:
        words = [t.text for t in doc[i:min(sent.end, i + self.lexicon.longest)]]
        hit = self.lexicon.match(words, self.lexicon.forms)
        if hit is None:
            return None
        n, unit = hit
        last = doc[i + n - 1]
        # a single-letter symbol glued to a noun phrase ('5 G networks') or a verb is not a unit
        if n == 1 and len(last.text) == 1 and last.is_lower and i + n < sent.end and doc[i + n].pos_ in {"NOUN", "PROPN"} \
                and unit.kind == "physical":
            return None
        return hit

    def _rate(self, doc: Doc, sent: Span, q: Quantity) -> None:
        """'per year' / 'a barrel' / '/d' after the unit, optionally after 'of gas'; time rates stay out of the span."""
        i = q.end
        if i + 1 < sent.end and doc[i].lower_ == "of" and doc[i + 1].pos_ == "NOUN":
            i += 2
        bracketed = doc[i].text == "(" if i < sent.end else False
        if bracketed:  # 'C$6 (US$4.46) per share': the rate follows the restatement in brackets
            close = next((t.i for t in doc[i + 1:min(sent.end, i + MAX_BRACKET)] if t.text == ")"), None)
            if close is None:
                return
            i = close + 1
        if not (i + 1 < sent.end and doc[i].lower_ in RATE_WORDS):
            return
        words = [t.text for t in doc[i + 1:min(sent.end, i + 1 + self.lexicon.longest)]]
        hit = self.lexicon.match(words, self.lexicon.forms)
        if hit is None and doc[i].lower_ == "per" and doc[i + 1].tag_ == "NN":
            hit = 1, Unit(doc[i + 1].lemma_.lower(), doc[i + 1].lemma_.lower(), "count")  # 'cents per share'
        if hit is None or hit[1].kind not in {"time", "physical", "count"}:
            return
        n, unit = hit
        after = doc[i + 1 + n] if i + 1 + n < sent.end else None
        if after is not None and after.lower_ in {"earlier", "ago", "later", "before", "after", "on"}:
            return  # 'a year earlier' dates the figure, it is no rate
        if doc[i].lower_ in {"a", "an"} and n != 1:
            return
        q.unit = f"{q.unit}/{unit.symbol}" if q.unit else None
        if unit.kind != "time" and q.unit and not bracketed:
            q.end = i + 1 + n

    # ordinals: ranks and streaks -----------------------------------------------------------------

    def _ordinals(self, sent: Span, candidates: list[int], blocked: set[int], taken: set[int]) -> list[Quantity]:
        doc = sent.doc
        out = []
        for tok in (doc[i] for i in candidates):
            if tok.i in taken or tok.i in blocked:
                continue
            value = numbers.parse_ordinal(tok.text)
            if value is None:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
            if nxt is not None and nxt.lower_ in self.cues.streak and tok.i + 2 < sent.end \
                    and doc[tok.i + 2].pos_ == "NOUN":
                noun = doc[tok.i + 2]
                out.append(Quantity(tok.i, noun.i + 1, (tok.i, tok.i + 1), float(value), None,
                                    _singular(self.lexicon, noun), "streak", [tok.text], False, noun.i))
            elif nxt is not None and (nxt.tag_ == "JJS" or nxt.lower_ in {"most", "least"}):
                out.append(Quantity(tok.i, nxt.i + 1, (tok.i, tok.i + 1), float(value), None, "rank", "rank",
                                    [tok.text], False))
            elif tok.head.lemma_ in self.cues.rank_verbs and tok.head.i < tok.i and tok.dep_ in {
                    "advmod", "npadvmod", "dobj", "attr", "acomp", "oprd", "pobj"}:
                out.append(Quantity(tok.i, tok.i + 1, (tok.i, tok.i + 1), float(value), None, "rank", "rank",
                                    [tok.text], False))
        return out

    def _vague(self, sent: Span, candidates: list[int], taken: set[int]) -> list[Quantity]:
        """'thousands of jobs' → [1000, 10000), 'tens of millions of dollars' → [1e7, 1e8)."""
        doc = sent.doc
        out = []
        for tok in (doc[i] for i in candidates):
            scale = numbers.VAGUE_PLURALS.get(tok.lower_)
            if scale is None or tok.i in taken or not (tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "of"):
                continue
            if tok.i + 2 < sent.end and doc[tok.i + 2].lower_ in numbers.VAGUE_PLURALS:
                continue  # 'tens of thousands': read at 'thousands'
            start = tok.i
            if start - 2 >= sent.start and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in {"tens", "hundreds"}:
                start, scale = start - 2, scale * numbers.VAGUE_PLURALS.get(doc[start - 2].lower_, 10.0)
            q = Quantity(start, tok.i + 1, (start, tok.i + 1), scale, 10 * scale, None, "bare",
                         [t.text for t in doc[start:tok.i + 1]], False)
            self._of_phrase(doc, sent, q)
            out.append(q)
        return out

    def _fractions(self, sent: Span, candidates: list[int], taken: set[int]) -> list[Quantity]:
        """'half of', 'a third of', 'two-thirds of', 'about half' → percentages; of a unit, a share of it:
        'one-tenth of a percent' → 0.1 %, 'a third of a mile' → 0.33 mi."""
        doc = sent.doc
        out = []
        for tok in (doc[i] for i in candidates):
            if tok.i in taken or tok.lower_ not in numbers.FRACTIONS:
                continue
            start = tok.i
            if start - 2 >= sent.start and doc[start - 1].text == "-" and doc[start - 2].lower_ in numbers.UNITS_WORDS:
                start -= 2
            elif start - 1 >= sent.start and (doc[start - 1].lower_ in numbers.ARTICLES
                                             or doc[start - 1].lower_ in numbers.UNITS_WORDS):
                start -= 1
            value = numbers.parse_fraction([t.text for t in doc[start:tok.i + 1]])
            previous = doc[start - 1] if start > sent.start else None
            if value is None or start in taken or previous is not None and (
                    previous.lower_ in {"the", "this", "that", "next", "last", "first", "second"}
                    or numbers.parse_ordinal(previous.text) is not None):
                continue  # 'the second half', 'this quarter': periods, not fractions
            follows_of = tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "of"
            bounded = self._bound_before(doc, start) is not None
            glued = tok.i + 1 < sent.end and doc[tok.i + 1].text == "-"
            if glued or not (follows_of or bounded):
                continue
            share = round(value / 100, 12)
            of_unit = self._fraction_of_unit(doc, sent, start, tok.i + 1, share) if follows_of else None
            out.append(of_unit or Quantity(start, tok.i + 1, (start, tok.i + 1), value, None, "%", "percent",
                                           [t.text for t in doc[start:tok.i + 1]], False))
        return out

    # comparator ----------------------------------------------------------------------------------

    def _bound_before(self, doc: Doc, start: int) -> str | None:
        """The bound word right before the number, or before a gap phrase ('under the age of 5')."""
        for gap in self.cues.bound_gaps:
            if start - len(gap) > 0 and tuple(t.lower_ for t in doc[start - len(gap):start]) == gap:
                return self._bound_right_before(doc, start - len(gap))
        return self._bound_right_before(doc, start)

    def _bound_right_before(self, doc: Doc, start: int) -> str | None:
        for n in range(4, 0, -1):
            if start - n < 0:
                continue
            words = tuple(t.lower_ for t in doc[start - n:start])
            if words in self.cues.bounds:
                return self.cues.bounds[words]
        return None

    def comparator(self, doc: Doc, q: Quantity) -> str:
        """Bound words win over change words; a level ('to 80 billion') is '='."""
        bound = self._bound_before(doc, q.start) or q.glued_bound
        if bound is None:
            for n in range(2, 0, -1):
                words = tuple(t.lower_ for t in doc[q.end:q.end + n])
                if len(words) == n and words in self.cues.postfix:
                    bound = self.cues.postfix[words]
                    break
        if bound is not None:
            return bound
        if q.kind in {"rank", "streak"}:
            return "="
        root = _root(doc, q)
        sign = doc[q.number[0]].text[:1]  # the sign as written: 'minus-260 degrees' is a level, not a change
        copula = root.dep_ == "attr" or root.head.lemma_ == "be"
        if sign in {"+", "-"} and q.written_in_digits and (q.kind == "percent" or not copula):
            # market listings: 'Dow +0.2%', 'FTSE -0.6%'; after a copula a signed amount is a level ('the offence
            # was -5 yards'), a signed percentage still a change ('the index was -0.6%')
            return "up" if sign == "+" else "down"
        head = root.head
        if root.dep_ == "pobj" and head.lower_ in self.cues.level_prepositions:
            return "="
        if root.dep_ in {"dobj", "npadvmod", "advmod", "attr", "obj"} and head.lemma_.lower() in self.cues.bound_verbs:
            return self.cues.bound_verbs[head.lemma_.lower()]
        change = self._change(doc, q, root)
        return change or "="

    def _change(self, doc: Doc, q: Quantity, root: Token) -> str | None:
        verbs = self.cues.change_verbs
        head = root.head
        if root.dep_ == "pobj" and head.lower_ == "by":
            governor = head.head
            if governor.lemma_.lower() in verbs:
                return verbs[governor.lemma_.lower()]
            if governor.dep_ == "npadvmod" and _gapped_subject(root) is not None:
                governor = governor.head  # 'Exports were up 3.1%, imports by 2.4%': the move of the clause left out
            # a direction on the governor: 'revised upward by 4%', 'were down 2.3%, Burlington by 2.6%'
            adverb = next((c for c in governor.children if c.dep_ in {"advmod", "prt"}
                           and c.lower_ in self.cues.change_adverbs), None)
            if adverb is not None:
                return self.cues.change_adverbs[adverb.lower_]
        if root.dep_ in {"dobj", "npadvmod", "advmod", "obj", "nummod"} and head.pos_ == "VERB" \
                and head.lemma_.lower() in verbs and head.i < q.start:
            return verbs[head.lemma_.lower()]
        before = doc[q.start - 1] if q.start > 0 else None
        if before is not None and before.lower_ in self.cues.change_adverbs and before.pos_ in {"ADV", "ADP", "ADJ"} \
                and not (before.dep_ == "prt" and root.dep_ == "dobj" and root.head == before.head
                         and q.kind != "percent"):
            # the object of a phrasal verb ('gave up 517 yards') is no change; a percentage after the particle
            # is the size of a move ('trending up 0.2%', 'closed down 3%')
            return self.cues.change_adverbs[before.lower_]
        after = doc[q.end] if q.end < len(doc) else None
        if after is not None and after.lower_ in {"higher", "lower"}:
            return self.cues.change_adverbs[after.lower_]
        return None


def _restates(doc: Doc, previous: Quantity, q: Quantity) -> bool:
    """A figure in brackets right after another is the same amount in another unit, so it keeps its bound or
    direction ('more than 100 km (60 miles)'), but not '~': the conversion of a rounded figure is computed
    ('about $113 trillion ($161 trillion)'). One after 'or' keeps a direction ('lost 190 points, or 0.6%')."""
    if _converts(doc, previous, q):
        return previous.comparator not in {"=", "~"}
    between = [t.lower_ for t in doc[previous.end:q.start]]
    return previous.comparator in {"up", "down"} and between in ([",", "or"], ["or"])


def _converts(doc: Doc, previous: Quantity, q: Quantity) -> bool:
    """A figure of the same kind opening a bracket right after another is that amount in another unit ('100 km
    (60 miles)'); a share there is a figure of its own ('1.2 mm (80% of the nozzle)')."""
    return q.start == previous.end + 1 and doc[previous.end].text == "(" and q.kind == previous.kind


def _level_after_move(doc: Doc, previous: Quantity, q: Quantity) -> bool:
    """'up 9% to $84', 'down 68p at 1,112p': the level right after a move."""
    return previous.comparator in {"up", "down"} and q.start == previous.end + 1 \
        and doc[previous.end].lower_ in {"to", "at"}


def _kind(unit: Unit) -> str:
    return {"time": "duration", "age": "age"}.get(unit.kind, unit.kind)


def _singular(lexicon: Lexicon, noun: Token) -> str:
    hit = lexicon.match([noun.text], lexicon.forms)
    return hit[1].symbol if hit and hit[1].kind in {"time", "count"} else _noun_lemma(noun)


def _noun_lemma(noun: Token) -> str:
    """The singular of a counted noun; spaCy leaves plural proper nouns as they are ('Americans' → 'american')."""
    lemma = noun.lemma_.lower()
    return lemma[:-1] if noun.tag_ == "NNPS" and lemma == noun.lower_ and lemma.endswith("s") else lemma


def counted_noun(doc: Doc, sent: Span, last_number: int, i: int) -> Token | None:
    """The noun a number counts: its syntactic head after it, else the noun right after ('22 residential burglaries')."""
    tok = doc[last_number]
    head = tok.head
    if _countable(head) and last_number < head.i < min(sent.end, i + MAX_COUNTED_GAP) and head.is_alpha \
            and len(head.text) > 1 and not any(t.lower_ in DEICTIC_WORDS for t in doc[i:head.i]) \
            and all(_modifier(doc, t, head) for t in doc[i:head.i]):
        return head
    j, named = i, False
    while j < sent.end and doc[j].lower_ not in DEICTIC_WORDS and (
            doc[j].dep_ in {"amod", "compound"} and doc[j].pos_ in {"ADJ", "NOUN", "VERB"}
            or doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
            or doc[j].lower_ == "and" and j > i and doc[j - 1].pos_ == "PROPN"):
        named = named or doc[j].pos_ == "PROPN"
        j += 1
    if j < sent.end and doc[j].pos_ == "NOUN" and j - i < 4 and doc[j].is_alpha and len(doc[j].text) > 1 \
            and (doc[j].tag_ == "NNS" or not named):  # names before a plural only: '300 Ford and Toyota trucks'
        return doc[j]
    return None


def _countable(noun: Token) -> bool:
    """A common noun, or a plural proper noun ('1.3 million Americans', 'three Democrats')."""
    return noun.pos_ == "NOUN" or noun.pos_ == "PROPN" and noun.tag_ == "NNPS"


def _modifier(doc: Doc, t: Token, head: Token) -> bool:
    """A word between a number and the noun it counts: adjectives, nouns, names, adverbs ('decently sized
    coal-fired power plants'), 'and' between modifiers ('digital and physical sales', 'Kia and Hyundai cars'), an
    ordinal inside a hyphenated word ('first-team players'), a model number ('737 Max'), but no other number."""
    if t.like_num and not (t.i + 1 < head.i and doc[t.i + 1].text == "-") and not _names_a_model(doc, t, head):
        return False
    return t.pos_ in {"ADJ", "NOUN", "PROPN", "PUNCT", "VERB", "ADV", "NUM"} or t.dep_ in {"compound", "amod"} \
        or t.lower_ == "and" and t.i > 0 and doc[t.i - 1].pos_ in {"ADJ", "PROPN"}


def _names_a_model(doc: Doc, t: Token, head: Token) -> bool:
    """A number inside a model name between a count and its noun: 'two 737 Max jets', '500 Model 3 sedans'."""
    return t.i > 0 and any(n.pos_ == "PROPN" and n.text[:1].isupper() and n.is_alpha and len(n) > 1 and n.i < head.i
                           for n in (doc[t.i - 1], doc[t.i + 1]))


def _opens_range(doc: Doc, sent: Span, group: tuple[int, int], free: set[int]) -> bool:
    """'from 1000 to 2000 hires': a number read as a year by the timexes is the low end of a range whose high
    end is no date ('from 2010 to 2020' has both ends blocked)."""
    start, end = group
    opener = doc[start - 1].lower_ if start > sent.start else ""
    link = doc[end].lower_ if end < sent.end else ""
    return end + 1 in free and (opener == "from" and link in RANGE_WORDS or opener == "between" and link == "and")


def _inherit_units(doc: Doc, quantities: list[Quantity]) -> None:
    """Unit ellipsis: a bare figure joined to an earlier figure of the sentence shares its unit ('from 20 mpg
    to 24', '435 homes by open sale and 187 by tender', 'rose 64.06 points to 4,577.10'). A level after a
    percentage change ('rose 2% to 4,577') is no percentage, so '%' passes only over 'and' or 'from … to'; over
    'to' the level takes the unit of a count or physical figure before the percentage, if near. 'or' restates
    in another unit ('-0.10% or -1.60'), so it links nothing forwards; backwards a bare
    figure right before 'or'/'and'/'to' and a figure with a unit shares it ('8 or $9')."""
    for k, q in enumerate(quantities):
        if q.kind != "bare" or _is_year(doc, *q.number):
            continue
        later = quantities[k + 1] if k + 1 < len(quantities) else None
        if later is not None and later.kind in INHERITED_KINDS and later.start == q.end + 1 \
                and doc[q.end].lower_ in BACKWARD_LINKS:
            q.unit, q.kind = later.unit, later.kind  # '8 or $9', '2 and 3 percent': the unit is written once
            continue
        if q.start == 0:
            continue
        link = doc[q.start - 1].lower_
        if link not in ELLIPSIS_LINKS:
            continue
        earlier = next((p for p in reversed(quantities[:k]) if p.end <= q.start), None)
        if earlier is None or earlier.kind not in INHERITED_KINDS or q.start - earlier.end > MAX_ELLIPSIS_GAP:
            continue
        if earlier.kind == "percent" and link != "and" and not (
                link == "to" and earlier.start > 0 and doc[earlier.start - 1].lower_ == "from"):
            # 'lost 162 points, or 2.1%, to 7,425': the level is in the unit of the count before the percentage
            earlier = next((p for p in reversed(quantities[:k]) if p.end <= q.start and p.kind in LEVEL_KINDS), None)
            if link != "to" or earlier is None or q.start - earlier.end > MAX_LEVEL_GAP:
                continue
        q.unit, q.kind = earlier.unit, earlier.kind


def _merge_ranges(doc: Doc, quantities: list[Quantity]) -> list[Quantity]:
    """'10-20%', '$3 billion to $5 billion', 'between 10 and 20', '89 to 93 billion' → one range."""
    out: list[Quantity] = []
    skip = False
    for k, q in enumerate(quantities):
        if skip:
            skip = False
            continue
        nxt = quantities[k + 1] if k + 1 < len(quantities) else None
        if nxt is not None:
            merged = _range(doc, q, nxt)
            if merged is not None:
                out.append(merged)
                skip = True
                continue
        out.append(q)
    return out


def _range(doc: Doc, low: Quantity, high: Quantity) -> Quantity | None:
    between = [t.lower_ for t in doc[low.end:high.start]]
    before = doc[low.start - 1].lower_ if low.start > 0 else ""
    is_between = before == "between" and between == ["and"]
    moved = _moved_over(doc, low, high)
    if not (is_between or moved or len(between) == 1 and between[0] in RANGE_WORDS):
        return None
    if low.unit is not None and low.unit != high.unit and not (high.unit or "").startswith(low.unit + "/") \
            and not (low.kind == "age" and high.kind == "bare") and not (moved and high.kind == "bare"):
        return None
    span = numbers.scale_range(low.words, high.words)
    if span is None and moved:
        # 'from 4.8 to 4.7 percent', 'from 208 pounds to 193': the span a figure moved over, downwards
        a, b = numbers.parse_number(low.words), numbers.parse_number(high.words)
        span = numbers.Range(min(a, b), max(a, b)) if a is not None and b is not None and a != b else None
    if span is None or span.high is None or span.low >= span.high or low.kind in {"rank", "streak"}:
        return None
    start = low.start - 1 if is_between else low.start
    unit_of = low if low.kind == "age" or moved and high.kind == "bare" else high
    return replace(high, unit=unit_of.unit, kind=unit_of.kind, start=start, number=(low.number[0], high.number[1]), value=span.low, value_max=span.high,
                   words=low.words + high.words, written_in_digits=low.written_in_digits or high.written_in_digits,
                   glued_bound=low.glued_bound or high.glued_bound)


def _moved_over(doc: Doc, low: Quantity, high: Quantity) -> bool:
    """'from $36,040 at 10.45pm to $34,935', 'from 208 pounds to 193', 'from 450 sq ft up to 900': the
    span a figure moved over, one range (docs/numeric-claims.md); the words between ('at 10.45pm', 'in 2008')
    only place the first end, so they hold no verb, clause break or other figure."""
    before = doc[low.start - 1].lower_ if low.start > 0 else ""
    gap = doc[low.end:high.start]
    if before != "from" or not len(gap) or gap[-1].lower_ != "to" or len(gap) > MAX_MOVE_GAP:
        return False
    return not any(t.pos_ in {"VERB", "AUX"} or t.is_punct or t.lower_ in MOVE_WORDS for t in gap[:-1])


# --- exclusions --------------------------------------------------------------------------------------

def _blocked_tokens(doc: Doc) -> set[int]:
    """Tokens inside names (model entities and our entities layer) and inside DATE/TIME timexes."""
    blocked = {i for ent in doc.ents if ent.label_ in NAME_LABELS and not _starts_with_number(ent)
               for i in range(ent.start, ent.end)}
    spans = [(e["start"], e["end"], True) for e in layer_dicts(doc, "entities")]
    spans += [(t["start"], t["end"], False) for t in layer_dicts(doc, "timexes") if t["type"] in {"DATE", "TIME"}]
    for start, end, is_name in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not (is_name and _starts_with_number(span)):
            blocked.update(range(span.start, span.end))
    return blocked


def _starts_with_number(span: Span) -> bool:
    """'6kW electric motor', 'PS8.1bn' mislabelled as a name: the figure is still a figure."""
    return any(c.isdigit() for c in span[0].text)


def _is_date_or_time(doc: Doc, sent: Span, start: int, end: int) -> bool:
    before = doc[start - 1].lower_ if start > sent.start else ""
    after = doc[end].lower_ if end < sent.end else ""
    after2 = doc[end + 1].lower_ if end + 1 < sent.end and after == "," else ""
    date_range = start - 3 >= sent.start and before in RANGE_WORDS and doc[start - 3].lower_ in MONTHS
    return (date_range or before in MONTHS or after in MONTHS or after2 in MONTHS or after in CLOCK_WORDS
            or any(_CLOCK.match(t.text) and not t.like_num for t in doc[start:end]))


def _scale_word(tok: Token) -> str | None:
    word = tok.lower_.rstrip(".")
    return word if word in numbers.SCALES else None


def _score_tokens(doc: Doc, quantities: list[Quantity]) -> set[int]:
    """'won 3-1', 'tied at 89-89', 'a 9-2 lead': two bare numbers joined by a hyphen that are no range."""
    out = set()
    for a, b in zip(quantities, quantities[1:]):
        if a.kind == b.kind == "bare" and a.value_max is None and b.value_max is None \
                and [t.text for t in doc[a.end:b.start]] in (["-"], ["–"]) and a.value >= b.value:
            out.update({a.number[0], b.number[0]})
    return out


def _names(doc: Doc, sent: Span, q: Quantity) -> bool:
    """'iPhone 12', 'S&P 500', '737 Max', '9 Elm Street': a bare number next to a proper noun names a model,
    an index or an address."""
    start = q.number[0]
    if any("," in t.text for t in doc[start:q.number[1]] if t.like_num):
        return False  # '63,150 Model 3s': a number with a thousands separator counts, it names nothing
    if q.kind == "count" and q.unit_token is not None and any(
            t.dep_ == "nummod" and t.head.i == q.unit_token
            and not any(c.pos_ == "CCONJ" or c.is_punct for c in doc[t.i + 1:start]) for t in doc[sent.start:start]):
        return True  # the count is an earlier number of the same noun: 'two new 737 Max jets' ('3G and 4G' two counts)
    prev = doc[start - 1] if start > sent.start else None
    if prev is not None and prev.pos_ == "PROPN" and prev.i > sent.start and any(c.isupper() for c in prev.text) \
            and not prev.is_currency and prev.ent_type_ not in {"MONEY", "QUANTITY", "PERCENT"} \
            and prev.lower_ not in MONTHS:
        return True
    nxt = doc[q.number[1]] if q.number[1] < sent.end else None
    if q.kind == "count" and q.unit_token is not None and doc[q.unit_token].tag_ == "NNS":
        return False  # the name only qualifies what is counted: '96 Liverpool fans', 'four FA Cup finals'
    return nxt is not None and nxt.tag_ == "NNP" and nxt.text[:1].isupper() and not nxt.is_currency \
        and nxt.ent_type_ not in {"MONEY", "QUANTITY", "PERCENT", "CARDINAL"} and nxt.lower_ not in MONTHS


def _anaphoric(doc: Doc, q: Quantity) -> bool:
    """A count in words that only refers back to known parties (ANNOTATION.md): 'the two great powers',
    'their three sons', 'two of the world's most powerful men' (a partitive over a definite superlative set).
    'one of the largest' stays: the stock phrase names one member of a class, and is no claim anyway."""
    if q.kind != "count" or q.written_in_digits or q.value_max is not None or q.value < 2:
        return False
    before = doc[q.start - 1] if q.start > 0 else None
    if before is not None and (before.lower_ in ANAPHORIC_DETERMINERS or before.tag_ == "PRP$"):
        return True
    of = doc[q.number[1]] if q.number[1] < len(doc) else None
    if of is None or of.lower_ != "of" or q.unit_token is None:
        return False
    noun = doc[q.unit_token]
    definite = any(c.dep_ in {"det", "poss"} and (c.lower_ in ANAPHORIC_DETERMINERS or c.tag_ in {"PRP$", "POS"}
                                                   or c.dep_ == "poss") for c in noun.lefts)
    superlative = any(t.tag_ in {"JJS", "RBS"} for t in doc[of.i + 1:noun.i])
    return definite and superlative


def _is_age(doc: Doc, sent: Span, q: Quantity) -> bool:
    """'Senard, 65, said', 'aged 47' and 'over the age of 21': a person's age (a noun the parser takes for the
    counted one after 'aged 47' or 'the age of 65' is not counted)."""
    start, end = q.number
    before = doc[start - 1] if start > sent.start else None
    after = doc[end] if end < sent.end else None
    if before is not None and (before.lower_ == "aged" or before.lower_ == "of" and start - 2 >= sent.start
                               and doc[start - 2].lower_ == "age"):
        return True
    return (q.kind == "bare" and before is not None and before.text == "," and start - 2 >= sent.start
            and _is_person(doc[start - 2]) and after is not None and after.text == ","
            and 0 < q.value < 130 and q.value == int(q.value))


def _is_person(tok: Token) -> bool:
    """A person's name, also when the model left it unlabelled ('Maddon, 66, said'): a proper noun no
    entity of another type claims."""
    return tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper()


def _bare_non_figure(doc: Doc, q: Quantity) -> bool:
    """A bare year ('in 1998'), or a bare number word ('one of them', 'the two'): no figure."""
    if q.kind != "bare" or q.value_max is not None:
        return False
    return _is_year(doc, *q.number) or not q.written_in_digits and not any(
        w.lower() in numbers.SCALES for w in q.words)


def _is_year(doc: Doc, start: int, end: int) -> bool:
    return end - start == 1 and bool(_YEAR.match(doc[start].text))


def _is_identifier(doc: Doc, sent: Span, start: int, end: int) -> bool:
    """'No. 7', 'Section 427', 'COVID-19', 'iPhone 12', 'category 4', '737 Max', '000300': a number that names,
    not counts (an integer written with leading zeros is a code)."""
    if end - start == 1 and _CODE.match(doc[start].text):
        return True
    if start == sent.start:
        return False
    prev = doc[start - 1]
    if prev.lower_ in IDENTIFIER_NOUNS:
        return True
    if prev.lower_ in IDENTIFIER_MARKERS or (prev.text == "." and start - 2 >= sent.start
                                             and doc[start - 2].lower_ in IDENTIFIER_MARKERS):
        return True
    if prev.text == "-" and not prev.whitespace_ and start - 2 >= sent.start and not doc[start - 2].whitespace_ \
            and doc[start - 2].is_alpha and numbers.word_value(doc[start - 2].text) is None:
        return doc[start - 2].lower_ not in {"mid", "late", "early", "pre", "post", "minus", "negative", "sub"}
    return False


def _date_timexes(doc: Doc) -> list[dict]:
    return [t for t in layer_dicts(doc, "timexes") if t["type"] == "DATE" and t.get("value")]


# --- subject and time ---------------------------------------------------------------------------------

VALUATION_WORDS = frozenset({"worth", "valued", "priced"})  # a closed set of value-of modifiers
# Prepositions whose phrase after a noun describes that noun ('investments over 35 GWh'); not 'to'/'from', whose
# figure is a level a change moves to or from, nor 'in', mostly a date or a place.
DESCRIBING_PREPOSITIONS = frozenset({"of", "at", "with", "over", "under", "above", "below", "for"})
# Prepositions after a share or an amount that name what it is of, taken off or spent on ('30% off winter coats').
WHOLE_PREPOSITIONS = {"percent": frozenset({"of", "from", "off", "for"}),
                      "currency": frozenset({"of", "in", "off", "for"})}


# Heads of clauses that may have their own subject; `pcomp` for absolutes: 'with the index advancing 2%'.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "conj", "xcomp", "pcomp"})


def _root(doc: Doc, q: Quantity) -> Token:
    tokens = doc[q.start:q.end]
    return tokens.root


def subject(doc: Doc, q: Quantity, directions: Collection[str] = (), measure_nouns: Collection[str] = ()) \
        -> str | None:
    """What is measured: the noun the figure modifies, else the clause's subject, else the counted noun's phrase.

    A count that is itself the subject
    ('96 fans went') has as subject only what its noun's tail says ('meetings between the leaders').
    `directions` are the change adverbs ('up', 'down') that mark a listed move ('Acme, down 3p'); `measure_nouns`
    name a kind of figure ('a total of'), never what it measures. Some member of a class ('one of the clinics')
    has none."""
    if _some_member(doc, q):
        return None
    root = _root(doc, q)
    listed = _listed_name(doc, q, directions)
    if listed is not None:
        return listed
    gapped = _gapped_subject(root)
    if gapped is not None:
        return _phrase(doc, gapped, q)
    label = _label(doc, q)
    if label is not None:
        return _phrase(doc, label, q)
    counted = doc[q.unit_token] if q.kind == "count" and q.unit_token is not None else None
    if counted is not None and (counted.dep_ in {"nsubj", "nsubjpass"} or counted.head.lemma_ == "be"
                                and any(c.dep_ == "expl" for c in counted.head.children) or _partitive(counted)):
        return _counted_phrase(doc, q, counted)
    modified = _modified_noun(doc, q, root)
    if modified is not None:
        return _phrase(doc, modified, q)
    moved = _moved_object(root, directions)
    if moved is not None:
        return _phrase(doc, moved, q)
    valued = _valued_noun(root)
    if valued is not None and not q.start <= valued.i < q.end:
        return _phrase(doc, valued, q)  # 'a stake worth $5 million', 'a home valued at $2 million'
    whole = _of_whole(doc, q)
    if whole is not None:
        return _phrase(doc, whole, q)  # '20 percent of personal spending', '$1 billion in gains'
    described = _described_noun(q, root, measure_nouns)
    if described is not None:
        return _phrase(doc, described, q)  # 'a range of 400 km', 'additional investments over 35 GWh'
    priced = _priced_thing(q, root)
    if priced is not None:
        return _phrase(doc, priced, q)
    bracketed = _bracketed_after(doc, q)
    if bracketed is not None:
        return _phrase(doc, bracketed, q)
    clause = root
    while True:
        while clause.dep_ not in CLAUSE_DEPS and clause.head.i != clause.i:
            clause = clause.head
        for child in clause.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and _opens_before(child, q):
                if child.pos_ != "PRON":
                    return _phrase(doc, child, q)
                antecedent = _antecedent(child)
                if antecedent is not None:
                    return _phrase(doc, antecedent, q)
        if _describes_noun(clause):
            return _phrase(doc, clause.head, q)
        if clause.head.i == clause.i:
            break
        clause = clause.head
    if counted is not None:
        return _counted_phrase(doc, q, counted)
    if clause.pos_ in {"NOUN", "PROPN"} and not q.start <= clause.i < q.end:
        return _phrase(doc, clause, q)  # a verbless fragment: 'floor area ≈ 32 m2'
    return _nearest_noun_before(doc, q)


def _modified_noun(doc: Doc, q: Quantity, root: Token) -> Token | None:
    """The noun after the figure that the figure modifies: 'a 30-year mortgage', 'a $2 million home', also when the
    quantity opens with an article the parse hangs on that noun ('a million dollar house')."""
    for tok in (root, doc[q.end - 1]):
        if tok.dep_ in {"compound", "amod", "nummod", "nmod"} and tok.head.pos_ in {"NOUN", "PROPN"} \
                and tok.head.i >= q.end and not _is_period(tok.head) \
                and not (q.kind == "currency" and _currency_country(tok.head)):
            return tok.head  # not a period: 'down 9.2% year over year'
    return None


def _is_period(tok: Token) -> bool:
    """A word of a date or a time ('year over year', 'the three months ended in June'): when, never what."""
    return tok.ent_type_ in {"DATE", "TIME"}


def _currency_country(tok: Token) -> bool:
    """The country code or name some writers put after an amount: '$76 US a barrel', '$31.20 US'."""
    return tok.ent_type_ in {"GPE", "NORP"} or tok.ent_type_ == "MONEY" and tok.is_upper


def _moved_object(root: Token, directions: Collection[str]) -> Token | None:
    """What a verb moves by the figure: 'pulled the sector 0.7% lower', 'sent shares 5% higher' (the clause
    subject is what did the moving)."""
    adverb = root.head
    if root.dep_ != "npadvmod" or adverb.lower_ not in directions or adverb.head.pos_ != "VERB":
        return None
    return next((c for c in adverb.head.children if c.dep_ == "dobj" and c.i < root.i), None)


def _describes_noun(clause: Token) -> bool:
    """A relative clause or a participle phrase is about the noun it hangs on: 'people earning over $48,000', 'an
    engine tuned to produce 296 hp'. Not an infinitive ('plans to cut 6,000 jobs' count no plans), nor a period
    ('sales fell in the three months ended in June to 2.06 million': the parse often hangs the clause's figures
    on the participle of a date)."""
    return (clause.dep_ == "relcl" or clause.dep_ == "acl" and clause.tag_ in {"VBN", "VBG"}) \
        and clause.head.pos_ in {"NOUN", "PROPN"} and not _is_period(clause.head)


def _some_member(doc: Doc, q: Quantity) -> bool:
    """'visited one of the clinics': 'one of' picks some member of the class its noun (the unit) names, and
    measures nothing of the clause subject. As a predicate or an apposition it describes a member, which
    stays the subject ('the bridge is one of the longest spans')."""
    after = doc[q.number[1]] if q.number[1] < len(doc) else None
    return q.value == 1 and q.value_max is None and after is not None and after.lower_ == "of" \
        and doc[q.number[0]].dep_ not in {"attr", "appos", "oprd"}


# A singular pronoun and the entity labels of the names it can stand for ('they' is left alone: too often the
# object of another clause, or a group never named).
PRONOUN_LABELS = {"he": frozenset({"PERSON"}), "she": frozenset({"PERSON"}),
                  "it": frozenset({"ORG", "GPE", "PRODUCT", "FAC", "LOC"})}


def _antecedent(pronoun: Token) -> Token | None:
    """'Musk uses his account, where he has 80 million followers': a singular pronoun subject stands for the
    name of a fitting kind that is the subject of an earlier clause of the same sentence."""
    labels = PRONOUN_LABELS.get(pronoun.lower_)
    if labels is None:
        return None
    sent_start = pronoun.sent.start
    return next((t for t in reversed(pronoun.doc[sent_start:pronoun.i]) if t.dep_ in {"nsubj", "nsubjpass"}
                 and t.pos_ == "PROPN" and t.ent_type_ in labels), None)


def _opens_before(subject: Token, q: Quantity) -> bool:
    """A clause subject the figure may measure: not the figure itself, and starting with or before it. A subject
    after the figure belongs to a clause the figure only opens as an adverbial ('Nine days later the firm closed')."""
    return subject.left_edge.i <= q.start and not q.start <= subject.i < q.end


def _listed_name(doc: Doc, q: Quantity, directions: Collection[str]) -> str | None:
    """Market listings without a verb ('Dow +0.2% S&P 500 +0.3%', 'Acme, down 3p, Bolt up 2%'): a signed move,
    or one after a bare direction word, measures the name right before it (capitalised words, with the number
    of an index name)."""
    sent_start = doc[q.start].sent.start
    start = q.start
    if q.comparator in {"up", "down"} and start - 2 >= sent_start and doc[start - 1].lower_ in directions \
            and doc[start - 1].dep_ != "prt" and doc[start - 2].pos_ not in {"VERB", "AUX"}:
        start -= 2 if doc[start - 2].text == "," else 1  # 'Acme, down 3p': the direction word and a comma
    elif doc[q.number[0]].text[:1] not in {"+", "-"} or not q.written_in_digits:
        return None
    end = start
    while start > sent_start and end - start < 4:
        tok = doc[start - 1]
        if not (tok.text[:1].isupper() or tok.like_num and tok.text[:1] not in {"+", "-"}) or tok.is_punct:
            break
        start -= 1
    names = doc[start:end]
    return names.text if any(t.text[:1].isupper() for t in names) else None


def _label(doc: Doc, q: Quantity) -> Token | None:
    """The noun a colon puts the figure after ('battery life: 11 hours', '(list price: $899)'): a label names what
    the figure is, whatever the parser attaches it to. Not for a count, whose noun says what it counts ('Acme: 11
    new stores' is a headline)."""
    sent_start = doc[q.start].sent.start
    if q.kind == "count" or q.start - 2 < sent_start or doc[q.start - 1].text != ":":
        return None
    label = doc[q.start - 2]
    return label if label.pos_ in {"NOUN", "PROPN"} and not label.like_num else None


def _described_noun(q: Quantity, root: Token, measure_nouns: Collection[str] = ()) -> Token | None:
    """The noun a prepositional phrase holding the figure modifies: 'a range of 400 km', 'turbines with 15 MW',
    'investments over 35 GWh'. A count or a duration there is not the noun's measure but its own ('a port for 60
    boats', 'controversy over the past two years'), except after 'of' ('a fleet of 60 boats')."""
    prep = root.head
    noun = prep.head
    if root.dep_ != "pobj" or prep.lower_ not in DESCRIBING_PREPOSITIONS \
            or prep.lower_ != "of" and q.kind in {"count", "duration"}:
        return None
    kinds = {"NOUN"} if prep.lower_ == "of" else {"NOUN", "PROPN"}  # 'the iPhone with 3,687 mAh', not 'Caption 1 of 21'
    if noun.pos_ not in kinds or _figure_word(noun) or noun.i >= q.start or _bare_measure(noun, measure_nouns):
        return None
    return noun


def _bare_measure(noun: Token, measure_nouns: Collection[str]) -> bool:
    """'edged down to a close of 1,463 points', 'its previous high of 28,036': a measure noun says what kind of
    figure, not of what, so the clause subject (the index) is what is measured. With a modifier that names the
    what ('the OECD average of 74%', 'a fleet average of 37 mpg') it stays."""
    return noun.lemma_.lower() in measure_nouns and not any(
        c.dep_ in {"compound", "nmod", "poss"} and c.pos_ in {"NOUN", "PROPN"} and c.lemma_.lower() not in measure_nouns
        for c in noun.lefts)


def _figure_word(tok: Token) -> bool:
    """A number, '%' or a currency sign: the parser tags '%' a noun, but it names no thing."""
    return tok.like_num or tok.text == "%" or tok.is_currency


def _priced_thing(q: Quantity, root: Token) -> Token | None:
    """What money is paid for: 'sells the base model for $9,000', 'paid $35,000 for a system' (the clause
    subject would name the buyer or the seller)."""
    if q.kind != "currency":
        return None
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "for" else root.head
    if verb.pos_ != "VERB":
        return None
    if root.dep_ == "pobj":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
    elif root.dep_ == "dobj":
        objects = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                   for o in c.children if o.dep_ == "pobj"]
    else:
        return None
    # a thing, not another figure ('$20,000 for 6% of the company')
    things = [o for o in objects if o.pos_ in {"NOUN", "PROPN"} and not _figure_word(o)]
    return things[0] if things else None


def _bracketed_after(doc: Doc, q: Quantity) -> Token | None:
    """A figure in brackets after a noun is about that noun: 'Maldonado (15.3 ppg, 7.4 rpg)'. Only figures
    and their units may come between the bracket and the figure: '(or $89 a year)', '(base price: $59)' are
    restatements or labelled figures."""
    sent_start = doc[q.start].sent.start
    for i in range(q.start - 1, max(sent_start, q.start - MAX_BRACKET) - 1, -1):
        if doc[i].text == ")" or doc[i].is_alpha and not (i > sent_start and doc[i - 1].like_num):
            return None
        if doc[i].text == "(":
            before = doc[i - 1] if i > sent_start else None
            return before if before is not None and before.pos_ in {"NOUN", "PROPN"} else None
    return None


def _gapped_subject(root: Token) -> Token | None:
    """The subject of a clause whose verb is left out: 'Shares rose 3%, bonds by 1%' (the parser makes 'bonds' an
    `npadvmod` of the 'by' phrase or of the verb of the first clause)."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "by" or prep.i == 0:
        return None
    before = prep.doc[prep.i - 1]
    if before.dep_ == "npadvmod" and before.pos_ in {"NOUN", "PROPN"} and before.i > 0 \
            and before.doc[before.i - 1].is_punct and prep.head in (before, before.head):
        return before
    return None


def _valued_noun(root: Token) -> Token | None:
    """The noun a valuation word modifies: 'a stake worth $5m', 'shares valued at $2bn', 'a car priced at $9,000'
    (the clause subject would name the buyer, not the thing the figure is the value of)."""
    word = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "at" else root.head
    if word.lower_ not in VALUATION_WORDS or word.dep_ not in {"amod", "acl"}:
        return None
    return word.head if word.head.pos_ in {"NOUN", "PROPN"} else None


def _of_whole(doc: Doc, q: Quantity) -> Token | None:
    """The whole a share or an amount is of, is taken off or is spent on: '78 per cent of the deal', '47.6% from
    the field', '$3 billion of debt', '$1 billion in gains', '30% off winter coats', '$4 million for climate
    programs' (a date or a place after 'in' says when or where, not what; an ordinal or superlative after 'for'
    an occasion: 'for the first time', 'for its best day')."""
    if q.kind not in WHOLE_PREPOSITIONS or q.end + 1 >= len(doc):
        return None
    prep = doc[q.end]
    if prep.lower_ not in WHOLE_PREPOSITIONS[q.kind]:
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or _figure_word(obj) \
            or obj.ent_type_ in {"DATE", "TIME", "GPE", "LOC"} or prep.lower_ == "in" and obj.tag_ != "NNS" \
            or prep.lower_ == "for" and _occasion(obj):
        return None
    return obj


def _occasion(noun: Token) -> bool:
    """A noun an ordinal or a superlative picks out ('the first time', 'its biggest decline'): when, not what for."""
    return any(c.tag_ in {"JJS", "RBS"} or c.ent_type_ == "ORDINAL" for c in noun.lefts)


def _partitive(counted: Token) -> bool:
    """A counted noun that names parts of a whole ('35 plots of the valley', '40 pages of notes'): the whole
    says more about what is counted than the clause subject, who only holds or acts on the parts."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"}
                                                             for o in c.children) for c in counted.rights)


def _counted_phrase(doc: Doc, q: Quantity, counted: Token) -> str | None:
    """The counted noun with its prepositional tail; None without a tail (the noun alone is the unit)."""
    phrase = _phrase(doc, counted, q, keep_self=True)
    return phrase if phrase and not phrase.endswith(counted.text) else None


def _nearest_noun_before(doc: Doc, q: Quantity) -> str | None:
    """Listings without a verb ('Blackmores up 9.4 per cent'): the closest noun phrase before the figure."""
    sent = doc[q.start].sent
    for tok in reversed(doc[sent.start:q.start]):
        if tok.pos_ in {"NOUN", "PROPN"} and not tok.like_num and tok.dep_ != "compound" \
                and not _is_period(tok) and not (tok.i > sent.start and doc[tok.i - 1].like_num):
            return _phrase(doc, tok, q)  # not a date ('Yesterday I ran 5 km') nor another figure's unit
    return None


def _phrase(doc: Doc, head: Token, q: Quantity, keep_self: bool = False) -> str | None:
    """A short noun phrase around `head`: its left modifiers and prepositional tail, no determiners or clauses."""
    skip = {i for i in range(q.start, q.end)} if not keep_self else set(range(q.number[0], q.number[1]))
    age = _nominal_age(head)
    if age is not None:
        return None if skip & set(range(age.start, age.end)) else age.text
    tokens = [head]
    for child in head.lefts:
        if child.dep_ in {"compound", "amod", "nmod", "poss", "nummod"} and child.i not in skip:
            tokens.extend(t for t in child.subtree if t.i not in skip)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "between", "in", "for", "on", "from"} \
                and not child.left_edge.i <= q.number[0] <= child.right_edge.i:  # not the figure's own phrase
            tokens.extend(t for t in child.subtree if t.i not in skip)
            break
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    # keep the contiguous run that contains the head, cut to a readable length
    run = [t for t in tokens if t.i >= head.i - MAX_SUBJECT_TOKENS]
    contiguous = []
    for t in run:
        if t.text == "%" or t.is_currency or t.like_num and t.i > head.i:
            if t.i > head.i:
                break
            contiguous = []
            continue
        if contiguous and t.i != contiguous[-1].i + 1:
            if contiguous[-1].i >= head.i:
                break
            contiguous = []
        contiguous.append(t)
    contiguous = _hyphen_joined(doc, _without_leading_function_words(contiguous)[:MAX_SUBJECT_TOKENS], skip)
    while contiguous and (contiguous[-1].pos_ in {"PUNCT", "ADP", "CCONJ", "DET", "PART"}
                          or contiguous[-1].pos_ in {"VERB", "AUX", "PRON"} and contiguous[-1].i > head.i):
        contiguous.pop()  # a tail cut at the figure: 'the share of adults aged [25 to 54]'
    if not contiguous:
        return None
    return doc[contiguous[0].i:contiguous[-1].i + 1].text  # a Span's text: Doc.text rebuilds the whole text


def _without_leading_function_words(tokens: list[Token]) -> list[Token]:
    """No determiner, preposition or punctuation first: '78% of Democrats' leaves 'Democrats', not 'of Democrats'."""
    start = 0
    while start < len(tokens) and (tokens[start].pos_ in {"DET", "PUNCT", "ADP"}
                                   or tokens[start].lower_ in ANAPHORIC_DETERMINERS):
        start += 1
    return tokens[start:]


def _hyphen_joined(doc: Doc, tokens: list[Token], skip: Collection[int]) -> list[Token]:
    """A word the tokenizer split at a hyphen stays whole ('Ben-Moshe', 'Coca-Cola'), whatever the parse did with
    its parts; not into the figure ('two-thirds of the cases' → 'cases')."""
    if not tokens:
        return tokens
    start, end = tokens[0].i, tokens[-1].i + 1
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha and start - 2 not in skip \
            and not doc[start - 2].like_num:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ \
            and not doc[end - 1].whitespace_ and doc[end + 1].is_alpha and end + 1 not in skip \
            and not doc[end + 1].like_num:
        end += 2
    return list(doc[start:end])


def _nominal_age(head: Token) -> Span | None:
    """'The 45-year-old earns $90,000': an age standing for a person is named by the whole age, not by 'old'."""
    if head.lower_ != "old" or head.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "appos"}:
        return None
    years = next((c for c in head.lefts if c.dep_ == "npadvmod" and c.lemma_ in {"year", "month", "week"}), None)
    return head.doc[years.left_edge.i:head.i + 1] if years is not None and years.left_edge.like_num else None


def time_of(doc: Doc, sent: Span, q: Quantity, dates: list[dict]) -> str | None:
    """The DATE timex of the figure's clause: the same clause if the parse says so, else the nearest before, else after."""
    start, end = doc[q.start].idx, _end_char(doc, q)
    inside = [t for t in dates if sent.start_char <= t["start"] and t["end"] <= sent.end_char
              and not (t["start"] < end and start < t["end"])]
    if not inside:
        return None
    before = [t for t in inside if t["end"] <= start]
    if before:
        return max(before, key=lambda t: t["end"])["value"]
    return min(inside, key=lambda t: t["start"])["value"]


def _end_char(doc: Doc, q: Quantity) -> int:
    last = doc[q.end - 1]
    return last.idx + len(last.text)


# --- claim filter ---------------------------------------------------------------------------------------

def is_claim(doc: Doc, q: Quantity) -> bool:
    """ANNOTATION.md's numeric claims among the quantities."""
    if q.kind in NOT_CLAIM_KINDS:
        return False
    before = doc[q.start - 1].lower_ if q.start > 0 else ""
    if q.kind == "count":
        if q.value == 1 and q.value_max is None:
            return False  # 'one issue', 'a meeting': a singular, not a figure
        if before in ANAPHORIC_DETERMINERS or doc[q.start - 1].tag_ == "PRP$" if q.start > 0 else False:
            return False  # 'the two countries', 'its five founders'
    if q.kind == "bare":
        return q.written_in_digits and (q.value >= 100 or q.value != int(q.value) or q.value_max is not None)
    return True


def to_claim(doc: Doc, q: Quantity) -> NumericClaim:
    sent = doc[q.start].sent
    last = next(t for t in reversed(sent) if not t.is_space or t.i == sent.start)
    start, end = doc[q.start].idx, _end_char(doc, q)
    return NumericClaim(text=doc[q.start:q.end].text, start=start, end=end, value=q.value, unit=q.unit,
                        comparator=q.comparator, subject=q.subject, time=q.time,
                        sentence=CharSpan(sent.start_char, last.idx + len(last.text)),
                        value_max=q.value_max)


class QuantityExtractor:
    def __init__(self, finder: QuantityFinder):
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Quantity]:
        return self.finder.find(doc)

    def set_annotations(self, doc: Doc, quantities: list[Quantity]) -> None:
        doc._.quantities = [to_claim(doc, q) for q in quantities]
        doc._.numeric_claims = [to_claim(doc, q) for q in quantities if is_claim(doc, q)]


@Language.factory(
    "claims_quantities",
    default_config={"units": None, "currencies": None, "cues": None, "names": None},
)
def make_quantities(nlp: Language, name: str, units: str | None, currencies: str | None,
                    cues: str | None, names: str | None) -> QuantityExtractor:
    """Writes every quantity to `doc._.quantities` and the numeric claims among them to `doc._.numeric_claims`;
    `units`, `currencies` (JSONL), `cues` and `names` (JSON) default to the shipped `data/` files."""
    register_extensions()
    return QuantityExtractor(QuantityFinder(load_lexicon(nlp, units, currencies), Cues.load(nlp, cues),
                                            load_index_names(nlp, names)))
