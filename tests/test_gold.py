"""The gold files themselves: valid, consistent with their text, and following ANNOTATION.md's scope rules."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from pipeline.components.boilerplate import find_boilerplate, load_patterns
from pipeline.schema import ClaimsResult, check_offsets, validate

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = sorted((ROOT / "gold").glob("*.json"))

# TIMEX3 date values (SCHEMA.md): year, month, day, week, quarter, half, season, decade, century,
# millennium, fiscal year, with X placeholders, and the vague references.
TIMEX_DATE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|FY\d{4}"
    r"|[\dX]{4}(?:-(?:[01X][\dX](?:-[0-3X][\dX])?|W[0-5X][\dX]|Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
    r"|\d{1,3})$"
)
TIMEX_DURATION = re.compile(r"^P(?:[\dX]+(?:\.\d+)?(?:Y|M|W|D|DE|CE|ML|Q|H))+$|^PT(?:[\dX]+(?:\.\d+)?[HMS])+$")


@pytest.fixture(scope="module", params=GOLD_FILES, ids=lambda p: p.stem)
def gold(request) -> tuple[dict, str]:
    data = json.loads(request.param.read_text(encoding="utf-8"))
    text = (ROOT / data["doc"]["source"]).read_text(encoding="utf-8")
    return data, text


def spans(data: dict) -> list[tuple[str, int, int]]:
    """Every annotated span: entities, timexes, claims, event triggers, organisation mentions."""
    out = [(layer, i["start"], i["end"]) for layer in ("entities", "timexes", "numeric_claims") for i in data[layer]]
    out += [("events", e["trigger"]["start"], e["trigger"]["end"]) for e in data["events"]]
    out += [("organisations", m["start"], m["end"]) for o in data["organisations"] for m in o["mentions"]]
    return out


def test_there_is_gold():
    assert GOLD_FILES, "no gold/*.json"


def test_gold_is_valid_claims_1(gold):
    data, text = gold
    validate(data)
    ClaimsResult.from_dict(data)
    assert data["doc"]["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert data["doc"]["chars"] == len(text)


def test_every_span_text_is_the_document_text(gold):
    data, text = gold
    assert check_offsets(data, text) == []


def test_no_duplicate_spans(gold):
    data, _ = gold
    for layer in ("entities", "timexes", "numeric_claims"):
        keys = [(i["start"], i["end"]) for i in data[layer]]
        assert len(keys) == len(set(keys)), layer
    mentions = [(m["start"], m["end"]) for o in data["organisations"] for m in o["mentions"]]
    assert len(mentions) == len(set(mentions))
    # events may share a trigger (ANNOTATION.md: one trigger, several dates), never be identical
    events = [json.dumps(e, sort_keys=True) for e in data["events"]]
    assert len(events) == len(set(events))


def test_nothing_annotated_in_boilerplate_lines(gold):
    data, text = gold
    lines = find_boilerplate(text, load_patterns())
    assert lines, "the boilerplate patterns find nothing in this article: check the test, not the gold"
    inside = [(layer, text[s:e]) for layer, s, e in spans(data) for b in lines if s < b.end and b.start < e]
    assert inside == []


def test_every_organisation_mention_is_an_org_entity(gold):
    data, _ = gold
    orgs = {(e["start"], e["end"]) for e in data["entities"] if e["label"] == "ORG"}
    mentions = {(m["start"], m["end"]) for o in data["organisations"] for m in o["mentions"]}
    assert mentions - orgs == set()
    assert all(o["mentions"] for o in data["organisations"])


def test_dates_are_timex3_values(gold):
    data, _ = gold
    dates = [e["date"] for e in data["events"]] + [c["time"] for c in data["numeric_claims"]]
    dates += [o["founded"] for o in data["organisations"]]
    dates += [m["joined"] for o in data["organisations"] for m in o["members"]]
    bad = [d for d in dates if d is not None and not TIMEX_DATE.match(d)]
    assert bad == []


def test_timex_values_match_their_type(gold):
    data, _ = gold
    pattern = {"DATE": TIMEX_DATE, "TIME": re.compile(r"^.+T.+$"), "DURATION": TIMEX_DURATION,
               "SET": TIMEX_DURATION}
    bad = [(t["text"], t["type"], t["value"]) for t in data["timexes"]
           if t["value"] is None or not pattern[t["type"]].match(t["value"])]
    assert bad == []
