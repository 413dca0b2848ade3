"""End to end on the seed article against its gold: the events and organisations layers
meet the issue's targets (scored as SCHEMA.md says, by pipeline.scoring)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.schema import ClaimsResult
from pipeline.scoring.corpus import build_resolver
from pipeline.scoring.layers import score_events, score_organisations

GOLD = Path(__file__).resolve().parent.parent / "gold" / "china-russia-relations.json"


@pytest.fixture(scope="module")
def gold() -> ClaimsResult:
    return ClaimsResult.from_dict(json.loads(GOLD.read_text(encoding="utf-8")))


def test_seed_events_meet_targets(gold, seed_result, seed_text):
    scores = score_events(gold.events, seed_result.events, build_resolver(gold, seed_result, seed_text))
    assert scores.prf.f1 >= 0.85
    assert scores.date_accuracy.value >= 0.9
    assert scores.agents.f1 >= 0.8


def test_seed_organisations_meet_target(gold, seed_result, seed_text):
    scores = score_organisations(gold.organisations, seed_result.organisations,
                                 build_resolver(gold, seed_result, seed_text))
    assert scores.triples.f1 >= 0.85


def test_seed_events_lie_in_their_sentence(seed_result, seed_text):
    for e in seed_result.events:
        assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end
        assert seed_text[e.sentence.start:e.sentence.end].strip() == seed_text[e.sentence.start:e.sentence.end]
        assert "\n" not in seed_text[e.sentence.start:e.sentence.end]
