"""Events and organisations on the seed against gold: P/R/F1, date/agent/status figures, the errors.

Run: python bench/events_seed.py [--gold-timexes]
With --gold-timexes the gold timexes replace the timex layer, so the event rules are measured
apart from timex errors.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.api import load
from pipeline.nlp import to_doc
from pipeline.readers import read_document
from pipeline.result import build_result
from pipeline.schema import ClaimsResult, Event
from pipeline.scoring.corpus import build_resolver
from pipeline.scoring.layers import score_events, score_organisations

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "china-russia-relations.txt"
GOLD = ROOT / "gold" / "china-russia-relations.json"


def show(e: Event) -> str:
    return f"{e.type} {e.trigger.text!r} date={e.date} agents={e.agents} status={e.status}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-timexes", action="store_true", help="use the gold timexes")
    options = parser.parse_args()
    gold = ClaimsResult.from_dict(json.loads(GOLD.read_text(encoding="utf-8")))
    nlp = load()
    document = read_document(SEED)
    doc = to_doc(nlp, document)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "claims_timexes" and options.gold_timexes:
            doc._.timexes = gold.timexes
    pred = build_result(doc, document, nlp)
    resolver = build_resolver(gold, pred, document.text)
    ev = score_events(gold.events, pred.events, resolver)
    org = score_organisations(gold.organisations, pred.organisations, resolver)
    print(f"timexes: {'gold' if options.gold_timexes else 'claims_timexes'}")
    print(f"events  P {ev.prf.precision:.3f} R {ev.prf.recall:.3f} F1 {ev.prf.f1:.3f} "
          f"(tp {ev.prf.tp}, fp {ev.prf.fp}, fn {ev.prf.fn})")
    print(f"        date accuracy {ev.date_accuracy.value:.3f}  agent F1 {ev.agents.f1:.3f}  "
          f"status accuracy {ev.status_accuracy.value:.3f}  (over {ev.date_accuracy.total} matched)")
    print(f"orgs    triple P {org.triples.precision:.3f} R {org.triples.recall:.3f} F1 {org.triples.f1:.3f}")
    for g, p in ev.alignment.pairs:
        if g.date != p.date or set(g.agents) != set(p.agents) or g.status != p.status:
            print(f"  differs  gold {show(g)}\n           pred {show(p)}")
    for g in ev.alignment.missed:
        print(f"  missed   {show(g)}")
    for p in ev.alignment.spurious:
        print(f"  spurious {show(p)}")
    for t in (*org.alignment.missed, *org.alignment.spurious):
        print(f"  org      {t.org} {t.field} {t.value}")


if __name__ == "__main__":
    main()
