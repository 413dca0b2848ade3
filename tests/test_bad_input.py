"""One `claims run` over tests/fixtures/bad: one clear stderr line per bad file, good files intact.

Also the hostile-input guarantees seen from the CLI: other encodings, unsafe file
names, and document text that looks like code is only ever data.
"""
import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.schema import check_offsets, validate

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
LONG_CHARS = 1_000_001  # over spaCy's default nlp.max_length (1,000,000)

ROOT = FIXTURES.parent.parent.parent
CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # the child runs this tree's pipeline, wherever pytest runs
DUPLICATE = "other-site/good-article.txt"  # same id as good-article.txt (read first: paths sort), another text
ERRORS = {  # file → patterns its one error line must contain
    "bad-meta.meta.json": ["field 'published'", "not an ISO date"],
    "binary-nul.txt": ["binary file", "NUL byte at byte 8"],
    "latin1-not-utf8.txt": ["not valid utf-8 at byte 39", "--encoding"],
    "page.txt": ["HTML"],
    "too-long.txt": [r"\b1,?000,?000\b", "max"],  # the limit, as spaCy's E088 or readers.check_length states it
    DUPLICATE: ["document id 'good-article' is already used by", r"corpus/good-article\.txt"],
}
WARNINGS = {"empty.txt": ["empty document"], "french.txt": ["does not look like English"]}
WRITTEN = ["good-article", "crlf-line-endings", "utf8-bom", "empty", "french"]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    """The CLI in a child process, as a user runs it: exit code and stderr lines."""
    corpus = tmp_path_factory.mktemp("bad") / "corpus"
    shutil.copytree(FIXTURES, corpus)
    long_text = ("It is on the list. " * (LONG_CHARS // 19 + 1))[:LONG_CHARS]
    (corpus / "too-long.txt").write_text(long_text, encoding="utf-8")
    out = corpus.parent / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--quiet"],
                          env=CHILD_ENV, capture_output=True, text=True, timeout=300)
    return corpus, out, done.returncode, done.stderr.splitlines()


def test_exit_code_says_some_failed(bad_run):
    assert bad_run[2] == 1


@pytest.mark.parametrize("name", sorted({**ERRORS, **WARNINGS}))
def test_one_clear_line_per_bad_file(bad_run, name):
    lines = [line for line in bad_run[3] if f"/{name}:" in line]
    assert len(lines) == 1, bad_run[3]
    kind = "error" if name in ERRORS else "warning"
    assert lines[0].startswith(f"{kind}: ")
    assert all(re.search(pattern, lines[0]) for pattern in {**ERRORS, **WARNINGS}[name]), lines[0]


def test_no_other_lines(bad_run):
    assert len(bad_run[3]) == len(ERRORS) + len(WARNINGS)


@pytest.mark.parametrize("doc_id", WRITTEN)
def test_readable_files_are_written_intact(bad_run, doc_id):
    corpus, out = bad_run[0], bad_run[1]
    data = json.loads((out / f"{doc_id}.json").read_text(encoding="utf-8"))
    validate(data)
    text = (corpus / f"{doc_id}.txt").read_bytes().decode("utf-8").removeprefix("\ufeff")
    assert data["doc"]["chars"] == len(text)
    assert data["doc"]["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert check_offsets(data, text) == []


def test_failed_files_have_no_output(bad_run):
    assert not any((bad_run[1] / f"{Path(name).name.split('.')[0]}.json").exists() for name in ERRORS
                   if name != DUPLICATE)


def test_a_repeated_id_does_not_overwrite_the_first(bad_run):
    corpus, out = bad_run[0], bad_run[1]
    data = json.loads((out / "good-article.json").read_text(encoding="utf-8"))
    assert data["doc"]["source"] == str(corpus / "good-article.txt")
    assert sorted(p.name for p in out.glob("*.json")) == sorted(f"{doc_id}.json" for doc_id in WRITTEN)


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


def test_encoding_flag_reads_the_file_and_offsets_index_the_decoded_text(nlp, monkeypatch, tmp_path):
    monkeypatch.setattr("pipeline.nlp.build_nlp", lambda model, config=None: nlp)
    text = "Café owners in Zürich met the mayor of Lyon on 3 May 2023.\n"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cafe.txt").write_bytes(text.encode("utf-16"))  # 2 bytes a character, after a BOM
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--encoding", "utf-16", "--quiet"]) == 0
    data = json.loads((out / "cafe.json").read_text(encoding="utf-8"))
    assert data["doc"]["chars"] == len(text) and check_offsets(data, text) == []
    assert ("Lyon", text.index("Lyon")) in {(e["text"], e["start"]) for e in data["entities"]}


def test_unsafe_file_names_are_refused_and_planted_links_not_followed(nlp, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("pipeline.nlp.build_nlp", lambda model, config=None: nlp)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "...txt").write_text("The id of this file would be '..'.\n", encoding="utf-8")
    (corpus / "ok.txt").write_text("The port of Lyon reopened.\n", encoding="utf-8")
    victim = tmp_path / "victim.json"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ok.json").symlink_to(victim)
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"error: {corpus / '...txt'}: ") and "document id must" in line
    assert victim.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in out.iterdir()) == ["_run", "claims.jsonl", "ok.json"]
    assert not (out / "ok.json").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out", "victim.json"]


