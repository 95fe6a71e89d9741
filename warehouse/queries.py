"""Every query the dashboard runs: parameterised SQL in, DataFrames out. Pages never write SQL.

Each function takes a DuckDB connection or cursor first (the dashboard passes a fresh cursor per query)
and selects facts by topic and metric, never by a value: whatever the warehouse holds is shown. The one
exception: an infinite or undefined number (`inf`, `nan`: a broken or hostile upload) cannot be charted,
ranked or compared, so what the pages chart leaves it out; Dati, the quality list and the downloads keep it.
Functions that only reshape a DataFrame they were given (`year_on_year`, ...) live here too, so that the
pages stay a matter of drawing.
"""
from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa

from warehouse import seeds

# Topic/metric pairs whose largest row is a meaningful headline (a total or the biggest item) and whose
# change from one year to the next means something. Shares, recognition counts and thresholds are not.
HEADLINE_METRICS: list[tuple[str, str]] = [
    ("budget", "spend"),
    ("social_assistance", "spend"),
    ("social_assistance", "persons"),
    ("social_assistance", "households"),
    ("recipients", "persons"),
    ("staff", "specialists"),
    ("staff", "employees"),
    ("caseload", "active_cases"),
    ("population", "residents"),
    ("documents", "documents"),
]

# The 1 July 2021 administrative-territorial reform: a series of one municipality with years on both sides
# of it does not describe one territory.
REFORM_YEAR = 2021

# Where a fact was printed, short: its table (or "text", a chart's data, a sheet) and page or line, from the
# place columns (warehouse.source_refs says them).
_PLACE = "f.table_label AS source_table, f.page, f.line"


def _reading_order(rows: str = "f", then: str = "") -> str:
    """Which of several readings of one thing in one year a chart or a headline takes, as an ORDER BY over
    `rows` (facts or a selection of them): the newest publication's (a reading a later report revised,
    `revised_in`, last: warehouse.revisions); the whole year (`period` is the year itself) before a part of
    it, as the 2024 report prints 2021 both for 1.07.–31.12.2021. and as "2021. gadā"; then the order `then`
    (ORDER BY terms), if given; then the first printed. Dati shows every reading with its period."""
    return (f"{rows}.revised_in IS NOT NULL, {rows}.period IS DISTINCT FROM CAST({rows}.year AS VARCHAR), "
            f"{then + ', ' if then else ''}{rows}.fact_id")


# The residents figure of a place (a municipality, or a territory of it) for a year: the one rule every ratio
# uses (per resident, specialists per 1 000), as a CTE named residents_figure, one row per municipality,
# territory and year Y. It is a population/residents fact of that place in persons with no subgroup (a
# subgroup is a subset, such as the residents who declared their address there), of year Y or the nearest
# year within one; at equal distance the later year, then the newest publication's (warehouse.revisions),
# then the larger figure (a subset is never larger than the whole), then the first printed.
_RESIDENTS_FIGURE = """
    residents_figure AS (
        SELECT r.municipality, r.territory, r.year + shift.years AS year, r.value AS residents,
               r.year AS residents_year
        FROM facts r CROSS JOIN (VALUES (-1), (0), (1)) AS shift(years)
        WHERE r.topic = 'population' AND r.metric = 'residents' AND r.unit = 'persons' AND r.subgroup IS NULL
          AND r.year IS NOT NULL AND isfinite(r.value) AND r.value > 0
        QUALIFY row_number() OVER (PARTITION BY r.municipality, r.territory, r.year + shift.years
                                   ORDER BY abs(shift.years), r.year DESC, r.revised_in IS NOT NULL, r.value DESC,
                                            r.fact_id) = 1
    )"""


# One row per municipality name: a name both eras have (Tukuma novads before and after the 2021 reform) takes
# the row in force, which holds the reform note.
_MUNICIPALITY_BY_NAME = """(
    SELECT * FROM municipalities
    QUALIFY row_number() OVER (PARTITION BY municipality ORDER BY valid_to IS NULL DESC, valid_from DESC) = 1)"""


# Arrow's integer types as pandas' nullable ones: what DuckDB's own `.df()` gives a column with NULLs.
_NULLABLE_INTEGERS = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
                      pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(), pa.uint16(): pd.UInt16Dtype(),
                      pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype()}


def _df(con, sql: str, params: list | None = None) -> pd.DataFrame:
    """The result as a DataFrame, through Arrow: at national scale DuckDB's own `.df()` takes about ten times
    as long for the same rows. The column types are those `.df()` gives, which the pages rely on: an integer
    column with NULLs is a nullable integer (Arrow would make it float), a date is a datetime64 (Arrow would
    make it Python dates); strings are pandas strings, a column of NULLs too."""
    # On a cursor of its own: DuckDB refuses `sql` on a connection with a result still unread.
    with con.cursor() as cursor:
        table = cursor.sql(sql, params=params or None).to_arrow_table()
    frame = table.to_pandas()
    for name, column in zip(table.column_names, table.columns):
        if column.null_count and column.type in _NULLABLE_INTEGERS:
            frame[name] = column.to_pandas(types_mapper=_NULLABLE_INTEGERS.get)
        elif pa.types.is_date(column.type):
            frame[name] = column.to_pandas(date_as_object=False).astype("datetime64[us]")
    return frame


def _among(column: str, values: tuple[str, ...]) -> tuple[str, list]:
    """A condition that `column` is one of `values` (none given: any), and its parameters."""
    return ("list_contains(?, " + column + ")", [list(values)]) if values else ("true", [])


# --------------------------------------------------------------------------- the warehouse as a whole

def overview(con) -> pd.DataFrame:
    """One row: how many documents, municipalities (the country is none), years, facts and flagged facts the
    warehouse holds."""
    return _df(con, """
        SELECT (SELECT count(*) FROM documents) AS documents,
               (SELECT count(*) FROM documents WHERE is_primary) AS primary_documents,
               count(DISTINCT municipality) FILTER (WHERE municipality NOT IN
                   (SELECT municipality FROM municipalities WHERE level = 'valsts')) AS municipalities,
               min(year) AS first_year, max(year) AS last_year,
               count(DISTINCT year) AS years,
               count(*) AS facts,
               count(flag) AS flagged
        FROM facts""")


