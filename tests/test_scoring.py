"""The scorer on small hand-computed cases: every figure asserted exactly."""
from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from scoring_builders import claim, ent, evt, result, tmx

from pipeline.cli import main
from pipeline.names import NameResolver
from pipeline.schema import Member, Organisation
from pipeline.scoring import (
    PRF, Accuracy, align, score_claims, score_corpus, score_document, score_entities, score_events,
    score_organisations, score_results, score_timexes, timex_values_equal,
)
from pipeline.scoring.errors import context, document_errors
from pipeline.scoring.tables import format_scores

ROOT = Path(__file__).resolve().parent.parent


def close(x: float, fraction: Fraction | float) -> bool:
    return x == pytest.approx(float(fraction), abs=1e-12)


def test_prf_ratios_and_zero_convention():
    p = PRF(tp=2, fp=1, fn=3)
    assert close(p.precision, Fraction(2, 3)) and close(p.recall, Fraction(2, 5)) and close(p.f1, Fraction(1, 2))
    assert (PRF().precision, PRF().recall, PRF().f1, PRF().empty) == (0.0, 0.0, 0.0, True)
    assert PRF(0, 2, 0).f1 == 0.0 and not PRF(0, 2, 0).empty
    assert PRF(1, 0, 0) + PRF(0, 1, 2) == PRF(1, 1, 2)
    assert Accuracy(1, 3).value == pytest.approx(1 / 3) and Accuracy().value == 0.0


def test_entities_strict_versus_relaxed():
    gold = [ent("Vladimir Putin", "PERSON", 0), ent("Moscow", "GPE", 20), ent("Volga", "LOC", 40)]
    pred = [ent("Putin", "PERSON", 9), ent("Moscow", "GPE", 20), ent("Kremlin", "ORG", 30),
            ent("Volga", "GPE", 40)]  # right span, wrong label: no match at all
    s = score_entities(gold, pred)
    assert s.strict == PRF(tp=1, fp=3, fn=2)
    assert s.relaxed == PRF(tp=2, fp=2, fn=1)
    assert close(s.relaxed.precision, 0.5) and close(s.relaxed.recall, Fraction(2, 3))
    assert s.strict_by_label["PERSON"] == PRF(0, 1, 1) and s.relaxed_by_label["PERSON"] == PRF(1, 0, 0)
    assert s.relaxed_by_label["LOC"] == PRF(0, 0, 1) and s.relaxed_by_label["GPE"] == PRF(1, 1, 0)


def test_one_long_prediction_cannot_match_two_gold_items():
    gold = [ent("New York", "GPE", 0), ent("Boston", "GPE", 13)]
    s = score_entities(gold, [ent("New York and Boston", "GPE", 0)])
    assert s.relaxed == PRF(tp=1, fp=0, fn=1)


def test_matching_is_maximum_not_greedy():
    # X overlaps both gold items, Y only the first: greedy X→first leaves Y unmatched; the maximum matching pairs both.
    gold = [ent("Lower Saxony", "GPE", 0), ent("Hanover", "GPE", 13)]
    pred = [ent("Lower Saxony, Hanover", "GPE", 0), ent("Lower", "GPE", 0)]
    s = score_entities(gold, pred)
    assert s.relaxed == PRF(tp=2, fp=0, fn=0)
    assert {(g.text, p.text) for g, p in s.alignment.pairs} == {("Lower Saxony", "Lower"),
                                                                ("Hanover", "Lower Saxony, Hanover")}


def test_align_prefers_better_pairs_among_maximum_matchings():
    a = align(["a", "b"], ["x", "y"], lambda g, p: {("a", "x"): 0.1, ("a", "y"): 0.9, ("b", "x"): 0.9,
                                                    ("b", "y"): 0.1}[g, p])
    assert a.pairs == [("a", "y"), ("b", "x")]


