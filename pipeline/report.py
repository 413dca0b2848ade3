"""A self-contained HTML report of a run against gold: highlighted texts, score tables, item tables.

Every piece of document text and every attribute value goes through `esc`
(html.escape with quote=True): articles are untrusted input, and the report
must stay inert when opened in a browser. No script, no external resource.
"""
from __future__ import annotations

import html
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .names import NameResolver
from .schema import CharSpan, Event
from .scoring.corpus import LAYER_TITLES, CorpusScores, DocumentScores, score_corpus
from .scoring.errors import describe, wrong_attributes
from .scoring.matching import Alignment, align, overlaps
from .scoring.tables import HEADLINE_NOTE, Row, headline_rows, score_rows

STATUSES: tuple[str, ...] = ("correct", "wrong", "missed", "spurious")  # also the priority of overlapping marks
STATUS_HELP = {"correct": "matched, attributes right", "wrong": "matched, a span or attribute differs",
               "missed": "in gold, not found", "spurious": "found, not in gold"}
TEXT_LAYERS: tuple[str, ...] = ("entities", "timexes", "events", "numeric_claims", "organisations")

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:1250px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:2px solid #ccc;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:13px}
td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;background:#fcfcfc;line-height:1.9}
mark{border-radius:3px;padding:1px 0;cursor:help}
.correct{background:#c6efc0}.wrong{background:#ffe08a}
.missed{background:#ffc4c4;border-bottom:2px solid #c00}.spurious{background:#c9defc;border-bottom:2px dashed #1f5fbf}
td.status{font-weight:600}tr.row-missed td{background:#fff4f4}tr.row-spurious td{background:#f3f8ff}
tr.row-wrong td{background:#fffaeb}td.status.correct{background:#c6efc0}td.status.wrong{background:#ffe08a}
td.status.missed{background:#ffc4c4}td.status.spurious{background:#c9defc}
.legend span{margin-right:1.2em;padding:2px 6px;border-radius:3px}
summary{cursor:pointer;font-weight:600;margin:.4em 0}.diff{color:#a00}.warn{color:#a60}
.headline{font-size:1.3em;font-weight:700}
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    status: str
    tip: str


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """The text as escaped HTML with `<mark>`s; where marks overlap, the segment shows the
    most severe status and every mark's tooltip."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(bounds, bounds[1:]):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        segment = esc(text[a:b])
        if covering:
            status = max((m.status for m in covering), key=STATUSES.index)
            tip = "\n".join(dict.fromkeys(m.tip for m in covering))
            out.append(f'<mark class="{status}" title="{esc(tip)}">{segment}</mark>')
        else:
            out.append(segment)
    return "".join(out)


def _span(item: Any) -> CharSpan:
    return item.trigger if isinstance(item, Event) else item


def layer_marks(layer: str, alignment: Alignment, resolver: NameResolver) -> list[Mark]:
    """Marks of one layer: a matched pair over the union of both spans, missed and spurious items on their own."""
    marks = []
    for g, p in alignment.pairs:
        gs, ps = _span(g), _span(p)
        wrong = wrong_attributes(layer, g, p, resolver)
        tip = f"gold: {describe(g)}\npred: {describe(p)}" + (f"\nwrong: {', '.join(wrong)}" if wrong else "")
        marks.append(Mark(min(gs.start, ps.start), max(gs.end, ps.end), "wrong" if wrong else "correct", tip))
    marks += [Mark(_span(g).start, _span(g).end, "missed", f"missed: {describe(g)}") for g in alignment.missed]
    marks += [Mark(_span(p).start, _span(p).end, "spurious", f"spurious: {describe(p)}") for p in alignment.spurious]
    return marks


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    org: str


def mention_alignment(d: DocumentScores) -> Alignment[Mention, Mention]:
    """Organisation mention spans, a pair counting only when its two profiles were matched."""
    orgs = d.scores.organisations.org_alignment
    partner = {id(p): g.name for g, p in orgs.pairs}
    gold = [Mention(m.start, m.end, o.name) for o in (*[g for g, _ in orgs.pairs], *orgs.missed) for m in o.mentions]
    pred = [Mention(m.start, m.end, partner.get(id(o), o.name)) for o in (*[p for _, p in orgs.pairs], *orgs.spurious)
            for m in o.mentions]
    return align(gold, pred, lambda g, p: 1.0 if overlaps(g, p) and g.org == p.org else None)


def document_marks(d: DocumentScores, layer: str) -> list[Mark]:
    if layer == "organisations":
        mentions = mention_alignment(d)
        return ([Mark(g.start, g.end, "correct", f"organisation: {g.org}") for g, _ in mentions.pairs]
                + [Mark(g.start, g.end, "missed", f"missed mention of {g.org}") for g in mentions.missed]
                + [Mark(p.start, p.end, "spurious", f"spurious mention of {p.org}") for p in mentions.spurious])
    return layer_marks(layer, getattr(d.scores, layer).alignment, d.resolver)


# tables -------------------------------------------------------------------------------------------

def _cell(gold: Any, pred: Any, status: str) -> str:
    shown = lambda v: ", ".join(map(str, v)) if isinstance(v, list) else "—" if v is None else str(v)  # noqa: E731
    if status == "missed":
        return esc(shown(gold))
    if status == "spurious" or shown(gold) == shown(pred):
        return esc(shown(pred))
    return f'{esc(shown(gold))} <span class="diff">→ {esc(shown(pred))}</span>'


def item_table(alignment: Alignment, columns: dict[str, Callable[[Any], Any]], status_of: Callable[[Any, Any], str],
               order: Callable[[Any], int]) -> str:
    """One row per matched pair, missed and spurious item; gold → predicted where they differ."""
    rows = [(status_of(g, p), g, p) for g, p in alignment.pairs]
    rows += [("missed", g, None) for g in alignment.missed] + [("spurious", None, p) for p in alignment.spurious]
    rows.sort(key=lambda r: order(r[1] if r[1] is not None else r[2]))
    head = "".join(f"<th>{esc(c)}</th>" for c in ("", *columns))
    body = []
    for status, g, p in rows:
        cells = "".join(f"<td>{_cell(get(g) if g is not None else None, get(p) if p is not None else None, status)}</td>"
                        for get in columns.values())
        body.append(f'<tr class="row-{status}"><td class="status {status}">{status}</td>{cells}</tr>')
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def document_tables(d: DocumentScores) -> str:
    s = d.scores
    status = lambda layer: lambda g, p: "wrong" if wrong_attributes(layer, g, p, d.resolver) else "correct"  # noqa: E731
    events = item_table(s.events.alignment, {
        "type": lambda e: e.type, "trigger": lambda e: e.trigger.text, "date": lambda e: e.date,
        "agents": lambda e: e.agents, "object": lambda e: e.object, "location": lambda e: e.location,
        "status": lambda e: e.status}, status("events"), lambda e: e.trigger.start)
    orgs = item_table(s.organisations.alignment, {
        "organisation": lambda t: t.org, "field": lambda t: t.field, "value": lambda t: t.value},
        lambda g, p: "correct", lambda t: t.start if t.start is not None else -1)
    claims = item_table(s.numeric_claims.alignment, {
        "text": lambda c: c.text, "value": lambda c: c.value if c.value_max is None else f"{c.value}–{c.value_max}",
        "unit": lambda c: c.unit, "comparator": lambda c: c.comparator, "subject": lambda c: c.subject,
        "time": lambda c: c.time}, status("numeric_claims"), lambda c: c.start)
    return (f"<h3>Events</h3>{events}<h3>Organisation triples</h3>{orgs}"
            f"<h3>Numeric claims</h3>{claims}")


def rows_table(rows: list[Row]) -> str:
    head = "<tr><th>layer</th><th>measure</th><th>P</th><th>R</th><th>F1</th><th>tp</th><th>fp</th><th>fn</th></tr>"
    body = []
    for r in rows:
        if r.prf is not None:
            p = r.prf
            nums = (f"{p.precision:.3f}", f"{p.recall:.3f}", f"{p.f1:.3f}", p.tp, p.fp, p.fn)
        else:
            a = r.accuracy
            nums = ("", "", f"{a.value:.3f}", f"{a.correct}/{a.total}", "", "") if a else ("",) * 6
        body.append(f"<tr><td>{esc(r.layer)}</td><td>{esc(r.measure)}</td>"
                    + "".join(f'<td class="num">{esc(n)}</td>' for n in nums) + "</tr>")
    return f"<table>{head}{''.join(body)}</table>"


def document_section(d: DocumentScores) -> str:
    parts = [f'<h2 id="{esc(d.doc_id)}">{esc(d.doc_id)}</h2>']
    if d.missing:
        parts.append('<p class="warn">No prediction in the run: scored as empty.</p>')
    parts += [f'<p class="warn">{esc(w)}</p>' for w in d.warnings if not d.missing]
    parts.append(f'<p class="headline">headline {d.scores.headline:.3f}</p>{rows_table(headline_rows(d.scores))}')
    if d.text is None:
        parts.append('<p class="warn">Document text not found (doc.source): spans cannot be shown.</p>')
    else:
        for layer in TEXT_LAYERS:
            marks = document_marks(d, layer)
            counts = ", ".join(f"{sum(m.status == s for m in marks)} {s}" for s in STATUSES)
            parts.append(f'<details{" open" if layer == "entities" else ""}><summary>{esc(layer)} ({counts})'
                         f'</summary><div class="text">{highlight(d.text, marks)}</div></details>')
    parts.append(document_tables(d))
    parts.append(f"<details><summary>all figures</summary>{rows_table(score_rows(d.scores))}</details>")
    return "\n".join(parts)


def render_report(corpus: CorpusScores, title: str = "claims report") -> str:
    """The whole report as one HTML string."""
    legend = "".join(f'<span class="{s}" title="{esc(STATUS_HELP[s])}">{s}: {esc(STATUS_HELP[s])}</span>'
                     for s in STATUSES)
    docs = "".join(f"<tr><td><a href=\"#{esc(d.doc_id)}\">{esc(d.doc_id)}</a>{' (missing)' if d.missing else ''}</td>"
                   f'<td class="num">{d.scores.headline:.3f}</td>'
                   + "".join(f'<td class="num">{p.f1:.3f}</td>' for p in d.scores.headline_prf().values()) + "</tr>"
                   for d in corpus.documents)
    doc_head = "".join(f"<th>{esc(t)}</th>" for t in ("document", "headline", *LAYER_TITLES.values()))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title><style>{CSS}</style></head>
<body>
<h1>{esc(title)}</h1>
<p class="legend">{legend}</p>
<p>Hover a highlighted span to see gold and predicted attributes.</p>
<p class="headline">headline {corpus.total.headline:.3f}</p><p>{esc(HEADLINE_NOTE)}</p>
{"".join(f'<p class="warn">{esc(w)}</p>' for w in corpus.warnings)}
<h2>Scores ({len(corpus.documents)} document{"s" * (len(corpus.documents) != 1)}, micro-averaged)</h2>
{rows_table(headline_rows(corpus.total))}
<table><tr>{doc_head}</tr>{docs}</table>
<details><summary>all figures</summary>{rows_table(score_rows(corpus.total))}</details>
{"".join(document_section(d) for d in corpus.documents)}
</body></html>
"""


def report_command(gold: Path, pred: Path, out: Path) -> int:
    """What `claims report` does; exit code 2 when the gold or the run cannot be read."""
    try:
        corpus = score_corpus(gold, pred)
    except (FileNotFoundError, ValueError, TypeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    out.write_text(render_report(corpus, f"claims report: {pred} against {gold}"), encoding="utf-8")
    print(f"report written to {out}", file=sys.stderr)
    return 0
