"""Doc extensions our components read and write.

Layers are stored in `doc.user_data` as plain claims/1 dicts, so a Doc keeps
them through `Doc.to_bytes`, `DocBin(store_user_data=True)` and spaCy's
multiprocessing (which ships Docs between processes as msgpack); the
`doc._.<layer>` getter gives typed objects from `pipeline.schema`.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .schema import LAYER_TYPES, from_dict, to_dict

_PREFIX = "claims:"


def _layer_getter(name: str, cls: type):
    def get(doc: Doc) -> list[Any]:
        return [from_dict(cls, item) for item in doc.user_data.get(_PREFIX + name, [])]

    return get


def _layer_setter(name: str):
    def set_(doc: Doc, items: list[Any]) -> None:
        doc.user_data[_PREFIX + name] = [to_dict(item) for item in items]

    return set_


def register_extensions() -> None:
    """Idempotent: every component factory calls it, so each can be added alone."""
    for name, cls in LAYER_TYPES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_layer_getter(name, cls), setter=_layer_setter(name))
    for name in ("published", "boilerplate"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def layer_dicts(doc: Doc, name: str) -> list[dict[str, Any]]:
    """The stored claims/1 dicts of one layer, without building objects."""
    return doc.user_data.get(_PREFIX + name, [])


def has_layer(doc: Doc, name: str) -> bool:
    return _PREFIX + name in doc.user_data


register_extensions()
