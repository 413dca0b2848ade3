"""Property tests: for arbitrary Unicode text `extract` never raises, spans index the text, output validates.

Lone surrogates cannot come from a UTF-8 file but can be passed to the API in a
`str`; spaCy cannot tokenise them, so `extract` refuses them with a DocumentError
naming the offset (decision in docs/input.md).
"""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.readers import DocumentError
from pipeline.schema import check_offsets, validate

ANCHORS = ["China", "the European Union", "Treaty of Rome", "(NATO)", "on 3 May 2021", "$5 billion", "45%"]
HARD = [  # zero-width, combining, emoji, right-to-left and bidi controls, line ends, very long tokens, digits
    "\u200b", "\u200d", "\ufeff", "\u0301", "e\u0301", "e\u0300\u0301\u0302\u0303\u0304", "\u00ad",
    "👩‍👩‍👧", "🇺🇦", "שלום עולם", "مرحبا", "\u202e", "\u2067ltr\u2069", "\r\n", "\n\n", "\t",
    "x" * 3000, "https://x.org/" + "a" * 2000, "9" * 4000, "1" + ",000" * 400, "$" + "9" * 1000,
    "Home / A / B / C", "Print Friendly, PDF & Email", " ", "-", "(", ")",
]
PIECES = st.sampled_from([*ANCHORS, *HARD, "\ud800"])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=25).map(" ".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


def check(nlp, text: str) -> None:
    if any("\ud800" <= c <= "\udfff" for c in text):
        with pytest.raises(DocumentError, match="lone surrogate"):
            extract(text, nlp=nlp)
        return
    data = extract(text, nlp=nlp).to_dict()
    validate(data)
    json.dumps(data, allow_nan=False)  # standard JSON: no NaN or Infinity
    assert check_offsets(data, text) == []
    assert data["doc"]["chars"] == len(text)


@SETTINGS
@given(text=TEXT)
def test_mixed_text(nlp, text):
    check(nlp, text)


def test_every_hard_piece_glued_to_annotated_words(nlp):
    """Each hard piece right before and after words the pipeline annotates, so a shifted offset shows."""
    text = " ".join(f"{h}China{h} met {h}on 3 May 2021{h} and paid $5 billion {h}." for h in HARD)
    data = extract(text, nlp=nlp).to_dict()
    check(nlp, text)
    assert min(len(data["entities"]), len(data["timexes"]), len(data["numeric_claims"])) >= len(HARD) // 2


def test_a_lone_surrogate_is_refused_with_its_offset(nlp):
    with pytest.raises(DocumentError, match="lone surrogate U\\+DC00 at offset 6"):
        extract("Paris \udc00 and Rome", nlp=nlp)


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_unicode(nlp, text):
    check(nlp, text)


@pytest.mark.parametrize("text", ["9" * 400, "It cost $" + "9" * 400 + ".", "About " + "9" * 400 + " people came."])
def test_thousands_of_digits_give_standard_json(nlp, text):
    json.dumps(extract(text, nlp=nlp).to_dict(), allow_nan=False)
