from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "china-russia-relations.txt"
GOLD = ROOT / "gold" / "china-russia-relations.json"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.api import load

    return load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_result(nlp):
    from pipeline import extract

    return extract(SEED, nlp=nlp)
