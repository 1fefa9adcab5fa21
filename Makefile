# `make demo` and `make test` are the two ways in; both build .venv from pyproject.toml first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# CPU build of PyTorch first, so nothing later pulls the CUDA wheels
	$(PY) -m pip install --quiet torch==2.13.0
	# '.[dev]' brings Playwright's Python package only: no `playwright install` (no browser download);
	# the browser tests drive Debian's chromium (/usr/bin/chromium, installed by .ci/run) and skip without it
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/newsweave read examples/story
	$(VENV)/bin/newsweave brief examples/story
	$(VENV)/bin/newsweave brief examples/story --format html -o brief.html
	@# `make demo SERVE=1`: also store the example as a corpus and open the web app on it
	@if [ -n "$(SERVE)" ]; then \
		$(VENV)/bin/newsweave ingest examples/story --db demo.db && \
		$(VENV)/bin/newsweave serve --db demo.db; \
	fi

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
