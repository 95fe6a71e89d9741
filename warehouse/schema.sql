-- socdash warehouse schema. Bump SCHEMA_VERSION in warehouse/__init__.py with every change here;
-- a warehouse built with another version is rebuilt from raw_reports/, never patched in place.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- One row per ingested file. A report is (municipality, kind, edition), as the document names itself; it may
-- come in several renditions (a PDF and its text export): one holds the facts (is_primary), the others are
-- kept for search. A document without an edition (an unrecognised file) is a report of its own.
CREATE TABLE IF NOT EXISTS documents (
    document_id  VARCHAR PRIMARY KEY,   -- first 12 hex digits of sha256
    file_name    VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL UNIQUE,
    municipality VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,      -- evaluation, strategy, public report, survey, article, upload, unrecognised
    title        VARCHAR,
    period       VARCHAR,               -- the years its figures cover, e.g. 2011..2015
    edition      VARCHAR,               -- which report it is, as printed in it: 2024, 2016..2020, 2017-02
    published    VARCHAR,               -- publication date as known (ISO date or year)
    format       VARCHAR NOT NULL,      -- pdf, txt, md, xlsx
    layout       VARCHAR NOT NULL,      -- the layout rules that read it
    pages        INTEGER,
    is_primary   BOOLEAN NOT NULL,
    rendition_of VARCHAR,               -- the primary document of the same report, for other renditions
    ingested_at  TIMESTAMP NOT NULL,
    text         VARCHAR                -- the document's text, for search; a form feed starts each new page
);

CREATE SEQUENCE IF NOT EXISTS fact_id_seq;

