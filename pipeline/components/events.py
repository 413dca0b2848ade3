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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span, Token

from ..extensions import register_extensions
from ..names import NameResolver
from ..resources import DataFileError, check_choice, read_json, read_jsonl, resolve
from ..schema import EVENT_TYPES, CharSpan, Event, Timex, Trigger
from . import arguments as args
from .boilerplate import overlaps_boilerplate

DEFAULT_TRIGGERS = "event_triggers.jsonl"
DEFAULT_LEXICON = "event_lexicon.json"
DEFAULT_CAMEO = "cameo.json"
FRAME_KEYS = ("type", "pos", "lemmas", "phrase", "control", "objects", "not_objects", "support", "agent",
              "object", "status", "split_objects", "leaves")
ROLES = ("subject", "object", "none")
DATE_TYPES = frozenset({"DATE", "TIME"})


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
    leaves: bool = False


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
            leaves=bool(record.get("leaves")),
        ))
    return frames


@dataclass(frozen=True)
class EventLexicon:
    classes: dict[str, frozenset[str]]
    attempt: frozenset[str]
    plan: frozenset[str]
    future_aux: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_modals: frozenset[str]
    speaker_labels: frozenset[str]
    agent_labels: frozenset[str]
    documents: frozenset[str]
    occasion_preps: frozenset[str]
    location_preps: frozenset[str]
    location_labels: frozenset[str]
    coordinators: tuple[tuple[str, ...], ...]

    @property
    def actors(self) -> frozenset[str]:
        return self.classes.get("actor", frozenset())

    @classmethod
    def load(cls, source: str | Path | None = None) -> EventLexicon:
        path = resolve(source, DEFAULT_LEXICON)
        data = read_json(path)
        keys = ("comment", "classes", "status", "conditional_marks", "hypothetical_modals", "speaker_labels",
                "agent_labels", "documents", "occasion_preps", "location_preps", "location_labels", "coordinators")
        for key in data:
            check_choice(key, keys, "setting", str(path))
        status = data["status"]
        return cls(
            classes={k: frozenset(v) for k, v in data["classes"].items()},
            attempt=frozenset(status["attempt"]), plan=frozenset(status["plan"]),
            future_aux=frozenset(status["future_aux"]),
            conditional_marks=frozenset(data["conditional_marks"]),
            hypothetical_modals=frozenset(data["hypothetical_modals"]),
            speaker_labels=frozenset(data["speaker_labels"]), agent_labels=frozenset(data["agent_labels"]),
            documents=frozenset(data["documents"]), occasion_preps=frozenset(data["occasion_preps"]),
            location_preps=frozenset(data["location_preps"]), location_labels=frozenset(data["location_labels"]),
            coordinators=tuple(tuple(c.split()) for c in data["coordinators"]),
        )

    def check_frames(self, frames: Iterable[Frame]) -> None:
        for frame in frames:
            for name in (*frame.objects, *frame.not_objects):
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
    """A timex on the token grid, with the token it modifies."""

    timex: Timex
    span: Span
    governor: Token | None


def timex_governor(span: Span, spans: list[Span]) -> Token | None:
    """The word a timex modifies: through its preposition, or through the timex it is coordinated with."""
    tok = span.root
    for _ in range(len(span.doc)):
        head = tok.head
        if head is tok:
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
    return [DatedSpan(t, s, timex_governor(s, only)) for t, s in spans]


@dataclass
class Context:
    doc: Doc
    names: args.NameIndex
    dates: list[DatedSpan]
    resolver: NameResolver
    lexicon: EventLexicon
    text: str
    _group_cache: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    def canonical(self, names: Iterable[str]) -> list[str]:
        key = tuple(names)
        if key not in self._group_cache:
            self._group_cache[key] = self.resolver.group(key)
        return list(self._group_cache[key])


