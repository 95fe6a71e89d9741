"""The checks across a document's facts, each on made-up facts: one kind of inconsistency per test, with a
case that is flagged and one that is not."""
from __future__ import annotations

from ingest.checks import (ChangeCheck, ListedPartsCheck, PartCheck, Pick, RangeCheck, ShareCheck, SumCheck, check_arithmetic,
                           check_table_shares, flag_copied_tables)
from ingest.model import Fact, Location, Spot


def fact(value: float, *, category: str = "pakalpojums", metric: str = "persons", unit: str = "persons",
         year: int | None = 2014, subgroup: str | None = None, territory: str | None = None, raw: str | None = None,
         spot: Spot = Spot("1. tabula", Location(line=1))) -> Fact:
    return Fact(municipality="Novads", territory=territory, year=year, period=str(year) if year else None,
                topic="recipients", metric=metric, category=category, subgroup=subgroup, value=value, unit=unit,
                spot=spot, raw_value=raw if raw is not None else f"{value:g}")


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


def test_a_share_that_is_not_its_amounts_part_is_flagged():
    amounts = [fact(322239, category="palīdzība", year=2013, unit="EUR", metric="spend"),
               fact(7347, category="pakalpojumi", year=2013, unit="EUR", metric="spend")]
    shares = [fact(97.8, category="palīdzība", year=2013, unit="percent", metric="share", raw="97,8"),
              fact(3.06, category="pakalpojumi", year=2013, unit="percent", metric="share", raw="3,06")]
    check_table_shares(amounts + shares)
    # 7 347 / 329 586 = 2,23 %, not 3,06; 322 239 / 329 586 = 97,77 %, as printed (97,8)
    assert [f.flag for f in shares] == [None, "7,347 is 2.23% of 329,586, not '3,06'"]
    assert shares[1].flag_lv == "7 347 ir 2,23 % no 329 586, nevis '3,06'"


def test_shares_of_one_row_over_the_years_are_checked_against_its_amounts():
    years = ((2012, 50), (2013, 30), (2014, 20))
    amounts = [fact(value, year=year, unit="EUR", metric="funding") for year, value in years]
    shares = [fact(value, year=year, unit="percent", metric="share", raw=f"{value} %")
              for year, value in ((2012, 40), (2013, 33), (2014, 27))]
    check_table_shares(amounts + shares)
    assert [f.flag for f in shares] == ["50 is 50% of 100, not '40 %'", "30 is 30% of 100, not '33 %'",
                                        "20 is 20% of 100, not '27 %'"]


def test_a_share_of_a_rounded_whole_allows_for_its_rounding():
    residents = fact(31900, metric="residents", raw="31,9 tūkstoši", year=2015)
    residents.add_flag("approximate", printed="31,9 tūkstoši", value=31900)
    pensioners = fact(6440, metric="pensioners", year=2015)
    share = fact(20.2, metric="pensioners", unit="percent", raw="20.2%", year=2015)
    wrong = fact(21.0, metric="pensioners", unit="percent", raw="21%", year=2015)
    check = ShareCheck(Pick("pensioners", "pakalpojums", unit="percent"),
                       Pick("pensioners", "pakalpojums", unit="persons"), (Pick("residents", "pakalpojums"),))
    check_arithmetic([residents, pensioners, share], [check])
    check_arithmetic([residents, pensioners, wrong], [check])
    assert (share.flag, wrong.flag) == (None, "6,440 is 20.19% of 31,900, not '21%'")


def test_a_stated_change_the_figures_do_not_give_is_flagged():
    figures = [fact(value, year=year, metric="funding", unit="EUR") for year, value in ((2013, 446885), (2014, 506141))]
    fall = fact(-12, year=2014, metric="change", unit="percent", raw="12 %")
    rise = fact(13.3, year=2014, metric="change", unit="percent", raw="13,3 %")
    check = ChangeCheck(Pick("change", "pakalpojums"), Pick("funding", "pakalpojums"))
    check_arithmetic(figures + [fall, rise], [check])
    assert fall.flag == "the figures give 446,885 for 2013 and 506,141 for 2014, a change of +13.26%, not -12%"
    assert fall.flag_lv == "skaitļi dod 446 885 2013. gadā un 506 141 2014. gadā, izmaiņa +13,26 %, nevis -12 %"
    assert rise.flag is None


def test_a_change_in_points_of_the_printed_shares_is_no_disagreement():
    # an undated change spans the years of the figures: 225 475 -> 155 803 is -30,9 %, the shares 40 -> 27 % -13 points
    figures = [fact(value, year=year, metric="funding", unit="EUR") for year, value in ((2012, 225475), (2014, 155803))]
    shares = [fact(value, year=year, metric="share", unit="percent", raw=f"{value} %")
              for year, value in ((2012, 40), (2014, 27))]
    change = fact(-13, year=None, metric="change", unit="percent", raw="13 %")
    check = ChangeCheck(Pick("change", "pakalpojums"), Pick("funding", "pakalpojums"),
                        shares=Pick("share", "pakalpojums"))
    check_arithmetic(figures + shares + [change], [check])
    assert change.flag is None


