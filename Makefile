# zhenwei: `make demo` runs the main job on the sandbox world; `make test` runs the tests.
# Both create .venv and install everything they need (apt packages included) on a fresh machine.

VENV ?= .venv
PY := $(VENV)/bin/python
# Debian packages the project needs at run or test time (none yet for the core; see README).
APT_PACKAGES ?=

.PHONY: install demo test bench photos apt clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(MAKE) --no-print-directory apt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

demo: install
	$(VENV)/bin/zhenwei demo

test: install
	$(PY) -m pytest -q

bench: install
	$(PY) bench/scan_throughput.py
	$(PY) bench/qr_decode.py

# Regenerate the shipped certificate photos from the sandbox world (deterministic).
photos: install
	$(PY) -m zhenwei.sandbox.photos --out zhenwei/sandbox/photos

clean:
	rm -rf $(VENV) var .pytest_cache
