"""Two runs against the same gold: figures side by side, and the items that changed.

A run is an outputs folder (`claims run --out DIR`). An error is identified by
its gold item (or, when spurious, its predicted item), so an item wrong in both
runs in different ways is "changed", not both fixed and broken.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .schema import LAYERS
from .scoring.corpus import CorpusScores, load_results, score_results
from .scoring.matching import PRF, Accuracy
from .scoring.errors import ErrorItem, document_errors
from .scoring.tables import HEADLINE_NOTE, Row, headline_rows, score_rows


@dataclass
class Comparison:
    a: CorpusScores
    b: CorpusScores
    fixed: list[ErrorItem]  # errors of A that B no longer makes
    broken: list[ErrorItem]  # errors of B that A did not make
    changed: list[tuple[ErrorItem, ErrorItem]]  # the same item wrong in both runs, differently


def compare_scores(a: CorpusScores, b: CorpusScores) -> Comparison:
    errors_a = {e.key: e for d in a.documents for e in document_errors(d)}
    errors_b = {e.key: e for d in b.documents for e in document_errors(d)}
    return Comparison(
        a, b,
        fixed=[e for k, e in errors_a.items() if k not in errors_b],
        broken=[e for k, e in errors_b.items() if k not in errors_a],
        changed=[(e, errors_b[k]) for k, e in errors_a.items()
                 if k in errors_b and (e.kind, e.pred, e.attributes) != (errors_b[k].kind, errors_b[k].pred,
                                                                           errors_b[k].attributes)],
    )


def compare_runs(run_a: str | Path, run_b: str | Path, gold_dir: str | Path) -> Comparison:
    gold = load_results(gold_dir)
    return compare_scores(score_results(gold, load_results(run_a), Path(gold_dir)),
                          score_results(gold, load_results(run_b), Path(gold_dir)))


def compare_command(run_a: Path, run_b: Path, gold_dir: Path, out: TextIO | None = None) -> int:
    """What `claims compare` does; exit code 2 when a folder cannot be read."""
    try:
        comparison = compare_runs(run_a, run_b, gold_dir)
    except (FileNotFoundError, ValueError, TypeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(format_comparison(comparison, str(run_a), str(run_b)), file=out or sys.stdout)
    return 0


def _row_line(ra: Row, rb: Row) -> str:
    delta = rb.main - ra.main
    mark = "" if abs(delta) < 5e-4 else " ▲" if delta > 0 else " ▼"
    return f"  {ra.measure:<28} {ra.main:7.3f} {rb.main:7.3f} {delta:+8.3f}{mark}"


def _item_line(e: ErrorItem) -> str:
    what = e.gold if e.kind != "spurious" else e.pred
    extra = f" ({','.join(e.attributes)})" if e.attributes else ""
    return f"  [{e.doc_id} · {e.layer}] {e.kind}{extra}: {what}"


def format_comparison(c: Comparison, name_a: str = "A", name_b: str = "B") -> str:
    """Per-layer figures (F1, or accuracy) side by side with deltas, then the items that changed."""
    lines = [f"  {'measure':<28} {name_a[-7:]:>7} {name_b[-7:]:>7} {'delta':>8}"]
    layer = None
    for ra, rb in _aligned(score_rows(c.a.total), score_rows(c.b.total)):
        if ra.layer != layer:
            layer = ra.layer
            lines.append(layer)
        lines.append(_row_line(ra, rb))
    lines.append("headline")
    lines += [_row_line(ra, rb) for ra, rb in zip(headline_rows(c.a.total), headline_rows(c.b.total))]
    ha, hb = c.a.total.headline, c.b.total.headline
    lines.append(f"  {'HEADLINE':<28} {ha:7.3f} {hb:7.3f} {hb - ha:+8.3f}   ({HEADLINE_NOTE})")
    lines.append(f"\nbecame right in {name_b} ({len(c.fixed)}):")
    lines += [_item_line(e) for e in c.fixed]
    lines.append(f"\nbecame wrong in {name_b} ({len(c.broken)}):")
    lines += [_item_line(e) for e in c.broken]
    lines.append(f"\nwrong in both, differently ({len(c.changed)}):")
    for ea, eb in c.changed:
        lines.append(_item_line(ea))
        lines.append(f"    {name_a}: {ea.pred}\n    {name_b}: {eb.pred}")
    return "\n".join(lines)


def _aligned(rows_a: list[Row], rows_b: list[Row]) -> list[tuple[Row, Row]]:
    """Rows of both runs by (layer, measure); a label only one run has is compared with an empty row."""
    index_b = {(r.layer, r.measure): r for r in rows_b}
    keys_a = {(r.layer, r.measure) for r in rows_a}
    pairs = [(r, index_b.get((r.layer, r.measure), _empty_like(r))) for r in rows_a]
    pairs += [(_empty_like(r), r) for r in rows_b if (r.layer, r.measure) not in keys_a]
    return sorted(pairs, key=lambda pair: LAYERS.index(pair[0].layer))


def _empty_like(row: Row) -> Row:
    return Row(row.layer, row.measure, PRF() if row.prf is not None else None,
               Accuracy() if row.accuracy is not None else None)
