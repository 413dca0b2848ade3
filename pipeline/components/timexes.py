"""The timexes layer: temporal expressions with TIMEX3 type, value and modifier.

Candidates come from our grammar (`pipeline.timex`, a lexicon in
`data/timex_lexicon.json`) and, for what the grammar cannot read, from the
model's DATE/TIME entities normalised by a cached dateparser fallback. spaCy
adds what plain text lacks: the tense of the governing verb (which year a bare
month or weekday falls in), part-of-speech tags (a bare number before a plural
noun counts things, not years) and the entities layer (a year inside a name,
"Beijing 2022 Olympics", is not a timex). The result goes to `doc._.timexes`.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..extensions import layer_dicts, register_extensions
from ..schema import Timex
from ..timex import (
    Candidate,
    Found,
    Lexicon,
    Resolver,
    grammar_for,
    load_lexicon,
    parse_date,
    parse_fallback,
)
from .boilerplate import overlaps_boilerplate

MODEL_LABELS = ("DATE", "TIME")
NOUN_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


# --- small pure functions over Doc -------------------------------------------------------------

def token_at(doc: Doc, char: int, starts: list[int]) -> Token | None:
    """The token that contains character `char` (`starts`: the token offsets)."""
    i = bisect.bisect_right(starts, char) - 1
    return doc[i] if 0 <= i < len(doc) else None


def governing_tense(token: Token, lexicon: Lexicon) -> str:
    """'past', 'present' or 'future' of the verb that governs `token`."""
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "conj" and not auxes and verb.tag_ == "VB" and verb.head.pos_ in ("VERB", "AUX"):
        return governing_tense(verb.head, lexicon)  # "is set to stay and return on Friday": the first verb's tense
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or \
            (verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had") for a in auxes)):
        return "past"
    future_aux = lexicon.future_auxiliaries
    if verb.lower_ in future_aux or any(a.lower_ in future_aux for a in auxes) or \
            (verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes) and verb.head.lemma_ in lexicon.future_governors) or \
            (verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am") for a in auxes)):
        return "future"  # "will meet", "set to resume", "is travelling": a coming occasion
    return "present"


def tense_function(doc: Doc, starts: list[int], lexicon: Lexicon) -> Callable[[int], str]:
    """Character offset → tense of the verb governing the token there (present if the Doc has no parse)."""
    parsed = doc.has_annotation("DEP")

    def tense(char: int) -> str:
        tok = token_at(doc, char, starts)
        return governing_tense(tok, lexicon) if tok is not None and parsed else "present"

    return tense


def name_spans(doc: Doc, labels: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the entities layer's names that may contain a year ("Beijing 2022 Olympics")."""
    return [(e["start"], e["end"]) for e in layer_dicts(doc, "entities") if e["label"] in labels]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """[start, end) lies inside, and is shorter than, one of `spans`."""
    return any(s <= start and end <= e and e - s > end - start for s, e in spans)


def counts_things(doc: Doc, end: int, lexicon: Lexicon, starts: list[int]) -> bool:
    """A bare four-digit number followed by a plural noun ("2000 troops") counts, it does not date."""
    i = bisect.bisect_left(starts, end)
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and doc[i].tag_ in NOUN_PLURAL_TAGS and doc[i].lower_ not in lexicon.units


def modifies_noun(doc: Doc, end: int, lexicon: Lexicon, starts: list[int]) -> bool:
    """A holiday name before a common noun that is not a time ("a Christmas gift", "Halloween costumes")
    is an adjective on that noun (ANNOTATION.md), unlike "Christmas week" or "Christmas, when"."""
    i = bisect.bisect_left(starts, end)
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and starts[i] == end + 1 and doc[i].pos_ == "NOUN" and \
        doc[i].lower_ not in lexicon.holiday_heads and doc[i].lower_ not in lexicon.units


def trim_signals(span: Span, lexicon: Lexicon) -> Span:
    """A model entity without leading signals ("in", "since") or trailing punctuation and possessive."""
    while len(span) > 1 and (span[0].lower_ in lexicon.signals or span[0].is_punct):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].lower_ in ("'s", "’s")):
        span = span[:-1]
    return span


def model_candidates(doc: Doc, taken: list[Candidate], lexicon: Lexicon) -> list[Span]:
    """The model's DATE/TIME entities our grammar did not cover, worth a calendar fallback.

    Only those that name a month or a four-digit year: anything else the model
    labels DATE ("the twelfth consecutive year", "the 20th anniversary") is not a
    point in time the fallback can read without inventing fields.
    """
    month = re.compile(r"(?-i:[A-Z][a-z]+)")
    out = []
    for ent in doc.ents:
        if ent.label_ not in MODEL_LABELS:
            continue
        span = trim_signals(ent, lexicon)
        if any(c.start < span.end_char and span.start_char < c.end for c in taken):
            continue
        words = {m.group().lower().rstrip(".") for m in month.finditer(span.text)}
        if words & lexicon.months.keys() or re.search(r"(?<!\d)(?:1\d{3}|20\d\d)(?!\d)", span.text):
            out.append(span)
    return out


class TimexTagger:
    def __init__(self, lexicon: Lexicon, model_entities: bool = True):
        self.lexicon = lexicon
        self.grammar = grammar_for(lexicon)
        self.model_entities = model_entities

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Found]:
        lex, text = self.lexicon, doc.text
        starts = [t.idx for t in doc]
        dated = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in MODEL_LABELS]
        resolver = Resolver(lex, text, parse_date(doc._.published), tense_function(doc, starts, lex))
        candidates = self.grammar.candidates(
            text, lambda c: not self._is_count(doc, c, starts, dated) and resolver.accepts(c))
        found = resolver.resolve(candidates)
        if self.model_entities:
            for span in model_candidates(doc, candidates, lex):
                value = parse_fallback(span.text, doc._.published)
                if value is not None:
                    kind = "TIME" if "T" in value else "DATE"
                    found.append(Found(span.start_char, span.end_char, kind, value))
        names = name_spans(doc, lex.name_labels)
        return sorted((f for f in found if not overlaps_boilerplate(doc, f.start, f.end) and not inside(names, f.start, f.end)),
                      key=lambda f: f.start)

    def _is_count(self, doc: Doc, c: Candidate, starts: list[int], dated: list[tuple[int, int]]) -> bool:
        """A bare year the model does not call a date, before a plural noun; a holiday before a common noun."""
        if c.rule == "holiday":
            return doc.has_annotation("TAG") and modifies_noun(doc, c.end, self.lexicon, starts)
        if c.rule != "year" or any(c.match.group(g) for g in ("fiscal", "theyear", "dmod", "dmodp")):
            return False
        if any(s <= c.start and c.end <= e for s, e in dated) or not doc.has_annotation("TAG"):
            return False
        return counts_things(doc, c.end, self.lexicon, starts)

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        text = doc.text
        doc._.timexes = [Timex(text[f.start:f.end], f.start, f.end, f.type, f.value, f.mod) for f in found]


@Language.factory("claims_timexes", default_config={"lexicon": None, "model_entities": True})
def make_timexes(nlp: Language, name: str, lexicon: str | None, model_entities: bool) -> TimexTagger:
    """Writes temporal expressions to `doc._.timexes`; `lexicon` defaults to the shipped `data/timex_lexicon.json`."""
    register_extensions()
    return TimexTagger(load_lexicon(lexicon), model_entities)