def municipalities(con) -> pd.DataFrame:
    """Municipalities that have facts, with their English name, reform notes and span of years."""
    return _df(con, f"""
        SELECT * FROM (
            SELECT f.municipality, m.name_en, m.level, m.note_lv, m.note_en,
                   count(*) AS facts, min(f.year) AS first_year, max(f.year) AS last_year
            FROM facts f LEFT JOIN {_MUNICIPALITY_BY_NAME} m USING (municipality)
            GROUP BY ALL)
        -- municipalities first, the most documented first; the country last
        ORDER BY coalesce(level = 'valsts', false), facts DESC, municipality""")


def coverage(con) -> pd.DataFrame:
    """Facts counted by municipality and topic (rows) and year (a column per year, named by it, in order;
    none where there are none): what the warehouse can answer questions about. Facts without a year are
    left out."""
    return _df(con, """
        PIVOT (SELECT municipality, topic, CAST(year AS VARCHAR) AS year, count(*) AS facts FROM facts
               WHERE year IS NOT NULL GROUP BY ALL)
        ON year USING first(facts) GROUP BY municipality, topic
        ORDER BY municipality, topic""")


def headline_years(con) -> pd.DataFrame:
    """(municipality, year) pairs that have at least one headline figure, with how many headline
    topic/metric pairs each has (`figures`): a year with a lone as-of count makes a poor default."""
    pairs = " OR ".join("(topic = ? AND metric = ?)" for _ in HEADLINE_METRICS)
    params = [x for pair in HEADLINE_METRICS for x in pair]
    return _df(con, f"""
        SELECT municipality, year, count(DISTINCT (topic, metric)) AS figures FROM facts
        WHERE year IS NOT NULL AND territory IS NULL AND subgroup IS NULL AND unit <> 'percent' AND isfinite(value)
          AND ({pairs})
        GROUP BY ALL ORDER BY municipality, year""", params)


def headlines(con, municipality: str, year: int) -> pd.DataFrame:
    """For each headline topic/metric: its largest row in `year` for the municipality as a whole, and the
    same row in the latest earlier year that gives it, with the absolute and relative change."""
    pairs = " OR ".join("(f.topic = ? AND f.metric = ?)" for _ in HEADLINE_METRICS)
    params = [x for pair in HEADLINE_METRICS for x in pair]
    return _df(con, f"""
        WITH rows AS (
            -- one reading per row and year
            SELECT f.topic, f.metric, f.category, f.unit, f.year, f.value, d.file_name,
                   {_PLACE}
            FROM facts f JOIN documents d USING (document_id)
            WHERE f.municipality = ? AND f.territory IS NULL AND f.subgroup IS NULL AND f.year IS NOT NULL
              AND f.unit <> 'percent' AND isfinite(f.value) AND ({pairs})
            QUALIFY row_number() OVER (PARTITION BY f.topic, f.metric, f.category, f.unit, f.year
                                       ORDER BY {_reading_order()}) = 1
        ), ranked AS (
            SELECT *, row_number() OVER (PARTITION BY topic, metric, unit ORDER BY value DESC, category) AS rank
            FROM rows WHERE year = ?
        ), top AS (
            SELECT * EXCLUDE (rank) FROM ranked WHERE rank = 1
        ), previous AS (
            SELECT t.topic, t.metric, t.category, t.unit, max(r.year) AS previous_year
            FROM top t JOIN rows r USING (topic, metric, category, unit)
            WHERE r.year < t.year GROUP BY ALL
        )
        SELECT t.*, p.previous_year, r.value AS previous_value,
               t.value - r.value AS change,
               CASE WHEN r.value <> 0 THEN 100 * (t.value - r.value) / abs(r.value) END AS change_pct
        FROM top t
        LEFT JOIN previous p USING (topic, metric, category, unit)
        LEFT JOIN rows r ON r.topic = t.topic AND r.metric = t.metric AND r.category = t.category
                        AND r.unit = t.unit AND r.year = p.previous_year
        ORDER BY list_position(?, t.topic || '/' || t.metric)""",
               [municipality, *params, year, [f"{a}/{b}" for a, b in HEADLINE_METRICS]])


# --------------------------------------------------------------------------- helpers for the pages

def spans_reform(years) -> bool:
    """Whether a set of years has years before and after the 2021 reform (2021 itself counts as both)."""
    years = [int(y) for y in pd.Series(years).dropna().unique()]
    return bool(years) and min(years) <= REFORM_YEAR <= max(years) and min(years) < max(years)


def likely_totals(frame: pd.DataFrame) -> set[str]:
    """Labels that are totals: named so (`Kopā`, `Pavisam`), or about as large (within a tenth) as all the
    other whole rows of the same table and year together (a subtotal printed above its parts; an item
    merely larger than the others together, as housing benefit is among the benefits, is not one), or
    within a twentieth of all the whole rows of another table of three or more that year (a sum the text
    gives for a table's items). Used to leave them out of a chart's default rows, where a total next to its
    parts dwarfs them; the reader can still add them."""
    named = {l for l in frame["label"].unique() if re.match(r"(?i)^\s*(kopā|pavisam)\b", l)}
    whole = frame[~frame["is_child"] & ~frame["label"].isin(named)]
    places = whole["source_table"]
    groups = whole.groupby([places, whole["year"]])["value"]
    total, size = groups.transform("sum"), groups.transform("size")
    others = total - whole["value"]
    summed = whole.loc[(size > 2) & whole["value"].between(0.9 * others, 1.1 * others), "label"]
    tables = whole.groupby([places, whole["year"]])["value"].agg(["size", "sum"])
    tables = tables[tables["size"] > 2].reset_index(names=["place", "year"])
    elsewhere = whole.assign(place=places).merge(tables, on="year", suffixes=("", "_table"))
    elsewhere = elsewhere[(elsewhere["place"] != elsewhere["place_table"])
                          & elsewhere["value"].between(0.95 * elsewhere["sum"], 1.05 * elsewhere["sum"])]
    return named | set(summed) | set(elsewhere["label"])


def chart_rows(frame: pd.DataFrame, how_many: int) -> tuple[list[str], list[str]]:
    """The row labels of a year series, largest latest value first, and the ones a chart starts with: the
    largest whole rows of the main table of the latest year (one table compares like with like, and the
    latest year is what a reader asks first), without totals (a total next to its parts dwarfs them) and
    without `t.sk.` parts."""
    if frame.empty:
        return [], []
    latest = frame.sort_values("year").groupby("label", sort=False).last().sort_values("value", ascending=False)
    totals = likely_totals(frame)
    main = main_place(frame[(frame["year"] == frame["year"].max()) & ~frame["is_child"]], totals)
    keep = ~latest["is_child"] & ~latest.index.isin(totals)
    if main:
        keep &= latest["source_table"] == main
    return latest.index.tolist(), latest[keep].index[:how_many].tolist()


def main_place(frame: pd.DataFrame, totals: set[str] = frozenset()) -> str | None:
    """Of the tables that give at least three rows of `frame`, the one whose rows other than `totals` add up
    to the most: a chart drawn from one table compares like with like, and the table of the largest items
    (the benefits, not the small allowances) is what a reader asks about first. The figures of the text
    count as one table."""
    if frame.empty:
        return None
    places = frame.assign(amount=frame["value"].where(~frame["label"].isin(totals), 0.0)).groupby("source_table").agg(
        rows=("label", "nunique"), amount=("amount", "sum"))
    # A report that prints each service in its own small table has no main table.
    places = places[places["rows"] >= 3].sort_values("amount", ascending=False, kind="stable")
    return places.index[0] if not places.empty else None


# --------------------------------------------------------------------------- Dati: any slice of facts

FACT_COLUMNS = ["fact_id", "municipality", "territory", "year", "period", "topic", "metric", "category",
                "indicator", "subgroup", "value", "unit", "raw_value", "flag", "flag_lv", "document_id", "source_ref"]

# A fact's indicator named in both languages, beside its id, over facts f LEFT JOIN indicators i.
INDICATOR_NAME_COLUMNS = ["indicator_name_lv", "indicator_name_en"]
_INDICATOR_NAMES = "i.name_lv AS indicator_name_lv, i.name_en AS indicator_name_en"


def fact_facets(con) -> pd.DataFrame:
    """The (municipality, topic, metric, indicator) combinations the facts have, with their years: the Dati
    page's filter options, each narrowed by the others."""
    return _df(con, """
        SELECT municipality, topic, metric, indicator, min(year) AS first_year, max(year) AS last_year,
               count(*) AS facts
        FROM facts GROUP BY ALL ORDER BY municipality, topic, metric, indicator""")


