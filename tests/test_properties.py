"""Property tests: for arbitrary Unicode text `extract` never raises, spans index the text, output validates.

Lone surrogates cannot come from a UTF-8 file but can be passed to the API in a
`str`; spaCy cannot tokenise them, so `extract` refuses them with a DocumentError
naming the offset (decision in docs/input.md).
"""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.readers import DocumentError
from pipeline.schema import check_offsets, validate

PIECES = st.sampled_from([
    "China", "the European Union", "Treaty of Rome", "(NATO)", "on 3 May 2021", "$5 billion", "45%",
    "\u200b", "\u200d", "\ufeff", "\u0301", "e\u0301", "👩‍👩‍👧", "🇺🇦", "שלום עולם", "مرحبا", "\u202e", "\r\n", "\n\n",
    "x" * 3000, "9" * 4000, "Home / A / B / C", "Print Friendly, PDF & Email", " ", "-", "(", ")", "\t", "\ud800",
])
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
    assert check_offsets(data, text) == []
    assert data["doc"]["chars"] == len(text)


@SETTINGS
@given(text=TEXT)
def test_mixed_text(nlp, text):
    check(nlp, text)


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_unicode(nlp, text):
    check(nlp, text)
