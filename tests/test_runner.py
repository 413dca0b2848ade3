"""The corpus runner: failures isolated per document, safe output paths, gold protection, resume.

Most tests use a blank English pipeline with our boilerplate component and a
component that fails on purpose: they exercise the runner, not the model.
"""
import json
import os

import pytest
import spacy
from spacy.language import Language

from pipeline.engines import local_outcomes
from pipeline.export import JSONL_NAME, result_paths
from pipeline.readers import Document, DocumentError
from pipeline.result import pipeline_info
from pipeline.runner import OutputFolderError, output_path, run, summary_path
from pipeline.schema import CharSpan, Entity, NumericClaim

BOOM = "SELF-DESTRUCT"


@Language.component("test_fails_on_marker")
def fails_on_marker(doc):
    """Raises inside the pipeline for any text containing the marker, like a component with a bug."""
    if BOOM in doc.text:
        raise RuntimeError("deliberate failure for the test")
    return doc


INVALID, ENDLESS = "Zanzibar", "endless"


@Language.component("test_writes_invalid_items")
def writes_invalid_items(doc):
    """Like a component with a bug: for one marker word an entity label claims/1 does not allow, for
    another a figure that is not a finite number (JSON has no Infinity)."""
    if INVALID in doc.text:
        doc._.entities = [Entity(INVALID, "COLOUR", doc.text.index(INVALID), doc.text.index(INVALID) + 8)]
    if ENDLESS in doc.text:
        start = doc.text.index(ENDLESS)
        doc._.numeric_claims = [NumericClaim(ENDLESS, start, start + 7, float("inf"), None, "=", None, None,
                                             CharSpan(0, len(doc.text)))]
    return doc


@pytest.fixture(scope="module")
def small_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("claims_boilerplate")
    nlp.add_pipe("test_fails_on_marker")
    return nlp


def write_corpus(folder, texts):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


TEXTS = {
    "apples": "Orchards in Kent picked 12 tonnes of apples in 2020.",
    "bad": f"The committee met in Lisbon. {BOOM} Then it adjourned.",
    "ferries": "The ferry service to the islands resumed on Monday.",
    "glaciers": "Alpine glaciers lost a tenth of their volume over two summers.",
    "zoning": "The council approved the new zoning plan after a long debate.",
}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_component_costs_only_its_document(small_nlp, tmp_path, workers):
    corpus = write_corpus(tmp_path / "corpus", TEXTS)
    messages = []
    summary = run(small_nlp, [corpus], tmp_path / "out", n_process=workers, batch_size=2, report=messages.append)
    assert summary.written == 4
    assert [f.source for f in summary.failures] == [str(corpus / "bad.txt")]
    assert "test_fails_on_marker" in summary.failures[0].reason
    assert "deliberate failure" in summary.failures[0].reason
    assert any("bad.txt" in m and "deliberate failure" in m for m in messages)
    assert [p.stem for p in result_paths(tmp_path / "out")] == ["apples", "ferries", "glaciers", "zoning"]


def test_outcomes_are_in_input_order_around_failures(small_nlp):
    docs = [Document(f"d{i}", BOOM if i % 3 == 0 else f"Sentence number {i}.") for i in range(8)]
    outcomes = list(local_outcomes(small_nlp, docs, batch_size=3))
    assert [o.id for o in outcomes] == [d.id for d in docs]
    assert [o.error is not None for o in outcomes] == [i % 3 == 0 for i in range(8)]


def test_an_exception_that_escapes_the_pipeline_is_one_documents_failure(small_nlp):
    small_nlp.max_length = 100
    try:
        docs = [Document("short", "Fine."), Document("long", "word " * 40), Document("after", "Also fine.")]
        outcomes = list(local_outcomes(small_nlp, docs, batch_size=2))
    finally:
        small_nlp.max_length = 1_000_000
    assert [(o.id, o.error is None) for o in outcomes] == [("short", True), ("long", False), ("after", True)]
    assert "E088" in outcomes[1].error  # spaCy's max_length message, with the limit


