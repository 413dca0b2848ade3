"""The events layer: the eight event types of SCHEMA.md, by trigger frames over the parse.

Triggers come from `data/event_triggers.jsonl` (verb and noun lemmas with the
frame each needs, multiword phrases), compiled once into a `Matcher` and a
`DependencyMatcher`. Each match is checked against its frame (the object it
needs, the verb that must govern a noun), filtered (negated, conditional,
generic present-tense habits) and given its arguments from the dependency tree
(`arguments.py`); the date is the timex (`doc._.timexes`) governed by the
event's own predicate chain. A sentence listing several dated happenings, or
one happening at several coordinated objects, yields one event per item.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from numpy import flatnonzero, isin
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..extensions import register_extensions
from ..names import NameResolver, load_demonyms, normalise
from ..resources import DataFileError, check_choice, read_json, read_jsonl, read_settings, resolve
from ..schema import EVENT_TYPES, CharSpan, Event, Timex, Trigger
from . import arguments as args
from .boilerplate import overlaps_boilerplate

DEFAULT_TRIGGERS = "event_triggers.jsonl"
DEFAULT_LEXICON = "event_lexicon.json"
LEXICON_KEYS = ("classes", "status", "participation_preps", "attendance_preps", "conditional_marks", "hypothetical_modals", "speaker_labels",
                "agent_labels", "documents", "occasion_preps", "location_preps", "location_labels", "coordinators",
                "hypothetical_nouns", "hypothetical_modifiers", "participation_verbs", "cancelling_verbs",
                "content_preps")
DEFAULT_CAMEO = "cameo.json"
FRAME_KEYS = ("type", "pos", "lemmas", "phrase", "control", "objects", "not_objects", "support", "agent",
              "object", "status", "split_objects", "plural", "requires", "parties")
ROLES = ("subject", "object", "none")
DATE_TYPES = frozenset({"DATE", "TIME"})
PERSON = frozenset({"PERSON"})
BODY = frozenset({"ORG", "GPE"})  # what 'it' can stand for as an agent


@dataclass(frozen=True)
class Frame:
    """One trigger entry of the lexicon: what matches and what the match needs to be an event."""

    type: str
    pos: str | None = None
    lemmas: tuple[str, ...] = ()
    phrase: tuple[dict, ...] = ()
    control: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    not_objects: tuple[str, ...] = ()
    support: frozenset[str] = frozenset()
    agent: str = "subject"
    object: str = "object"
    status: str | None = None
    split_objects: bool = False
    plural: frozenset[str] = frozenset()
    requires: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


def _check_role(role: str, where: str) -> str:
    if not role.startswith("prep:"):
        check_choice(role, ROLES + ("prep:<preposition>",), "role", where)
    return role


def load_frames(source: str | Path | None = None) -> list[Frame]:
    frames = []
    for record in read_jsonl(resolve(source, DEFAULT_TRIGGERS), required=("type",), optional=FRAME_KEYS):
        where = record["_where"]
        check_choice(record["type"], EVENT_TYPES, "event type", where)
        if ("lemmas" in record) == ("phrase" in record):
            raise DataFileError(f"{where}: give either lemmas (with pos) or phrase")
        if "lemmas" in record:
            check_choice(record.get("pos", ""), ("VERB", "NOUN"), "pos", where)
        if record.get("status") is not None:
            check_choice(record["status"], ("occurred", "planned", "attempted"), "status", where)
        frames.append(Frame(
            type=record["type"], pos=record.get("pos"), lemmas=tuple(record.get("lemmas", ())),
            phrase=tuple(record.get("phrase", ())), control=tuple(record.get("control", ())),
            objects=tuple(record.get("objects", ())), not_objects=tuple(record.get("not_objects", ())),
            support=frozenset(record.get("support", ())),
            agent=_check_role(record.get("agent", "subject"), where),
            object=_check_role(record.get("object", "object"), where),
            status=record.get("status"), split_objects=bool(record.get("split_objects")),
            plural=frozenset(record.get("plural", ())), requires=tuple(record.get("requires", ())),
            parties=tuple(record.get("parties", ())),
        ))
    return frames


@dataclass(frozen=True)
class EventLexicon:
    classes: dict[str, frozenset[str]]
    attempt: frozenset[str]
    plan: frozenset[str]
    future_aux: frozenset[str]
    achieved: frozenset[str]
    occasions: frozenset[str]
    plan_modifiers: frozenset[str]
    travel_verbs: frozenset[str]
    hypothetical_nouns: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    participation_preps: frozenset[str]
    participation_verbs: frozenset[str]
    cancelling_verbs: frozenset[str]
    attendance_preps: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_modals: frozenset[str]
    speaker_labels: frozenset[str]
    agent_labels: frozenset[str]
    documents: frozenset[str]
    occasion_preps: frozenset[str]
    location_preps: frozenset[str]
    location_labels: frozenset[str]
    coordinators: tuple[tuple[str, ...], ...]
    content_preps: frozenset[str]

    @property
    def actors(self) -> frozenset[str]:
        return self.classes.get("actor", frozenset())

    @classmethod
    def load(cls, source: str | Path | None = None) -> EventLexicon:
        _, data = read_settings(source, DEFAULT_LEXICON, LEXICON_KEYS)
        status = data["status"]
        return cls(
            classes={k: frozenset(v) for k, v in data["classes"].items()},
            attempt=frozenset(status["attempt"]), plan=frozenset(status["plan"]),
            future_aux=frozenset(status["future_aux"]), achieved=frozenset(status["achieved"]),
            occasions=frozenset(status["occasions"]), plan_modifiers=frozenset(status["plan_modifiers"]),
            travel_verbs=frozenset(status["travel_verbs"]),
            hypothetical_nouns=frozenset(data["hypothetical_nouns"]),
            hypothetical_modifiers=frozenset(data["hypothetical_modifiers"]),
            participation_preps=frozenset(data["participation_preps"]),
            participation_verbs=frozenset(data["participation_verbs"]),
            cancelling_verbs=frozenset(data["cancelling_verbs"]),
            attendance_preps=frozenset(data["attendance_preps"]),
            conditional_marks=frozenset(data["conditional_marks"]),
            hypothetical_modals=frozenset(data["hypothetical_modals"]),
            speaker_labels=frozenset(data["speaker_labels"]), agent_labels=frozenset(data["agent_labels"]),
            documents=frozenset(data["documents"]), occasion_preps=frozenset(data["occasion_preps"]),
            location_preps=frozenset(data["location_preps"]), location_labels=frozenset(data["location_labels"]),
            coordinators=tuple(tuple(c.split()) for c in data["coordinators"]),
            content_preps=frozenset(data["content_preps"]),
        )

    def check_frames(self, frames: Iterable[Frame]) -> None:
        for frame in frames:
            for name in (*frame.objects, *frame.not_objects, *frame.parties):
                if not name.startswith("@"):
                    check_choice(name, self.classes, "word class", "event_triggers")


def load_cameo(source: str | Path | None = None) -> dict[str, dict[str, Any]]:
    path = resolve(source, DEFAULT_CAMEO)
    data = {k: v for k, v in read_json(path).items() if k != "comment"}
    for key in data:
        check_choice(key, EVENT_TYPES, "event type", str(path))
    return data


# --- per-document context -------------------------------------------------------------------------

@dataclass
class DatedSpan:
    """A timex on the token grid, with the word it attaches to; `modifier` is False when it is that
    word's subject or object ('devote 2022 and 2023 to sport': the period, not the date of deciding)."""

    timex: Timex
    span: Span
    governor: Token | None
    modifier: bool = True


