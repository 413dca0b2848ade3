"""Command line: argument parsing only; the work is done by the modules it calls."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .nlp import DEFAULT_MODEL, ModelNotFoundError, build_nlp
from .runner import run

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("outputs")


def _run(args: argparse.Namespace) -> int:
    try:
        nlp = build_nlp(args.model)
    except ModelNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    overrides = {"title": args.title, "author": args.author, "published": args.published, "url": args.url}
    summary = run(nlp, args.paths or [DEFAULT_CORPUS], args.out, encoding=args.encoding, overrides=overrides,
                  batch_size=args.batch_size, n_process=args.workers)
    if not args.quiet:
        print(f"{summary.written} of {summary.documents} documents written to {args.out}/ "
              f"({summary.words} tokens, {summary.seconds:.1f} s); {len(summary.failures)} failed", file=sys.stderr)
    return 0 if summary.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claims", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"claims {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="extract claims/1 results from text files or folders")
    p.add_argument("paths", nargs="*", type=Path, help=f"text files or folders (default: {DEFAULT_CORPUS}/)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT}/)")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy model package (default: {DEFAULT_MODEL})")
    p.add_argument("--published", help="publication date (ISO), overrides the .meta.json sidecar")
    p.add_argument("--title", help="title, overrides the sidecar and the detected headline")
    p.add_argument("--author", help="author, overrides the sidecar and the detected byline")
    p.add_argument("--url", help="source URL, overrides the sidecar")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the input files (default: utf-8)")
    p.add_argument("--batch-size", type=int, default=16, help="documents per nlp.pipe batch")
    p.add_argument("--workers", type=int, default=1, help="processes (spaCy n_process)")
    p.add_argument("--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=_run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
