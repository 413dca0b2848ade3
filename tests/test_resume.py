"""No lost work: the same input gives the same bytes, and an interrupted run resumes to them."""
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.export import JSONL_NAME, result_paths
from pipeline.runner import run, summary_path

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "The regional council in {place} approved a budget of {n} million euros on {day} March {year}.",
    "Farmers near {place} said the harvest fell by {n}% compared with {year}.",
    "A delegation from {place} met trade ministers in Geneva to discuss tariffs.",
    "The new rail link will carry {n} thousand passengers a day when it opens in {year}.",
    "Critics argue that the plan ignores the {n} families displaced by the dam.",
    "The mayor of {place} announced that the bridge would close for repairs.",
    "Imports of steel rose to {n} tonnes in the first quarter of {year}.",
]
PLACES = ["Porto", "Gdansk", "Mombasa", "Valparaiso", "Tromso", "Cebu", "Tartu", "Rosario"]


def article(i: int) -> str:
    lines = []
    for k in range(18):
        template = SENTENCES[(i + k) % len(SENTENCES)]
        lines.append(template.format(place=PLACES[(i * 3 + k) % len(PLACES)], n=10 + (i * 7 + k) % 90,
                                     day=1 + (i + k) % 27, year=2000 + (i + k) % 24))
    return f"Opinion piece number {i}\n\n" + " ".join(lines) + "\n"


def make_corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"piece-{i:02d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    files = [*result_paths(folder), folder / JSONL_NAME]
    return {p.name: p.read_bytes() for p in files}


def claims(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", *args, "--quiet"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_same_input_and_configuration_give_identical_bytes(nlp, tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 3)
    run(nlp, [corpus], tmp_path / "first")
    run(nlp, [corpus], tmp_path / "second", batch_size=1)
    first, second = outputs(tmp_path / "first"), outputs(tmp_path / "second")
    assert len(first) == 4 and first == second


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """A corpus of 40 short pieces and the outputs of a run that was never interrupted."""
    folder = tmp_path_factory.mktemp("sigint")
    corpus = make_corpus(folder / "corpus", 40)
    reference = claims(str(corpus), "--out", str(folder / "whole"))
    assert reference.wait(timeout=300) == 0
    return corpus, outputs(folder / "whole")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigint_then_resume_gives_the_bytes_of_an_uninterrupted_run(uninterrupted, tmp_path, workers):
    corpus, whole = uninterrupted
    broken = tmp_path / "broken"
    interrupted = claims(str(corpus), "--out", str(broken), "--batch-size", "1", "--workers", workers)
    deadline = time.monotonic() + 120
    while len(list(broken.glob("piece-*.json"))) < 3 and interrupted.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    interrupted.send_signal(signal.SIGINT)
    _, err = interrupted.communicate(timeout=60)  # with workers, spaCy alone would hang here
    assert interrupted.returncode == 130, err
    assert "--resume" in err and "Traceback" not in err
    done = len(result_paths(broken))
    assert 3 <= done < 40
    assert not [p for p in broken.iterdir() if p.name.startswith(".")]  # nothing half-written
    assert json.loads(summary_path(broken).read_text(encoding="utf-8"))["interrupted"] is True

    resumed = claims(str(corpus), "--out", str(broken), "--resume", "--workers", workers)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert json.loads(summary_path(broken).read_text(encoding="utf-8"))["skipped"] == done
    assert outputs(broken) == whole
    assert len(whole) == 41
