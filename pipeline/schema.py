"""Typed result objects for the `claims/1` format (see SCHEMA.md).

Every layer item is a dataclass whose fields are exactly the JSON keys, so
`asdict` gives the public format and `from_dict` reads gold files and earlier
runs. Unknown keys are ignored on read: the format may grow fields without a
version bump, and older readers must keep working.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "claims/1"
LAYERS: tuple[str, ...] = ("entities", "timexes", "events", "organisations", "numeric_claims")
OPTIONAL_LAYERS: tuple[str, ...] = ("quantities",)

ENTITY_LABELS: tuple[str, ...] = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
)
TIMEX_TYPES: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")
TIMEX_MODS: tuple[str, ...] = (
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "START", "MID", "END", "APPROX",
    "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS",
)
EVENT_TYPES: tuple[str, ...] = (
    "AGREEMENT", "MEETING", "STATEMENT", "FOUNDING", "MEMBERSHIP", "CONSTRUCTION", "COMMISSIONING", "SANCTION",
)
EVENT_STATUSES: tuple[str, ...] = ("occurred", "planned", "attempted")
COMPARATORS: tuple[str, ...] = ("=", ">", ">=", "<", "<=", "~", "up", "down")

T = TypeVar("T")


@dataclass
class CharSpan:
    start: int
    end: int


@dataclass
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass
class Timex:
    text: str
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None


@dataclass
class Trigger:
    text: str
    start: int
    end: int


@dataclass
class Event:
    type: str
    trigger: Trigger
    date: str | None
    agents: list[str]
    object: str | None
    location: str | None
    status: str
    sentence: CharSpan
    cameo: str | None = None


@dataclass
class Member:
    name: str
    joined: str | None = None


@dataclass
class Organisation:
    name: str
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    founded: str | None = None
    founders: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    observers: list[str] = field(default_factory=list)
    mentions: list[CharSpan] = field(default_factory=list)


@dataclass
class NumericClaim:
    text: str
    start: int
    end: int
    value: float
    unit: str | None
    comparator: str
    subject: str | None
    time: str | None
    sentence: CharSpan
    value_max: float | None = None


@dataclass
class DocInfo:
    id: str
    source: str | None
    title: str | None
    author: str | None
    published: str | None
    text_sha256: str
    chars: int
    url: str | None = None
    boilerplate: list[CharSpan] = field(default_factory=list)


@dataclass
class PipelineInfo:
    version: str
    model: str | None
    config_hash: str | None = None  # pipeline.fingerprint: what `claims run --resume` compares


LAYER_TYPES: dict[str, type] = {
    "entities": Entity,
    "timexes": Timex,
    "events": Event,
    "organisations": Organisation,
    "numeric_claims": NumericClaim,
    "quantities": NumericClaim,
}


@dataclass
class ClaimsResult:
    """One document's extraction result; `to_dict()` is the claims/1 object."""

    doc: DocInfo
    pipeline: PipelineInfo
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    numeric_claims: list[NumericClaim] = field(default_factory=list)
    quantities: list[NumericClaim] | None = None
    schema: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data = {"schema": self.schema, "doc": to_dict(self.doc), "pipeline": to_dict(self.pipeline)}
        for layer in LAYERS:
            data[layer] = [to_dict(item) for item in getattr(self, layer)]
        if self.quantities is not None:
            data["quantities"] = [to_dict(item) for item in self.quantities]
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimsResult:
        if data.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"not a {SCHEMA_VERSION} object (schema={data.get('schema')!r})")
        return from_dict(cls, data)

    def layer(self, name: str) -> list[Any]:
        if name not in LAYER_TYPES:
            raise KeyError(f"unknown layer {name!r}; valid layers: {', '.join(LAYER_TYPES)}")
        return getattr(self, name) or []

    def to_frame(self, layer: str) -> Any:
        """A pandas DataFrame of one layer, one row per item, nested fields flattened."""
        from .export import layer_frame

        return layer_frame(self, layer)


def to_dict(obj: Any) -> Any:
    """`dataclasses.asdict` that keeps optional trailing fields out when they are None.

    `value_max` and `cameo` are optional in the format: writing them only when set
    keeps outputs readable and identical to the documented examples.
    """
    fields = _writable_fields(type(obj))
    if fields is not None:
        out = {}
        for name, omit_when_none in fields:
            value = getattr(obj, name)
            if value is None:
                if not omit_when_none:
                    out[name] = None
            elif type(value) in _PLAIN:
                out[name] = value
            else:
                out[name] = to_dict(value)
        return out
    if isinstance(obj, list):
        return [to_dict(x) for x in obj]
    return obj


