"""The entities layer: spaCy NER, corrected by rules, cut to ANNOTATION.md's spans.

Model entities and rule matches (token patterns, phrases and a country gazetteer
in `data/`) are merged: the longer span wins, a tie goes to the rule. Each kept
span is then cut at line breaks and slashes, trimmed (articles, possessives),
split ("Name (ACR)", coordinated names, "A-B" compounds of names, a demonym
describing an event, a person's possessive inside a name), relabelled (glosses
after a language label, lone surnames of named persons, names ending in a law
noun), stripped of a person's title and filtered (name labels only,
capitalised, no generic nouns or lone verbs/adjectives, no country naming a
currency, nothing on boilerplate lines).
The result goes to `doc._.entities`. docs/input.md and docs/entities.md list the rules.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..extensions import register_extensions
from ..resources import DataFileError, check_choice, read_jsonl, read_settings, resolve
from ..schema import ENTITY_LABELS, Entity
from .boilerplate import overlaps_boilerplate

DEFAULT_PATTERNS = "entity_patterns.jsonl"
DEFAULT_RULES = "entity_rules.json"
DEFAULT_GAZETTEER = "countries.jsonl"
DEFAULT_PLACES = "places.jsonl"
RULE_KEYS = ("labels", "determiners", "generic_nouns", "languages", "currency_nouns", "suppress_label", "titles",
             "law_nouns")
GAZETTEER_LABELS = ("GPE", "LOC", "NORP")
_APOSTROPHES = ("’", "'")


@dataclass(frozen=True)
class EntityRules:
    labels: frozenset[str]
    determiners: frozenset[str]
    generic_nouns: frozenset[str]
    languages: frozenset[str]
    currency_nouns: frozenset[str]
    suppress_label: str
    titles: frozenset[str]
    law_nouns: frozenset[str]

    @classmethod
    def load(cls, source: str | Path | None = None) -> EntityRules:
        path, data = read_settings(source, DEFAULT_RULES, RULE_KEYS)
        for label in data["labels"]:
            check_choice(label, ENTITY_LABELS, "label", str(path))
        return cls(
            labels=frozenset(data["labels"]),
            determiners=frozenset(w.lower() for w in data["determiners"]),
            generic_nouns=frozenset(w.lower() for w in data["generic_nouns"]),
            languages=frozenset(data["languages"]),
            currency_nouns=frozenset(w.lower() for w in data["currency_nouns"]),
            suppress_label=data["suppress_label"],
            titles=frozenset(data["titles"]),
            law_nouns=frozenset(data["law_nouns"]),
        )


def gazetteer_names(source: str | Path | None = None, default: str = DEFAULT_GAZETTEER) -> list[tuple[str, str]]:
    """(label, name) pairs: country (or city) names and aliases as GPE (or the record's label), demonyms as NORP."""
    names = []
    for record in read_jsonl(resolve(source, default), required=("name",),
                             optional=("aliases", "demonyms", "label")):
        label = check_choice(record.get("label", "GPE"), GAZETTEER_LABELS, "label", record["_where"])
        for name in (record["name"], *record.get("aliases", [])):
            names.extend((label, v) for v in _apostrophe_variants(name))
        names.extend(("NORP", d) for d in record.get("demonyms", []) for d in (d, *_demonym_plural(d)))
    return names


def _demonym_plural(demonym: str) -> tuple[str, ...]:
    """'Puerto Rican' → 'Puerto Ricans', 'Israeli' → 'Israelis': the people, which the model often calls PERSON.
    Demonyms ending in -s, -sh, -ch or -ese ('Swiss', 'British', 'Chinese') have no such plural."""
    return () if demonym.endswith(("s", "h", "ese")) else (demonym + "s",)


def gazetteer_matcher(nlp: Language, names: list[tuple[str, str]]) -> PhraseMatcher:
    """A PhraseMatcher on ORTH for (label, name) pairs: hundreds of names cost one hash lookup per token,
    not one pattern each.

    Pattern Docs come from `nlp.make_doc`, so loading runs no model.
    """
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    by_label: dict[str, list[Doc]] = {}
    for label, name in names:
        by_label.setdefault(label, []).append(nlp.make_doc(name))
    for label, docs in by_label.items():
        matcher.add(label, docs)
    return matcher


def _apostrophe_variants(name: str) -> set[str]:
    return {name, *(name.replace(a, b) for a in _APOSTROPHES for b in _APOSTROPHES)}


def load_patterns(source: str | Path | None = None, suppress_label: str = "NOT_ENTITY") -> list[dict]:
    """Ruler patterns, each label checked: a name label, or `suppress_label` to block a match.

    A record holds a token `pattern` or a list of exact `phrases`; each phrase becomes a phrase
    pattern, matched by hash lookup instead of one token predicate per word of the document.
    """
    records = read_jsonl(resolve(source, DEFAULT_PATTERNS), required=("label",), optional=("id", "pattern", "phrases"))
    out = []
    for record in records:
        check_choice(record["label"], (*ENTITY_LABELS, suppress_label), "label", record["_where"])
        if ("pattern" in record) == ("phrases" in record):
            raise DataFileError(f"{record['_where']}: give either 'pattern' or 'phrases'")
        head = {k: v for k, v in record.items() if k in {"label", "id"}}
        out.extend({**head, "pattern": p} for p in record.get("phrases", [record.get("pattern")]))
    return out


# --- token patterns: the Matcher runs only the patterns a document can match ---------------------

# Word attributes an anchor reads; the Matcher calls TEXT ORTH.
_ANCHOR_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}
MAX_MATCHERS = 1024
MAX_SEEN_WORDS = 100_000  # per regex anchor: a corpus's vocabulary keeps growing, memory must not


