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
	libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base gstreamer1.0-plugins-good \
	desktop-file-utils appstream-util \
	xvfb xauth imagemagick poppler-utils \
	fonts-dejavu-core fonts-cantarell adwaita-icon-theme hicolor-icon-theme librsvg2-common \
	clang libclang-rt-14-dev spatialite-bin

.PHONY: all deps build run test bench screenshot clean fuzz

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
DEMO := $(BUILD)/data/demo/povo-demo.wmx

run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "Demo passphrases: analyst povo-analista-demo, caseworker povo-operatore-demo"; \
	  ./$(BUILD)/app/welfaremap $(DEMO); \
	else \
	  echo "No display: writing the demo atlas instead of opening the window."; \
	  ./$(BUILD)/app/welfaremap --version && \
	  WELFAREMAP_PASSPHRASE=povo-operatore-demo \
	    ./$(BUILD)/app/welfaremap atlas $(DEMO) --out $(BUILD)/povo-atlas.pdf && \
	  echo "Demo atlas: $(CURDIR)/$(BUILD)/povo-atlas.pdf"; \
	fi

# AddressSanitizer + UBSan build, every test, GUI tests under Xvfb; the last
# line of output is "N passed, N failed".
test: deps
	@BUILD_DIR=$(TEST_BUILD) tests/run-tests.sh

bench: build
	meson test -C $(BUILD) --benchmark --verbose --num-processes 1 --no-rebuild

# libFuzzer target of the extract's header parser and stream reader
# (tests/fuzz/fuzz-extract.c): builds it, then fuzzes for FUZZ_SECONDS on one
# core, at low priority, from the seeds in tests/fuzz/corpus-extract.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS  := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-DWM_EXTRACT_FUZZING -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
FUZZ_SOURCES := $(wildcard app/core/wm-extract*.c) tests/fuzz/fuzz-extract.c

fuzz: deps
	mkdir -p $(FUZZ_BUILD)/corpus-extract
	echo '#define GETTEXT_PACKAGE "welfaremap"' > $(FUZZ_BUILD)/config.h
	clang-14 $(FUZZ_CFLAGS) -I$(FUZZ_BUILD) -Iapp/core $(FUZZ_SOURCES) \
	  $$(pkg-config --cflags --libs gio-2.0 sqlite3 libsodium) -o $(FUZZ_BUILD)/fuzz-extract
	nice $(FUZZ_BUILD)/fuzz-extract -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	  $(FUZZ_BUILD)/corpus-extract tests/fuzz/corpus-extract

# A PNG of the running app on the demo data: make screenshot SHOT=file.png
# (more states: build/tests/wm-screenshot --help)
SHOT ?= screenshot.png
screenshot: build
	@printf 'povo-analista-demo\n' > $(BUILD)/demo-analyst.pass
	$(XVFB) ./$(BUILD)/tests/wm-screenshot $(SHOT) --extract $(DEMO) \
	  --passphrase-file $(BUILD)/demo-analyst.pass --layer sections --indicator ivsm

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
