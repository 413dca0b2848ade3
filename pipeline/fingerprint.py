"""A fingerprint of everything that shapes a result, so `--resume` can tell a stale output.

The hash covers our package version, the model (name and version), the
component names in order, the settings of our own components, and the
contents of every data file they read (the shipped `pipeline/data/` files
and any file a setting names). Two runs with the same fingerprint and the
same document give the same bytes.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language

from . import __version__

OUR_PREFIX = "claims_"


@lru_cache(maxsize=256)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, cached while the file is unchanged."""
    stat = path.stat()
    return _file_digest(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _setting_files(value: Any) -> list[Path]:
    """Files named by a component setting (strings that are paths of existing files)."""
    if isinstance(value, dict):
        return [p for v in value.values() for p in _setting_files(v)]
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in _setting_files(v)]
    if isinstance(value, str) and len(value) < 4096:
        path = Path(value)
        return [path] if path.is_file() else []
    return []


def shipped_data_files() -> list[Path]:
    folder = Path(str(resources.files("pipeline.data")))
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in {".json", ".jsonl"})


def fingerprint(nlp: Language) -> dict[str, Any]:
    """What the hash is made of, as plain JSON (printed by the docs and handy for debugging)."""
    settings = {}
    for name in nlp.pipe_names:
        factory = nlp.get_pipe_meta(name).factory
        if factory.startswith(OUR_PREFIX):
            config = {k: v for k, v in nlp.get_pipe_config(name).items() if k != "factory"}
            settings[name] = {"factory": factory, "config": config}
    files = {p.name: file_digest(p) for p in shipped_data_files()}
    files.update({str(p): file_digest(p) for s in settings.values() for p in _setting_files(s["config"])})
    meta = nlp.meta
    return {
        "package": __version__,
        "model": f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
        "pipes": list(nlp.pipe_names),
        "settings": settings,
        "files": files,
    }


def config_hash(nlp: Language) -> str:
    """'sha256:<hex>' of the canonical JSON of `fingerprint(nlp)`."""
    canonical = json.dumps(fingerprint(nlp), sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()
