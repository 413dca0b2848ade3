"""Scoring a run against gold (SCHEMA.md, Scoring): figures, error lists, tables.

`score_corpus(gold_dir, pred_dir)` is the entry point; the layer scorers
(`score_timexes`, `score_events`, ...) are importable for benchmarks of one layer.
"""
from .corpus import (
    LAYER_TITLES, CorpusScores, DocumentScores, Scores, build_resolver, document_text, load_results,
    score_corpus, score_document, score_results,
)
from .layers import (
    ClaimCheck, ClaimScores, EntityScores, EventScores, OrganisationScores, TimexScores, Triple,
    check_claim, org_triples, score_claims, score_entities, score_events, score_organisations,
    score_timexes, timex_values_equal, values_close,
)
from .matching import PRF, Accuracy, Alignment, align

__all__ = [
    "PRF", "Accuracy", "Alignment", "align",
    "EntityScores", "TimexScores", "EventScores", "OrganisationScores", "ClaimScores", "ClaimCheck", "Triple",
    "score_entities", "score_timexes", "score_events", "score_organisations", "score_claims",
    "timex_values_equal", "values_close", "check_claim", "org_triples",
    "Scores", "DocumentScores", "CorpusScores", "LAYER_TITLES",
    "score_document", "score_corpus", "score_results", "load_results", "document_text", "build_resolver",
]
