"""What `claims score` does once its arguments are parsed: score, then print or write."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from .corpus import score_corpus
from .errors import errors_to_dicts, format_errors
from .tables import corpus_to_dict, format_scores, write_csv


def score_command(gold: Path, pred: Path, *, as_json: bool = False, csv: Path | None = None,
                  errors: bool = False, out: TextIO | None = None) -> int:
    """With `errors`, the error lists follow the table (or sit under "errors" in JSON). Exit code 0, or 2 when the gold or the run cannot be read (the reason on stderr)."""
    out = out or sys.stdout
    try:
        corpus = score_corpus(gold, pred)
    except (FileNotFoundError, ValueError, TypeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if as_json:
        data = corpus_to_dict(corpus)
        if errors:
            data["errors"] = errors_to_dicts(corpus.documents)
        print(json.dumps(data, indent=2, ensure_ascii=False), file=out)
    else:
        print(format_scores(corpus, f"{pred} against {gold}"), file=out)
        if errors:
            print(format_errors(corpus.documents), file=out)
    if csv is not None:
        write_csv(corpus, csv)
    return 0
