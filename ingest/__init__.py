"""socdash ingest: raw reports -> parsed tables and text -> facts with provenance -> DuckDB warehouse."""
