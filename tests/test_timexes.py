"""The timexes layer: one test per phenomenon, sentences written for the test; the seed against gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.resources import DataFileError
from pipeline.schema import Timex, from_dict
from pipeline.scoring.layers import score_timexes
from pipeline.timex import (
    Lexicon,
    duration_value,
    find_timexes,
    format_value,
    load_lexicon,
    parse_fallback,
    parse_value,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "china-russia-relations.txt"
GOLD = ROOT / "gold" / "china-russia-relations.json"
PUBLISHED = "2023-03-15"  # a Wednesday


@pytest.fixture(scope="module")
def small_nlp():
    """Only what the layer needs (the model, boilerplate, entities, timexes), built once for the module."""
    from pipeline.nlp import build_nlp

    return build_nlp(components=["claims_boilerplate", "claims_entities", "claims_timexes"])


def tag(nlp, text: str, published: str | None = None) -> list[tuple[str, str, str | None, str | None]]:
    result = extract(text, nlp=nlp, published=published)
    for t in result.timexes:
        assert text[t.start:t.end] == t.text
    return [(t.text, t.type, t.value, t.mod) for t in result.timexes]


def plain(text: str, published: str | None = None) -> list[tuple[str, str, str | None, str | None]]:
    """The grammar alone, without spaCy: fast checks of normalisation."""
    found = find_timexes(text, load_lexicon(), published)
    return [(text[f.start:f.end], f.type, f.value, f.mod) for f in found]


# --- absolute dates at their granularity -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The mine opened in 1994.", ("1994", "DATE", "1994", None)),
    ("The strike began on 3 March 2009.", ("3 March 2009", "DATE", "2009-03-03", None)),
    ("The bridge was finished on July 4, 1976, after delays.", ("July 4, 1976", "DATE", "1976-07-04", None)),
    ("The law changed in June 2015.", ("June 2015", "DATE", "2015-06", None)),
    ("Output fell in the third quarter of 2019.", ("the third quarter of 2019", "DATE", "2019-Q3", None)),
    ("Prices peaked in the 1990s.", ("the 1990s", "DATE", "199", None)),
    ("Steam ruled the 19th century.", ("the 19th century", "DATE", "18", None)),
    ("Monks copied books in the second millennium.", ("the second millennium", "DATE", "1", None)),
    ("The festival returns in summer 2021.", ("summer 2021", "DATE", "2021-SU", None)),
    ("Results for fiscal 2019 were weak.", ("fiscal 2019", "DATE", "FY2019", None)),
    ("The year 1848 shook Europe.", ("The year 1848", "DATE", "1848", None)),
    ("The band formed in nineteen ninety-six.", ("nineteen ninety-six", "DATE", "1996", None)),
])
def test_absolute_dates_keep_the_stated_granularity(text, expected):
    assert plain(text, PUBLISHED) == [expected]


def test_publication_date_never_fills_unstated_fields(small_nlp):
    assert tag(small_nlp, "The treaty dates from 1994.", published=PUBLISHED) == [("1994", "DATE", "1994", None)]


# --- relative and anaphoric expressions -----------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("Exports doubled last year.", "2022"),
    ("The port reopens next month.", "2023-04"),
    ("The court ruled this week.", "2023-W11"),
    ("The ferry sank yesterday.", "2023-03-14"),
    ("The dam burst two years ago.", "2021"),
    ("The river flooded three days ago.", "2023-03-12"),
    ("Fans rioted over the weekend.", "2023-W10-WE"),
])
def test_relative_expressions_resolve_against_the_publication_date(small_nlp, text, value):
    [(_, kind, got, _)] = tag(small_nlp, text, published=PUBLISHED)
    assert (kind, got) == ("DATE", value)


@pytest.mark.parametrize("text, value", [
    ("Exports doubled last year.", "PAST_REF"),
    ("The port reopens next month.", "FUTURE_REF"),
    ("The ferry sank yesterday.", "PAST_REF"),
    ("The dam burst two years ago.", "PAST_REF"),
    ("The harvest starts in May.", "XXXX-05"),
    ("Snow closed the pass in the winter.", "XXXX-WI"),
    ("The minister resigned on Friday.", "XXXX-WXX-5"),
])
def test_without_a_publication_date_relative_expressions_stay_vague(small_nlp, text, value):
    [(_, _, got, _)] = tag(small_nlp, text)
    assert got == value


def test_weekdays_follow_the_tense(small_nlp):
    found = tag(small_nlp, "The envoy arrived on Monday. She will leave on Friday.", published=PUBLISHED)
    assert [v for _, _, v, _ in found] == ["2023-03-13", "2023-03-17"]


def test_anaphoric_expressions_use_the_last_date_mentioned(small_nlp):
    found = tag(small_nlp, "The canal was dug in 1869. The following year, trade boomed. "
                           "The same year, a storm hit.", published=PUBLISHED)
    assert [v for _, _, v, _ in found] == ["1869", "1870", "1869"]


def test_a_month_with_a_relative_year_is_one_timex():
    assert plain("Talks stalled in July last year.", PUBLISHED) == [("July last year", "DATE", "2022-07", None)]


def test_reporting_periods_compare_quarter_with_quarter(small_nlp):
    text = "Net income rose in the third quarter. A year earlier it fell; the year-ago period was weak."
    assert [v for _, _, v, _ in tag(small_nlp, text, PUBLISHED)] == ["2022-Q3", "2021-Q3", "2021-Q3"]


def test_vague_references():
    assert plain("Shipping is currently slow, as in recent times; the future is open.") == [
        ("currently", "DATE", "PRESENT_REF", None), ("recent times", "DATE", "PAST_REF", None),
        ("the future", "DATE", "FUTURE_REF", None)]


def test_today_as_now_in_general_is_present_ref():
    assert plain("It matters in today's economy.", PUBLISHED) == [("today", "DATE", "PRESENT_REF", None)]


# --- durations ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The lease runs for five years.", ("five years", "DURATION", "P5Y", None)),
    ("The feud lasted two decades.", ("two decades", "DURATION", "P2DE", None)),
    ("The audit took 18 months.", ("18 months", "DURATION", "P18M", None)),
    ("It took a decade to rebuild.", ("a decade", "DURATION", "P1DE", None)),
    ("Wages stalled over the past two decades.", ("the past two decades", "DURATION", "P2DE", None)),
    ("The ban was extended for another three years.", ("three years", "DURATION", "P3Y", None)),
    ("The talks lasted twenty-four hours.", ("twenty-four hours", "DURATION", "PT24H", None)),
    ("The trial took a year and a half.", ("a year and a half", "DURATION", "P1Y6M", None)),
])
def test_durations(text, expected):
    assert plain(text) == [expected]


# --- sets -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The fair is held every year.", ("every year", "SET", "P1Y", None)),
    ("The fund pays out annually.", ("annually", "SET", "P1Y", None)),
    ("The annual meeting was short.", ("annual", "SET", "P1Y", None)),
    ("The plant makes 5 million tonnes per year.", ("per year", "SET", "P1Y", None)),
    ("The committee meets twice a year.", ("twice a year", "SET", "P1Y", None)),
    ("Inspectors visit every two weeks.", ("every two weeks", "SET", "P2W", None)),
])
def test_sets(text, expected):
    assert plain(text) == [expected]


def test_frequency_adverbs_and_adjectives_are_sets(small_nlp):
    found = tag(small_nlp, "The council meets weekly and sends a quarterly report.")
    assert found == [("weekly", "SET", "P1W", None), ("quarterly", "SET", "P3M", None)]


def test_a_unit_after_a_figure_is_a_rate_but_after_a_preposition_a_duration():
    assert plain("The mill earns $5 million a year; it was built in a year.") == [
        ("a year", "SET", "P1Y", None), ("a year", "DURATION", "P1Y", None)]


# --- coordinations and ranges ---------------------------------------------------------------------

@pytest.mark.parametrize("text, values", [
    ("Elections were held in 2022 and 2023.", ["2022", "2023"]),
    ("The drought lasted from 2018 to 2021.", ["2018", "2021"]),
    ("The 2020-21 season was cut short.", ["2020", "2021"]),
    ("Sales rose between May and July 2020.", ["XXXX-05", "2020-07"]),
])
def test_coordinations_and_ranges_are_separate_timexes(text, values):
    assert [v for _, _, v, _ in plain(text)] == values


def test_range_offsets_are_exact():
    text = "the 2020-21 season"
    assert [(t, v) for t, _, v, _ in plain(text)] == [("2020", "2020"), ("21", "2021")]


# --- modifiers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Work starts in early 2021.", ("early 2021", "DATE", "2021", "START")),
    ("The vote came in mid-1996.", ("mid-1996", "DATE", "1996", "MID")),
    ("Ice forms by the end of 2010.", ("the end of 2010", "DATE", "2010", "END")),
    ("Rents fell in the late 1970s.", ("the late 1970s", "DATE", "197", "END")),
    ("The siege lasted more than five years.", ("more than five years", "DURATION", "P5Y", "MORE_THAN")),
    ("The cleanup took nearly a decade.", ("nearly a decade", "DURATION", "P1DE", "APPROX")),
    ("The repair took at least two weeks.", ("at least two weeks", "DURATION", "P2W", "EQUAL_OR_MORE")),
])
def test_modifiers(text, expected):
    assert plain(text) == [expected]


# --- spans and exclusions -------------------------------------------------------------------------

def test_spans_leave_out_prepositions_and_signals():
    assert [t for t, *_ in plain("Since 2018, and as early as 2011, on 9 June 2021.")] == [
        "2018", "2011", "9 June 2021"]


def test_year_inside_a_name_is_not_a_timex(small_nlp):
    assert tag(small_nlp, "Athletes trained for the London 2012 Olympics.") == []


def test_numbers_that_are_not_times(small_nlp):
    text = "Some 1500 soldiers and 2,000 troops were sent under Article 2022 of the code."
    assert tag(small_nlp, text) == []


def test_words_that_only_look_temporal():
    assert plain("He won a second term; a quarter of the voters, in his 30s, may march.") == []


def test_nothing_on_boilerplate_lines(small_nlp):
    text = "Home / News / 2021 / March\n\nThe talks began in March 2021."
    assert [t for t, *_ in tag(small_nlp, text)] == ["March 2021"]


def test_clock_times_take_their_day(small_nlp):
    assert tag(small_nlp, "The blast came at 10:35 a.m. yesterday.", published=PUBLISHED) == [
        ("10:35 a.m. yesterday", "TIME", "2023-03-14T10:35", None)]


# --- pure functions -------------------------------------------------------------------------------

def test_value_helpers():
    assert parse_value("2021-Q3")[1] == "quarter"
    assert parse_value("PAST_REF") is None
    date, _ = parse_value("2001-07-19")
    assert [format_value(date, g) for g in ("year", "month", "week", "decade", "century")] == [
        "2001", "2001-07", "2001-W29", "200", "20"]
    assert [duration_value(1.5, "Y"), duration_value(None, "D"), duration_value(3, "H")] == ["P1Y6M", "PXD", "PT3H"]


def test_dateparser_fallback_keeps_only_stated_fields():
    assert parse_fallback("1994", None) == "1994"
    assert parse_fallback("May 1998", None) == "1998-05"
    assert parse_fallback("Friday", None) is None


def test_lexicon_errors_name_the_file_and_valid_keys(tmp_path):
    data = json.loads((ROOT / "pipeline" / "data" / "timex_lexicon.json").read_text(encoding="utf-8"))
    data["monthz"] = {}
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown lexicon key 'monthz'; valid values: months"):
        Lexicon.load(path)
    data.pop("monthz")
    data["date_mods"]["early"] = "BEGINNING"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown mod 'BEGINNING'"):
        Lexicon.load(path)


# --- the seed against gold ------------------------------------------------------------------------

def test_seed_value_f1_against_gold(small_nlp):
    gold = [from_dict(Timex, t) for t in json.loads(GOLD.read_text(encoding="utf-8"))["timexes"]]
    scores = score_timexes(gold, extract(SEED, nlp=small_nlp).timexes)
    assert scores.value.f1 >= 0.95
    assert scores.strict.f1 >= 0.95


# --- year of a month or day named without one ------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("The deadline was extended to Nov. 16.", "2023-11-16"),       # past tense, two months ahead: the coming one
    ("The board declared a dividend payable Dec. 1.", "2023-12-01"),
    ("The mill closed in August.", "2023-08"),                     # the coming one is ten months ahead: the past one
])
def test_a_month_at_most_two_months_ahead_is_the_coming_one_in_any_tense(small_nlp, text, value):
    [(_, _, got, _)] = tag(small_nlp, text, published="2023-10-20")
    assert got == value


def test_a_month_without_a_publication_date_keeps_x_for_the_year(small_nlp):
    assert tag(small_nlp, "The deadline was extended to Nov. 16.") == [("Nov. 16", "DATE", "XXXX-11-16", None)]


def test_a_delivery_month_looks_ahead(small_nlp):
    found = tag(small_nlp, "Crude for January delivery fell 20 cents.", published="2023-10-20")
    assert found == [("January", "DATE", "2024-01", None)]


def test_last_before_a_day_date_is_not_a_month():
    assert plain("He was hurt last Oct. 23 at home.", "2024-04-19") == [("Oct. 23", "DATE", "2023-10-23", None)]


def test_a_weekday_before_a_date_is_one_timex():
    assert plain("The paper said in an editorial on Monday, Oct. 26: enough.", "2020-10-25") == [
        ("Monday, Oct. 26", "DATE", "2020-10-26", None)]


@pytest.mark.parametrize("text, value", [
    ("Rents are above Thursday's level.", "2023-03-09"),          # present tense: on or before publication
    ("The ship could sail as soon as Thursday.", "2023-03-16"),    # a forward signal
    ("She said the envoy would travel Thursday.", "2023-03-16"),   # future in the past
])
def test_bare_weekdays_are_past_unless_the_text_looks_ahead(small_nlp, text, value):
    [(_, _, got, _)] = tag(small_nlp, text, published=PUBLISHED)
    assert got == value


# --- holidays ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, value", [
    ("The boy was rescued on Thanksgiving Day.", "2020-01-07", "2019-11-28"),
    ("The boy was rescued last Thanksgiving.", "2020-01-07", "2019-11-28"),
    ("Shops were full at Christmas.", "2020-01-07", "2019-12-25"),
    ("The boy was rescued on Thanksgiving Day.", None, "XXXX-11"),
])
def test_holidays_fixed_and_movable(small_nlp, text, published, value):
    [(_, _, got, _)] = tag(small_nlp, text, published=published)
    assert got == value


# --- quarters, halves and "the year" ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Demand stays weak through the first two quarters of 2031.",
     ("the first two quarters of 2031", "DATE", "2031-H1", None)),
    ("Profit for the last half of 2029 fell.", ("the last half of 2029", "DATE", "2029-H2", None)),
    ("The rule may apply in next year's first quarter.", ("next year's first quarter", "DATE", "2024-Q1", None)),
    ("The firm lost money for the third quarter of $3 million.", ("the third quarter", "DATE", "2023-Q3", None)),
    ("The firm posted several quarters of losses.", ("several quarters", "DURATION", "PXQ", None)),
])
def test_quarters_and_halves(text, expected):
    assert plain(text, PUBLISHED) == [expected]


def test_the_current_quarter_is_the_one_under_way(small_nlp):
    text = "Sales rose in the first quarter; the current quarter looks weak."
    assert [v for *_, v, _ in tag(small_nlp, text, published="2023-08-02")] == ["2023-Q1", "2023-Q3"]


def test_a_year_earlier_does_not_move_the_reporting_period(small_nlp):
    text = ("Net income rose in the third quarter. A year earlier it fell. The chief quit on Oct. 2. "
            "Costs were higher than a year ago.")
    assert [v for *_, v, _ in tag(small_nlp, text, PUBLISHED)] == ["2022-Q3", "2021-Q3", "2022-10-02", "2021-Q3"]


@pytest.mark.parametrize("text, published, expected", [
    ("Sales for the full year were flat.", PUBLISHED, ("the full year", "DATE", "2023", None)),
    ("Costs will fall by the end of the year.", PUBLISHED, ("the end of the year", "DATE", "2023", "END")),
    ("The deal closes by year-end.", PUBLISHED, ("year-end", "DATE", "2023", "END")),
    ("Sales in the current fiscal year should rise.", PUBLISHED, ("the current fiscal year", "DATE", "FY2023", None)),
    ("Net income for the year ended March 31 rose.", PUBLISHED, ("the year", "DURATION", "P1Y", None)),
    ("Sales for the full year were flat.", None, ("the full year", "DATE", "XXXX", None)),
])
def test_the_year_is_the_year_in_view_unless_a_date_bounds_it(text, published, expected):
    assert plain(text, published)[0] == expected


def test_the_year_before_is_left_alone():
    assert plain("Income fell from 10% the year before.", PUBLISHED) == []


# --- durations: fractions, "more", adjectives -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("They spent 2 1/2 years in camps.", ("2 1/2 years", "DURATION", "P2Y6M", None)),
    ("The flight took 5 1/2 hours.", ("5 1/2 hours", "DURATION", "PT5H30M", None)),
    ("The jet crashed a minute and a half later.", ("a minute and a half", "DURATION", "PT1M30S", None)),
    ("He stays for at least two more weeks.", ("at least two more weeks", "DURATION", "P2W", "EQUAL_OR_MORE")),
    ("During the 30-day period, talks stalled.", ("30-day", "DURATION", "P30D", None)),
])
def test_durations_with_fractions_adders_and_as_adjectives(text, expected):
    assert plain(text) == [expected]


def test_a_security_maturity_is_not_a_duration():
    assert plain("The yield on the 10-year U.S. Treasury note and the 30-year bond rose.") == []
    assert plain("They adopted a five-year plan.") == [("five-year", "DURATION", "P5Y", None)]


# --- vague references, sets, parts of day -----------------------------------------------------------------

def test_coming_periods_without_an_article_and_terms():
    assert plain("Rates may fall in coming months and in the near term.") == [
        ("coming months", "DATE", "FUTURE_REF", None), ("the near term", "DATE", "FUTURE_REF", None)]


def test_every_month_or_season_is_a_set():
    assert plain("Marchers parade each July and every spring.") == [
        ("each July", "SET", "XXXX-07", None), ("every spring", "SET", "XXXX-SP", None)]


def test_a_modified_part_of_day_is_a_time():
    assert plain("Shares fell at mid-afternoon yesterday.", PUBLISHED) == [
        ("mid-afternoon yesterday", "TIME", "2023-03-14TAF", "MID")]
    assert plain("He tweeted in an early morning volley; they ate late-night burgers.", PUBLISHED) == []


def test_number_words_in_a_row_are_not_one_number():
    assert plain("He oversaw two nine-day rallies over twenty-four hours.") == [
        ("nine-day", "DURATION", "P9D", None), ("twenty-four hours", "DURATION", "PT24H", None)]


# --- unseen opinion pieces: errors found reading real articles, fixed by general rules ------------------

@pytest.mark.parametrize("text, published, value", [
    ("Growth was 3 percent in the July through September period.", "2019-02-28", ["2018-07", "2018-09"]),
    ("Output rose in the April through June quarter.", "2019-02-28", ["2018-04", "2018-06"]),
    ("Talks will run through September.", "2019-02-28", ["2019-09"]),  # a deadline still looks ahead
    ("Polls tighten ahead of the November elections.", "2020-02-13", ["2020-11"]),
])
def test_a_month_range_lies_where_its_end_falls_and_ahead_of_looks_ahead(small_nlp, text, published, value):
    assert [v for _, _, v, _ in tag(small_nlp, text, published)] == value


def test_that_month_takes_the_year_last_named():
    found = plain("The strike began on May 3, 2017. That September, it spread.", "2019-12-14")
    assert found[-1] == ("That September", "DATE", "2017-09", None)


@pytest.mark.parametrize("text, value", [
    ("Ballots are counted after 4 p.m. on April 13.", "2020-04-13T16:00"),
    ("The rocket lifted off at 2:49 a.m. local time (7:49 a.m. GMT) on Saturday.", "2020-04-04T02:49"),
    ("The blast came at 10:35 a.m. and we met on Monday.", "2020-04-07T10:35"),  # too far: the day of publication
])
def test_a_clock_time_takes_the_day_named_after_it(text, value):
    assert plain(text, "2020-04-07")[0][2] == value


@pytest.mark.parametrize("text", [
    "The magazine named her its Person of the Year.",
    "He was voted player of the year twice.",
])
def test_an_award_title_is_not_the_year(text):
    assert [t for t in plain(text, PUBLISHED) if t[0].lower().endswith("year")] == []


def test_the_year_in_a_general_phrase_is_still_tagged():
    assert plain("Storms shaped the events of the year.", PUBLISHED) == [("the year", "DATE", "2023", None)]


@pytest.mark.parametrize("text, value", [
    ("Output rose in the fourth quarter of last year. Output for the year was 2.9 percent higher.", "2022"),
    ("Output rose in the fourth quarter of last year. Output for the year will be higher.", "2023"),
    ("Output rose in 1969. Output for the year was higher.", "2023"),  # not the year just ended: publication year
])
def test_a_past_report_on_last_year_keeps_the_year_just_dated(small_nlp, text, value):
    assert [v for t, _, v, _ in tag(small_nlp, text, "2023-02-20") if t == "the year"] == [value]


@pytest.mark.parametrize("text, expected", [
    ("She found a Christmas gift on the porch.", []),
    ("Halloween costumes sold out.", []),
    ("Stores opened before Christmas and on Christmas Eve.", ["Christmas", "Christmas Eve"]),
    ("Parliament rose for the Christmas recess.", ["Christmas"]),
])
def test_a_holiday_on_a_non_time_noun_is_an_adjective(small_nlp, text, expected):
    assert [t for t, *_ in tag(small_nlp, text, PUBLISHED)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The gap widened in the past two elections.", []),
    ("The gap widened in the past few votes.", []),
    ("In the past, gaps widened.", [("the past", "DATE", "PAST_REF", None)]),
])
def test_the_past_before_a_count_is_an_adjective(text, expected):
    assert plain(text, PUBLISHED) == expected


def test_today_inside_a_title_is_a_name():
    assert plain("USA Today ran it. Today we know.", PUBLISHED) == [("Today", "DATE", "2023-03-15", None)]
    assert plain("Shares fell on Tuesday. Today they rose.", PUBLISHED)[-1] == ("Today", "DATE", "2023-03-15", None)


def test_by_the_before_a_month_is_not_a_deadline():
    assert plain("Rules laid down by the Feb. 23 accord.", "2023-03-15") == [("Feb. 23", "DATE", "2023-02-23", None)]


def test_the_latest_period_is_a_quarter_only_where_the_text_reports_by_quarter():
    assert plain("Assaults rose between 2016 and 2018, the latest period available.", PUBLISHED) == [
        ("2016", "DATE", "2016", None), ("2018", "DATE", "2018", None)]
    assert plain("Sales rose in the third quarter. In the latest period, costs fell.", PUBLISHED)[-1] == (
        "the latest period", "DATE", "2023-Q3", None)  # the quarter the text dated


def test_coordinated_quarters_are_two_timexes():
    assert plain("Growth in the second and third quarters of 2018 was strong.", PUBLISHED) == [
        ("the second", "DATE", "2018-Q2", None), ("third quarters of 2018", "DATE", "2018-Q3", None)]
    assert plain("Their first quarters were weak.", PUBLISHED) == []


@pytest.mark.parametrize("text, value", [
    ("The crew is scheduled to stay on board and return on Friday.", "2019-03-08"),  # second verb of a future one
    ("The crew docked and returned on Friday.", "2019-03-01"),
])
def test_a_coordinated_verb_shares_the_tense_of_the_first(small_nlp, text, value):
    assert [v for _, _, v, _ in tag(small_nlp, text, "2019-03-05")] == [value]


def test_the_tail_end_of_is_an_end_modifier():
    assert plain("The wall is due by the tail end of 2020.", PUBLISHED) == [("the tail end of 2020", "DATE", "2020", "END")]


@pytest.mark.parametrize("text, expected", [
    ("They met on New Year's Eve.", [("New Year's Eve", "DATE", "2022-12-31", None)]),
    ("They met on New Year’s Eve.", [("New Year’s Eve", "DATE", "2022-12-31", None)]),  # typographic apostrophe
    ("Sales peak on Mother's Day.", [("Mother's Day", "DATE", "2023-05-14", None)]),
])
def test_holidays_with_an_apostrophe_match_either_kind(text, expected):
    assert plain(text, PUBLISHED) == expected


def test_a_holiday_with_an_apostrophe_on_a_noun_is_an_adjective(small_nlp):
    assert tag(small_nlp, "She gave her New Year's Eve speech.", PUBLISHED) == []
