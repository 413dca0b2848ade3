"""Comparing two runs: figures side by side and the items that became right or wrong."""
from __future__ import annotations

from scoring_builders import ent, result, tmx

from pipeline.cli import main
from pipeline.compare import compare_scores, format_comparison
from pipeline.scoring import score_results

GOLD = result("a", entities=[ent("Oslo", "GPE", 0), ent("Bergen", "GPE", 10)],
              timexes=[tmx("1999", 20, "DATE", "1999")])
RUN_A = result("a", entities=[ent("Oslo", "GPE", 0), ent("Norway", "GPE", 30)], timexes=[tmx("1999", 20, "DATE", "1998")])
RUN_B = result("a", entities=[ent("Oslo", "GPE", 0), ent("Bergen", "GPE", 10)], timexes=[tmx("1999", 20, "DATE", "199")])


def test_items_that_became_right_wrong_or_changed():
    gold = {"a": GOLD}
    c = compare_scores(score_results(gold, {"a": RUN_A}), score_results(gold, {"a": RUN_B}))
    assert {(e.kind, e.gold or e.pred) for e in c.fixed} == {("missed", "Bergen [GPE]"), ("spurious", "Norway [GPE]")}
    assert c.broken == []
    [(before, after)] = c.changed  # the timex value is wrong in both runs, differently
    assert (before.pred, after.pred) == ("1999 [DATE 1998]", "1999 [DATE 199]")
    text = format_comparison(c, "A", "B")
    relaxed = next(line for line in text.splitlines() if line.strip().startswith("relaxed "))
    assert relaxed.split()[1:4] == ["0.500", "1.000", "+0.500"]  # entities relaxed F1: 2/4 → 1
    assert "became right in B (2)" in text and "became wrong in B (0)" in text


def test_compare_command_on_folders(tmp_path, capsys):
    for folder, r in (("gold", GOLD), ("a", RUN_A), ("b", RUN_B)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.json").write_text(r.to_json(), encoding="utf-8")
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--gold", str(tmp_path / "gold")]) == 0
    out = capsys.readouterr().out
    assert "HEADLINE" in out and "missed: Bergen [GPE]" in out
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "nowhere"), "--gold", str(tmp_path / "gold")]) == 2
