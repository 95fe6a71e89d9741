"""The Latvian number reader: every print seen in the reports, and properties over generated numbers."""
import pytest
from hypothesis import given, strategies as st

from ingest.numbers import find_lv_numbers, parse_lv_number


@pytest.mark.parametrize("printed, value", [
    ("1 116 657,22", 1116657.22),
    ("562 068.5", 562068.5),
    ("105\u00a0486", 105486),  # no-break space groups thousands
    ("35134.04", 35134.04),
    ("0", 0),
    ("117806 ", 117806),
    ("98,9", 98.9),
    ("-12,5", -12.5),
])
def test_regular_prints(printed, value):
    number = parse_lv_number(printed)
    assert number.value == pytest.approx(value)
    assert number.flag is None


@pytest.mark.parametrize("printed", ["-", "", "–", "  ", None, "x"])
def test_no_value(printed):
    assert parse_lv_number(printed).value is None


@pytest.mark.parametrize("printed, value, why", [
    ("6 492.5.00", 6492.5, "two decimal marks"),
    ("34 50.00", 3450.0, "irregular digit grouping"),
    ("20 6107", 206107, "irregular digit grouping"),
    ("184.500", 184.5, "three decimal places"),
    ("4 6617", 46617, "irregular digit grouping"),
    ("1 004777", 1004777, "irregular digit grouping"),
    ("904+", 904, "at least"),
])
def test_irregular_prints_are_read_and_flagged(printed, value, why):
    number = parse_lv_number(printed)
    assert number.value == pytest.approx(value)
    assert why in number.flag
    assert printed.strip() in number.flag


def test_flag_shows_the_reading():
    assert parse_lv_number("1 004777").flag.endswith("read as 1 004 777")
    assert parse_lv_number("34 50.00").flag.endswith("read as 3 450,00")


def test_percent_and_trailing_text():
    assert parse_lv_number("86,7%").is_percent
    assert parse_lv_number("40 %").value == 40
    number = parse_lv_number("259; 219 vienošanās")
    assert (number.value, number.rest) == (259, "219 vienošanās")
    assert parse_lv_number("6 360 porc.").rest == "porc."


def test_find_numbers_in_prose():
    found = find_lv_numbers("Pabalstu saņēmušas 273 mājsaimniecības – 410 personas, 35 773,23 euro")
    assert [n.value for _, n in found] == [273, 410, 35773.23]


def _print_lv(integer: int, cents: int | None, sep: str, mark: str) -> str:
    digits = f"{integer:,}".replace(",", sep)
    return digits + (f"{mark}{cents:02d}" if cents is not None else "")


@given(st.integers(min_value=0, max_value=10**9), st.one_of(st.none(), st.integers(0, 99)),
       st.sampled_from([" ", "\u00a0", "\u202f"]), st.sampled_from([",", "."]))
def test_any_well_printed_number_reads_back(integer, cents, sep, mark):
    number = parse_lv_number(_print_lv(integer, cents, sep, mark))
    expected = integer + (cents or 0) / 100
    assert number.value == pytest.approx(expected)
    assert number.flag is None


@given(st.text(alphabet="abcdefg .,;%+-–\u00a0", max_size=12))
def test_never_raises_on_text(text):
    number = parse_lv_number(text)
    assert number.value is None or isinstance(number.value, float)
