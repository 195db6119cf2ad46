# The two commands of the README's quick start, and a few helpers.
#   make run    install what is missing, build, check the live demo and start the daemon on it
#   make test   install what is missing, build, run every test through ctest
#   make plan   build, check and plan the Zaozersk example for the school year 2021/22
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
PRESET_FLAGS = -DCMAKE_BUILD_TYPE=Release
LAUNCHER = $(shell command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
VEKHA = $(BUILD_DIR)/app/vekha
EXAMPLE = examples/zaozersk
DEMO = examples/demo

MAKEFLAGS += --no-print-directory

.PHONY: run plan build-vekha test bench clean

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

test:
	@scripts/install-deps.sh test
	cmake -S . -B $(BUILD_DIR) $(PRESET_FLAGS) $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON
	cmake --build $(BUILD_DIR) -j $(JOBS)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench:
	@scripts/install-deps.sh bench
	cmake -S . -B $(BUILD_DIR) $(PRESET_FLAGS) $(LAUNCHER) -DVEKHA_BUILD_TESTS=ON -DVEKHA_BUILD_BENCH=ON
	cmake --build $(BUILD_DIR) -j $(JOBS) --target vekha_bench
	$(BUILD_DIR)/bench/vekha_bench

clean:
	rm -rf $(BUILD_DIR)