PAYLOADS = ["{__import__('os').system('touch pwned-format')}", "{0.__class__.__mro__}", "%(title)s and %s",
            "$(touch pwned-shell)", "`touch pwned-backtick`", "${HOME}", "{{7*7}}", "<script>alert(1)</script>",
            "__import__('os').system('touch pwned-eval')", "!!python/object/apply:os.system ['touch pwned-yaml']"]


def test_text_and_metadata_that_look_like_code_are_only_data(tmp_path):
    """Payloads for str.format, %-formatting, shells, eval, templates and YAML come out verbatim, run nowhere."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Lima hosts a summit\n\n" + " ".join(f"The delegate wrote {p} on the board." for p in PAYLOADS) + "\n"
    (corpus / "payload.txt").write_text(text, encoding="utf-8")
    meta = {"title": "{doc.text} %(x)s $(touch pwned-title)", "author": "__import__('os')", "url": "javascript:1"}
    (corpus / "payload.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", "corpus", "--out", "out", "--quiet"],
                          cwd=tmp_path, env=CHILD_ENV, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    data = json.loads((tmp_path / "out" / "payload.json").read_text(encoding="utf-8"))
    assert {key: data["doc"][key] for key in meta} == meta
    assert data["doc"]["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert check_offsets(data, text) == []
    assert not [p for p in tmp_path.rglob("pwned*")]


UNSAFE_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "input"}
UNSAFE_MODULES = {"pickle", "marshal", "shelve", "yaml", "subprocess", "dill", "cloudpickle"}
UNSAFE_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "spawnv")}


def unsafe_uses(source: str) -> list[str]:
    """Calls that can run code or a shell, and imports of deserialisers that can."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in UNSAFE_CALLS:
            found.append(f"{node.func.id}() at line {node.lineno}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (node.value.id, node.attr) in UNSAFE_ATTRIBUTES:
            found.append(f"{node.value.id}.{node.attr} at line {node.lineno}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"import {n} at line {node.lineno}" for n in names if n.split(".")[0] in UNSAFE_MODULES]
    return found


def test_the_scanner_sees_what_it_looks_for():
    assert len(unsafe_uses("import pickle\nimport os\neval(x)\nos.system('ls')\nfrom yaml import load")) == 4


@pytest.mark.parametrize("path", sorted((ROOT / "pipeline").rglob("*.py")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_pipeline_code_can_evaluate_input(path):
    assert unsafe_uses(path.read_text(encoding="utf-8")) == []
