# Front door for newcomers and CI. Every target installs what it needs first (packaging/install-deps.sh).
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
JOBS ?= 2
CMAKE_FLAGS ?=
CTEST_FLAGS ?= --output-on-failure -j$(JOBS)

.PHONY: all deps configure build test test-asan package test-package demo bench bench-quant format clean

all: build

deps:
	@bash packaging/install-deps.sh
	@bash packaging/install-node-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

test: build
	cd $(BUILD_DIR) && ctest $(CTEST_FLAGS)

test-asan: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DQS_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_DIR) -j$(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 ctest $(CTEST_FLAGS)

package: build
	cd $(BUILD_DIR) && cpack -G DEB

test-package: build
	@bash packaging/test-package.sh $(BUILD_DIR)

demo: build
	@bash packaging/run-demo.sh $(BUILD_DIR)

bench: build
	@bash tests/bench/run.sh $(BUILD_DIR)

bench-quant: build
	@bash tests/bench/bench_quant.sh $(BUILD_DIR)

format:
	find app core widgets tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