@dataclass
class Anchor:
    """A word every match of a pattern holds: a token whose `attr` is one of `hits` (string hashes) or, with a
    `regex`, is searched by it. A document without such a word cannot match the pattern.

    Regex results are kept per word (`seen`), so each distinct word is searched once; past MAX_SEEN_WORDS words
    they are dropped, so memory stays flat over a corpus of any size.
    """
    attr: int
    hits: set[int]
    regex: re.Pattern | None = None
    seen: set[int] = field(default_factory=set)

    def found(self, words: set[int], strings: StringStore) -> bool:
        if self.regex is not None:
            if len(self.seen) > MAX_SEEN_WORDS:
                self.seen.clear()
                self.hits.clear()
            new = words - self.seen
            self.hits.update(h for h in new if self.regex.search(strings[h]))
            self.seen |= new
        return not words.isdisjoint(self.hits)


def pattern_anchors(pattern: list[dict]) -> list[Anchor]:
    """Anchors of a token pattern, from the tokens every match holds (no OP, "1" or "+"). Word lists come first:
    they are set lookups, and a document lacking one needs no regex search."""
    anchors = []
    for spec in pattern:
        spec = {key.upper(): value for key, value in spec.items()}  # the Matcher ignores the case of keys
        if spec.get("OP", "1") in ("1", "+"):
            anchors.extend(_spec_anchors(spec))
    return sorted(anchors, key=lambda a: a.regex is not None)


def _spec_anchors(spec: dict) -> list[Anchor]:
    """Each ORTH/TEXT/LOWER condition of a token: a string, an IN list of strings, a REGEX. Other keys and
    operators (NOT_IN, FUZZY, a REGEX inside IN …) are left to the Matcher: they only make a match rarer."""
    anchors = []
    for key, value in spec.items():
        attr = _ANCHOR_ATTRS.get(key)
        if attr is None:
            continue
        if isinstance(value, str):
            anchors.append(Anchor(attr, {get_string_id(value)}))
            continue
        for op, operand in value.items() if isinstance(value, dict) else ():
            if op.upper() == "IN" and all(isinstance(v, str) for v in operand):
                anchors.append(Anchor(attr, {get_string_id(v) for v in operand}))
            elif op.upper() == "REGEX" and isinstance(operand, str):
                anchors.append(Anchor(attr, set(), re.compile(operand)))
    return anchors


