"""Running the pipeline over a corpus: streamed, resumable, failures isolated, nothing half-written.

Documents are read lazily and each result is written (atomically) as soon as
its engine returns it, so memory does not grow with the corpus and an
interrupted run leaves only complete files; `resume=True` then skips every
document whose output was made from the same text, metadata and pipeline.
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from .engines import Engine, local_engine
from .export import JSONL_NAME, dumps, result_paths, write_atomic, write_jsonl
from .progress import Progress
from .readers import Document, DocumentError, check_length, iter_paths, read_document
from .result import doc_info, pipeline_info
from .schema import to_dict

# Ids name output files: scraped file names ("Op-ed (2).txt", "Trump's tariffs.txt") are fine; path
# separators, control characters, a leading '.' or '-' and a trailing space or '.' are not.
SAFE_ID = re.compile(r"\w(?:[\w .,'()&+\-]{0,199}[\w)'\-])?")
RUN_DIR = "_run"  # beside the results; not a `*.json` of the outputs folder, so never read as one
SUMMARY_NAME = "summary.json"
GOLD_VERSION = "gold"


class OutputFolderError(ValueError):
    """The output folder must not be written (a gold folder, or a path that is not a folder)."""


@dataclass
class Failure:
    source: str
    reason: str


@dataclass
class RunSummary:
    documents: int = 0
    written: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.interrupted

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["words_per_second"] = round(self.words_per_second, 1)
        data["seconds"] = round(self.seconds, 3)
        return data


def output_path(out_dir: Path, doc_id: str) -> Path:
    """`out_dir/<id>.json`, refusing ids that could name a file outside `out_dir`.

    A symlink already at that path is not followed: the atomic rename replaces
    the link itself.
    """
    if not SAFE_ID.fullmatch(doc_id) or doc_id in {".", ".."}:
        raise DocumentError(doc_id, "document id must start with a letter or digit and hold only letters, digits, "
                                    "spaces and . , ' ( ) & + - _ (it names the output file)")
    path = out_dir / f"{doc_id}.json"
    if path.parent.resolve() != out_dir.resolve():
        raise DocumentError(doc_id, f"output path {path} leaves the output folder")
    return path


def is_gold_file(path: Path) -> bool:
    """A hand-made gold file: a claims/1 object whose `pipeline.version` is "gold" (gold/README.md)."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        data = json.loads(path.read_bytes())
    except (ValueError, OSError):
        return False
    return isinstance(data, dict) and isinstance(data.get("pipeline"), dict) \
        and data["pipeline"].get("version") == GOLD_VERSION


def prepare_out_dir(out_dir: Path) -> Path:
    """The output folder, created; refused when it holds gold files (run never writes gold)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFolderError(f"--out {out_dir} is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    gold = next((p for p in result_paths(out_dir) if is_gold_file(p)), None)
    if gold is not None:
        raise OutputFolderError(f"--out {out_dir} holds gold annotations ({gold.name} has pipeline.version "
                                f"'{GOLD_VERSION}'); results are never written into a gold folder, "
                                "choose another --out")
    run_dir = out_dir / RUN_DIR
    if run_dir.is_symlink() or (run_dir.exists() and not run_dir.is_dir()):
        raise OutputFolderError(f"{run_dir} must be a folder, not a link or a file")
    return out_dir


def read_documents(
    inputs: Iterable[str | Path],
    out_dir: Path,
    summary: RunSummary,
    report: Callable[[str], None],
    *,
    max_length: int,
    encoding: str = "utf-8",
    overrides: dict[str, str | None] | None = None,
) -> Iterator[Document]:
    """Documents read lazily; unreadable files, texts over `max_length` characters (the model's
    limit), unsafe and repeated ids are reported and skipped."""
    seen: dict[str, str] = {}
    for path in iter_paths(inputs):
        summary.documents += 1
        try:
            document = read_document(path, encoding=encoding, **(overrides or {}))
            try:
                output_path(out_dir, document.id)
            except DocumentError as err:
                raise DocumentError(path, err.reason) from None
            if document.id in seen:
                raise DocumentError(path, f"document id {document.id!r} is already used by {seen[document.id]}; "
                                          "rename one of the files (the id is the file name)")
            seen[document.id] = str(path)
            check_length(document, max_length)  # before spaCy, whose E088 would end the stream
        except (DocumentError, ValueError) as err:
            summary.failures.append(Failure(str(path), str(err)))
            report(f"error: {err}")
            continue
        for warning in document.warnings:
            summary.warnings.append(Failure(str(path), warning))
            report(f"warning: {path}: {warning}")
        yield document


def is_current(path: Path, document: Document, pipeline: dict[str, Any]) -> bool:
    """Whether `path` already holds this document's result: same text hash, metadata and pipeline."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        data = json.loads(path.read_bytes())
        old_doc = {k: v for k, v in data["doc"].items() if k != "boilerplate"}
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        return False
    new_doc = {k: v for k, v in to_dict(doc_info(document)).items() if k != "boilerplate"}
    return old_doc == new_doc and data.get("pipeline") == pipeline


