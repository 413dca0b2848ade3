"""Reading documents: text exactly as in the file, metadata from a sidecar, title and byline.

Every offset the pipeline writes indexes the string returned here, so nothing
is normalised: no newline conversion, no stripping, no Unicode normalisation.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .components.boilerplate import LinePattern, find_boilerplate, load_patterns

META_SUFFIX = ".meta.json"
META_FIELDS = ("title", "author", "published", "url")
TEXT_SUFFIXES = (".txt",)
HEAD_LINES = 6  # title and byline are looked for among the first lines of the article
MAX_TITLE_CHARS = 250

_NAME_TOKEN = r"(?:[A-Z](?=[\w’'\-]*[a-z])[\w’'\-]+|[A-Z]\.|(?:de|da|van|von|der|al|bin|le|la|di|du|dos)\b)"
NUL = b"\x00"
BOM = "\ufeff"
_HTML_START = re.compile(r"\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(p|div|span|a|br|script|style|meta|h[1-6]|li|ul|table|article|section)\b[^>]*>", re.IGNORECASE)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
MIN_WORDS_FOR_LANGUAGE = 30  # shorter texts have too few words for the stopword test
MIN_ENGLISH_STOPWORD_SHARE = 0.12  # English prose runs at 35-50 % stopwords; other languages near 0-10 %
_BYLINE = re.compile(rf"^(?P<by>[Bb]y\s+|[Ww]ritten by\s+)?(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}})"
                     r"(?P<outlet>\s*[|,–—]\s*[^|]{1,60})?$")  # "Jane Doe | USA TODAY", "Jane Doe, Reuters"
MAX_BARE_NAME_WORDS = 3  # a longer Title Case line without "By" reads as a headline
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATELINE = re.compile(
    rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS}),?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?:\s.{{0,30}})?$", re.IGNORECASE)


class DocumentError(Exception):
    """A document that cannot be read; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass
class Document:
    id: str
    text: str
    source: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_published(value: Any, where: str = "published") -> str | None:
    """An ISO date (YYYY-MM-DD, or a datetime whose date part is taken), or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected an ISO date string like 2022-03-01, got {value!r}")
    try:
        return dt.date.fromisoformat(value[:10]).isoformat() if len(value) > 10 and value[10] in "T " \
            else dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def check_length(document: Document, max_length: int) -> Document:
    """Refuse a text longer than the model's limit with a message stating it, before spaCy raises E088."""
    if len(document.text) > max_length:
        raise DocumentError(document.source or document.id,
                            f"text is {len(document.text):,} characters, over the model's limit of "
                            f"{max_length:,} (nlp.max_length); split it into smaller files or raise "
                            "nlp.max_length if you have the memory (about 1 GB per 100,000 characters)")
    return document


