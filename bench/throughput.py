"""Throughput of `claims run` on real articles, against bare spaCy with the same model.

    python bench/throughput.py [--docs 500] [--batch-size 16]

Corpus: the `content_original` texts of the article-bias-prediction sample,
repeated (with distinct ids) up to --docs documents. In one run it measures

- words/s of bare `nlp.pipe` (the model alone, same batch size);
- words/s of a full `claims run` with 1 worker (read, pipeline, result, validation, atomic write);
- seconds per step of that run: each pipeline component (each pipe wrapped with a clock), the
  tokenizer, and the runner's own steps (reading, result building, schema validation, JSON,
  writing, the corpus JSONL); "other" is what no clock covers (spaCy's batching, bookkeeping);
- words/s of `claims run` with 2 worker processes;
- peak resident memory of a run over 50 and over 500 documents (each in its own process).

On a machine shared with other jobs wall-clock figures move with the load, so the
1-worker phases also record words per CPU second of this process (`cpu_words_per_second`),
which other processes disturb far less, and the 1-minute load average before and after each.

Prints a table and writes bench/results/throughput.json. "Words" are non-space tokens.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from pipeline import engines, runner
from pipeline.engines import word_count
from pipeline.nlp import DEFAULT_MODEL, build_nlp

TOKENIZER = "tokenizer (make_doc)"
OTHER = "other (spaCy batching, bookkeeping)"
RUNNER_STEPS = {  # the runner's own work per document, each function clocked where the runner calls it
    "reading documents": (runner, "read_document"),
    "result building": (engines, "build_result"),
    "schema validation": (engines, "validate"),
    "JSON serialisation": (engines, "dumps"),
    "atomic write": (runner, "write_atomic"),
    "corpus JSONL": (runner, "write_jsonl"),
}
ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "article-bias-prediction" / "jsons"
RESULTS = Path(__file__).resolve().parent / "results" / "throughput.json"
MEMORY_SIZES = (50, 500)


def build_corpus(folder: Path, count: int) -> list[str]:
    """`count` article files in `folder` (the sample repeated as needed); returns their texts."""
    texts = [json.loads(p.read_text(encoding="utf-8"))["content_original"] for p in sorted(ARTICLES.glob("*.json"))]
    texts = [t for t in texts if t.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    corpus = [texts[i % len(texts)] for i in range(count)]
    for i, text in enumerate(corpus):
        (folder / f"article-{i:04d}.txt").write_text(text, encoding="utf-8")
    return corpus


class Clocked:
    """A pipeline component with a clock: time spent in it, not in the components before it."""

    def __init__(self, proc: Callable) -> None:
        self.proc = proc
        self.seconds = 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.proc(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started

    def pipe(self, docs: Iterable, **kwargs: Any) -> Iterator:
        upstream = _UpstreamClock(docs)
        inner = self.proc.pipe(upstream, **kwargs) if hasattr(self.proc, "pipe") else map(self.proc, upstream)
        while True:
            started, before = time.perf_counter(), upstream.seconds
            try:
                doc = next(inner)
            except StopIteration:
                return
            self.seconds += time.perf_counter() - started - (upstream.seconds - before)
            yield doc


class _UpstreamClock:
    def __init__(self, docs: Iterable) -> None:
        self.docs = iter(docs)
        self.seconds = 0.0

    def __iter__(self):
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self.docs)
        finally:
            self.seconds += time.perf_counter() - started


def clock_components(nlp: Language) -> dict[str, Clocked]:
    clocks = {}
    for i, (name, proc) in enumerate(nlp._components):  # no public API replaces a live component object
        if name in nlp.disabled:
            continue
        clocks[name] = Clocked(proc)
        nlp._components[i] = (name, clocks[name])
    return clocks


def clock_function(module: Any, name: str) -> Clocked:
    """Replace `module.name` by a clocked version (for result building, validation, writing)."""
    clock = Clocked(getattr(module, name))
    setattr(module, name, clock)
    return clock


def bare_speed(texts: list[str], batch_size: int) -> dict[str, float]:
    nlp = spacy.load(DEFAULT_MODEL)
    list(nlp.pipe(texts[:8], batch_size=batch_size))  # warm-up
    load, cpu, started = os.getloadavg()[0], time.process_time(), time.perf_counter()
    words = sum(word_count(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"words": words, "seconds": seconds, "words_per_second": words / seconds, "cpu_seconds": cpu,
            "cpu_words_per_second": words / cpu, "load_average_before": load,
            "load_average_after": os.getloadavg()[0]}


def run_speed(nlp: Language, corpus: Path, out: Path, batch_size: int, workers: int) -> dict[str, Any]:
    """A `claims run` (runner.run, as the CLI calls it) over `corpus`; CPU time is this process's only."""
    load, cpu = os.getloadavg()[0], time.process_time()
    summary = runner.run(nlp, [corpus], out, batch_size=batch_size, n_process=workers, report=lambda m: None)
    cpu = time.process_time() - cpu
    if summary.failures:
        print(f"  ({len(summary.failures)} documents failed, e.g. {summary.failures[0].reason[:200]})")
    speed = {"words": summary.words, "seconds": summary.seconds, "words_per_second": summary.words_per_second,
             "written": summary.written, "failed": len(summary.failures), "load_average_before": load,
             "load_average_after": os.getloadavg()[0]}
    if workers == 1:
        speed.update(cpu_seconds=cpu, cpu_words_per_second=summary.words / cpu)
    return speed


