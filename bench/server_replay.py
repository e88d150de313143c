"""The server's share of a planner workload's wall time, stdlib only (Linux).

Sends the requests a workload run captured (planner_workload_worker.py --capture) to a
DynamoDB-compatible server again, in their order, over one keep-alive connection with
nothing between them, and measures per phase the wall time and the CPU time of the
server's main thread (/proc/PID/task/PID/schedstat). dynalite handles every request on
that one thread, so no client that sends these requests can finish the phase in less wall
time than that thread spends on them: it is a floor for the phase. Each replayed response
must have the status the captured one had (else ReplayDiverged). Tables the capture
created are deleted after each pass, so that the next pass finds the server as the first
did. Only for benchmarks: it trusts the server.

  server_replay.py CAPTURE --endpoint http://127.0.0.1:PORT --pid PID [--passes 3]
"""

import argparse
import base64
import json
import socket
import statistics
import time
import urllib.parse

from counting_proxy import read_message

__all__ = ["ReplayDiverged", "Replayer", "read_capture", "replay", "server_cpu"]

_SETTLE_TIMEOUT = 10.0  # seconds a created or deleted table may take to settle


class ReplayDiverged(Exception):
    """A replayed request was answered with another status than when it was captured."""


def read_capture(path):
    """[(phase name, [(operation, request bytes, status)])] of a capture file."""
    with open(path) as f:
        document = json.load(f)
    return [(phase["name"], [(operation, base64.b64decode(request), status)
                             for operation, request, status in phase["requests"]])
            for phase in document["phases"]]


def server_cpu(pid):
    """Seconds of CPU the main thread of process `pid` has used (user and system)."""
    with open("/proc/%d/task/%d/schedstat" % (pid, pid)) as f:
        return int(f.read().split()[0]) / 1e9


def _with_target(request, target, body):
    """`request` (captured bytes) with another X-Amz-Target and body: a request the server
    takes as that client's (the signature is not checked by dynalite)."""
    head = request.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    lines = [head[0]]
    for line in head[1:]:
        name = line.split(b":", 1)[0].strip().lower()
        if name == b"x-amz-target":
            line = b"X-Amz-Target: DynamoDB_20120810." + target.encode()
        elif name == b"content-length":
            line = b"Content-Length: %d" % len(body)
        elif name in (b"transfer-encoding", b"expect"):
            continue
        lines.append(line)
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class Replayer:
    """One keep-alive connection to `endpoint`, whose server runs as process `pid`."""

    def __init__(self, endpoint, pid):
        parsed = urllib.parse.urlsplit(endpoint)
        self.pid = pid
        self._socket = socket.create_connection((parsed.hostname, parsed.port or 80), timeout=60)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._stream = self._socket.makefile("rb")

    def close(self):
        self._stream.close()
        self._socket.close()

    def send(self, request):
        """Sends `request` (bytes as captured); returns (status, decoded body)."""
        self._socket.sendall(request)
        while True:
            response = read_message(self._stream, is_response=True, request_method="POST")
            if response is None:
                raise ConnectionError("the server closed the connection")
            status = int(response.start_line.split()[1])
            if status >= 200:
                return status, response.body

    def _table_status(self, template, table):
        """The table's status, or None when the server has no such table."""
        status, body = self.send(_with_target(template, "DescribeTable",
                                              json.dumps({"TableName": table}).encode()))
        if status != 200:
            return None
        return json.loads(body)["Table"]["TableStatus"]

    def settle(self, template, table, gone):
        """Waits until `table` is ACTIVE (or, when `gone`, no longer exists)."""
        deadline = time.monotonic() + _SETTLE_TIMEOUT
        while True:
            status = self._table_status(template, table)
            if (status is None) if gone else (status == "ACTIVE"):
                return
            if time.monotonic() > deadline:
                raise ReplayDiverged("table %s did not settle (%s)" % (table, status))
            time.sleep(0.01)

    def phase(self, requests):
        """Sends a phase's requests; returns (wall seconds, server CPU seconds), leaving out
        the waits for tables to settle after CreateTable and DeleteTable."""
        wall = cpu = 0.0
        start, start_cpu = time.perf_counter(), server_cpu(self.pid)
        for operation, request, expected in requests:
            status, body = self.send(request)
            if status != expected:
                raise ReplayDiverged("%s answered %d (captured: %d): %s"
                                     % (operation, status, expected, body[:300]))
            if operation in ("CreateTable", "DeleteTable") and status == 200:
                wall += time.perf_counter() - start
                cpu += server_cpu(self.pid) - start_cpu
                table = json.loads(request.split(b"\r\n\r\n", 1)[1])["TableName"]
                self.settle(request, table, gone=operation == "DeleteTable")
                start, start_cpu = time.perf_counter(), server_cpu(self.pid)
        return wall + time.perf_counter() - start, cpu + server_cpu(self.pid) - start_cpu

    def delete_tables(self, phases):
        """Deletes the tables the captured requests created, and waits until they are gone."""
        for _, requests in phases:
            for operation, request, status in requests:
                if operation == "CreateTable" and status == 200:
                    table = json.loads(request.split(b"\r\n\r\n", 1)[1])["TableName"]
                    body = json.dumps({"TableName": table}).encode()
                    self.send(_with_target(request, "DeleteTable", body))
                    self.settle(request, table, gone=True)


def replay(phases, endpoint, pid, passes):
    """Replays `phases` (read_capture's) `passes` times on the server at `endpoint`
    (process `pid`), deleting the captured tables before each pass; per phase name
    {"requests": n, "walls": [...], "cpus": [...]}."""
    result = {name: {"requests": len(requests), "walls": [], "cpus": []}
              for name, requests in phases}
    replayer = Replayer(endpoint, pid)
    try:
        for _ in range(passes):
            replayer.delete_tables(phases)
            for name, requests in phases:
                wall, cpu = replayer.phase(requests)
                result[name]["walls"].append(wall)
                result[name]["cpus"].append(cpu)
    finally:
        replayer.close()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("capture", help="a file of planner_workload_worker.py --capture")
    parser.add_argument("--endpoint", required=True, help="the server, http://HOST:PORT")
    parser.add_argument("--pid", type=int, required=True, help="the server's process id")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    result = replay(read_capture(args.capture), args.endpoint, args.pid, args.passes)
    print("| phase | requests | replay wall s | server CPU s |\n|---|---|---|---|")
    for name, r in result.items():
        print("| %s | %d | %.3f | %.3f |" % (name, r["requests"], statistics.median(r["walls"]),
                                             statistics.median(r["cpus"])))


if __name__ == "__main__":
    main()
