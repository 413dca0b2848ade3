"""Boilerplate line patterns: each label, no false positives on prose, offsets unchanged."""
import pytest

from pipeline.components.boilerplate import find_boilerplate, load_patterns
from pipeline.resources import DataFileError

PATTERNS = load_patterns()


def labels(line: str) -> list[str]:
    return [b.label for b in find_boilerplate(line, PATTERNS)]


@pytest.mark.parametrize("line, label", [
    ("Home / Sport / Football / Derby ends in a draw", "breadcrumb"),
    ("Home > Business > Markets", "breadcrumb"),
    ("News / Europe / Politics / Vote delayed", "breadcrumb"),
    ("Print Friendly, PDF & Email", "widget"),
    ("Share on Twitter", "widget"),
    ("Share: Facebook, Twitter, LinkedIn", "widget"),
    ("Click here to subscribe to alerts", "widget"),
    ("Subscribe to our daily newsletter", "subscribe"),
    ("Sign up for the weekly email updates in your inbox", "subscribe"),
    ("Read more: Floods hit the coast again", "read_more"),
    ("Related articles", "read_more"),
    ("ADVERTISEMENT", "advert"),
    ("We use cookies to improve your experience. Accept all cookies", "cookie"),
    ("© 2024 Example Media Group", "copyright"),
    ("Copyright Example Media. All rights reserved.", "copyright"),
    ("Photo: Reuters / Jane Smith", "photo_credit"),
    ("JUST WATCHED Floods in Kerala Replay More Videos ... MUST WATCH Floods in Kerala 02:10", "widget"),
    ("Story highlights The storm made landfall near Tampa", "widget"),
    ("The views expressed in this column are the author's own.", "disclaimer"),
    ("Follow Example Opinion Join us on Twitter and Facebook", "subscribe"),
])
def test_each_label(line, label):
    assert labels(f"  {line}  ") == [label]


@pytest.mark.parametrize("line", [
    "Related research suggests that sleep improves memory.",
    "Share prices fell.",
    "Print media is in decline, the report says.",
    "Home prices rose 4% in March.",
    "Subscribers to the service rose to 2 million last year.",
    "He said the 50/50 split was fair.",
    "Photographs of the summit show the leaders shaking hands.",
    "Copyright law was reformed in 2019 after a long debate.",
    "Just watched the debate and it changed my mind.",
    "The views expressed by voters were mixed.",
    "Join us on Facebook for a live debate about the new stadium tonight.",
])
def test_prose_is_not_boilerplate(line):
    assert labels(line) == []


def test_spans_index_the_text_as_read():
    text = "Intro line.\r\n   Share on Facebook  \r\nBody."
    [found] = find_boilerplate(text, PATTERNS)
    assert text[found.start:found.end] == "Share on Facebook"


