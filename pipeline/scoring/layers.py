"""Scores of each layer of one document, as SCHEMA.md's Scoring section defines them.

Every score object keeps its alignment (matched pairs, missed, spurious) so the
error lists, the run comparison and the HTML report read the same decisions
the figures were computed from.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..names import NameResolver, normalise
from ..schema import Entity, Event, Member, NumericClaim, Organisation, Timex
from .matching import PRF, Accuracy, Alignment, align, jaccard, overlaps, same_span

VALUE_TOLERANCE = 1e-6  # relative error allowed on a numeric claim's value
_YEAR_MULTIPLES = {"Y": 1, "DE": 10, "CE": 100, "ML": 1000}
_YEARS_DURATION = re.compile(r"^P(\d+(?:\.\d+)?)(Y|DE|CE|ML)$")


def timex_values_equal(a: str | None, b: str | None) -> bool:
    """TIMEX3 values compared as written, except that decades, centuries and millennia
    of a duration are years (`P2DE` == `P20Y`, `P1CE` == `P100Y`). Months are not
    converted to years: `P12M` and `P1Y` differ, as the texts that say them do."""
    return _timex_key(a) == _timex_key(b)


def _timex_key(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().upper()
    match = _YEARS_DURATION.match(value)
    if match:
        years = float(match.group(1)) * _YEAR_MULTIPLES[match.group(2)]
        return f"P{years:g}Y"
    return value


def by_key(alignment: Alignment, gold_key: Callable, pred_key: Callable | None = None,
           counts_as_match: Callable | None = None) -> dict[str, PRF]:
    """Per-label PRF from an alignment: a pair is a true positive of its gold label when
    `counts_as_match` accepts it (labels equal by default), else a miss and a false alarm."""
    pred_key = pred_key or gold_key
    ok = counts_as_match or (lambda g, p: gold_key(g) == pred_key(p))
    table: dict[str, PRF] = {}

    def bump(key: str, **delta: int) -> None:
        table[key] = table.get(key, PRF()) + PRF(**delta)

    for g, p in alignment.pairs:
        if ok(g, p):
            bump(gold_key(g), tp=1)
        else:
            bump(gold_key(g), fn=1)
            bump(pred_key(p), fp=1)
    for g in alignment.missed:
        bump(gold_key(g), fn=1)
    for p in alignment.spurious:
        bump(pred_key(p), fp=1)
    return dict(sorted(table.items()))


# entities ------------------------------------------------------------------------------------

@dataclass
class EntityScores:
    strict: PRF
    relaxed: PRF
    strict_by_label: dict[str, PRF]
    relaxed_by_label: dict[str, PRF]
    alignment: Alignment[Entity, Entity]


def score_entities(gold: Sequence[Entity], pred: Sequence[Entity]) -> EntityScores:
    """Strict: same start, end and label; relaxed: overlapping spans with the same label."""
    strict = align(gold, pred, lambda g, p: 1.0 if same_span(g, p) and g.label == p.label else None)
    relaxed = align(gold, pred, lambda g, p: jaccard(g, p) if overlaps(g, p) and g.label == p.label else None)
    label = lambda e: e.label  # noqa: E731
    return EntityScores(strict.prf, relaxed.prf, by_key(strict, label), by_key(relaxed, label), relaxed)


# timexes -------------------------------------------------------------------------------------

@dataclass
class TimexScores:
    strict: PRF
    relaxed: PRF
    value: PRF
    type_accuracy: Accuracy
    value_accuracy: Accuracy
    mod_accuracy: Accuracy
    by_type: dict[str, PRF]
    alignment: Alignment[Timex, Timex]


def score_timexes(gold: Sequence[Timex], pred: Sequence[Timex]) -> TimexScores:
    """TempEval-3 style: strict/relaxed span F1 (type-blind), then type and value accuracy over
    relaxed matches; value F1 counts a relaxed match only when its value is right too.
    `by_type` is relaxed PRF per gold type, a pair of different types counting as a miss and a false alarm."""
    strict = align(gold, pred, lambda g, p: 1.0 if same_span(g, p) else None)
    relaxed = align(gold, pred, lambda g, p: (jaccard(g, p) + (g.type == p.type) + timex_values_equal(g.value, p.value))
                    / 3 if overlaps(g, p) else None)
    type_acc, value_acc, mod_acc = Accuracy(), Accuracy(), Accuracy()
    for g, p in relaxed.pairs:
        type_acc.count(g.type == p.type)
        value_acc.count(timex_values_equal(g.value, p.value))
        mod_acc.count(g.mod == p.mod)
    value = PRF(value_acc.correct, len(pred) - value_acc.correct, len(gold) - value_acc.correct)
    return TimexScores(strict.prf, relaxed.prf, value, type_acc, value_acc, mod_acc,
                       by_key(relaxed, lambda t: t.type), relaxed)


# events --------------------------------------------------------------------------------------

@dataclass
class EventScores:
    prf: PRF
    by_type: dict[str, PRF]
    date_accuracy: Accuracy
    status_accuracy: Accuracy
    agents: PRF
    alignment: Alignment[Event, Event]


def event_match_quality(g: Event, p: Event, resolver: NameResolver) -> float | None:
    """Same type and overlapping triggers (quality ≥ 0.5), or failing that same type, same
    sentence and equal non-null dates (quality 0.25); None when they cannot match.
    "Same sentence": the predicted trigger starts inside the gold sentence span. Among trigger
    matches, right dates, agents and status raise the quality, so events sharing one trigger
    ("expanded to include X in 2001, Y in 2017") pair up by their arguments."""
    if g.type != p.type:
        return None
    if overlaps(g.trigger, p.trigger):
        agents = names_prf(g.agents, p.agents, resolver)
        agreement = (jaccard(g.trigger, p.trigger) + timex_values_equal(g.date, p.date)
                     + (agents.f1 if not agents.empty else 1.0) + (g.status == p.status)) / 4
        return 0.5 + 0.5 * agreement
    in_sentence = g.sentence.start <= p.trigger.start < g.sentence.end
    if in_sentence and g.date is not None and timex_values_equal(g.date, p.date):
        return 0.25
    return None


def names_prf(gold: Iterable[str], pred: Iterable[str], resolver: NameResolver) -> PRF:
    """One-to-one agreement of two name lists after alias resolution."""
    return align(list(gold), list(pred), lambda g, p: 1.0 if resolver.same(g, p) else None).prf


def score_events(gold: Sequence[Event], pred: Sequence[Event], resolver: NameResolver | None = None) -> EventScores:
    """Event F1 over matches, then date accuracy, agent-set PRF (micro over pairs) and status accuracy."""
    resolver = resolver or NameResolver()
    alignment = align(gold, pred, lambda g, p: event_match_quality(g, p, resolver))
    date_acc, status_acc, agents = Accuracy(), Accuracy(), PRF()
    for g, p in alignment.pairs:
        date_acc.count(timex_values_equal(g.date, p.date))
        status_acc.count(g.status == p.status)
        agents += names_prf(g.agents, p.agents, resolver)
    return EventScores(alignment.prf, by_key(alignment, lambda e: e.type), date_acc, status_acc, agents, alignment)


# organisations -------------------------------------------------------------------------------

ORG_FIELDS: tuple[str, ...] = ("mentioned", "acronym", "founded", "founder", "member", "observer")


@dataclass(frozen=True)
class Triple:
    """One scoring fact of an organisation profile; `item` is the name or Member it came from,
    `start`/`end` the profile's first mention (where error lists show it in context)."""

    org: str
    field: str
    value: str
    item: str | Member | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class OrganisationScores:
    triples: PRF
    by_field: dict[str, PRF]
    profiles: PRF
    alignment: Alignment[Triple, Triple]
    org_alignment: Alignment[Organisation, Organisation]


