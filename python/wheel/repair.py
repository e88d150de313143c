"""Makes a built extension self-contained, as auditwheel does for manylinux wheels.

Every shared library the extension loads (directly or through another library), except
the C library family, is copied into ``<package>.libs/`` next to the package, renamed
with a hash of its contents (``libssl.so.3`` -> ``libssl-1a2b3c4d.so.3``), given that
name as its soname, and every DT_NEEDED naming it is patched to the new name. Run paths
are set to ``$ORIGIN/../<package>.libs`` on the extension and ``$ORIGIN`` on each copied
library. The renaming means a copied libssl can never be confused with another libssl
the interpreter loads (Python's own _ssl module, another wheel's), and the run paths mean
nothing depends on LD_LIBRARY_PATH or on the system having the library.

Needs ``patchelf`` (scripts/setup.sh installs it) and ``ldd``.

    python3 repair.py EXTENSION.so STAGING_DIR   bundle into STAGING_DIR/alexdb.libs
    python3 repair.py --check EXTENSION.so       print the rule's violations, exit 1 if any
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys

# The libraries taken from the system: the C library family (manylinux's list minus
# libstdc++/libgcc_s, which the extension links statically).
SYSTEM_LIBRARIES = re.compile(
    r"^(libc|libm|libpthread|libdl|librt|libresolv|libutil|libcrypt|ld-linux-x86-64|"
    r"linux-vdso)\.so(\.\d+)*$")
LIBS_DIR_SUFFIX = ".libs"


def is_system(soname):
    return bool(SYSTEM_LIBRARIES.match(soname))


def resolve(path):
    """The libraries `path` loads, transitively: {soname: resolved path or None}."""
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    out = subprocess.run(["ldd", path], env=env, capture_output=True, text=True,
                         check=True).stdout
    found = {}
    for line in out.splitlines():
        line = line.strip()
        if "=>" in line:
            name, _, rest = line.partition("=>")
            target = rest.strip().split(" (")[0].strip()
            found[name.strip()] = None if target == "not found" else target
        elif line:
            name = line.split(" (")[0].strip()
            found[os.path.basename(name)] = name
    return found


def needed(path):
    out = subprocess.run(["patchelf", "--print-needed", path], capture_output=True,
                         text=True, check=True).stdout
    return out.split()


def hashed_name(soname, path):
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()[:8]
    stem, dot, rest = soname.partition(".so")
    return "%s-%s.so%s" % (stem, digest, rest)


def patchelf(*args):
    subprocess.run(["patchelf", *args], check=True)


def bundle(extension, staging, package="alexdb"):
    """Copies the extension's non-system libraries into staging/<package>.libs and patches
    the extension (which must already be inside staging/<package>/) and the copies.
    Returns {original soname: bundled file name}."""
    libs_dir = os.path.join(staging, package + LIBS_DIR_SUFFIX)
    to_bundle = {}
    for soname, path in resolve(extension).items():
        if is_system(soname):
            continue
        if path is None:
            raise SystemExit("repair: %s needs %s, which is not found" % (extension, soname))
        to_bundle[soname] = path
    renamed = {soname: hashed_name(soname, path) for soname, path in to_bundle.items()}
    if renamed:
        os.makedirs(libs_dir, exist_ok=True)
    for soname, path in to_bundle.items():
        copy = os.path.join(libs_dir, renamed[soname])
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o755)
        patchelf("--set-soname", renamed[soname], copy)
        _rename_needed(copy, renamed)
        patchelf("--remove-rpath", copy)
        patchelf("--force-rpath", "--set-rpath", "$ORIGIN", copy)
    _rename_needed(extension, renamed)
    relative = os.path.relpath(libs_dir, os.path.dirname(extension))
    patchelf("--remove-rpath", extension)
    patchelf("--force-rpath", "--set-rpath", "$ORIGIN/" + relative, extension)
    return renamed


def _rename_needed(path, renamed):
    args = []
    for name in needed(path):
        if name in renamed:
            args += ["--replace-needed", name, renamed[name]]
    if args:
        patchelf(*args, path)


def violations(extension):
    """What breaks the rule for an installed extension: every library it loads resolves
    inside the package (<package>.libs) or is of the C library family, and none loads
    libstdc++ or libgcc_s. Checks the extension and every library it loads."""
    problems = []
    package_dir = os.path.dirname(os.path.realpath(extension))
    libs_dir = os.path.join(os.path.dirname(package_dir),
                            os.path.basename(package_dir) + LIBS_DIR_SUFFIX) + os.sep
    for path in [extension] + [p for s, p in resolve(extension).items()
                               if p and not is_system(s)]:
        for soname, target in resolve(path).items():
            if soname.startswith(("libstdc++", "libgcc_s")):
                problems.append("%s loads %s" % (path, soname))
            elif target is None:
                problems.append("%s: %s not found" % (path, soname))
            elif not is_system(soname) and not os.path.realpath(target).startswith(libs_dir):
                problems.append("%s: %s resolves outside the package: %s"
                                % (path, soname, target))
    return sorted(set(problems))


def max_glibc(paths):
    """The highest GLIBC_x.y symbol version the files require, as (x, y)."""
    best = (0, 0)
    for path in paths:
        out = subprocess.run(["objdump", "-T", path], capture_output=True, text=True,
                             check=True).stdout
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)", out):
            best = max(best, (int(major), int(minor)))
    return best


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        problems = violations(argv[2])
        print("\n".join(problems) or "ok: %s needs only the C library family" % argv[2])
        return 1 if problems else 0
    if len(argv) == 3:
        for soname, name in sorted(bundle(argv[1], argv[2]).items()):
            print("%s -> %s" % (soname, name))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
