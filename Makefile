# Two commands do all the set-up on a fresh machine (see README.md):
#   make repro   create .venv from requirements.lock, then `dvc repro` over seeds/
#   make test    create .venv from requirements.lock, then run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
RUN := PATH="$(BIN):$$PATH"

.PHONY: repro test env lock

env: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "error: Python >= 3.11 is required (set PYTHON=...)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.lock
	# The package is used in place (like an editable install, without needing a build backend).
	$(BIN)/python -c 'import site, sys; open(site.getsitepackages()[0] + "/pipeline-repo.pth", "w").write(sys.argv[1] + "\n")' "$(CURDIR)"
	$(BIN)/python -m pip check
	touch $(STAMP)

repro: $(STAMP)
	$(RUN) dvc repro

test: $(STAMP)
	$(RUN) python -m pytest

# Regenerate requirements.lock after changing requirements.in (exact pins of everything).
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --disable-pip-version-check -q -r requirements.in
	.lockenv/bin/python -m pip freeze --exclude-editable | sort -f > requirements.lock
	rm -rf .lockenv
