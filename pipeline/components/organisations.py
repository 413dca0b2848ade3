"""The organisations layer: one profile per organisation named as an ORG entity.

Mentions are merged by alias resolution ("Name (ACR)", a later bare "ACR",
"Alias (Official Name)"). Founding date and founders come from FOUNDING events
and members with join dates from MEMBERSHIP events (so this component runs
after `claims_events`); members are also read from lists in passing ("BRICS
(Brazil, Russia, …)", "X, including A and B", "A is a member of X"), observers
from "with A and B as observers" and "A is an observer in X".
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from numpy import flatnonzero, isin
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..extensions import register_extensions
from ..names import acronym, normalise
from ..resources import read_settings
from ..schema import CharSpan, Entity, Event, Member, Organisation
from . import arguments as args
from .events import NameTable

DEFAULT_CUES = "organisation_cues.json"
CUE_KEYS = ("list_cues", "list_skip", "member_nouns", "observer_nouns", "member_labels", "leave_verbs",
            "name_heads", "company_suffixes")


@dataclass(frozen=True)
class OrgCues:
    list_cues: tuple[tuple[str, ...], ...]
    list_skip: frozenset[str]
    member_nouns: frozenset[str]
    observer_nouns: frozenset[str]
    member_labels: frozenset[str]
    leave_verbs: frozenset[str]
    name_heads: frozenset[str]
    company_suffixes: frozenset[str]

    @classmethod
    def load(cls, source: str | Path | None = None) -> OrgCues:
        _, data = read_settings(source, DEFAULT_CUES, CUE_KEYS)
        return cls(
            list_cues=tuple(tuple(c.split()) for c in data["list_cues"]),
            list_skip=frozenset(data["list_skip"]), member_nouns=frozenset(data["member_nouns"]),
            observer_nouns=frozenset(data["observer_nouns"]), member_labels=frozenset(data["member_labels"]),
            leave_verbs=frozenset(data["leave_verbs"]), name_heads=frozenset(data["name_heads"]),
            company_suffixes=frozenset(data["company_suffixes"]),
        )


@dataclass
class Profile:
    """An organisation being assembled from its mentions and the facts stated about it."""

    mentions: list[Entity]
    name: str
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    founded: str | None = None
    founders: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    observers: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return [self.name, *([self.acronym] if self.acronym else []), *self.aliases]


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return " " not in text.strip() and len(text.strip()) >= 2 and bool(letters) and all(c.isupper() for c in letters)


def abbreviates(short: str, name: str) -> bool:
    """A mixed-case acronym whose capitals are the name's initials: 'AfCFTA' for 'African Continental
    Free Trade Area', 'FinCEN' for 'Financial Crimes Enforcement Network'."""
    capitals = "".join(c for c in short if c.isupper())
    return " " not in short.strip() and len(capitals) >= 2 and capitals == acronym(name)


def company_core(name: str, suffixes: frozenset[str]) -> list[str] | None:
    """The words of a company's name before its legal form ('Whole Foods Market Inc.' → whole foods
    market; 'Acme.com Inc.' → acme), or None when the name has no legal form."""
    words = normalise(name).replace(".com", " .com").split()
    core = list(words)
    while len(core) > 1 and core[-1].rstrip(".,") in suffixes:
        core.pop()
    return core if len(core) < len(words) else None


def short_for_company(short: str, name: str, suffixes: frozenset[str]) -> bool:
    """'Whole Foods' or 'Acme' written after 'Whole Foods Market Inc.' or 'Acme Corp.': the short
    name starts the company's name; without a legal form the name is not taken to be a company."""
    core = company_core(name, suffixes)
    words = normalise(short).split()
    return core is not None and company_core(short, suffixes) is None and 0 < len(words) <= len(core) \
        and core[:len(words)] == words


def paired(a: Entity, b: Entity, text: str) -> bool:
    """'A (B)': B is written in parentheses right after A."""
    return text[a.end:b.start].strip() == "(" and text[b.end:b.end + 2].strip().startswith(")")


def official_first(outer: str, inner: str, heads: frozenset[str]) -> tuple[str, str]:
    """(name, alias) of 'A (B)': the one headed by an organisation word ('… Initiative', '… Community')
    is the name; if both or neither are, the one written first."""
    def headed(name: str) -> bool:
        return name.split()[-1].lower() in heads
    return (inner, outer) if headed(inner) and not headed(outer) else (outer, inner)


