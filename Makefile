PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# uv installs the locked dependencies (uv.lock); it is itself installed by pip, pinned, into
# its own small environment, so a machine needs only python3 with pip and venv.
UV_VERSION := 0.13.9
UV_HOME := .uv
UV := $(UV_HOME)/bin/uv
# The extras installed from the lock: CI adds embeddings (EXTRAS="test embeddings").
EXTRAS ?= test
EXTRAS_FILE := $(UV_HOME)/extras
# Never fetch a Python build: use the machine's python3.
export UV_PYTHON_DOWNLOADS := never

# The interface's translations: every catalogue (.po) compiled into its .mo when it changed.
PO_FILES := $(shell find src -name django.po -path '*/LC_MESSAGES/*' 2>/dev/null)
MESSAGES := $(VENV)/.messages

.PHONY: run test lint lock messages clean FORCE

$(UV):
	$(PY) -m venv $(UV_HOME)
	$(UV_HOME)/bin/pip install --quiet uv==$(UV_VERSION)

# Rewritten only when EXTRAS changes, so that the venv is synced again then.
$(EXTRAS_FILE): $(UV) FORCE
	@echo '$(EXTRAS)' | cmp -s - $@ || echo '$(EXTRAS)' > $@

$(STAMP): pyproject.toml uv.lock $(EXTRAS_FILE) $(UV)
	$(UV) sync --locked --python $(PY) $(addprefix --extra ,$(EXTRAS))
	touch $(STAMP)

$(MESSAGES): $(STAMP) $(PO_FILES)
	$(BIN)/python -m partnering.i18n.catalogues
	touch $(MESSAGES)

messages: $(MESSAGES)

run: $(STAMP) $(MESSAGES)
	$(BIN)/partnering migrate --no-input
	$(BIN)/partnering demo --if-empty
	$(BIN)/partnering serve --host 127.0.0.1 --port 8000

test: $(STAMP) $(MESSAGES)
	$(BIN)/ruff check src tests bench
	$(BIN)/partnering makemigrations --check --dry-run
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

# Resolve pyproject.toml's dependencies again and write uv.lock (then commit it).
lock: $(UV)
	$(UV) lock

clean:
	rm -rf $(VENV) $(UV_HOME) var