class TokenPatterns:
    """The token patterns, matched as spaCy's SpanRuler does (one Span per start, end, label and id, sorted), but
    each only on a document holding its anchors.

    The Matcher tries every pattern at every token, and a REGEX or IN on a token is a Python call there: that was
    most of this component's time, though most patterns match in few documents. Anchors are checked on the
    document's distinct words, and a Matcher holding only the patterns left (kept for the next document with the
    same set) runs.
    """

    def __init__(self, vocab: Vocab, patterns: list[dict]):
        self.vocab = vocab
        self.patterns = patterns
        self.matchers: dict[tuple[int, ...], Matcher] = {}
        self.matcher(tuple(range(len(patterns))))  # validates every pattern when the component loads
        self.anchors = [pattern_anchors(p["pattern"]) for p in patterns]

    def matcher(self, indices: tuple[int, ...]) -> Matcher:
        """A Matcher holding the patterns `indices`, built once (building one costs less than a millisecond, so
        the store is simply emptied when it grows large)."""
        if indices not in self.matchers:
            if len(self.matchers) >= MAX_MATCHERS:
                self.matchers.clear()
            matcher = Matcher(self.vocab, validate=True)
            for i in indices:
                matcher.add(str(i), [self.patterns[i]["pattern"]])
            self.matchers[indices] = matcher
        return self.matchers[indices]

    def __call__(self, doc: Doc) -> list[Span]:
        strings = self.vocab.strings
        words = {attr: set(doc.to_array(attr).tolist()) for attr in (ORTH, LOWER)}
        active = tuple(i for i, anchors in enumerate(self.anchors)
                       if all(a.found(words[a.attr], strings) for a in anchors))
        if not active:
            return []
        spans = set()
        for key, start, end in self.matcher(active)(doc):
            pattern = self.patterns[int(strings[key])]
            spans.add(Span(doc, start, end, label=pattern["label"], span_id=pattern.get("id", "")))
        return sorted(spans)


# --- span rules: small pure functions over Spans -------------------------------------------------

