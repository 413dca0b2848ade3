"""`claims run` and `claims export` as a user sees them: exit codes, one line per problem, the bar."""
import io
import json

import pytest

from pipeline.cli import main
from pipeline.export import JSONL_NAME
from pipeline.progress import Progress
from pipeline.runner import summary_path


@pytest.fixture
def loaded(nlp, monkeypatch):
    """The session pipeline instead of a fresh load per command."""
    monkeypatch.setattr("pipeline.nlp.build_nlp", lambda model, config=None: nlp)
    return nlp


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "harbour.txt").write_text("The harbour reopened in May 2019 after a storm.\n", encoding="utf-8")
    (folder / "library.txt").write_text("The city library lent 40,000 books last year.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"Caf\xe9 prices rose.\n")
    return folder


def test_run_writes_the_good_files_and_names_the_bad_one(loaded, corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and "broken.txt" in err and "byte 3" in err
    assert "2 written, 0 skipped (up to date), 1 failed of 3 documents" in err
    assert sorted(p.name for p in out.glob("*.json")) == ["harbour.json", "library.json"]
    assert len((out / JSONL_NAME).read_text(encoding="utf-8").splitlines()) == 2
    assert json.loads(summary_path(out).read_text(encoding="utf-8"))["failures"][0]["source"].endswith("broken.txt")


def test_a_file_over_the_models_limit_is_one_clear_error_not_a_crash(loaded, corpus, tmp_path, capsys,
                                                                      monkeypatch):
    (corpus / "broken.txt").unlink()
    (corpus / "long.txt").write_text("A sentence that repeats. " * 4, encoding="utf-8")
    monkeypatch.setattr(loaded, "max_length", 80)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line for line in lines if line.startswith("error:")] == [
        f"error: {corpus / 'long.txt'}: text is 100 characters, over the model's limit of 80 (nlp.max_length); "
        "split it into smaller files or raise nlp.max_length if you have the memory (about 1 GB per 100,000 "
        "characters)"]
    assert "Traceback" not in "\n".join(lines) and "2 written, 0 skipped (up to date), 1 failed" in lines[-1]
    assert sorted(p.name for p in out.glob("*.json")) == ["harbour.json", "library.json"]


def test_resume_and_quiet(loaded, corpus, tmp_path, capsys):
    (corpus / "broken.txt").unlink()
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""  # stderr is not a terminal and --quiet: nothing at all
    assert main(["run", str(corpus), "--out", str(out), "--resume"]) == 0
    assert "0 written, 2 skipped (up to date)" in capsys.readouterr().err


def test_run_refuses_a_gold_folder(loaded, corpus, tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "harbour.json").write_text('{"schema": "claims/1", "pipeline": {"version": "gold", "model": null}}')
    assert main(["run", str(corpus), "--out", str(gold)]) == 2
    assert "gold" in capsys.readouterr().err
    assert [p.name for p in gold.iterdir()] == ["harbour.json"]


def test_bad_worker_count_is_a_usage_error(loaded, corpus, tmp_path, capsys):
    assert main(["run", str(corpus), "--out", str(tmp_path / "o"), "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err


def test_export_subcommand_writes_csv_and_jsonl(loaded, corpus, tmp_path):
    out = tmp_path / "out"
    main(["run", str(corpus), "--out", str(out), "--quiet"])
    assert main(["export", str(out), "--csv", str(tmp_path / "csv"), "--jsonl", str(tmp_path / "all.jsonl")]) == 0
    assert (tmp_path / "csv" / "entities.csv").exists() and (tmp_path / "csv" / "numeric_claims.csv").exists()
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_progress_line_counts_documents_speed_eta_and_failures():
    stream = io.StringIO()
    bar = Progress(total=10, enabled=True, stream=stream, started=0.0)
    bar.update(4, 2000, 1)
    bar.write("error: x.txt: broken")
    bar.close()
    text = stream.getvalue()
    assert "error: x.txt: broken\n" in text
    last = text.rstrip("\n").split("\r\033[K")[-1]
    assert last.startswith("4/10 documents") and "words/s" in last and "ETA" in last and last.endswith("1 failed")


def test_progress_is_silent_when_disabled():
    stream = io.StringIO()
    bar = Progress(total=3, enabled=False, stream=stream)
    bar.update(1, 10, 0)
    bar.close()
    assert stream.getvalue() == ""