def indicators(con, chosen: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The indicator catalogue (all of it, or the `chosen` ids), in the order of its groups and then of the
    catalogue's ids: id, group, names, definitions and unit."""
    return _df(con, """
        SELECT indicator, indicator_group, name_lv, name_en, definition_lv, definition_en, unit
        FROM indicators
        WHERE ? IS NULL OR list_contains(?, indicator)
        ORDER BY indicator_group, indicator""", [None if chosen is None else list(chosen)] * 2)


def _slice_filter(municipalities: tuple[str, ...] = (), topics: tuple[str, ...] = (),
                  metrics: tuple[str, ...] = (), year_from: int | None = None, year_to: int | None = None,
                  flagged_only: bool = False, text: str = "", indicators: tuple[str, ...] = ()) -> tuple[str, list]:
    """The WHERE clause over facts f, and its parameters, of a Dati slice (see `facts_slice`)."""
    where, params = ["true"], []
    for column, values in (("municipality", municipalities), ("topic", topics), ("metric", metrics),
                           ("indicator", indicators)):
        condition, given = _among(f"f.{column}", values)
        where.append(condition)
        params += given
    if year_from is not None:
        where.append("f.year >= ?")
        params.append(int(year_from))
    if year_to is not None:
        where.append("f.year <= ?")
        params.append(int(year_to))
    if flagged_only:
        where.append("f.flag IS NOT NULL")
    if text.strip():
        where.append("concat_ws(' ', f.category, f.subgroup, f.territory, f.raw_value, f.flag, f.flag_lv) ILIKE ?")
        params.append(f"%{text.strip()}%")
    return " AND ".join(where), params


def facts_slice(con, *filters, limit: int | None = None, **named) -> pd.DataFrame:
    """Facts matching every filter given — municipalities, topics, metrics (tuples: an empty one is no
    filter), year_from, year_to, flagged_only, text, indicators (a tuple too) — with their indicator's names
    after its id and the file each was read from; the first `limit` only, when given. `text` searches the labels (category,
    subgroup, territory), the printed text and the reasons, case aside. Facts without a year are kept only
    when no year range is asked for."""
    where, params = _slice_filter(*filters, **named)
    columns = ", ".join(f"f.{c}" + (f", {_INDICATOR_NAMES}" if c == "indicator" else "") for c in FACT_COLUMNS)
    return _df(con, f"""
        SELECT {columns}, d.file_name, {_PLACE}
        FROM facts f JOIN documents d USING (document_id) LEFT JOIN indicators i ON i.indicator = f.indicator
        WHERE {where}
        ORDER BY f.municipality, f.topic, f.metric, f.year NULLS LAST, f.fact_id
        {'LIMIT ?' if limit is not None else ''}""", params + ([int(limit)] if limit is not None else []))


def facts_count(con, *filters, **named) -> pd.DataFrame:
    """How many facts a Dati slice holds (the filters of `facts_slice`): one row, `facts`."""
    where, params = _slice_filter(*filters, **named)
    return _df(con, f"SELECT count(*) AS facts FROM facts f WHERE {where}", params)


# --------------------------------------------------------------------------- the data package

PACKAGE_TABLES = ("facts", "indicators", "documents", "municipalities", "code_names", "territories", "case_codes",
                  "raw_tables", "corrections", "ingest_log",
                  "quality", "municipality_population")


def table_columns(con) -> pd.DataFrame:
    """Every column of the package's tables and views, with its DuckDB type, in table order; the package's
    facts end with their indicator's names (see `table`)."""
    return _df(con, """
        SELECT table_name, column_name, data_type, ordinal_position
        FROM information_schema.columns
        WHERE table_schema = 'main' AND list_contains(?, table_name)
        UNION ALL
        SELECT 'facts', name, 'VARCHAR', (SELECT max(ordinal_position) FROM information_schema.columns
                                          WHERE table_schema = 'main' AND table_name = 'facts') + position
        FROM (SELECT unnest(?) AS name, generate_subscripts(?, 1) AS position)
        ORDER BY table_name, ordinal_position""", [list(PACKAGE_TABLES), *[INDICATOR_NAME_COLUMNS] * 2])


def table(con, name: str) -> pd.DataFrame:
    """A whole table or view of the package (only those: the name is checked, never interpolated blind); the
    facts with their indicator's names after their own columns, so that a researcher reads what each
    measures without a join."""
    if name not in PACKAGE_TABLES:
        raise ValueError(f"not a package table: {name}")
    if name == "facts":
        return _df(con, f"""
            SELECT f.*, {_INDICATOR_NAMES}
            FROM facts f LEFT JOIN indicators i ON i.indicator = f.indicator ORDER BY f.fact_id""")
    order = {"documents": "file_name", "raw_tables": "document_id, table_ref, row_index, col_index",
             "corrections": "sha256, fact_key", "ingest_log": "logged_at, rowid",
             "quality": "fact_id", "indicators": "indicator_group, indicator"}.get(name, "1")
    return _df(con, f"SELECT * FROM {name} ORDER BY {order}")


def fact_units(con) -> pd.DataFrame:
    return _df(con, "SELECT unit, count(*) AS facts FROM facts GROUP BY unit ORDER BY facts DESC")


def documents(con, municipality: str | None = None) -> pd.DataFrame:
    """The documents (of one municipality, or all) with their metadata (not their text) and how many facts
    and flagged facts each gave."""
    return _df(con, """
        WITH counted AS (
            SELECT document_id, count(*) AS facts, count(flag) AS flagged FROM facts GROUP BY document_id
        )
        SELECT d.document_id, d.file_name, d.municipality, d.kind, d.title, d.period, d.published, d.format,
               d.layout, d.pages, d.is_primary, r.file_name AS rendition_of_file, d.ingested_at,
               coalesce(c.facts, 0) AS facts, coalesce(c.flagged, 0) AS flagged
        FROM documents d
        LEFT JOIN counted c USING (document_id)
        LEFT JOIN documents r ON r.document_id = d.rendition_of
        WHERE ? IS NULL OR d.municipality = ?
        ORDER BY d.municipality, d.file_name""", [municipality, municipality])


# --------------------------------------------------------------------------- Avoti un kvalitāte

def _quality_filter(file_name: str | None, municipality: str | None) -> tuple[str, list]:
    """The WHERE clause over quality q of one file and one municipality (None: any), and its parameters."""
    return "(? IS NULL OR q.file_name = ?) AND (? IS NULL OR q.municipality = ?)", [file_name] * 2 + [municipality] * 2


def quality(con, file_name: str | None = None, municipality: str | None = None,
            limit: int | None = None) -> pd.DataFrame:
    """Every flagged value: what was printed, what was read, why, and where; optionally of one file and of
    one municipality; the first `limit` only, when given."""
    where, params = _quality_filter(file_name, municipality)
    return _df(con, f"""
        SELECT q.printed, q.read_as, q.unit, q.why, q.why_lv, q.file_name, q.source_ref,
               q.municipality, q.year, q.topic, q.metric, q.category, q.subgroup, q.fact_id
        FROM quality q
        WHERE {where}
        ORDER BY q.file_name, q.fact_id
        {'LIMIT ?' if limit is not None else ''}""", params + ([int(limit)] if limit is not None else []))


def quality_count(con, file_name: str | None = None, municipality: str | None = None) -> pd.DataFrame:
    """How many flagged values `quality` lists with these filters: one row, `flagged`."""
    where, params = _quality_filter(file_name, municipality)
    return _df(con, f"SELECT count(*) AS flagged FROM quality q WHERE {where}", params)


def _revisions_filter(municipality: str | None, newer_document: str | None) -> tuple[str, list]:
    return ("f.revised_in IS NOT NULL AND (? IS NULL OR f.municipality = ?) AND (? IS NULL OR f.revised_in = ?)",
            [municipality] * 2 + [newer_document] * 2)


def revisions(con, municipality: str | None = None, limit: int | None = None,
              newer_document: str | None = None) -> pd.DataFrame:
    """Every value a newer report revised (warehouse.revisions), of one municipality or all, or only those
    the document `newer_document` revised (what an upload would revise, on a trial copy): the thing and
    year, its indicator with both names, the older value and its document, file and place, and the newer
    value (the newer document's first reading of it) and its document, file and place; by municipality,
    indicator and year; the first `limit` only, when given."""
    where, params = _revisions_filter(municipality, newer_document)
    return _df(con, f"""
        SELECT f.municipality, f.territory, f.year, f.period, f.topic, f.metric, f.category, f.subgroup,
               f.indicator, {_INDICATOR_NAMES}, f.unit,
               f.value AS old_value, f.raw_value AS old_raw_value, f.document_id AS old_document_id,
               od.file_name AS old_file_name, f.source_ref AS old_source_ref,
               n.value AS new_value, n.raw_value AS new_raw_value, n.document_id AS new_document_id,
               nd.file_name AS new_file_name, n.source_ref AS new_source_ref, f.fact_id, n.fact_id AS new_fact_id
        FROM facts f
        JOIN documents od ON od.document_id = f.document_id
        JOIN facts n ON n.document_id = f.revised_in AND n.municipality = f.municipality
             AND n.territory IS NOT DISTINCT FROM f.territory AND n.topic = f.topic AND n.metric = f.metric
             AND n.category = f.category AND n.subgroup IS NOT DISTINCT FROM f.subgroup AND n.unit = f.unit
             AND n.year IS NOT DISTINCT FROM f.year AND n.period IS NOT DISTINCT FROM f.period
        JOIN documents nd ON nd.document_id = n.document_id
        LEFT JOIN indicators i ON i.indicator = f.indicator
        WHERE {where}
        QUALIFY row_number() OVER (PARTITION BY f.fact_id ORDER BY n.fact_id) = 1
        ORDER BY f.municipality, f.indicator NULLS LAST, f.topic, f.metric, f.category, f.year, f.fact_id
        {'LIMIT ?' if limit is not None else ''}""", params + ([int(limit)] if limit is not None else []))


def revisions_count(con, municipality: str | None = None, newer_document: str | None = None) -> pd.DataFrame:
    """How many values `revisions` lists: one row, `revisions`."""
    where, params = _revisions_filter(municipality, newer_document)
    return _df(con, f"SELECT count(*) AS revisions FROM facts f WHERE {where}", params)


def ingest_log(con, limit: int | None = None) -> pd.DataFrame:
    """The ingest log (warehouse.ingest_log), newest first: every ingest, removal and correction; the first
    `limit` only, when given."""
    return _df(con, f"""
        SELECT logged_at, who, action, file_name, sha256, document_id, outcome, facts_added, facts_replaced,
               facts_removed
        FROM ingest_log
        ORDER BY logged_at DESC, rowid DESC
        {'LIMIT ?' if limit is not None else ''}""", [int(limit)] if limit is not None else [])


# Latvian endings (longest first) taken off a searched word so that its other forms are found too:
# "asistents" finds "asistenta pakalpojums", "asistentu"; "slodze" finds "slodzes". A stem keeps at least four
# letters, so short words are searched as written.
_ENDINGS = sorted(["iem", "ām", "ēm", "os", "as", "es", "is", "us", "ai", "ei", "am", "em", "im", "um", "ie",
                   "a", "e", "i", "u", "s", "š", "ā", "ē", "ī", "ū", "o"], key=len, reverse=True)
_STEM_LENGTH = 4


def search_stem(word: str) -> str:
    """The part of a searched word its Latvian forms share (lower case); a number or a short word as it is."""
    low = word.lower()
    if low.isalpha():
        for ending in _ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= _STEM_LENGTH:
                return low[:-len(ending)]
    return low


# A letter, digit or underscore in any script: RE2's `\w` is ASCII only, so "š" would end a word there.
_WORD_CHARACTER = r"[\pL\pN_]"


def _search_regex(query: str) -> str:
    """The words of `query` in order, each by its stem with any ending, separated by anything not a letter,
    case aside (RE2, as DuckDB reads it): group 2 is the words found, group 1 the character before them (or
    the start of the text), since RE2 has no look-behind to say "not inside a word"."""
    parts = [re.escape(search_stem(w)) + (_WORD_CHARACTER + "*" if w.isalpha() else "") for w in query.split()]
    outside = _WORD_CHARACTER.replace("[", "[^", 1)
    return f"(?i)(^|{outside})({(outside + '+').join(parts)})"


def search_text(con, query: str, per_document: int = 8, width: int = 90) -> pd.DataFrame:
    """Where `query` occurs in the reports' text, its words in any Latvian form (`search_stem`), case aside:
    one row per occurrence, up to `per_document` per report, with the words around it (up to `width`
    characters, within the line) and `matches`, the report's total. A report is searched once, in its
    primary document's text (a PDF and its text rendition are one report), and named by its primary file. A
    hit in a PDF gives its `page` (form feeds before it + 1), in a text file its `line`. All of it in SQL:
    no text leaves the warehouse, only the snippets."""
    columns = ["file_name", "municipality", "matches", "page", "line", "before", "match", "after"]
    query = (query or "").strip()
    if not query:
        return pd.DataFrame(columns=columns)
    stems = [search_stem(w) for w in query.split()]
    pattern = _search_regex(query)
    return _df(con, f"""
        WITH found AS (
            SELECT coalesce(p.file_name, d.file_name) AS file_name,
                   coalesce(p.municipality, d.municipality) AS municipality, d.text,
                   strpos(d.text, chr(12)) > 0 AS paged
            FROM documents d LEFT JOIN documents p ON p.document_id = d.rendition_of
            WHERE d.text IS NOT NULL AND {' AND '.join('strpos(lower(d.text), ?) > 0' for _ in stems)}
            QUALIFY row_number() OVER (PARTITION BY coalesce(d.rendition_of, d.document_id)
                                       ORDER BY d.is_primary DESC, d.file_name) = 1
        ), hits AS (
            -- every match with the character before it, and the text between the matches
            SELECT *, regexp_extract_all(text, ?) AS whole, regexp_split_to_array(text, ?) AS pieces FROM found
        ), placed AS (
            -- where the i-th match's words start: after every piece and match before it, and its first
            -- character when that is the one before the words
            SELECT file_name, municipality, text, paged, len(whole) AS matches, regexp_extract(whole[i], ?, 2) AS match,
                   CAST(1 + coalesce(list_sum(list_transform(pieces[1:i], lambda x: length(x))), 0)
                          + coalesce(list_sum(list_transform(whole[1:i - 1], lambda x: length(x))), 0)
                          + length(whole[i]) - length(regexp_extract(whole[i], ?, 2)) AS BIGINT) AS start
            FROM hits, unnest(generate_series(1, least(len(whole), ?))) AS n(i)
        ), cut AS (
            SELECT *, left(text, start - 1) AS head FROM placed
        )
        SELECT file_name, municipality, matches,
               CASE WHEN paged THEN length(head) - length(replace(head, chr(12), '')) + 1 END AS page,
               CASE WHEN NOT paged THEN length(head) - length(replace(head, chr(10), '')) + 1 END AS line,
               regexp_extract(right(head, ?), '[^\n\f]*$') AS before, match,
               regexp_extract(substr(text, start + length(match), ?), '^[^\n\f]*') AS after
        FROM cut
        ORDER BY file_name, start""", [*stems, pattern, pattern, pattern, pattern, per_document, width, width]
               ).astype({"page": "Int64", "line": "Int64"})


# --------------------------------------------------------------------------- series by year (Budžets, Saņēmēji)

# Sub-group words that name a gender (as the reports print them); "Kopā" (total) marks the row's total.
GENDER_WORDS = ("vīrieši", "sievietes", "zēni", "meitenes")
TOTAL_WORDS = ("kopā",)

# The columns every chart table carries, so that the source line under a chart and the table toggle work the
# same way.
_PROVENANCE = f"d.file_name, {_PLACE}, f.source_ref, f.raw_value, f.flag, f.flag_lv"


def series_options(con, topics: tuple[str, ...], unit: str | None = None) -> pd.DataFrame:
    """(municipality, topic, metric, unit) combinations with yearly figures for the whole municipality, with
    their span of years: what the year-series pages can offer."""
    return _df(con, """
        SELECT * FROM (
            SELECT municipality, topic, metric, unit, count(*) AS facts, min(year) AS first_year,
                   max(year) AS last_year, count(DISTINCT year) AS years
            FROM facts
            WHERE list_contains(?, topic) AND year IS NOT NULL AND territory IS NULL AND (? IS NULL OR unit = ?)
              AND unit <> 'percent' AND isfinite(value)
            GROUP BY ALL)
        ORDER BY municipality, list_position(?, topic), facts DESC""",
               [list(topics), unit, unit, list(topics)])


def series(con, municipality: str, topic: str, metric: str, unit: str | None = None,
           year_from: int | None = None, year_to: int | None = None, per_resident: bool = False) -> pd.DataFrame:
    """One municipality's yearly figures of a topic/metric, one value per row label and year (the whole year
    before a part of it, then the first printed; every reading stays in Dati), with its `indicator`. Each row
    gets: `label` (the printed category, with the sub-group's qualifier where it has one), `gender` (when the
    sub-group names one) and `is_child` (a `t.sk.` part, printed `parent / part`).

    With `per_resident`, each value divided by the municipality's residents figure for its year (see
    _RESIDENTS_FIGURE), the unit `<unit>_per_resident`, with `residents` and `residents_year` saying what it
    was divided by; years without a residents figure are left out."""
    if per_resident:
        final = """SELECT c.* REPLACE (c.value / r.residents AS value, c.unit || '_per_resident' AS unit),
                          r.residents, r.residents_year
                   FROM chosen c JOIN residents_figure r
                     ON r.municipality = c.municipality AND r.territory IS NULL AND r.year = c.year"""
    else:
        final = "SELECT * FROM chosen"
    return _df(con, f"""
        WITH {_RESIDENTS_FIGURE}, base AS (
            SELECT f.*, {_PROVENANCE},
                   lower(trim(split_part(f.subgroup, ',', 1))) AS first_word,
                   CASE WHEN strpos(f.subgroup, ',') > 0
                        THEN trim(substr(f.subgroup, strpos(f.subgroup, ',') + 1)) END AS rest
            FROM facts f JOIN documents d USING (document_id)
            WHERE f.municipality = ? AND f.topic = ? AND f.metric = ? AND f.year IS NOT NULL AND isfinite(f.value)
              AND f.territory IS NULL AND (? IS NULL OR f.unit = ?)
              AND (? IS NULL OR f.year >= ?) AND (? IS NULL OR f.year <= ?)
        ), labelled AS (
            SELECT *,
                   CASE WHEN list_contains(?, first_word) THEN trim(split_part(subgroup, ',', 1)) END AS gender,
                   category || coalesce(' — ' || CASE WHEN subgroup IS NULL THEN NULL
                                                      WHEN list_contains(?, first_word)
                                                        OR list_contains(?, first_word) THEN rest
                                                      ELSE subgroup END, '') AS label,
                   strpos(category, ' / ') > 0 AS is_child
            FROM base
        ), chosen AS (
            SELECT municipality, year, period, topic, metric, category, indicator, subgroup, label, gender, is_child,
                   value, unit, file_name, source_table, page, line, source_ref, raw_value, flag, flag_lv, fact_id
            FROM labelled
            QUALIFY row_number() OVER (PARTITION BY label, coalesce(gender, ''), unit, year
                                       ORDER BY {_reading_order("labelled")}) = 1
        )
        {final}
        ORDER BY year, fact_id""",
               [municipality, topic, metric, unit, unit, year_from, year_from, year_to, year_to,
                list(GENDER_WORDS), list(GENDER_WORDS), list(TOTAL_WORDS)])


def series_rows(con, municipality: str, topic: str, metric: str, unit: str | None = None,
                year_from: int | None = None, year_to: int | None = None, how_many: int = 6,
                gender: bool = False) -> pd.DataFrame:
    """The rows (labels) of `series`, largest latest value first, with `is_default` for the ones a chart
    starts with (see `chart_rows`); gender rows left out unless `gender`."""
    frame = series(con, municipality, topic, metric, unit, year_from, year_to)
    if not gender:
        frame = frame[frame["gender"].isna()]
    rows, default = chart_rows(frame, how_many)
    return pd.DataFrame({"label": rows, "is_default": [r in default for r in rows]})


def residents(con, municipality: str, year: int, territory: str | None = None) -> pd.DataFrame:
    """The residents figure of a municipality (or a territory of it) for `year` (see _RESIDENTS_FIGURE):
    one row of `residents` and `residents_year`, none when there is no figure within a year."""
    return _df(con, f"""
        WITH {_RESIDENTS_FIGURE}
        SELECT residents, residents_year FROM residents_figure
        WHERE municipality = ? AND territory IS NOT DISTINCT FROM ? AND year = ?""",
               [municipality, territory, int(year)])


def _era(year: int) -> int:
    """-1 before the 2021 reform, 0 the reform year itself (half before, half after), 1 after it."""
    return (year > REFORM_YEAR) - (year < REFORM_YEAR)


def year_on_year(frame: pd.DataFrame, key: str = "label") -> pd.DataFrame:
    """Each row's change against the same `key`'s previous year in the frame: absolute and in percent.
    The previous year is the latest earlier year the frame has for that key (stated in `previous_year`),
    never across the 2021 reform: a municipality before and after it is not the same territory."""
    columns = [key, "year", "value", "previous_year", "previous_value", "change", "change_pct", "unit"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    out = frame.sort_values([key, "year"]).copy()
    grouped = out.groupby([key, out["year"].map(_era)], sort=False)
    out["previous_year"] = grouped["year"].shift(1).astype("Int64")
    out["previous_value"] = grouped["value"].shift(1)
    out["change"] = out["value"] - out["previous_value"]
    out["change_pct"] = (out["change"] / out["previous_value"].abs() * 100).where(out["previous_value"] != 0)
    return out[columns].reset_index(drop=True)


# Service names that say where the care happens (warehouse/seeds/care_settings.csv, lower-case stems), tried
# institutional first, so that a name that says both ("bērnu nams/ patversme") is an institution.
_CARE_SETTINGS = [(c.setting, re.compile(c.words))
                  for c in sorted(seeds.load_care_settings(), key=lambda c: seeds.SETTINGS.index(c.setting))]


def care_setting(label: str) -> str | None:
    """`institutional`, `community`, or None for a service name that says neither (totals, benefits, ...)."""
    low = (label or "").lower()
    return next((setting for setting, words in _CARE_SETTINGS if words.search(low)), None)


def by_setting(frame: pd.DataFrame) -> pd.DataFrame:
    """Recipients of whole services (not `t.sk.` parts, not gender rows), each tagged with its care setting;
    services whose names say neither are left out."""
    if frame.empty:
        return frame.assign(setting=pd.Series(dtype=object))
    rows = frame[~frame["is_child"] & frame["gender"].isna()].copy()
    rows["setting"] = rows["label"].map({label: care_setting(label) for label in rows["label"].unique()})
    return rows[rows["setting"].notna()].reset_index(drop=True)


def services_per_year(frame: pd.DataFrame) -> dict[int, int]:
    """How many distinct services (`label`) each year of `frame` counts: where the numbers differ, the
    years' sums cover different services and do not compare."""
    return {int(year): int(count) for year, count in frame.groupby("year")["label"].nunique().items()}


# --------------------------------------------------------------------------- Lietu slodze

# Caseload facts whose sub-group is `<code>`, or `<code>/<sub-label>` ("KC/bērni un jaunieši", "KC/ seniori"),
# optionally followed by ` (<stage>)` for the pilot's tables ("SP (pirms pārdales)"), read by that contract into
# `code`, `sub_label` and `stage` (empty text where absent), as CTEs parts and read over facts f; `{where}`
# narrows the facts.
_CASE_CODED = """
    parts AS (
        SELECT f.*, regexp_extract(f.subgroup, '\\(([^()]*)\\)\\s*$', 1) AS stage,
               trim(regexp_replace(f.subgroup, '\\s*\\([^()]*\\)\\s*$', '')) AS head
        FROM facts f
        WHERE f.topic = 'caseload' AND f.metric = 'active_cases' AND isfinite(f.value) AND f.revised_in IS NULL
          AND {where}
    ), read AS (
        SELECT *, trim(split_part(head, '/', 1)) AS code,
               CASE WHEN strpos(head, '/') > 0 THEN trim(substr(head, strpos(head, '/') + 1)) ELSE ''
               END AS sub_label
        FROM parts
    )"""


def caseload_municipalities(con) -> pd.DataFrame:
    """The municipalities (and the country) with counts of active cases per position or ranges of cases per
    worker, and how many such facts each has."""
    return _df(con, """
        SELECT municipality, count(*) AS facts FROM facts
        WHERE topic = 'caseload' AND metric IN ('active_cases', 'cases_per_worker') AND isfinite(value)
        GROUP BY municipality ORDER BY facts DESC, municipality""")


def caseload_positions(con, municipalities: tuple[str, ...] = ()) -> pd.DataFrame:
    """Active cases per worker position, split by case code, of the `municipalities` (none: all): every
    caseload/active_cases fact whose sub-group names a code of the case-code legend (see _CASE_CODED)."""
    where, params = _among("f.municipality", municipalities)
    return _df(con, f"""
        WITH {_CASE_CODED.format(where=where)}
        SELECT f.municipality, f.territory, f.year, f.period, f.category AS position, f.code, f.sub_label,
               trim(f.stage) AS stage, f.value, f.unit, {_PROVENANCE}, f.fact_id
        FROM read f JOIN documents d USING (document_id)
        WHERE f.code IN (SELECT code FROM case_codes)
        ORDER BY f.fact_id""", params)


def case_codes(con) -> pd.DataFrame:
    """The case-code legend as printed, one meaning per code, with the file it comes from and `cases`, the
    active cases the warehouse counts under it (the codes with the most take the palette's colours)."""
    return _df(con, f"""
        WITH {_CASE_CODED.format(where="true")}, cases AS (
            SELECT code, sum(value) AS cases FROM read GROUP BY code
        )
        SELECT c.code, arg_min(c.meaning, d.file_name) AS meaning, min(d.file_name) AS file_name,
               coalesce(any_value(n.cases), 0) AS cases
        FROM case_codes c JOIN documents d USING (document_id) LEFT JOIN cases n USING (code)
        GROUP BY c.code ORDER BY c.code""")


def caseload_ranges(con, municipalities: tuple[str, ...] = ()) -> pd.DataFrame:
    """Cases per worker given as a range (sub-groups `min` and `max`): one row per range with `low`, `high`,
    whether it is a country-level reference (`is_reference`: printed by a national source, such as the
    2017 survey's 20–35 cases) or a municipality's own observation; the references and the observations of
    the `municipalities` (none: every municipality's)."""
    where, params = _among("f.municipality", municipalities)
    return _df(con, f"""
        SELECT f.municipality, f.year, f.period, f.category,
               max(f.value) FILTER (WHERE f.subgroup = 'min') AS low,
               max(f.value) FILTER (WHERE f.subgroup = 'max') AS high,
               coalesce(any_value(m.level) = 'valsts', false) AS is_reference,
               d.file_name, {_PLACE}, min(f.source_ref) AS source_ref,
               string_agg(f.raw_value, ' – ' ORDER BY f.value) AS raw_value, string_agg(f.flag, '; ') AS flag,
               string_agg(f.flag_lv, '; ') AS flag_lv
        FROM facts f JOIN documents d USING (document_id)
             LEFT JOIN {_MUNICIPALITY_BY_NAME} m ON m.municipality = f.municipality
        WHERE f.topic = 'caseload' AND f.metric = 'cases_per_worker' AND f.subgroup IN ('min', 'max')
          AND isfinite(f.value) AND f.revised_in IS NULL AND (m.level = 'valsts' OR {where})
        GROUP BY f.municipality, f.year, f.period, f.category, d.file_name, f.table_label, f.page, f.line
        HAVING low IS NOT NULL AND high IS NOT NULL
        ORDER BY is_reference DESC, high - low DESC, f.municipality, f.category, f.year, f.period""", params)


# --------------------------------------------------------------------------- Personāls

def staff_municipalities(con) -> pd.DataFrame:
    """The municipalities (and the country) with counts of social-work specialists, and how many each has."""
    return _df(con, """
        SELECT municipality, count(*) AS counts FROM facts
        WHERE topic = 'staff' AND metric = 'specialists' AND unit = 'persons' AND year IS NOT NULL AND isfinite(value)
        GROUP BY municipality ORDER BY counts DESC, municipality""")


def staff_norm(con, municipalities: tuple[str, ...] = ()) -> pd.DataFrame:
    """Social-work specialists per 1 000 residents, for every count of specialists of the `municipalities`
    (none: all) that has a residents figure (see _RESIDENTS_FIGURE: the same municipality and territory, the
    same year or the nearest within one).

    `is_basis` marks the counts a document itself holds against the norm: those whose label begins with the
    label of a printed `specialists_required`/`specialists_missing` figure of the same municipality,
    territory and year and have the same sub-group (or, like it, none); where no count of a municipality,
    year and document matches one, its counts of "sociālā darba speciālisti" as a whole. `required` =
    residents / 1 000; `shortfall` the persons missing to reach it (rounded half up, never negative);
    `required_printed` and `missing_printed` what the document says (the first printed)."""
    where, params = _among("f.municipality", municipalities)
    return _df(con, f"""
        WITH {_RESIDENTS_FIGURE}, specialists AS (
            SELECT f.fact_id, f.municipality, f.territory, f.year, f.period, f.category, f.subgroup,
                   f.value AS specialists, {_PROVENANCE}
            FROM facts f JOIN documents d USING (document_id)
            WHERE f.topic = 'staff' AND f.metric = 'specialists' AND f.unit = 'persons' AND f.year IS NOT NULL
              AND isfinite(f.value) AND f.revised_in IS NULL AND {where}
        ), printed AS (
            SELECT p.*, starts_with(s.category, p.category) AND s.subgroup IS NOT DISTINCT FROM p.subgroup AS matches,
                   s.fact_id AS count_id
            FROM specialists s JOIN facts p
              ON p.municipality = s.municipality AND p.territory IS NOT DISTINCT FROM s.territory AND p.year = s.year
            WHERE p.topic = 'staff' AND p.metric IN ('specialists_required', 'specialists_missing')
              AND isfinite(p.value) AND p.revised_in IS NULL
        ), compared AS (
            SELECT count_id AS fact_id, bool_or(matches) AS matched,
                   arg_min(value, fact_id) FILTER (WHERE metric = 'specialists_required' AND matches)
                       AS required_matched,
                   arg_min(value, fact_id) FILTER (WHERE metric = 'specialists_missing' AND matches)
                       AS missing_matched,
                   arg_min(value, fact_id) FILTER (WHERE metric = 'specialists_required') AS required_any,
                   arg_min(value, fact_id) FILTER (WHERE metric = 'specialists_missing') AS missing_any
            FROM printed GROUP BY count_id
        ), ratios AS (
            SELECT s.*, r.residents, r.residents_year, r.residents / 1000 AS required,
                   s.specialists / (r.residents / 1000) AS per_1000,
                   greatest(0, floor(r.residents / 1000 - s.specialists + 0.5)) AS shortfall,
                   coalesce(c.matched, false) AS matched, c.required_matched, c.missing_matched,
                   c.required_any, c.missing_any
            FROM specialists s
            JOIN residents_figure r
              ON r.municipality = s.municipality AND r.territory IS NOT DISTINCT FROM s.territory AND r.year = s.year
            LEFT JOIN compared c USING (fact_id)
        ), based AS (
            -- where no count of a municipality, year and document matches a printed comparison, its whole count
            -- of social-work specialists is the basis, and the comparison is about it though the labels differ
            SELECT *, NOT bool_or(matched) OVER (PARTITION BY municipality, year, file_name)
                      AND lower(category) LIKE '%speciālist%' AND subgroup IS NULL AS fallback
            FROM ratios
        )
        SELECT municipality, territory, year, period, category, subgroup, specialists, residents, residents_year,
               per_1000, required, shortfall,
               CASE WHEN fallback THEN required_any ELSE required_matched END AS required_printed,
               CASE WHEN fallback THEN missing_any ELSE missing_matched END AS missing_printed,
               matched OR fallback AS is_basis, file_name, source_table, page, line, source_ref, raw_value, flag, flag_lv,
               fact_id
        FROM based
        ORDER BY fact_id""", params)


def staff_norm_reference(con) -> pd.DataFrame:
    """The legal norm as a document prints it (specialists per 1 000 residents, a `norm` row), with where."""
    return _df(con, f"""
        SELECT f.value, f.category, f.subgroup, {_PROVENANCE}
        FROM facts f JOIN documents d USING (document_id)
        WHERE f.topic = 'staff' AND f.metric = 'specialists_per_1000' AND isfinite(f.value) AND f.revised_in IS NULL
          AND (f.subgroup ILIKE '%norm%' OR f.category ILIKE '%norm%')
        ORDER BY f.fact_id LIMIT 1""")


# --------------------------------------------------------------------------- Fokusgrupas

def focus_group_municipalities(con) -> pd.DataFrame:
    """The municipalities (and the country) that have focus-group figures."""
    return _df(con, "SELECT DISTINCT municipality FROM facts WHERE topic = 'focus_group' ORDER BY municipality")


def focus_group(con, metric: str, municipality: str) -> pd.DataFrame:
    """A focus-group measure (recognition, availability, respondents) of one municipality: one value per
    year, territory and row (where a document prints it in a table and again in chart data, the first reading),
    with the place of the first reading (`source_table`, `page`, `line`) and every place it was printed in
    `places`; `respondents`, the participants of the same
    municipality, year and parish (their total over parishes), and `share`, the value in percent of them."""
    return _df(con, f"""
        WITH readings AS (
            SELECT f.municipality, f.year, f.territory, f.category, f.unit, f.metric,
                   arg_min(f.value, f.fact_id) AS value, arg_min(f.raw_value, f.fact_id) AS raw_value,
                   string_agg(DISTINCT f.flag, '; ') AS flag, string_agg(DISTINCT f.flag_lv, '; ') AS flag_lv,
                   min(d.file_name) AS file_name,
                   arg_min(f.table_label, f.fact_id) AS source_table, arg_min(f.page, f.fact_id) AS page,
                   arg_min(f.line, f.fact_id) AS line, min(f.source_ref) AS source_ref,
                   list(DISTINCT {{'source_table': f.table_label, 'page': f.page, 'line': f.line}}) AS places,
                   count(*) AS printed_times, min(f.fact_id) AS fact_id
            FROM facts f JOIN documents d USING (document_id)
            WHERE f.topic = 'focus_group' AND f.metric IN (?, 'respondents') AND f.municipality = ?
              AND isfinite(f.value) AND f.revised_in IS NULL
            GROUP BY ALL
        ), participants AS (
            SELECT municipality, year, territory, sum(value) AS respondents FROM readings
            WHERE metric = 'respondents' GROUP BY GROUPING SETS ((municipality, year, territory), (municipality, year))
        )
        SELECT r.* EXCLUDE (metric), p.respondents,
               CASE WHEN p.respondents > 0 THEN 100 * r.value / p.respondents END AS share
        FROM readings r LEFT JOIN participants p
          ON p.municipality = r.municipality AND p.year = r.year AND p.territory IS NOT DISTINCT FROM r.territory
        WHERE r.metric = ?
        ORDER BY r.fact_id""", [metric, municipality, metric])