def org_keys(org: Organisation) -> set[str]:
    return {normalise(n) for n in (org.name, org.acronym) if n}


def org_triples(org: Organisation, name: str | None = None) -> list[Triple]:
    """The profile as triples, under `name` (the matched gold name) or its own name."""
    name = name or org.name
    facts: list[tuple[str, str, str | Member | None]] = [("mentioned", "-", None)]
    if org.acronym:
        facts.append(("acronym", org.acronym, org.acronym))
    if org.founded:
        facts.append(("founded", org.founded, org.founded))
    facts += [("founder", f, f) for f in org.founders]
    facts += [("member", f"{m.name}@{m.joined or '-'}", m) for m in org.members]
    facts += [("observer", o, o) for o in org.observers]
    first = min(org.mentions, key=lambda m: m.start, default=None)
    start, end = (first.start, first.end) if first else (None, None)
    return [Triple(name, field, value, item, start, end) for field, value, item in facts]


def _triple_equal(resolver: NameResolver) -> Callable[[Triple, Triple], bool]:
    def equal(g: Triple, p: Triple) -> bool:
        if g.field != p.field:
            return False
        if g.field == "mentioned":
            return True
        if g.field == "acronym":
            return normalise(str(g.item)) == normalise(str(p.item))
        if g.field == "founded":
            return timex_values_equal(str(g.item), str(p.item))
        if g.field == "member":
            assert isinstance(g.item, Member) and isinstance(p.item, Member)
            return resolver.same(g.item.name, p.item.name) and timex_values_equal(g.item.joined, p.item.joined)
        return resolver.same(str(g.item), str(p.item))
    return equal


