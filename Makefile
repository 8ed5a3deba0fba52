# Front door for newcomers and CI. Every target installs what it needs first (packaging/install-deps.sh).
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
SANITIZE_DIR ?= build-sanitize
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS ?= 2
CMAKE_FLAGS ?=
CTEST_FLAGS ?= --output-on-failure -j$(JOBS)

.PHONY: all deps configure build test test-asan test-sanitize fuzz package test-package demo bench bench-quant format clean

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

# The short sanitizer pass of CI: fuzz regressions and the core and CLI tests without generated fixtures, under
# ASan + UBSan, without the GUI (tests/sanitize/run_sanitize.sh).
test-sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -G Ninja -DQS_SANITIZE=ON -DQS_BUILD_GUI=OFF $(CMAKE_FLAGS)
	cmake --build $(SANITIZE_DIR) -j$(JOBS) --target test_core test_cli quantscope-cli \
		replay_model replay_config replay_image replay_npy
	bash tests/sanitize/run_sanitize.sh $(SANITIZE_DIR)

# libFuzzer targets (tests/fuzz) built with clang, ASan and UBSan; each runs FUZZ_SECONDS on a fresh seed corpus.
fuzz:
	@bash packaging/install-deps.sh --fuzz
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) -G Ninja -DQS_FUZZ=ON -DQS_BUILD_GUI=OFF \
		-DQS_BUILD_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_DIR) -j$(JOBS) --target fuzz_model fuzz_config fuzz_image fuzz_npy
	/usr/bin/python3 tests/fuzz/make_corpus.py --out $(FUZZ_DIR)/seeds --build $(BUILD_DIR)
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/run_fuzz.sh $(FUZZ_DIR)

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
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
