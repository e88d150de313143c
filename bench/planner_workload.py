#!/usr/bin/python3
"""The planner's workload through the Python module, per phase: requests, read and write
units, bytes sent and received, wall time; on dynalite and on the embedded engine.

  /usr/bin/python3 bench/planner_workload.py [--build build] [--engine both] [--json]
  /usr/bin/python3 bench/planner_workload.py --build build --base-build /tmp/b/build

--build names the build directory whose python/alexdb is measured (no PYTHONPATH needed).

The phases are issue 15's (10 symbols x 30 changes, 50 calls each), the instruments and
prices imported first (as in the planner, instruments exist before they are held). Each
run is a fresh process (planner_workload_worker.py) on fresh tables. On DynamoDB the
counts come from a counting proxy (counting_proxy.py) in front of the server, and the
wall times from separate runs straight to the server (the proxy's own latency is not
timed). db.capacity(), where the module has it, is printed beside the proxy's counts and
gives the embedded engine's units (without it, the embedded engine's table has only
wall times). Wall time is the median of --repeat runs (default 3). dynalite (node_modules) is started on a free
127.0.0.1 port and stopped after, unless --endpoint is given. With --base-build, the two
builds run alternately on the same server and a table of wall time per phase, base vs
head, follows (bench/compare-commits.sh builds an older commit and runs this). Client CPU
is the worker process's (Python, the module and its threads), median of the same runs.

With --server-floor (dynalite only), each build's workload also runs once on a dynalite of
its own with its requests captured, and server_replay.py sends them again --repeat times:
per phase, the CPU time dynalite's one request thread spends on exactly these requests,
the least wall time any client sending them can take there. With --base-build it is set
beside the base's median wall time divided by 1.5 (issue 15's speedup).
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import server_replay

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKER = os.path.join(HERE, "planner_workload_worker.py")
# dynalite accepts any signed request; these are test credentials, not secrets.
TEST_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "alexdb-test",
                    "AWS_SECRET_ACCESS_KEY": "alexdb-test-secret", "AWS_REGION": "us-east-1"}

# Issue 15's table, measured on the seed's reference package on dynalite: requests,
# capacity units, wall seconds; None where it has no number (value at date fails there).
REFERENCE = {
    "300 position changes": (600, 600, 1.15),
    "50 x find_by_account": (50, 25, 0.176),
    "50 x position history": (50, 50, 0.198),
    "50 x positions at date": (50, 300, 0.562),
    "50 x value at date": None,
    "22 instruments + 5,500 prices": (221, 5522, 1.15),
}


class Dynalite:
    """dynalite from node_modules on a free 127.0.0.1 port, until stop()."""

    def __init__(self, log_path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.endpoint = "http://127.0.0.1:%d" % port
        self._log = open(log_path, "w")
        self._process = subprocess.Popen(
            ["node", os.path.join(ROOT, "node_modules", "dynalite", "cli.js"), "--host",
             "127.0.0.1", "--port", str(port), "--createTableMs", "20", "--deleteTableMs", "20"],
            stdout=self._log, stderr=subprocess.STDOUT)
        self.pid = self._process.pid
        for _ in range(100):
            try:
                urllib.request.urlopen(self.endpoint, timeout=1)
                return
            except urllib.error.HTTPError:
                return  # it answers (400 without a target)
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit("dynalite did not start on %s (log: %s)" % (self.endpoint, log_path))

    def stop(self):
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()


def run_worker(build, store, count, capture=None):
    """One workload run of the module in `build` on `store`; the worker's JSON document.
    With `capture` (a path), the requests are written there (server_replay.py)."""
    package = os.path.join(os.path.abspath(build), "python")
    if not os.path.isdir(os.path.join(package, "alexdb")):
        raise SystemExit("no Python module in %s/alexdb (build the alexdb_python target)"
                         % package)
    env = dict(os.environ, PYTHONPATH=package, PYTHONDONTWRITEBYTECODE="1")
    for name, value in TEST_CREDENTIALS.items():
        env.setdefault(name, value)
    for name in ("ALEXDB_STORE", "DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB"):
        env.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="alexdb-workload-") as cwd:  # no stray .env
        if store == "sqlite":
            store = "sqlite:" + os.path.join(cwd, "alex.db")
        command = [sys.executable, WORKER, "--store", store] + (["--count"] if count else [])
        command += ["--capture", capture] if capture else []
        done = subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.PIPE, timeout=900)
    if done.returncode != 0:
        raise SystemExit("the workload failed on %s with %s (exit %d)"
                         % (store, build, done.returncode))
    return json.loads(done.stdout)


def combine(timed, counted):
    """The counted run's phases, each with the median wall and client CPU time of the
    `timed` runs."""
    phases = counted["phases"]
    for i, phase in enumerate(phases):
        phase["walls"] = [run["phases"][i]["wall"] for run in timed]
        phase["wall"] = statistics.median(phase["walls"])
        phase["cpu"] = statistics.median(run["phases"][i]["cpu"] for run in timed)
    return {"phases": phases, "has_capacity": counted["has_capacity"]}


def measure(builds, engine, endpoint, repeat):
    """Per build, {"phases": [...], "has_capacity": bool}: each phase's wall time is the
    median of `repeat` timing runs (the builds' runs alternating, each first as often, so
    that drift hits all alike); its counts come from one counting run (DynamoDB) or from
    the last timing run."""
    store = endpoint if engine == "dynalite" else "sqlite"
    timed = {name: [] for name in builds}
    for i in range(repeat):
        order = list(builds.items())
        for name, build in order if i % 2 == 0 else reversed(order):  # neither always first
            timed[name].append(run_worker(build, store, count=False))
    return {name: combine(timed[name], run_worker(build, store, count=True)
                          if engine == "dynalite" else timed[name][-1])
            for name, build in builds.items()}


def server_floor(build, repeat):
    """The replay of one workload run of `build` on a dynalite of its own: per phase name
    {"requests", "walls", "cpus"} (server_replay.replay)."""
    log = os.path.join(tempfile.gettempdir(), "alexdb-workload-floor-dynalite.log")
    server = Dynalite(log)
    try:
        with tempfile.TemporaryDirectory(prefix="alexdb-capture-") as directory:
            path = os.path.join(directory, "capture.json")
            run_worker(build, server.endpoint, count=True, capture=path)
            phases = server_replay.read_capture(path)
        return server_replay.replay(phases, server.endpoint, server.pid, repeat)
    finally:
        server.stop()


def floor_table(floors, labels, base_walls):
    """The Markdown table of the replays: per phase and build, the median replay wall time
    and server CPU; with `base_walls` (phase -> base median wall s), the 1.5x target and
    how much of it the head's replay takes."""
    names = list(floors)
    header = ["phase"] + ["%s requests / replay wall s / server CPU s" % labels[n] for n in names]
    if base_walls:
        header += ["%s wall / 1.5 (the target) s" % labels["base"],
                   "%s server CPU / replay wall, of the target" % labels["head"]]
    lines = ["dynalite: the server's share, the requests of one run sent again (%d passes, "
             "medians)" % len(next(iter(floors["head"].values()))["walls"]), "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for phase, head in floors["head"].items():
        row = [phase]
        for n in names:
            r = floors[n].get(phase)
            row.append("%d / %.3f / %.3f" % (r["requests"], statistics.median(r["walls"]),
                                             statistics.median(r["cpus"])) if r else "-")
        if base_walls:
            target = base_walls[phase] / 1.5
            row += ["%.3f" % target, "%.0f%% / %.0f%%" % (
                100 * statistics.median(head["cpus"]) / target,
                100 * statistics.median(head["walls"]) / target)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def number(value):
    if value is None:
        return "-"
    return "{:,}".format(int(value)) if float(value).is_integer() else "{:,.1f}".format(value)


def engine_table(engine, label, result):
    """The Markdown table of one engine's run."""
    counted = engine == "dynalite"
    capacity = result["has_capacity"]
    header = ["phase", "requests", "read units", "write units", "bytes out / in", "wall s",
              "client CPU s"]
    if counted and capacity:
        header.append("capacity(): requests / read / write")
    if engine == "dynalite":
        header.append("reference (issue 15, measured): requests / units / wall s")
    lines = ["%s, %s%s" % (engine, label, "" if capacity or counted else
                           " (the module has no db.capacity(): wall time only)"), "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for phase in result["phases"]:
        source = phase["proxy"] if counted else phase["capacity"]
        source = source or {}
        row = [phase["name"], number(source.get("requests")), number(source.get("read_units")),
               number(source.get("write_units"))]
        row.append("%s / %s" % (number(source["bytes_out"]), number(source["bytes_in"]))
                   if "bytes_out" in source else "-")
        row.append("%.3f" % phase["wall"])
        row.append("%.3f" % phase["cpu"])
        if counted and capacity:
            c = phase["capacity"] or {}
            row.append(" / ".join(number(c.get(k))
                                  for k in ("requests", "read_units", "write_units")))
        if engine == "dynalite":
            ref = REFERENCE.get(phase["name"], ())
            row.append("fails on DynamoDB" if phase["name"] in REFERENCE and ref is None
                       else "%s / %s / %.3f" % (number(ref[0]), number(ref[1]), ref[2])
                       if ref else "")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def operations_list(result):
    """Per phase, the requests and units of each DynamoDB operation (the proxy's counts)."""
    lines = []
    for phase in result["phases"]:
        parts = ["%s %s (%s RU, %s WU)" % (op, number(c["requests"]), number(c["read_units"]),
                                           number(c["write_units"]))
                 for op, c in sorted(phase.get("operations", {}).items())]
        lines.append("- %s: %s" % (phase["name"], ", ".join(parts) or "no requests"))
    return "\n".join(lines)


def units(phase, engine):
    source = (phase["proxy"] if engine == "dynalite" else phase["capacity"]) or {}
    if "requests" not in source:
        return "-"
    return "%s / %s" % (number(source["requests"]),
                        number(source["read_units"] + source["write_units"]))


def compare_table(engine, base, head, labels, repeat):
    """Wall time per phase, base vs head: medians, their ratio (the speedup), and the
    fastest run of each (on a loaded machine the least disturbed one)."""
    lines = ["%s: wall time per phase, %s vs %s (%d runs each, alternating)"
             % (engine, labels[0], labels[1], repeat), "",
             "| phase | %s median s | %s median s | speedup | fastest: %s / %s s "
             "| %s requests / units | %s requests / units |" % (labels * 3),
             "|---|---|---|---|---|---|---|"]
    for b, h in zip(base["phases"], head["phases"]):
        speedup = b["wall"] / h["wall"] if h["wall"] > 0 else float("inf")
        lines.append("| %s | %.3f | %.3f | %.2fx | %.3f / %.3f | %s | %s |" % (
            h["name"], b["wall"], h["wall"], speedup, min(b["walls"]), min(h["walls"]),
            units(b, engine), units(h, engine)))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--engine", choices=("dynalite", "sqlite", "both"), default="both")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"),
                        help="the build directory holding python/alexdb (default: build)")
    parser.add_argument("--endpoint", help="a running DynamoDB endpoint instead of dynalite")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timing runs per engine (and build); wall time is their median")
    parser.add_argument("--base-build", help="a second build to compare wall times with")
    parser.add_argument("--base-label", default="base")
    parser.add_argument("--head-label", default="head")
    parser.add_argument("--operations", action="store_true",
                        help="list each phase's requests per DynamoDB operation")
    parser.add_argument("--server-floor", action="store_true",
                        help="replay each build's requests: the server's share per phase")
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE",
                        help="the results as JSON: on stdout instead of the tables, or to FILE")
    args = parser.parse_args()
    engines = ["dynalite", "sqlite"] if args.engine == "both" else [args.engine]

    server = None
    endpoint = args.endpoint
    if "dynalite" in engines and not endpoint:
        server = Dynalite(os.path.join(tempfile.gettempdir(), "alexdb-workload-dynalite.log"))
        endpoint = server.endpoint
    results = {}
    try:
        for engine in engines:
            builds = {"base": args.base_build} if args.base_build else {}
            builds["head"] = args.build
            results[engine] = measure(builds, engine, endpoint, args.repeat)
    finally:
        if server:
            server.stop()
    if args.server_floor and "dynalite" in engines:
        builds = {"base": args.base_build} if args.base_build else {}
        builds["head"] = args.build
        results["server_floor"] = {name: server_floor(build, args.repeat)
                                   for name, build in builds.items()}

    if args.json == "-":
        json.dump(results, sys.stdout, indent=1)
        print()
        return
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1)
    print_tables(results, args)


def print_tables(results, args):
    """Per engine the table of each build, then base vs head when there are two; then
    the server's share (--server-floor)."""
    for engine, by_build in results.items():
        if engine == "server_floor":
            continue
        for name, label, build in (("head", args.head_label, args.build),
                                   ("base", args.base_label, args.base_build)):
            if name not in by_build:
                continue
            print(engine_table(engine, "%s (%s)" % (label, build), by_build[name]))
            print()
            if args.operations and engine == "dynalite":
                print(operations_list(by_build[name]))
                print()
        if "base" in by_build:
            print(compare_table(engine, by_build["base"], by_build["head"],
                                (args.base_label, args.head_label), args.repeat))
            print()
    if "server_floor" in results:
        base = results["dynalite"].get("base")
        base_walls = {p["name"]: p["wall"] for p in base["phases"]} if base else None
        print(floor_table(results["server_floor"],
                          {"base": args.base_label, "head": args.head_label}, base_walls))
        print()


if __name__ == "__main__":
    main()
