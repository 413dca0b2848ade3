"""The Python API: extract() from text, a file or a Document; results as dicts and DataFrames."""
import json
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.readers import DocumentError, make_document
from pipeline.schema import LAYERS, check_offsets, validate

TEXT = "Lagos hosts a trade fair\n\nBy Ada Obi\n\nNigeria and Ghana signed a customs pact in Lagos on 3 May 2023."


def test_text_gives_a_valid_result(nlp):
    result = extract(TEXT, nlp=nlp, doc_id="fair", published="2023-05-04")
    data = result.to_dict()
    validate(data)
    assert check_offsets(data, TEXT) == []
    assert (data["doc"]["id"], data["doc"]["title"], data["doc"]["author"], data["doc"]["published"]) == \
        ("fair", "Lagos hosts a trade fair", "Ada Obi", "2023-05-04")
    assert all(layer in data for layer in LAYERS)
    assert {"Nigeria", "Ghana"} <= {e.text for e in result.entities}


def test_file_reads_its_sidecar_and_arguments_override_it(nlp, tmp_path):
    path = tmp_path / "fair.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "fair.meta.json").write_text(json.dumps({"author": "Desk", "url": "https://x.org/fair"}))
    result = extract(path, nlp=nlp, title="Given title")
    assert (result.doc.id, result.doc.title, result.doc.author, result.doc.url) == \
        ("fair", "Given title", "Desk", "https://x.org/fair")


def test_document_is_taken_as_is(nlp):
    result = extract(make_document(TEXT, doc_id="x", title="T"), nlp=nlp)
    assert (result.doc.id, result.doc.title) == ("x", "T")


def test_to_frame_per_layer(nlp):
    result = extract(TEXT, nlp=nlp, doc_id="fair")
    frame = result.to_frame("entities")
    assert list(frame.columns[:5]) == ["doc_id", "text", "label", "start", "end"]
    assert len(frame) == len(result.entities) and set(frame["doc_id"]) == {"fair"}
    assert len(extract("", nlp=nlp).to_frame("events")) == 0
    with pytest.raises(KeyError, match="valid layers"):
        result.to_frame("entity")


def test_wrong_source_type_and_bad_date_are_refused(nlp):
    with pytest.raises(TypeError, match="str \\(text\\), a Path or a Document"):
        extract(b"bytes", nlp=nlp)
    with pytest.raises(ValueError, match="not an ISO date"):
        extract(TEXT, nlp=nlp, published="3 May")
    with pytest.raises(DocumentError, match="cannot read"):
        extract(Path("/nonexistent/a.txt"), nlp=nlp)


def test_empty_text_gives_an_empty_valid_result(nlp):
    data = extract("   \n", nlp=nlp).to_dict()
    validate(data)
    assert all(data[layer] == [] for layer in LAYERS)


def test_text_over_max_length_is_refused_with_the_limit(nlp):
    limit = nlp.max_length
    nlp.max_length = 40
    try:
        with pytest.raises(DocumentError, match="over the model's limit of 40"):
            extract("The ferry to the island was cancelled again because of the storm.", nlp=nlp)
    finally:
        nlp.max_length = limit
