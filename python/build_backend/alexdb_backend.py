"""alexdb's PEP 517 build backend (pyproject.toml: ``build-backend = "alexdb_backend"``,
``backend-path = ["python/build_backend"]``). It needs nothing from PyPI: pip builds
the wheel offline with CMake, Ninja and g++ (scripts/setup.sh installs them).

build_wheel, for the interpreter running the backend:
  1. configures the wheel build tree (default build-wheel/ in the source tree; the
     config setting ``build-dir`` or ALEXDB_WHEEL_BUILD_DIR chooses another) with the
     library and the Python extension only (Release, no tests, benchmarks or CLI), the
     interpreter added to ALEXDB_WHEEL_PYTHONS: the library is compiled once in that tree
     and shared by every interpreter's extension (python/wheel/wheel.cmake); with the
     config setting ``library-from`` or ALEXDB_WHEEL_LIBRARY_FROM naming a main build tree
     (make test: build/), that tree's library archives are linked instead;
  2. builds the target alexdb_wheel_<cache tag> (for example alexdb_wheel_cpython-312);
  3. stages python/alexdb/*.py with the extension, bundles the shared libraries it needs
     beyond the C library family into alexdb.libs/ (python/wheel/repair.py), writes type
     stubs and py.typed by importing the staged package (python/wheel/stubs.py);
  4. zips it with METADATA, WHEEL and RECORD; the platform tag is manylinux_2_<N>_x86_64,
     N the highest glibc version any file of the wheel requires.

Without pip (what ``make wheel PYTHON=...`` runs):
    PYTHON python/build_backend/alexdb_backend.py wheel DIST_DIR
    PYTHON python/build_backend/alexdb_backend.py sdist DIST_DIR
"""

import base64
import glob
import hashlib
import io
import os
import platform
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WHEEL_TOOLS = os.path.join(ROOT, "python", "wheel")
sys.path.insert(0, WHEEL_TOOLS)
import repair  # noqa: E402  (python/wheel/repair.py)

NAME = "alexdb"
SUMMARY = "The Alex financial planner's data layer (DynamoDB or embedded SQLite), in C++"
REQUIRES_PYTHON = ">=3.11"
# What an sdist carries: enough to configure the top-level project and build the wheel.
SDIST_PATHS = ["CMakeLists.txt", "cmake", "include", "src", "tools", "python",
               "pyproject.toml", "README.md"]


def project_version():
    """The one version of the project: project(alexdb VERSION x.y.z) in CMakeLists.txt."""
    text = open(os.path.join(ROOT, "CMakeLists.txt")).read()
    match = re.search(r"project\(\s*alexdb\s+VERSION\s+([0-9][0-9.]*)", text)
    if not match:
        raise RuntimeError("alexdb_backend: no project(alexdb VERSION ...) in CMakeLists.txt")
    return match.group(1)


def interpreter():
    """The interpreter to build for, as a path that outlives a venv or pip's build env."""
    return getattr(sys, "_base_executable", None) or sys.executable


def python_tag():
    abi = "cp%d%d" % sys.version_info[:2]
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        abi += "t"
    return "cp%d%d" % sys.version_info[:2], abi


def build_dir(config_settings):
    chosen = (config_settings or {}).get("build-dir") or os.environ.get("ALEXDB_WHEEL_BUILD_DIR")
    return os.path.abspath(chosen or os.path.join(ROOT, "build-wheel"))


def log(message):
    print("alexdb_backend: " + message, file=sys.stderr, flush=True)


def run(command, **kwargs):
    log(" ".join(command))
    subprocess.run(command, check=True, stdout=sys.stderr, **kwargs)


def cached(tree, name):
    """The value of a variable in the tree's CMakeCache.txt, or None."""
    try:
        for line in open(os.path.join(tree, "CMakeCache.txt")):
            if line.startswith(name + ":"):
                return line.split("=", 1)[1].strip()
    except FileNotFoundError:
        pass
    return None


def library_from(config_settings):
    """A main build tree whose library archives to link instead of compiling the library
    in the wheel tree (make test passes build/), or "" for the wheel tree's own."""
    chosen = ((config_settings or {}).get("library-from")
              or os.environ.get("ALEXDB_WHEEL_LIBRARY_FROM") or "")
    return os.path.abspath(chosen) if chosen else ""


def configure(tree, python, library):
    listed = [p for p in (cached(tree, "ALEXDB_WHEEL_PYTHONS") or "").split(";") if p]
    # This interpreter first (it wins if another one of the same version is listed), then
    # the others still present, so their extensions stay built.
    pythons = [python] + [p for p in listed if p != python and os.path.exists(p)]
    if listed == pythons and cached(tree, "ALEXDB_WHEEL_LIBRARY_FROM") == library:
        return
    run(["cmake", "-S", ROOT, "-B", tree, "-G", "Ninja",
         "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG",
         "-DCMAKE_UNITY_BUILD=ON", "-DALEXDB_TESTS=OFF", "-DALEXDB_BENCHMARKS=OFF",
         "-DALEXDB_INSTALL=OFF", "-DALEXDB_WHEEL_PYTHONS=" + ";".join(pythons),
         "-DALEXDB_WHEEL_LIBRARY_FROM=" + library])


