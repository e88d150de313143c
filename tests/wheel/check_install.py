"""Checks an installed alexdb wheel (run by tests/wheel/wheel-test.sh with the venv's
interpreter, from a directory outside the source tree):

  - alexdb imports from the venv, not from the source tree or a build directory;
  - Database(store='memory:') opens with LD_LIBRARY_PATH empty;
  - the extension, and every library it loads, resolves inside the package
    (alexdb.libs) or to the C library family, and none loads libstdc++ or libgcc_s;
  - no file of the package needs a glibc newer than MAX_GLIBC;
  - the type stubs (alexdb/*.pyi) and py.typed are installed.

    python check_install.py SOURCE_DIR
"""

import glob
import importlib.util
import os
import sys

MAX_GLIBC = (2, 34)  # the AWS Lambda Python 3.12 image (Amazon Linux 2023)


def load_repair(source):
    path = os.path.join(source, "python", "wheel", "repair.py")
    spec = importlib.util.spec_from_file_location("alexdb_wheel_repair", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(source):
    assert os.environ.get("LD_LIBRARY_PATH", "") == "", "run with LD_LIBRARY_PATH empty"
    import alexdb

    package = os.path.dirname(os.path.realpath(alexdb.__file__))
    source = os.path.realpath(source)
    assert not package.startswith(source + os.sep), "alexdb imported from the tree: " + package
    assert package.startswith(os.path.realpath(sys.prefix)), "not the venv's: " + package
    db = alexdb.Database(store="memory:")
    print("check: opened %r from %s" % (db, package))

    repair = load_repair(source)
    [extension] = glob.glob(os.path.join(package, "_core*.so"))
    problems = repair.violations(extension)
    assert not problems, "\n".join(problems)
    libs = sorted(glob.glob(os.path.join(package + ".libs", "*.so*")))
    print("check: %s and %d bundled libraries need only the C library family"
          % (os.path.basename(extension), len(libs)))
    glibc = repair.max_glibc([extension] + libs)
    assert glibc <= MAX_GLIBC, "needs GLIBC_%d.%d" % glibc
    print("check: highest glibc symbol version needed: GLIBC_%d.%d" % glibc)

    stubs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(package, "*.pyi")))
    assert "__init__.pyi" in stubs and "_core.pyi" in stubs, stubs
    assert os.path.exists(os.path.join(package, "py.typed"))
    for name in alexdb.__all__:
        text = open(os.path.join(package, "__init__.pyi")).read()
        assert ("class %s" % name) in text or ("def %s" % name) in text \
            or ("%s:" % name) in text, "no stub for alexdb." + name
    print("check: stubs %s and py.typed installed" % ", ".join(stubs))


if __name__ == "__main__":
    main(sys.argv[1])
