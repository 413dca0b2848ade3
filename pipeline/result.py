"""From a processed Doc to the claims/1 result object."""
from __future__ import annotations

import dataclasses
import weakref

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .extensions import has_layer
from .fingerprint import config_hash
from .nlp import model_id
from .readers import Document
from .schema import LAYERS, CharSpan, ClaimsResult, DocInfo, PipelineInfo


def doc_info(document: Document, boilerplate: list[dict] | None = None) -> DocInfo:
    return DocInfo(
        id=document.id,
        source=document.source,
        title=document.title,
        author=document.author,
        published=document.published,
        url=document.url,
        text_sha256=document.sha256,
        chars=len(document.text),
        boilerplate=[CharSpan(b["start"], b["end"]) for b in boilerplate or []],
    )


_PIPELINE_INFO: weakref.WeakKeyDictionary[Language, tuple[tuple[str, ...], PipelineInfo]] = \
    weakref.WeakKeyDictionary()


def pipeline_info(nlp: Language) -> PipelineInfo:
    """What made the results of `nlp`, computed once per pipeline and again only when its pipes change.

    The config hash digests every data file (2 ms): per document that was 1 % of a run. The
    components read their files when they were built, so a file edited while the pipeline is
    in use does not change what it writes, and hashing once per pipeline is enough.
    """
    names = tuple(nlp.pipe_names)
    cached = _PIPELINE_INFO.get(nlp)
    if cached is None or cached[0] != names:
        cached = names, PipelineInfo(version=__version__, model=model_id(nlp), config_hash=config_hash(nlp))
        _PIPELINE_INFO[nlp] = cached
    return dataclasses.replace(cached[1])  # a copy: a caller may change its result's block


def build_result(doc: Doc, document: Document, nlp: Language) -> ClaimsResult:
    """Layers in text order; a layer no component wrote is empty, `quantities` is absent."""
    layers = {name: sorted(getattr(doc._, name), key=_position) for name in LAYERS}
    quantities = sorted(doc._.quantities, key=_position) if has_layer(doc, "quantities") else None
    return ClaimsResult(doc=doc_info(document, doc._.boilerplate), pipeline=pipeline_info(nlp),
                        quantities=quantities, **layers)


def _position(item) -> tuple:
    if hasattr(item, "start"):
        return (item.start, item.end)
    if hasattr(item, "trigger"):
        return (item.trigger.start, item.trigger.end, item.date or "")
    if getattr(item, "mentions", None):
        return (item.mentions[0].start, item.name)
    return (10**12, getattr(item, "name", ""))
