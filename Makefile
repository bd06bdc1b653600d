# One command each: `make demo` runs the proposal's example, `make test` runs
# the tests. Both create the virtual environment $(VENV) on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := 2.0.2-2.0.4,2.1.0+
# The lint and type tools are pinned (constraints.txt) so lint cannot break overnight.
PIP_INSTALL = $(BIN)/pip install --quiet -c constraints.txt

.PHONY: demo test test-fast test-lark lint check docs tables bench bench-quick fuzz fuzz-smoke fuzz-score clean

demo: $(VENV)/.installed
	$(BIN)/rangespec normalize '$(EXAMPLE)'
	$(BIN)/rangespec normalize '2.1.0-,2.0.3,2.0.2-2.0.4'
	$(BIN)/rangespec contains '$(EXAMPLE)' 2.1.3 2.0.3

# The whole suite on every core, with branch coverage (child processes
# counted) and its gate at 90% (pyproject.toml, [tool.coverage]).
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n auto --dist worksteal --cov --cov-report=term

# The same without coverage: quicker while working.
test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n auto --dist worksteal

# The whole suite again with only the grammar's front end, proving the fast
# path changes nothing.
test-lark: $(VENV)/.installed-dev
	RANGESPEC_NO_FAST_PATH=1 $(BIN)/python -m pytest -n auto --dist worksteal

# rangespec/_tables.py from grammar/rangespec.lark (after changing the grammar)
tables: $(VENV)/.installed-dev
	$(BIN)/python grammar/generate_tables.py

# The HTML reference, rebuilt whole (-E), warnings as errors: docs/_build/html/index.html
docs: $(VENV)/.installed-dev
	$(BIN)/sphinx-build -E -W --keep-going -q -b html docs docs/_build/html

# In process against the peers, then the command as installed (start-up,
# memory, bulk), then a fleet of a million devices: docs/performance.md
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/command.py
	$(BIN)/python benchmarks/fleet.py

# Every case of all three with short loops and small sizes (CI runs this)
bench-quick: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py --quick
	$(BIN)/python benchmarks/command.py --quick
	$(BIN)/python benchmarks/fleet.py --quick --repeat 1

# Coverage-guided fuzzing (atheris, Linux): new finds go to .fuzz/corpus, the
# committed seeds in fuzz/corpus stay as they are, crashes land in .fuzz/.
FUZZ = mkdir -p .fuzz/corpus && $(BIN)/python fuzz/fuzz_rangespec.py -max_len=4200 \
	-artifact_prefix=.fuzz/ .fuzz/corpus fuzz/corpus

fuzz-smoke: $(VENV)/.installed-fuzz
	$(FUZZ) -max_total_time=60

fuzz: $(VENV)/.installed-fuzz
	$(FUZZ) -max_total_time=3600

# The fuzzer's mutation score (every planted bug of examples/adapter_buggy.py
# found at 1000 examples, on a small example, at seeds 0, 1 and 2) and its
# two timing targets.
fuzz-score: $(VENV)/.installed-dev
	$(BIN)/python fuzz/mutation_score.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: lint test

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt $(VENV)/.created
	$(PIP_INSTALL) -e '.[dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-fuzz: pyproject.toml $(VENV)/.installed-dev
	$(PIP_INSTALL) -e '.[dev,fuzz]'
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info .hypothesis .mypy_cache .pytest_cache .ruff_cache .fuzz \
		.coverage .coverage.* docs/_build
