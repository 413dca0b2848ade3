"""Engines: how documents become results, locally (spaCy, n_process) or on a Dask cluster.

Every engine turns a stream of Documents into a stream of Outcomes (the JSON
text of a result, or the reason it failed) using the same code, so the bytes
written do not depend on the engine, the number of workers or the batching.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import count, islice
from typing import Any

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .export import dumps
from .nlp import DEFAULT_MODEL, build_nlp, to_doc
from .readers import Document
from .result import build_result
from .schema import validate


@dataclass
class Outcome:
    """One document's fate: its result as JSON text, or why it failed."""

    id: str
    source: str
    json: str | None = None
    words: int = 0  # words the pipeline processed, also when building the result then failed
    error: str | None = None


Engine = Callable[[Iterable[Document]], Iterator[Outcome]]


def word_count(doc: Doc) -> int:
    """Non-space tokens, counted in the Doc's array (a Python loop over tokens cost 2 ms a document)."""
    return len(doc) - int(doc.to_array(IS_SPACE).sum())


def result_outcome(nlp: Language, doc: Doc, document: Document) -> Outcome:
    """The validated claims/1 JSON of a processed Doc (building or validating may fail too)."""
    source, words = document.source or document.id, word_count(doc)
    try:
        data = build_result(doc, document, nlp).to_dict()
        validate(data)
        text = dumps(data)
    except Exception as err:  # one bad document must not stop the corpus
        return Outcome(document.id, source, words=words, error=f"building the result failed: {one_line(err)}")
    return Outcome(document.id, source, text, words)