def make_resolver(doc: Doc, entities: Iterable) -> NameResolver:
    """Names of the document with their 'Name (ACR)' pairs: agents are written in their fullest form."""
    ents = list(entities)
    text = doc.text
    pairs = []
    for a, b in zip(ents, ents[1:]):
        if text[a.end:b.start].strip() == "(" and text[b.end:b.end + 2].strip().startswith(")") and a.label == b.label:
            pairs.append((a.text, b.text))
    return NameResolver(names=[e.text for e in ents if e.label != "NORP"], pairs=pairs)


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
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.dep_matcher = DependencyMatcher(nlp.vocab, validate=True)
        for i, frame in enumerate(frames):
            key = str(i)
            if frame.phrase:
                self.matcher.add(key, [list(frame.phrase)])
            elif frame.control:
                self.dep_matcher.add(key, [[
                    {"RIGHT_ID": "control", "RIGHT_ATTRS": {"LEMMA": {"IN": list(frame.lemmas)}, "POS": "VERB"}},
                    {"LEFT_ID": "control", "REL_OP": ">", "RIGHT_ID": "event",
                     "RIGHT_ATTRS": {"DEP": "xcomp", "LEMMA": {"IN": list(frame.control)}}},
                ]])
            else:
                pos = ["VERB"] if frame.pos == "VERB" else ["NOUN"]
                self.matcher.add(key, [[{"LEMMA": {"IN": list(frame.lemmas)}, "POS": {"IN": pos}}],
                                       [{"LOWER": {"IN": list(frame.lemmas)}, "POS": {"IN": pos}}]])

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # --- matching ---------------------------------------------------------------------------------

    def candidates(self, doc: Doc, ctx: Context) -> list[Candidate]:
        found: dict[int, Candidate] = {}
        for key, start, end in self.matcher(doc):
            frame = self.frames[int(self.matcher.vocab.strings[key])]
            span = doc[start:end]
            head = next((t for t in span if t.pos_ in {"VERB", "AUX"}), span[0]) if frame.phrase else span[0]
            if frame.pos == "NOUN":
                span = _nominal_span(head)
            self._offer(found, Candidate(frame, head, span, head), ctx)
        for key, (control, event) in self.dep_matcher(doc):
            frame = self.frames[int(self.dep_matcher.vocab.strings[key])]
            c, e = doc[control], doc[event]
            self._offer(found, Candidate(frame, c, doc[min(c.i, e.i):max(c.i, e.i) + 1], e), ctx)
        return sorted(found.values(), key=lambda c: c.span.start)

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
        if head.dep_ == "compound" or overlaps_boilerplate(head.doc, head.idx, head.idx + len(head)):
            return False
        if frame.support and not (head.dep_ in args.NOUN_ARGS | {"nsubj", "nsubjpass"}
                                  and head.head.lemma_ in frame.support):
            return False
        obj = self._object_token(cand, ctx.names)
        if frame.objects and (obj is None or not self._in_classes(obj, frame.objects, ctx)):
            obj = self._object_in_phrase(cand, ctx) if obj is None else None
            if obj is None:
                return False
        if frame.not_objects and obj is not None and self._in_classes(obj, frame.not_objects, ctx):
            return False
        cand.obj = obj
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
        frame, head = cand.frame, cand.head
        role = frame.object
        if role.startswith("prep:"):
            return args.prep_object(cand.event_verb, {role[5:]}) or _object_of(cand, names)
        if role == "subject":
            return args.surface_subject(head, names)
        if role == "none":
            return None
        return _object_of(cand, names)

    # --- events -----------------------------------------------------------------------------------

    def match(self, doc: Doc) -> list[Event]:
        entities = doc._.entities
        ctx = Context(doc, args.NameIndex.from_entities(doc, entities),
                      dated_spans(doc, [t for t in doc._.timexes if t.type in DATE_TYPES and t.value]),
                      make_resolver(doc, entities), self.lexicon, doc.text)
        built: list[Built] = []
        for cand in self.candidates(doc, ctx):
            if self.asserted(cand, ctx):
                built.extend(self.events_for(cand, ctx))
        self.inherit_occasion_dates(built)
        return self.to_events(built)

    def asserted(self, cand: Candidate, ctx: Context) -> bool:
        """Not negated, not conditional, not a generic present-tense habit."""
        lex = self.lexicon
        chain = args.predicate_chain(cand.head)
        verb = args.clause_verb(cand.head)
        scope = [t for t in chain + ([verb] if verb is not None else []) if t.pos_ in {"VERB", "AUX"}]
        for v in scope:
            for c in v.children:
                if c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in lex.conditional_marks):
                    return False
                if c.dep_ == "aux" and c.lower_ in lex.hypothetical_modals:
                    return False
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.conditional_marks
                                             for m in c.children):
                    return False
        if any(a.dep_ in {"advcl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ in lex.conditional_marks
                                                     for m in a.children) for a in [cand.head, *cand.head.ancestors]):
            return False
        if cand.frame.type == "STATEMENT" or verb is None:
            return True
        dated = any(d.governor is not None and d.governor.i in {t.i for t in (*chain, verb)} for d in ctx.dates)
        return dated or not _generic_present(verb, chain)

    def events_for(self, cand: Candidate, ctx: Context) -> list[Built]:
        frame, head = cand.frame, cand.head
        agents_tok = self._agent_token(cand, ctx)
        agents = self._agent_names(agents_tok, ctx, cand)
        if frame.type == "STATEMENT" and not agents:
            return []
        chain = args.predicate_chain(head)
        status = frame.status or self.status(cand, chain)
        sentence = sentence_span(head, ctx.names, ctx.text)
        obj_tok = cand.obj
        location = self._location(chain, ctx)
        base = Built(cand, None, agents, self._object_text(cand, obj_tok, ctx), location, status, sentence, chain)
        groups = _dated_groups(agents_tok, ctx) if frame.agent == "object" and agents_tok is not None else []
        if len(groups) >= 2:
            return [_replace(base, date=d, agents=ctx.canonical(n)) for n, d in groups]
        dates = self._dates(chain, head, ctx)
        if frame.split_objects and obj_tok is not None:
            parts = self._object_parts(obj_tok, ctx)
            if len(parts) >= 2:
                return [_replace(base, object=o, location=loc or location, date=dates[0] if dates else None)
                        for o, loc in parts]
        if len(dates) >= 2:
            return [_replace(base, date=d) for d in dates]
        return [_replace(base, date=dates[0] if dates else None)]

    def _agent_token(self, cand: Candidate, ctx: Context) -> Token | None:
        frame, head = cand.frame, cand.head
        role = frame.agent
        if role == "none":
            return None
        if role.startswith("prep:"):
            return args.prep_object(head, {role[5:]})
        if role == "object":
            return args.logical_object(head, ctx.names)
        if head.pos_ in {"NOUN", "PROPN"}:
            return _nominal_agent(head, ctx.names, self.lexicon)
        return args.logical_subject(cand.head, ctx.names)

    def _agent_names(self, tok: Token | None, ctx: Context, cand: Candidate) -> list[str]:
        if tok is None:
            return []
        labels = self.lexicon.speaker_labels if cand.frame.type == "STATEMENT" else self.lexicon.agent_labels
        if tok.lower_ in args.PRONOUNS:
            found = _previous_subject_names(tok, ctx.names, labels, self.lexicon.actors)
        else:
            found = args.names_of(tok, ctx.names, labels, self.lexicon.actors,
                                  groups=cand.frame.type != "STATEMENT")
            if not found and cand.frame.type == "STATEMENT" and tok.lemma_ in self.lexicon.documents:
                found = [n for c in tok.children if c.dep_ in {"poss", "compound"}
                         for n in args.names_of(c, ctx.names, labels, groups=False)]
        return ctx.canonical(found)

    def _object_text(self, cand: Candidate, tok: Token | None, ctx: Context) -> str | None:
        if cand.frame.type == "STATEMENT":
            return _statement_content(cand.head)
        if cand.frame.type == "MEETING" and cand.head.pos_ == "NOUN":
            topic = args.prep_object(cand.head, {"on", "about"})
            return args.noun_phrase(topic if topic is not None else cand.head, ctx.names)
        if tok is None:
            return None
        span = ctx.names.get(tok)
        if span is not None:
            return ctx.resolver.canonical(span.text)
        return args.noun_phrase(tok, ctx.names)

    def _location(self, chain: list[Token], ctx: Context) -> str | None:
        for tok in chain:
            place = args.prep_object(tok, self.lexicon.location_preps)
            if place is not None and ctx.names.label(place) in self.lexicon.location_labels:
                return ctx.resolver.canonical(ctx.names.get(place).text)
        return None

    def _dates(self, chain: list[Token], head: Token, ctx: Context) -> list[str]:
        """Values of the timexes that the closest link of the predicate chain governs."""
        links = list(chain)
        if head.pos_ == "NOUN":
            links[1:1] = [c for c in head.children if c.dep_ == "acl"]
        for link in links:
            values = [d.timex.value for d in ctx.dates if d.governor is not None and d.governor.i == link.i]
            if values:
                return list(dict.fromkeys(values))
        return []

    def status(self, cand: Candidate, chain: list[Token]) -> str:
        lex = self.lexicon
        scope = list(chain)
        tok = chain[-1]
        while tok.dep_ in {"xcomp", "acl", "ccomp", "advcl"} and tok.head is not tok and _is_to_clause(tok):
            tok = tok.head
            scope.append(tok)
        for t in scope:
            if t is not cand.head and t.lemma_ in lex.attempt:
                return "attempted"
        for t in scope:
            if t is not cand.head and t.lemma_ in lex.plan and _is_to_clause_head(t, scope):
                return "planned"
            if any(c.dep_ == "aux" and c.lower_ in lex.future_aux for c in t.children):
                return "planned"
            if any(c.dep_ == "aux" and c.lemma_ == "go" for c in t.children) and t.tag_ == "VB":
                return "planned"
        return "occurred"

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

    def inherit_occasion_dates(self, built: list[Built]) -> None:
        """'At the summit held on D, X said …': an event inside a dated occasion takes its date."""
        dated = {b.candidate.head.i: b.date for b in built if b.date and b.candidate.frame.type == "MEETING"}
        for b in built:
            if b.date is not None:
                continue
            for link in b.chain:
                occasion = args.prep_object(link, self.lexicon.occasion_preps)
                if occasion is not None and occasion.i in dated:
                    b.date = dated[occasion.i]
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