def build_extension(config_settings):
    tree = build_dir(config_settings)
    configure(tree, interpreter(), library_from(config_settings))
    tag = sys.implementation.cache_tag
    command = ["cmake", "--build", tree, "--target", "alexdb_wheel_" + tag]
    if not os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL"):
        command += ["-j", str(os.cpu_count() or 1)]
    run(command)
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    return os.path.join(tree, "python", "wheel", tag, NAME, "_core" + suffix)


def metadata():
    return "\n".join([
        "Metadata-Version: 2.1",
        "Name: " + NAME,
        "Version: " + project_version(),
        "Summary: " + SUMMARY,
        "Requires-Python: " + REQUIRES_PYTHON,
        "Provides-Extra: pydantic",
        "Requires-Dist: pydantic; extra == 'pydantic'",
        "",
    ])


def dist_info_name():
    return "%s-%s.dist-info" % (NAME, project_version())


def stage(extension, staging):
    package = os.path.join(staging, NAME)
    os.makedirs(package)
    for source in glob.glob(os.path.join(ROOT, "python", NAME, "*.py")):
        shutil.copy(source, package)
    shutil.copy(extension, package)
    bundled = repair.bundle(os.path.join(package, os.path.basename(extension)), staging)
    log("bundled %d libraries into %s.libs" % (len(bundled), NAME))
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "PYTHONPATH")}
    run([sys.executable, "-I", os.path.join(WHEEL_TOOLS, "stubs.py"), staging, NAME],
        env=env)


def platform_tag(staging):
    elves = [p for p in glob.glob(os.path.join(staging, "**", "*.so*"), recursive=True)]
    major, minor = max(repair.max_glibc(elves), (2, 17))
    return "manylinux_%d_%d_%s" % (major, minor, platform.machine())


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (path, digest, len(data))


def write_wheel(staging, wheel_directory, tag):
    python, abi = python_tag()
    full_tag = "%s-%s-%s" % (python, abi, tag)
    name = "%s-%s-%s.whl" % (NAME, project_version(), full_tag)
    dist_info = dist_info_name()
    entries = []
    for folder, dirs, files in os.walk(staging):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for file in sorted(files):
            path = os.path.join(folder, file)
            entries.append((os.path.relpath(path, staging), open(path, "rb").read(),
                            os.stat(path).st_mode))
    wheel_file = ("Wheel-Version: 1.0\nGenerator: alexdb_backend\nRoot-Is-Purelib: false\n"
                  "Tag: %s\n" % full_tag)
    entries.append((dist_info + "/METADATA", metadata().encode(), 0o644))
    entries.append((dist_info + "/WHEEL", wheel_file.encode(), 0o644))
    record = [record_line(path, data) for path, data, _ in entries]
    record.append(dist_info + "/RECORD,,")
    entries.append((dist_info + "/RECORD", ("\n".join(record) + "\n").encode(), 0o644))
    os.makedirs(wheel_directory, exist_ok=True)
    target = os.path.join(wheel_directory, name)
    with zipfile.ZipFile(target + ".part", "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data, mode in entries:
            info = zipfile.ZipInfo(path, date_time=time.localtime(time.time())[:6])
            info.external_attr = (mode & 0o777 | 0o100000) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    os.replace(target + ".part", target)
    return name


# ---- PEP 517 hooks ----

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    dist_info = os.path.join(metadata_directory, dist_info_name())
    os.makedirs(dist_info, exist_ok=True)
    with open(os.path.join(dist_info, "METADATA"), "w") as out:
        out.write(metadata())
    return dist_info_name()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    started = time.monotonic()
    extension = build_extension(config_settings)
    staging = tempfile.mkdtemp(prefix="alexdb-wheel-")
    try:
        stage(extension, staging)
        name = write_wheel(staging, wheel_directory, platform_tag(staging))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log("wrote %s in %.0f s" % (os.path.join(wheel_directory, name),
                                time.monotonic() - started))
    return name


def build_sdist(sdist_directory, config_settings=None):
    base = "%s-%s" % (NAME, project_version())
    name = base + ".tar.gz"
    os.makedirs(sdist_directory, exist_ok=True)

    def keep(info):
        parts = info.name.split("/")
        return None if "__pycache__" in parts or info.name.endswith(".pyc") else info

    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as archive:
        for path in SDIST_PATHS:
            archive.add(os.path.join(ROOT, path), arcname=base + "/" + path, filter=keep)
        info = tarfile.TarInfo(base + "/PKG-INFO")
        data = metadata().encode()
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return name


def main(argv):
    if len(argv) == 3 and argv[1] in ("wheel", "sdist"):
        hook = build_wheel if argv[1] == "wheel" else build_sdist
        print(os.path.join(argv[2], hook(argv[2])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