def timex_governor(span: Span, spans: list[Span]) -> Token | None:
    """The word a timex modifies: through its preposition, or through the timex it is coordinated with."""
    tok = span.root
    for _ in range(len(span.doc)):
        head = tok.head
        if head == tok:
            return None
        other = next((s for s in spans if s.start <= head.i < s.end and s is not span), None)
        if tok.dep_ == "conj" and other is not None:
            span, tok = other, other.root
            continue
        if head.i in range(span.start, span.end) or head.pos_ == "ADP" or head.dep_ == "prep" \
                or (head.pos_ == "ADV" and head.dep_ == "advmod"):
            tok = head
            continue
        return head
    return None


def dated_spans(doc: Doc, timexes: list[Timex]) -> list[DatedSpan]:
    spans = []
    for t in timexes:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            spans.append((t, span))
    only = [s for _, s in spans]
    return [DatedSpan(t, s, timex_governor(s, only), _conj_root(s, only).dep_ not in ARGUMENT_DEPS)
            for t, s in spans]


ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})


def _conj_root(span: Span, spans: list[Span]) -> Token:
    """The root of the first timex of a coordination ('2022 and 2023' → '2022')."""
    tok = span.root
    while tok.dep_ == "conj" and any(s.start <= tok.head.i < s.end for s in spans):
        tok = tok.head
    return tok


class NameTable:
    """The document's names for `NameResolver`, indexed so that a name is compared only with the
    names it could equal (same last word, same country, an acronym, a declared pair): resolution
    compares every pair otherwise, which costs more than the whole extractor."""

    def __init__(self, names: Iterable[str], pairs: Iterable[tuple[str, str]] = ()):
        pairs = list(pairs)
        self.resolver = NameResolver(names=names, pairs=pairs)
        self.gazetteer = self.resolver.gazetteer
        self.partners: dict[str, set[str]] = {}
        for a, b in pairs:
            self.partners.setdefault(normalise(a), set()).add(b)
            self.partners.setdefault(normalise(b), set()).add(a)
        self.buckets: dict[str, list[str]] = {}
        for name in self.resolver.names:
            for key in self._keys(name):
                self.buckets.setdefault(key, []).append(name)
        self._full: dict[str, str] = {}
        self._same: dict[tuple[str, str], bool] = {}

    def _keys(self, name: str) -> set[str]:
        norm = normalise(name)
        words = norm.split()
        keys = {"w:" + words[-1]} if words else set()
        keys.add("c:" + normalise(self.gazetteer.get(norm, norm)))
        keys.add("acr" if len(words) == 1 and name.strip().isupper() else "long" if len(words) > 1 else "short")
        return keys

    def _candidates(self, name: str) -> list[str]:
        keys = self._keys(name)
        if "acr" in keys:
            keys.add("long")
        if "long" in keys:
            keys.add("acr")
        found = [n for k in keys for n in self.buckets.get(k, ())]
        return list(dict.fromkeys(found + sorted(self.partners.get(normalise(name), ()))))

    def same(self, a: str, b: str) -> bool:
        if a == b:
            return True
        key = (a, b) if a < b else (b, a)
        if key not in self._same:
            self._same[key] = self.resolver.same(a, b)
        return self._same[key]

    def fullest(self, name: str) -> str:
        """`NameResolver.canonical`, over the plausible names only, cached per name; a country
        is written as the gazetteer names it ('Russia' for 'the Russian Federation')."""
        if name not in self._full:
            country = self.gazetteer.get(normalise(name))
            if country is not None:
                self._full[name] = country
                return country
            best = name
            for other in self._candidates(name):
                if self.same(name, other) and _completeness(other) > _completeness(best):
                    best = other
            self._full[name] = best
        return self._full[name]

    def group(self, names: Iterable[str]) -> list[str]:
        """Distinct names, each in its fullest form, in first-seen order (`NameResolver.group`)."""
        out: list[str] = []
        for name in names:
            full = self.fullest(name)
            if not any(self.same(full, o) for o in out):
                out.append(full)
        return out

    @classmethod
    def from_entities(cls, text: str, entities: Iterable) -> NameTable:
        """Names of the document with their 'Name (ACR)' pairs."""
        ents = list(entities)
        pairs = []
        for a, b in pairwise(ents):
            if text[a.end:b.start].strip() == "(" and text[b.end:b.end + 2].strip().startswith(")") \
                    and a.label == b.label:
                pairs.append((a.text, b.text))
        return cls([e.text for e in ents if e.label != "NORP"], pairs)


def _completeness(name: str) -> tuple[int, int]:
    words = normalise(name).split()
    return len(words), len(" ".join(words))


@dataclass
class Context:
    doc: Doc
    names: args.NameIndex
    dates: list[DatedSpan]
    table: NameTable
    lexicon: EventLexicon
    text: str

    def canonical(self, names: Iterable[str]) -> list[str]:
        return self.table.group(names)

    def fullest(self, name: str) -> str:
        return self.table.fullest(name)


# --- candidates -----------------------------------------------------------------------------------

@dataclass
class Candidate:
    frame: Frame
    head: Token
    span: Span
    event_verb: Token  # the verb whose object is the event's object ('extend' in 'agreed to extend')
    obj: Token | None = None  # the object that satisfied the frame


@dataclass
class Built:
    """An event under construction: filled by `EventExtractor.events_for`."""

    candidate: Candidate
    date: str | None
    agents: list[str]
    object: str | None
    location: str | None
    status: str
    sentence: CharSpan
    chain: list[Token] = field(default_factory=list)


