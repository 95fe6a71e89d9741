# socdash: `make run` starts the dashboard, `make test` runs every test. Both set themselves up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= warehouse/socdash.duckdb
PORT   ?= 8501

.PHONY: run test browser warehouse rebuild bench bench-pages bench-national bench-generic bench-live clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Built when missing, and anew when the schema changed (a warehouse of another schema version cannot be
# read); `make rebuild` builds it anew from raw_reports/ at any time. A rebuild replaces the file whole when
# it is done: a running dashboard reads the old one until then.
$(DB): warehouse/schema.sql | $(STAMP)
	$(BIN)/python -m ingest --db $(DB) --rebuild raw_reports

warehouse: $(DB)

rebuild: $(STAMP)
	$(BIN)/python -m ingest --db $(DB) --rebuild raw_reports

run: $(STAMP) $(DB)
	SOCDASH_DB=$(DB) $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's Chromium; Playwright cannot download its own browser here.
browser:
	@[ -x /usr/bin/chromium ] || { echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

bench: $(STAMP)
	$(BIN)/python -m benchmarks.build_warehouse

bench-pages: $(STAMP) $(DB)
	$(BIN)/python -m benchmarks.pages --db $(DB)

# SCALES=1,10 times the pages at ten times the national scale too (a long run).
SCALES ?= 1
bench-national: $(STAMP)
	$(BIN)/python -m benchmarks.national --scales $(SCALES)

# The seed reports read by their layouts and by the generic reader alone, compared; its time on the 30-page PDF.
bench-generic: $(STAMP)
	$(BIN)/python -m benchmarks.generic_reader

# A one-file ingest while a process reads the warehouse, on the seed and on the national 1× copy: its time, of
# which the copy and the swap, and how soon the reader sees it.
bench-live: $(STAMP)
	$(BIN)/python -m benchmarks.live_ingest

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache
