# The two commands of the README's quick start, and a few helpers.
#   make run    install what is missing, build, check the live demo and start the daemon on it
#   make test   install what is missing, then every check CI runs:
#                 format-check    the code is as clang-format writes it (.clang-format)
#                 test-release    Release build, every test through ctest
#                 test-sanitized  clang, ASan + UBSan: every test but the long reliability runs
#                 fuzz            each libFuzzer target: a fixed seed, a fixed number of runs
#                 test-threads    TSan: the daemon, delivery and web tests
#   make check  the inner loop: build and run the in-process unit tests (seconds after a small change)
#   make fuzz-explore  each libFuzzer target for FUZZ_SECONDS with a random seed, to find new faults
#   make plan   build, check and plan the Zaozersk example for the school year 2021/22
BUILD_DIR ?= build
SANITIZED_DIR ?= build-sanitized
THREADS_DIR ?= build-threads
FUZZ_SECONDS ?= 600
JOBS ?= $(shell nproc)
PRESET_FLAGS = -DCMAKE_BUILD_TYPE=Release
LAUNCHER = $(shell command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
VEKHA = $(BUILD_DIR)/app/vekha
EXAMPLE = examples/zaozersk
DEMO = examples/demo

MAKEFLAGS += --no-print-directory

.PHONY: run plan build-vekha check format-check format test test-release build-sanitized test-sanitized fuzz fuzz-explore test-threads bench clean

run: build-vekha
	$(VEKHA) check $(DEMO)
	$(VEKHA) run $(DEMO)

plan: build-vekha
	$(VEKHA) check $(EXAMPLE)
	$(VEKHA) plan $(EXAMPLE) --from 2021-09-01 --to 2022-08-31

build-vekha:
	@scripts/install-deps.sh build
	cmake -S . -B $(BUILD_DIR) $(PRESET_FLAGS) $(LAUNCHER) -DVEKHA_BUILD_TESTS=OFF
	cmake --build $(BUILD_DIR) -j $(JOBS) --target vekha

test: format-check test-release test-sanitized fuzz test-threads

SOURCE_DIRS = engine rules workflows storage notifiers server reports importer runtime app tests fuzz bench

# A difference from clang-format's layout fails, naming the file and line; `make format` fixes it.
format-check:
	@scripts/install-deps.sh test
	find $(SOURCE_DIRS) -path bench/peers -prune -o \( -name '*.cc' -o -name '*.h' \) -print | \
	  xargs clang-format-14 --dry-run --Werror

format:
	find $(SOURCE_DIRS) -path bench/peers -prune -o \( -name '*.cc' -o -name '*.h' \) -print | xargs clang-format-14 -i

# The in-process unit tests of an incremental build: no binary spawned, no browser, and without
# the half-minute slow-client run (make test runs everything).
check:
	cmake -S . -B $(BUILD_DIR) $(PRESET_FLAGS) $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON
	cmake --build $(BUILD_DIR) -j $(JOBS) --target vekha_tests
	$(BUILD_DIR)/tests/vekha_tests --gtest_brief=1 --gtest_filter='-HttpServerFairnessTest.ThreeHundred*'

test-release:
	@scripts/install-deps.sh test
	cmake -S . -B $(BUILD_DIR) $(PRESET_FLAGS) $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON
	cmake --build $(BUILD_DIR) -j $(JOBS)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Debug code (no optimiser to hide a fault) built by clang with ASan and UBSan, and the fuzz
# targets with it; any report aborts the test.
build-sanitized:
	@scripts/install-deps.sh test
	CXX=clang++ cmake -S . -B $(SANITIZED_DIR) -DCMAKE_BUILD_TYPE=Debug $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON \
	  -DVEKHA_SANITIZE=ON -DVEKHA_BUILD_FUZZERS=ON
	cmake --build $(SANITIZED_DIR) -j $(JOBS)

test-sanitized: build-sanitized
	cd $(SANITIZED_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) --label-exclude reliability

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
	cmake -S . -B $(THREADS_DIR) -DCMAKE_BUILD_TYPE=Debug $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON -DVEKHA_SANITIZE_THREAD=ON
	cmake --build $(THREADS_DIR) -j $(JOBS) --target vekha vekha_cli_tests
	cd $(THREADS_DIR) && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -j $(JOBS) \
	  -R '^(DeliveryCliTest|Faults/WebhookFaultTest|WebApiTest)\.'

bench:
	@scripts/install-deps.sh bench
	cmake -S . -B $(BUILD_DIR) $(PRESET_FLAGS) $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON -DVEKHA_BUILD_BENCH=ON
	cmake --build $(BUILD_DIR) -j $(JOBS) --target vekha_bench
	$(BUILD_DIR)/bench/vekha_bench

clean:
	rm -rf $(BUILD_DIR) $(SANITIZED_DIR) $(THREADS_DIR)
