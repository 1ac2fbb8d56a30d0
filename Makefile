# Two commands: `make demo` and `make test`. Both create .venv from nothing when it is missing and are
# quick when it exists (the install step re-runs only when pyproject.toml or constraints.txt change).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.foa-installed
# numba's on-disk JIT cache: foa points NUMBA_CACHE_DIR at ~/.cache/foa/numba/<vectorbt+numba versions>
# unless it is set (foa.numba_cache.ensure_numba_cache), so the demo, tests and notebooks share one warm cache.

.PHONY: demo test install clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/foa demo

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) reports .pytest_cache
