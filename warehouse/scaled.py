"""A national-scale copy of a warehouse, for the benchmarks: every municipal document of the seed once per
current municipality and year shift, so that pages and queries can be timed at the size the dashboard is
built for (43 municipalities × 15 report years) before such reports exist. It is never a warehouse anyone
reads for its figures.

Each copy of a document is a document of its own, with keys and provenance as an ingest would write them:
- a fresh sha256 (of the seed's sha256, the municipality and the shift) and document_id (its first 12
  digits); the municipality it is copied for; every year in its file name, period, edition and publication
  date moved on by the shift, and the file name starting with that municipality's name
  (`ogres_novads_2025_publiskais_parskats.pdf`); a rendition is a rendition of the same copy's primary;
- its title and full text kept as printed (the page or line of each fact is one in that text), stored
  once per copy as an ingested document's text is, so that search reads the whole volume;
- its facts: the seed document's facts about its own municipality, naming the copy's municipality, years
  and periods moved on by the shift, values scaled by the municipality's factor (`value_factor`: a fixed
  factor from its position in the list, 0.5..1.5, so that rankings are not ties); counts of persons,
  households, cases, positions, documents and visits stay whole numbers, amounts in EUR are rounded to the
  cent, and percentages and rates per 1 000 are left as printed (both their parts would scale alike).
  The printed text (`raw_value`), the place (`source_ref`) and the reading's flag (`reading_flag`) are the
  seed's, its `fact_key` one of the copy's sha256; no copy is revised by another (`revised_in` empty: a
  copy's years are the seed's moved on, not a newer report's figures);
- its territories, case codes, raw table cells and indicator conflicts, copied with it.

The facts a municipal report cites about the country (a national average, four in the seed) are left out
of the copies: repeated in each copy, one national figure would be read hundreds of times. The country's
own documents and their facts stay as they are.

Scale: `years` year shifts (0 .. years-1) of each document for each municipality; the benchmarks take
15 × scale shifts (`report_years`), so ten times the facts at scale 10 are ten times the report years, each
municipality and year keeping the one report of each kind it has at scale 1.
"""
from __future__ import annotations

import duckdb

REPORT_YEARS = 15  # report years of a municipality at scale 1
# Units whose whole values stay whole when scaled: counts of something.
COUNTED_UNITS = ("persons", "households", "cases", "positions", "documents", "visits", "count")
# Units of ratios, left as printed: both their parts would scale by the same factor.
RATIO_UNITS = ("percent", "per_1000")
COUNTRY = "Latvija"
# Every four-digit year of a text (a file name, an ISO period, an edition) moved on by n years; other
# numbers are left alone.
_SHIFT_YEARS_MACRO = r"""
    CREATE OR REPLACE TEMP MACRO shift_years(s, n) AS array_to_string(list_transform(
        regexp_extract_all(s, '\d+|\D+'),
        lambda part: CASE WHEN regexp_full_match(part, '(19|20)\d\d') THEN (part::INTEGER + n)::VARCHAR
                          ELSE part END), '')
"""
# A municipality's name as a file name starts: lower case, no diacritics, `_` for spaces.
_FILE_PREFIX_MACRO = "CREATE OR REPLACE TEMP MACRO file_prefix(m) AS replace(lower(strip_accents(m)), ' ', '_')"


# A copy's fact: keyed by the copy's sha256, as the store keys a document's facts; with its reading's flag,
# not a revision among the seed's documents.
_COPY_READINGS = {"fact_key": "left(sha256(c.sha256 || '|' || coalesce(f.fact_key, f.fact_id::VARCHAR)), 16)",
                  "flag": "f.reading_flag", "flag_lv": "f.reading_flag_lv", "revised_in": "NULL"}


def report_years(scale: int) -> int:
    """The year shifts of each document at `scale` (1: 15 report years, 10: 150)."""
    return REPORT_YEARS * scale


def value_factor(position: int, count: int) -> float:
    """The factor by which the values of the `position`-th of `count` municipalities are scaled: evenly
    spread over 0.5 .. 1.5, none the same."""
    return 0.5 + (position + 0.5) / count


