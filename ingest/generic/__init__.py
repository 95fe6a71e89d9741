"""The generic reader: what any municipality's report says unambiguously, read by the rules engine with
general rules (`ingest/rules/generic.toml`) instead of a layout's.

It is the layout of every document no other layout recognises, and `python -m ingest --layout generic`
forces it. Its stages, each a module with one job:
- `identity`: whose document it is and when (the municipality's own name for itself, from the gazetteer
  of the municipalities seed; the period from the title and the sentences; the publication date);
- `grouping`: a run of digits and spaces split into the numbers of a row, by Latvian grouping, only where
  one split fits (or a printed total picks it);
- `text_tables`: tables from text lines that are not tab-separated (cells separated by single spaces under
  a header of years, one cell per line);
- `table_facts`: facts from any table (ruled PDF, tab-separated text, the tables above): years from the
  header, units and scale from the header and caption;
- `sentences`: figures of running text and lists, with their unit or counted noun, tied to an indicator by
  the words of their clause;
- `naming`: a figure's label and unit to the catalogue's indicator (and the topic and metric it implies);
- `figures`: the one constructor of a generic fact, flagged as read by the generic reader.
Its words are data files beside the code, each read and checked once by its loader through `words_file`:
`identity.toml` (`identity_words`), `units.toml` (`units`: currencies, scales, counted nouns), `prose.toml`
(`prose`: approximations, lower bounds, differences and rates, page furniture, numbers in words) and
`table_words.toml` (`table_words`: totals, parts, headers that print no amount). PDF tables printed without
rulings are found by the PDF reader (`ingest/readers/pdf_columns.py`) and read here only.
"""
