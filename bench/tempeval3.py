"""TempEval-3 (TBAQ-cleaned training data): our timex normaliser against dateparser's search_dates.

Reads the .tml files, takes the TEXT element's plain text with the offsets of every
in-text TIMEX3 (tags removed), runs each system with the document creation time as
publication date, and scores with `pipeline.scoring.score_timexes` (strict/relaxed span
F1, type and value accuracy over relaxed matches, value F1). Prints a table, writes
bench/results/tempeval3.json; `--errors N` prints N value errors per system, grouped
by gold type, to read by phenomenon.

    python bench/tempeval3.py [--data DIR] [--limit N] [--errors N] [--no-baseline] [--timeml-values]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.nlp import build_nlp
from pipeline.schema import Timex
from pipeline.scoring.layers import TimexScores, score_timexes, timex_values_equal
from pipeline.scoring.matching import PRF, Accuracy
from pipeline.timex import value_at_period

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "benchmarks" / "tempeval3" / "train"
RESULTS = ROOT / "bench" / "results" / "tempeval3.json"
COMPONENTS = ["claims_boilerplate", "claims_entities", "claims_timexes"]


@dataclass
class TmlDoc:
    id: str
    text: str
    dct: str
    timexes: list[Timex]


@dataclass
class Totals:
    """Scores summed over documents, and the time a system took."""

    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    type_accuracy: Accuracy = field(default_factory=Accuracy)
    value_accuracy: Accuracy = field(default_factory=Accuracy)
    seconds: float = 0.0
    docs: int = 0
    errors: list[tuple[str, Timex | None, Timex | None]] = field(default_factory=list)

    def add(self, doc_id: str, s: TimexScores) -> None:
        self.strict += s.strict
        self.relaxed += s.relaxed
        self.value += s.value
        self.type_accuracy += s.type_accuracy
        self.value_accuracy += s.value_accuracy
        self.docs += 1
        self.errors += [(doc_id, g, p) for g, p in s.alignment.pairs if not timex_values_equal(g.value, p.value)]
        self.errors += [(doc_id, g, None) for g in s.alignment.missed]
        self.errors += [(doc_id, None, p) for p in s.alignment.spurious]

    def row(self) -> dict[str, float]:
        return {
            "strict_p": self.strict.precision, "strict_r": self.strict.recall, "strict_f1": self.strict.f1,
            "relaxed_p": self.relaxed.precision, "relaxed_r": self.relaxed.recall, "relaxed_f1": self.relaxed.f1,
            "type_acc": self.type_accuracy.value, "value_acc": self.value_accuracy.value,
            "value_p": self.value.precision, "value_r": self.value.recall, "value_f1": self.value.f1,
            "seconds": self.seconds, "docs_per_s": self.docs / self.seconds if self.seconds else 0.0,
            "docs": self.docs, "gold": self.relaxed.tp + self.relaxed.fn, "pred": self.relaxed.tp + self.relaxed.fp,
        }


# --- reading TimeML ------------------------------------------------------------------------------

def plain_text(element: ET.Element) -> tuple[str, list[Timex]]:
    """The element's text with tags removed, and each TIMEX3 inside it with offsets into that text."""
    parts: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                a = child.attrib
                timexes.append(Timex("".join(parts)[start:length], start, length, a.get("type", "DATE"),
                                     a.get("value"), a.get("mod")))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(element)
    return "".join(parts), timexes


# TimeBank writes some values in older TimeML notation; these are the same values in SCHEMA.md's
# notation (decade `199`, century `19`, `P2DE`, zero-padded ISO weeks, and trailing unspecified
# fields dropped: `1949-XX` is the year `1949`), nothing else is changed. docs/timexes.md
# ("Notation mapping") says why each is fair.
_NOTATION = [(re.compile(r"^(\d{4})-W(\d)$"), r"\1-W0\2"), (re.compile(r"^(\d{3})X$"), r"\1"),
             (re.compile(r"^(\d{4}(?:-\d\d)?)(?:-XX)+$"), r"\1"),
             (re.compile(r"^(\d{2})XX$"), r"\1"), (re.compile(r"^P(\d+|X)E$"), r"P\1DE"),
             (re.compile(r"^P(\d+|X)C$"), r"P\1CE"), (re.compile(r"^P(\d+|X)L$"), r"P\1ML")]


def project_notation(value: str | None) -> str | None:
    for rx, repl in _NOTATION:
        if value and rx.match(value):
            return rx.sub(repl, value)
    return value


def read_tml(path: Path, notation: bool = True) -> TmlDoc:
    """A .tml file; `notation` maps gold values to the project's notation (see `project_notation`)."""
    root = ET.parse(path).getroot()
    dct = next(t.get("value", "") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
    text, timexes = plain_text(root.find("TEXT"))
    if notation:
        timexes = [Timex(t.text, t.start, t.end, t.type, project_notation(t.value), t.mod) for t in timexes]
    return TmlDoc(path.stem, text, dct[:10], timexes)


def read_corpus(data: Path, limit: int | None, notation: bool = True) -> list[TmlDoc]:
    paths = sorted(data.glob("**/*.tml"))
    return [read_tml(p, notation) for p in paths[:limit]]


# --- systems -------------------------------------------------------------------------------------

def run_normaliser(docs: list[TmlDoc]) -> tuple[list[list[Timex]], float, float]:
    """Our timexes (through the project's pipeline), the model's time and our component's time."""
    nlp = build_nlp(components=COMPONENTS)
    timexes = nlp.get_pipe("claims_timexes")
    preds, model_s, ours_s = [], 0.0, 0.0
    for d in docs:
        doc = nlp.make_doc(d.text)
        doc._.published = d.dct
        t0 = time.perf_counter()
        for name, proc in nlp.pipeline:
            if name != "claims_timexes":
                doc = proc(doc)
        t1 = time.perf_counter()
        doc = timexes(doc)
        t2 = time.perf_counter()
        model_s, ours_s = model_s + t1 - t0, ours_s + t2 - t1
        preds.append(doc._.timexes)
    return preds, model_s, ours_s


def run_dateparser(docs: list[TmlDoc]) -> tuple[list[list[Timex]], float]:
    """dateparser.search.search_dates: its spans, each date at the granularity dateparser detected."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    preds = []
    t0 = time.perf_counter()
    for d in docs:
        y, m, day = (int(x) for x in d.dct.split("-"))
        settings = {"RELATIVE_BASE": dt.datetime(y, m, day), "RETURN_TIME_AS_PERIOD": True}
        parser = DateDataParser(languages=["en"], settings=settings)
        found = search_dates(d.text, languages=["en"], settings=settings) or []
        out, cursor = [], 0
        for phrase, _ in found:
            start = d.text.find(phrase, cursor)
            if start < 0:
                continue
            cursor = start + len(phrase)
            data = parser.get_date_data(phrase)
            if data.date_obj is None:
                continue
            period = data.period or "day"
            out.append(Timex(phrase, start, cursor, "TIME" if period == "time" else "DATE",
                             value_at_period(data.date_obj, period)))
        preds.append(out)
    return preds, time.perf_counter() - t0


def score(docs: list[TmlDoc], preds: Iterable[list[Timex]]) -> Totals:
    totals = Totals()
    for d, p in zip(docs, preds):
        totals.add(d.id, score_timexes(d.timexes, p))
    return totals


# --- output --------------------------------------------------------------------------------------

def print_table(rows: dict[str, dict[str, float]], out: Callable[[str], None] = print) -> None:
    head = (f"{'system':<22}{'strict P':>9}{'R':>7}{'F1':>7}{'relax P':>9}{'R':>7}{'F1':>7}"
            f"{'type acc':>9}{'val acc':>9}{'val F1':>8}{'seconds':>9}{'docs/s':>9}")
    out(head)
    out("-" * len(head))
    for name, r in rows.items():
        out(f"{name:<22}{r['strict_p']:>9.3f}{r['strict_r']:>7.3f}{r['strict_f1']:>7.3f}"
            f"{r['relaxed_p']:>9.3f}{r['relaxed_r']:>7.3f}{r['relaxed_f1']:>7.3f}"
            f"{r['type_acc']:>9.3f}{r['value_acc']:>9.3f}{r['value_f1']:>8.3f}"
            f"{r['seconds']:>9.2f}{r['docs_per_s']:>9.1f}")


def print_errors(name: str, totals: Totals, n: int, texts: dict[str, str]) -> None:
    """Errors grouped: wrong value, missed, spurious — each with a little context."""
    def ctx(doc_id: str, t: Timex) -> str:
        text = texts[doc_id]
        return re.sub(r"\s+", " ", text[max(0, t.start - 30):t.start] + "[" + t.text + "]" + text[t.end:t.end + 20])

    groups = {"wrong value": [(d, g, p) for d, g, p in totals.errors if g and p],
              "missed": [(d, g, p) for d, g, p in totals.errors if g and not p],
              "spurious": [(d, g, p) for d, g, p in totals.errors if p and not g]}
    for label, items in groups.items():
        print(f"\n== {name}: {label} ({len(items)}) ==")
        for d, g, p in items[:n]:
            shown = g or p
            print(f"  {d}: {ctx(d, shown)!r}  gold={g and (g.type, g.value, g.mod)}  pred={p and (p.type, p.value, p.mod)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--errors", type=int, default=0, help="print N errors per group and system")
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser (slow)")
    ap.add_argument("--timeml-values", action="store_true",
                    help="score against gold values as TimeBank writes them (no notation mapping)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    docs = read_corpus(args.data, args.limit, notation=not args.timeml_values)
    if not docs:
        print(f"no .tml files under {args.data}", file=sys.stderr)
        return 1
    preds, model_s, ours_s = run_normaliser(docs)
    ours = score(docs, preds)
    ours.seconds = ours_s
    systems = {"claims_timexes": ours}
    if not args.no_baseline:
        base_preds, base_s = run_dateparser(docs)
        systems["dateparser.search_dates"] = score(docs, base_preds)
        systems["dateparser.search_dates"].seconds = base_s
    rows = {name: t.row() for name, t in systems.items()}
    print(f"TempEval-3 training data (TBAQ-cleaned): {len(docs)} documents, "
          f"{sum(len(d.timexes) for d in docs)} gold TIMEX3\n")
    print_table(rows)
    print(f"\nclaims_timexes seconds = our component only; the spaCy model and entities layer it needs took "
          f"{model_s:.2f} s ({ours_s / model_s:.1%} of that)")
    if args.errors:
        texts = {d.id: d.text for d in docs}
        for name, t in systems.items():
            print_errors(name, t, args.errors, texts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"data": str(args.data), "documents": len(docs),
                                    "gold_values": "as written" if args.timeml_values else "project notation",
                                    "gold_timexes": sum(len(d.timexes) for d in docs),
                                    "pipeline_seconds_before_timexes": model_s, "systems": rows},
                                   indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
