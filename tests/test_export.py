"""Writing results: atomic files, which files are results, the corpus JSONL and CSV export."""
import csv
import json
import os

import pytest

from pipeline.export import atomic_writer, export_command, result_paths, write_atomic, write_jsonl
from pipeline.schema import ClaimsResult, DocInfo, Entity, PipelineInfo


def result(doc_id: str, entities: list[Entity]) -> dict:
    info = DocInfo(id=doc_id, source=None, title=None, author=None, published=None, url=None,
                   text_sha256="0" * 64, chars=40)
    return ClaimsResult(doc=info, pipeline=PipelineInfo("0.1.0", "test"), entities=entities).to_dict()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "a.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(path) as handle:
            handle.write("half of the new")
            raise RuntimeError("disk full, say")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_an_interrupt_just_after_the_temporary_file_is_created_leaves_nothing(tmp_path, monkeypatch):
    real_open = os.open

    def open_then_interrupted(*args, **kwargs):
        real_open(*args, **kwargs)  # the file exists now, its descriptor never reaches the caller
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", open_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "a.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_writing_over_a_symlink_replaces_the_link(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert target.read_text(encoding="utf-8") == "keep"
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new"


def test_result_paths_skip_hidden_files_symlinks_and_subfolders(tmp_path):
    for name in ("b.json", "a.json", ".a.json.x1.tmp", ".hidden.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(tmp_path / "a.json")
    (tmp_path / "_run").mkdir()
    (tmp_path / "_run" / "summary.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in result_paths(tmp_path)] == ["a.json", "b.json"]


def test_jsonl_has_one_compact_line_per_result(tmp_path):
    files = []
    for doc_id in ("x", "y"):
        files.append(tmp_path / f"{doc_id}.json")
        files[-1].write_text(json.dumps(result(doc_id, []), indent=2), encoding="utf-8")
    assert write_jsonl(files, tmp_path / "all.jsonl") == 2
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc"]["id"] for line in lines] == ["x", "y"]


def test_export_command_writes_a_csv_per_layer(tmp_path):
    runs = tmp_path / "run"
    runs.mkdir()
    (runs / "m.json").write_text(json.dumps(result("m", [Entity("Oslo", "GPE", 0, 4)])), encoding="utf-8")
    (runs / "n.json").write_text(json.dumps(result("n", [Entity("Kenya", "GPE", 9, 14)])), encoding="utf-8")
    assert export_command(runs, csv_dir=tmp_path / "csv", jsonl=tmp_path / "c.jsonl") == 0
    with (tmp_path / "csv" / "entities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["doc_id"], r["text"], r["start"]) for r in rows] == [("m", "Oslo", "0"), ("n", "Kenya", "9")]
    assert (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8").startswith("doc_id,")
    assert len((tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_export_command_needs_a_target_and_results(tmp_path, capsys):
    assert export_command(tmp_path) == 2
    assert export_command(tmp_path, csv_dir=tmp_path / "csv") == 2
    assert "no results" in capsys.readouterr().err
