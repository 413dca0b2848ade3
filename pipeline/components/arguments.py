"""Reading event arguments off the dependency tree: small pure functions over Tokens.

The small English model's parses are noisy on long journalistic sentences, so
each rule prefers the dependency reading and falls back on a surface reading
that fails safe ("X (Y), established …" → the name before the comma).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from numpy import flatnonzero
from spacy.tokens import Doc, Span, Token

from ..names import normalise

OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
CLAUSE_LINKS = frozenset({"xcomp"})
NOUN_ARGS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "obj", "appos"})
PRONOUNS = frozenset({"they", "we", "them", "us", "their"})
PERSON_PRONOUNS = frozenset({"he", "she", "his"})
THING_PRONOUNS = frozenset({"it", "its"})
DETERMINERS = frozenset({"the", "a", "an", "some", "several", "many", "other", "these", "those", "this", "that",
                         "both", "all", "its", "their", "his", "her", "our"})


@dataclass(frozen=True)
class NameIndex:
    """Which entity (name) each token belongs to, and the sentence bounds; built once per Doc
    (`Token.sent` walks the whole Doc on every call)."""

    spans: dict[int, Span]
    sent_starts: tuple[int, ...] = (0,)
    length: int = 0
    demonyms: Mapping[str, str] = field(default_factory=dict)
    timex_tokens: frozenset[int] = frozenset()
    agent_labels: frozenset[str] = frozenset()
    place_labels: frozenset[str] = frozenset()

    @classmethod
    def from_entities(cls, doc: Doc, entities: Iterable, demonyms: Mapping[str, str] | None = None, *,
                      timex_tokens: Iterable[int] = (), agent_labels: Iterable[str] = (),
                      place_labels: Iterable[str] = ()) -> NameIndex:
        """`demonyms` (lower case → country) lets 'the Chinese government' name China; the timex tokens
        and the labels of agents and places let `fronted_subject` read 'On 3 May X and Y signed'."""
        spans: dict[int, Span] = {}
        for ent in entities:
            span = doc.char_span(ent.start, ent.end, label=ent.label, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    spans[tok.i] = span
        starts = tuple(int(i) for i in flatnonzero(doc.to_array("SENT_START") == 1)) or (0,)
        if starts[0] != 0:
            starts = (0, *starts)
        return cls(spans, starts, len(doc), demonyms or {}, frozenset(timex_tokens), frozenset(agent_labels),
                   frozenset(place_labels))

    def sentence(self, tok: Token) -> tuple[int, int]:
        """Token offsets [start, end) of the sentence of `tok`."""
        k = bisect_right(self.sent_starts, tok.i) - 1
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else max(self.length, tok.i + 1)
        return self.sent_starts[k], end

    def get(self, tok: Token) -> Span | None:
        return self.spans.get(tok.i)

    def label(self, tok: Token) -> str | None:
        span = self.spans.get(tok.i)
        return span.label_ if span is not None else None


# --- clause structure -----------------------------------------------------------------------------

def is_passive(verb: Token) -> bool:
    """Passive voice, also a reduced relative ('the union, established in 1993 by …')."""
    if any(c.dep_ in {"auxpass", "nsubjpass", "agent"} for c in verb.children):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ in {"aux", "nsubj", "dobj"} for c in verb.children):
        return False
    return verb.dep_ in {"acl", "advcl"} or (verb.dep_ == "conj" and verb.head != verb and is_passive(verb.head))


def conj_head(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def preceding_name(tok: Token, names: NameIndex) -> Token | None:
    """The name just before a comma that opens `tok`'s phrase, skipping one '(…)': 'SCO, established'."""
    i = tok.i - 1
    doc = tok.doc
    sent_start = names.sentence(tok)[0]
    while i >= sent_start and doc[i].is_punct and doc[i].text not in {")"}:
        i -= 1
    if i >= sent_start and doc[i].text == ")":
        depth = 0
        while i >= sent_start:
            depth += doc[i].text == ")"
            depth -= doc[i].text == "("
            i -= 1
            if depth == 0:
                break
    if i >= sent_start and names.get(doc[i]) is not None and i < tok.i - 1:
        return names.get(doc[i]).root
    return None