def group_mentions(orgs: list[Entity], text: str, table: NameTable, cues: OrgCues) -> list[Profile]:
    """Profiles from ORG mentions: 'Name (ACR)' gives name and acronym, 'Name (Alias)' an alias;
    'Acme' joins 'Acme Corp.'."""
    profiles: list[Profile] = []
    heads = cues.name_heads

    def find(name: str) -> Profile | None:
        return next((p for p in profiles if any(table.same(name, n) for n in p.names())), None) or next(
            (p for p in profiles if short_for_company(name, p.name, cues.company_suffixes)
             or short_for_company(p.name, name, cues.company_suffixes)), None)

    skip: set[int] = set()
    for k, ent in enumerate(orgs):
        if k in skip:
            continue
        nxt = orgs[k + 1] if k + 1 < len(orgs) else None
        if nxt is not None and paired(ent, nxt, text):
            skip.add(k + 1)
            profile = find(ent.text) or find(nxt.text)
            if profile is None:
                profile = Profile([], ent.text)
                profiles.append(profile)
            profile.mentions += [ent, nxt]
            if not is_acronym(ent.text) and (is_acronym(nxt.text) or abbreviates(nxt.text, ent.text)):
                profile.name, profile.acronym = _fuller(profile.name, ent.text), nxt.text
            else:
                official, alias = official_first(ent.text, nxt.text, heads)
                profile.name = official
                profile.aliases = [a for a in dict.fromkeys([*profile.aliases, alias]) if a != official]
            continue
        profile = find(ent.text)
        if profile is None:
            profiles.append(Profile([ent], ent.text))
        else:
            profile.mentions.append(ent)
            initials = [n for n in (ent.text, profile.name) if is_acronym(n)]
            if not is_acronym(ent.text) and not profile.aliases:
                profile.name = _fuller(profile.name, ent.text)
            if profile.acronym is None and initials and initials[0] != profile.name \
                    and acronym(profile.name) == initials[0].replace(".", ""):
                profile.acronym = initials[0]  # 'the International Energy Agency … the IAEA': written, not invented
    return profiles


def _fuller(a: str, b: str) -> str:
    if is_acronym(a) and not is_acronym(b):
        return b
    return b if len(b.split()) > len(a.split()) else a


def add_event_facts(profiles: list[Profile], events: Iterable[Event], doc: Doc, table: NameTable,
                    cues: OrgCues) -> None:
    """Founding date and founders from FOUNDING events; members, with their join date, from MEMBERSHIP."""
    for event in events:
        if event.type not in {"FOUNDING", "MEMBERSHIP"} or event.object is None or event.status != "occurred":
            continue
        profile = _profile_named(profiles, event.object, table)
        if profile is None:
            continue
        if event.type == "FOUNDING":
            profile.founded = profile.founded or event.date
            _extend(profile.founders, event.agents, table)
        elif event.type == "MEMBERSHIP" and not _leaves(event, doc, cues):
            for agent in event.agents:
                _add_member(profile, agent, event.date, table)


def _leaves(event: Event, doc: Doc, cues: OrgCues) -> bool:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span is not None and any(t.lemma_ in cues.leave_verbs for t in span)


def _profile_named(profiles: list[Profile], name: str, table: NameTable) -> Profile | None:
    return next((p for p in profiles if any(table.same(name, n) for n in p.names())), None)


def _extend(target: list[str], names: Iterable[str], table: NameTable) -> None:
    for name in names:
        if not any(table.same(name, t) for t in target):
            target.append(table.fullest(name))


def _add_member(profile: Profile, name: str, joined: str | None, table: NameTable) -> None:
    for m in profile.members:
        if table.same(m.name, name):
            m.joined = m.joined or joined
            return
    profile.members.append(Member(table.fullest(name), joined))


def listed_names(doc: Doc, start: int, names: args.NameIndex, labels: frozenset[str]) -> tuple[list[Span], int]:
    """Names listed from token `start` on ('A, B and the C'), and where the list ends."""
    found: list[Span] = []
    i = start
    while i < len(doc):
        tok = doc[i]
        span = names.get(tok)
        if span is not None and span.label_ in labels and span.start == i:
            found.append(span)
            i = span.end
            continue
        if found and [t.lower_ for t in doc[i:i + 3]] == ["as", "well", "as"]:
            i += 3
            continue
        if tok.lower_ in {",", "and", "or", "the"} and (found or tok.lower_ == "the"):
            i += 1
            continue
        break
    return found, i


def list_members(profiles: list[Profile], doc: Doc, names: args.NameIndex, cues: OrgCues) -> list[tuple[Profile, list[str]]]:
    """Members listed in passing: 'BRICS (Brazil, Russia, …)', 'NATO members such as Poland'."""
    out = []
    for profile in profiles:
        for mention in profile.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or span.end >= len(doc):
                continue
            listed: list[Span] = []
            if doc[span.end].text == "(":
                listed, end = listed_names(doc, span.end + 1, names, cues.member_labels)
                if end >= len(doc) or doc[end].text != ")" or len(listed) < 2:
                    listed = []
            else:
                i = span.end
                while i < len(doc) and doc[i].lower_ in cues.list_skip:
                    i += 1
                cue = next((c for c in cues.list_cues if [t.lower_ for t in doc[i:i + len(c)]] == list(c)), None)
                if cue is not None:
                    listed, _ = listed_names(doc, i + len(cue), names, cues.member_labels)
            if listed:
                out.append((profile, [s.text for s in listed]))
    return out


