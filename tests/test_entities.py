"""Each entity post-processing rule, on sentences written for the test."""
import pytest

from pipeline import extract


def ents(nlp, text):
    return [(e.text, e.label) for e in extract(text, nlp=nlp).entities]


def test_leading_determiner_is_stripped(nlp):
    assert ("United Kingdom", "GPE") in ents(nlp, "Trade with the United Kingdom fell sharply last winter.")


def test_name_with_acronym_is_two_mentions(nlp):
    found = ents(nlp, "Ministers of the Organization of Petroleum Exporting Countries (OPEC) met in Vienna.")
    assert ("OPEC", "ORG") in found
    assert any(label == "ORG" and text.startswith("Organization of Petroleum") for text, label in found)
    assert not any("(" in text for text, _ in found)


def test_only_name_types_are_kept(nlp):
    labels = {label for _, label in ents(nlp, "In 2019 Germany paid 30 billion euros, about 5% of its budget.")}
    assert labels <= {"GPE", "NORP", "ORG", "PERSON"}
    assert "GPE" in labels


def test_country_labelled_otherwise_by_the_model_becomes_gpe(nlp):
    found = ents(nlp, "Kyrgyzstan, Tajikistan and Uzbekistan signed a water-sharing deal.")
    assert {("Kyrgyzstan", "GPE"), ("Tajikistan", "GPE"), ("Uzbekistan", "GPE")} <= set(found)


def test_standing_bodies_are_org(nlp):
    found = ents(nlp, "The proposal was discussed at APEC and later at the G7 and within ASEAN.")
    assert {("APEC", "ORG"), ("G7", "ORG"), ("ASEAN", "ORG")} <= set(found)


def test_named_treaty_is_law(nlp):
    found = ents(nlp, "Both sides cited the Treaty of Lisbon and the Paris Climate Accord.")
    assert ("Treaty of Lisbon", "LAW") in found


def test_named_facility_is_fac(nlp):
    found = ents(nlp, "Engineers restarted the Zaporizhzhia nuclear power plant after the outage.")
    assert ("Zaporizhzhia nuclear power plant", "FAC") in found


def test_hyphenated_compound_of_countries_is_split(nlp):
    found = ents(nlp, "India-Pakistan talks resumed after months of silence.")
    assert ("India", "GPE") in found and ("Pakistan", "GPE") in found


def test_joined_adjective_is_norp(nlp):
    assert ("Indo-Pacific", "NORP") not in ents(nlp, "Sino-Japanese ties improved.")
    assert ("Sino-Japanese", "NORP") in ents(nlp, "Sino-Japanese ties improved.")


def test_generic_mention_is_not_a_name(nlp):
    found = ents(nlp, "The Treaty was signed in Rome. Later the Treaty was amended.")
    assert not any(text == "Treaty" for text, _ in found)


def test_disease_name_is_not_an_entity(nlp):
    assert not any("COVID" in text for text, _ in ents(nlp, "The COVID-19 pandemic hit Italy hard."))


@pytest.mark.parametrize("text", ["Home / NEWS / World / Europe\n\nBerlin hosts a summit.",
                                  "Share on Facebook\n\nBerlin hosts a summit."])
def test_nothing_is_extracted_from_boilerplate(nlp, text):
    result = extract(text, nlp=nlp)
    first_line_end = text.index("\n")
    assert all(e.start > first_line_end for e in result.entities)