def sentence_span(tok: Token, names: args.NameIndex, text: str) -> CharSpan:
    """The sentence of `tok`, cut at line breaks: a title or byline line is never part of a body sentence."""
    first, last = names.sentence(tok)
    sent = tok.doc[first:last]
    start = max(sent.start_char, text.rfind("\n", 0, tok.idx) + 1)
    end_nl = text.find("\n", tok.idx)
    end = sent.end_char if end_nl == -1 else min(sent.end_char, end_nl)
    chunk = text[start:end]
    return CharSpan(start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip()))


class EventExtractor:
    def __init__(self, nlp: Language, frames: list[Frame], lexicon: EventLexicon, cameo: dict[str, dict]):
        lexicon.check_frames(frames)
        self.frames = frames
        self.lexicon = lexicon
        self.cameo = cameo
        # Single-word and control frames: one LEMMA PhraseMatcher (a hash lookup per token); the
        # lemma then picks the frames, in file order. Phrase frames: a token Matcher run only on
        # windows that start with a possible first word, as its set predicates cost a call per
        # token and pattern.
        self.words = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.phrases = Matcher(nlp.vocab, validate=True)
        self.by_lemma: dict[str, list[Frame]] = {}
        self.first_words: set[int] = set()
        self.window = 1
        for i, frame in enumerate(frames):
            if frame.phrase:
                self.phrases.add(str(i), [list(frame.phrase)])
                self.first_words |= {nlp.vocab.strings.add(w) for w in _first_words(frame.phrase[0])}
                self.window = max(self.window, len(frame.phrase))
                continue
            for lemma in frame.lemmas:
                self.by_lemma.setdefault(lemma, []).append(frame)
        self.words.add("WORD", [_lemma_doc(nlp, lemma) for lemma in self.by_lemma])

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # --- matching ---------------------------------------------------------------------------------

    def candidates(self, doc: Doc, ctx: Context) -> list[Candidate]:
        found: dict[int, Candidate] = {}
        for _, start, _end in self.words(doc):
            head = doc[start]
            for frame in self.by_lemma.get(head.lemma_, []):
                if head.pos_ != frame.pos:
                    continue
                if frame.control:
                    for event in (c for c in head.children if c.dep_ == "xcomp" and c.lemma_ in frame.control):
                        self._offer(found, Candidate(frame, head, doc[head.i:event.i + 1], event), ctx)
                else:
                    span = _nominal_span(head) if frame.pos == "NOUN" else doc[start:start + 1]
                    self._offer(found, Candidate(frame, head, span, head), ctx)
        words = doc.to_array(["LEMMA", "LOWER"])
        for i in flatnonzero(isin(words[:, 0], list(self.first_words)) | isin(words[:, 1], list(self.first_words))):
            window = doc[int(i):int(i) + self.window]
            for key, start, end in self.phrases(window):
                if start:
                    continue  # found from its own first word
                span = window[start:end]
                head = next((t for t in span if t.pos_ in {"VERB", "AUX"}), span[0])
                self._offer(found, Candidate(self.frames[int(self.phrases.vocab.strings[key])], head, span, head),
                            ctx)
        unique = {id(c): c for c in found.values()}
        return sorted((c for c in unique.values() if not _carried_by_verb(c, found)), key=lambda c: c.span.start)

    def _offer(self, found: dict[int, Candidate], cand: Candidate, ctx: Context) -> None:
        """One frame per trigger word: the first in the file that the context satisfies; longer spans win."""
        if not self.fits(cand, ctx):
            return
        for i in range(cand.span.start, cand.span.end):
            other = found.get(i)
            if other is not None:
                if len(other.span) >= len(cand.span):
                    return
                for j in range(other.span.start, other.span.end):
                    found.pop(j, None)
        for i in range(cand.span.start, cand.span.end):
            found[i] = cand

    def fits(self, cand: Candidate, ctx: Context) -> bool:
        """Does the context give this trigger word the frame's sense?"""
        frame, head = cand.frame, cand.head
        if head.dep_ in {"compound", "amod"} or overlaps_boilerplate(head.doc, head.idx, head.idx + len(head)):
            return False  # 'a sanctioned race', 'conference room': a modifier, not the event
        if head.lemma_ in frame.plural and head.tag_ not in {"NNS", "NNPS"}:
            return False
        if frame.requires and not any(_has_dependent(head, r) for r in frame.requires):
            return False
        if frame.support and not (head.dep_ in args.NOUN_ARGS | {"nsubj", "nsubjpass"}
                                  and head.head.lemma_ in frame.support):
            return False
        obj = self._object_token(cand, ctx.names)
        if frame.object.startswith("prep:") and frame.objects and (obj is None or not self._in_classes(
                obj, frame.objects, ctx)):  # 'admitted to the EU': the class may name the target instead
            obj = args.prep_object(cand.event_verb, frame.object[5:].split("/")) or obj
        if frame.objects and (obj is None or not self._in_classes(obj, frame.objects, ctx)):
            obj = self._object_in_phrase(cand, ctx) if obj is None or frame.object.startswith("prep:") else None
            if obj is None:
                return False
        if frame.not_objects and obj is not None and self._in_classes(obj, frame.not_objects, ctx):
            return False
        if frame.parties and not self._parties_fit(cand, obj, ctx):
            return False
        cand.obj = obj
        return True

    def _parties_fit(self, cand: Candidate, obj: Token | None, ctx: Context) -> bool:
        """'met Merkel', 'met with farmers', 'visited Kyiv': the object and the 'with' object, when
        there is one, is someone to meet or somewhere to visit ('met the demand', 'was met with applause' are not)."""
        for tok in (obj, args.prep_object(cand.event_verb, {"with"})):
            if tok is not None and tok.pos_ != "PRON" and not self._in_classes(tok, cand.frame.parties, ctx):
                return False
        return True

    def _object_in_phrase(self, cand: Candidate, ctx: Context) -> Token | None:
        """A verb whose object the parser misattached ('signing – on July 19 – the Treaty'):
        the first word of the right class in the verb's own phrase, not in an embedded clause."""
        verb = cand.event_verb
        if verb.pos_ != "VERB":
            return None
        for tok in verb.subtree:
            if tok.i <= verb.i or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            if any(a.pos_ in {"VERB", "AUX"} for a in tok.ancestors if a.i > verb.i and verb in a.ancestors):
                continue
            if self._in_classes(tok, cand.frame.objects, ctx):
                return tok
        return None

    def _in_classes(self, tok: Token, classes: tuple[str, ...], ctx: Context) -> bool:
        """The phrase's head (or the head of its 'of' complement: 'a relationship of partnership') is in a class."""
        heads = [t for c in args.conjuncts(tok) for t in (c, args.prep_object(c, {"of"}))
                 if t is not None]
        for t in heads:
            for name in classes:
                if name.startswith("@"):
                    if ctx.names.label(t) == name[1:]:
                        return True
                elif t.lemma_.lower() in self.lexicon.classes[name] or t.lower_ in self.lexicon.classes[name]:
                    return True
        return False

    def _object_token(self, cand: Candidate, names: args.NameIndex) -> Token | None:
        """The word the frame's object classes apply to (for a `prep:` role, the object the target
        phrase hangs on: 'sanctions' in 'imposed sanctions on Russia'; the target is read later)."""
        role = cand.frame.object
        if role == "subject":
            return args.surface_subject(cand.head, names)
        if role == "none":
            return None
        return _object_of(cand, names)

    # --- events -----------------------------------------------------------------------------------

    def match(self, doc: Doc) -> list[Event]:
        entities = doc._.entities
        text = doc.text
        dates = dated_spans(doc, [t for t in doc._.timexes if t.type in DATE_TYPES and t.value])
        lex = self.lexicon
        names = args.NameIndex.from_entities(doc, entities, load_demonyms(),
                                             timex_tokens=(i for d in dates for i in range(d.span.start, d.span.end)),
                                             agent_labels=lex.agent_labels, place_labels=lex.location_labels)
        ctx = Context(doc, names, dates, NameTable.from_entities(text, entities), lex, text)
        built: list[Built] = []
        for cand in self.candidates(doc, ctx):
            if self.asserted(cand, ctx):
                built.extend(self.events_for(cand, ctx))
        self.inherit_occasion_dates(built, ctx)
        return self.to_events(built)

    def asserted(self, cand: Candidate, ctx: Context) -> bool:
        """Not negated, not conditional, not a generic present-tense habit."""
        lex = self.lexicon
        chain = args.predicate_chain(cand.head)
        verb = args.clause_verb(cand.head)
        scope = [t for t in chain + ([verb] if verb is not None else []) if t.pos_ in {"VERB", "AUX"}]
        scope += [args.conj_head(v) for v in scope if v.dep_ == "conj"]  # 'could take action and impose'
        for v in scope:
            for c in v.children:
                if c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in lex.conditional_marks):
                    return False
                if c.dep_ == "aux" and c.lower_ in lex.hypothetical_modals:
                    return False
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.conditional_marks
                                             for m in c.children) and not _quoted_before(c, v, ctx.names):
                    return False
        if any(a.dep_ in {"advcl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ in lex.conditional_marks
                                                     for m in a.children) for a in [cand.head, *cand.head.ancestors]):
            return False
        if self._irrealis_noun(chain) or any(t.lemma_ in lex.cancelling_verbs for t in chain[1:]):
            return False  # 'the possibility of talks', 'cancelled the summit'
        if cand.frame.type == "STATEMENT" or verb is None:
            return True
        dated = any(d.governor is not None and d.governor.i in {t.i for t in (*chain, verb)} for d in ctx.dates)
        if not dated and cand.head.tag_ == "VBG" and cand.head.dep_ == "acl":
            return False  # 'a law imposing sanctions', 'members joining the alliance': a description
        return dated or not _generic_present(verb, chain)

    def _irrealis_noun(self, chain: list[Token]) -> bool:
        """'the possibility of talks', 'possible sanctions': a noun event that is only entertained."""
        lex = self.lexicon
        for tok in chain:
            if tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            if any(c.dep_ == "amod" and c.lower_ in lex.hypothetical_modifiers for c in tok.children):
                return True
            head = tok.head
            if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.hypothetical_nouns:
                return True
        return False

    def events_for(self, cand: Candidate, ctx: Context) -> list[Built]:
        frame, head = cand.frame, cand.head
        agents_tok = self._agent_token(cand, ctx)
        agents = self._agent_names(agents_tok, ctx, cand)
        if frame.type == "MEETING" and head.pos_ == "VERB":
            others = [cand.obj or args.logical_object(head, ctx.names), args.prep_object(head, {"with"})]
            parties = [t for t in others if t is not None and (ctx.names.label(t) in {"PERSON", "ORG"} or (
                ctx.names.get(t) is None and t.lemma_.lower() in self.lexicon.actors))]  # 'met his Polish counterpart'
            agents = ctx.canonical(agents + [n for t in parties for n in self._agent_names(t, ctx, cand)])
        if frame.type == "MEETING" and head.pos_ == "NOUN":
            agents = ctx.canonical(agents + [n for t in self._meeting_parties(head, ctx)
                                             for n in self._agent_names(t, ctx, cand)])
        if not agents and (frame.type in {"STATEMENT", "MEMBERSHIP"}
                           or (frame.type == "SANCTION" and head.pos_ == "NOUN")):
            return []  # a statement needs its source, a membership its member, a nominal sanction who imposes it
        if frame.type == "MEMBERSHIP" and _person_joins_company(agents_tok, cand.obj, ctx):
            return []
        chain = args.predicate_chain(head)
        status = frame.status or self.status(cand, chain)
        if frame.type == "STATEMENT" and status == "planned" and _purpose_infinitive(head, self.lexicon):
            return []  # 'used the debate to stress …': a purpose, nothing is reported as said
        sentence = sentence_span(head, ctx.names, ctx.text)
        obj_tok = cand.obj
        if frame.object.startswith("prep:"):  # 'imposed sanctions on Russia': the target, on the verb or the noun
            preps = frame.object[5:].split("/")
            target = args.prep_object(cand.event_verb, preps) or (
                args.prep_object(obj_tok, preps) if obj_tok is not None else None)
            if target is not None and not _in_timex(target, ctx):  # 'introduced on March 4': a date
                obj_tok = target
        location = self._location(chain + ([obj_tok] if obj_tok is not None else []), ctx)
        base = Built(cand, None, agents, self._object_text(cand, obj_tok, ctx), location, status, sentence, chain)
        doc = head.doc
        first = agents_tok if agents_tok is not None else doc[min(cand.span.end, len(doc) - 1)]
        groups = _dated_groups(first, ctx) if frame.agent == "object" else []
        if len(groups) >= 2 or (groups and not agents):
            return [replace(base, date=d, agents=ctx.canonical(n)) for n, d in groups]
        dates = self._dates(chain, cand, ctx)
        if frame.split_objects and obj_tok is not None:
            parts = self._object_parts(obj_tok, ctx)
            if len(parts) >= 2:
                return [replace(base, object=o, location=loc or location, date=dates[0] if dates else None)
                        for o, loc in parts]
        if frame.type == "MEETING" and not agents and (head.pos_ == "VERB" or not _calendar(dates)):
            return []  # a meeting with no named party, and for a noun no calendar date either, is not a reported one
        if len(dates) >= 2:
            return [replace(base, date=d) for d in dates]
        return [replace(base, date=dates[0] if dates else None)]

    def _meeting_parties(self, noun: Token, ctx: Context) -> list[Token]:
        """Every party a meeting noun names besides its first agent: 'talks with/between …', 'a NATO
        summit', 'a meeting of the Council', and who attends it ('X spoke at a news conference with Y')."""
        lex = self.lexicon
        found = [args.prep_object(noun, {p}) for p in ("with", "between", "among")]
        found += [c for c in noun.lefts if c.dep_ == "compound" and ctx.names.label(c) == "ORG"]
        of = args.prep_object(noun, {"of"})
        if of is not None and ctx.names.label(of) == "ORG":
            found.append(of)
        head = noun.head
        if noun.dep_ in {"dobj", "attr"} and head.pos_ in {"VERB", "AUX"} and head.lemma_ in lex.participation_verbs:
            found.append(args.logical_subject(head, ctx.names))
        if noun.dep_ == "pobj" and head.lower_ in lex.attendance_preps and head.head.pos_ in {"VERB", "AUX"}:
            found.append(args.logical_subject(head.head, ctx.names))
        return [t for t in found if t is not None]

    def _agent_token(self, cand: Candidate, ctx: Context) -> Token | None:
        frame, head = cand.frame, cand.head
        role = frame.agent
        if role == "none":
            return None
        if role.startswith("prep:"):
            return args.prep_object(head, role[5:].split("/"))
        if role == "object":
            return args.logical_object(head, ctx.names)
        if head.pos_ in {"NOUN", "PROPN"}:
            return _nominal_agent(head, ctx.names, self.lexicon, frame.type == "MEETING")
        return args.logical_subject(cand.head, ctx.names)

    def _agent_names(self, tok: Token | None, ctx: Context, cand: Candidate) -> list[str]:
        if tok is None:
            return []
        labels = self.lexicon.speaker_labels if cand.frame.type == "STATEMENT" else self.lexicon.agent_labels
        found = self._pronoun_names(tok, ctx, labels)
        if found is not None:  # 'he and Jean-Claude Juncker announced'
            found += [n for c in args.conjuncts(tok) if c != tok
                      for n in args.names_of(c, ctx.names, labels, self.lexicon.actors, groups=False)]
        else:
            found = args.names_of(tok, ctx.names, labels, self.lexicon.actors,
                                  groups=cand.frame.type != "STATEMENT")
            if not found and cand.frame.type == "STATEMENT" and tok.lemma_ in self.lexicon.documents:
                found = [n for c in tok.children if c.dep_ in {"poss", "compound"}
                         for n in args.names_of(c, ctx.names, labels, groups=False)]
            if not found and tok.dep_ in {"compound", "amod", "nmod"}:  # 'U.S. tariff hikes', 'Chinese retaliation'
                found = args.owner_name(tok, ctx.names, labels)
            if not found and (tok.pos_ == "PROPN" or tok.is_title) and ctx.names.get(tok) is None:
                found = _known_name(tok, ctx)
            if not found and tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                found = self._described(tok, ctx)
            found += [n for c in args.conjuncts(tok) if c != tok for n in self._pronoun_names(c, ctx, labels) or []]
        return ctx.canonical(found)

    def _described(self, tok: Token, ctx: Context) -> list[str]:
        """'the company said' → the closest earlier subject when it names one organisation (`body_description`);
        'the president said' → the person last named with that title ('President Donald Trump')."""
        if tok.lemma_ in self.lexicon.classes.get("body_description", ()):
            return _last_subject(tok, ctx.names, frozenset({"ORG"}), single=True)
        doc = tok.doc
        for i in range(tok.i - 1, -1, -1):
            span = ctx.names.get(doc[i])
            if span is not None and span.label_ == "PERSON" and span.start == i and (
                    span[0].lower_ == tok.lower_ or (i > 0 and doc[i - 1].lower_ == tok.lower_)):
                return [span.text]
        return []

    def _pronoun_names(self, tok: Token, ctx: Context, labels: frozenset[str]) -> list[str] | None:
        """The names a pronoun stands for (None when `tok` is not one): 'they' the previous sentence's
        named subjects, 'he/she/his/her' the last person subject, 'it/its' the closest named body subject."""
        if tok.lower_ in args.PRONOUNS:
            return _previous_subject_names(tok, ctx.names, labels, self.lexicon.actors)
        if tok.lower_ in args.PERSON_PRONOUNS or (tok.lower_ == "her" and tok.dep_ == "poss"):
            return _last_subject(tok, ctx.names, PERSON)
        if tok.lower_ in args.THING_PRONOUNS:
            return _last_subject(tok, ctx.names, BODY & labels, single=True)
        return None

    def _object_text(self, cand: Candidate, tok: Token | None, ctx: Context) -> str | None:
        if cand.frame.type == "STATEMENT":
            if cand.frame.object == "none":  # 'according to X, …': what the clause it hangs on says
                return _clause_without(cand.head.head, cand.head)
            return _statement_content(cand, ctx)
        if cand.frame.type == "MEETING" and cand.head.pos_ == "NOUN":
            topic = args.prep_object(cand.head, {"on", "about"})
            if topic is not None and _in_timex(topic, ctx):
                topic = None  # 'a press conference on Oct. 18': a date, not a topic
            return args.noun_phrase(topic if topic is not None else cand.head, ctx.names)
        if tok is None:
            return None
        span = ctx.names.get(tok)
        if span is not None:
            return ctx.fullest(span.text)
        return args.noun_phrase(tok, ctx.names)

    def _location(self, chain: list[Token], ctx: Context) -> str | None:
        for tok in chain:
            place = args.prep_object(tok, self.lexicon.location_preps)
            fronted = args.fronted_phrase(tok, ctx.names)
            if fronted is not None and place == fronted.subject:  # 'In Vienna Austria and Hungary signed'
                place = fronted.opening.root
            if place is not None and ctx.names.label(place) in self.lexicon.location_labels:
                return ctx.fullest(ctx.names.get(place).text)
        return None

    def _dates(self, chain: list[Token], cand: Candidate, ctx: Context) -> list[str]:
        """Values of the timexes that the closest link of the predicate chain governs; the words of
        a phrasal trigger and the participle of a nominal one ('the summit held on …') are links too."""
        head = cand.head
        links = list(chain)
        if head.pos_ == "NOUN":
            links[1:1] = [c for c in head.children if c.dep_ == "acl"]
        links[1:1] = [t for t in cand.span if t != head]
        vague: list[str] = []  # PRESENT_REF …: only when no link has a calendar date ('on the future of X on D')
        for link in links:
            values = [d.timex.value for d in ctx.dates
                      if d.modifier and d.governor is not None and d.governor.i == link.i]
            if _calendar(values):
                return _prefer_calendar(values)
            vague = vague or values
        return _prefer_calendar(self._fronted_dates(chain[-1], ctx)) or list(dict.fromkeys(vague))

    def _fronted_dates(self, verb: Token, ctx: Context) -> list[str]:
        """'In 2007, X labelled Y and levied sanctions': a date fronted before the subject covers the
        verbs conjoined with the first one; one after it ('built … and went into operation on D') does not.
        Without the comma the opening date is read off `args.fronted_phrase`."""
        if verb.pos_ not in {"VERB", "AUX"}:
            return []
        first = args.conj_head(verb)
        fronted = args.fronted_phrase(first, ctx.names)
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        if fronted is not None and (first == verb or not own_subject):
            opening = fronted.opening  # 'On 3 May X and Y signed … and launched …'
            return list(dict.fromkeys(d.timex.value for d in ctx.dates
                                      if opening.start <= d.span.start and d.span.end <= opening.end))
        if verb.dep_ != "conj":
            return []
        subject = next((c for c in first.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or own_subject:
            return []
        return list(dict.fromkeys(d.timex.value for d in ctx.dates if d.modifier and d.governor is not None
                                  and d.governor.i == first.i and d.span.end <= subject.left_edge.i))

    def status(self, cand: Candidate, chain: list[Token]) -> str:
        lex = self.lexicon
        scope = list(chain)
        tok = chain[-1]
        while tok.dep_ in {"xcomp", "acl", "ccomp", "advcl"} and tok.head != tok and _is_to_clause(tok):
            tok = tok.head
            scope.append(tok)
        scope += [args.conj_head(t) for t in scope if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}
                  and not any(c.dep_ == "aux" for c in t.children)]  # 'will take action and impose'
        # 'the visit sought to reassure': what the event itself attempts or plans says nothing of its status
        cues = [t for t in scope if t != cand.head and not any(p.head == t and p.dep_ in {"nsubj", "nsubjpass"}
                                                               for p in chain)]
        for t in cues:
            if t.lemma_ in lex.attempt:
                return "attempted"
        if any(c.dep_ == "amod" and c.lower_ in lex.plan_modifiers for c in cand.head.children):
            return "planned"  # 'the expected summit', 'upcoming talks'
        head = cand.head.head
        if cand.head.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in lex.travel_verbs:
            return "planned"  # 'headed to New York for talks'
        for t in scope:
            if t in cues and t.lemma_ in lex.plan and _is_to_clause_head(t, scope):
                return "planned"
            if any(c.dep_ == "aux" and c.lower_ in lex.future_aux for c in t.children):
                return "planned"
            if any(c.dep_ == "aux" and c.lemma_ == "go" for c in t.children) and t.tag_ == "VB":
                return "planned"
        return self._infinitive_status(cand, scope)

    def _infinitive_status(self, cand: Candidate, scope: list[Token]) -> str:
        """'received a grant to build': a purpose or noun-complement infinitive is not yet done (planned);
        after 'voted/agreed/began to' it is, and 'a ceremony was held to start' marks the start."""
        lex = self.lexicon
        inf = next((t for t in scope if _is_to_clause(t)), None)
        if inf is None or any(c.dep_ == "aux" and c.lemma_ == "have" for c in inf.children):
            return "occurred"  # 'is reported to have visited': a perfect infinitive is done
        gov = inf.head
        if gov.lemma_ in lex.achieved or any(c.lemma_ in lex.occasions for c in gov.children
                                             if c.dep_ in args.NOUN_ARGS):
            return "occurred"
        return "planned"

    def _object_parts(self, obj: Token, ctx: Context) -> list[tuple[str, str | None]]:
        """'the units at plant A in P1, as well as units at plant B in P2' → one (object, location) per item."""
        doc = obj.doc
        start = obj.left_edge.i
        end = ctx.names.sentence(obj)[1]
        tokens = [t for t in doc[start:end]]
        segments: list[list[Token]] = [[]]
        i = 0
        while i < len(tokens):
            matched = next((c for c in self.lexicon.coordinators
                            if [t.lower_ for t in tokens[i:i + len(c)]] == list(c)), None)
            if matched:
                segments.append([])
                i += len(matched)
                continue
            segments[-1].append(tokens[i])
            i += 1
        parts = []
        for seg in segments:
            seg = _cut_clause(seg)
            if not seg or not self._in_classes_any(seg, ("facility", "@FAC"), ctx):
                continue
            text_toks, location = _split_location(seg, ctx, self.lexicon)
            while text_toks and (text_toks[0].lower_ in args.DETERMINERS or text_toks[0].is_punct):
                text_toks = text_toks[1:]
            while text_toks and text_toks[-1].is_punct:
                text_toks = text_toks[:-1]
            if text_toks:
                parts.append((doc[text_toks[0].i:text_toks[-1].i + 1].text, location))
        return parts

    def _in_classes_any(self, tokens: list[Token], classes: tuple[str, ...], ctx: Context) -> bool:
        return any(self._in_classes(t, classes, ctx) for t in tokens if t.pos_ in {"NOUN", "PROPN"})

    def inherit_occasion_dates(self, built: list[Built], ctx: Context) -> None:
        """'At the summit held on D, X said …', 'In his Tuesday talk, he reaffirmed …': an event
        inside a dated occasion takes its date (the occasion's event date, or a timex that the
        occasion noun or its participle governs)."""
        dated = {b.candidate.head.i: b.date for b in built if b.date and b.candidate.frame.type == "MEETING"}
        for b in built:
            if b.date is not None:
                continue
            for link in b.chain:
                occasion = args.prep_object(link, self.lexicon.occasion_preps)
                if occasion is None or occasion.pos_ not in {"NOUN", "PROPN"}:
                    continue
                holders = {occasion.i} | {c.i for c in occasion.children if c.dep_ == "acl"}
                own = [d.timex.value for d in ctx.dates
                       if d.modifier and d.governor is not None and d.governor.i in holders]
                date = dated.get(occasion.i) or (own[0] if len(set(own)) == 1 else None)
                if date is not None:
                    b.date = date
                    break

    def to_events(self, built: list[Built]) -> list[Event]:
        out: list[Event] = []
        seen = set()
        for b in built:
            cand = b.candidate
            key = (cand.frame.type, cand.span.start, b.date, b.object, tuple(b.agents))
            if key in seen:
                continue
            seen.add(key)
            span = cand.span
            out.append(Event(
                type=cand.frame.type,
                trigger=Trigger(span.text, span.start_char, span.end_char),
                date=b.date, agents=b.agents, object=b.object, location=b.location, status=b.status,
                sentence=b.sentence, cameo=self.cameo_code(cand),
            ))
        return out

    def cameo_code(self, cand: Candidate) -> str | None:
        entry = self.cameo.get(cand.frame.type)
        if not entry:
            return None
        return entry.get("lemmas", {}).get(cand.head.lemma_.lower(), entry.get("default"))

    def set_annotations(self, doc: Doc, events: list[Event]) -> None:
        doc._.events = events


# --- small pure helpers ---------------------------------------------------------------------------

def _first_words(token_pattern: dict) -> list[str]:
    """The LEMMA/LOWER values a phrase pattern's first token can take."""
    values: list[str] = []
    for attr in ("LEMMA", "LOWER"):
        value = token_pattern.get(attr)
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, dict):
            values.extend(value.get("IN", []))
    if not values:
        raise DataFileError(f"a phrase must begin with a LEMMA or LOWER value: {token_pattern}")
    return values


