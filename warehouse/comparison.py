"""The comparison of municipalities on one indicator of the catalogue (Salīdzinājums): parameterised SQL in,
DataFrames out, everything filtered, ranked and summarised in DuckDB.

One value per municipality and year: of the indicator's facts for the whole municipality (no territory),
a fact without a sub-group before one with (a sub-group is a part: women, a parish's clients, ...), then
the whole year before a part of it (`queries._reading_order`), then the largest (where a total and its
parts share an indicator, the total: it is never smaller than a part), then the first printed. `readings`
says how many facts the municipality had for it that year; Dati shows them all.

The country (Latvija) is no municipality: its figures are references and are left out. A name whose
territory changed at the 2021 reform (another municipality became part of it: Tukuma novads since 1 July
2021 holds the former Kandava, Engure and Jaunpils municipalities) is two series: its years before 2021
(`before_reform`) and from 2021 on. A change against the previous year never crosses the reform (the same
eras as `queries.year_on_year`: before 2021, 2021 itself, after it); the index (the series' first year = 100)
starts again in each series.
"""
from __future__ import annotations

import pandas as pd

from warehouse import seeds
from warehouse.queries import (_MUNICIPALITY_BY_NAME, _PROVENANCE, _RESIDENTS_FIGURE, REFORM_YEAR, _df,
                               _reading_order)

# How a value is shown: as printed, per resident, per 1 000 residents (only for an indicator whose values
# can be divided by residents: `per_resident` in the catalogue): what it is divided by, and its unit.
PER = {"": ("1", "f.printed_unit"), "resident": ("r.residents", "f.printed_unit || '_per_resident'"),
       "1000": ("(r.residents / 1000)", "'per_1000'")}
# The measures a reference band can be drawn for.
BAND_MEASURES = ("value", "change_pct", "index")

# Municipalities, not the country; and the names whose territory grew at the reform.
_MUNICIPAL = "f.municipality NOT IN (SELECT municipality FROM municipalities WHERE level = 'valsts')"
_GREW_AT_REFORM = """(SELECT became_part_of FROM municipalities
                      WHERE became_part_of IS NOT NULL AND became_part_of <> municipality)"""


def comparable_indicators(con) -> pd.DataFrame:
    """The catalogue's indicators that some municipality (not the country) has a yearly figure of for the
    whole municipality, with how many municipalities, years and the span of years: the most municipalities
    first, then counts and amounts (what can be divided by residents) before shares and rates, the most
    years, then by group and id. The first is the page's default."""
    # Counted per indicator first, the catalogue's text columns joined to the counts: grouping every fact
    # with them is slower.
    return _df(con, f"""
        WITH given AS (
            SELECT f.indicator, count(DISTINCT f.municipality) AS municipalities, count(DISTINCT f.year) AS years,
                   min(f.year) AS first_year, max(f.year) AS last_year
            FROM facts f
            WHERE f.indicator IS NOT NULL AND f.territory IS NULL AND f.year IS NOT NULL AND isfinite(f.value)
              AND {_MUNICIPAL}
            GROUP BY f.indicator
        )
        SELECT i.indicator, i.indicator_group, i.name_lv, i.name_en, i.definition_lv, i.definition_en, i.unit,
               i.per_resident, g.municipalities, g.years, g.first_year, g.last_year
        FROM given g JOIN indicators i USING (indicator)
        ORDER BY g.municipalities DESC, i.per_resident DESC, g.years DESC, i.indicator_group, i.indicator""")


def municipality_groups(con) -> pd.DataFrame:
    """Every municipality in force with its level (`valstspilsēta` or `novads`), its latest residents figure
    for the whole municipality (persons, no sub-group; the latest year, then the largest) with that year,
    and its size group (warehouse/seeds/size_groups.csv; none without a figure)."""
    groups = seeds.load_size_groups()
    return _df(con, """
        WITH latest AS (
            SELECT f.municipality, f.value AS residents, f.year AS residents_year
            FROM facts f
            WHERE f.topic = 'population' AND f.metric = 'residents' AND f.unit = 'persons' AND f.territory IS NULL
              AND f.subgroup IS NULL AND f.year IS NOT NULL AND isfinite(f.value) AND f.value > 0
            QUALIFY row_number() OVER (PARTITION BY f.municipality
                                       ORDER BY f.year DESC, f.revised_in IS NOT NULL, f.value DESC, f.fact_id) = 1
        )
        SELECT m.municipality, m.level, l.residents, l.residents_year,
               CASE WHEN l.residents IS NOT NULL
                    THEN list_extract(?, len(list_filter(?, lambda low: low <= l.residents))) END AS size_group
        FROM municipalities m LEFT JOIN latest l USING (municipality)
        WHERE m.valid_to IS NULL AND m.level <> 'valsts'
        ORDER BY m.municipality""", [[g.group for g in groups], [g.min_residents for g in groups]])


def indicator_coverage(con, indicator: str) -> pd.DataFrame:
    """The (municipality, year) pairs that have a figure of `indicator` for the whole municipality (not the
    country): what the comparison can offer."""
    return _df(con, f"""
        SELECT DISTINCT f.municipality, f.year FROM facts f
        WHERE f.indicator = ? AND f.territory IS NULL AND f.year IS NOT NULL AND isfinite(f.value) AND {_MUNICIPAL}
        ORDER BY f.municipality, f.year""", [indicator])


