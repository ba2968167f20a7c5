# Build, test and benchmark entry points. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

# All PATH/env handling lives here. node_modules/.bin comes first so Trunk finds the npm
# binaryen `wasm-opt` (Debian's is too old); ~/.cargo/bin for trunk and wasm-bindgen.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
CHROMIUM ?= /usr/bin/chromium
# CI replays one fixed seed for the property and fuzz tests, so a red run can be
# reproduced; elsewhere every run explores new cases.
ifdef CI
export PROPTEST_RNG_SEED ?= 20261122
endif
export CHROMIUM

# scripts/setup.sh records the wasm toolchain route (A: rustup target, B: Debian rustc-web with
# build-std) and the tool versions in this file. It is applied to Trunk only, so native
# cargo commands keep the default toolchain.
WASM_ENV := target/wasm-toolchain.env
TRUNK := set -a && . ./$(WASM_ENV) && set +a && trunk
TRUNK_FLAGS := --release --offline --public-url ./

# Trunk 0.21 builds one page per run and empties its --dist first, so the embed view's
# bundle (embed.html, src/bin/embed.rs) is built beside dist/ first; the index build's
# hook (scripts/csp-hashes.mjs) copies its module into dist/ and gives index.html a loader
# that fetches it instead of the calculator's for `#…&embed=1`.
# The embed view for `chart=compute` (embed-compute.html, src/bin/embed_compute.rs) and
# the one for links with Power Tuning runs (embed-runs.html, src/bin/embed_runs.rs) are
# built the same way: the loader fetches one of them instead of embed.html's bundle for
# those links.
# The Power Tuning reader (reader.html, src/bin/reader.rs) and the exports (exports.html,
# src/bin/exports.rs) are built beside dist/ the same way; the hook copies them in, and
# index.html's loader fetches each on first use.
EMBED_DIST := $(CURDIR)/target/embed-dist
EMBED_COMPUTE_DIST := $(CURDIR)/target/embed-compute-dist
EMBED_RUNS_DIST := $(CURDIR)/target/embed-runs-dist
READER_DIST := $(CURDIR)/target/reader-dist
EXPORTS_DIST := $(CURDIR)/target/exports-dist
SITE_BUILD := $(TRUNK) build $(TRUNK_FLAGS) --dist $(EMBED_DIST) --html-output embed.html embed.html && \
	$(TRUNK) build $(TRUNK_FLAGS) --dist $(EMBED_COMPUTE_DIST) --html-output embed-compute.html embed-compute.html && \
	$(TRUNK) build $(TRUNK_FLAGS) --dist $(EMBED_RUNS_DIST) --html-output embed-runs.html embed-runs.html && \
	$(TRUNK) build $(TRUNK_FLAGS) --dist $(READER_DIST) --html-output reader.html reader.html && \
	$(TRUNK) build $(TRUNK_FLAGS) --dist $(EXPORTS_DIST) --html-output exports.html exports.html && \
	export EMBED_DIST=$(EMBED_DIST) EMBED_COMPUTE_DIST=$(EMBED_COMPUTE_DIST) EMBED_RUNS_DIST=$(EMBED_RUNS_DIST) READER_DIST=$(READER_DIST) EXPORTS_DIST=$(EXPORTS_DIST) && \
	$(TRUNK) build $(TRUNK_FLAGS) --dist dist

# Trunk 0.21 builds one page per run and empties its --dist first, so the fleet page
# (fleet.html, its own Wasm bundle) is built beside dist/ and copied into it.
FLEET_BUILD := $(TRUNK) build $(TRUNK_FLAGS) --dist target/fleet-dist --html-output fleet.html fleet.html && cp -R target/fleet-dist/. dist/

.PHONY: setup build serve test lint unit e2e bench clean distclean

setup:
	bash scripts/setup.sh

build: setup
	$(SITE_BUILD)
	$(FLEET_BUILD)

serve: setup
	$(TRUNK) serve $(TRUNK_FLAGS) --address 127.0.0.1 --port 8080

# Every level, in order; the first failure stops the run with a non-zero exit.
test: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo test --all-targets
	cargo test --doc
	python3 scripts/test_cur_sql.py
	$(SITE_BUILD)
	$(FLEET_BUILD)
	node --test e2e/*.test.mjs

# End-to-end tests alone, against the current dist/.
e2e:
	node --test e2e/*.test.mjs

bench: build
	cargo run --quiet --profile native --example engine_bench
	cargo run --quiet --profile native --example fleet_bench
	node scripts/bench.mjs

clean:
	cargo clean
	rm -rf dist e2e/screenshots e2e/output

distclean: clean
	rm -rf node_modules