def one_line(err: Exception) -> str:
    """An error as one line of a report: its type, first line and, for a schema error, where."""
    where = "/".join(map(str, getattr(err, "absolute_path", []) or []))
    first = str(getattr(err, "message", None) or err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {first}" + (f" (at {where})" if where else "")


class FailureLog:
    """A spaCy error handler that records why a component failed on a document, instead of raising."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def __call__(self, name: str | None, proc: Any, docs: list[Doc] | None, err: Exception) -> None:
        self.reasons.append(f"component {name!r} failed: {one_line(err)}")


def drop_document(name: str | None, proc: Any, docs: list[Doc] | None, err: Exception) -> None:
    """spaCy error handler of a stream: let spaCy drop the Doc; the caller runs it again alone.

    Module-level, so spaCy can hand it to worker processes.
    """


def _alone(nlp: Language, document: Document) -> Outcome:
    """A document spaCy dropped from a stream, run by itself in this process to learn why."""
    log = FailureLog()
    previous, nlp.default_error_handler = nlp.default_error_handler, log
    try:
        for doc, _ in nlp.pipe([(to_doc(nlp, document), None)], as_tuples=True):
            return result_outcome(nlp, doc, document)
    except Exception as err:  # e.g. a model component (their errors always raise) or make_doc
        reason = log.reasons[0] if log.reasons else one_line(err)
    else:
        reason = log.reasons[0] if log.reasons else "spaCy returned no Doc for it"
    finally:
        nlp.default_error_handler = previous
    return Outcome(document.id, document.source or document.id, error=reason)


def local_outcomes(nlp: Language, documents: Iterable[Document], *, batch_size: int = 16,
                   n_process: int = 1) -> Iterator[Outcome]:
    """Documents through `nlp.pipe` in batches, in order; a failure costs only its own document.

    spaCy drops a Doc whose component raised (in a worker, or for a component
    with its own `pipe`, the whole batch), so each Document travels with a
    sequence number and any that does not come back is run again alone, which
    also gives the real error. An exception that escapes `nlp.pipe` ends that
    stream; the documents in flight are run alone and a new stream takes the rest.
    """
    in_flight: deque[tuple[int, Document]] = deque()
    pending = iter(documents)
    counter = count()

    def feed() -> Iterator[tuple[Doc, tuple[int, Document]]]:
        for document in pending:
            item = (next(counter), document)
            in_flight.append(item)
            yield to_doc(nlp, document), item

    previous, nlp.default_error_handler = nlp.default_error_handler, drop_document
    try:
        with ExitStack() as stack:
            if n_process != 1:
                stack.enter_context(workers_stop_on_interrupt())
            yield from _stream(nlp, feed, in_flight, batch_size, n_process)
    finally:
        nlp.default_error_handler = previous


def _stream(nlp: Language, feed: Callable[[], Iterator], in_flight: deque[tuple[int, Document]],
            batch_size: int, n_process: int) -> Iterator[Outcome]:
    """`nlp.pipe` streams until the documents run out; see `local_outcomes`."""
    while True:
        try:
            for doc, (seq, document) in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size,
                                                 n_process=n_process):
                while in_flight and in_flight[0][0] != seq:
                    yield _alone(nlp, in_flight.popleft()[1])
                in_flight.popleft()
                yield result_outcome(nlp, doc, document)
            break
        except Exception:  # the stream is dead; its documents are retried one by one
            if not in_flight:
                raise
            while in_flight:
                yield _alone(nlp, in_flight.popleft()[1])
    while in_flight:
        yield _alone(nlp, in_flight.popleft()[1])


@contextmanager
def workers_stop_on_interrupt() -> Iterator[None]:
    """On Ctrl-C, terminate the worker processes started meanwhile, then raise KeyboardInterrupt.

    Interrupted, spaCy closes its ends of the result pipes and joins its
    workers; a worker blocked sending a result never sees the pipe break (its
    forked siblings hold the same read end), so the join would hang forever.
    Workers ignore the signal: the parent stops them.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner, before = os.getpid(), set(multiprocessing.active_children())

    def interrupt(signum: int, frame: Any) -> None:
        if os.getpid() != owner:
            return
        for child in set(multiprocessing.active_children()) - before:
            child.terminate()
        warnings.filterwarnings("ignore", message=r"\[W127\]")  # "not all workers completed": we stopped them
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def local_engine(nlp: Language, *, batch_size: int = 16, n_process: int = 1) -> Engine:
    return lambda documents: local_outcomes(nlp, documents, batch_size=batch_size, n_process=n_process)


@dataclass(frozen=True)
class NlpSpec:
    """How to build the pipeline where it runs (a Dask worker): names and settings, not the model."""

    model: str = DEFAULT_MODEL
    components: tuple[str, ...] | None = None
    config_json: str = "{}"

    def build(self) -> Language:
        return build_nlp(self.model, components=self.components, config=json.loads(self.config_json))


_WORKER_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def worker_nlp(spec: NlpSpec) -> Language:
    """The pipeline of a worker process, built on its first task and reused for every later one."""
    return spec.build()


def process_batch(spec: NlpSpec, documents: list[Document], batch_size: int) -> list[Outcome]:
    """The Dask task: the same code as a local run, on one batch."""
    with _WORKER_LOCK:  # one Language is not shared between a worker's threads at the same time
        return list(local_outcomes(worker_nlp(spec), documents, batch_size=batch_size))


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass
class DaskEngine:
    """Batches of documents as tasks on a dask.distributed cluster; results come back as they finish.

    At most `2 × workers` batches are submitted at a time, so memory on the
    client stays flat however long the corpus is.
    """

    spec: NlpSpec
    scheduler: str | None = None
    workers: int = 2
    batch_size: int = 16

    def __call__(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        try:
            from dask.distributed import Client, LocalCluster, as_completed
        except ImportError:
            raise ImportError("the dask engine needs dask.distributed: pip install 'claims-pipeline[dask]'") from None

        cluster = None if self.scheduler else LocalCluster(
            n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(self.scheduler or cluster)
        try:
            width = max(1, len(client.nthreads()))
            todo = batches(documents, self.batch_size)
            running = as_completed()
            for batch in islice(todo, 2 * width):
                running.add(client.submit(process_batch, self.spec, batch, self.batch_size, pure=False))
            for future in running:
                outcomes = future.result()
                future.release()
                batch = next(todo, None)
                if batch:
                    running.add(client.submit(process_batch, self.spec, batch, self.batch_size, pure=False))
                yield from outcomes
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