def peak_rss_mb(corpus: Path, count: int, batch_size: int) -> float:
    """Peak RSS of a fresh process that runs the first `count` documents."""
    out = subprocess.run([sys.executable, __file__, "--peak-rss", str(corpus), str(count), str(batch_size)],
                         check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def _peak_rss_child(corpus: Path, count: int, batch_size: int) -> None:
    files = sorted(corpus.glob("*.txt"))[:count]
    with tempfile.TemporaryDirectory() as out:
        runner.run(build_nlp(), files, Path(out), batch_size=batch_size, report=lambda m: None)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--memory", action=argparse.BooleanOptionalAction, default=True,
                        help=f"measure peak memory for {' and '.join(map(str, MEMORY_SIZES))} documents")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    parser.add_argument("--peak-rss", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_rss:
        _peak_rss_child(Path(args.peak_rss[0]), int(args.peak_rss[1]), int(args.peak_rss[2]))
        return

    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        texts = build_corpus(corpus, max(args.docs, *MEMORY_SIZES) if args.memory else args.docs)[: args.docs]
        one_run = Path(tmp) / "corpus-run"
        one_run.mkdir()
        for path in sorted(corpus.glob("*.txt"))[: args.docs]:
            (one_run / path.name).symlink_to(path)
        print(f"{len(texts)} documents, {sum(len(t.split()) for t in texts):,} whitespace words, "
              f"batch size {args.batch_size}, load average {load:.2f}")

        nlp = build_nlp()
        bare = bare_speed(texts, args.batch_size)
        print(f"bare nlp.pipe: {bare['words_per_second']:,.0f} words/s")

        warm_up = Path(tmp) / "corpus-warm-up"  # one-time loading (lexicons, compiled schema), as bare has
        warm_up.mkdir()
        for path in sorted(one_run.glob("*.txt"))[:8]:
            (warm_up / path.name).symlink_to(path.resolve())
        runner.run(nlp, [warm_up], Path(tmp) / "out-warm-up", batch_size=args.batch_size, report=lambda m: None)
        clocks = clock_components(nlp)
        tokenizer = {TOKENIZER: Clocked(nlp.make_doc)}
        nlp.make_doc = tokenizer[TOKENIZER]
        steps = {name: clock_function(module, function) for name, (module, function) in RUNNER_STEPS.items()}
        full = run_speed(nlp, one_run, Path(tmp) / "out-1", args.batch_size, 1)
        print(f"claims run, 1 worker: {full['words_per_second']:,.0f} words/s")
        parts = {name: clock.seconds for name, clock in {**clocks, **tokenizer, **steps}.items()}
        parts[OTHER] = full["seconds"] - sum(parts.values())

        two = run_speed(nlp, one_run, Path(tmp) / "out-2", args.batch_size, 2)
        print(f"claims run, 2 workers: {two['words_per_second']:,.0f} words/s")

        memory = {str(n): peak_rss_mb(corpus, n, args.batch_size) for n in MEMORY_SIZES} if args.memory else {}

    model_names = set(spacy.load(DEFAULT_MODEL).pipe_names)
    kinds = {name: step_kind(name, model_names) for name in parts}
    report = {
        "documents": len(texts), "batch_size": args.batch_size, "cpus": os.cpu_count(), "load_average_start": load,
        "bare_nlp_pipe": bare, "full_run_1_worker": full, "full_run_2_workers": two,
        "full_over_bare": full["words_per_second"] / bare["words_per_second"],
        "two_over_one_worker": two["words_per_second"] / full["words_per_second"],
        "full_over_bare_cpu": full["cpu_words_per_second"] / bare["cpu_words_per_second"],
        "seconds_by_step": parts,
        "step_kinds": kinds,
        "seconds_by_kind": {kind: sum(s for n, s in parts.items() if kinds[n] == kind)
                            for kind in sorted({*kinds.values()})},
        "model_components": sorted(model_names & set(clocks)),
        "peak_rss_mb": memory,
    }
    if memory:
        report["peak_rss_500_over_50"] = memory["500"] / memory["50"]
    print_table(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"→ {args.json}")


def step_kind(name: str, model_names: set[str]) -> str:
    """model (bare spaCy does it too), ours (our components), runner (our per-document work) or other."""
    if name in model_names or name == TOKENIZER:
        return "model"
    if name.startswith("claims_"):
        return "ours"
    return "other" if name == OTHER else "runner"


def print_table(r: dict[str, Any]) -> None:
    rows = [
        ("bare nlp.pipe (model only)", f"{r['bare_nlp_pipe']['words_per_second']:,.0f} words/s", ""),
        ("claims run, 1 worker", f"{r['full_run_1_worker']['words_per_second']:,.0f} words/s",
         f"{r['full_over_bare']:.2f} × bare (target ≥ 0.80)"),
        ("  per CPU second: bare / claims run", f"{r['bare_nlp_pipe']['cpu_words_per_second']:,.0f} / "
         f"{r['full_run_1_worker']['cpu_words_per_second']:,.0f}", f"{r['full_over_bare_cpu']:.2f} × bare"),
        ("claims run, 2 workers", f"{r['full_run_2_workers']['words_per_second']:,.0f} words/s",
         f"{r['two_over_one_worker']:.2f} × 1 worker (target ≥ 1.60)"),
    ]
    if r["peak_rss_mb"]:
        rows += [("peak RSS, 50 documents", f"{r['peak_rss_mb']['50']:,.0f} MB", ""),
                 ("peak RSS, 500 documents", f"{r['peak_rss_mb']['500']:,.0f} MB",
                  f"{r['peak_rss_500_over_50']:.3f} × 50 (target ≤ 1.10)")]
    width = max(len(a) for a, _, _ in rows)
    for a, b, c in rows:
        print(f"{a:<{width}}  {b:>16}  {c}")
    total = r["full_run_1_worker"]["seconds"]
    print("load average (1 min) before → after bare / 1 worker / 2 workers: " + " / ".join(
        f"{r[k]['load_average_before']:.2f} → {r[k]['load_average_after']:.2f}"
        for k in ("bare_nlp_pipe", "full_run_1_worker", "full_run_2_workers")))
    print(f"\ntime by step, claims run with 1 worker ({total:.1f} s):")
    for name, seconds in sorted(r["seconds_by_step"].items(), key=lambda kv: -kv[1]):
        print(f"  {name:<38} {seconds:8.2f} s  {100 * seconds / total:5.1f} %  {r['step_kinds'][name]}")
    print("by kind: " + ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in r["seconds_by_kind"].items()))


if __name__ == "__main__":
    main()