@pytest.mark.parametrize("a, b, equal", [
    ("P2DE", "P20Y", True), ("P1DE", "P10Y", True), ("P1CE", "P100Y", True), ("p2de", "P20Y", True),
    ("P2DE", "P2Y", False), ("P12M", "P1Y", False), ("2021", "2021", True), ("2021", "2021-01", False),
    (None, None, True), (None, "2021", False),
])
def test_timex_values_equal(a, b, equal):
    assert timex_values_equal(a, b) is equal


def test_timexes_strict_relaxed_value_and_accuracies():
    gold = [tmx("two decades", 10, "DURATION", "P2DE"), tmx("2021", 30, "DATE", "2021"),
            tmx("May", 40, "DATE", "XXXX-05")]
    pred = [tmx("past two decades", 5, "DURATION", "P20Y"), tmx("2021", 30, "DATE", "2020"),
            tmx("today", 50, "DATE", "PRESENT_REF")]
    s = score_timexes(gold, pred)
    assert s.strict == PRF(tp=1, fp=2, fn=2)
    assert s.relaxed == PRF(tp=2, fp=1, fn=1)
    assert s.value == PRF(tp=1, fp=2, fn=2)  # P20Y equals P2DE; 2020 is not 2021
    assert s.type_accuracy == Accuracy(2, 2) and s.value_accuracy == Accuracy(1, 2)
    assert s.by_type["DURATION"] == PRF(1, 0, 0) and s.by_type["DATE"] == PRF(1, 1, 1)


def test_putin_matches_vladimir_putin_and_sco_matches_its_full_name():
    resolver = NameResolver()
    assert resolver.same("Putin", "Vladimir Putin")
    assert resolver.same("SCO", "Shanghai Cooperation Organization")
    assert not resolver.same("Putin", "Xi Jinping")
    gold = [evt("FOUNDING", "founded", 10, date="2001", agents=["Vladimir Putin", "Shanghai Cooperation Organization"])]
    pred = [evt("FOUNDING", "founded", 10, date="2001", agents=["SCO", "Putin"])]
    assert score_events(gold, pred, resolver).agents == PRF(tp=2, fp=0, fn=0)


def test_events_trigger_overlap_then_same_sentence_and_date():
    gold = [
        evt("AGREEMENT", "signed", 20, date="2001-07-19", agents=["Vladimir Putin", "Jiang Zemin"]),
        evt("MEETING", "talks", 150, date="2019", agents=["China", "Russia"], sentence=(120, 200)),
        evt("STATEMENT", "said", 250, agents=["Xi Jinping"], sentence=(220, 300)),
    ]
    pred = [
        evt("AGREEMENT", "signed the treaty", 20, date="2001-07-19", agents=["Putin", "Jiang Zemin"]),
        # no trigger overlap, but same sentence and same non-null date
        evt("MEETING", "met", 160, date="2019", agents=["the People's Republic of China"], status="planned",
            sentence=(120, 200)),
        # same sentence, but no date: cannot match
        evt("STATEMENT", "stated", 260, agents=["Xi Jinping"], sentence=(220, 300)),
    ]
    s = score_events(gold, pred, NameResolver())
    assert s.prf == PRF(tp=2, fp=1, fn=1)
    assert s.date_accuracy == Accuracy(2, 2) and s.status_accuracy == Accuracy(1, 2)
    assert s.agents == PRF(tp=3, fp=0, fn=1)
    assert s.by_type["STATEMENT"] == PRF(0, 1, 1) and s.by_type["MEETING"] == PRF(1, 0, 0)


def test_events_of_different_types_never_match():
    s = score_events([evt("MEETING", "summit", 5, date="2020")], [evt("AGREEMENT", "summit", 5, date="2020")])
    assert s.prf == PRF(tp=0, fp=1, fn=1)


