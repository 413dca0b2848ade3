"""Error lists: every missed and spurious item per layer, and every match with a wrong attribute.

What users read to improve rules, so each error carries its span and is shown
with the text around it, gold beside predicted.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..names import NameResolver
from ..schema import Entity, Event, NumericClaim, Timex
from .corpus import DocumentScores
from .layers import Triple, check_claim, names_prf, timex_values_equal
from .matching import Alignment, same_span

CONTEXT_CHARS = 60
KINDS: tuple[str, ...] = ("missed", "spurious", "wrong")


@dataclass(frozen=True)
class ErrorItem:
    """One error; `gold`/`pred` describe the items, `attributes` names what a wrong match got wrong."""

    doc_id: str
    layer: str
    kind: str
    start: int | None
    end: int | None
    gold: str | None
    pred: str | None
    attributes: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, int | None, str | None]:
        """Identity across runs: the gold item, or the predicted item for a spurious one, with its position."""
        return self.doc_id, self.layer, self.start, self.pred if self.kind == "spurious" else self.gold


def describe(item: Any) -> str:
    """A one-line description of any layer item, with the attributes the scorer compares."""
    if isinstance(item, Entity):
        return f"{item.text} [{item.label}]"
    if isinstance(item, Timex):
        return f"{item.text} [{item.type} {item.value}{' ' + item.mod if item.mod else ''}]"
    if isinstance(item, Event):
        return (f"{item.type} '{item.trigger.text}' date={item.date} agents={item.agents} "
                f"status={item.status}")
    if isinstance(item, NumericClaim):
        value = f"{item.value:g}" + (f"–{item.value_max:g}" if item.value_max is not None else "")
        return f"{item.text}: {item.comparator} {value} {item.unit} time={item.time}"
    if isinstance(item, Triple):
        return f"({item.org}, {item.field}, {item.value})"
    raise TypeError(f"no description for {type(item).__name__}")


def span_of(item: Any) -> tuple[int | None, int | None]:
    span = item.trigger if isinstance(item, Event) else item
    return getattr(span, "start", None), getattr(span, "end", None)


def wrong_attributes(layer: str, g: Any, p: Any, resolver: NameResolver) -> tuple[str, ...]:
    """Names of the compared attributes on which a matched pair disagrees."""
    wrong = []
    if layer in ("entities", "timexes", "numeric_claims") and not same_span(g, p):
        wrong.append("span")
    if layer == "timexes":
        wrong += [a for a, ok in (("type", g.type == p.type), ("value", timex_values_equal(g.value, p.value)),
                                  ("mod", g.mod == p.mod)) if not ok]
    elif layer == "events":
        agents = names_prf(g.agents, p.agents, resolver)
        wrong += [a for a, ok in (("date", timex_values_equal(g.date, p.date)),
                                  ("agents", not agents.fp and not agents.fn), ("status", g.status == p.status))
                  if not ok]
    elif layer == "numeric_claims":
        check = check_claim(g, p)
        wrong += [a for a in ("value", "unit", "comparator", "time") if not getattr(check, a)]
    return tuple(wrong)


def _alignments(d: DocumentScores) -> Iterator[tuple[str, Alignment]]:
    s = d.scores
    yield "entities", s.entities.alignment
    yield "timexes", s.timexes.alignment
    yield "events", s.events.alignment
    yield "organisations", s.organisations.alignment
    yield "numeric_claims", s.numeric_claims.alignment


def document_errors(d: DocumentScores) -> list[ErrorItem]:
    """Missed, spurious and wrongly attributed items of one document, layer by layer, in text order."""
    errors = []
    for layer, alignment in _alignments(d):
        items = [ErrorItem(d.doc_id, layer, "missed", *span_of(g), describe(g), None) for g in alignment.missed]
        items += [ErrorItem(d.doc_id, layer, "spurious", *span_of(p), None, describe(p)) for p in alignment.spurious]
        for g, p in alignment.pairs:
            wrong = wrong_attributes(layer, g, p, d.resolver)
            if wrong:
                items.append(ErrorItem(d.doc_id, layer, "wrong", *span_of(g), describe(g), describe(p), wrong))
        errors += sorted(items, key=_order)
    return errors


def _order(e: ErrorItem) -> tuple[int, int, str]:
    return (e.start if e.start is not None else -1, KINDS.index(e.kind), e.gold or e.pred or "")


def context(text: str | None, start: int | None, end: int | None, width: int = CONTEXT_CHARS) -> str:
    """`…left ⟦span⟧ right…` on one line, from the document text."""
    if text is None or start is None or end is None:
        return ""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    flat: Callable[[str], str] = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    return (f"{'…' if start > width else ''}{flat(left)}⟦{flat(text[start:end])}⟧{flat(right)}"
            f"{'…' if end + width < len(text) else ''}")


def errors_to_dicts(documents: list[DocumentScores]) -> list[dict[str, Any]]:
    """The error lists as JSON-ready records, each with its context."""
    return [dataclasses.asdict(e) | {"context": context(d.text, e.start, e.end)}
            for d in documents for e in document_errors(d)]


def format_errors(documents: list[DocumentScores]) -> str:
    """The error lists as text, grouped by document and layer."""
    lines = []
    for d in documents:
        errors = document_errors(d)
        lines.append(f"=== {d.doc_id}: {len(errors)} errors{' (no prediction in the run)' if d.missing else ''}")
        layer = None
        for e in errors:
            if e.layer != layer:
                layer = e.layer
                lines.append(f"--- {layer}")
            if e.kind == "wrong":
                lines.append(f"  wrong {','.join(e.attributes)}: gold {e.gold}")
                lines.append(f"  {' ' * (len(','.join(e.attributes)) + 7)}pred {e.pred}")
            else:
                lines.append(f"  {e.kind}: {e.gold or e.pred}")
            ctx = context(d.text, e.start, e.end)
            if ctx:
                lines.append(f"      {ctx}")
    return "\n".join(lines)
