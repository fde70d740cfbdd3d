# WelfareMap — `make run` and `make test` work on a fresh Debian bookworm
# machine as root: both install what is missing first.
SHELL := /bin/bash
BUILD      ?= build
TEST_BUILD ?= build-test
XVFB := xvfb-run -a -s "-screen 0 1600x1000x24"

# Every Debian package the build, the tests and the benchmarks need: one
# list, in one place.
DEPS := \
	build-essential pkg-config meson ninja-build gettext python3 \
	libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libshumate-dev \
	libgdal-dev gdal-bin libsqlite3-dev sqlite3 libsodium-dev libgeos-dev \
	libcairo2-dev libpango1.0-dev \
	desktop-file-utils appstream-util \
	xvfb xauth imagemagick poppler-utils \
	fonts-dejavu-core fonts-cantarell adwaita-icon-theme hicolor-icon-theme librsvg2-common \
	clang libclang-rt-14-dev spatialite-bin

.PHONY: all deps build run test bench screenshot clean

all: build

deps:
	@missing=""; \
	for p in $(DEPS); do \
	  dpkg-query -W -f='$${db:Status-Status}\n' "$$p" 2>/dev/null | grep -qx installed || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y --no-install-recommends $$missing; \
	fi

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

# Opens the window on the demo data; with no display, runs the headless
# equivalent instead.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  ./$(BUILD)/app/welfaremap; \
	else \
	  echo "No display: showing the demo data without a window."; \
	  ./$(BUILD)/app/welfaremap --version && \
	  ./$(BUILD)/app/welfaremap info $(BUILD)/data/demo/povo-basemap.mbtiles; \
	fi

# AddressSanitizer + UBSan build, every test, GUI tests under Xvfb; the last
# line of output is "N passed, N failed".
test: deps
	@BUILD_DIR=$(TEST_BUILD) tests/run-tests.sh

bench: build
	meson test -C $(BUILD) --benchmark --verbose --num-processes 1 --no-rebuild

# A PNG of the running app on the demo data: make screenshot SHOT=file.png
SHOT ?= screenshot.png
screenshot: build
	tests/screenshot.sh $(BUILD)/app/welfaremap $(SHOT)

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
