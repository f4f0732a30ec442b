# Two commands on a fresh machine:  make run  and  make test  (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out

.PHONY: help venv run test lint bench app template browser clean

help:
	@echo "make run    - set up and plan the bundled example (data/fredrikstad-mat.toml) into $(OUT)/"
	@echo "make test   - set up and run the tests (ruff + pytest, real solver, real browser)"
	@echo "make bench  - run the benchmarks and write BENCHMARKS.md"
	@echo "make app    - start the what-if planner on http://localhost:8501"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

run: venv
	$(BIN)/roster validate data/fredrikstad-mat.toml
	$(BIN)/roster info data/fredrikstad-mat.toml
	$(BIN)/roster solve data/fredrikstad-mat.toml --out $(OUT)/fredrikstad
	$(BIN)/roster check data/fredrikstad-mat.toml $(OUT)/fredrikstad/rota.json

# Headless Chromium for the front-end test (Debian's package), installed once if missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing Debian's chromium for the browser test"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: venv
	$(BIN)/ruff check .

test: venv browser lint
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python -m roster.bench.suite $(BENCH_ARGS)

app: venv
	$(BIN)/streamlit run app.py --server.address localhost --server.headless true

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
