"""Tests of server_replay.py against a small DynamoDB-like HTTP server (stdlib only):
/usr/bin/python3 bench/server_replay_test.py"""

import base64
import http.server
import json
import os
import tempfile
import threading
import unittest

from planner_workload_worker import write_capture
from server_replay import ReplayDiverged, Replayer, read_capture, replay, server_cpu


class TableServer(http.server.BaseHTTPRequestHandler):
    """Keeps a set of tables: CreateTable adds one, DeleteTable removes it, DescribeTable
    answers ACTIVE or 400; PutItem answers 400 on a missing table, else 200 {}."""

    protocol_version = "HTTP/1.1"
    tables = set()
    seen = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        operation = self.headers.get("X-Amz-Target", "").rpartition(".")[2]
        TableServer.seen.append(operation)
        table = body.get("TableName")
        status, answer = 200, {}
        if operation == "CreateTable":
            TableServer.tables.add(table)
        elif operation == "DeleteTable":
            TableServer.tables.discard(table)
        elif operation == "DescribeTable":
            if table in TableServer.tables:
                answer = {"Table": {"TableName": table, "TableStatus": "ACTIVE"}}
            else:
                status, answer = 400, {"__type": "ResourceNotFoundException"}
        elif table not in TableServer.tables:
            status, answer = 400, {"__type": "ResourceNotFoundException"}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def request(operation, body):
    """The bytes of a request as a client sends them."""
    data = json.dumps(body).encode()
    return (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.%s\r\n"
            b"Content-Type: application/x-amz-json-1.0\r\nContent-Length: %d\r\n\r\n%s"
            % (operation.encode(), len(data), data))


class ServerReplayTest(unittest.TestCase):
    def setUp(self):
        TableServer.tables, TableServer.seen = set(), []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TableServer)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.endpoint = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.phases = [
            ("setup", [("CreateTable", request("CreateTable", {"TableName": "t"}), 200)]),
            ("writes", [("PutItem", request("PutItem", {"TableName": "t"}), 200)] * 3),
        ]

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_every_pass_starts_without_the_captured_tables_and_sends_each_request(self):
        result = replay(self.phases, self.endpoint, os.getpid(), passes=2)
        self.assertEqual(result["writes"]["requests"], 3)
        self.assertEqual(len(result["writes"]["walls"]), 2)
        self.assertTrue(all(cpu >= 0 for cpu in result["writes"]["cpus"]))
        self.assertEqual(TableServer.seen.count("PutItem"), 6)
        self.assertEqual(TableServer.seen.count("CreateTable"), 2)
        self.assertGreaterEqual(TableServer.seen.count("DeleteTable"), 2)

    def test_another_status_than_captured_is_an_error(self):
        replayer = Replayer(self.endpoint, os.getpid())
        try:
            with self.assertRaises(ReplayDiverged):  # no table: 400, captured as 200
                replayer.phase(self.phases[1][1])
        finally:
            replayer.close()

    def test_a_capture_file_reads_back_per_phase(self):
        captured = [("CreateTable", b"create", 200), ("PutItem", b"put \x00\xff", 200),
                    ("GetItem", b"get", 400)]
        phases = [{"name": "setup", "captured": [0, 1]}, {"name": "work", "captured": [1, 3]}]
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "capture.json")
            write_capture(path, phases, captured)
            with open(path) as f:
                self.assertEqual(json.load(f)["phases"][0]["requests"][0][1],
                                 base64.b64encode(b"create").decode())
            self.assertEqual(read_capture(path),
                             [("setup", captured[:1]), ("work", captured[1:])])

    def test_the_server_cpu_of_this_process_grows(self):
        before = server_cpu(os.getpid())
        sum(i * i for i in range(200000))
        self.assertGreater(server_cpu(os.getpid()), before)


if __name__ == "__main__":
    unittest.main()