def current_municipalities(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The municipalities in force today, as the seed names them (not the country)."""
    return [name for (name,) in con.execute(
        "SELECT DISTINCT municipality FROM municipalities WHERE valid_to IS NULL AND level <> 'valsts' "
        "ORDER BY municipality").fetchall()]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [name for (name,) in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main' "
        "ORDER BY ordinal_position", [table]).fetchall()]


def _select_list(con: duckdb.DuckDBPyConnection, table: str, alias: str, changed: dict[str, str]) -> str:
    """Every column of `table`, in order: `alias.column`, or its expression in `changed`."""
    return ", ".join(changed.get(column, f"{alias}.{column}") for column in _columns(con, table))


def scale_to_nation(con: duckdb.DuckDBPyConnection, municipalities: list[str], years: int) -> int:
    """Replace every municipal document (one whose municipality is not the country) and what it holds with
    one copy per municipality and year shift (0 .. years-1), as the module says, in one transaction.
    Returns the number of facts afterwards."""
    con.execute("SET enable_progress_bar = false")
    con.execute(_SHIFT_YEARS_MACRO)
    con.execute(_FILE_PREFIX_MACRO)
    con.execute("BEGIN TRANSACTION")
    try:
        _copy_documents(con, municipalities, years)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    return con.execute("SELECT count(*) FROM facts").fetchone()[0]


def _copy_documents(con: duckdb.DuckDBPyConnection, municipalities: list[str], years: int) -> None:
    """The copies of scale_to_nation, within its transaction; the seed's municipal documents deleted last."""
    factors = [value_factor(position, len(municipalities)) for position in range(len(municipalities))]
    con.execute("""
        CREATE TEMP TABLE copies AS
        SELECT *, left(sha256, 12) AS document_id FROM (
            SELECT row_number() OVER (ORDER BY d.document_id, t.municipality, s.shift) AS copy_no,
                   d.document_id AS seed_id, d.municipality AS seed_municipality, t.municipality, t.factor, s.shift,
                   sha256(d.sha256 || '|' || t.municipality || '|' || s.shift::VARCHAR) AS sha256
            FROM documents d,
                 (SELECT unnest($1::VARCHAR[]) AS municipality, unnest($2::DOUBLE[]) AS factor) t,
                 (SELECT unnest(range($3)) AS shift) s
            WHERE d.municipality <> $4)""", [municipalities, factors, years, COUNTRY])
    con.execute("CREATE TEMP TABLE seed_documents AS SELECT * FROM documents WHERE municipality <> ?", [COUNTRY])
    con.execute("""
        CREATE TEMP TABLE fact_copies AS
        SELECT c.copy_no, f.fact_id AS seed_fact_id, nextval('fact_id_seq') AS fact_id
        FROM facts f JOIN copies c ON c.seed_id = f.document_id AND c.seed_municipality = f.municipality""")

    con.execute(f"""
        INSERT INTO documents
        SELECT {_select_list(con, 'documents', 'd', {
            'document_id': 'c.document_id',
            'file_name': "file_prefix(c.municipality) || shift_years(CASE WHEN starts_with(d.file_name, "
                         "file_prefix(d.municipality)) THEN d.file_name[length(file_prefix(d.municipality)) + 1:] "
                         "ELSE '_' || d.file_name END, c.shift)",
            'sha256': 'c.sha256',
            'municipality': 'c.municipality',
            'period': 'shift_years(d.period, c.shift)',
            'edition': 'shift_years(d.edition, c.shift)',
            'published': 'shift_years(d.published, c.shift)',
            'rendition_of': 'r.document_id',
        })}
        FROM copies c JOIN seed_documents d ON d.document_id = c.seed_id
        LEFT JOIN copies r ON r.seed_id = d.rendition_of AND r.municipality = c.municipality AND r.shift = c.shift""")
    con.execute(f"""
        INSERT INTO facts
        SELECT {_select_list(con, 'facts', 'f', {
            'fact_id': 'm.fact_id',
            'municipality': 'c.municipality',
            'year': 'f.year + c.shift',
            'period': 'shift_years(f.period, c.shift)',
            'value': 'CASE WHEN list_contains($ratio, f.unit) THEN f.value '
                     'WHEN list_contains($counted, f.unit) AND f.value = round(f.value) '
                     'THEN round(f.value * c.factor) '
                     "WHEN f.unit = 'EUR' THEN round(f.value * c.factor, 2) "
                     'ELSE f.value * c.factor END',
            'document_id': 'c.document_id',
            **_COPY_READINGS,
        })}
        FROM fact_copies m JOIN copies c USING (copy_no) JOIN facts f ON f.fact_id = m.seed_fact_id""",
                {"ratio": list(RATIO_UNITS), "counted": list(COUNTED_UNITS)})
    con.execute(f"""
        INSERT INTO indicator_conflicts
        SELECT {_select_list(con, 'indicator_conflicts', 'i', {'fact_id': 'm.fact_id', 'document_id': 'c.document_id'})}
        FROM fact_copies m JOIN copies c USING (copy_no) JOIN indicator_conflicts i ON i.fact_id = m.seed_fact_id""")
    con.execute(f"""
        INSERT INTO territories
        SELECT {_select_list(con, 'territories', 't', {'municipality': 'c.municipality',
                                                         'document_id': 'c.document_id'})}
        FROM copies c JOIN territories t ON t.document_id = c.seed_id AND t.municipality = c.seed_municipality""")
    for table in ("case_codes", "raw_tables"):
        con.execute(f"""
            INSERT INTO {table}
            SELECT {_select_list(con, table, 'x', {'document_id': 'c.document_id'})}
            FROM copies c JOIN {table} x ON x.document_id = c.seed_id""")

    for table in ("indicator_conflicts", "facts", "territories", "case_codes", "raw_tables", "documents"):
        con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT document_id FROM seed_documents)")
    for table in ("copies", "seed_documents", "fact_copies"):
        con.execute(f"DROP TABLE {table}")