def surface_subject(verb: Token, names: NameIndex) -> Token | None:
    """The grammatical subject, inherited through conjoined and controlled verbs and reduced relatives."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
    if subjects:
        if _dangling_conjunct(subjects[0]) is not None:
            return subjects[0]  # 'A, center, and B signed': one coordinated subject the parser split
        return _antecedent(verb, min(subjects, key=lambda c: abs(verb.i - c.i)))
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        head = verb.head
        if is_passive(head) and not is_passive(verb):
            return logical_object(head, names)
        return surface_subject(head, names)
    if verb.dep_ in {"xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return surface_subject(verb.head, names)
    if verb.dep_ in {"acl", "relcl"}:
        if any(c.lemma_ == "to" for c in verb.children) and verb.head.pos_ == "NOUN":
            return by_phrase(verb.head) or _possessor(verb.head)
        named = preceding_name(verb, names)
        return named if named is not None else verb.head
    fronted = fronted_phrase(verb, names)
    return fronted.subject if fronted is not None else None


@dataclass(frozen=True)
class Fronted:
    """A sentence opening with a date or place and no comma: 'On 3 May 2023 | Brazil and Argentina signed'."""

    opening: Span
    subject: Token


def fronted_phrase(verb: Token, names: NameIndex) -> Fronted | None:
    """With no comma after a fronted date or place, the small model parses the subject as the object of
    the opening preposition. When that phrase ends right before the verb, and is a timex or one place
    name followed by names of agents (and only those), the names are the subject. A comma ('In Brazil,
    Argentina signed') or any other word ('After meeting Brazil') blocks it."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children):
        return None
    prep = next((c for c in verb.lefts if c.dep_ == "prep"), None)
    if prep is None or prep.right_edge.i != verb.i - 1:
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    parts = [names.get(p) for p in conjuncts(obj)]
    if any(p is None or p.label_ not in names.agent_labels for p in parts):
        return None
    doc = verb.doc
    end = min(p.start for p in parts)
    while end > prep.i + 1 and doc[end - 1].dep_ == "det":  # 'On Monday the EU and France imposed'
        end -= 1
    opening = doc[prep.i + 1:end]
    place = names.get(opening[0]) if len(opening) else None
    if not len(opening) or not (all(t.i in names.timex_tokens for t in opening) or (
            place is not None and place.label_ in names.place_labels
            and (place.start, place.end) == (opening.start, opening.end))):
        return None
    inside = {t.i for p in parts for t in p}
    if any(t.i not in inside and t.dep_ not in {"cc", "punct", "det"} for t in doc[end:verb.i]):
        return None
    return Fronted(opening, obj)


def _antecedent(verb: Token, subject: Token) -> Token:
    """'the deal that was signed': a relative pronoun stands for the noun the clause modifies."""
    if verb.dep_ == "relcl" and subject.tag_ in {"WDT", "WP"}:
        return verb.head
    return subject


def _possessor(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def by_phrase(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in {"agent", "prep"} and child.lower_ == "by":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def logical_subject(verb: Token, names: NameIndex) -> Token | None:
    if is_passive(verb):
        return by_phrase(verb)
    return surface_subject(verb, names)


def logical_object(verb: Token, names: NameIndex) -> Token | None:
    if is_passive(verb):
        return surface_subject_passive(verb, names)
    obj = next((c for c in verb.children if c.dep_ in OBJECTS), None)
    if obj is None:
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" or (c.dep_ == "advcl" and _is_infinitive(c))),
                     None)
        if xcomp is not None:
            return next((c for c in xcomp.children if c.dep_ in OBJECTS), None)
    return obj


def surface_subject_passive(verb: Token, names: NameIndex) -> Token | None:
    own = next((c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
    if own is not None:
        return _antecedent(verb, own)
    if verb.dep_ in {"acl", "relcl", "advcl"}:
        named = preceding_name(verb, names)
        return named if named is not None else verb.head
    if verb.dep_ == "conj":
        return surface_subject(verb, names)
    return None


def prep_object(tok: Token, preps: Iterable[str]) -> Token | None:
    preps = set(preps)
    for child in tok.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            obj = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:
                return obj
    return None


def predicate_chain(trigger: Token) -> list[Token]:
    """The trigger and the heads that carry its clause's time: a noun's governing verb, control verbs.

    The climb stops at clause boundaries (relative clauses, conjoined verbs,
    complements) and at a noun inside another noun's PP ('the anniversary of
    the signing'), so a date of another clause never carries over.
    """
    chain = [trigger]
    tok = trigger
    while tok.head != tok:
        head = tok.head
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in NOUN_ARGS and head.pos_ in {"VERB", "AUX"}:
            tok = head
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"} \
                and tok.pos_ in {"NOUN", "PROPN"}:
            tok = head.head
        elif tok.dep_ in CLAUSE_LINKS or (tok.dep_ == "advcl" and (_is_infinitive(tok) or _participle_adjunct(tok))):
            tok = head
        elif tok.dep_ == "conj" and tok.pos_ in {"NOUN", "PROPN"} and head.pos_ in {"NOUN", "PROPN"}:
            tok = head
            chain.append(tok)
            continue
        else:
            break
        chain.append(tok)
    return chain


def _participle_adjunct(verb: Token) -> bool:
    """'X made a declaration in 2017, announcing …': a subjectless -ing adjunct shares its clause's time."""
    return verb.tag_ == "VBG" and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in verb.children)


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb at or above `tok`: the predicate whose tense and mood frame it."""
    while True:
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"aux", "auxpass"}:
            return tok
        if tok.head == tok:
            return None
        tok = tok.head


# --- names ----------------------------------------------------------------------------------------

def conjuncts(tok: Token) -> list[Token]:
    """`tok` and the tokens coordinated with it, in text order."""
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        found = [c for c in cur.children if c.dep_ == "conj"] or [_dangling_conjunct(cur)]
        for child in found:
            if child is not None and child not in out:
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _dangling_conjunct(tok: Token) -> Token | None:
    """'Jane Doyle, center, and Ahmed Karimi signed': an aside between two coordinated names makes the
    parser leave 'and' on the first and attach the second to the verb with the same role; the second
    is the first's conjunct."""
    if tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj"} or any(c.dep_ == "conj" for c in tok.children):
        return None
    cc = next((c for c in tok.rights if c.dep_ == "cc"), None)
    if cc is None:
        return None
    return next((s for s in tok.head.children if s.dep_ == tok.dep_ and s.i > cc.i
                 and all(t.dep_ in {"compound", "amod", "det", "punct"} or t.ent_iob_ == "I"
                         for t in tok.doc[cc.i + 1:s.i])), None)


def names_of(tok: Token, names: NameIndex, labels: frozenset[str], actors: frozenset[str] = frozenset(),
             *, groups: bool = True) -> list[str]:
    """Names a noun phrase denotes: its own name and coordinated ones, apposed names, the
    names in 'the leaders of A and B' (`actors`: nouns that stand for their country or
    organisation) or 'A's president', else an unnamed group as written ('Western countries')."""
    out: list[str] = []
    parts = conjuncts(tok)
    for k, part in enumerate(parts):
        if names.get(part) is None and k + 1 < len(parts) and names.get(parts[k + 1]) is not None \
                and part.i + 1 < len(part.doc) and part.doc[part.i + 1].text == ",":
            continue  # 'the French and German leaders, Macron and Scholz': apposed, not a third party
        out.extend(_names_of_one(part, names, labels, actors, groups))
    return list(dict.fromkeys(out))


def _names_of_one(tok: Token, names: NameIndex, labels: frozenset[str], actors: frozenset[str],
                  groups: bool) -> list[str]:
    span = names.get(tok)
    if span is not None:
        return [span.text] if span.label_ in labels and span.label_ != "NORP" else []
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return []
    found: list[str] = []
    if tok.lemma_.lower() in actors:
        for child in tok.children:
            if child.dep_ in {"poss", "compound", "nmod", "amod"}:  # "Russia's president", "U.S. and Chinese officials"
                for part in conjuncts(child):
                    found.extend(owner_name(part, names, labels))
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    found.extend(names_of(obj, names, labels, actors, groups=False))
    found = list(dict.fromkeys(found))
    apposed = [n for a in tok.children if a.dep_ == "appos" for n in names_of(a, names, labels, actors, groups=False)]
    if apposed:  # "Mair's brother, Scott Mair": the apposition names the party itself
        return apposed
    if found:
        return found
    if groups and tok.tag_ in {"NNS", "NNPS"}:
        norp = [c for c in tok.lefts if names.label(c) == "NORP" or c.lower_ in {"western", "eastern"}]
        if norp:
            start = min(c.i for c in norp)
            return [tok.doc[start:tok.i + 1].text.strip("“”\"' ")]
    return []


def owner_name(tok: Token, names: NameIndex, labels: frozenset[str]) -> list[str]:
    """The party a modifier of an actor noun names: a name, or a demonym's country ('Chinese' → China)."""
    span = names.get(tok)
    if span is None:
        return []
    if span.label_ == "NORP":
        country = names.demonyms.get(normalise(span.text))
        return [country] if country is not None and "GPE" in labels else []
    return [span.text] if span.label_ in labels else []


def noun_phrase(tok: Token, names: NameIndex) -> str:
    """The shortest complete noun phrase headed by `tok`: no clauses, no leading determiner."""
    span = names.get(tok)
    if span is not None:
        return span.text
    skip = {t.i for c in tok.rights if c.dep_ in {"acl", "relcl", "advcl", "appos", "punct", "conj", "cc"}
            for t in c.subtree}
    skip |= {t.i for c in tok.lefts if c.dep_ == "poss" for t in c.subtree}  # "Joe Biden's visit" → "visit'
    tokens = [t for t in tok.subtree if t.i not in skip and not t.is_space]
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct or tokens[0].dep_ in {"poss", "case"}):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return tok.text
    return tok.doc[tokens[0].i:tokens[-1].i + 1].text


def right_names(start: int, end: int, doc: Doc, names: NameIndex, labels: frozenset[str]) -> Iterator[Span]:
    """Name spans of `labels` between token offsets, in text order, each once."""
    seen: set[int] = set()
    for i in range(start, end):
        span = names.get(doc[i])
        if span is not None and span.start not in seen and span.label_ in labels:
            seen.add(span.start)
            yield span
