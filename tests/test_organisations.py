"""Organisation profiles, one field per test, on sentences written for the test."""
from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.components.organisations import OrgCues, abbreviates, official_first, short_for_company
from pipeline.resources import DataFileError
from pipeline.schema import Organisation


def orgs(nlp, text: str) -> dict[str, Organisation]:
    return {o.name: o for o in extract(text, nlp=nlp).organisations}


def members(org: Organisation) -> set[tuple[str, str | None]]:
    return {(m.name, m.joined) for m in org.members}


# --- name, acronym, aliases, mentions -------------------------------------------------------------

def test_acronym_in_parentheses_and_later_bare_acronym_merge(nlp):
    text = "The World Health Organization (WHO) warned about the virus. Later the WHO said that cases were falling."
    found = orgs(nlp, text)
    assert list(found) == ["World Health Organization"]
    who = found["World Health Organization"]
    assert who.acronym == "WHO" and who.aliases == [] and len(who.mentions) == 3
    assert [text[m.start:m.end] for m in who.mentions] == ["World Health Organization", "WHO", "WHO"]


def test_acronym_with_digits(nlp):
    found = orgs(nlp, "The International Energy Agency (IEA) expects demand to rise. The IEA was created in 1974.")
    assert found["International Energy Agency"].acronym == "IEA"


def test_alias_in_parentheses_keeps_the_organisation_word_as_name(nlp):
    found = orgs(nlp, "Exports to the European Economic Community (Common Market) rose.")
    assert found["European Economic Community"].aliases == ["Common Market"]
    assert found["European Economic Community"].acronym is None


def test_bare_acronym_written_later_is_the_acronym(nlp):
    text = "The WTO ruled against the tariffs. The World Trade Organization said on Monday that talks would resume."
    wto = orgs(nlp, text)["World Trade Organization"]
    assert wto.acronym == "WTO" and len(wto.mentions) == 2


def test_acronym_of_a_name_owned_by_another_body(nlp):
    text = "The U.N.'s International Atomic Energy Agency sent inspectors. The IAEA will report in June."
    assert orgs(nlp, text)["International Atomic Energy Agency"].acronym == "IAEA"


@pytest.mark.parametrize("text, name, short", [
    ("Ministers praised the African Continental Free Trade Area (AfCFTA). Ghana hosts the AfCFTA secretariat.",
     "African Continental Free Trade Area", "AfCFTA"),
    ("Utilities lobbied the Department of Energy (DoE) on Monday. The DoE rejected the grid plan.",
     "Department of Energy", "DoE"),
])
def test_mixed_case_acronym_in_parentheses(nlp, text, name, short):
    org = orgs(nlp, text)[name]
    assert (org.acronym, org.aliases) == (short, []) and len(org.mentions) == 3


@pytest.mark.parametrize("short, name, expected", [
    ("AfCFTA", "African Continental Free Trade Area", True),
    ("FinCEN", "Financial Crimes Enforcement Network", True),
    ("GreenGrid", "Renewable Energy Alliance", False),   # capitals are not the initials
    ("Climate Pact", "Coalition for Peace", False),      # two words: an alias, not an acronym
    ("Opec", "Organization of Petroleum Exporting Countries", False),  # one capital only
])
def test_which_mixed_case_words_abbreviate_a_name(short, name, expected):
    assert abbreviates(short, name) is expected


@pytest.mark.parametrize("text, name", [
    ("Whole Foods Market Inc. cut prices. Whole Foods said trade tariffs hurt.", "Whole Foods Market Inc."),
    ("Amazon.com Inc. beat forecasts. Amazon said cloud revenue rose.", "Amazon.com Inc."),
])
def test_short_name_of_a_company_joins_its_legal_name(nlp, text, name):
    found = orgs(nlp, text)
    assert list(found) == [name] and len(found[name].mentions) == 2


@pytest.mark.parametrize("short, name, expected", [
    ("Shell", "Shell plc", True),
    ("Ford", "Ford Foundation", False),              # no legal form: not known to be a company
    ("Green Party", "Green Energy Corp.", False),    # shares a first word only
    ("Acme Corp.", "Acme Holdings Ltd", False),      # two legal names: two companies
])
def test_which_short_names_stand_for_a_company(short, name, expected):
    assert short_for_company(short, name, OrgCues.load().company_suffixes) is expected


@pytest.mark.parametrize("text, name", [
    ("Trade within ASEAN (Indonesia, Thailand, Vietnam and the Philippines) grew by a tenth.", "ASEAN"),  # a list
    ("The Green Climate Fund (2010) financed solar parks in Chad.", "Green Climate Fund"),             # a year
    ("Exports to the European Union rose while the IMF cut its forecast.", "European Union"),          # unrelated
])
def test_no_acronym_or_alias(nlp, text, name):
    org = orgs(nlp, text)[name]
    assert (org.acronym, org.aliases) == (None, [])


@pytest.mark.parametrize("outer, inner, expected", [
    ("New Trade Road", "Digital Trade Initiative", ("Digital Trade Initiative", "New Trade Road")),
    ("European Economic Community", "Common Market", ("European Economic Community", "Common Market")),
    ("Quad", "Quadrilateral Security Dialogue", ("Quad", "Quadrilateral Security Dialogue")),
])
def test_which_of_two_names_is_official(outer, inner, expected):
    assert official_first(outer, inner, OrgCues.load().name_heads) == expected


def test_organisation_named_once_without_facts_has_empty_fields(nlp):
    nato = orgs(nlp, "Pressure from NATO grew during the election campaign.")["NATO"]
    assert (nato.acronym, nato.founded, nato.founders, nato.members, nato.observers) == (None, None, [], [], [])