def _replace(b: Built, **changes: Any) -> Built:
    values = {**b.__dict__, **changes}
    return Built(**values)


def _nominal_span(noun: Token) -> Span:
    """A nominal trigger with its compound modifiers and coordinated nouns: 'press conference',
    'meetings and exchanges'."""
    doc = noun.doc
    start = min([noun.i] + [c.i for c in noun.lefts if c.dep_ == "compound"])
    last = noun
    for c in noun.children:
        if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > last.i and all(
                t.dep_ in {"cc", "punct"} for t in doc[last.i + 1:c.i]):
            last = c
    return doc[start:last.i + 1]


def _object_of(cand: Candidate, names: args.NameIndex) -> Token | None:
    head = cand.event_verb
    if head.pos_ in {"NOUN", "PROPN"}:
        return args.prep_object(head, {"of", "to"})
    return args.logical_object(head, names)


def _nominal_agent(noun: Token, names: args.NameIndex, lex: EventLexicon) -> Token | None:
    """Who takes part in a nominal event: 'Putin's visit', 'talks between A and B', 'A held talks',
    'at the summit, A said'."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for prep in ("by", "between", "with", "among"):
        obj = args.prep_object(noun, {prep})
        if obj is not None and args.names_of(obj, names, lex.agent_labels, lex.actors, groups=False):
            return obj
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ == "NOUN":
        return next((c for c in head.head.children if c.dep_ == "poss"), None)
    if noun.dep_ in {"dobj", "attr"} and head.pos_ in {"VERB", "AUX"}:
        return args.logical_subject(head, names)
    if noun.dep_ == "pobj" and head.lower_ in lex.occasion_preps and head.head.pos_ in {"VERB", "AUX"}:
        return args.logical_subject(head.head, names)
    if noun.dep_ in {"dobj", "nsubj", "nsubjpass"} and head.pos_ in {"VERB"}:
        return args.logical_subject(head, names)
    return None


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
    return not any(v.tag_ in {"VBD", "VBN"} for v in chain if v.pos_ in {"VERB", "AUX"} and v is not verb)


def _is_to_clause(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _is_to_clause_head(tok: Token, scope: list[Token]) -> bool:
    return any(s.head is tok and _is_to_clause(s) for s in scope) or tok.lemma_ in {"due", "set"}


def _statement_content(verb: Token) -> str | None:
    """What is said: the complement clause, else the rest of the verb's phrase."""
    doc = verb.doc
    comp = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}), None)
    if comp is not None:
        toks = [t for t in comp.subtree if not (t.dep_ == "mark" and t.head is comp)]
    else:
        toks = [t for t in verb.subtree if t.i > verb.i]
    toks = [t for t in toks if not t.is_space]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    return doc[toks[0].i:toks[-1].i + 1].text


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
                return seg[:k], ctx.resolver.canonical(span.text)
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
