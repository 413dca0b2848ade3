"""The entities layer: spaCy NER, corrected by rules, cut to ANNOTATION.md's spans.

Model entities and `span_ruler` matches (patterns and a country gazetteer in
`data/`) are merged: the longer span wins, a tie goes to the rule. Each kept
span is then trimmed (articles, possessives), split ("Name (ACR)", "A-B"
compounds of names) and filtered (name labels only, no generic nouns, nothing
on boilerplate lines). The result goes to `doc._.entities`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..extensions import register_extensions
from ..resources import check_choice, read_json, read_jsonl, resolve
from ..schema import ENTITY_LABELS, Entity
from .boilerplate import overlaps_boilerplate

DEFAULT_PATTERNS = "entity_patterns.jsonl"
DEFAULT_RULES = "entity_rules.json"
DEFAULT_GAZETTEER = "countries.jsonl"
RULE_KEYS = ("labels", "determiners", "generic_nouns", "languages", "suppress_label")
_APOSTROPHES = ("’", "'")


@dataclass(frozen=True)
class EntityRules:
    labels: frozenset[str]
    determiners: frozenset[str]
    generic_nouns: frozenset[str]
    languages: frozenset[str]
    suppress_label: str

    @classmethod
    def load(cls, source: str | Path | None = None) -> EntityRules:
        path = resolve(source, DEFAULT_RULES)
        data = read_json(path)
        for key in data:
            check_choice(key, RULE_KEYS, "setting", str(path))
        for label in data["labels"]:
            check_choice(label, ENTITY_LABELS, "label", str(path))
        return cls(
            labels=frozenset(data["labels"]),
            determiners=frozenset(w.lower() for w in data["determiners"]),
            generic_nouns=frozenset(w.lower() for w in data["generic_nouns"]),
            languages=frozenset(data["languages"]),
            suppress_label=data["suppress_label"],
        )


def gazetteer_patterns(nlp: Language, source: str | Path | None = None) -> list[dict]:
    """Token patterns for the ruler: country names and aliases as GPE, demonyms as NORP.

    Token (ORTH) patterns rather than phrase patterns: the ruler would otherwise
    run the whole model over every name when it loads.
    """
    def pattern(label: str, name: str) -> dict:
        return {"label": label, "id": "gazetteer", "pattern": [{"ORTH": t.text} for t in nlp.make_doc(name)]}

    patterns = []
    for record in read_jsonl(resolve(source, DEFAULT_GAZETTEER), required=("name",),
                             optional=("aliases", "demonyms", "label")):
        label = record.get("label", "GPE")
        for name in (record["name"], *record.get("aliases", [])):
            patterns.extend(pattern(label, v) for v in _apostrophe_variants(name))
        patterns.extend(pattern("NORP", d) for d in record.get("demonyms", []))
    return patterns


def _apostrophe_variants(name: str) -> set[str]:
    return {name, *(name.replace(a, b) for a in _APOSTROPHES for b in _APOSTROPHES)}


def load_patterns(source: str | Path | None = None) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "_where"}
            for r in read_jsonl(resolve(source, DEFAULT_PATTERNS), required=("label", "pattern"), optional=("id",))]


# --- span rules: small pure functions over Spans -------------------------------------------------

def merge(model: Iterable[Span], ruled: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: the longer wins, a tie goes to the rule.

    A model span that only strings together two or more rule spans ("Cuba,
    Moldova", "Russia and China") gives way to them.
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
    return all(t.is_punct or t.pos_ in {"CCONJ", "DET"} or t.lower_ in {"and", "or", "the"} for t in rest)


def strip_determiner(span: Span, determiners: frozenset[str]) -> Span:
    while len(span) > 1 and span[0].lower_ in determiners:
        span = span[1:]
    return span


def strip_punct_and_possessive(span: Span) -> Span:
    while len(span) > 1 and (span[-1].is_punct or span[-1].lower_ in {"’s", "'s", "’", "'"}):
        span = span[:-1]
    while len(span) > 1 and span[0].is_punct and span[0].text not in {"(", "-"}:
        span = span[1:]
    return span


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


def is_generic(span: Span, rules: EntityRules) -> bool:
    """A bare common noun capitalised by the model ('the Treaty', 'Union'), not a name."""
    return len(span) == 1 and span[0].lower_ in rules.generic_nouns and not span[0].is_upper


def language_labels(doc: Doc, rules: EntityRules) -> list[Span]:
    """'(Chinese: …' – a language named as the label of a transliteration."""
    out = []
    for tok in doc[:-1]:
        if tok.text in rules.languages and doc[tok.i + 1].text == ":" and tok.i > 0 and doc[tok.i - 1].text == "(":
            out.append(Span(doc, tok.i, tok.i + 1, label="LANGUAGE"))
    return out


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


class EntityExtractor:
    def __init__(self, nlp: Language, name: str, patterns: list[dict], rules: EntityRules):
        self.rules = rules
        self.ruler = SpanRuler(nlp, name=f"{name}_ruler", spans_key=None, validate=True)
        self.ruler.add_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        rules = self.rules
        ruled = self.ruler.match(doc)
        suppress = [s for s in ruled if s.label_ == rules.suppress_label]
        gazetteer = [s for s in ruled if s.id_ == "gazetteer"]
        model = [strip_determiner(s, rules.determiners) for s in doc.ents]
        spans = merge(model, [s for s in ruled if s.label_ != rules.suppress_label])
        spans = [s for s in spans if not any(x.start < s.end and s.start < x.end for x in suppress)]
        out: list[Span] = []
        for span in spans:
            for part in split_parenthesis(span, rules):
                part = strip_punct_and_possessive(strip_determiner(part, rules.determiners))
                out.extend(split_compound(Span(doc, part.start, part.end, label=span.label), gazetteer))
        out += paren_alias_spans(doc, out)
        out = merge(out, language_labels(doc, rules))
        return [s for s in out
                if s.label_ in rules.labels and not is_generic(s, rules)
                and not overlaps_boilerplate(doc, s.start_char, s.end_char)]

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc._.entities = [Entity(s.text, s.label_, s.start_char, s.end_char) for s in spans]


@Language.factory(
    "claims_entities",
    default_config={"patterns": None, "rules": None, "gazetteer": None},
)
def make_entities(nlp: Language, name: str, patterns: str | None, rules: str | None,
                  gazetteer: str | None) -> EntityExtractor:
    """Writes name entities to `doc._.entities`; files default to the shipped `data/` ones."""
    register_extensions()
    return EntityExtractor(nlp, name, load_patterns(patterns) + gazetteer_patterns(nlp, gazetteer),
                           EntityRules.load(rules))
