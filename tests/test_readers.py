"""Reading: exact text, sidecar metadata, CLI overrides, title and byline detection."""
import json

import pytest

from pipeline.readers import (DocumentError, decode, detect_title_author, iter_paths, language_warning,
                              make_document, read_document)

BODY = "The council approved the budget on Monday after a long debate about school funding and bus routes."


@pytest.mark.parametrize("text, title, author", [
    (f"Home / News / Local / Council passes budget\n\nCouncil passes budget\n\nPrint Friendly, PDF & Email\n\n"
     f"Maria Gomez\n\n{BODY}", "Council passes budget", "Maria Gomez"),
    (f"Council passes budget\nBy Jane Doe\n\n{BODY}", "Council passes budget", "Jane Doe"),
    (f"Council passes budget\n\nWritten by Omar al Rashid\n\n{BODY}", "Council passes budget", "Omar al Rashid"),
    (f"{BODY}\n\n{BODY}", None, None),
    (f"Council passes budget\n\n{BODY}", "Council passes budget", None),
    (f"Mayor Resigns After Long Scandal\n\n{BODY}", "Mayor Resigns After Long Scandal", None),
    (f"Adam Shell | USA TODAY\n\n{BODY}", None, "Adam Shell"),
    (f"Adam Shell\n\nUSA TODAY\n\n{BODY}", None, "Adam Shell"),
    ("Council passes budget", None, None),
])
def test_title_and_byline_layouts(text, title, author):
    assert detect_title_author(text) == (title, author)


@pytest.mark.parametrize("first", ["Saturday, January 5, 2019", "USA TODAY", "The mayor said it would “pay for itself.”",
                                   "Adam Shell | USA TODAY"])
def test_datelines_outlets_sentences_and_bylines_are_not_titles(first):
    assert detect_title_author(f"{first}\n\n{BODY}")[0] is None


def test_byline_is_not_taken_from_a_sentence():
    assert detect_title_author(f"Council passes budget\n\nThe Mayor Spoke.\n\n{BODY}")[1] is None


def write(tmp_path, name, text, meta=None):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        (tmp_path / f"{name}.meta.json").write_text(meta if isinstance(meta, str) else json.dumps(meta))
    return path


def test_text_is_read_exactly(tmp_path):
    raw = "Title line\r\n\r\n  Body with  spaces\u00a0and é.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    assert read_document(path).text == raw


def test_valid_sidecar(tmp_path):
    doc = read_document(write(tmp_path, "a", BODY, {"title": "T", "author": "A B", "published": "2022-03-01T10:00:00",
                                                   "url": "https://x.org"}))
    assert (doc.id, doc.title, doc.author, doc.published, doc.url) == ("a", "T", "A B", "2022-03-01", "https://x.org")


@pytest.mark.parametrize("meta, words", [
    ("{not json", ["not valid JSON"]),
    ("[1, 2]", ["must be a JSON object"]),
    ({"titel": "T"}, ["unknown field 'titel'", "valid fields: title, author, published, url"]),
    ({"author": 42}, ["field 'author' must be a string"]),
    ({"published": "1 March 2022"}, ["field 'published'", "not an ISO date"]),
    ({"published": 20220301}, ["field 'published'", "ISO date string"]),
])
def test_malformed_sidecar_names_the_field(tmp_path, meta, words):
    with pytest.raises(DocumentError) as err:
        read_document(write(tmp_path, "a", BODY, meta))
    assert "a.meta.json" in str(err.value) and all(w in str(err.value) for w in words)


def test_flags_override_sidecar_and_detection(tmp_path):
    path = write(tmp_path, "a", f"Council passes budget\nBy Jane Doe\n\n{BODY}", {"title": "Sidecar title"})
    doc = read_document(path, title="Flag title", published="2021-05-02")
    assert (doc.title, doc.author, doc.published) == ("Flag title", "Jane Doe", "2021-05-02")
    assert read_document(path).title == "Sidecar title"
    with pytest.raises(ValueError, match="not an ISO date"):
        read_document(path, published="May 2")


def test_invalid_utf8_names_byte_and_encoding_flag_reads_it(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Café au lait à Paris.".encode("latin-1"))
    with pytest.raises(DocumentError, match=r"a.txt: not valid utf-8 at byte 3 .*--encoding"):
        read_document(path)
    assert read_document(path, encoding="latin-1").text == "Café au lait à Paris."
    with pytest.raises(DocumentError, match="unknown encoding 'klingon'"):
        read_document(path, encoding="klingon")


def test_bom_is_dropped():
    assert decode("\ufeffHello".encode("utf-8"), "a.txt") == "Hello"


@pytest.mark.parametrize("data", [b"abc\x00def", b"\xff\xd8\xff\xe0\x00\x10JFIF"])
def test_binary_is_refused(data):
    with pytest.raises(DocumentError, match="binary file"):
        decode(data, "a.txt")


@pytest.mark.parametrize("text", ["<!DOCTYPE html><html><body>x</body></html>", "  <html lang='en'>x</html>",
                                  "<div><p>a</p><p>b</p><p>c</p><a href='x'>d</a></div>"])
def test_html_is_refused(text):
    with pytest.raises(DocumentError, match="HTML"):
        decode(text.encode(), "a.txt")


def test_prose_mentioning_tags_is_not_html():
    assert decode(b"Use the <p> tag for paragraphs, the editor said.", "a.txt").startswith("Use")


def test_empty_and_foreign_texts_warn():
    assert "empty document" in make_document(" \n\t").warnings[0]
    assert language_warning("Der Bundestag hat am Donnerstag mit großer Mehrheit ein neues Gesetz zur Förderung "
                            "erneuerbarer Energien beschlossen, das ab Januar gilt und Milliarden kostet, "
                            "teilte die Regierung in Berlin mit und verwies auf steigende Preise.") is not None
    assert language_warning(" ".join([BODY] * 3)) is None
    assert make_document(BODY).warnings == []


def test_folders_give_text_files_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path, "b", BODY, {"title": "T"})
    write(tmp_path / "sub", "a", BODY)
    (tmp_path / "notes.md").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])] == ["b.txt", "sub/a.txt"]


def test_utf16_with_encoding_flag_is_not_taken_for_binary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Oslo, Norway.".encode("utf-16"))
    with pytest.raises(DocumentError, match="binary file"):
        read_document(path)
    assert read_document(path, encoding="utf-16").text == "Oslo, Norway."
