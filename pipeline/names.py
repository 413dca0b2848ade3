"""Deciding when two names in one document name the same thing (SCHEMA.md, alias resolution).

Used by the extractors, to write names in their most complete form, and by the
scorer, to compare agents, founders and members across gold and prediction.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .resources import read_jsonl, resolve

DEFAULT_GAZETTEER = "countries.jsonl"
_LEADING_DET = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(['’]s|s['’])$")
_OWNER = re.compile(r"^(?:[A-Z]\.?){2,}['’]s\s+")
_MINOR_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "de", "&", "to"})
_CAP_WORD = r"[A-Z][\w’'.-]*"
# "(The) Capitalised Words joined by of/and/... (Alias)": the alias starts with a letter and has no
# comma, so "(2001)" and a parenthesised list of members are not aliases.
_PAREN_ALIAS = re.compile(
    rf"(?:\b(?:The|A|An)\s+)?({_CAP_WORD}(?:\s+(?:(?:of|and|for|the|on|in|de|&)\s+)*{_CAP_WORD})*)"
    rf"\s*\(([A-Za-z][^()\n:,;]{{1,79}})\)"
)


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Case-folded name without a leading article, possessive or typographic quotes (cached: name
    comparison normalises the same few names thousands of times per document)."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    name = name.strip(" \t\n\"“”'.,;:")
    name = _LEADING_DET.sub("", name)
    name = _POSSESSIVE.sub(lambda m: "s" if m.group().startswith("s") else "", name)
    return re.sub(r"\s+", " ", name).casefold()


def acronym(name: str) -> str:
    """Initials of the significant words, hyphenated parts counted: 'Asia-Pacific Economic Cooperation' → 'APEC';
    an acronym owning the name is not part of it ("the U.N.'s Atomic Agency" → 'AA')."""
    words = re.split(r"[\s\-]+", _OWNER.sub("", _LEADING_DET.sub("", name.strip())))
    return "".join(w[0] for w in words if w and w.lower() not in _MINOR_WORDS and w[0].isalpha()).upper()


@lru_cache(maxsize=8)
def load_gazetteer(source: str | Path | None = None) -> dict[str, str]:
    """Normalised alias → canonical country name, from the shipped country list or a user's."""
    table = {}
    for record in read_jsonl(resolve(source, DEFAULT_GAZETTEER), required=("name",),
                             optional=("aliases", "demonyms", "label")):
        for alias in (record["name"], *record.get("aliases", [])):
            table[normalise(alias)] = record["name"]
    return table


@lru_cache(maxsize=8)
def load_demonyms(source: str | Path | None = None) -> dict[str, str]:
    """Normalised demonym → country ('chinese' → 'China'): 'the Chinese government' names China."""
    table = {}
    for record in read_jsonl(resolve(source, DEFAULT_GAZETTEER), required=("name",),
                             optional=("aliases", "demonyms", "label")):
        for demonym in record.get("demonyms", []):
            table[normalise(demonym)] = record["name"]
    return table


def paren_aliases(text: str) -> list[tuple[str, str]]:
    """Pairs ('Shanghai Cooperation Organization', 'SCO') written as 'Name (ALIAS)' in a text."""
    return [(m.group(1).strip(), m.group(2).strip()) for m in _PAREN_ALIAS.finditer(text)]


class NameResolver:
    """Equality of names within one document, and the most complete form of each.

    Two names are the same when they differ only by article, case or possessive;
    when one is the other's final token(s) ("Putin" / "Vladimir Putin"); when one
    is the other's acronym, as written in the text or as declared in `pairs`;
    when `pairs` lists them as aliases; or when the gazetteer maps both to one
    country.
    """

    def __init__(self, names: Iterable[str] = (), pairs: Iterable[tuple[str, str]] = (),
                 gazetteer: dict[str, str] | None = None):
        self.gazetteer = load_gazetteer() if gazetteer is None else gazetteer
        self._links: dict[str, set[str]] = {}
        for a, b in pairs:
            self.link(a, b)
        self.names: list[str] = []
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        if name and name not in self.names:
            self.names.append(name)

    def link(self, a: str, b: str) -> None:
        na, nb = normalise(a), normalise(b)
        self._links.setdefault(na, set()).add(nb)
        self._links.setdefault(nb, set()).add(na)

    def _key(self, name: str) -> str:
        n = normalise(name)
        return normalise(self.gazetteer.get(n, n))

    def same(self, a: str, b: str) -> bool:
        ka, kb = self._key(a), self._key(b)
        if not ka or not kb:
            return False
        if ka == kb or kb in self._links.get(ka, ()) or ka in self._links.get(kb, ()):
            return True
        ta, tb = ka.split(), kb.split()
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        if long_[-len(short):] == short and len(short) < len(long_) and short[-1] not in _MINOR_WORDS:
            return True
        return self._is_acronym(a, b) or self._is_acronym(b, a)

    @staticmethod
    def _is_acronym(short: str, long_: str) -> bool:
        s = normalise(short).upper().replace(".", "")
        return len(s) >= 2 and " " not in s and len(long_.split()) >= 2 and acronym(long_) == s

    def canonical(self, name: str) -> str:
        """The longest known name that is the same as `name` (acronyms give way to full names)."""
        best = name
        for other in self.names:
            if self.same(name, other) and _completeness(other) > _completeness(best):
                best = other
        return best

    def group(self, names: Iterable[str]) -> list[str]:
        """Distinct names, each in its most complete form, in first-seen order."""
        out: list[str] = []
        for name in names:
            c = self.canonical(name)
            if not any(self.same(c, o) for o in out):
                out.append(c)
        return out


def _completeness(name: str) -> tuple[int, int]:
    stripped = _LEADING_DET.sub("", name)
    return len(stripped.split()), len(stripped)