def test_organisation_triples_with_member_at_joined():
    gold = [Organisation("Shanghai Cooperation Organization", acronym="SCO", founded="1996-04-26",
                         founders=["China", "Russia"], members=[Member("India", "2017"), Member("Uzbekistan", "2001")]),
            Organisation("NATO")]
    pred = [Organisation("SCO", founded="1996", founders=["People's Republic of China", "Russian Federation"],
                         members=[Member("India", "2017"), Member("Uzbekistan", None)], observers=["Iran"]),
            Organisation("BRICS")]
    s = score_organisations(gold, pred, NameResolver())
    # matched: mentioned, founder China, founder Russia, member India@2017;
    # missed: acronym SCO, founded 1996-04-26, member Uzbekistan@2001, NATO mentioned;
    # spurious: founded 1996, member Uzbekistan@-, observer Iran, BRICS mentioned.
    assert s.triples == PRF(tp=4, fp=4, fn=4)
    assert s.profiles == PRF(tp=1, fp=1, fn=1)
    assert s.by_field["member"] == PRF(1, 1, 1) and s.by_field["founder"] == PRF(2, 0, 0)
    assert s.by_field["acronym"] == PRF(0, 0, 1) and s.by_field["observer"] == PRF(0, 1, 0)
    assert {t.value for t, _ in s.alignment.pairs if t.field == "member"} == {"India@2017"}
    assert {t.value for t in s.alignment.missed} >= {"Uzbekistan@2001", "SCO", "1996-04-26"}


def test_organisations_match_by_name_case_insensitively():
    s = score_organisations([Organisation("European Union", acronym="EU")], [Organisation("the european union")])
    assert s.profiles == PRF(1, 0, 0) and s.triples == PRF(tp=1, fp=0, fn=1)


def test_numeric_claims_value_tolerance_and_full_f1():
    gold = [claim("146.8 billion dollars", 0, 146.8e9, "USD", time="2021"),
            claim("37 meetings", 40, 37.0, "meeting", time="2013"),
            claim("between 5 and 7 percent", 60, 5.0, "%", value_max=7.0)]
    pred = [claim("146.8 billion", 0, 146.8e9 * (1 + 5e-7), "USD", time="2021"),  # within 1e-6: right
            claim("37", 40, 37.0 * (1 + 2e-6), "meeting", ">", time="2013"),  # 2e-6 off: wrong value
            claim("5 and 7 percent", 68, 5.0, "%")]  # value_max missing: wrong value
    s = score_claims(gold, pred)
    assert s.prf == PRF(tp=3, fp=0, fn=0)
    assert s.value_accuracy == Accuracy(1, 3) and s.unit_accuracy == Accuracy(3, 3)
    assert s.comparator_accuracy == Accuracy(2, 3) and s.time_accuracy == Accuracy(3, 3)
    assert s.full == PRF(tp=1, fp=2, fn=2)
    assert close(s.full.f1, Fraction(1, 3))


def test_empty_predictions_score_zero_recall():
    gold = result(entities=[ent("Lagos", "GPE", 0)], timexes=[tmx("2020", 10, "DATE", "2020")])
    d = score_document(gold, result())
    assert d.scores.entities.relaxed == PRF(0, 0, 1) and d.scores.timexes.value == PRF(0, 0, 1)
    assert d.scores.events.prf.empty and d.scores.headline == 0.0 and not d.missing


def test_document_missing_from_the_run_counts_as_empty_and_is_flagged():
    a = result("a", entities=[ent("Lagos", "GPE", 0)])
    b = result("b", entities=[ent("Accra", "GPE", 0)], timexes=[tmx("2020", 10, "DATE", "2020")])
    corpus = score_results({"a": a, "b": b}, {"a": a})
    missing = {d.doc_id: d.missing for d in corpus.documents}
    assert missing == {"a": False, "b": True}
    assert any("b: no prediction" in w for w in corpus.warnings)
    assert corpus.total.entities.relaxed == PRF(tp=1, fp=0, fn=1)
    assert corpus.total.timexes.value == PRF(tp=0, fp=0, fn=1)
    # headline: mean of entities 2/3 and timexes 0; the three layers empty on both sides are left out
    assert close(corpus.total.headline, Fraction(1, 3))
    table = format_scores(corpus)
    assert "2 documents" in table and "HEADLINE 0.333" in table
    assert [line.split()[:2] for line in table.splitlines() if line.startswith(("a ", "b "))] == [
        ["a", "1.000"], ["b", "0.000"]]
    assert table.splitlines()[-2].endswith("MISSING")