def test_a_result_that_is_not_valid_claims_json_is_refused_not_written(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("test_writes_invalid_items")
    corpus = write_corpus(tmp_path / "corpus", {"ferries": TEXTS["ferries"], "isle": f"Ferries to {INVALID} resumed.",
                                                "wait": f"An {ENDLESS} wait."})
    summary = run(nlp, [corpus], tmp_path / "out", report=lambda m: None)
    assert [f.source for f in summary.failures] == [str(corpus / "isle.txt"), str(corpus / "wait.txt")]
    label, infinity = (f.reason for f in summary.failures)
    assert "ValidationError" in label and "'COLOUR'" in label and "entities/0/label" in label
    assert "ValueError" in infinity and "not JSON compliant" in infinity
    assert [p.stem for p in result_paths(tmp_path / "out")] == ["ferries"]


def test_a_text_over_max_length_is_refused_before_spacy_with_the_limit(small_nlp, tmp_path, monkeypatch):
    monkeypatch.setattr(small_nlp, "max_length", 60)
    corpus = write_corpus(tmp_path / "corpus", {"ferries": TEXTS["ferries"], "long": "word " * 13})
    messages = []
    summary = run(small_nlp, [corpus], tmp_path / "out", report=messages.append)
    assert messages == [f"error: {corpus / 'long.txt'}: text is 65 characters, over the model's limit of 60 "
                        "(nlp.max_length); split it into smaller files or raise nlp.max_length if you have the "
                        "memory (about 1 GB per 100,000 characters)"]
    assert [f.source for f in summary.failures] == [str(corpus / "long.txt")] and summary.written == 1
    assert summary.words == len(TEXTS["ferries"].split()) + 1  # the long text never reached the pipeline


def test_the_pipeline_block_is_computed_once_and_follows_a_change_of_pipes():
    nlp = spacy.blank("en")
    first = pipeline_info(nlp)
    assert pipeline_info(nlp) == first and pipeline_info(nlp) is not first  # a copy each time
    nlp.add_pipe("claims_boilerplate")
    assert pipeline_info(nlp).config_hash != first.config_hash


@pytest.mark.parametrize("doc_id", ["../escape", "/etc/passwd", "a/b", "a\\b", "..", ".", "", "x" * 300, "a\n", "-rf",
                                    "trailing.", "trailing ", "tab\there"])
def test_ids_that_could_leave_the_output_folder_are_refused(tmp_path, doc_id):
    with pytest.raises(DocumentError):
        output_path(tmp_path, doc_id)


@pytest.mark.parametrize("doc_id", ["Op-ed (2)", "a & b, 2020", "Mayor's budget", "café-2021", "x" * 200])
def test_scraped_file_names_are_ids(tmp_path, doc_id):
    assert output_path(tmp_path, doc_id) == tmp_path / f"{doc_id}.json"


def test_a_planted_symlink_is_replaced_not_followed(small_nlp, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"ferries": TEXTS["ferries"]})
    victim = tmp_path / "victim.json"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ferries.json").symlink_to(victim)
    (out / "planted.json").symlink_to(victim)
    run(small_nlp, [corpus], out, report=lambda m: None)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (out / "ferries.json").is_symlink()
    assert json.loads((out / "ferries.json").read_text(encoding="utf-8"))["doc"]["id"] == "ferries"
    assert "precious" not in (out / JSONL_NAME).read_text(encoding="utf-8")


def test_a_symlinked_run_folder_is_refused(small_nlp, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "_run").symlink_to(tmp_path)
    with pytest.raises(OutputFolderError, match="_run"):
        run(small_nlp, [], out)


