# alexdb: `make test` and `make demo` do everything from a fresh Debian machine.
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
# The main build: optimized, without debug information (it compiles about a third
# faster), as a unity build (each target's sources compiled as a few combined translation
# units, so the large headers are parsed a few times instead of once per file: half the
# build time).
RELEASE = -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_UNITY_BUILD=ON
# The sanitizer build (AddressSanitizer + UBSan, unoptimized, only the unit tests): a
# unity build too, with line tables as its only debug information (-g1: a sanitizer
# report still names each frame's function, file and line; full -g compiles ~10% slower).
# Its tree also holds the include check (`make check-includes`, below).
ASAN = -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_UNITY_BUILD=ON \
  -DALEXDB_SANITIZE=ON -DALEXDB_CHECK_INCLUDES=ON -DALEXDB_BENCHMARKS=OFF

.PHONY: all setup build build-asan check-includes tsan test test-unit demo bench fuzz format clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B build -G Ninja $(RELEASE) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build -j $(JOBS)

build-asan: setup
	@cmake -S . -B build-asan -G Ninja $(ASAN) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-asan --target unit_tests -j $(JOBS)

# The include check (target include_check, cmake/include_check.cmake): every file of the
# library and the unit tests parsed on its own (-fsyntax-only), which proves each one
# includes what it uses (the unity builds cannot). About 5 CPU-minutes, so not part of
# `make test` (which must stay well under 20 minutes on 2 cores): run it after adding or
# moving includes.
check-includes: setup
	@cmake -S . -B build-asan -G Ninja $(ASAN) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-asan --target include_check -j $(JOBS)

# The concurrency tests under ThreadSanitizer (on the memory, sqlite and dynalite
# engines; scripts/run-tsan.sh says which). Not part of `make test`: it builds the library
# a third time and runs about ten times slower.
TSAN_TESTS = conformance_tests database_tests dynamodb_tests
tsan: setup
	@cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
	  -DALEXDB_TSAN=ON -DALEXDB_BENCHMARKS=OFF -DALEXDB_PYTHON=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-tsan $(addprefix --target=,$(TSAN_TESTS)) -j $(JOBS)
	@scripts/run-tsan.sh

# Full suite on the release build (both engines; dynalite is started and stopped by
# the script), then the unit tests again under AddressSanitizer + UBSan, the find_package
# check and the wheels.
test: build build-asan
	@scripts/run-tests.sh

# Installs only the build packages, builds only what the demo needs (the library and
# the alexdb binary, unoptimized, as a unity build), then runs it on a temporary
# embedded store.
demo:
	@scripts/setup.sh build
	@cmake -S . -B build-demo -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 \
	  -DCMAKE_UNITY_BUILD=ON -DALEXDB_TESTS=OFF -DALEXDB_BENCHMARKS=OFF -DALEXDB_PYTHON=OFF \
	  $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-demo --target alexdb_cli -j $(JOBS)
	@build-demo/tools/alexdb/alexdb demo

# The Python package as a self-contained wheel for one interpreter (3.11, 3.12 or 3.13):
#   make wheel PYTHON=/path/to/python3   writes dist/alexdb-<version>-<tag>.whl
# It runs the in-tree PEP 517 backend (python/build_backend; `pip install .` runs the same
# one) in the wheel build tree build-wheel/, where the library is compiled once for every
# interpreter. Install with `pip install dist/alexdb-*.whl` (README, "Using alexdb from
# Python").
PYTHON ?= python3
.PHONY: wheel python
wheel:
	@scripts/setup.sh wheel
	@$(PYTHON) python/build_backend/alexdb_backend.py wheel dist

# Builds the Python module in the main build and installs the package alexdb into the
# user site-packages of $(PYTHON) (a CPython of the same version as Debian's python3, which
# this module is built against; the wheel is the way for other interpreters). Without
# installing: PYTHONPATH=build/python.
python: setup
	@cmake -S . -B build -G Ninja $(RELEASE) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build --target alexdb_python -j $(JOBS)
	@$(PYTHON) python/install.py build/python/alexdb

bench: build
	@scripts/bench.sh

# Issue 15's planner workload through the Python module of the release build, on dynalite
# (started and stopped by the benchmark) and on the embedded engine: requests, units,
# bytes and wall time per phase (bench/planner_workload.py). Not part of `make test`.
# bench-compare times it against an older commit's build, BASE (default 73c0567), in one
# run (bench/compare-commits.sh builds that commit in /tmp/alexdb-base-<sha>).
.PHONY: bench-workload bench-compare
bench-workload: setup
	@cmake -S . -B build -G Ninja $(RELEASE) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build --target alexdb_python -j $(JOBS)
	@/usr/bin/python3 bench/planner_workload.py --build build --engine both

BASE ?= 73c0567
bench-compare: setup
	@bench/compare-commits.sh $(BASE)

fuzz: setup
	@scripts/fuzz.sh

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build build-asan build-tsan build-fuzz build-demo build-wheel dist