def _lemma_doc(nlp: Language, lemma: str) -> Doc:
    doc = Doc(nlp.vocab, words=[lemma])
    doc[0].lemma_ = lemma
    return doc


def _nominal_span(noun: Token) -> Span:
    """A nominal trigger with its compound modifiers and coordinated nouns: 'press conference',
    'meetings and exchanges'."""
    doc = noun.doc
    start = min([noun.i] + [c.i for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"])
    last = noun
    for c in noun.children:
        if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > last.i and all(
                t.dep_ in {"cc", "punct"} for t in doc[last.i + 1:c.i]):
            last = c
    return doc[start:last.i + 1]


def _purpose_infinitive(verb: Token, lex: EventLexicon) -> bool:
    """'used the debate to stress', 'travelled to Kyiv to announce': an infinitive that a verb does
    something for; not after a plan verb ('is expected to announce') nor completing a predicate
    ('became the first president to tell')."""
    gov = verb.head
    return (_is_to_clause(verb) and verb.dep_ in {"advcl", "xcomp"} and gov.pos_ == "VERB"
            and gov.lemma_ not in lex.plan and not any(c.dep_ in {"attr", "acomp"} for c in gov.children))


def _carried_by_verb(cand: Candidate, found: dict[int, Candidate]) -> bool:
    """'imposed an embargo', 'threatened a boycott', 'responded with tariff hikes': a nominal sanction
    whose verb is itself a sanction trigger is that verb's event, not a second one."""
    head = cand.head
    if cand.frame.type != "SANCTION" or head.pos_ != "NOUN":
        return False
    verb = head.head.head if head.dep_ == "pobj" else head.head
    other = found.get(verb.i)
    return other is not None and other is not cand and other.frame.type == "SANCTION"


def _object_of(cand: Candidate, names: args.NameIndex) -> Token | None:
    head = cand.event_verb
    if head.pos_ in {"NOUN", "PROPN"}:  # 'the signing of the treaty', 'tariff hikes'
        return args.prep_object(head, {"of", "to"}) or next(
            (c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
    return args.logical_object(head, names)


def _nominal_agent(noun: Token, names: args.NameIndex, lex: EventLexicon, meeting: bool = False) -> Token | None:
    """Who takes part in a nominal event: 'Putin's visit', 'talks between A and B', 'A held talks',
    'at the summit, A said'; the subject of a verb governing a `meeting` noun only when the verb is
    one of taking part."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    if not meeting:  # 'U.S. tariff hikes', 'a Chinese embargo'
        owner = next((c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"}
                      and args.owner_name(c, names, lex.agent_labels)), None)
        if owner is not None:
            return owner
    for prep in ("by", "between", "with", "among"):
        obj = args.prep_object(noun, {prep})
        if obj is not None and args.names_of(obj, names, lex.agent_labels, lex.actors, groups=False):
            return obj
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in lex.participation_preps and head.head.pos_ == "NOUN":
        return next((c for c in head.head.children if c.dep_ == "poss"), None)
    if noun.dep_ in {"dobj", "attr"} and head.pos_ in {"VERB", "AUX"} and (
            not meeting or head.lemma_ in lex.participation_verbs):  # 'A held talks', not 'A discussed the talks'
        return args.logical_subject(head, names)
    if noun.dep_ == "pobj" and head.lower_ in lex.attendance_preps and head.head.pos_ in {"VERB", "AUX"}:
        return args.logical_subject(head.head, names)
    if noun.dep_ in {"dobj", "nsubj", "nsubjpass"} and head.pos_ in {"VERB"} and (
            not meeting or head.lemma_ in lex.participation_verbs):
        return args.logical_subject(head, names)
    return None


def _in_timex(tok: Token, ctx: Context) -> bool:
    return any(d.span.start <= tok.i < d.span.end for d in ctx.dates)


def _has_dependent(tok: Token, requirement: str) -> bool:
    """`requirement` is a dependency label ('oprd'), 'prep:<word>' ('prep:for') or 'quote' (the verb
    attributes a quotation: '"…," writes X')."""
    if requirement == "quote":
        doc = tok.doc
        return any(t.is_quote for t in doc[max(tok.i - 3, 0):tok.i])
    if requirement.startswith("prep:"):
        return any(c.dep_ in {"prep", "prt"} and c.lower_ == requirement[5:] for c in tok.children)
    return any(c.dep_ == requirement for c in tok.children)


def _person_joins_company(agent: Token | None, obj: Token | None, ctx: Context) -> bool:
    """'Kempczinski joined McDonald's': a person joining a named body that is not an organisation
    word ('party', 'union') takes a job; membership is of states, bodies, or people in parties."""
    if agent is None or obj is None or ctx.names.label(agent) != "PERSON":
        return False
    span = ctx.names.get(obj)
    head = span[-1] if span is not None else obj
    return head.lemma_.lower() not in ctx.lexicon.classes["organisation"]


def _known_name(tok: Token, ctx: Context) -> list[str]:
    """A proper noun the entity layer missed that repeats a name found elsewhere ('Ardern' after
    'Jacinda Ardern')."""
    start = min([tok.i] + [c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
    text = tok.doc[start:tok.i + 1].text
    full = ctx.fullest(text)
    return [full] if full != text else []


def _last_subject(tok: Token, names: args.NameIndex, labels: frozenset[str], sentences: int = 2,
                  single: bool = False) -> list[str]:
    """'he/she/his' → the last person named as a subject before it, in its sentence or the `sentences`
    before ('Merkel said … She added'). 'it/its' (`single`) → the closest earlier subject, when that is
    an organisation or a state named on its own ('The EU … it agreed'); a nearer unnamed subject ('the
    newspaper … what it said') or a coordinated one ('China and Russia … it') gives nothing."""
    doc = tok.doc
    start = names.sentence(tok)[0]
    for _ in range(sentences):
        if start == 0:
            break
        start = names.sentence(doc[start - 1])[0]
    for i in range(tok.i - 1, start - 1, -1):
        t = doc[i]
        if t.dep_ not in {"nsubj", "nsubjpass"} or (single and t.pos_ == "PRON"):
            continue
        span = names.get(t)
        if span is not None and span.root.i != t.i:
            continue
        if span is not None and span.label_ in labels and not (
                single and any(c.dep_ == "conj" for c in t.children)):
            return [span.text]
        if single and t.pos_ in {"NOUN", "PROPN"}:
            return []  # the closest subject is something else
    return []


def _previous_subject_names(tok: Token, names: args.NameIndex, labels: frozenset[str],
                            actors: frozenset[str]) -> list[str]:
    """'they' → the names that were the subject of the previous sentence ('China and Russia … In 1996, they')."""
    doc = tok.doc
    start, _ = names.sentence(tok)
    if start == 0:
        return []
    first, last = names.sentence(doc[start - 1])
    for t in doc[first:last]:
        if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT":
            found = args.names_of(t, names, labels, actors, groups=False)
            if len(found) >= 2:
                return found
    return []


def _generic_present(verb: Token, chain: list[Token]) -> bool:
    """Present simple without a date or perfect/future auxiliary: a habit, not a happening."""
    if verb.tag_ not in {"VBP", "VBZ"}:
        return False
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"MD"} for c in verb.children):
        return False
    return not any(v.tag_ in {"VBD", "VBN"} for v in chain if v.pos_ in {"VERB", "AUX"} and v != verb)


def _calendar(values: list[str]) -> list[str]:
    return [v for v in values if not v.endswith("_REF")]


def _prefer_calendar(values: list[str]) -> list[str]:
    """Distinct date values; a PRESENT_REF/PAST_REF/FUTURE_REF gives way to a calendar date of the same
    predicate ('a meeting on the future of X on 5 May' is dated 5 May, once)."""
    values = list(dict.fromkeys(values))
    return _calendar(values) or values


def _quoted_before(clause: Token, verb: Token, names: args.NameIndex) -> bool:
    """'"If we get the tariffs, it risks a recession," X told CNN': a clause inside a quotation
    before the speech verb is part of what is said, not a condition on saying it."""
    start = names.sentence(verb)[0]
    return clause.i < verb.i and any(t.is_quote for t in clause.doc[start:clause.left_edge.i + 1])


def _is_to_clause(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _is_to_clause_head(tok: Token, scope: list[Token]) -> bool:
    return any(s.head == tok and _is_to_clause(s) for s in scope) or tok.lemma_ in {"due", "set"}


def _statement_content(cand: Candidate, ctx: Context) -> str | None:
    """What is said: the complement clause, else what the verb's object phrases say ('denied any
    involvement', 'called the stabbing an act of …'); never its dates, particle, adjuncts or the
    person told ('said Monday in a tweet', 'pointed out', 'warned China' say nothing by themselves)."""
    verb = cand.head
    doc = verb.doc
    comp = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}), None)
    if comp is not None:
        toks = [t for t in comp.subtree if not (t.dep_ == "mark" and t.head == comp)]
    else:
        grounds = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in ctx.lexicon.content_preps
                   and not any(_in_timex(g, ctx) for g in c.children)]  # 'accused X of Y', 'praised X for Y'
        keep = grounds + [c for c in verb.rights if c.dep_ in args.OBJECTS and not _in_timex(c, ctx)
                          and (grounds or not (c.dep_ == "dobj" and ctx.names.label(c) in ctx.lexicon.agent_labels))]
        toks = sorted((t for c in keep for t in c.subtree), key=lambda t: t.i)
    toks = [t for t in toks if not t.is_space]
    while toks and toks[0].is_punct and not toks[0].is_quote:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    return doc[toks[0].i:toks[-1].i + 1].text


