"""The checks across a document's facts, each on made-up facts: one kind of inconsistency per test, with a
case that is flagged and one that is not."""
from __future__ import annotations

from ingest.checks import flag_copied_tables
from ingest.model import Fact


def fact(value: float, *, category: str = "pakalpojums", metric: str = "persons", unit: str = "persons",
         year: int | None = 2014, subgroup: str | None = None, territory: str | None = None, raw: str | None = None,
         ref: str = "1. tabula, line 1") -> Fact:
    return Fact(municipality="Novads", territory=territory, year=year, period=str(year) if year else None,
                topic="recipients", metric=metric, category=category, subgroup=subgroup, value=value, unit=unit,
                source_ref=ref, raw_value=raw if raw is not None else f"{value:g}")


def table(category: str, columns: dict[int, tuple[float, float]]) -> list[Fact]:
    """A made-up count table: men and women, and their total, by year."""
    return [fact(value, category=category, year=year, subgroup=row)
            for year, (men, women) in columns.items()
            for row, value in (("Vīrieši", men), ("Sievietes", women), ("Kopā", men + women))]


def kinds(facts: list[Fact]) -> list[list[str]]:
    return [[r.kind for r in f.reasons] for f in facts]


def test_a_table_printing_the_same_numbers_as_another_is_flagged_in_both():
    first, second = table("A", {2012: (9, 12), 2013: (5, 13)}), table("B", {2012: (9, 12), 2013: (5, 13)})
    third = table("C", {2012: (9, 12), 2013: (5, 14)})
    flag_copied_tables([("A, line 1", first), ("B, line 9", second), ("C, line 20", third)])
    # A and B are the same table; C repeats their 2012 column only: that column is flagged in all three
    assert kinds(first) == kinds(second) == [["copied_table", "partly_copied_table"]] * 3 + [["copied_table"]] * 3
    assert first[3].flag == "the table 'B, line 9' prints exactly the same numbers"
    assert kinds(third) == [["partly_copied_table"] * 2] * 3 + [[]] * 3
    assert third[0].flag_lv == ("tās 2012. gada aile ir tieši tāda pati kā tabulā 'A, 1. rinda'; tās 2012. gada "
                                "aile ir tieši tāda pati kā tabulā 'B, 9. rinda'")


def test_small_counts_repeated_by_chance_are_no_copy():
    first, second = table("A", {2013: (1, 0), 2014: (2, 1)}), table("B", {2013: (1, 0), 2014: (0, 1)})
    flag_copied_tables([("A, line 1", first), ("B, line 9", second)])
    assert kinds(first) == kinds(second) == [[]] * 6
