"""Alias resolution of names within one document (SCHEMA.md)."""
from __future__ import annotations

import pytest

from pipeline.names import NameResolver, acronym, load_demonyms, normalise, paren_aliases


@pytest.mark.parametrize("a, b", [
    ("Putin", "Vladimir Putin"), ("Merkel", "Angela Merkel"),
    ("SCO", "Shanghai Cooperation Organization"), ("APEC", "Asia-Pacific Economic Cooperation"),
    ("the European Union", "European Union"), ("Brazil's", "Brazil"), ("IMF", "International Monetary Fund"),
    ("the People's Republic of China", "China"), ("Russian Federation", "Russia"),
])
def test_same_names(a, b):
    resolver = NameResolver()
    assert resolver.same(a, b) and resolver.same(b, a)


@pytest.mark.parametrize("a, b", [
    ("Putin", "Xi Jinping"), ("China", "Russia"), ("Fund", "International Monetary Fund of"),
    ("EU", "African Union"), ("", "China"),
])
def test_different_names(a, b):
    assert not NameResolver().same(a, b)


def test_aliases_declared_or_written_in_the_text():
    text = "The Belt and Road Initiative (New Silk Road) and the Eurasian Economic Union (EAEU) met."
    pairs = paren_aliases(text)
    assert ("Belt and Road Initiative", "New Silk Road") in pairs
    resolver = NameResolver(pairs=pairs)
    assert resolver.same("New Silk Road", "the Belt and Road Initiative")
    assert resolver.same("EAEU", "Eurasian Economic Union")


def test_canonical_prefers_the_most_complete_form():
    resolver = NameResolver(["Putin", "Vladimir Putin", "SCO", "Shanghai Cooperation Organization"])
    assert resolver.canonical("Putin") == "Vladimir Putin"
    assert resolver.canonical("SCO") == "Shanghai Cooperation Organization"
    assert resolver.group(["SCO", "Putin", "Shanghai Cooperation Organization"]) == [
        "Shanghai Cooperation Organization", "Vladimir Putin"]


def test_normalise_and_acronym():
    assert normalise("  The  Kremlin’s ") == "kremlin"
    assert acronym("North Atlantic Treaty Organization") == "NATO"


@pytest.mark.parametrize("name, initials", [
    ("U.N.’s International Atomic Energy Agency", "IAEA"),   # an acronym owner is not part of the name
    ("EU's Foreign Affairs Council", "FAC"),
    ("People's Republic of China", "PRC"),                    # a possessive inside the name stays
    ("Asia-Pacific Economic Cooperation", "APEC"),
])
def test_acronym_of_names(name, initials):
    assert acronym(name) == initials


def test_demonyms_name_their_country():
    demonyms = load_demonyms()
    assert demonyms["chinese"] == "China" and demonyms["north korean"] == "North Korea"
    assert "western" not in demonyms
