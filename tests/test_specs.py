"""Shared spec primitives: reading dates as the reports print them."""
import pytest

from ingest.model import Location, Spot, Table, TextLine
from ingest.specs import AsOf, Dated, FlowText, iso_period, month_number, printed_period, read_as_of


@pytest.mark.parametrize("printed, month", [
    ("janvārī", 1), ("janvāri", 1), ("Jūnija", 6), ("oktobrī", 10), ("07", 7), ("janv.", 1), ("sept", 9),
    ("aprūpe", None), ("maisījums", None), ("", None), (None, None),
])
def test_month_number(printed, month):
    assert month_number(printed) == month


def test_iso_period():
    assert iso_period({"year": "2016", "month": "janvāri", "day": "1"}) == "2016-01-01"
    assert iso_period({"year": "2015", "month": "jūnijā"}) == "2015-06-01..2015-06-30"
    assert iso_period({"year": "2017"}) == "2017"
    assert iso_period({"month": "jūnijā"}) is None


@pytest.mark.parametrize("header, period", [
    ("1.07.- 31.12.2021.", "2021-07-01..2021-12-31"),  # as the 2024 report prints it
    ("01.07.2021.–31.12.2021.", "2021-07-01..2021-12-31"),
    ("no 01.07.2021. līdz 31.12.2021.", "2021-07-01..2021-12-31"),
    ("2021. gada 2. pusgadā", "2021-07-01..2021-12-31"),
    ("II pusgads", "2021-07-01..2021-12-31"),
    ("pirmajā pusgadā", "2021-01-01..2021-06-30"),
    ("jūlijs–decembris", "2021-07-01..2021-12-31"),
    ("jūl.–dec. 2021", "2021-07-01..2021-12-31"),
    ("2021. gadā", "2021"),
    ("Izlietotie līdzekļi 2021.gadā (EUR)", "2021"),
    ("32.07.-31.12.2021", "2021"),  # no such day: the whole year, as printed
    ("Aprūpe-mājās 2021", "2021"),
])
def test_a_column_period_as_printed(header, period):
    assert printed_period(header, 2021) == period


def test_a_month_or_day_that_is_no_date_says_only_the_year_or_the_month():
    # "uz 31.02.2015" and "13.2015" are misprints: the period keeps what is a date, and nothing fails.
    assert iso_period({"year": "2015", "month": "2", "day": "31"}) == "2015-02-01..2015-02-28"
    assert iso_period({"year": "2015", "month": "13", "day": "1"}) == "2015"
    assert iso_period({"year": "2015", "month": "3", "day": "31"}) == "2015-03-31"


def test_a_table_date_from_a_sentence_with_a_fixed_day_and_its_flag():
    flow = FlowText([TextLine("Dati iegūti uz 2014. gada sākumu.", Location(line=7))])
    dated = read_as_of(flow, AsOf(r"uz (?P<year>\d{4})\. gada sākumu", month=1, day=1, inferred=True))
    assert (dated.year, dated.period, dated.reason.kind) == (2014, "2014-01-01", "date_from_sentence")
    assert read_as_of(flow, AsOf(r"nekas")) == read_as_of(flow, None) == Dated()
