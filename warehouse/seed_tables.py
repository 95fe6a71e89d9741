"""The reference tables of the warehouse, filled from the seeds (warehouse/seeds/) when a writer opens it and
the seed files are not those it was last filled from: a warehouse always holds the reference data of the
program that last wrote it."""
from __future__ import annotations

import hashlib

import duckdb

from warehouse import seeds
from warehouse.bulk import insert_rows
from warehouse.seeds.indicators import catalogue_rows

_SEED_FILES = ("municipalities.csv", "names.csv", "indicators.toml")


def seeds_digest() -> str:
    """The sha256 of the seed files the tables are filled from, to know when they changed."""
    digest = hashlib.sha256()
    for name in _SEED_FILES:
        digest.update((seeds.SEEDS_DIR / name).read_bytes())
    return digest.hexdigest()


def fill_seed_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Replace the rows of `municipalities`, `code_names` and `indicators` with the seeds', in one
    transaction, unless the warehouse was last filled from these very files (meta `seeds_sha256`)."""
    digest = seeds_digest()
    if con.execute("SELECT value FROM meta WHERE key = 'seeds_sha256'").fetchone() == (digest,):
        return
    municipalities = [(m.municipality, m.name_en, m.level, seeds.FORM_SEPARATOR.join(m.genitive),
                       seeds.FORM_SEPARATOR.join(m.locative), m.valid_from, m.valid_to, m.became_part_of,
                       m.note_lv, m.note_en) for m in seeds.load_municipalities()]
    names = [(n.kind, n.code, n.lv, n.en) for n in seeds.load_names()]
    indicators = catalogue_rows()
    con.execute("BEGIN TRANSACTION")
    try:
        for table, rows in (("municipalities", municipalities), ("code_names", names), ("indicators", indicators)):
            con.execute(f"DELETE FROM {table}")
            insert_rows(con, table, rows)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('seeds_sha256', ?)", [digest])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