def summary_path(out_dir: Path) -> Path:
    return Path(out_dir) / RUN_DIR / SUMMARY_NAME


def run(
    nlp: Language,
    inputs: Iterable[str | Path],
    out_dir: Path,
    *,
    encoding: str = "utf-8",
    overrides: dict[str, str | None] | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    resume: bool = False,
    engine: Engine | None = None,
    progress: bool = False,
    report: Callable[[str], None] | None = None,
) -> RunSummary:
    """Process every input with `engine` (default: local `nlp.pipe`), writing `<id>.json` as each is done.

    On completion the corpus JSONL is rewritten; the run summary is written
    in every case, also when the run is interrupted (KeyboardInterrupt is
    re-raised after it).
    """
    inputs = list(inputs)  # walked twice when the bar counts them
    out_dir = prepare_out_dir(out_dir)
    engine = engine or local_engine(nlp, batch_size=batch_size, n_process=n_process)
    pipeline = to_dict(pipeline_info(nlp))
    summary = RunSummary()
    bar = Progress(total=sum(1 for _ in iter_paths(inputs)) if progress else None, enabled=progress)
    say = report or bar.write
    started = time.perf_counter()

    def todo() -> Iterator[Document]:
        for document in read_documents(inputs, out_dir, summary, say, encoding=encoding, overrides=overrides,
                                       max_length=nlp.max_length):
            if resume and is_current(output_path(out_dir, document.id), document, pipeline):
                summary.skipped += 1
                continue
            yield document

    try:
        for outcome in engine(todo()):
            summary.words += outcome.words
            if outcome.error is None:
                write_atomic(output_path(out_dir, outcome.id), outcome.json or "")
                summary.written += 1
            else:
                summary.failures.append(Failure(outcome.source, outcome.error))
                say(f"error: {outcome.source}: {outcome.error}")
            bar.update(summary.written + summary.skipped + len(summary.failures), summary.words,
                       len(summary.failures))
        write_jsonl(result_paths(out_dir), out_dir / JSONL_NAME)
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        bar.close()
        write_atomic(summary_path(out_dir), dumps(summary.to_dict()))
    return summary


def run_command(
    paths: list[Path],
    out: Path,
    *,
    model: str,
    overrides: dict[str, str | None],
    config: dict[str, dict] | None = None,
    encoding: str = "utf-8",
    batch_size: int = 16,
    workers: int = 1,
    resume: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    quiet: bool = False,
) -> int:
    """`claims run`: exit 0 when every document was written or skipped, 1 when some failed,
    2 when nothing could start (model, output folder, cluster), 130 when interrupted."""
    from .engines import DaskEngine, NlpSpec
    from .nlp import ModelNotFoundError, build_nlp

    def fail(message: str) -> int:
        print(f"error: {message}", file=sys.stderr)
        return 2

    if workers < 1 or batch_size < 1:
        return fail("--workers and --batch-size must be at least 1")
    try:
        nlp = build_nlp(model, config=config)
    except ModelNotFoundError as err:
        return fail(str(err))
    except ValueError as err:  # an unknown component or setting in --config
        return fail(f"--config: {err}")
    spec = NlpSpec(model, config_json=json.dumps(config or {}, sort_keys=True))
    chosen = DaskEngine(spec, scheduler, workers, batch_size) if engine == "dask" else None
    try:
        summary = run(nlp, paths, out, encoding=encoding, overrides=overrides, batch_size=batch_size,
                      n_process=workers, resume=resume, engine=chosen, progress=not quiet and sys.stderr.isatty())
    except OutputFolderError as err:
        return fail(str(err))
    except KeyboardInterrupt:
        print(f"interrupted: results written so far are complete; see {summary_path(out)}; "
              "run again with --resume to continue", file=sys.stderr)
        return 130
    except (OSError, ImportError) as err:  # e.g. a scheduler that cannot be reached, dask not installed
        return fail(f"{type(err).__name__}: {err}")
    if not quiet:
        print(f"{summary.written} written, {summary.skipped} skipped (up to date), {len(summary.failures)} failed "
              f"of {summary.documents} documents → {out}/ ({summary.words} words, {summary.seconds:.1f} s, "
              f"{summary.words_per_second:,.0f} words/s); summary: {summary_path(out)}", file=sys.stderr)
    return 0 if summary.ok else 1
