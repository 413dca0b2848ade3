"""Scoring documents and corpora: a run folder against a gold folder, micro-averaged.

A gold document with no prediction counts as an empty prediction and is
flagged (`missing`), so a run that skips a hard article cannot look better.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..names import NameResolver, paren_aliases
from ..schema import ClaimsResult, DocInfo, PipelineInfo
from .layers import (
    ClaimScores, EntityScores, EventScores, OrganisationScores, TimexScores,
    score_claims, score_entities, score_events, score_organisations, score_timexes,
)
from .matching import PRF, Accuracy, Alignment

JSONL_NAME = "claims.jsonl"

LAYER_TITLES: dict[str, str] = {
    "entities": "entities (relaxed)", "timexes": "timexes (value)", "events": "events",
    "organisations": "organisations (triples)", "numeric_claims": "numeric claims (full)",
}


@dataclass
class Scores:
    """The five layers' scores of one document, or of a corpus (summed)."""

    entities: EntityScores
    timexes: TimexScores
    events: EventScores
    organisations: OrganisationScores
    numeric_claims: ClaimScores

    def headline_prf(self) -> dict[str, PRF]:
        """The PRF each layer contributes to the headline (SCHEMA.md)."""
        return {"entities": self.entities.relaxed, "timexes": self.timexes.value, "events": self.events.prf,
                "organisations": self.organisations.triples, "numeric_claims": self.numeric_claims.full}

    @property
    def headline(self) -> float:
        """Macro average of the five headline F1s, over the layers with any gold or predicted item
        (a layer empty on both sides has no F1 to average; all empty gives 0.0)."""
        f1s = [prf.f1 for prf in self.headline_prf().values() if not prf.empty]
        return sum(f1s) / len(f1s) if f1s else 0.0

    def __add__(self, other: Scores) -> Scores:
        return merge(self, other)


@dataclass
class DocumentScores:
    doc_id: str
    scores: Scores
    text: str | None = None
    missing: bool = False
    warnings: list[str] = field(default_factory=list)
    resolver: NameResolver = field(default_factory=NameResolver)


@dataclass
class CorpusScores:
    documents: list[DocumentScores]
    total: Scores
    warnings: list[str] = field(default_factory=list)


def merge(a: Any, b: Any) -> Any:
    """Sum two score objects field by field: counts add, per-label tables merge, alignments concatenate."""
    if isinstance(a, (PRF, Accuracy, Alignment)):
        return a + b
    if dataclasses.is_dataclass(a):
        return type(a)(**{f.name: merge(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)})
    if isinstance(a, dict):
        return {k: merge(a[k], b[k]) if k in a and k in b else a.get(k, b.get(k)) for k in sorted({*a, *b})}
    raise TypeError(f"cannot merge {type(a).__name__}")


def build_resolver(gold: ClaimsResult, pred: ClaimsResult | None, text: str | None) -> NameResolver:
    """Alias resolution within one document: 'Name (ACRONYM)' pairs of the text, and the
    acronyms and aliases both profiles declare, on top of NameResolver's own rules."""
    pairs = list(paren_aliases(text)) if text else []
    for result in (gold, pred):
        for org in result.organisations if result else ():
            pairs += [(org.name, alias) for alias in (org.acronym, *org.aliases) if alias]
    return NameResolver(pairs=pairs)


def empty_result(gold: ClaimsResult) -> ClaimsResult:
    return ClaimsResult(doc=dataclasses.replace(gold.doc), pipeline=PipelineInfo(version="missing", model=None))


def score_document(gold: ClaimsResult, pred: ClaimsResult | None, text: str | None = None) -> DocumentScores:
    """Every layer of one document; `pred=None` scores an empty prediction and flags it missing."""
    warnings = []
    if pred is None:
        warnings.append(f"{gold.doc.id}: no prediction in the run; scored as empty")
    elif pred.doc.text_sha256 and gold.doc.text_sha256 and pred.doc.text_sha256 != gold.doc.text_sha256:
        warnings.append(f"{gold.doc.id}: the prediction was made on a different text (sha256 differs)")
    resolver = build_resolver(gold, pred, text)
    p = pred or empty_result(gold)
    scores = Scores(
        entities=score_entities(gold.entities, p.entities),
        timexes=score_timexes(gold.timexes, p.timexes),
        events=score_events(gold.events, p.events, resolver),
        organisations=score_organisations(gold.organisations, p.organisations, resolver),
        numeric_claims=score_claims(gold.numeric_claims, p.numeric_claims),
    )
    return DocumentScores(gold.doc.id, scores, text, missing=pred is None, warnings=warnings, resolver=resolver)


def load_results(path: str | Path) -> dict[str, ClaimsResult]:
    """claims/1 results by document id, from a folder (`*.json`, then `claims.jsonl` for the
    rest), a `.json` file or a `.jsonl` file."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    results: dict[str, ClaimsResult] = {}
    files = sorted(path.glob("*.json")) if path.is_dir() else [path] if path.suffix == ".json" else []
    for file in files:
        data = _read_json(file)
        if isinstance(data, dict) and "schema" in data:
            result = ClaimsResult.from_dict(data)
            results[result.doc.id] = result
    jsonl = path / JSONL_NAME if path.is_dir() else path if path.suffix == ".jsonl" else None
    if jsonl is not None and jsonl.exists():
        for number, line in enumerate(jsonl.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                result = ClaimsResult.from_dict(_read_json(jsonl, line, number))
                results.setdefault(result.doc.id, result)
    return results


def _read_json(file: Path, line: str | None = None, number: int | None = None) -> Any:
    try:
        return json.loads(line if line is not None else file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        where = f"{file}:{number}" if number else str(file)
        raise ValueError(f"{where}: not valid JSON ({err.msg} at line {err.lineno})") from None


def document_text(doc: DocInfo, gold_dir: Path | None = None) -> str | None:
    """The text the offsets index: `doc.source` relative to the gold folder's parent (the project
    root) or the working directory; None if not found or its sha256 differs from the gold's."""
    if not doc.source:
        return None
    source = Path(doc.source)
    candidates = [source] if source.is_absolute() else [
        *([gold_dir.resolve().parent / source] if gold_dir else []), Path.cwd() / source]
    for candidate in candidates:
        if candidate.is_file():
            text = candidate.read_bytes().decode("utf-8", errors="replace")
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            if not doc.text_sha256 or digest == doc.text_sha256:
                return text
    return None


def score_results(gold: dict[str, ClaimsResult], pred: dict[str, ClaimsResult],
                  gold_dir: Path | None = None) -> CorpusScores:
    if not gold:
        raise ValueError("no gold documents to score against")
    documents = [score_document(g, pred.get(doc_id), document_text(g.doc, gold_dir))
                 for doc_id, g in sorted(gold.items())]
    total = documents[0].scores
    for d in documents[1:]:
        total = total + d.scores
    warnings = [w for d in documents for w in d.warnings]
    extra = sorted(set(pred) - set(gold))
    if extra:
        warnings.append(f"{len(extra)} predicted document(s) without gold, not scored: {', '.join(extra)}")
    return CorpusScores(documents, total, warnings)


def score_corpus(gold_dir: str | Path, pred_dir: str | Path) -> CorpusScores:
    """A run folder against a gold folder: per-document scores and their micro-averaged total."""
    gold_dir = Path(gold_dir)
    return score_results(load_results(gold_dir), load_results(pred_dir), gold_dir)

