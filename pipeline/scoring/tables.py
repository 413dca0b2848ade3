"""Score tables: rows (the one flat form behind the terminal table, CSV and comparison), JSON."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .corpus import LAYER_TITLES, CorpusScores, Scores
from .matching import PRF, Accuracy

HEADLINE_NOTE = ("macro F1 of entities relaxed, timexes value, events, organisation triples, numeric claims full; "
                 "layers empty in gold and run are left out")


@dataclass(frozen=True)
class Row:
    """One figure of a layer: a PRF (`prf`) or an accuracy over matched pairs (`accuracy`)."""

    layer: str
    measure: str
    prf: PRF | None = None
    accuracy: Accuracy | None = None

    @property
    def main(self) -> float:
        """The figure compared across runs: F1, or the accuracy."""
        return self.prf.f1 if self.prf is not None else self.accuracy.value if self.accuracy else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"layer": self.layer, "measure": self.measure}
        prf = self.prf.to_dict() if self.prf else dict.fromkeys(("tp", "fp", "fn", "precision", "recall", "f1"))
        acc = self.accuracy.to_dict() if self.accuracy else dict.fromkeys(("correct", "total", "accuracy"))
        return out | prf | acc


def score_rows(s: Scores) -> list[Row]:
    """Every figure of SCHEMA.md's Scoring, layer by layer, with per-label/type breakdowns."""
    e, t, v, o, c = s.entities, s.timexes, s.events, s.organisations, s.numeric_claims
    rows = [Row("entities", "strict", e.strict), Row("entities", "relaxed", e.relaxed)]
    rows += [Row("entities", f"{label} relaxed", prf) for label, prf in e.relaxed_by_label.items()]
    rows += [Row("entities", f"{label} strict", prf) for label, prf in e.strict_by_label.items()]
    rows += [Row("timexes", "strict span", t.strict), Row("timexes", "relaxed span", t.relaxed),
             Row("timexes", "value", t.value), Row("timexes", "type accuracy", accuracy=t.type_accuracy),
             Row("timexes", "value accuracy", accuracy=t.value_accuracy),
             Row("timexes", "mod accuracy", accuracy=t.mod_accuracy)]
    rows += [Row("timexes", f"{kind} relaxed", prf) for kind, prf in t.by_type.items()]
    rows += [Row("events", "events", v.prf), Row("events", "date accuracy", accuracy=v.date_accuracy),
             Row("events", "agents", v.agents), Row("events", "status accuracy", accuracy=v.status_accuracy)]
    rows += [Row("events", kind, prf) for kind, prf in v.by_type.items()]
    rows += [Row("organisations", "triples", o.triples), Row("organisations", "profiles", o.profiles)]
    rows += [Row("organisations", f"{name} triples", prf) for name, prf in o.by_field.items()]
    rows += [Row("numeric_claims", "claims", c.prf), Row("numeric_claims", "full", c.full),
             Row("numeric_claims", "value accuracy", accuracy=c.value_accuracy),
             Row("numeric_claims", "unit accuracy", accuracy=c.unit_accuracy),
             Row("numeric_claims", "comparator accuracy", accuracy=c.comparator_accuracy),
             Row("numeric_claims", "time accuracy", accuracy=c.time_accuracy)]
    rows += [Row("numeric_claims", f"unit {unit}", prf) for unit, prf in c.by_unit.items()]
    return rows


def headline_rows(s: Scores) -> list[Row]:
    return [Row(layer, LAYER_TITLES[layer], prf) for layer, prf in s.headline_prf().items()]


def format_row(row: Row, width: int = 26) -> str:
    if row.prf is not None:
        p = row.prf
        return (f"  {row.measure:<{width}} {p.precision:6.3f} {p.recall:6.3f} {p.f1:6.3f}"
                f" {p.tp:5d} {p.fp:5d} {p.fn:5d}")
    a = row.accuracy or Accuracy()
    return f"  {row.measure:<{width}} {'':6} {'':6} {a.value:6.3f}  accuracy {a.correct}/{a.total}"


def format_scores(corpus: CorpusScores, title: str = "") -> str:
    """The terminal table: per layer P/R/F1 and accuracies, the headline, and per-document rows."""
    s = corpus.total
    n = len(corpus.documents)
    lines = [f"{title or 'scores'}: {n} document{'s' * (n != 1)} (micro-averaged)",
             f"  {'measure':<26} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    layer = None
    for row in score_rows(s):
        if row.layer != layer:
            layer = row.layer
            lines.append(layer)
        lines.append(format_row(row))
    lines.append("headline")
    lines += [format_row(row) for row in headline_rows(s)]
    lines.append(f"  HEADLINE {s.headline:.3f}  ({HEADLINE_NOTE})")
    if n > 1:
        lines.append("")
        lines.append(f"{'document':<40} {'headline':>8} " + " ".join(f"{k[:8]:>8}" for k in LAYER_TITLES))
        for d in corpus.documents:
            f1s = " ".join(f"{prf.f1:8.3f}" for prf in d.scores.headline_prf().values())
            lines.append(f"{d.doc_id[:40]:<40} {d.scores.headline:8.3f} {f1s}{'  MISSING' if d.missing else ''}")
    lines += [f"warning: {w}" for w in corpus.warnings]
    return "\n".join(lines)


def scores_to_dict(s: Scores) -> dict[str, Any]:
    return {"headline": s.headline, "layers": [r.to_dict() for r in score_rows(s)]}


def corpus_to_dict(corpus: CorpusScores) -> dict[str, Any]:
    """The JSON output of `claims score --json`."""
    return {
        "headline": corpus.total.headline,
        "total": scores_to_dict(corpus.total),
        "documents": [{"id": d.doc_id, "missing": d.missing} | scores_to_dict(d.scores) for d in corpus.documents],
        "warnings": corpus.warnings,
    }


def write_csv(corpus: CorpusScores, path: str | Path) -> None:
    """One row per (document, figure), the corpus total under document `*`."""
    import pandas as pd

    records = [{"document": "*"} | r.to_dict() for r in score_rows(corpus.total)]
    for d in corpus.documents:
        records += [{"document": d.doc_id} | r.to_dict() for r in score_rows(d.scores)]
    pd.DataFrame.from_records(records).convert_dtypes().to_csv(path, index=False)
