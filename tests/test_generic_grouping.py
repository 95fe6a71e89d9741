"""Splitting a printed run of numbers into the numbers of a row (ingest/generic/grouping.py): by Latvian
thousands grouping where one split fits, by a printed total or fixed decimals where the run alone does not
say; made-up runs, exact splits."""
from __future__ import annotations

import time

import pytest

from ingest.generic.grouping import RowRun, pick_by_total, row_run, split_by_decimals, split_years, splits


@pytest.mark.parametrize("run, k, expected", [
    # groups of 4 or more digits stand alone
    ("298114 493207 331860", 3, [("298114", "493207", "331860")]),
    # a first group of 1-3 digits, then groups of exactly 3: the short groups start the numbers
    ("1 184 207 1 962 330 2 305 918", 3, [("1 184 207", "1 962 330", "2 305 918")]),
    # a group with a leading zero continues a number
    ("281 004", 2, []),
    ("281 004", 1, [("281 004",)]),
    ("64 090 7 115", 2, [("64 090", "7 115")]),
    # a group of four digits cannot take a group after it
    ("2907 115", 1, []),
    ("2907 115", 2, [("2907", "115")]),
    # a decimal part ends a number
    ("35 210,40 1 200,00", 2, [("35 210,40", "1 200,00")]),
    ("210,40 118", 1, []),
    # more than two decimals: the digits of the next number, run together
    ("210 022,3152 955,47", 2, []),
    # a percent sign ends a number, printed apart or not
    ("12,5 % 14 %", 2, [("12,5%", "14%")]),
    # a dash is a cell of its own
    ("1 200 – 3 400", 3, [("1 200", "–", "3 400")]),
    # two spaces or more always separate numbers
    ("281 004  455 310", 2, [("281 004", "455 310")]),
    # more than one split fits: all of them
    ("281 004 455 310", 2, [("281 004", "455 310"), ("281 004 455", "310")]),
    ("455 310 907 115", 2, [("455", "310 907 115"), ("455 310", "907 115"), ("455 310 907", "115")]),
    # too few groups for the columns; a word in the run
    ("12 480", 3, []),
    ("12 un 480", 2, []),
    # no number of more than five groups
    ("1 234 567 890 123", 1, [("1 234 567 890 123",)]),
    ("1 234 567 890 123 456", 1, []),
])
def test_splits_by_grouping(run, k, expected):
    assert splits(run, k) == expected


@pytest.mark.parametrize("text, expected", [
    ("2019202020212022", ("2019", "2020", "2021", "2022")),
    ("20212022", ("2021", "2022")),
    ("20192021", None),  # not one year after another: not certainly years
    ("201920202", None),
    ("2019", None),
    ("12345678", None),
])
def test_split_years_only_when_they_follow_each_other(text, expected):
    assert split_years(text) == expected


@pytest.mark.parametrize("run, k, expected", [
    ("31.0544.1239.80", 3, ("31.05", "44.12", "39.80")),
    ("7,50112,000,45", 3, ("7,50", "112,00", "0,45")),
    ("31.0544.1239.80", 2, None),  # three decimal marks, two columns
    ("31.0544.1239.805", 3, None),  # the last number does not show two decimals
    ("31.0504.1239.80", 3, None),  # a whole part "04" would have a leading zero
    ("31.05.1239.80", 3, None),  # no whole part left between two decimal parts
    ("31.05", 1, None),
])
def test_split_by_decimals_only_when_certain(run, k, expected):
    assert split_by_decimals(run, k) == expected


def test_row_run_is_glued_when_one_run_of_digits_stands_for_several_columns():
    assert row_run("17263391", 2) == RowRun("17263391", (), glued=True)
    assert row_run("17263391", 1) == RowRun("17263391", (("17263391",),))
    assert row_run("64318 2907 115", 3, glued=True).certain is None  # a split that fits, but separators were lost
    assert row_run("298114 493207", 2).certain == ("298114", "493207")


def test_a_run_that_may_also_be_fewer_numbers_is_not_certain():
    assert row_run("92 1 206", 3) == RowRun("92 1 206", (("92", "1", "206"),), fewer=True)  # or 92 and 1 206
    assert row_run("92 1 206", 3).certain is None
    assert row_run("1 020 1 115 1 230", 3).certain == ("1 020", "1 115", "1 230")
    assert row_run("12 13 14", 3).certain == ("12", "13", "14")
    assert row_run("120  130  140", 3).certain == ("120", "130", "140")  # set apart by two spaces


def test_a_total_picks_the_one_split_that_adds_up():
    parts = [row_run("281 004 455 310", 2), row_run("1 001 200 1 003 400", 2)]
    total = row_run("1 282 204 1 458 710", 2)  # 281 004 + 1 001 200, 455 310 + 1 003 400
    assert pick_by_total(parts, total, 2) == {0: ("281 004", "455 310")}


def test_a_total_that_is_itself_ambiguous_is_picked_by_its_parts():
    parts = [row_run("300000 60", 2), row_run("600 40", 2)]
    assert pick_by_total(parts, row_run("300600 100", 2), 2) == {}  # every row certain: nothing to pick
    total = row_run("300 600 100", 2)  # ("300", "600 100") or ("300 600", "100")
    assert pick_by_total(parts, total, 2) == {2: ("300 600", "100")}


def test_several_uncertain_rows_are_picked_only_by_a_single_fitting_combination():
    parts = [row_run("281 004 455 310", 2), row_run("1 200 300", 2)]  # 2 splits each
    total = row_run("282 204 455 610", 2)  # 281 004 + 1 200 and 455 310 + 300; itself two ways
    assert pick_by_total(parts, total, 2) == {0: ("281 004", "455 310"), 1: ("1 200", "300"),
                                              2: ("282 204", "455 610")}


def test_a_glued_row_is_split_where_the_total_says_what_it_must_hold():
    parts = [row_run("17263391", 2), row_run("1 200 2 000", 2)]
    total = row_run("2 926 5 391", 2)
    assert pick_by_total(parts, total, 2) == {0: ("1726", "3391")}
    # the separators lost inside a spaced run: the pieces as printed
    parts = [row_run("64318 2907 115", 3, glued=True), row_run("7 1 5", 3)]
    assert pick_by_total(parts, row_run("650  182 907  120", 3), 3) == {}  # no reading of its digits adds up
    total = row_run("650  182 908  120", 3)  # 643 + 7, 182 907 + 1, 115 + 5
    assert pick_by_total(parts, total, 3) == {0: ("643", "18 2907", "115")}


@pytest.mark.parametrize("parts, total", [
    ([["281 004 455 310", 2], ["1 200 3 400", 2]], ["999 999 999 999", 2]),  # no split adds up
    ([["12 345 678", 2], ["0 0", 2]], ["12 345 678", 2]),  # 12 345 + 678 and 12 + 345 678: both add up
    ([["1 200 – ", 2], ["281 004 455 310", 2]], ["282 204 455 310", 2]),  # a dash: the total cannot be checked
])
def test_no_pick_when_the_total_does_not_single_out_a_split(parts, total):
    assert pick_by_total([row_run(*p) for p in parts], row_run(*total), 2) == {}


def test_a_long_run_that_no_split_fits_is_refused_fast():
    # every split of the groups fails only at the last one ("0123" can neither start nor continue a number)
    run = " ".join(["123"] * 400 + ["0123"])
    start = time.perf_counter()
    assert splits(run, 6) == [] and splits(" ".join(["123"] * 400), 70) == []  # 5 groups at most each
    assert time.perf_counter() - start < 1  # milliseconds; a search of every split takes hours
