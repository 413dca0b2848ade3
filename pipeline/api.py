"""The Python API for notebooks and other tools: `extract(text)` → ClaimsResult."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from .nlp import DEFAULT_MODEL, build_nlp, process
from .readers import Document, check_length, make_document, read_document
from .result import build_result
from .schema import ClaimsResult


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The full pipeline for `model`, built once per process and reused."""
    return build_nlp(model)


def extract(
    source: str | Path | Document,
    *,
    nlp: Language | None = None,
    model: str = DEFAULT_MODEL,
    doc_id: str = "doc",
    title: str | None = None,
    author: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> ClaimsResult:
    """Claims of one document: a text (`str`), a file (`Path`), or a `Document`.

    Metadata given here overrides what the file's sidecar or the text says;
    `published` (ISO date) anchors relative dates such as "last year".
    """
    nlp = nlp or load(model)
    meta = {"title": title, "author": author, "published": published, "url": url}
    if isinstance(source, Document):
        document = source
    elif isinstance(source, Path):
        document = read_document(source, **meta)
    elif isinstance(source, str):
        document = make_document(source, doc_id=doc_id, **meta)
    else:
        raise TypeError(f"extract() takes a str (text), a Path or a Document, not {type(source).__name__}")
    [(document, doc)] = process(nlp, [check_length(document, nlp.max_length)])
    return build_result(doc, document, nlp)
