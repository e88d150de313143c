# alexdb: `make test` and `make demo` do everything from a fresh Debian machine.
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all setup build build-asan test test-unit demo bench fuzz format clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build build -j $(JOBS)

build-asan: setup
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DALEXDB_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-asan -j $(JOBS)

# Full suite on the release build (both engines; dynalite is started and stopped by
# the script), then the unit tests again under AddressSanitizer + UBSan.
test: build build-asan
	@scripts/run-tests.sh

demo: build
	@build/examples/store_demo

bench: build
	@scripts/bench.sh

fuzz: setup
	@scripts/fuzz.sh

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build build-asan build-fuzz
