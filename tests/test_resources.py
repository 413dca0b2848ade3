"""Settings files fail at load with the file and the valid keys."""
import json

import pytest

from pipeline.resources import DataFileError, read_settings


def write(tmp_path, data) -> str:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_settings_with_every_key_and_a_comment_load(tmp_path):
    path, data = read_settings(write(tmp_path, {"comment": "mine", "verbs": ["sign"], "nouns": []}), "unused.json",
                               ("verbs", "nouns"))
    assert data["verbs"] == ["sign"] and path.name == "settings.json"


def test_a_misspelt_key_lists_the_valid_ones(tmp_path):
    with pytest.raises(DataFileError, match="unknown setting 'verb'; valid values: verbs, nouns, comment"):
        read_settings(write(tmp_path, {"verb": [], "nouns": []}), "unused.json", ("verbs", "nouns"))


def test_a_forgotten_key_is_named(tmp_path):
    with pytest.raises(DataFileError, match="missing lexicon key 'nouns'"):
        read_settings(write(tmp_path, {"verbs": []}), "unused.json", ("verbs", "nouns"), what="lexicon key")


def test_a_list_is_not_settings(tmp_path):
    with pytest.raises(DataFileError, match="expected an object with settings verbs, nouns"):
        read_settings(write(tmp_path, ["verbs"]), "unused.json", ("verbs", "nouns"))


def test_every_shipped_settings_file_loads():
    from pipeline.components.entities import EntityRules
    from pipeline.components.events import EventLexicon
    from pipeline.components.organisations import OrgCues
    from pipeline.timex import Lexicon

    for loader in (EntityRules.load, EventLexicon.load, OrgCues.load, Lexicon.load):
        assert loader() is not None