def test_a_change_of_a_group_of_rows_sums_each_row_once():
    rows = [fact(value, year=year, category=row, subgroup="No projektiem", metric="funding", unit="EUR")
            for row, values in (("A", (58165, 0)), ("B", (28171, 78258)), ("B", (28171, 78258)))
            for year, value in zip((2013, 2014), values)]  # row B printed twice
    change = fact(-9.4, year=2014, metric="change", unit="percent", raw="9,4 %")
    check_arithmetic(rows + [change], [ChangeCheck(Pick("change", "pakalpojums"),
                                                   Pick("funding", None, "No projektiem"))])
    assert change.flag is None  # 86 336 -> 78 258: -9,36 %


def test_a_part_larger_than_its_whole_is_flagged():
    whole = fact(3, metric="recognition", spot=Spot("4.tabula", Location(line=1412)))
    parts = [fact(7, metric="availability", territory="Džūkste"), fact(2, metric="availability", territory="Tume")]
    check_arithmetic([whole, *parts], [PartCheck(Pick("availability", "pakalpojums", territory=p.territory),
                                                 Pick("recognition", "pakalpojums")) for p in parts])
    assert [p.flag for p in parts] == ["'7' is more than the whole it is a part of, '3' (table 4, line 1412)", None]
    assert parts[0].flag_lv == "'7' ir vairāk nekā veselais, kura daļa tas ir: '3' (4.tabula, 1412. rinda)"


def test_an_exact_figure_outside_a_printed_range_is_flagged_with_the_range():
    low = fact(25000, subgroup="min", raw="25-30 tūkstoši", spot=Spot("text", Location(line=62)))
    high = fact(30000, subgroup="max", raw="30 tūkstoši", spot=Spot("text", Location(line=62)))
    for bound in (low, high):
        bound.add_flag("approximate", printed=bound.raw_value, value=bound.value)
    check = RangeCheck(Pick("persons", "pakalpojums", "min"), Pick("persons", "pakalpojums", "max"),
                       Pick("persons", "pakalpojums"))
    inside, outside = fact(30400, spot=Spot("text", Location(line=70))), fact(36003, raw="36 003", spot=Spot("text", Location(line=70)))
    check_arithmetic([low, high, inside], [check])
    assert inside.flag is None  # 30 tūkstoši stands for up to 30 500
    check_arithmetic([low, high, outside], [check])
    assert outside.flag == "'36 003' (text, line 70) lies outside the range 25,000–30,000 (text, line 62)"
    assert high.flag.endswith("'36 003' (text, line 70) lies outside the range 25,000–30,000 (text, line 62)")


def test_a_sum_of_rounded_figures_may_be_off_by_their_rounding():
    def approximate(value: float, raw: str) -> Fact:
        figure = fact(value, metric="residents", raw=raw)
        figure.add_flag("approximate", printed=raw, value=value)
        return figure

    town, total = approximate(19200, "19,2 tūkstoši"), approximate(31900, "31,9 tūkstoši")
    parishes = fact(12750, metric="residents", subgroup="pagasti", raw="12 750")
    town.subgroup = "pilsēta"
    check = SumCheck((Pick("residents", "pakalpojums", "pilsēta"), Pick("residents", "pakalpojums", "pagasti")),
                     Pick("residents", "pakalpojums"))
    check_arithmetic([town, parishes, total], [check])
    assert [r.kind for r in total.reasons] == ["approximate"]  # 31 950 is within 31 900 ± 50 ± 50
    parishes.value = 12900
    check_arithmetic([town, parishes, total], [check])
    assert total.reasons[-1].kind == "parts_differ"


def test_a_total_is_checked_against_whichever_subgroups_are_printed():
    check = ListedPartsCheck(Pick("persons", "aprūpe mājās"))
    total = fact(10, category="aprūpe mājās")
    levels = [fact(4, category="aprūpe mājās", subgroup="1. līmeņa aprūpe"),
              fact(6, category="aprūpe mājās", subgroup="2. līmeņa aprūpe")]
    check_arithmetic([total, *levels], [check])
    assert total.flag is None
    third = fact(1, category="aprūpe mājās", subgroup="3. līmeņa aprūpe")
    other = fact(5, category="cits pakalpojums", subgroup="1. līmeņa aprūpe")  # another total's part
    check_arithmetic([total, *levels, third, other], [check])
    assert kinds([total, other]) == [["parts_differ"], []]
    alone = fact(10, category="aprūpe mājās")
    check_arithmetic([alone], [check])  # no subgroup printed: nothing to check
    assert alone.flag is None
