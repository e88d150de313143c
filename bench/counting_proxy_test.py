"""Tests of counting_proxy.py against a small HTTP server (stdlib only):
/usr/bin/python3 bench/counting_proxy_test.py"""

import http.client
import http.server
import json
import threading
import unittest

from counting_proxy import CountingProxy, consumed_units


class Upstream(http.server.BaseHTTPRequestHandler):
    """Answers by path: / JSON with ConsumedCapacity (Content-Length), /chunked the same
    chunked, /text a non-JSON body, /close a body delimited by closing the connection."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        target = self.headers.get("X-Amz-Target", "")
        units = {"CapacityUnits": 2.5} if target.endswith("Query") else [{"CapacityUnits": 3}]
        body = json.dumps({"ConsumedCapacity": units}).encode()
        if self.path == "/text":
            body = b"<html>not json</html>"
        self.send_response(400 if self.path == "/text" else 200)
        if self.path == "/chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            half = len(body) // 2
            for part in (body[:half], body[half:]):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/close":
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


class CountingProxyTest(unittest.TestCase):
    def setUp(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.proxy = CountingProxy("http://127.0.0.1:%d" % self.server.server_address[1])
        port = int(self.proxy.url.rsplit(":", 1)[1])
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def tearDown(self):
        self.connection.close()
        self.proxy.close()
        self.server.shutdown()
        self.server.server_close()

    def post(self, path, operation, body=b"{}", headers=None):
        self.connection.request("POST", path, body=body, headers=dict(
            {"X-Amz-Target": "DynamoDB_20120810." + operation}, **(headers or {})))
        response = self.connection.getresponse()
        return response.status, response.read()

    def test_counts_requests_units_and_bytes_per_operation_on_one_connection(self):
        for _ in range(3):
            self.assertEqual(self.post("/", "Query")[0], 200)
        self.post("/chunked", "BatchWriteItem", body=b"x" * 5000)
        counts = self.proxy.snapshot()
        self.assertEqual(counts["operations"]["Query"]["requests"], 3)
        self.assertEqual(counts["operations"]["Query"]["read_units"], 7.5)
        self.assertEqual(counts["operations"]["BatchWriteItem"]["write_units"], 3)
        self.assertEqual(counts["total"]["requests"], 4)
        self.assertGreater(counts["operations"]["BatchWriteItem"]["bytes_out"], 5000)
        self.assertGreater(counts["total"]["bytes_in"], 0)

    def test_passes_on_and_counts_a_response_that_is_not_json(self):
        status, body = self.post("/text", "GetItem")
        self.assertEqual((status, body), (400, b"<html>not json</html>"))
        counts = self.proxy.snapshot()["operations"]["GetItem"]
        self.assertEqual((counts["requests"], counts["errors"], counts["read_units"]), (1, 1, 0))

    def test_a_body_delimited_by_the_end_of_the_connection(self):
        status, body = self.post("/close", "PutItem")
        self.assertEqual(json.loads(body)["ConsumedCapacity"], [{"CapacityUnits": 3}])
        self.assertEqual(self.proxy.snapshot()["operations"]["PutItem"]["write_units"], 3)

    def test_answers_expect_100_continue_itself(self):
        status, _ = self.post("/", "Query", body=b"y" * 2000, headers={"Expect": "100-continue"})
        self.assertEqual(status, 200)
        self.assertEqual(self.proxy.snapshot()["total"]["requests"], 1)

    def test_split_read_and_write_units_are_taken_as_given(self):
        document = {"ConsumedCapacity": [{"CapacityUnits": 6, "ReadCapacityUnits": 2,
                                          "WriteCapacityUnits": 4}]}
        self.assertEqual(consumed_units("TransactWriteItems", document), (2, 4))
        self.assertEqual(consumed_units("GetItem", {"Item": {}}), (0, 0))


if __name__ == "__main__":
    unittest.main()
