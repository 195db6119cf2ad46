# The two commands of the README's quick start, and a few helpers.
#   make run    install what is missing, build, check the live demo and start the daemon on it
#   make test   install what is missing, then every check CI runs:
#                 format-check    the code is as clang-format writes it (.clang-format)
#                 layering-check  each folder includes only the folders ARCHITECTURE.md allows it
#                 test-release    Release build, every test through ctest
#                 test-sanitized  clang, ASan + UBSan: every test but the long reliability runs
#                                 (the crash run, the 100,000-task durability runs)
#                 fuzz            each libFuzzer target: a fixed seed, a fixed number of runs, one
#                                 target per core at a time
#                 test-threads    TSan: the daemon, delivery and web tests
#   make check  the inner loop: build and run the in-process unit tests (seconds after a small change)
#   make fuzz-explore  each libFuzzer target for FUZZ_SECONDS with a random seed, to find new faults
#   make plan   build, check and plan the Zaozersk example for the school year 2021/22
# The builds are CMakePresets.json's: release (build/), asan (build-sanitized/), tsan
# (build-threads/), bench (build/ with the benchmarks).
BUILD_DIR = build
SANITIZED_DIR = build-sanitized
THREADS_DIR = build-threads
FUZZ_SECONDS ?= 600
JOBS ?= $(shell nproc)
LAUNCHER = $(shell command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
VEKHA = $(BUILD_DIR)/app/vekha
EXAMPLE = examples/zaozersk
DEMO = examples/demo

MAKEFLAGS += --no-print-directory

.PHONY: run plan build-vekha check format-check layering-check format test test-release build-sanitized test-sanitized fuzz fuzz-explore test-threads bench clean

run: build-vekha
	$(VEKHA) check $(DEMO)
	$(VEKHA) run $(DEMO)

plan: build-vekha
	$(VEKHA) check $(EXAMPLE)
	$(VEKHA) plan $(EXAMPLE) --from 2021-09-01 --to 2022-08-31

build-vekha:
	@scripts/install-deps.sh build
	cmake --preset release $(LAUNCHER) -DVEKHA_BUILD_TESTS=OFF
	cmake --build --preset release -j $(JOBS) --target vekha

test: format-check layering-check test-release test-sanitized fuzz test-threads

SOURCE_DIRS = engine rules workflows storage notifiers server reports importer runtime app tests fuzz bench

# A difference from clang-format's layout fails, naming the file and line; `make format` fixes it.
format-check:
	@scripts/install-deps.sh test
	find $(SOURCE_DIRS) -path bench/peers -prune -o \( -name '*.cc' -o -name '*.h' \) -print | \
	  xargs clang-format-14 --dry-run --Werror

layering-check:
	scripts/check-layering.py

format:
	find $(SOURCE_DIRS) -path bench/peers -prune -o \( -name '*.cc' -o -name '*.h' \) -print | xargs clang-format-14 -i

# The in-process unit tests of an incremental build: no binary spawned, no browser, and without
# the half-minute slow-client run (make test runs everything).
check: layering-check
	cmake --preset release $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON
	cmake --build --preset release -j $(JOBS) --target vekha_tests
	$(BUILD_DIR)/tests/vekha_tests --gtest_brief=1 --gtest_filter='-HttpServerFairnessTest.ThreeHundred*'

test-release:
	@scripts/install-deps.sh test
	@scripts/install-test-tools.sh $(BUILD_DIR)
	cmake --preset release $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON
	cmake --build --preset release -j $(JOBS)
	ctest --preset release -j $(JOBS)

# Debug code (no optimiser to hide a fault) built by clang with ASan and UBSan, and the fuzz
# targets with it; any report aborts the test.
build-sanitized:
	@scripts/install-deps.sh test
	@scripts/install-test-tools.sh build-sanitized
	cmake --preset asan $(LAUNCHER)
	cmake --build --preset asan -j $(JOBS)

test-sanitized: build-sanitized
	ctest --preset asan -j $(JOBS)

# The gate does the same work on any machine: a fixed seed and a fixed number of executions (its
# path still varies a little with libFuzzer's coverage feedback). New faults are looked for by
# fuzz-explore before a change lands, and each one's input joins fuzz/regressions/ with its fix.
fuzz: build-sanitized
	scripts/fuzz.py $(SANITIZED_DIR)

fuzz-explore: build-sanitized
	scripts/fuzz.py $(SANITIZED_DIR) --explore --seconds $(FUZZ_SECONDS)

# The daemon answers signals, timers, deliveries and web requests on one Asio loop: ThreadSanitizer
# keeps it honest should threads ever appear (libcurl's and SQLite's included).
test-threads:
	@scripts/install-deps.sh test
	cmake --preset tsan $(LAUNCHER)
	cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS)

bench:
	@scripts/install-deps.sh bench
	cmake --preset bench $(LAUNCHER)
	cmake --build --preset bench -j $(JOBS)
	$(BUILD_DIR)/bench/vekha_bench

clean:
	rm -rf $(BUILD_DIR) $(SANITIZED_DIR) $(THREADS_DIR)
