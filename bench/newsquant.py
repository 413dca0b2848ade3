"""NewsQuant benchmark (CQE, Almasian et al., EMNLP 2023) for the `quantities` layer, and quantulum3 in the same run.

    python bench/newsquant.py [--data PATH] [--out bench/results/newsquant.json] [--no-quantulum] [--errors N]

NewsQuant has no offsets, so, as in the authors' scorer, a predicted quantity
matches a gold one of the same sentence by value (`numpy.isclose`; a range
"a-b" matches a predicted range with both bounds close). Matching here is
one-to-one (each prediction used once, a same-unit partner preferred), so no
prediction is counted twice. Over the matches it counts value+unit (our unit
mapped to NewsQuant's `normalized_unit` names, see `newsquant_unit`),
value+change (our comparator mapped to their change; fractions of a whole in words, our percentages, as
NewsQuant's fractions, see `newsquant_value`) and concept overlap
(partial: any gold concept token in our subject; complete: same token set).
P = correct / predicted, R = correct / gold. See docs/numeric-claims.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.resources import data_path, read_jsonl  # noqa: E402

DEFAULT_DATA = Path("/work/shared/benchmarks/newsquant/NewsQuant.json")
DEFAULT_OUT = ROOT / "bench" / "results" / "newsquant.json"
COMPONENTS = ("claims_boilerplate", "claims_entities", "claims_timexes", "claims_quantities")

# Our comparators → NewsQuant's `change`: NewsQuant writes "at least" as > and "up to" as <.
CHANGE = {"=": "=", "~": "~", ">": ">", ">=": ">", "<": "<", "<=": "<", "up": "up", "down": "down"}
# ISO 4217 → NewsQuant's currency names (its vocabulary calls the US dollar "dollar" and pence "point");
# other codes use the English name of pipeline/data/currencies.jsonl in lower case.
CURRENCY_NAMES = {"USD": "dollar", "EUR": "euro", "JPY": "japanese yen", "CNY": "chinese yuan", "GBX": "point",
                  "ILS": "shekel"}
# Concept tokens that carry no content (NewsQuant's concepts are content words).
STOP = frozenset("a an the of and or between in on for to from with by at its their his her this that these those "
                 "it they he she we".split())
# quantulum3 unit names → NewsQuant's, as the CQE authors mapped them (tagger.py of CQE_Evaluation).
QUANTULUM_UNITS = {
    "dimensionless": "-", "unk": "-", "per cent": "percentage", "dollar dollar": "dollar",
    "united states dollar": "dollar", "tonne": "metric ton", "degree angle": "degree", "degree celsius": "celsius",
    "degree fahrenheit": "fahrenheit", "percentage drop": "percentage", "second of arc": "second",
    "minute of arc": "minute", "yard yard": "yard", "cubic centimetre": "millilitre",
}


@dataclass
class Prediction:
    value: float | tuple[float, float]
    unit: str
    change: str | None = None
    concepts: list[str] = field(default_factory=lambda: ["-"])


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    correct: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, ok: bool) -> None:
        self.correct[name] = self.correct.get(name, 0) + int(ok)

    def table(self) -> dict[str, dict[str, float]]:
        out = {}
        for name, tp in self.correct.items():
            p = tp / self.predicted if self.predicted else 0.0
            r = tp / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[name] = {"P": round(p, 4), "R": round(r, 4), "F1": round(f, 4), "correct": tp}
        return out


def unit_names() -> dict[str, str]:
    """Our unit symbols → NewsQuant names, from the `name` field of our unit and currency data files."""
    names = {r["symbol"]: r["name"].lower() for r in read_jsonl(data_path("units.jsonl"),
                                                                 required=("symbol", "name", "kind", "forms"))}
    for r in read_jsonl(data_path("currencies.jsonl"), required=("code", "name"), optional=("symbols", "names")):
        names[r["code"]] = CURRENCY_NAMES.get(r["code"], r["name"].lower())
    return names


def newsquant_unit(unit: str | None, names: dict[str, str]) -> str:
    """'USD/bbl' → 'dollar per barrel', '%' → 'percentage', None → '-', counted nouns as they are."""
    if not unit:
        return "-"
    if unit in names:
        return names[unit]
    return " per ".join(names.get(part, part) for part in unit.split("/"))


def newsquant_value(text: str, value: float, value_max: float | None, unit: str | None) -> float | tuple[float, float]:
    """Our value in NewsQuant's convention: a fraction of a whole written in words ('half', 'a third'), which
    SCHEMA.md makes a percentage (50 %), is written by NewsQuant as the fraction itself (0.5)."""
    scale = 0.01 if unit == "%" and not any(c.isdigit() for c in text) and "cent" not in text.lower() else 1.0
    return (value * scale, value_max * scale) if value_max is not None else value * scale


def same_unit(gold: str, pred: str) -> bool:
    """Equal names; a counted noun also matches the head of NewsQuant's multi-word noun unit
    ('residential burglary' ~ 'burglary'), as our units are the counted noun alone (SCHEMA.md)."""
    gold, pred = gold.lower(), pred.lower()
    return gold == pred or (" " in gold and " " not in pred and gold.split()[-1] == pred and "per" not in gold)


def gold_value(raw: str, average: bool = False) -> float | tuple[float, float]:
    if "-" in raw[1:] and "E" not in raw:
        low, high = (float(x) for x in raw.split("-", 1))
        return (low + high) / 2 if average else (low, high)
    return float(raw)


def values_match(gold: float | tuple, pred: float | tuple) -> bool:
    if isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    if isinstance(gold, tuple):  # NewsQuant writes 'from 4.8 to 4.7' as '4.8-4.7'; our ranges are (low, high)
        gold, pred = sorted(gold), sorted(pred)
        return bool(np.isclose(gold[0], pred[0]) and np.isclose(gold[1], pred[1]))
    return bool(np.isclose(gold, pred))


def tokens(text: str) -> set[str]:
    return {t.lower() for t in re.split(r"[,\s]+", text) if t and t.lower() not in STOP}


def score(data: list[dict], predictions: list[list[Prediction]], attributes: tuple[str, ...],
          average_ranges: bool = False, strict_units: bool = False) -> tuple[Counts, list[dict]]:
    counts, errors = Counts(), []
    for item, preds in zip(data, predictions):
        counts.gold += len(item["quantities"])
        counts.predicted += len(preds)
        free = list(preds)
        for g in item["quantities"]:
            value = gold_value(g["value"], average_ranges)
            candidates = [p for p in free if values_match(value, p.value)]
            unit_ok = (lambda p: p.unit.lower() == g["normalized_unit"].lower()) if strict_units else \
                (lambda p: same_unit(g["normalized_unit"], p.unit))
            best = next((p for p in candidates if unit_ok(p)), candidates[0] if candidates else None)
            for name in attributes:
                counts.add(name, False)
            if best is None:
                errors.append({"text": item["text"], "gold": g, "error": "missed"})
                continue
            free.remove(best)
            checks = {"value": True, "value+unit": unit_ok(best)}
            if "value+change" in attributes:
                checks["value+change"] = best.change == g["change"]
                gold_concepts = tokens(g["referred_concepts"]) if g["referred_concepts"] != "-" else {"-"}
                ours = tokens(" ".join(best.concepts)) or {"-"}
                checks["value+concept_partial"] = bool(gold_concepts & ours)
                checks["value+concept_complete"] = gold_concepts == ours
            for name, ok in checks.items():
                counts.correct[name] += int(ok)
                if not ok:
                    errors.append({"text": item["text"], "gold": g, "error": name, "pred": best.__dict__})
        errors.extend({"text": item["text"], "pred": p.__dict__, "error": "spurious"} for p in free)
    return counts, errors


def run_ours(data: list[dict]) -> tuple[list[list[Prediction]], float]:
    from pipeline.nlp import COMPONENTS as AVAILABLE, build_nlp

    nlp = build_nlp(components=[c for c in COMPONENTS if c in AVAILABLE])
    names = unit_names()
    began = time.perf_counter()
    docs = list(nlp.pipe((d["text"] for d in data), batch_size=64))
    elapsed = time.perf_counter() - began
    out = []
    for doc in docs:
        out.append([Prediction(newsquant_value(q.text, q.value, q.value_max, q.unit),
                               newsquant_unit(q.unit, names), CHANGE[q.comparator],
                               [q.subject] if q.subject else ["-"]) for q in doc._.quantities])
    return out, len(data) / elapsed


def run_quantulum(data: list[dict]) -> tuple[list[list[Prediction]], float]:
    from quantulum3 import parser

    began = time.perf_counter()
    parsed = [parser.parse(d["text"]) for d in data]
    elapsed = time.perf_counter() - began
    out = []
    for quantities in parsed:
        preds = []
        for q in quantities:
            name = q.unit.name.lower()
            preds.append(Prediction(float(q.value), QUANTULUM_UNITS.get(name, name)))
        out.append(preds)
    return out, len(data) / elapsed


def report(name: str, table: dict[str, dict[str, float]], speed: float) -> None:
    print(f"\n{name}  ({speed:.1f} sentences/s)")
    for metric, row in table.items():
        print(f"  {metric:<24} P {row['P']:.3f}  R {row['R']:.3f}  F1 {row['F1']:.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-quantulum", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print the first N errors of our system")
    args = parser.parse_args(argv)
    data = json.loads(args.data.read_text(encoding="utf-8"))
    print(f"NewsQuant: {len(data)} sentences, {sum(len(d['quantities']) for d in data)} gold quantities")
    results: dict[str, dict] = {}
    systems: list[tuple[str, Callable, tuple[str, ...], bool]] = [
        ("claims", run_ours, ("value", "value+unit", "value+change", "value+concept_partial",
                              "value+concept_complete"), False)]
    if not args.no_quantulum:
        systems.append(("quantulum3", run_quantulum, ("value", "value+unit"), True))
    for name, run, attributes, average in systems:
        predictions, speed = run(data)
        counts, errors = score(data, predictions, attributes, average_ranges=average)
        table = counts.table()
        strict, _ = score(data, predictions, ("value", "value+unit"), average_ranges=average, strict_units=True)
        table["value+unit (exact names)"] = strict.table()["value+unit"]
        report(name, table, speed)
        results[name] = {"metrics": table, "sentences_per_second": round(speed, 1),
                         "gold": counts.gold, "predicted": counts.predicted}
        if name == "claims" and args.errors:
            for e in errors[:args.errors]:
                print(json.dumps(e, ensure_ascii=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
