"""One `claims run` over tests/fixtures/bad: one clear stderr line per bad file, good files intact."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.schema import check_offsets, validate

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
LONG_CHARS = 1_000_001  # over spaCy's default nlp.max_length (1,000,000)

ERRORS = {  # file → words its one error line must contain
    "bad-meta.meta.json": ["field 'published'", "not an ISO date"],
    "binary-nul.txt": ["binary file", "NUL byte at byte 8"],
    "latin1-not-utf8.txt": ["not valid utf-8 at byte 39", "--encoding"],
    "page.txt": ["HTML"],
    "too-long.txt": ["1000000"],
}
WARNINGS = {"empty.txt": ["empty document"], "french.txt": ["does not look like English"]}
WRITTEN = ["good-article", "crlf-line-endings", "utf8-bom", "empty", "french"]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    """The CLI in a child process, as a user runs it: exit code and stderr lines."""
    corpus = tmp_path_factory.mktemp("bad") / "corpus"
    shutil.copytree(FIXTURES, corpus)
    (corpus / "too-long.txt").write_text(("It is on the list. " * (LONG_CHARS // 19 + 1))[:LONG_CHARS], encoding="utf-8")
    out = corpus.parent / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--quiet"],
                          capture_output=True, text=True, timeout=300)
    return corpus, out, done.returncode, done.stderr.splitlines()


def test_exit_code_says_some_failed(bad_run):
    assert bad_run[2] == 1


@pytest.mark.parametrize("name", sorted({**ERRORS, **WARNINGS}))
def test_one_clear_line_per_bad_file(bad_run, name):
    lines = [line for line in bad_run[3] if f"/{name}:" in line]
    assert len(lines) == 1, bad_run[3]
    kind = "error" if name in ERRORS else "warning"
    assert lines[0].startswith(f"{kind}: ")
    assert all(word in lines[0] for word in {**ERRORS, **WARNINGS}[name])


def test_no_other_lines(bad_run):
    assert len(bad_run[3]) == len(ERRORS) + len(WARNINGS)


@pytest.mark.parametrize("doc_id", WRITTEN)
def test_readable_files_are_written_intact(bad_run, doc_id):
    corpus, out = bad_run[0], bad_run[1]
    data = json.loads((out / f"{doc_id}.json").read_text(encoding="utf-8"))
    validate(data)
    text = (corpus / f"{doc_id}.txt").read_bytes().decode("utf-8").removeprefix("\ufeff")
    assert data["doc"]["chars"] == len(text)
    assert check_offsets(data, text) == []


def test_failed_files_have_no_output(bad_run):
    assert not any((bad_run[1] / f"{Path(name).name.split('.')[0]}.json").exists() for name in ERRORS)


def test_crlf_keeps_carriage_returns_and_detects_title(bad_run):
    data = json.loads((bad_run[1] / "crlf-line-endings.json").read_text(encoding="utf-8"))
    assert data["doc"]["title"] == "Brazil and Argentina sign a beef deal"
    assert data["doc"]["author"] == "Marta Lopez"
    assert data["doc"]["chars"] == len((bad_run[0] / "crlf-line-endings.txt").read_bytes().decode())


def test_bom_is_not_text(bad_run):
    data = json.loads((bad_run[1] / "utf8-bom.json").read_text(encoding="utf-8"))
    assert data["doc"]["title"] == "Kenya opens a new rail line"
    assert data["entities"][0]["text"] == "Kenya" and data["entities"][0]["start"] == 0


def test_good_article_keeps_its_metadata_and_skips_boilerplate(bad_run):
    data = json.loads((bad_run[1] / "good-article.json").read_text(encoding="utf-8"))
    assert (data["doc"]["title"], data["doc"]["author"], data["doc"]["published"]) == \
        ("Norway expands its offshore wind fleet", "Ingrid Solberg", "2023-03-05")
    first_line = (bad_run[0] / "good-article.txt").read_text(encoding="utf-8").index("\n")
    assert all(e["start"] > first_line for e in data["entities"])
