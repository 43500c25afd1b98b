# The front door. `make run` starts the app; `make test` runs every test; `make test-fast` the quick part.
# All create .venv and install pinned packages on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
MUT_STAMP := $(VENV)/.installed-mutation
CHROMIUM  ?= $(or $(TRD_CHROMIUM),/usr/bin/chromium)
PDFTOTEXT ?= $(or $(TRD_PDFTOTEXT),/usr/bin/pdftotext)

.PHONY: run test test-fast check lint validate chromium debs bench docs review-stamps constraints mutation screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUN_STAMP): requirements.txt constraints.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt -c constraints.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt constraints.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt -c constraints.txt
	touch $@ $(RUN_STAMP)

$(MUT_STAMP): requirements-mutation.txt $(DEV_STAMP)
	$(PY) -m pip install -q -r requirements-mutation.txt -c constraints.txt
	touch $@

## run: set up and start the app on http://localhost:$(PORT) (another port: make run PORT=8600)
run: $(RUN_STAMP)
	$(PY) -m engine validate
	@echo "TRD Navigator: open http://localhost:$(PORT) (another port: make run PORT=8600; stop with Ctrl+C)"
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

## chromium: install Debian's packages the browser and deploy tests need when missing (needs root and apt):
## chromium (real-browser tests), poppler-utils (pdftotext reads the downloaded PDF back), nginx and openssl
## (the deploy recipe's hardening, tests/engine/test_hostile_deploy.py)
chromium:
	@$(MAKE) --no-print-directory debs \
	  DEBS="chromium:$(CHROMIUM) poppler-utils:$(PDFTOTEXT) nginx:/usr/sbin/nginx openssl:/usr/bin/openssl"

# debs: install each "package:binary" pair whose binary is missing.
debs:
	@missing=""; for pair in $(DEBS); do pkg=$${pair%%:*}; bin=$${pair#*:}; \
	  [ -x "$$bin" ] || missing="$$missing $$pkg"; done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "NOTE: cannot install$$missing here (no root or no apt): tests that need them will be skipped."; fi

## test: set up and run the whole suite (Hypothesis profile "ci" when CI=true, else "dev"): the browser tests first,
## one at a time (they share one Chromium and time what a person waits for), then every other test on every CPU
## (pytest-xdist); fails below 100% branch coverage of engine/; lists the slowest tests (CI must stay under 30 minutes)
test: $(DEV_STAMP) chromium
	$(PY) -m engine validate
	$(PY) -m pytest tests/browser --durations=5
	$(PY) -m pytest -n auto --ignore=tests/browser --cov=engine --cov-branch --cov-report=term-missing:skip-covered --durations=15

## mutation: mutation-test conditions, flow and evaluate (1 to 4 minutes; not part of `make test`); writes docs/MUTATION.md
mutation: $(MUT_STAMP)
	rm -rf mutants
	$(PY) -m mutmut run
	$(PY) -m tools.mutation_report

## test-fast: engine, scenario cases and content only (no AppTest, no browser, no slow fuzz tests),
## on every CPU (pytest-xdist): about 30 s, for every edit
test-fast: $(DEV_STAMP)
	$(PY) -m engine validate
	$(PY) -m pytest -q -n auto -m "not slow" tests/engine tests/content

## check: test, plus lint
check: test lint

lint: $(DEV_STAMP)
	$(PY) -m ruff check .

validate: $(RUN_STAMP)
	$(PY) -m engine validate

## bench: measure against a baseline Streamlit app in the same run; writes docs/BENCHMARKS.md; fails on a missed budget
bench: $(DEV_STAMP) chromium
	$(PY) -m bench.run

## screenshots: docs/screenshots/ (results top, comparison with pictures on desktop and phone, PDF page 1)
screenshots: $(DEV_STAMP) chromium
	$(PY) -m tools.screenshots

## docs: regenerate the scenario book from tests/cases and rules/
docs: $(RUN_STAMP)
	$(PY) -m tools.scenario_book

## review-stamps: after a reviewed change, record each section's review date and a fingerprint of its text
review-stamps: $(RUN_STAMP)
	$(PY) -m tools.review_stamps

## constraints: re-pin every transitive package after changing a requirements file
constraints: $(MUT_STAMP)
	(echo "# Full pin set (pip freeze of requirements-mutation.txt, which includes requirements-dev.txt); regenerate with: make constraints"; \
	 $(PY) -m pip freeze | grep -viE '^(pip|setuptools|wheel)==') > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .coverage mutants
