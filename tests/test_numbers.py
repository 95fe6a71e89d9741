"""The Latvian number reader: every print seen in the reports, and properties over generated numbers."""
import pytest
from hypothesis import given, strategies as st

from ingest.numbers import parse_lv_number


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
    assert number.reasons == ()


@pytest.mark.parametrize("printed", ["-", "", "–", "  ", None, "x"])
def test_no_value(printed):
    assert parse_lv_number(printed).value is None


@pytest.mark.parametrize("printed, value, kind", [
    ("6 492.5.00", 6492.5, "two_decimal_marks"),
    ("34 50.00", 3450.0, "irregular_grouping"),
    ("20 6107", 206107, "irregular_grouping"),
    ("184.500", 184.5, "three_decimal_places"),
    ("4 6617", 46617, "irregular_grouping"),
    ("1 004777", 1004777, "irregular_grouping"),
    ("904+", 904, "at_least"),
])
def test_irregular_prints_are_read_and_flagged(printed, value, kind):
    number = parse_lv_number(printed)
    assert number.value == pytest.approx(value)
    assert [r.kind for r in number.reasons] == [kind]
    assert f"'{printed.strip()}'" in number.reasons[0].text("en")


@pytest.mark.parametrize("printed, english, latvian", [
    ("1 004777", "printed '1 004777', read as 1,004,777: irregular digit grouping",
     "nodrukāts '1 004777', nolasīts kā 1 004 777: cipari sagrupēti neparasti"),
    ("34 50.00", "printed '34 50.00', read as 3,450.00: irregular digit grouping",
     "nodrukāts '34 50.00', nolasīts kā 3 450,00: cipari sagrupēti neparasti"),
    ("6 492.5.00", "printed '6 492.5.00', read as 6,492.50: two decimal marks",
     "nodrukāts '6 492.5.00', nolasīts kā 6 492,50: divas decimālzīmes"),
])
def test_flag_shows_the_reading_in_each_language(printed, english, latvian):
    [why] = parse_lv_number(printed).reasons
    assert (why.text("en"), why.text("lv")) == (english, latvian)


@pytest.mark.parametrize("printed", ["-", "–", "—"])
def test_a_dash_is_none_only_in_a_count_table(printed):
    assert parse_lv_number(printed).value is None
    number = parse_lv_number(printed, dash_means_none=True)
    assert (number.value, [r.kind for r in number.reasons]) == (0, ["printed_dash"])
    assert parse_lv_number("x", dash_means_none=True).value is None  # a cross is no count


def test_percent_and_trailing_text():
    assert parse_lv_number("86,7%").is_percent
    assert parse_lv_number("40 %").value == 40
    number = parse_lv_number("259; 219 vienošanās")
    assert (number.value, number.rest) == (259, "219 vienošanās")
    assert parse_lv_number("6 360 porc.").rest == "porc."


def _print_lv(integer: int, cents: int | None, sep: str, mark: str) -> str:
    digits = f"{integer:,}".replace(",", sep)
    return digits + (f"{mark}{cents:02d}" if cents is not None else "")


@given(st.integers(min_value=0, max_value=10**9), st.one_of(st.none(), st.integers(0, 99)),
       st.sampled_from([" ", "\u00a0", "\u202f"]), st.sampled_from([",", "."]))
def test_any_well_printed_number_reads_back(integer, cents, sep, mark):
    number = parse_lv_number(_print_lv(integer, cents, sep, mark))
    expected = integer + (cents or 0) / 100
    assert number.value == pytest.approx(expected)
    assert number.reasons == ()


@given(st.text(alphabet="abcdefg .,;%+-–\u00a0", max_size=12))
def test_text_without_digits_gives_no_number(text):
    number = parse_lv_number(text)
    assert (number.value, number.reasons) == (None, ())
    assert number.rest in ("", text.strip())


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["personas", "vienošanās", "porc.", "EUR"]))
def test_words_after_a_number_are_kept_as_the_rest(integer, words):
    number = parse_lv_number(f"{integer:,}".replace(",", " ") + f" {words}")
    assert (number.value, number.rest) == (integer, words)
