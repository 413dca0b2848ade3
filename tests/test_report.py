"""The HTML report: escaping of untrusted text, highlight statuses, and (if installed) Chromium rendering."""
from __future__ import annotations

import importlib.util
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from scoring_builders import claim, ent, evt, result

from pipeline.cli import main
from pipeline.report import Mark, highlight, render_report
from pipeline.schema import Member, Organisation
from pipeline.scoring import score_results

HOSTILE = '<script>alert(1)</script>'
QUOTE_BREAK = '" onmouseover="x'
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "span", "table", "tr",
                "th", "td", "details", "summary", "div", "mark", "a"}


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.titles: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs |= {name for name, _ in attrs}
        self.titles += [value for name, value in attrs if name == "title"]

    def handle_data(self, data):
        self.text.append(data)


def hostile_corpus():
    text = f"Acme Corp said {HOSTILE} and {QUOTE_BREAK} in 2020 about 5% of Lagos."
    at = text.index
    gold = result("evil", text, entities=[ent("Acme Corp", "ORG", 0), ent(HOSTILE, "PERSON", at(HOSTILE))],
                  events=[evt("STATEMENT", "said", at("said"), agents=[HOSTILE], sentence=(0, len(text)))],
                  organisations=[Organisation(QUOTE_BREAK, members=[Member(HOSTILE, None)])],
                  numeric_claims=[claim("5%", at("5%"), 5.0, "%", time=QUOTE_BREAK)])
    pred = result("evil", text, entities=[ent("Acme Corp", "ORG", 0), ent(QUOTE_BREAK, "ORG", at(QUOTE_BREAK)),
                                           ent("Lagos", "GPE", at("Lagos"))],
                  events=[evt("STATEMENT", "said", at("said"), agents=[QUOTE_BREAK], sentence=(0, len(text)))],
                  organisations=[Organisation(HOSTILE)])
    corpus = score_results({"evil": gold}, {"evil": pred})
    corpus.documents[0].text = text
    return corpus, text


def test_report_escapes_document_text_and_every_attribute():
    corpus, text = hostile_corpus()
    page = render_report(corpus, title=HOSTILE)
    assert "<script" not in page.lower()
    assert 'onmouseover="' not in page
    parser = TagCollector()
    parser.feed(page)
    assert parser.tags <= ALLOWED_TAGS
    assert not any(name.startswith("on") for name in parser.attrs)
    shown = "".join(parser.text)
    assert HOSTILE in shown and QUOTE_BREAK in shown  # displayed as text, not interpreted
    assert any(QUOTE_BREAK in t for t in parser.titles)  # attribute values survive intact inside title=""


def test_report_escapes_document_ids_and_warnings():
    """Ids come from file names; a missing prediction and an unscored one put them into warnings too."""
    gold = result(QUOTE_BREAK, "Lima.", entities=[ent("Lima", "GPE", 0)])
    corpus = score_results({QUOTE_BREAK: gold}, {HOSTILE: result(HOSTILE, "Lima.")})
    page = render_report(corpus)
    assert "<script" not in page.lower() and 'onmouseover="' not in page
    parser = TagCollector()
    parser.feed(page)
    assert parser.tags <= ALLOWED_TAGS and not any(name.startswith("on") for name in parser.attrs)
    assert sum(HOSTILE in t for t in parser.text) >= 1 and sum(QUOTE_BREAK in t for t in parser.text) >= 2


def test_highlight_statuses_and_overlaps():
    out = highlight("ab<cd", [Mark(0, 3, "correct", "c"), Mark(2, 5, "missed", "m")])
    assert out == ('<mark class="correct" title="c">ab</mark><mark class="missed" title="c\nm">&lt;</mark>'
                   '<mark class="missed" title="m">cd</mark>')
    assert highlight("abc", [Mark(1, 9, "spurious", "x")]) == "abc"  # a span outside the text is dropped


def test_report_marks_correct_missed_and_spurious():
    corpus, _ = hostile_corpus()
    page = render_report(corpus)
    for status in ("correct", "missed", "spurious"):
        assert f'<mark class="{status}"' in page
    assert "entities (1 correct, 0 wrong, 1 missed, 2 spurious)" in page


def test_report_command_writes_one_self_contained_file(tmp_path):
    gold = result("a", entities=[ent("Lima", "GPE", 0)])
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(gold.to_json(), encoding="utf-8")
    (tmp_path / "run").mkdir()
    out = tmp_path / "report.html"
    assert main(["report", "--gold", str(tmp_path / "gold"), "--pred", str(tmp_path / "run"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "No prediction in the run" in page and "Document text not found" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path):
    spec = importlib.util.spec_from_file_location("report_screenshot",
                                                  Path(__file__).parent.parent / "bench" / "report_screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    corpus, _ = hostile_corpus()
    html = tmp_path / "r.html"
    html.write_text(render_report(corpus), encoding="utf-8")
    png = tmp_path / "r.png"
    module.screenshot(html, png, (800, 600))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