def merge(model: Iterable[Span], ruled: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: the longer wins, a tie goes to the rule.

    A model span that only strings together two or more rule spans ("Cuba,
    Moldova", "Russia and China", "Kyiv to Erbil") gives way to them.
    """
    ruled = filter_spans(list(ruled))
    kept_model = [s for s in model if not _joins_ruled(s, ruled)]
    candidates = [(len(s), 1, s) for s in ruled] + [(len(s), 0, s) for s in kept_model]
    taken: set[int] = set()
    out = []
    for _, _, span in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2].start)):
        if not taken.intersection(range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def _joins_ruled(span: Span, ruled: list[Span]) -> bool:
    inside = [r for r in ruled if span.start <= r.start and r.end <= span.end]
    if len(inside) < 2:
        return False
    covered = {i for r in inside for i in range(r.start, r.end)}
    rest = [t for t in span if t.i not in covered]
    # a preposition joins two places ('Kyiv to Erbil'), but is part of other names ('Unity Party of America')
    joiners = {"CCONJ", "DET", "ADP"} if all(r.id_ == "gazetteer" for r in inside) else {"CCONJ", "DET"}
    return all(t.is_punct or t.pos_ in joiners or t.lower_ in {"and", "or", "the"} for t in rest)


def _sub(span: Span, start: int, end: int) -> Span:
    """Tokens [start, end) of `span` (relative), keeping its label: plain slicing drops it."""
    if start == 0 and end == len(span):
        return span
    return Span(span.doc, span.start + start, span.start + end, label=span.label)


def strip_determiner(span: Span, determiners: frozenset[str]) -> Span:
    start = 0
    while len(span) - start > 1 and span[start].lower_ in determiners:
        start += 1
    return _sub(span, start, len(span))


def strip_punct_and_possessive(span: Span) -> Span:
    start, end = 0, len(span)
    while end - start > 1 and (span[end - 1].is_punct or span[end - 1].lower_ in {"’s", "'s", "’", "'"}):
        end -= 1
    while end - start > 1 and span[start].is_punct and span[start].text not in {"(", "-"}:
        start += 1
    return _sub(span, start, end)


def split_coordination(span: Span, ruled: list[Span]) -> list[Span]:
    """'Treaty of Lisbon and the Paris Accord' → two names, when both conjuncts are ruled names by themselves.

    Open-ended patterns such as 'Treaty of …' run over a coordinator into the
    next name; 'Belt and Road Initiative' stays whole ('Belt' is no name alone).
    """
    for tok in span[1:-1]:
        if tok.lower_ not in {"and", "or"}:
            continue
        nxt = tok.i + 1 + (tok.nbor(1).lower_ == "the")
        tail = next((r for r in ruled if r.start == nxt and r.end == span.end), None)
        head_is_name = any(r.start == span.start and r.end == tok.i for r in ruled)
        if tail is not None and head_is_name:
            head = Span(span.doc, span.start, tok.i, label=span.label)
            return [*split_coordination(head, ruled), Span(span.doc, tail.start, tail.end, label=tail.label)]
    return [span]


def split_at_breaks(span: Span) -> list[Span]:
    """Parts of a span the model ran across a line break or a slash ('Jane Roe/AP Protesters'): no name holds one."""
    parts, begin = [], 0
    for i, tok in enumerate(span):
        if tok.is_space or "\n" in tok.whitespace_ or tok.text == "/":
            end = i + 1 if tok.text != "/" and not tok.is_space else i
            if end > begin:
                parts.append(_sub(span, begin, end))
            begin = i + 1
    if begin < len(span):
        parts.append(_sub(span, begin, len(span)))
    return [p for p in parts if not all(t.is_punct or t.is_space for t in p)]


def strip_title(span: Span, titles: frozenset[str]) -> Span:
    """'Justice Breyer' → 'Breyer': a title before a person's name is not part of it (OntoNotes)."""
    start = 0
    while span.label_ == "PERSON" and len(span) - start > 1 and span[start].text in titles:
        start += 1
    return _sub(span, start, len(span))


def person_names(spans: list[Span], titles: frozenset[str]) -> list[Span]:
    """A name the model labelled otherwise ('Pence' ORG, 'Olaf Scholz' ORG, 'Park' LOC) is PERSON when a title
    ('Chancellor', 'Senator') precedes it or the document names that person elsewhere: in full, by surname,
    or by the same surname after other given names ('Jean-Paul Roe' ORG when 'Roe' is a PERSON)."""
    persons = {s.text for s in spans if s.label_ == "PERSON"}
    surnames = {s[-1].text for s in spans if s.label_ == "PERSON" and len(s) > 1}
    surnames |= {s.text for s in spans if s.label_ == "PERSON" and len(s) == 1}
    titled = {s.text for s in spans if s.start > 0 and s.doc[s.start - 1].text in titles}

    def is_person(s: Span) -> bool:
        if s.label_ not in {"ORG", "GPE", "NORP", "PRODUCT", "LOC", "FAC"} or s.id_ == "gazetteer":
            return False
        full_name = 1 < len(s) < 6 and all(t.is_title or t.text == "-" for t in s[:-1]) and s[-1].text in surnames
        return s.text in titled or s.text in persons or (len(s) == 1 and s.text in surnames) or full_name
    return [Span(s.doc, s.start, s.end, label="PERSON") if is_person(s) else s for s in spans]


def split_possessive(spans: list[Span], ruled: list[Span]) -> list[Span]:
    """A name holding a possessive: "Roe’s Consumer Protection Bureau" → PERSON 'Roe' + the name after
    it when the part before names a person of the document (the rest keeps a non-PERSON label, or takes a
    ruled name's); otherwise a PERSON with "’s" inside ("Mother’s Health Clinic") is ORG: no person's
    name holds a possessive."""
    persons = {s.text for s in spans if s.label_ == "PERSON"} | \
        {s[-1].text for s in spans if s.label_ == "PERSON"}
    out = []
    for s in spans:
        i = next((t.i - s.start for t in s[1:-1] if t.lower_ in {"’s", "'s"}), None)
        if i is None:
            out.append(s)
        elif s[:i].text in persons:
            out.append(Span(s.doc, s.start, s.start + i, label="PERSON"))
            rest = [r for r in ruled if r.start == s.start + i + 1 and r.end == s.end]
            if rest or s.label_ != "PERSON":
                out.append(Span(s.doc, s.start + i + 1, s.end, label=rest[0].label if rest else s.label))
        else:
            out.append(Span(s.doc, s.start, s.end, label="ORG") if s.label_ == "PERSON" else s)
    return out


def is_common_word(span: Span, surnames: frozenset[str] = frozenset()) -> bool:
    """A lone capitalised verb or adjective ('Granted, …', '"Cautious"') tagged as a name, or a plural common
    noun capitalised only because it opens a sentence ('Speakers hammered …') and not the surname of a person
    of the document (the tagger calls 'Sanders' NNS too); demonyms and languages are adjectives by nature."""
    if len(span) != 1 or span.label_ in {"NORP", "LANGUAGE"} or span[0].is_upper:
        return False
    return span[0].pos_ in {"VERB", "ADJ"} or \
        (span[0].tag_ == "NNS" and span[0].is_sent_start and span.text not in surnames)


def is_bare_title(span: Span, titles: frozenset[str]) -> bool:
    """'Supreme' ORG in 'the Supreme Leader Ali Khamenei': words of a title alone name nobody. A PERSON keeps
    them ('King' may be a surname)."""
    return span.label_ != "PERSON" and all(t.text in titles for t in span)


def law_names(spans: list[Span], law_nouns: frozenset[str]) -> list[Span]:
    """'American Recovery and Reinvestment Act' tagged WORK_OF_ART or ORG: a name ending in a law noun is LAW."""
    return [Span(s.doc, s.start, s.end, label="LAW")
            if len(s) > 1 and s.label_ in {"WORK_OF_ART", "ORG", "PRODUCT"} and s[-1].text in law_nouns else s
            for s in spans]


_NUMBER_LIKE = re.compile(r"^(\d|[£$€¥₹]|[A-Z]{1,3}[$£€]?\d[\d.,]*(bn|tn|mn|k|m)$)", re.IGNORECASE)


def is_number_like(span: Span) -> bool:
    """'5kW', 'PS8.1bn', '$3m' or 'GB' in '50 GB': a quantity or a unit after a number, never a name."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    after_number = len(span) == 1 and span[0].is_upper and before is not None and before.like_num \
        and before.shape_ != "dddd"
    return bool(_NUMBER_LIKE.match(span[0].text)) or after_number


def join_peoples(spans: list[Span]) -> list[Span]:
    """'Mexican-Americans': a demonym hyphened to a people names one group, a single NORP (while 'Russian-Chinese'
    ties stay two mentions, as 'Russia-China' does)."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == s.label_ == "NORP" and s.start == prev.end + 1 and len(s) == 1 \
                and s.doc[prev.end].text == "-" and not prev[-1].whitespace_ and not s.doc[prev.end].whitespace_ \
                and s[0].text.endswith("s"):
            out[-1] = Span(s.doc, prev.start, s.end, label="NORP")
        else:
            out.append(s)
    return out


def has_capital(span: Span) -> bool:
    """Names are written with a capital letter; 'n’t' or 'cousin' tagged by the model are not names."""
    return any(c.isupper() for c in span.text)


def split_descriptor(span: Span, gazetteer: list[Span]) -> list[Span]:
    """'the recent Chinese Olympics' → NORP 'Chinese' + EVENT 'Olympics': a demonym describes the event, not names it."""
    if span.label_ != "EVENT":
        return [span]
    lead = next((g for g in gazetteer if g.start == span.start and g.label_ == "NORP" and g.end < span.end), None)
    if lead is None:
        return [span]
    return [Span(span.doc, lead.start, lead.end, label="NORP"), Span(span.doc, lead.end, span.end, label=span.label)]


def is_currency_modifier(span: Span, rules: EntityRules) -> bool:
    """'US' in '100 billion US dollars': a country or demonym naming a currency is part of a unit, not a mention."""
    doc = span.doc
    return span.label_ in {"GPE", "NORP"} and span.end < len(doc) and doc[span.end].lower_ in rules.currency_nouns


def split_parenthesis(span: Span, rules: EntityRules) -> list[Span]:
    """'Name (ACR)' → 'Name' + 'ACR'; '(Chinese: X)' → LANGUAGE 'Chinese' + 'X'. Also a model span cut mid-parenthesis."""
    tokens = [t.text for t in span]
    if "(" not in tokens:
        return [span]
    i = tokens.index("(")
    j = tokens.index(")") if ")" in tokens else len(span)
    parts = [span[:i], span[i + 1:j]] if j > i + 1 else [span[:i]]
    return [p for p in parts if len(p) and not all(t.is_punct for t in p)]


def split_compound(span: Span, gazetteer_spans: list[Span]) -> list[Span]:
    """'Russia-China' → 'Russia' + 'China' when both halves are known names."""
    if "-" not in [t.text for t in span]:
        return [span]
    parts = [r for r in gazetteer_spans if span.start <= r.start and r.end <= span.end]
    covered = sum(len(p) for p in parts)
    hyphens = sum(1 for t in span if t.text == "-")
    if len(parts) >= 2 and covered + hyphens == len(span):
        return [Span(span.doc, p.start, p.end, label=p.label) for p in parts]
    return [span]


def relabel_glosses(doc: Doc, spans: list[Span]) -> list[Span]:
    """'X (Chinese: Name One, Name Two)': the glosses after a language label name one thing and share its label.

    The label is that of a gloss the model tagged as something other than a
    person (a transliteration often looks like a person's name to it), else
    that of the name before the parenthesis; untagged glosses are added.
    """
    out = list(spans)
    for lang in (s for s in spans if s.label_ == "LANGUAGE"):
        close = next((t.i for t in doc[lang.end: lang.end + 30] if t.text == ")"), None)
        if close is None or lang.end + 1 >= close:
            continue
        glosses = _comma_parts(doc, lang.end + 1, close)
        tagged = [s for s in spans if lang.end < s.start and s.end <= close]
        label = next((s.label_ for s in tagged if s.label_ != "PERSON"), None) or \
            next((s.label_ for s in spans if s.end == lang.start - 1), None)
        if label is None:
            continue
        out = [s for s in out if s not in tagged] + [
            Span(doc, g.start, g.end, label=label) for g in glosses
            if _is_name(g) and all(t.start <= g.start and g.end <= t.end or t.end <= g.start or g.end <= t.start
                                   for t in tagged)]
    return sorted(out, key=lambda s: s.start)


def _comma_parts(doc: Doc, start: int, end: int) -> list[Span]:
    parts, begin = [], start
    for i in range(start, end + 1):
        if i == end or doc[i].text in {",", ";"}:
            if i > begin:
                parts.append(doc[begin:i])
            begin = i + 1
    return parts


def is_generic(span: Span, rules: EntityRules) -> bool:
    """A bare common noun capitalised by the model ('the Treaty', 'Union'), not a name."""
    return len(span) == 1 and span[0].lower_ in rules.generic_nouns and not span[0].is_upper


def language_labels(doc: Doc, rules: EntityRules) -> list[Span]:
    """'(Chinese: …' – a language named as the label of a transliteration.

    Colons are found in the ORTH array (one vectorised compare), not by walking every token in Python.
    """
    colons = (doc.to_array("ORTH") == doc.vocab.strings.add(":")).nonzero()[0]
    return [Span(doc, i - 1, i, label="LANGUAGE") for i in colons.tolist()
            if i > 1 and doc[i - 2].text == "(" and doc[i - 1].text in rules.languages]


def paren_alias_spans(doc: Doc, spans: list[Span]) -> list[Span]:
    """The name in 'Name (ALIAS)' when the model left the alias untagged: same label as Name."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        if s.end + 2 < len(doc) and doc[s.end].text == "(":
            close = next((t.i for t in doc[s.end + 1: s.end + 12] if t.text == ")"), None)
            if close is None:
                continue
            inner = doc[s.end + 1: close]
            if inner and not taken.intersection(range(inner.start, inner.end)) and _is_name(inner):
                out.append(Span(doc, inner.start, inner.end, label=s.label))
    return out


def _is_name(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    return bool(words) and (span.text.isupper() or all(t.is_title or t.lower_ in {"and", "of", "the", "for"}
                                                       for t in words)) and ":" not in span.text


def _phrase_spans(matcher: PhraseMatcher, doc: Doc, span_id: str) -> list[Span]:
    return [Span(doc, start, end, label=doc.vocab.strings[key], span_id=span_id)
            for key, start, end in matcher(doc, as_spans=False)]


class EntityExtractor:
    def __init__(self, nlp: Language, patterns: list[dict], rules: EntityRules,
                 gazetteer: list[tuple[str, str]]):
        self.rules = rules
        self.token_patterns = TokenPatterns(nlp.vocab, [p for p in patterns if not isinstance(p["pattern"], str)])
        # Phrase patterns go to a PhraseMatcher built with make_doc: SpanRuler would run the whole model over them.
        self.phrases = gazetteer_matcher(nlp, [(p["label"], p["pattern"]) for p in patterns
                                               if isinstance(p["pattern"], str)])
        self.gazetteer = gazetteer_matcher(nlp, gazetteer)

    def gazetteer_spans(self, doc: Doc) -> list[Span]:
        """Gazetteer matches, with the id "gazetteer" that marks them as known names of places and peoples."""
        return _phrase_spans(self.gazetteer, doc, "gazetteer")

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        rules = self.rules
        # the first wins a tie: a known country beats a listed word, which beats a shape
        ruled = self.gazetteer_spans(doc) + _phrase_spans(self.phrases, doc, "") + self.token_patterns(doc)
        suppress = [s for s in ruled if s.label_ == rules.suppress_label]
        gazetteer = [s for s in ruled if s.id_ == "gazetteer"]
        model = [strip_punct_and_possessive(strip_determiner(s, rules.determiners)) for s in doc.ents]
        named = [s for s in ruled if s.label_ != rules.suppress_label]
        spans = merge(model, named)
        spans = [s for s in spans if not any(x.start < s.end and s.start < x.end for x in suppress)]
        out: list[Span] = []
        for span in spans:
            parts = [p for piece in split_at_breaks(span) for p in split_parenthesis(piece, rules)]
            for part in parts:
                part = strip_punct_and_possessive(strip_determiner(_sub(span, part.start - span.start,
                                                                          part.end - span.start), rules.determiners))
                for name in split_coordination(part, named):
                    for piece in split_compound(name, gazetteer):
                        out.extend(split_descriptor(piece, gazetteer))
        out += paren_alias_spans(doc, out)
        out = merge(out, language_labels(doc, rules))
        out = split_possessive(person_names(relabel_glosses(doc, out), rules.titles), named)
        out = join_peoples([strip_title(s, rules.titles) for s in law_names(out, rules.law_nouns)])
        surnames = frozenset(s[-1].text for s in out if s.label_ == "PERSON" and len(s) > 1)
        return [s for s in out
                if s.label_ in rules.labels and has_capital(s) and not is_generic(s, rules)
                and not is_common_word(s, surnames)
                and not is_bare_title(s, rules.titles)
                and not is_currency_modifier(s, rules) and not is_number_like(s)
                and not overlaps_boilerplate(doc, s.start_char, s.end_char)]

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc._.entities = [Entity(s.text, s.label_, s.start_char, s.end_char) for s in spans]


@Language.factory(
    "claims_entities",
    default_config={"patterns": None, "rules": None, "gazetteer": None, "places": None},
)
def make_entities(nlp: Language, name: str, patterns: str | None, rules: str | None,
                  gazetteer: str | None, places: str | None) -> EntityExtractor:
    """Writes name entities to `doc._.entities`; files default to the shipped `data/` ones. `gazetteer` lists
    countries (also read by pipeline/names.py to resolve aliases), `places` capitals and cities: both are GPE
    names the model often mislabels ('Kyiv' PERSON, 'Erbil' ORG)."""
    register_extensions()
    entity_rules = EntityRules.load(rules)
    return EntityExtractor(nlp, load_patterns(patterns, entity_rules.suppress_label), entity_rules,
                           gazetteer_names(gazetteer) + gazetteer_names(places, DEFAULT_PLACES))
