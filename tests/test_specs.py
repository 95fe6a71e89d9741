"""Shared spec primitives: reading dates as the reports print them."""
import pytest

from ingest.specs import iso_period, month_number


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
