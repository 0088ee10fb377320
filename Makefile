# Newcomers: `make run` starts the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test bundle bundle-check bench lint clean system-deps

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test,dev]'
	@touch $@ $(VENV)/.installed-run

$(VENV)/.installed-bundle: pyproject.toml | $(PY)
	$(PIP) install -e '.[bundle]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(PY) -m guide_app $(ARGS)

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(PY) -m ruff check guide_app tests benchmarks
	$(PY) -m ruff format --check guide_app tests benchmarks

bench: $(VENV)/.installed-test
	$(PY) benchmarks/run_all.py

# The one-folder bundle (dist/guide-app/guide-app), its archive, and their sizes (see packaging/README.md).
BUNDLE_ARCHIVE = dist/guide-app-$(shell uname -s | tr A-Z a-z)-$(shell uname -m).tar.xz
BUNDLE_MAX_MB ?= 120

bundle: $(VENV)/.installed-bundle
	rm -rf dist/guide-app $(BUNDLE_ARCHIVE)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/guide_app.spec
	XZ_OPT="-T0 -6" tar -C dist -cJf $(BUNDLE_ARCHIVE) guide-app
	$(PY) benchmarks/bundle_size.py --folder dist/guide-app --archive $(BUNDLE_ARCHIVE) --max-mb $(BUNDLE_MAX_MB)

bundle-check:
	bash packaging/smoke-test.sh dist/guide-app/guide-app

# Debian/Ubuntu libraries Qt needs (for the xcb desktop platform and offscreen tests).
system-deps:
	apt-get install -y --no-install-recommends libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 \
	  libglib2.0-0 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
	  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 \
	  libxcb-xkb1 libx11-xcb1

clean:
	rm -rf build dist .pytest_cache