# --- founded, founders ----------------------------------------------------------------------------

def test_founded_and_founders_from_a_reduced_relative(nlp):
    bank = orgs(nlp, "The Eurasian Development Bank, founded in 2006 by Russia and Kazakhstan, funds power lines.")
    bank = bank["Eurasian Development Bank"]
    assert bank.founded == "2006" and bank.founders == ["Russia", "Kazakhstan"]


def test_founded_from_a_passive_clause(nlp):
    union = orgs(nlp, "The African Union was established on 9 July 2002. Morocco joined the African Union in 2017.")
    assert union["African Union"].founded == "2002-07-09"


def test_founders_listed_in_a_passive_by_phrase(nlp):
    text = "The Gulf Cooperation Council was founded in 1981 by Saudi Arabia, Kuwait, Qatar, Bahrain and Oman."
    gcc = orgs(nlp, text)["Gulf Cooperation Council"]
    assert gcc.founded == "1981" and gcc.founders == ["Saudi Arabia", "Kuwait", "Qatar", "Bahrain", "Oman"]


@pytest.mark.parametrize("text", [
    "Chile and Peru did not found the Pacific Energy Council.",                      # negated
    "Chile and Peru may create the Pacific Energy Council in 2030.",                 # modal
    "Chile and Peru plan to found the Pacific Energy Council.",                      # planned
])
def test_no_founding_facts(nlp, text):
    council = orgs(nlp, text)["Pacific Energy Council"]
    assert (council.founded, council.founders) == (None, [])


def test_founders_of_a_company(nlp):
    google = orgs(nlp, "Larry Page and Sergey Brin founded Google in 1998.")["Google"]
    assert google.founders == ["Larry Page", "Sergey Brin"] and google.founded == "1998"


def test_hypothetical_founding_gives_no_founders(nlp):
    text = "If Chile and Peru founded the Pacific Energy Council, prices would fall."
    assert all(o.founders == [] and o.founded is None for o in orgs(nlp, text).values())


# --- members --------------------------------------------------------------------------------------

def test_member_with_join_date_from_a_membership_event(nlp):
    union = orgs(nlp, "The African Union was established on 9 July 2002. Morocco joined the African Union in 2017.")
    assert members(union["African Union"]) == {("Morocco", "2017")}


def test_members_listed_with_including(nlp):
    opec = orgs(nlp, "Several OPEC members, including Nigeria and Angola, cut their output.")["OPEC"]
    assert members(opec) == {("Nigeria", None), ("Angola", None)}


def test_members_stated_with_a_copula(nlp):
    efta = orgs(nlp, "Norway and Iceland are members of the European Free Trade Association.")
    assert members(efta["European Free Trade Association"]) == {("Norway", None), ("Iceland", None)}


def test_members_listed_in_parentheses(nlp):
    text = "Trade within ASEAN (Indonesia, Thailand, Vietnam and the Philippines) grew by a tenth."
    assert members(orgs(nlp, text)["ASEAN"]) == {("Indonesia", None), ("Thailand", None), ("Vietnam", None),
                                                  ("Philippines", None)}


def test_founders_are_not_repeated_as_members(nlp):
    text = ("The Eurasian Development Bank, founded in 2006 by Russia and Kazakhstan, "
            "later expanded to include Kazakhstan, Armenia and Tajikistan in 2009.")
    bank = orgs(nlp, text)["Eurasian Development Bank"]
    assert members(bank) == {("Armenia", "2009"), ("Tajikistan", "2009")}


def test_members_of_an_organisation_including(nlp):
    text = "Several members of the Commonwealth, including Rwanda and Gabon, backed the climate fund."
    assert members(orgs(nlp, text)["Commonwealth"]) == {("Rwanda", None), ("Gabon", None)}


@pytest.mark.parametrize("text", [
    "Fears of new members joining the alliance grew in NATO.",      # a description, no member named
    "China and India coordinate closely within the G20.",          # presupposed, not stated
    "Ukraine plans to join the European Union.",                   # planned, not a member yet
    "If Norway joined the European Union, fishing rules would change.",
])
def test_no_members(nlp, text):
    assert all(o.members == [] for o in orgs(nlp, text).values())


# --- observers ------------------------------------------------------------------------------------

def test_observers_with_as(nlp):
    council = orgs(nlp, "The Arctic Council was founded in 1996, with China and India as observers.")["Arctic Council"]
    assert council.observers == ["China", "India"] and council.members == []


def test_single_observer_with_as(nlp):
    esa = orgs(nlp, "The European Space Agency, with Canada as an observer, launched the climate probe.")
    assert esa["European Space Agency"].observers == ["Canada"]


def test_observers_stated_with_a_copula(nlp):
    text = "Mexico and Chile are observers in the Andean Community."
    assert orgs(nlp, text)["Andean Community"].observers == ["Mexico", "Chile"]


def test_single_observer_stated_with_a_copula(nlp):
    assert orgs(nlp, "Greece is an observer in the Arab League.")["Arab League"].observers == ["Greece"]


def test_with_a_list_not_of_observers(nlp):
    text = "The Arctic Council met in Norway, with China and India as guests."
    assert orgs(nlp, text)["Arctic Council"].observers == []
    assert orgs(nlp, "Mexico and Chile sent observers to the Mercosur summit.")["Mercosur"].observers == []


def test_unknown_cue_key_is_reported(tmp_path):
    path = tmp_path / "cues.json"
    path.write_text('{"list_cue": []}', encoding="utf-8")
    with pytest.raises(DataFileError, match="valid values"):
        OrgCues.load(path)
