#!/usr/bin/env bash
# Wall time of the planner workload per phase, an older commit against this tree, measured
# in one run on one dynalite (and on the embedded engine):
#
#   bench/compare-commits.sh [BASE_COMMIT] [-- planner_workload options]
#
# BASE_COMMIT (default 73c0567, the tree issue 15 measured) is checked out in a separate
# git worktree, /tmp/alexdb-base-<sha>, and its Python module built there in build/; this
# tree's module is built in build-bench/. Both with the same flags (Release -O2, unity
# build, ccache when installed, at most -j 2: the machine is shared). Then
# bench/planner_workload.py runs both builds alternately, --repeat times (default 3), and
# prints per phase the median wall time of each and the speedup. Rebuilds are incremental;
# remove the worktree with `git worktree remove --force /tmp/alexdb-base-<sha>`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

base=73c0567
if [[ $# -gt 0 && $1 != -- ]]; then base=$1; shift; fi
[[ ${1:-} == -- ]] && shift
sha=$(git rev-parse --short=7 "$base^{commit}")
base_tree=/tmp/alexdb-base-$sha
jobs=${JOBS:-2}
(( jobs > 2 )) && jobs=2

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$root")}
fi
flags=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG"
       -DCMAKE_UNITY_BUILD=ON -DALEXDB_TESTS=OFF -DALEXDB_BENCHMARKS=OFF "${launcher[@]}")

# Builds the Python module of the source tree $1 in $1/$2 (the package in $2/python/alexdb).
build_module() {
  local tree=$1 dir=$2
  echo "building the Python module of $tree in $dir" >&2
  cmake -S "$tree" -B "$tree/$dir" "${flags[@]}" >/dev/null
  cmake --build "$tree/$dir" --target alexdb_python -j "$jobs" >/dev/null
  # Older trees may not copy the package's .py files next to the extension.
  cp -u "$tree"/python/alexdb/*.py "$tree/$dir/python/alexdb/"
}

if [[ ! -d $base_tree ]]; then
  git worktree add --detach "$base_tree" "$sha" >/dev/null
fi
build_module "$base_tree" build
build_module "$root" build-bench

head=$(git rev-parse --short=7 HEAD)
git diff --quiet HEAD -- . || head+=+changes  # the tree built has uncommitted changes
exec /usr/bin/python3 bench/planner_workload.py --build "$root/build-bench" \
  --base-build "$base_tree/build" --base-label "$sha" \
  --head-label "$head" --repeat 3 "$@"