def test_same_id_in_two_folders_is_an_error_and_nothing_is_overwritten(small_nlp, tmp_path):
    first = write_corpus(tmp_path / "a", {"ferries": TEXTS["ferries"]})
    second = write_corpus(tmp_path / "b", {"ferries": TEXTS["glaciers"]})
    summary = run(small_nlp, [first, second], tmp_path / "out", report=lambda m: None)
    assert summary.written == 1
    [failure] = summary.failures
    assert failure.source == str(second / "ferries.txt")
    assert "already used by" in failure.reason and str(first / "ferries.txt") in failure.reason
    data = json.loads((tmp_path / "out" / "ferries.json").read_text(encoding="utf-8"))
    assert data["doc"]["source"] == str(first / "ferries.txt")


def test_a_folder_holding_gold_is_refused_and_untouched(small_nlp, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    gold_file = gold / "ferries.json"
    gold_file.write_text(json.dumps({"schema": "claims/1", "pipeline": {"version": "gold", "model": None}}))
    before = gold_file.read_bytes()
    corpus = write_corpus(tmp_path / "corpus", {"ferries": TEXTS["ferries"]})
    with pytest.raises(OutputFolderError, match="gold"):
        run(small_nlp, [corpus], gold)
    assert gold_file.read_bytes() == before
    assert sorted(p.name for p in gold.iterdir()) == ["ferries.json"]


def test_summary_is_beside_the_results_and_not_one_of_them(small_nlp, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", TEXTS)
    out = tmp_path / "out"
    run(small_nlp, [corpus], out, report=lambda m: None)
    summary = json.loads(summary_path(out).read_text(encoding="utf-8"))
    assert (summary["documents"], summary["written"], summary["skipped"]) == (5, 4, 0)
    assert summary["failures"][0]["source"].endswith("bad.txt") and summary["words_per_second"] > 0
    assert summary_path(out) not in result_paths(out)
    assert len((out / JSONL_NAME).read_text(encoding="utf-8").splitlines()) == 4


def test_resume_skips_only_up_to_date_outputs(small_nlp, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {k: v for k, v in TEXTS.items() if k != "bad"})
    out = tmp_path / "out"
    run(small_nlp, [corpus], out)
    (corpus / "zoning.txt").write_text("The council rejected the zoning plan.", encoding="utf-8")
    summary = run(small_nlp, [corpus], out, resume=True)
    assert (summary.skipped, summary.written) == (3, 1)
    new_text = (corpus / "zoning.txt").read_text(encoding="utf-8")
    assert json.loads((out / "zoning.json").read_text(encoding="utf-8"))["doc"]["chars"] == len(new_text)
    summary = run(small_nlp, [corpus], out, resume=True, overrides={"published": "2024-02-01"})
    assert (summary.skipped, summary.written) == (0, 4)  # other metadata → other results


def test_resume_redoes_outputs_of_another_configuration(small_nlp, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"ferries": TEXTS["ferries"]})
    out = tmp_path / "out"
    run(small_nlp, [corpus], out)
    other = spacy.blank("en")
    other.add_pipe("claims_boilerplate", config={"patterns": str(write_patterns(tmp_path))})
    assert run(other, [corpus], out, resume=True).written == 1


def write_patterns(tmp_path):
    path = tmp_path / "lines.jsonl"
    path.write_text('{"label": "widget", "pattern": "^Subscribe now$"}\n', encoding="utf-8")
    return path


def test_an_interrupted_run_leaves_complete_files_and_a_summary(small_nlp, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {k: v for k, v in TEXTS.items() if k != "bad"})
    out = tmp_path / "out"

    def interrupted_engine(documents):
        for i, outcome in enumerate(local_outcomes(small_nlp, documents)):
            if i == 2:
                raise KeyboardInterrupt
            yield outcome

    with pytest.raises(KeyboardInterrupt):
        run(small_nlp, [corpus], out, engine=interrupted_engine)
    assert [p.stem for p in result_paths(out)] == ["apples", "ferries"]
    assert not [p for p in os.listdir(out) if p.startswith(".")]  # no temporary file left
    assert not (out / JSONL_NAME).exists()
    assert json.loads(summary_path(out).read_text(encoding="utf-8"))["interrupted"] is True
