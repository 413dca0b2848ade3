"""Site boilerplate lines (breadcrumbs, print/share widgets, "Read more", cookie notices).

Boilerplate is marked, never removed: offsets keep pointing into the text as
read, and every extractor drops what overlaps a marked line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register_extensions
from ..resources import DataFileError, check_choice, read_jsonl, resolve

DEFAULT_PATTERNS = "boilerplate.jsonl"
MAX_LINE_CHARS = 400  # a longer line is prose, whatever it starts with
SCOPES = ("line", "start")  # the whole line must match / only the matched opening of a line is marked


@dataclass(frozen=True)
class LinePattern:
    label: str
    regex: re.Pattern[str]
    scope: str = "line"

    def match(self, line: str) -> re.Match[str] | None:
        return self.regex.fullmatch(line) if self.scope == "line" else self.regex.match(line)


@dataclass(frozen=True)
class Boilerplate:
    start: int
    end: int
    label: str


def load_patterns(source: str | Path | None = None) -> list[LinePattern]:
    """Compiled line patterns; matched case-insensitively against a whole stripped line, or with
    scope "start" against its opening ('Jane Roe/AP' before a photo caption: the caption stays text)."""
    patterns = []
    for record in read_jsonl(resolve(source, DEFAULT_PATTERNS), required=("label", "pattern"), optional=("scope",)):
        scope = check_choice(record.get("scope", "line"), SCOPES, "scope", record["_where"])
        try:
            regex = re.compile(record["pattern"], re.IGNORECASE)
        except re.error as err:
            raise DataFileError(f"{record['_where']}: bad regular expression ({err})") from None
        patterns.append(LinePattern(record["label"], regex, scope))
    return patterns


def find_boilerplate(text: str, patterns: list[LinePattern]) -> list[Boilerplate]:
    """Spans of the lines (without surrounding white space), or of their openings, that match a pattern."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().strip()
        if not stripped or len(stripped) > MAX_LINE_CHARS:
            continue
        for pattern in patterns:
            matched = pattern.match(stripped)
            if matched and matched.end() > 0:
                start = line.start() + line.group().index(stripped)
                found.append(Boilerplate(start, start + len(matched.group().rstrip()), pattern.label))
                break
    return found


def overlaps_boilerplate(doc: Doc, start: int, end: int) -> bool:
    """True when the character span [start, end) touches a boilerplate line of `doc`."""
    return any(b["start"] < end and start < b["end"] for b in doc._.boilerplate or ())


def line_starts(doc: Doc) -> list[int]:
    """Indices of the first word token after each line break.

    A title, a byline and the first body sentence have no full stop between
    them; marked as sentence starts before the parser runs, they are never
    joined into one sentence (the parser keeps preset starts).
    """
    return [t.i for t in doc[1:] if not t.is_space
            and ("\n" in doc[t.i - 1].whitespace_ or (doc[t.i - 1].is_space and "\n" in doc[t.i - 1].text))]


class BoilerplateMarker:
    def __init__(self, patterns: list[LinePattern], sentence_starts_at_newlines: bool = True):
        self.patterns = patterns
        self.sentence_starts_at_newlines = sentence_starts_at_newlines

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Boilerplate]:
        return find_boilerplate(doc.text, self.patterns)

    def set_annotations(self, doc: Doc, found: list[Boilerplate]) -> None:
        doc._.boilerplate = [{"start": b.start, "end": b.end, "label": b.label} for b in found]
        if self.sentence_starts_at_newlines:
            for i in line_starts(doc):
                doc[i].is_sent_start = True


@Language.factory("claims_boilerplate",
                  default_config={"patterns": None, "sentence_starts_at_newlines": True})
def make_boilerplate(nlp: Language, name: str, patterns: str | None,
                     sentence_starts_at_newlines: bool) -> BoilerplateMarker:
    """Marks boilerplate lines in `doc._.boilerplate` and (optionally) a sentence start after every line break.

    `patterns` is a JSONL file (default: shipped).
    """
    register_extensions()
    return BoilerplateMarker(load_patterns(patterns), sentence_starts_at_newlines)
