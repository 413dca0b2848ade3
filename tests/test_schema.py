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


SPAN = {"text": "abc", "start": 0, "end": 3}
EVERY_KIND = {  # one item of every kind, with every optional field set, written for the test
    "schema": "claims/1",
    "doc": {"id": "d", "source": "d.txt", "title": "T", "author": None, "published": "2021-02-03",
            "url": "https://example.org/a", "text_sha256": "0" * 64, "chars": 10,
            "boilerplate": [{"start": 0, "end": 1}]},
    "pipeline": {"version": "0.1.0", "model": "m 1", "config_hash": "sha256:" + "a" * 64},
    "entities": [{**SPAN, "label": "ORG"}],
    "timexes": [{**SPAN, "type": "DATE", "value": "2021-W05", "mod": "APPROX"}],
    "events": [{"type": "MEETING", "trigger": SPAN, "date": "2021-03", "agents": ["A"], "object": "B",
                "location": None, "status": "planned", "sentence": {"start": 0, "end": 5}, "cameo": "036"}],
    "organisations": [{"name": "Org", "acronym": "O", "aliases": ["Or"], "founded": "1999", "founders": ["F"],
                       "members": [{"name": "M", "joined": "2001-XX"}], "observers": ["Ob"],
                       "mentions": [{"start": 0, "end": 3}]}],
    "numeric_claims": [{**SPAN, "value": 3, "value_max": 4.5, "unit": "EUR", "comparator": "~", "subject": "S",
                        "time": "FY2020-Q1", "sentence": {"start": 0, "end": 5}}],
    "quantities": [{**SPAN, "value": 1.0, "unit": None, "comparator": "up", "subject": None, "time": None,
                    "sentence": {"start": 0, "end": 5}}],
}
ODD_VALUES = [None, -1, 0, 2.5, 1.0, True, "", "x", "2021-13-01x", [], {}, ["x"], [""], {"start": 0}]


def _mutations(node, path=()):
    """Every object with one value replaced by an odd value, or one key removed."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,), "delete"
            yield from _mutations(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _mutations(value, path + (i,))
    for odd in ODD_VALUES:
        yield path, odd


def _mutated(data, path, change):
    data = json.loads(json.dumps(data))
    if not path:
        return change
    *parents, last = path
    node = data
    for step in parents:
        node = node[step]
    if change == "delete":
        del node[last]
    else:
        node[last] = change
    return data


def test_the_compiled_check_refuses_exactly_what_jsonschema_refuses():
    """The fast path must be as strict as the reference: compared on ~1,000 one-change variants."""
    from pipeline.schema import _compiled, _validator

    assert _validator().is_valid(EVERY_KIND)
    refused = 0
    for path, change in _mutations(EVERY_KIND):
        data = _mutated(EVERY_KIND, path, change)
        try:
            _compiled()(data)
            fast_ok = True
        except Exception:
            fast_ok = False
        assert fast_ok == _validator().is_valid(data), (path, change)
        refused += not fast_ok
    assert refused > 500  # the variants do exercise the checks


@pytest.mark.parametrize("path, change", [(("entities", 0, "label"), "DATE"), (("timexes", 0, "mod"), "ABOUT"),
                                          (("numeric_claims", 0, "value"), "3"), (("doc",), "delete")])
def test_validate_refuses_an_invalid_result_with_the_reference_error(path, change):
    data = _mutated(EVERY_KIND, path, change)
    with pytest.raises(jsonschema.ValidationError) as raised:
        validate(data)
    error = raised.value
    assert (error.validator, list(error.absolute_path)) == (
        ("required", []) if change == "delete" else (error.validator, list(path)))
