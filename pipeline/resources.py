"""Loading the data files that hold everything a user may extend.

Patterns and lexicons live in `pipeline/data/` (JSONL, one record a line, as
spaCy's `entity_ruler` does); a user passes their own file to a component in
place of ours. Records are checked when they load, so a typo fails at start-up
with the file, the line and the valid keys, not silently later.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

DATA_PACKAGE = "pipeline.data"


class DataFileError(ValueError):
    """A pattern or lexicon file that cannot be used as it is."""


def data_path(name: str) -> Path:
    """Path of a data file shipped with the package."""
    path = Path(str(resources.files(DATA_PACKAGE).joinpath(name)))
    if not path.exists():
        shipped = sorted(p.name for p in path.parent.iterdir() if p.suffix in {".json", ".jsonl"})
        raise DataFileError(f"no data file {name!r}; shipped files: {', '.join(shipped)}")
    return path


def resolve(source: str | Path | None, default: str) -> Path:
    """A user's file if given, else the shipped default."""
    if source is None or source == "":
        return data_path(default)
    path = Path(source)
    if not path.exists():
        raise DataFileError(f"data file not found: {path}")
    return path


def read_jsonl(
    source: str | Path,
    *,
    required: Iterable[str],
    optional: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Records of a JSONL file, each checked for its keys. Blank lines and `//` lines are skipped."""
    required, optional = set(required), set(optional) | {"comment"}
    valid = sorted(required | optional)
    records = []
    path = Path(source)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError(f"{path}:{number}: not JSON ({err.msg})") from None
        if not isinstance(record, dict):
            raise DataFileError(f"{path}:{number}: expected an object, got {type(record).__name__}")
        missing = required - record.keys()
        unknown = record.keys() - required - optional
        if missing or unknown:
            what = []
            if missing:
                what.append(f"missing {', '.join(sorted(missing))}")
            if unknown:
                what.append(f"unknown {', '.join(sorted(unknown))}")
            raise DataFileError(f"{path}:{number}: {'; '.join(what)}. Valid keys: {', '.join(valid)}")
        record["_where"] = f"{path.name}:{number}"
        records.append(record)
    return records


def check_choice(value: str, valid: Iterable[str], what: str, where: str = "") -> str:
    """`value` if it is one of `valid`, else an error that lists them."""
    valid = list(valid)
    if value not in valid:
        prefix = f"{where}: " if where else ""
        raise DataFileError(f"{prefix}unknown {what} {value!r}; valid values: {', '.join(valid)}")
    return value


def read_json(source: str | Path) -> Any:
    path = Path(source)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataFileError(f"{path}:{err.lineno}: not JSON ({err.msg})") from None


def read_settings(
    source: str | Path | None,
    default: str,
    keys: Iterable[str],
    *,
    what: str = "setting",
    optional: Iterable[str] = ("comment",),
) -> tuple[Path, dict[str, Any]]:
    """A JSON object of settings with exactly `keys` (plus `optional`): a typo or a forgotten
    key fails at load with the file and the valid keys, not later with a KeyError."""
    keys, optional = list(keys), list(optional)
    path = resolve(source, default)
    data = read_json(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected an object with {what}s {', '.join(keys)}")
    for key in data:
        check_choice(key, [*keys, *optional], what, str(path))
    missing = [k for k in keys if k not in data]
    if missing:
        raise DataFileError(f"{path}: missing {what} {missing[0]!r}; {what}s: {', '.join(keys)}")
    return path, data
