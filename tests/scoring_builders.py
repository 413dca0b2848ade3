"""Small builders of claims/1 objects for the scorer, compare and report tests."""
from __future__ import annotations

import hashlib

from pipeline.schema import (
    CharSpan, ClaimsResult, DocInfo, Entity, Event, NumericClaim, PipelineInfo, Timex, Trigger,
)


def ent(text: str, label: str, start: int) -> Entity:
    return Entity(text, label, start, start + len(text))


def tmx(text: str, start: int, type_: str, value: str | None, mod: str | None = None) -> Timex:
    return Timex(text, start, start + len(text), type_, value, mod)


def evt(type_: str, trigger: str, start: int, *, date: str | None = None, agents: list[str] | None = None,
        status: str = "occurred", sentence: tuple[int, int] = (0, 100)) -> Event:
    return Event(type_, Trigger(trigger, start, start + len(trigger)), date, agents or [], None, None, status,
                 CharSpan(*sentence))


def claim(text: str, start: int, value: float, unit: str | None, comparator: str = "=", time: str | None = None,
          value_max: float | None = None) -> NumericClaim:
    return NumericClaim(text, start, start + len(text), value, unit, comparator, None, time,
                        CharSpan(0, start + len(text)), value_max)


def result(doc_id: str = "doc", text: str = "", source: str | None = None, **layers) -> ClaimsResult:
    info = DocInfo(doc_id, source, None, None, None, hashlib.sha256(text.encode("utf-8")).hexdigest() if text else "",
                   len(text))
    return ClaimsResult(info, PipelineInfo("test", None), **layers)