def test_gold_scored_against_itself_is_perfect():
    corpus = score_corpus(ROOT / "gold", ROOT / "gold")
    assert corpus.total.headline == 1.0 and corpus.warnings == []
    assert all(document_errors(d) == [] for d in corpus.documents)
    assert corpus.documents[0].text is not None  # found through doc.source


def test_score_corpus_from_folders_with_text_context_and_cli(tmp_path, capsys):
    text = "In 2020 Ghana and Togo met in Accra."
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(text, encoding="utf-8")
    gold = result("a", text, "corpus/a.txt", entities=[ent("Ghana", "GPE", 8), ent("Togo", "GPE", 18),
                                                       ent("Accra", "GPE", 30)])
    pred = result("a", text, "corpus/a.txt", entities=[ent("Ghana", "GPE", 8), ent("Togo", "ORG", 18)])
    for folder, r in (("gold", gold), ("run", pred)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.json").write_text(r.to_json(), encoding="utf-8")
    corpus = score_corpus(tmp_path / "gold", tmp_path / "run")
    assert corpus.documents[0].text == text
    assert corpus.total.entities.relaxed == PRF(tp=1, fp=1, fn=2)
    errors = document_errors(corpus.documents[0])
    assert [(e.kind, e.gold or e.pred) for e in errors] == [
        ("missed", "Togo [GPE]"), ("spurious", "Togo [ORG]"), ("missed", "Accra [GPE]")]
    assert context(text, 30, 35, width=8) == "… met in ⟦Accra⟧."

    assert main(["score", "--gold", str(tmp_path / "gold"), "--pred", str(tmp_path / "run"), "--json",
                 "--csv", str(tmp_path / "s.csv")]) == 0
    data = json.loads(capsys.readouterr().out)
    relaxed = next(r for r in data["total"]["layers"] if r["measure"] == "relaxed")
    assert (relaxed["tp"], relaxed["fp"], relaxed["fn"]) == (1, 1, 2)
    assert "document,layer,measure" in (tmp_path / "s.csv").read_text()
    assert main(["score", "--gold", str(tmp_path / "gold"), "--pred", str(tmp_path / "run"), "--json", "--errors"]) == 0
    listed = json.loads(capsys.readouterr().out)["errors"]
    assert listed[-1] | {"context": None} == {"doc_id": "a", "layer": "entities", "kind": "missed", "start": 30, "end": 35,
                                              "gold": "Accra [GPE]", "pred": None, "attributes": [], "context": None}
    assert listed[-1]["context"].endswith("⟦Accra⟧.")
    assert main(["score", "--gold", str(tmp_path / "gold"), "--pred", str(tmp_path / "run"), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "HEADLINE" in out and "missed: Accra [GPE]" in out and "⟦Accra⟧" in out
    assert main(["score", "--gold", str(tmp_path / "nowhere")]) == 2


def test_events_sharing_one_trigger_pair_up_by_their_arguments():
    gold = [evt("MEMBERSHIP", "expanded", 10, date=year, agents=[who])
            for year, who in (("2001", "Uzbekistan"), ("2017", "India"), ("2021", "Iran"))]
    pred = [evt("MEMBERSHIP", "expanded", 10, date="2021", agents=["Iran"]),
            evt("MEMBERSHIP", "expanded", 10, date="2001", agents=["Uzbekistan"])]
    s = score_events(gold, pred)
    assert s.prf == PRF(tp=2, fp=0, fn=1)
    assert s.date_accuracy == Accuracy(2, 2) and s.agents == PRF(tp=2, fp=0, fn=0)
    assert [e.date for e in s.alignment.missed] == ["2017"]
