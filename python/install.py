"""Installs the built package alexdb into the user site-packages of the interpreter that
runs this script (`make python PYTHON=...` runs it with that interpreter).

Usage: python3 python/install.py BUILT_PACKAGE_DIR
The extension is built for one CPython version (Debian's python3); the interpreter must
be the same major.minor version, which is checked before anything is copied.
"""

import pathlib
import shutil
import site
import sys
import sysconfig


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    built = pathlib.Path(sys.argv[1]).resolve()
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    if not (built / ("_core" + suffix)).exists():
        found = ", ".join(p.name for p in built.glob("_core*")) or "nothing"
        sys.exit("install: %s has no _core%s for this Python %s (found: %s)"
                 % (built, suffix, sys.version.split()[0], found))
    if not site.ENABLE_USER_SITE:
        sys.exit("install: this Python has user site-packages disabled; "
                 "use PYTHONPATH=%s instead" % built.parent)
    target = pathlib.Path(site.getusersitepackages()) / "alexdb"
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(built, target, ignore=shutil.ignore_patterns("__pycache__"))
    print("installed alexdb into %s (for %s)" % (target, sys.executable))


if __name__ == "__main__":
    main()
