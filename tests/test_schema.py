import json

import jsonschema
import pytest

from pipeline.schema import LAYERS, ClaimsResult, check_offsets, validate


def test_seed_result_validates_and_offsets_hold(seed_result, seed_text):
    data = seed_result.to_dict()
    validate(data)
    assert check_offsets(data, seed_text) == []
    assert all(layer in data for layer in LAYERS)


def test_round_trip_is_lossless(seed_result):
    data = seed_result.to_dict()
    assert ClaimsResult.from_dict(json.loads(json.dumps(data))).to_dict() == data


def test_invalid_label_is_rejected(seed_result):
    data = seed_result.to_dict()
    data["entities"] = [{"text": "x", "label": "DATE", "start": 0, "end": 1}]
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_from_dict_refuses_other_formats():
    with pytest.raises(ValueError, match="claims/1"):
        ClaimsResult.from_dict({"schema": "claims/0"})


def test_check_offsets_reports_a_wrong_span(seed_result, seed_text):
    data = seed_result.to_dict()
    data["entities"] = [{"text": "Moscow", "label": "GPE", "start": 0, "end": 6}]
    assert check_offsets(data, seed_text) == ["entities[0]: 'Moscow' != text[0:6] = 'Home /'"]


@pytest.mark.parametrize("change", [
    lambda d: d.pop("timexes"),
    lambda d: d["doc"].pop("text_sha256"),
    lambda d: d.update(entities=[{"text": "x", "label": "GPE", "start": -1, "end": 1}]),
    lambda d: d.update(events=[{**d["events"][0], "type": "PARTY"}]),
])
def test_schema_rejects_broken_objects(seed_result, change):
    data = seed_result.to_dict()
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_check_offsets_reports_spans_out_of_range(seed_result, seed_text):
    data = seed_result.to_dict()
    data["events"][0]["sentence"] = {"start": 10, "end": len(seed_text) + 5}
    assert check_offsets(data, seed_text) == [f"events[0]: span 10-{len(seed_text) + 5} out of range"]
