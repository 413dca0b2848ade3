"""Running the pipeline over files and folders: one result file per document, failures isolated."""
from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .export import JSONL_NAME, dumps, result_paths, write_atomic, write_jsonl
from .nlp import process
from .readers import Document, DocumentError, iter_paths, read_document
from .result import build_result
from .schema import validate

SAFE_ID = re.compile(r"^[\w][\w.\-]{0,200}$")


@dataclass
class Failure:
    source: str
    reason: str


@dataclass
class RunSummary:
    documents: int = 0
    written: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def output_path(out_dir: Path, doc_id: str) -> Path:
    """`out_dir/<id>.json`, refusing ids that could name a file outside `out_dir`."""
    if not SAFE_ID.match(doc_id) or doc_id in {".", ".."}:
        raise DocumentError(doc_id, "document id must be letters, digits, '.', '-' or '_' (it names the output file)")
    path = out_dir / f"{doc_id}.json"
    if path.resolve().parent != out_dir.resolve():
        raise DocumentError(doc_id, f"output path {path} leaves the output folder")
    return path


def read_documents(
    inputs: Iterable[str | Path],
    summary: RunSummary,
    report: Callable[[str], None],
    *,
    encoding: str = "utf-8",
    overrides: dict[str, str | None] | None = None,
) -> Iterator[Document]:
    """Documents read lazily; unreadable files and repeated ids are reported and skipped."""
    seen: dict[str, str] = {}
    for path in iter_paths(inputs):
        summary.documents += 1
        try:
            document = read_document(path, encoding=encoding, **(overrides or {}))
            if document.id in seen:
                raise DocumentError(path, f"document id {document.id!r} is already used by {seen[document.id]}; "
                                          "rename one of the files (the id is the file name)")
            seen[document.id] = str(path)
        except (DocumentError, ValueError) as err:
            summary.failures.append(Failure(str(path), str(err)))
            report(f"error: {err}")
            continue
        for warning in document.warnings:
            summary.warnings.append(Failure(str(path), warning))
            report(f"warning: {path}: {warning}")
        yield document


def run(
    nlp: Language,
    inputs: Iterable[str | Path],
    out_dir: Path,
    *,
    encoding: str = "utf-8",
    overrides: dict[str, str | None] | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    report: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr),
) -> RunSummary:
    """Process every input, write `<id>.json` as each is done, then the corpus JSONL."""
    summary = RunSummary()
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    failed_in_pipeline: list[tuple[Document, str]] = []

    def on_error(name, component, docs, err):
        for doc in docs:
            failed_in_pipeline.append((doc._context, f"component {name!r} failed: {type(err).__name__}: {err}"))

    nlp.default_error_handler = on_error  # Language.set_error_handler fails on the parser (spaCy 3.8)
    documents = read_documents(inputs, summary, report, encoding=encoding, overrides=overrides)
    for document, doc in process(nlp, documents, batch_size=batch_size, n_process=n_process):
        _report_pipeline_failures(failed_in_pipeline, summary, report)
        try:
            path = output_path(out_dir, document.id)
            data = build_result(doc, document, nlp).to_dict()
            validate(data)
            write_atomic(path, dumps(data))
        except Exception as err:  # one bad document must not stop the corpus
            summary.failures.append(Failure(document.source or document.id, str(err)))
            report(f"error: {document.source or document.id}: {err}")
            continue
        summary.written += 1
        summary.words += len(doc)
    _report_pipeline_failures(failed_in_pipeline, summary, report)
    write_jsonl(result_paths(out_dir), out_dir / JSONL_NAME)
    summary.seconds = time.perf_counter() - started
    return summary


def _report_pipeline_failures(failed: list[tuple[Document, str]], summary: RunSummary, report) -> None:
    while failed:
        document, reason = failed.pop(0)
        where = document.source or document.id if isinstance(document, Document) else "document"
        summary.failures.append(Failure(where, reason))
        report(f"error: {where}: {reason}")
