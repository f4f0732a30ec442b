# Two commands on a fresh machine:  make run  and  make test  (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
# requirements.lock pins every package (hashes included) the suite was green with; only it
# decides what gets installed.  `make lock` updates it (uv, pinned here) and runs the tests.
LOCK       := requirements.lock
UV_VERSION := 0.13.9
LOCK_TOOLS := .venv-lock

.PHONY: help venv run test lint bench app template browser clean lock fuzz mutants

help:
	@echo "make run    - set up and plan the bundled example (data/fredrikstad-mat.toml) into $(OUT)/"
	@echo "make test   - set up and run the tests (ruff + pytest, real solver, real browser)"
	@echo "make bench  - run the benchmarks and write BENCHMARKS.md"
	@echo "make app    - start the what-if planner on http://localhost:8501"
	@echo "make lock   - update requirements.lock to the newest allowed releases, then make test"
	@echo "make fuzz   - the full malformed-input suite (make test runs a subset)"
	@echo "make mutants - disable each rule's builder and check in turn: every one must fail a test"

# A new venv whenever the lock or the project changes: exactly the locked set, nothing left over.
$(STAMP): pyproject.toml $(LOCK)
	@grep -qx "# pyproject.toml sha256: $$(sha256sum pyproject.toml | cut -d' ' -f1)" $(LOCK) || \
	  { echo "$(LOCK) was not made from this pyproject.toml: run 'make lock'"; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index -e .
	$(BIN)/python -m pip check
	@touch $(STAMP)

# Update the lock to the newest releases the ranges in pyproject.toml allow, then prove it.
lock:
	@[ -x $(LOCK_TOOLS)/bin/uv ] || { $(PYTHON) -m venv $(LOCK_TOOLS) && \
	  $(LOCK_TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	echo 'setuptools>=77' | $(LOCK_TOOLS)/bin/uv pip compile pyproject.toml - --extra dev \
	  --generate-hashes --python-version 3.11 --upgrade --custom-compile-command "make lock" \
	  --quiet -o $(LOCK)
	sed -i "1i # pyproject.toml sha256: $$(sha256sum pyproject.toml | cut -d' ' -f1)" $(LOCK)
	$(MAKE) test

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
	rm -rf $(VENV) $(LOCK_TOOLS) $(OUT) .pytest_cache .ruff_cache

# Each rule's model builder and checker measurement, disabled in turn, must fail a test.
mutants: venv
	$(BIN)/python tools/mutants.py -j 2

# The whole malformed-input suite (make test runs a subset of it); a summary of any
# failure goes to $TMPDIR/fuzz-failures.txt.
fuzz: venv
	FUZZ_FULL=1 $(BIN)/python -m pytest tests/test_fuzz.py -m fuzz