def test_user_file_extends_patterns(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('// site-specific\n{"label": "widget", "pattern": "^listen to this article$"}\n')
    assert [b.label for b in find_boilerplate("Listen to this article", load_patterns(path))] == ["widget"]


@pytest.mark.parametrize("content, words", [
    ('{"label": "x", "pattern": "("}', ["mine.jsonl:1", "bad regular expression"]),
    ('{"label": "x"}', ["missing pattern", "Valid keys"]),
    ('{"label": "x", "pattern": "a", "flags": 1}', ["unknown flags"]),
])
def test_bad_pattern_file_is_refused(tmp_path, content, words):
    path = tmp_path / "mine.jsonl"
    path.write_text(content + "\n")
    with pytest.raises(DataFileError) as err:
        load_patterns(path)
    assert all(w in str(err.value) for w in words)


def test_nothing_is_extracted_from_boilerplate_in_the_seed(seed_result, seed_text):
    first, widget = seed_text.index("\n"), seed_text.index("Print Friendly")
    spans = [(e.start, e.end) for e in seed_result.entities]
    assert all(start > first and not widget <= start < widget + 27 for start, _ in spans)


HEADED_TEXT = ("Harbour Council Votes To Dredge The Old Canal\nBy Maria Lopez\n"
               "The council approved the plan on Monday after a long debate.")


def test_parser_keeps_a_sentence_start_after_every_line_break(nlp):
    doc = nlp(HEADED_TEXT)
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts[:3] == ["Harbour", "By", "The"]


def test_sentence_starts_at_newlines_can_be_switched_off(nlp):
    from pipeline.components.boilerplate import BoilerplateMarker, line_starts
    doc = nlp.make_doc(HEADED_TEXT)
    assert [doc[i].text for i in line_starts(doc)] == ["By", "The"]
    BoilerplateMarker(PATTERNS, sentence_starts_at_newlines=False)(doc)
    assert all(t.is_sent_start is None for t in doc[1:])


@pytest.mark.parametrize("line, label", [("JUST WATCHED", "widget"), ("MUST WATCH", "widget"),
                                         ("ADVERTISEMENT", "advert"),
                                         ("Replay More Videos ... Drone footage of the flooded valley", "widget")])
def test_video_and_advert_debris_is_boilerplate(line, label):
    assert labels(line) == [label]


@pytest.mark.parametrize("line, label", [
    ("LISTEN TO ARTICLE 2:37 SHARE THIS ARTICLE Share Tweet Post Email", "widget"),
    ("Share this story Share Tweet Email", "widget"),
    ("[related_links]", "widget"),
    ("Gallery (14 Photos)", "widget"),
    ("Click here for more opinion from our columnists", "widget"),
    ("COMMENTARY/ANALYSIS:", "section"),
    ("Guest columnist", "section"),
    ("Sign up for Evening Newsletters Manage Newsletters", "subscribe"),
    ("Follow Maria on Twitter", "subscribe"),
    ("Follow us on Instagram @ExampleDaily.", "subscribe"),
    ("Get our free weekly politics newsletter", "subscribe"),
    ("Story continued below", "advert"),
    ("Contributing: Jane Roe in Lagos", "credit"),
    ("— With assistance by Ann Lee, Bo Diaz, and Cy Park", "credit"),
    ("(Reuters Photo/Sam Vale)", "photo_credit"),
    ("Enlarge this image toggle caption Sam Vale/Getty Images Sam Vale/Getty Images", "photo_credit"),
    ("Photographer: Sam Vale/Bloomberg Photographer: Sam Vale/Bloomberg", "photo_credit"),
])
def test_scraped_site_furniture_is_boilerplate(line, label):
    assert labels(line) == [label]


@pytest.mark.parametrize("line", [
    "Share prices climbed and bonds fell.",
    "Post office workers walked out on Friday.",
    "Opinion polls show the race tied.",
    "Analysis of the figures shows a rise.",
    "Follow the money, the senator said.",
    "Contributing to the deficit were tax cuts.",
    "The AP/NORC survey found most adults opposed.",
    "Click here to read the report and then write to your representative about what this means for your town.",
    "The editorial board disagreed.",
])
def test_prose_near_the_new_patterns_is_not_boilerplate(line):
    assert labels(line) == []


def test_a_credit_opening_a_caption_is_marked_but_the_caption_is_not():
    text = "Body.\nSam Vale/AP Farmers drive tractors through Leeds, Jan. 3, 2021.\n(Ann Lee/Reuters)\n"
    found = find_boilerplate(text, PATTERNS)
    assert [text[b.start:b.end] for b in found] == ["Sam Vale/AP", "(Ann Lee/Reuters)"]


def test_caption_credit_drops_the_names_it_holds_but_not_the_caption_s(nlp):
    from pipeline import extract

    text = "Farm protest\n\nSam Vale/AP Farmers from Yorkshire drove tractors into Leeds on Monday.\n"
    found = {e.text for e in extract(text, nlp=nlp).entities}
    assert "Leeds" in found and not any("Vale" in t or "AP" in t for t in found)


def test_unknown_scope_is_refused(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text('{"label": "widget", "pattern": "^x$", "scope": "middle"}\n')
    with pytest.raises(DataFileError, match="unknown scope 'middle'; valid values: line, start"):
        load_patterns(path)
