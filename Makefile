# Set-up from nothing: `make test` builds .venv, installs the package with its test extras,
# installs Dovecot when missing (as root, with apt-get), then runs ruff, mypy and pytest.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp

.PHONY: test demo lint typecheck pytest dovecot bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

dovecot:
	@if command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing dovecot-imapd (IMAP tests need it)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null; \
	else echo "dovecot is missing and we are not root: the IMAP tests will be skipped"; fi

lint: $(STAMP)
	$(BIN)/ruff check watcher tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) dovecot
	$(BIN)/pytest -q -n auto

test: lint typecheck pytest

demo: $(STAMP)
	$(BIN)/python -m watcher demo

# Figures only (speed targets are never asserted in tests); each prints its own baseline.
bench: $(STAMP) dovecot
	$(BIN)/python bench/classify.py
	$(BIN)/python bench/dates.py
	$(BIN)/python bench/simulate.py
	$(BIN)/python bench/imap_scan.py
	$(BIN)/python -m bench.gmail_sync

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
