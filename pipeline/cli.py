"""Command line: argument parsing only; the work is done by the modules it calls."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .nlp import DEFAULT_MODEL
from .compare import compare_command
from .report import report_command
from .export import export_command
from .runner import run_command
from .scoring.command import score_command

DESCRIPTION = "Extract dated events, organisations and numeric claims from opinion pieces as claims/1 JSON, and score them."
DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("outputs")
DEFAULT_GOLD = Path("gold")


def _read_config(path: Path | None) -> dict[str, dict] | None:
    """`--config FILE`: {"claims_entities": {"patterns": "my.jsonl"}, ...}, one object per component."""
    if path is None:
        return None
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise SystemExit(f"error: --config {path}: {err}") from None
    if not isinstance(config, dict) or not all(isinstance(v, dict) for v in config.values()):
        raise SystemExit(f"error: --config {path}: expected an object of component name → settings object")
    return config


def _run(args: argparse.Namespace) -> int:
    overrides = {"title": args.title, "author": args.author, "published": args.published, "url": args.url}
    return run_command(args.paths or [DEFAULT_CORPUS], args.out, model=args.model, overrides=overrides,
                       config=_read_config(args.config),
                       encoding=args.encoding, batch_size=args.batch_size, workers=args.workers, resume=args.resume,
                       engine=args.engine, scheduler=args.scheduler, quiet=args.quiet)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claims", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"claims {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="extract claims/1 results from text files or folders")
    p.add_argument("paths", nargs="*", type=Path, help=f"text files or folders (default: {DEFAULT_CORPUS}/)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT}/)")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy model package (default: {DEFAULT_MODEL})")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help='JSON settings per component, e.g. {"claims_entities": {"patterns": "my.jsonl"}}')
    p.add_argument("--published", help="publication date (ISO), overrides the .meta.json sidecar")
    p.add_argument("--title", help="title, overrides the sidecar and the detected headline")
    p.add_argument("--author", help="author, overrides the sidecar and the detected byline")
    p.add_argument("--url", help="source URL, overrides the sidecar")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the input files (default: utf-8)")
    p.add_argument("--batch-size", type=int, default=16, help="documents per nlp.pipe batch")
    p.add_argument("--workers", type=int, default=1,
                   help="processes (spaCy n_process), or LocalCluster workers with --engine dask")
    p.add_argument("--resume", action="store_true",
                   help="skip documents whose output was made from the same text, metadata and pipeline")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: spaCy on this machine; dask: a dask.distributed cluster (see docs/scaling.md)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster on this machine)")
    p.add_argument("--quiet", action="store_true", help="no progress bar, no summary line")
    p.set_defaults(func=_run)

    p = sub.add_parser("export", help="write the corpus of a run as JSONL and per-layer CSV files")
    p.add_argument("results", nargs="?", type=Path, default=DEFAULT_OUT,
                   help=f"run folder (default: {DEFAULT_OUT}/)")
    p.add_argument("--csv", type=Path, metavar="DIR", help="write one CSV per layer into DIR")
    p.add_argument("--jsonl", type=Path, metavar="FILE", help="write one JSON line per document to FILE")
    p.set_defaults(func=lambda a: export_command(a.results, csv_dir=a.csv, jsonl=a.jsonl))

    p = sub.add_parser("score", help="score a run against gold (SCHEMA.md, Scoring)")
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"gold folder or file (default: {DEFAULT_GOLD}/)")
    p.add_argument("--pred", type=Path, default=DEFAULT_OUT, help=f"run folder or file (default: {DEFAULT_OUT}/)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write every figure to a CSV file")
    p.add_argument("--errors", action="store_true", help="list every missed, spurious and wrongly attributed item")
    p.set_defaults(func=lambda a: score_command(a.gold, a.pred, as_json=a.json, csv=a.csv, errors=a.errors))

    p = sub.add_parser("compare", help="compare two runs against the same gold")
    p.add_argument("run_a", type=Path, help="first run folder (the baseline)")
    p.add_argument("run_b", type=Path, help="second run folder")
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"gold folder (default: {DEFAULT_GOLD}/)")
    p.set_defaults(func=lambda a: compare_command(a.run_a, a.run_b, a.gold))

    p = sub.add_parser("report", help="write a self-contained HTML report of a run against gold")
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"gold folder (default: {DEFAULT_GOLD}/)")
    p.add_argument("--pred", type=Path, default=DEFAULT_OUT, help=f"run folder (default: {DEFAULT_OUT}/)")
    p.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="HTML file (default: report.html)")
    p.set_defaults(func=lambda a: report_command(a.gold, a.pred, a.output))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