_OMIT_WHEN_NONE = frozenset({"value_max", "cameo", "quantities", "config_hash"})
_PLAIN = frozenset({str, int, float, bool})


@lru_cache(maxsize=None)
def _writable_fields(cls: type) -> tuple[tuple[str, bool], ...] | None:
    """(name, omitted when None) per field of a dataclass, None for any other type; looked up once per
    class, since results are converted item by item (a tenth of a run's overhead went to `fields()`)."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple((f.name, f.name in _OMIT_WHEN_NONE) for f in dataclasses.fields(cls))


def from_dict(cls: type[T], data: Any) -> T:
    """Build dataclass `cls` from parsed JSON, recursively, ignoring unknown keys."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    kwargs = {name: convert(data[name]) for name, convert in _readers(cls) if name in data}
    try:
        return cls(**kwargs)
    except TypeError as err:
        raise TypeError(f"{cls.__name__}: {err}") from None


@lru_cache(maxsize=None)
def _readers(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """A converter per field of dataclass `cls`, built from its type hints once per class."""
    hints = get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name], f"{cls.__name__}.{f.name}")) for f in dataclasses.fields(cls))


def _converter(tp: Any, where: str) -> Callable[[Any], Any]:
    """A function from a parsed JSON value to a value of type `tp` (lists checked, ints made floats)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = _converter(next(a for a in get_args(tp) if a is not type(None)), where)
        return lambda value: None if value is None else inner(value)
    if origin is list:
        (item_type,) = get_args(tp)
        item = _converter(item_type, where)

        def convert_list(value: Any) -> list[Any]:
            if not isinstance(value, list):
                raise TypeError(f"{where}: expected a list, got {type(value).__name__}")
            return [item(v) for v in value]

        return convert_list
    if dataclasses.is_dataclass(tp):
        return lambda value: from_dict(tp, value)
    if tp is float:
        return lambda value: float(value) if isinstance(value, int) and not isinstance(value, bool) else value
    return lambda value: value


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The JSON Schema of claims/1 shipped with the package."""
    text = resources.files("pipeline.data").joinpath("claims-1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(data: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` if `data` is not a valid claims/1 object.

    A compiled check (fastjsonschema, about 20× faster than jsonschema) passes
    a valid object; an object it refuses goes to jsonschema, the reference,
    which raises the error that best says what is wrong. tests/test_schema.py
    checks that the two refuse the same objects. JSON Schema cannot see the
    document text: `check_offsets` checks spans.
    """
    check = _compiled()
    try:
        check(data)
        return
    except Exception:  # refused (or tripped over): the reference decides
        pass
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise error


@lru_cache(maxsize=1)
def _compiled() -> Callable[[Any], Any]:
    """The schema compiled to Python once per process (the draft-2019 code generator, whose keywords
    and their meaning are those the schema uses from draft 2020-12)."""
    import fastjsonschema

    return fastjsonschema.compile(json_schema())


@lru_cache(maxsize=1)
def _validator() -> Any:
    """Built once: `jsonschema.validate` re-checks the schema on every call (3× the cost per document)."""
    import jsonschema

    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def check_offsets(data: dict[str, Any], text: str) -> list[str]:
    """Every span whose `text` is not `text[start:end]`, as readable problems."""
    problems = []
    for layer in (*LAYERS, *OPTIONAL_LAYERS):
        for i, item in enumerate(data.get(layer) or []):
            for span in _text_spans(item):
                if text[span["start"]:span["end"]] != span["text"]:
                    problems.append(
                        f"{layer}[{i}]: {span['text']!r} != text[{span['start']}:{span['end']}]"
                        f" = {text[span['start']:span['end']]!r}"
                    )
            for span in _bare_spans(item):
                if not 0 <= span["start"] <= span["end"] <= len(text):
                    problems.append(f"{layer}[{i}]: span {span['start']}-{span['end']} out of range")
    return problems


def _text_spans(item: dict[str, Any]) -> typing.Iterator[dict[str, Any]]:
    if "text" in item and "start" in item:
        yield item
    trigger = item.get("trigger")
    if isinstance(trigger, dict):
        yield trigger


def _bare_spans(item: dict[str, Any]) -> typing.Iterator[dict[str, Any]]:
    if isinstance(item.get("sentence"), dict):
        yield item["sentence"]
    yield from item.get("mentions") or []