def score_organisations(gold: Sequence[Organisation], pred: Sequence[Organisation],
                        resolver: NameResolver | None = None) -> OrganisationScores:
    """Profiles matched by name or acronym (case-insensitive, one-to-one), then triple PRF;
    the triples of an unmatched profile are all missed or all spurious."""
    resolver = resolver or NameResolver()
    orgs = align(gold, pred, lambda g, p: (1.0 if normalise(g.name) == normalise(p.name) else 0.5)
                 if org_keys(g) & org_keys(p) else None)
    equal = _triple_equal(resolver)
    triples: Alignment[Triple, Triple] = Alignment()
    for g, p in orgs.pairs:
        triples += align(org_triples(g), org_triples(p, g.name), lambda a, b: 1.0 if equal(a, b) else None)
    for g in orgs.missed:
        triples += Alignment(missed=org_triples(g))
    for p in orgs.spurious:
        triples += Alignment(spurious=org_triples(p))
    by_field = by_key(triples, lambda t: t.field)
    return OrganisationScores(triples.prf, {f: by_field[f] for f in ORG_FIELDS if f in by_field},
                              orgs.prf, triples, orgs)


# numeric claims ------------------------------------------------------------------------------

def values_close(a: float | None, b: float | None, tolerance: float = VALUE_TOLERANCE) -> bool:
    """Relative error at most `tolerance` (absolute when the gold value is 0); None equals only None."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tolerance * abs(a) if a else abs(b) <= tolerance


@dataclass(frozen=True)
class ClaimCheck:
    """Which attributes of a matched predicted claim are right."""

    value: bool
    unit: bool
    comparator: bool
    time: bool

    @property
    def full(self) -> bool:
        return self.value and self.unit and self.comparator and self.time


def check_claim(g: NumericClaim, p: NumericClaim) -> ClaimCheck:
    return ClaimCheck(
        value=values_close(g.value, p.value) and values_close(g.value_max, p.value_max),
        unit=g.unit == p.unit,
        comparator=g.comparator == p.comparator,
        time=timex_values_equal(g.time, p.time),
    )


@dataclass
class ClaimScores:
    prf: PRF
    full: PRF
    value_accuracy: Accuracy
    unit_accuracy: Accuracy
    comparator_accuracy: Accuracy
    time_accuracy: Accuracy
    by_unit: dict[str, PRF] = field(default_factory=dict)
    alignment: Alignment[NumericClaim, NumericClaim] = field(default_factory=Alignment)


def score_claims(gold: Sequence[NumericClaim], pred: Sequence[NumericClaim]) -> ClaimScores:
    """Claim F1 over overlapping spans, attribute accuracies over matches, and full F1
    (a match counts only when value, unit, comparator and time are all right).
    `by_unit` is span-match PRF per gold unit."""
    def quality(g: NumericClaim, p: NumericClaim) -> float | None:
        if not overlaps(g, p):
            return None
        check = check_claim(g, p)
        return (jaccard(g, p) + check.value + check.unit + check.comparator + check.time) / 5

    alignment = align(gold, pred, quality)
    acc = {name: Accuracy() for name in ("value", "unit", "comparator", "time")}
    full = 0
    for g, p in alignment.pairs:
        check = check_claim(g, p)
        for name, a in acc.items():
            a.count(getattr(check, name))
        full += check.full
    unit = lambda c: c.unit or "-"  # noqa: E731
    return ClaimScores(alignment.prf, PRF(full, len(pred) - full, len(gold) - full), acc["value"], acc["unit"],
                       acc["comparator"], acc["time"], by_key(alignment, unit, counts_as_match=lambda g, p: True),
                       alignment)