def _clause_without(verb: Token, part: Token) -> str | None:
    """The clause of `verb` without the phrase headed by `part`, punctuation trimmed."""
    drop = {t.i for t in part.subtree}
    toks = [t for t in verb.subtree if t.i not in drop and not t.is_space]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return "".join(t.text_with_ws for t in toks).strip() if toks else None


def _dated_groups(first: Token, ctx: Context) -> list[tuple[list[str], str]]:
    """'Uzbekistan in 2001, India and Pakistan in 2017 and Iran in 2021' → names grouped by the date that closes them."""
    doc = first.doc
    dates = sorted((d for d in ctx.dates if d.span.start >= first.i and d.span.end <= ctx.names.sentence(first)[1]),
                   key=lambda d: d.span.start)
    groups: list[tuple[list[str], str]] = []
    pos = first.i
    labels = ctx.lexicon.agent_labels - {"NORP"}
    for d in dates:
        names = [s.text for s in args.right_names(pos, d.span.start, doc, ctx.names, labels)]
        if not names:
            break
        groups.append((names, d.timex.value))
        pos = d.span.end
    return groups


def _cut_clause(seg: list[Token]) -> list[Token]:
    """A coordinated item up to where a participle or relative clause starts ('… based on Russian technology')."""
    for k, t in enumerate(seg):
        if k and (t.tag_ in {"VBN", "VBG", "VBD", "VBZ", "VBP"} or t.lower_ in {"which", "that", "who"}):
            return seg[:k]
    return seg


def _split_location(seg: list[Token], ctx: Context, lex: EventLexicon) -> tuple[list[Token], str | None]:
    """Cut a trailing 'in <place>' off an object phrase and return it as the location."""
    for k in range(len(seg) - 1, 0, -1):
        t = seg[k]
        if t.lower_ in lex.location_preps and k + 1 < len(seg):
            span = ctx.names.get(seg[k + 1])
            if span is not None and span.label_ in lex.location_labels - {"FAC"} and span.end <= seg[-1].i + 1:
                return seg[:k], ctx.fullest(span.text)
    return seg, None


@Language.factory(
    "claims_events",
    default_config={"triggers": None, "lexicon": None, "cameo": None},
)
def make_events(nlp: Language, name: str, triggers: str | None, lexicon: str | None,
                cameo: str | None) -> EventExtractor:
    """Writes events to `doc._.events`; reads `doc._.entities` and `doc._.timexes`. Files default to `data/`."""
    register_extensions()
    return EventExtractor(nlp, load_frames(triggers), EventLexicon.load(lexicon), load_cameo(cameo))