def _values(per: str) -> str:
    """The CTEs up to `compared`: one reading per municipality and year of indicator ? (parameters: the
    indicator, the municipalities or NULL for all, twice, the first and the last year, each twice), its value
    as shown (`per`, see PER), the residents it was divided by, the series it belongs to, its change against
    the previous year and its index."""
    if per not in PER:
        raise ValueError(f"not a way to show values: {per!r}")
    divisor, unit = PER[per]
    return f"""
        {_RESIDENTS_FIGURE}, readings AS (
            SELECT f.municipality, f.year, f.period, f.category, f.subgroup, f.indicator, f.value AS printed_value,
                   f.unit AS printed_unit, {_PROVENANCE}, f.fact_id,
                   count(*) OVER (PARTITION BY f.municipality, f.year) AS readings
            FROM facts f JOIN documents d USING (document_id)
            WHERE f.indicator = ? AND f.territory IS NULL AND f.year IS NOT NULL AND isfinite(f.value)
              AND {_MUNICIPAL} AND (? IS NULL OR list_contains(?, f.municipality))
              AND (? IS NULL OR f.year >= ?) AND (? IS NULL OR f.year <= ?)
            QUALIFY row_number() OVER (PARTITION BY f.municipality, f.year
                                       ORDER BY f.subgroup IS NOT NULL,
                                                {_reading_order(then="f.value DESC")}) = 1
        ), valued AS (
            SELECT f.*, m.level, r.residents, r.residents_year,
                   f.year < {REFORM_YEAR} AND f.municipality IN {_GREW_AT_REFORM} AS before_reform,
                   CASE WHEN {'true' if per == '' else 'i.per_resident'} THEN f.printed_value / {divisor} END
                       AS value,
                   {unit} AS unit
            FROM readings f JOIN indicators i USING (indicator)
            LEFT JOIN {_MUNICIPALITY_BY_NAME} m USING (municipality)
            LEFT JOIN residents_figure r
              ON r.municipality = f.municipality AND r.territory IS NULL AND r.year = f.year
        ), changed AS (
            -- over the values there are (a year without residents has none to compare)
            SELECT municipality, year,
                   lag(year) OVER era AS previous_year, lag(value) OVER era AS previous_value,
                   100 * value / nullif(first_value(value) OVER series, 0) AS index
            FROM valued WHERE value IS NOT NULL
            WINDOW era AS (PARTITION BY municipality, sign(year - {REFORM_YEAR}) ORDER BY year),
                   series AS (PARTITION BY municipality, before_reform ORDER BY year)
        ), compared AS (
            SELECT v.*, c.previous_year, c.previous_value,
                   100 * (v.value - c.previous_value) / nullif(abs(c.previous_value), 0) AS change_pct, c.index
            FROM valued v LEFT JOIN changed c USING (municipality, year)
        )"""


def _parameters(indicator: str, municipalities: tuple[str, ...] | None, year_from: int | None,
                year_to: int | None) -> list:
    chosen = None if municipalities is None else list(municipalities)
    return [indicator, chosen, chosen, year_from, year_from, year_to, year_to]


def indicator_values(con, indicator: str, municipalities: tuple[str, ...] | None = None,
                     year_from: int | None = None, year_to: int | None = None, per: str = "") -> pd.DataFrame:
    """One row per municipality (of `municipalities`, else every one) and year of `indicator` in the years
    asked: the value shown (`value`, `unit`: as printed, or per resident / per 1 000 residents with `per`;
    empty where the year has no residents figure, see `queries._RESIDENTS_FIGURE`), the fact it comes from
    (`printed_value`, `category`, `subgroup`, `period`, its provenance and flag, `readings`), the
    `residents` and `residents_year` divided by, `level`, `before_reform`, the change against the previous
    year of the same era (`previous_year`, `previous_value`, `change_pct`), the `index` and the `rank` in
    its year (1 the largest value). Ordered by year, then rank."""
    return _df(con, f"""
        WITH {_values(per)}
        SELECT municipality, level, before_reform, year, period, category, subgroup, indicator, value, unit,
               CASE WHEN value IS NOT NULL THEN rank() OVER (PARTITION BY year ORDER BY value DESC NULLS LAST)
               END AS rank,
               previous_year, previous_value, change_pct, index, printed_value, printed_unit, residents,
               residents_year, readings, file_name, source_table, page, line, source_ref, raw_value, flag, flag_lv,
               fact_id
        FROM compared
        ORDER BY year, value IS NULL, rank, municipality""", _parameters(indicator, municipalities, year_from, year_to))


def reference_band(con, indicator: str, municipalities: tuple[str, ...] | None = None,
                   year_from: int | None = None, year_to: int | None = None, per: str = "",
                   measure: str = "value") -> pd.DataFrame:
    """Per year, the lower quartile, the median and the upper quartile (`q1`, `median`, `q3`, continuous
    quantiles) of `measure` (value, change_pct or index, as `indicator_values` gives them) over the
    municipalities compared, with how many there were (`municipalities`)."""
    if measure not in BAND_MEASURES:
        raise ValueError(f"not a measure with a band: {measure!r}")
    return _df(con, f"""
        WITH {_values(per)}
        SELECT year, quantile_cont({measure}, 0.25) AS q1, quantile_cont({measure}, 0.5) AS median,
               quantile_cont({measure}, 0.75) AS q3, count({measure}) AS municipalities
        FROM compared
        WHERE {measure} IS NOT NULL
        GROUP BY year ORDER BY year""", _parameters(indicator, municipalities, year_from, year_to))
