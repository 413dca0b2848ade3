"""Counts, accuracies and the one-to-one matching every layer's score is built on.

Matching is a maximum bipartite matching: as many gold items as possible get a
partner, each item at most one, so one long prediction cannot match two gold
items. Among the matchings of that size, the one with the best total quality
(span overlap, right attributes) wins, which keeps figures independent of list
order. It is solved exactly with the Hungarian algorithm, per connected
component of the "could match" graph (components are tiny in practice).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

G = TypeVar("G")
P = TypeVar("P")


class HasSpan(Protocol):
    start: int
    end: int


@dataclass
class PRF:
    """True/false positives and false negatives of one comparison.

    Convention: a ratio whose denominator is 0 is 0.0 (precision with no
    prediction, recall with no gold item, F1 when both are 0), as in
    scikit-learn's `zero_division=0`. `empty` tells such a case apart.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    @property
    def empty(self) -> bool:
        """Neither gold nor predicted items: the figures say nothing."""
        return not (self.tp or self.fp or self.fn)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    """Share of matched pairs whose attribute is right; 0.0 over no pair."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def count(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def to_dict(self) -> dict[str, float | int]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


@dataclass
class Alignment(Generic[G, P]):
    """Matched (gold, predicted) pairs, gold items left over (missed), predictions left over (spurious)."""

    pairs: list[tuple[G, P]] = field(default_factory=list)
    missed: list[G] = field(default_factory=list)
    spurious: list[P] = field(default_factory=list)

    @property
    def prf(self) -> PRF:
        return PRF(len(self.pairs), len(self.spurious), len(self.missed))

    def __add__(self, other: Alignment[G, P]) -> Alignment[G, P]:
        return Alignment(self.pairs + other.pairs, self.missed + other.missed, self.spurious + other.spurious)


def overlaps(a: HasSpan, b: HasSpan) -> bool:
    return a.start < b.end and b.start < a.end


def jaccard(a: HasSpan, b: HasSpan) -> float:
    """Overlap of two character spans over their union, in [0, 1]."""
    inter = min(a.end, b.end) - max(a.start, b.start)
    union = max(a.end, b.end) - min(a.start, b.start)
    return max(inter, 0) / union if union > 0 else float(a.start == b.start)


def same_span(a: HasSpan, b: HasSpan) -> bool:
    return a.start == b.start and a.end == b.end


def align(gold: Sequence[G], pred: Sequence[P], quality: Callable[[G, P], float | None]) -> Alignment[G, P]:
    """Maximum one-to-one matching; `quality(g, p)` is None when g and p cannot match, else in [0, 1]."""
    edges: dict[tuple[int, int], float] = {}
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            q = quality(g, p)
            if q is not None:
                edges[i, j] = q
    matched = _max_matching(edges)
    matched_gold = {i for i, _ in matched}
    matched_pred = {j for _, j in matched}
    return Alignment(
        pairs=[(gold[i], pred[j]) for i, j in sorted(matched)],
        missed=[g for i, g in enumerate(gold) if i not in matched_gold],
        spurious=[p for j, p in enumerate(pred) if j not in matched_pred],
    )


def _max_matching(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    result = []
    for component in _components(edges):
        rows = sorted({i for i, _ in component})
        cols = sorted({j for _, j in component})
        # A bonus above any sum of qualities makes one more pair always worth more than better pairs.
        bonus = len(rows) + len(cols) + 1.0
        weight = [[-(bonus + edges[r, c]) if (r, c) in edges else 0.0 for c in cols] for r in rows]
        transpose = len(rows) > len(cols)
        if transpose:
            weight = [list(col) for col in zip(*weight)]
        for a, b in enumerate(_hungarian(weight)):
            r, c = (rows[b], cols[a]) if transpose else (rows[a], cols[b])
            if (r, c) in edges:
                result.append((r, c))
    return result


def _components(edges: dict[tuple[int, int], float]) -> list[list[tuple[int, int]]]:
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(("g", i))] = find(("p", j))
    groups: dict[Any, list[tuple[int, int]]] = {}
    for i, j in edges:
        groups.setdefault(find(("g", i)), []).append((i, j))
    return list(groups.values())


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Column assigned to each row minimising total cost; needs rows <= columns (potentials method)."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    assignment = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            assignment[owner[j] - 1] = j - 1
    return assignment
