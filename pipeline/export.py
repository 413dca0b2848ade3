"""Writing results: one JSON per document, a corpus JSONL, per-layer tables (pandas, CSV)."""
from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .schema import LAYER_TYPES, ClaimsResult

JSONL_NAME = "claims.jsonl"


def dumps(data: dict[str, Any]) -> str:
    """The one serialisation used everywhere, so the same result is always the same bytes.

    A non-finite float raises ValueError: Python would write `Infinity`, which is not JSON.
    """
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


@contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text file that appears at `path` complete or not at all.

    The temporary file is created exclusively (never through a planted link)
    in the same folder, and the rename replaces whatever is at `path` (a
    symlink there is replaced, not followed).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # Named before it exists, so an interrupt (Ctrl-C) at any point, even right after the file is
    # created, leaves no temporary file behind (with `tempfile.mkstemp` that moment was unprotected).
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        os.fchmod(fd, 0o644)  # whatever the umask: results are meant to be read by a team
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename, so no reader sees half a file."""
    with atomic_writer(path) as handle:
        handle.write(text)


def read_result(path: Path) -> ClaimsResult:
    return ClaimsResult.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def result_paths(folder: Path) -> list[Path]:
    """The per-document result files of an outputs folder, sorted by id.

    Hidden files (temporary files of atomic writes) and symlinks (nothing the
    pipeline wrote; possibly planted to lead outside) are not results.
    """
    return sorted(p for p in Path(folder).glob("*.json") if not p.name.startswith(".") and not p.is_symlink())


def write_jsonl(result_files: Iterable[Path], path: Path) -> int:
    """One compact line per document, streamed from the per-document files."""
    count = 0
    with atomic_writer(path) as out:
        for file in result_files:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
            out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count


def layer_frame(result: ClaimsResult, layer: str) -> pd.DataFrame:
    """One row per item of `layer`, nested fields flattened (`trigger.text`), with the document id."""
    items = [item for item in result.to_dict().get(layer) or []] if layer in LAYER_TYPES else None
    if items is None:
        raise KeyError(f"unknown layer {layer!r}; valid layers: {', '.join(LAYER_TYPES)}")
    frame = pd.json_normalize(items) if items else pd.DataFrame(columns=_columns(layer))
    frame.insert(0, "doc_id", result.doc.id)
    return frame


def _columns(layer: str) -> list[str]:
    import dataclasses

    return [f.name for f in dataclasses.fields(LAYER_TYPES[layer])]


def corpus_frame(results: Iterable[ClaimsResult], layer: str) -> pd.DataFrame:
    frames = [layer_frame(r, layer) for r in results]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["doc_id", *_columns(layer)])


def write_csv(result_files: Iterable[Path], out_dir: Path, layers: Iterable[str] = LAYER_TYPES) -> list[Path]:
    """One CSV per layer for the whole corpus; list cells are joined with '; '."""
    files = list(result_files)
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for layer in layers:
        frame = corpus_frame((read_result(f) for f in files), layer)
        frame = frame.map(lambda v: "; ".join(map(_cell, v)) if isinstance(v, list) else v)
        path = out_dir / f"{layer}.csv"
        write_atomic(path, frame.to_csv(index=False))
        written.append(path)
    return written


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return "@".join(str(v) for v in value.values() if v is not None) if "name" in value else json.dumps(value)
    return str(value)


def export_command(results: Path, *, csv_dir: Path | None = None, jsonl: Path | None = None) -> int:
    """`claims export`: the results of a run folder as per-layer CSV files and/or one JSONL file."""
    import sys

    if csv_dir is None and jsonl is None:
        print("error: nothing to export; give --csv DIR and/or --jsonl FILE", file=sys.stderr)
        return 2
    files = result_paths(results) if Path(results).is_dir() else []
    if not files:
        print(f"error: no results (*.json) in {results}", file=sys.stderr)
        return 2
    if jsonl is not None:
        print(f"{write_jsonl(files, jsonl)} documents → {jsonl}", file=sys.stderr)
    if csv_dir is not None:
        for path in write_csv(files, csv_dir):
            print(f"→ {path}", file=sys.stderr)
    return 0