def read_meta(path: Path) -> dict[str, Any]:
    """The sidecar `<id>.meta.json` of a text file, checked field by field; {} when there is none."""
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DocumentError(meta_path, f"metadata is not valid JSON ({err})") from None
    if not isinstance(meta, dict):
        raise DocumentError(meta_path, "metadata must be a JSON object with fields " + ", ".join(META_FIELDS))
    unknown = sorted(set(meta) - set(META_FIELDS))
    if unknown:
        raise DocumentError(meta_path, f"unknown field {unknown[0]!r}; valid fields: {', '.join(META_FIELDS)}")
    for key in ("title", "author", "url"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise DocumentError(meta_path, f"field {key!r} must be a string, got {type(meta[key]).__name__}")
    try:
        meta["published"] = parse_published(meta.get("published"), "field 'published'")
    except ValueError as err:
        raise DocumentError(meta_path, str(err)) from None
    return {k: v for k, v in meta.items() if v not in (None, "")}


def decode(data: bytes, path: str | Path, encoding: str = "utf-8") -> str:
    """Text of a file, or a DocumentError that says where decoding failed.

    A leading byte-order mark is dropped: it is an encoding signature, not
    text, so offsets index the text after it.
    """
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        if NUL in data:
            raise DocumentError(path, f"binary file (NUL byte at byte {data.index(NUL)}); skipped "
                                      "(for UTF-16 text pass --encoding utf-16)") from None
        raise DocumentError(
            path, f"not valid {encoding} at byte {err.start} ({err.reason}); pass --encoding to read another encoding"
        ) from None
    except LookupError:
        raise DocumentError(path, f"unknown encoding {encoding!r}") from None
    if "\x00" in text:
        raise DocumentError(path, f"binary file (NUL character at offset {text.index(chr(0))}); skipped")
    if _looks_like_html(text):
        raise DocumentError(path, "HTML, not plain text; extract the article text first (for example with "
                                  "trafilatura) and save it as a .txt file")
    return text[1:] if text.startswith(BOM) else text


def _looks_like_html(text: str) -> bool:
    """A page rather than an article: it opens like an HTML document, or markup tags are dense."""
    head = text[:2000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 5


def language_warning(text: str) -> str | None:
    """A warning when the text does not read as English: too few English stopwords among its words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    share = sum(w in STOP_WORDS for w in words) / len(words)
    if share >= MIN_ENGLISH_STOPWORD_SHARE:
        return None
    return (f"does not look like English ({share:.0%} English stopwords, expected at least "
            f"{MIN_ENGLISH_STOPWORD_SHARE:.0%}); the English model will extract little or wrong annotations")


def read_document(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    boilerplate: list[LinePattern] | None = None,
    **overrides: str | None,
) -> Document:
    """A Document from a text file, its sidecar metadata, and `overrides` (e.g. CLI flags) on top."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(path, f"cannot read ({err.strerror})") from None
    text = decode(data, path, encoding)
    meta = read_meta(path)
    document = make_document(text, doc_id=path.stem, source=str(path), boilerplate=boilerplate, **meta)
    return apply_overrides(document, overrides)


def apply_overrides(document: Document, overrides: dict[str, str | None]) -> Document:
    unknown = sorted(set(overrides) - set(META_FIELDS))
    if unknown:
        raise ValueError(f"unknown metadata {unknown[0]!r}; valid: {', '.join(META_FIELDS)}")
    given = {k: v for k, v in overrides.items() if v is not None}
    if "published" in given:
        given["published"] = parse_published(given["published"])
    return replace(document, **given) if given else document


def make_document(
    text: str,
    *,
    doc_id: str = "doc",
    source: str | None = None,
    boilerplate: list[LinePattern] | None = None,
    title: str | None = None,
    author: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Document:
    """A Document from a string; title and byline are detected when not given."""
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        raise DocumentError(source or doc_id, f"lone surrogate U+{ord(surrogate.group()):04X} at offset "
                                              f"{surrogate.start()}: not valid Unicode text (it cannot be UTF-8)")
    warnings = []
    if not text.strip():
        warnings.append("empty document (no text): the result has no annotations")
    elif (language := language_warning(text)) is not None:
        warnings.append(language)
    if title is None or author is None:
        found_title, found_author = detect_title_author(text, boilerplate)
        title = title if title is not None else found_title
        author = author if author is not None else found_author
    return Document(doc_id, text, source, title, author, parse_published(published), url, warnings)


def _head_lines(text: str, boilerplate: list[LinePattern] | None) -> list[str]:
    patterns = load_patterns() if boilerplate is None else boilerplate
    marked = {(b.start, b.end) for b in find_boilerplate(text[:5000], patterns)}
    lines = []
    for m in re.finditer(r"[^\n]+", text[:5000]):
        stripped = m.group().strip()
        if not stripped:
            continue
        start = m.start() + m.group().index(stripped)
        if (start, start + len(stripped)) in marked:
            continue
        lines.append(stripped)
        if len(lines) == HEAD_LINES:
            break
    return lines


def detect_title_author(text: str, boilerplate: list[LinePattern] | None = None) -> tuple[str | None, str | None]:
    """The headline and byline of an article whose first lines carry them.

    The title is the first non-boilerplate line if it reads as a headline (short,
    no sentence-final full stop, and followed by more text); the author is a
    line among the next ones that is a name ("Jane Doe", "By Jane Doe").
    """
    lines = _head_lines(text, boilerplate)
    if len(lines) < 2:
        return None, None
    title = lines[0] if _is_headline(lines[0]) else None
    author = None
    for line in lines[1 if title else 0: 4]:
        if _is_byline(line):
            author = _BYLINE.match(line).group("name")
            break
    return title, author


def _is_headline(line: str) -> bool:
    """Short, no sentence-final punctuation, and not a dateline, a byline or an all-capitals outlet name."""
    words = line.split()
    return (len(line) <= MAX_TITLE_CHARS and not re.search(r"[.;,][”\"’')\]]*$", line) and len(words) >= 2
            and not _DATELINE.match(line) and not _is_byline(line) and not (len(words) <= 3 and line.isupper()))


def _is_byline(line: str) -> bool:
    """'By Jane Doe', 'Jane Doe | Outlet', or a bare name of two or three words."""
    match = _BYLINE.match(line)
    if not match or line.endswith((".", ":")):
        return False
    return bool(match.group("by") or match.group("outlet")) or len(line.split()) <= MAX_BARE_NAME_WORDS


def iter_paths(inputs: Iterable[str | Path], suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> Iterator[Path]:
    """Files named directly, and the text files of folders (recursively, sorted)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in suffixes
                              and not p.name.endswith(META_SUFFIX))
        else:
            yield path