-- One row per number: the researchers' main table and a contract other tools rely on.
CREATE TABLE IF NOT EXISTS facts (
    fact_id      BIGINT PRIMARY KEY DEFAULT nextval('fact_id_seq'),
    municipality VARCHAR NOT NULL,      -- as written in Latvian: Tukuma novads, Bauskas novads, Latvija
    territory    VARCHAR,               -- parish, town or unit inside the municipality, else NULL
    year         INTEGER,               -- reference year (an as-of date's year for point-in-time counts)
    period       VARCHAR,               -- the period as printed, ISO: 2015-03-31, 2021-07-01..2021-12-31
    topic        VARCHAR NOT NULL,      -- budget, recipients, caseload, staff, population, focus_group, ...
    metric       VARCHAR NOT NULL,      -- spend, persons, households, active_cases, fte, recognition, ...
    category     VARCHAR NOT NULL,      -- the row label as printed, in Latvian, layout noise removed
    indicator    VARCHAR,               -- what it measures, an indicator of `indicators`; NULL when none fits
    subgroup     VARCHAR,               -- column qualifier or sub-group as printed, else NULL
    value        DOUBLE NOT NULL,
    unit         VARCHAR NOT NULL,      -- EUR, persons, households, cases, FTE, documents, visits, percent, count
    document_id  VARCHAR NOT NULL,
    source_ref   VARCHAR NOT NULL,      -- where it was printed, as the reader reads it (built from the next five)
    page         INTEGER,               -- page (PDF) of the table, chart or sentence
    line         INTEGER,               -- line (text file) of the table, chart value or sentence; row of a sheet
    table_label  VARCHAR,               -- the table's label or caption start, text, chart data (...), a sheet
    row_label    VARCHAR,               -- the row (or chart label) as printed, in full
    column_label VARCHAR,               -- the column header as printed, in full
    raw_value    VARCHAR NOT NULL,      -- the printed text the value was read from
    flag         VARCHAR,               -- NULL, or why the value needs care (English): the reading's flag, a
                                        -- correction's and a revision's, '; ' between
    flag_lv      VARCHAR,               -- the same reasons in Latvian
    fact_key     VARCHAR,               -- the fact's identity across rebuilds: from its document's sha256 and
                                        -- what and where it was printed (corrections name facts by it)
    reading_flag    VARCHAR,            -- the flag of the reading and of a correction, before revisions
    reading_flag_lv VARCHAR,            -- the same in Latvian
    revised_in   VARCHAR                -- a newer publication's document_id that gives another value for the
                                        -- same thing and year; NULL for the value charts show
);

-- The indicator catalogue (seeds/indicators.toml), loaded anew whenever a writer opens the warehouse.
CREATE TABLE IF NOT EXISTS indicators (
    indicator       VARCHAR PRIMARY KEY,
    name_lv         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    definition_lv   VARCHAR NOT NULL,
    definition_en   VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,   -- the unit of its facts
    additive        BOOLEAN NOT NULL,   -- whether its values can be summed
    per_resident    BOOLEAN NOT NULL,   -- whether its values can be divided by residents
    indicator_group VARCHAR NOT NULL,   -- social_assistance, services, family_care, staff, caseload, population, budget
    facts           VARCHAR NOT NULL,   -- the topic/metric pairs of the facts it can be, '; ' between
    words           VARCHAR NOT NULL,   -- the Latvian words and stems that name it, '; ' between
    unless_words    VARCHAR NOT NULL,   -- words that rule it out
    is_default      BOOLEAN NOT NULL    -- the indicator of its facts when no other's words name them
);

-- Facts whose words match more than one indicator (they carry none), with the indicators they match.
CREATE TABLE IF NOT EXISTS indicator_conflicts (
    fact_id      BIGINT NOT NULL,
    document_id  VARCHAR NOT NULL,
    indicators   VARCHAR NOT NULL       -- the indicators matched, ', ' between
);

-- Reference data, filled from warehouse/seeds/ whenever a writer opens the warehouse (warehouse/seed_tables.py).
-- Every municipality before and after the 1 July 2021 reform, and the country: a name that both eras have
-- (Tukuma novads) has a row for each, told apart by valid_from/valid_to.
CREATE TABLE IF NOT EXISTS municipalities (
    municipality   VARCHAR NOT NULL,    -- as facts write it, in the nominative: Tukuma novads, Rīga, Latvija
    name_en        VARCHAR NOT NULL,
    level          VARCHAR NOT NULL,    -- valsts, valstspilsēta, republikas pilsēta (before 2021), novads
    genitive       VARCHAR NOT NULL,    -- its printed forms, separated by |: Rīgas valstspilsētas|Rīgas pilsētas|Rīgas
    locative       VARCHAR NOT NULL,    -- Tukuma novadā; Rīgā|Rīgas valstspilsētā|Rīgas pilsētā
    valid_from     DATE,                -- NULL: before what the seed records
    valid_to       DATE,                -- NULL: in force
    became_part_of VARCHAR,             -- for one before the reform: the municipality in force it became part of
    note_lv        VARCHAR,             -- the reader's note on the reform, in Latvian
    note_en        VARCHAR              -- the same in English
);

-- The Latvian and English names of the codes the warehouse uses (topics, metrics, units, kinds, layouts).
CREATE TABLE IF NOT EXISTS code_names (
    kind VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    lv   VARCHAR NOT NULL,
    en   VARCHAR NOT NULL,
    PRIMARY KEY (kind, code)
);

CREATE TABLE IF NOT EXISTS territories (
    municipality VARCHAR NOT NULL,
    territory    VARCHAR NOT NULL,
    kind         VARCHAR,               -- parish, town, unit
    document_id  VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS case_codes (
    code         VARCHAR NOT NULL,
    meaning      VARCHAR NOT NULL,      -- as printed in the legend, in Latvian
    document_id  VARCHAR NOT NULL
);

-- Every table cell no rule maps to a fact, with its location, so nothing tabular is lost.
CREATE TABLE IF NOT EXISTS raw_tables (
    document_id  VARCHAR NOT NULL,
    table_ref    VARCHAR NOT NULL,
    caption      VARCHAR,
    row_index    INTEGER NOT NULL,
    col_index    INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    page         INTEGER,
    line         INTEGER
);

-- A director's corrections and left-out facts, kept in raw_reports/corrections.csv and loaded from it
-- whenever a writer opens the warehouse, so that every rebuild applies them again.
CREATE TABLE IF NOT EXISTS corrections (
    fact_key     VARCHAR NOT NULL,      -- the fact corrected (facts.fact_key)
    sha256       VARCHAR NOT NULL,      -- of the document it was read from
    printed      VARCHAR NOT NULL,      -- the printed text (facts.raw_value), which stays
    read_value   DOUBLE NOT NULL,       -- the value as read from it
    corrected    DOUBLE,                -- the value shown instead; NULL: the fact is left out
    reason       VARCHAR NOT NULL,
    who          VARCHAR NOT NULL,
    corrected_at TIMESTAMP NOT NULL
);

-- Every ingest, removal and correction, as it happened.
CREATE TABLE IF NOT EXISTS ingest_log (
    logged_at      TIMESTAMP NOT NULL,
    who            VARCHAR NOT NULL,    -- the command-line user, or "dashboard" (with the account signed in)
    action         VARCHAR NOT NULL,    -- ingest, remove, correct
    file_name      VARCHAR,
    sha256         VARCHAR,
    document_id    VARCHAR,
    outcome        VARCHAR NOT NULL,    -- added, replaced, rendition, unchanged, removed, corrected, left out, refused: why
    facts_added    INTEGER NOT NULL,
    facts_replaced INTEGER NOT NULL,
    facts_removed  INTEGER NOT NULL
);

-- Population by year, as the documents give it (a municipality's own figure, no territory).
CREATE OR REPLACE VIEW municipality_population AS
SELECT municipality, year, period, category, value, document_id, source_ref, raw_value, flag
FROM facts
WHERE topic = 'population' AND metric = 'residents' AND territory IS NULL;

-- Every value that needs care: what was printed, what was read, why, and where; and every fact whose words
-- match more than one indicator.
CREATE OR REPLACE VIEW quality AS
SELECT f.fact_id, f.municipality, f.year, f.topic, f.metric, f.category, f.subgroup,
       f.raw_value AS printed, f.value AS read_as, f.unit, f.flag AS why, f.flag_lv AS why_lv,
       d.file_name, f.source_ref
FROM facts f JOIN documents d USING (document_id)
WHERE f.flag IS NOT NULL
UNION ALL
SELECT f.fact_id, f.municipality, f.year, f.topic, f.metric, f.category, f.subgroup,
       f.raw_value, f.value, f.unit, 'its words match more than one indicator: ' || c.indicators,
       'tā vārdi atbilst vairākiem rādītājiem: ' || c.indicators, d.file_name, f.source_ref
FROM indicator_conflicts c JOIN facts f USING (fact_id) JOIN documents d ON d.document_id = f.document_id;
