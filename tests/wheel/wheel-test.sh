#!/usr/bin/env bash
# The wheel, as the planner installs it (SPEC 10, "Installable where the planner runs"):
# for Debian's python3 and for pyenv's 3.12 (skipped with a message where absent),
#   1. pip builds the wheel from the source tree through the PEP 517 backend, offline
#      (--no-index; the backend requires nothing), in the shared wheel build tree;
#   2. pip installs it into a fresh venv;
#   3. tests/wheel/check_install.py checks the install (imports from the venv, opens a
#      memory store with LD_LIBRARY_PATH empty, the ldd rule, glibc <= 2.34, stubs);
#   4. the pytest suite python/tests runs against the install, from a copy outside the
#      source tree (on dynalite too when ALEXDB_TEST_DYNAMODB_ENDPOINT is set).
# Debian's venv sees Debian's packages (--system-site-packages: pytest, boto3, pydantic).
# pyenv's 3.12 has no pytest and nothing may be downloaded: its venv gets Debian's
# pure-Python pytest (and only what pytest needs) through a .pth file, which appends it
# after the venv's site-packages; tests needing boto3 or pydantic skip there.
#
#   tests/wheel/wheel-test.sh [PYTHON...]     default: /usr/bin/python3 and pyenv's 3.12
# With ALEXDB_WHEEL_LIBRARY_FROM=<main build tree> (scripts/run-tests.sh: build/) the
# backend links that tree's library archives instead of compiling the library again.
set -euo pipefail
cd "$(dirname "$0")/../.."
source_dir=$PWD

pythons=("$@")
if [ ${#pythons[@]} -eq 0 ]; then
  pythons=(/usr/bin/python3)
  pyenv_root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
  pyenv312=$(ls -d "$pyenv_root"/versions/3.12*/bin/python3 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$pyenv312" ]; then
    pythons+=("$pyenv312")
  else
    echo "== wheel: SKIPPED for Python 3.12: no pyenv 3.12 build under $pyenv_root/versions"
  fi
fi

work=$(mktemp -d /tmp/alexdb-wheel-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r python/tests "$work/tests"
rm -rf "$work/tests/__pycache__"

# Debian's pytest and what it imports, nothing else of dist-packages.
debian_pytest() {
  local dir=$1 name
  mkdir -p "$dir"
  for name in pytest _pytest py.py py pluggy iniconfig packaging attr attrs; do
    if [ -e "/usr/lib/python3/dist-packages/$name" ]; then
      ln -s "/usr/lib/python3/dist-packages/$name" "$dir/$name"
    fi
  done
}

# 1. Build, one interpreter after the other (compiling uses every core).
status=0
built=()
for python in "${pythons[@]}"; do
  version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  started=$SECONDS
  if "$python" -m pip wheel --no-index --no-deps --no-cache-dir -w "$work/dist-$version" . \
      >"$work/build-$version.log" 2>&1; then
    wheel=$(ls "$work/dist-$version"/alexdb-*.whl)
    echo "== wheel: built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB) with $python in $((SECONDS - started)) s"
    built+=("$python")
  else
    cat "$work/build-$version.log"
    echo "== wheel: FAILED to build with $python"
    status=1
  fi
done

# 2-4 for one interpreter: venv, install, checks, pytest (output in $work/test-X.Y.log).
test_install() {
  local python=$1 version=$2 venv=$work/venv-$2 purelib
  if [ "$python" = /usr/bin/python3 ]; then
    "$python" -m venv --system-site-packages "$venv"
  else
    "$python" -m venv "$venv"
    if ! "$venv/bin/python" -c 'import pytest' 2>/dev/null; then
      debian_pytest "$work/pytest-$version"
      purelib=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
      echo "$work/pytest-$version" >"$purelib/zz-debian-pytest.pth"
    fi
  fi
  "$venv/bin/python" -m pip install -q --no-index --no-deps "$work/dist-$version"/alexdb-*.whl
  # From outside the source tree with nothing of it on sys.path.
  cd "$work"
  unset PYTHONPATH
  export LD_LIBRARY_PATH= PYTHONNOUSERSITE=1 PYTHONDONTWRITEBYTECODE=1
  "$venv/bin/python" "$source_dir/tests/wheel/check_install.py" "$source_dir"
  "$venv/bin/python" -m pytest -q -p no:cacheprovider \
    -W "ignore::DeprecationWarning:_pytest.assertion.rewrite" "tests-$version"
}

# The interpreters in parallel: the suites mostly wait on dynalite.
pids=()
for python in "${built[@]}"; do
  version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  cp -r "$work/tests" "$work/tests-$version"
  (test_install "$python" "$version") >"$work/test-$version.log" 2>&1 &
  pids+=($!)
done
started=$SECONDS
for i in "${!pids[@]}"; do
  python=${built[$i]}
  version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  if wait "${pids[$i]}"; then result=passed; else result=FAILED; status=1; fi
  echo "== wheel: installed and tested with $python: $result"
  grep -v '^\.*  *\[ *[0-9]*%\]$' "$work/test-$version.log" | sed 's/^/   /'
done
echo "== wheel: tests took $((SECONDS - started)) s"
exit $status