def role_statements(profiles: list[Profile], doc: Doc, names: args.NameIndex, table: NameTable, cues: OrgCues,
                    nouns: frozenset[str]) -> list[tuple[Profile, list[str]]]:
    """'A and B are members of X', 'A, an observer in X', 'with A and B as observers' (of the X just named)."""
    out = []
    for tok in _tokens_among(doc, nouns):
        org = args.prep_object(tok, {"of", "in", "at", "to"})
        holders: list[str] = []
        if tok.head.lemma_ in {"be", "become", "remain"} and tok.dep_ in {"attr", "acomp"}:
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            holders = args.names_of(subj, names, cues.member_labels, groups=False) if subj is not None else []
        elif tok.dep_ == "appos":
            holders = args.names_of(tok.head, names, cues.member_labels, groups=False)
        elif tok.dep_ == "pobj" and tok.head.lower_ == "as":
            holders, org = _with_as(tok.head, doc, names, cues)
        profile = _org_of(org, names, profiles, table) if org is not None else None
        if profile is not None and holders:
            out.append((profile, holders))
    return out


def _tokens_among(doc: Doc, words: frozenset[str]) -> list[Token]:
    """Tokens whose lower-case form or lemma is one of `words`, found on the token arrays (walking
    every Token of a long Doc costs more than the rest of the component)."""
    keys = [doc.vocab.strings.add(w) for w in words]
    arr = doc.to_array([LOWER, LEMMA])
    return [doc[int(i)] for i in flatnonzero(isin(arr[:, 0], keys) | isin(arr[:, 1], keys))]


def _with_as(as_tok: Token, doc: Doc, names: args.NameIndex, cues: OrgCues) -> tuple[list[str], Token | None]:
    """'X …, with A, B and C as observers': the names between 'with' and 'as', and the ORG named before."""
    sent_start, _ = names.sentence(as_tok)
    i = as_tok.i - 1
    while i > sent_start and doc[i].lower_ != "with":
        i -= 1
    if doc[i].lower_ != "with":
        return [], None
    listed, end = listed_names(doc, i + 1, names, cues.member_labels)
    if end != as_tok.i:
        return [], None
    org = next((doc[j] for j in range(i - 1, sent_start - 1, -1) if names.label(doc[j]) == "ORG"), None)
    return [s.text for s in listed], org


def _org_of(tok: Token, names: args.NameIndex, profiles: list[Profile], table: NameTable) -> Profile | None:
    span = names.get(tok)
    if span is None or span.label_ != "ORG":
        return None
    return _profile_named(profiles, span.text, table)


class OrganisationExtractor:
    def __init__(self, cues: OrgCues):
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Organisation]:
        entities = doc._.entities
        text = doc.text
        table = NameTable.from_entities(text, entities)
        names = args.NameIndex.from_entities(doc, entities)
        profiles = group_mentions([e for e in entities if e.label == "ORG"], text, table, self.cues)
        add_event_facts(profiles, doc._.events, doc, table, self.cues)
        for profile, listed in list_members(profiles, doc, names, self.cues):
            for name in listed:
                _add_member(profile, name, None, table)
        for profile, listed in role_statements(profiles, doc, names, table, self.cues, self.cues.member_nouns):
            for name in listed:
                _add_member(profile, name, None, table)
        for profile, listed in role_statements(profiles, doc, names, table, self.cues, self.cues.observer_nouns):
            _extend(profile.observers, listed, table)
        return [to_organisation(p, table) for p in profiles]

    def set_annotations(self, doc: Doc, organisations: list[Organisation]) -> None:
        doc._.organisations = organisations


def to_organisation(p: Profile, table: NameTable) -> Organisation:
    """The public profile; founders are not repeated among members, nor the organisation itself."""
    members = [m for m in p.members if not any(table.same(m.name, f) for f in p.founders)
               and not any(table.same(m.name, n) for n in p.names())]
    return Organisation(
        name=p.name, acronym=p.acronym, aliases=list(p.aliases), founded=p.founded,
        founders=list(p.founders), members=members, observers=list(p.observers),
        mentions=[CharSpan(m.start, m.end) for m in sorted(p.mentions, key=lambda m: m.start)],
    )


@Language.factory("claims_organisations", default_config={"cues": None})
def make_organisations(nlp: Language, name: str, cues: str | None) -> OrganisationExtractor:
    """Writes profiles to `doc._.organisations`; reads `doc._.entities` and `doc._.events`."""
    register_extensions()
    return OrganisationExtractor(OrgCues.load(cues))
