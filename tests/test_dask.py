"""The Dask engine gives the bytes of a local run (a LocalCluster of two worker processes)."""
from pipeline.engines import DaskEngine, NlpSpec
from pipeline.export import JSONL_NAME, result_paths
from pipeline.runner import run

TEXTS = [
    "Dockworkers in Rotterdam ended a 9-day strike on 4 June 2021 after the port raised wages by 5%.",
    "The Kenyan parliament passed the water bill, which its sponsors said would reach 2 million homes.",
    "Ministers from Chile and Peru met in Lima to sign a fisheries agreement.",
    "Construction of the tunnel began in 2016 and cost 1.2 billion dollars.",
    "The mayor said on Tuesday that bus fares would rise next year.",
    "Exports of coffee from Colombia fell to 11 million bags in 2020.",
    "",
]


def test_dask_engine_matches_a_local_run_byte_for_byte(nlp, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"note-{i}.txt").write_text(f"Letter {i}\n\n{text}\n", encoding="utf-8")
    local = run(nlp, [corpus], tmp_path / "local", batch_size=2)
    engine = DaskEngine(NlpSpec(), workers=2, batch_size=2)
    distributed = run(nlp, [corpus], tmp_path / "dask", engine=engine)
    assert distributed.written == local.written >= len(TEXTS) - 1
    assert [(f.source, f.reason) for f in distributed.failures] == [(f.source, f.reason) for f in local.failures]
    files = [p.name for p in result_paths(tmp_path / "local")] + [JSONL_NAME]
    for name in files:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
