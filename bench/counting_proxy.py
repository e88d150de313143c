"""A counting HTTP proxy in front of a DynamoDB endpoint (dynalite), stdlib only.

CountingProxy(upstream_url) listens on 127.0.0.1 (a free port) and forwards every HTTP/1.1
request unchanged to the upstream, one upstream connection per client connection, so
keep-alive connections stay keep-alive. Per DynamoDB operation (the X-Amz-Target header)
it counts requests, error responses (status >= 400), bytes sent to the server and
received from it (request and response, head and body), and the capacity units of
ConsumedCapacity in the JSON responses (the client asks ReturnConsumedCapacity TOTAL).
Units count as read units for the read operations (GetItem, BatchGetItem, Query, Scan,
TransactGetItems) and as write units for the others, unless the response splits them
(ReadCapacityUnits, WriteCapacityUnits). Responses that are not JSON are counted and
passed on. With capture=True it also keeps every request as sent (head and body) with its
response's status, in the order the responses came (server_replay.py sends them again).
Bodies are framed by Content-Length, by chunked transfer coding, or (responses
only) by the end of the connection. `Expect: 100-continue` is answered by the proxy and
not forwarded. Only for benchmarks and tests: it trusts both ends.
"""

import gzip
import json
import socket
import threading
import urllib.parse
import zlib

__all__ = ["CountingProxy", "READ_OPERATIONS", "read_message"]

READ_OPERATIONS = frozenset({"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"})
_MAX_HEAD = 64 * 1024  # bytes of a request or status line plus headers


class _Message:
    """One HTTP message: its raw bytes as sent and its decoded body."""

    def __init__(self, start_line, headers, head, body, raw_body):
        self.start_line = start_line
        self.headers = headers  # lower-cased names
        self.head = head
        self.body = body
        self.raw_body = raw_body

    @property
    def size(self):
        return len(self.head) + len(self.raw_body)


def _read_head(stream):
    """The start line, headers and raw head of the next message, or None at EOF."""
    lines = []
    size = 0
    while True:
        line = stream.readline(_MAX_HEAD + 1)
        if not line:
            if lines:
                raise ConnectionError("connection closed inside a message head")
            return None
        size += len(line)
        if size > _MAX_HEAD:
            raise ConnectionError("message head over %d bytes" % _MAX_HEAD)
        if line in (b"\r\n", b"\n"):
            if not lines:
                continue  # a stray empty line between messages (RFC 9112 2.2)
            break
        lines.append(line)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return lines[0].decode("latin-1").strip(), headers, b"".join(lines) + b"\r\n"


def _read_exact(stream, count):
    data = stream.read(count)
    if len(data) != count:
        raise ConnectionError("connection closed inside a message body")
    return data


def _read_chunked(stream):
    """The raw chunked body (with trailers) and the decoded payload."""
    raw, payload = [], []
    while True:
        line = stream.readline(_MAX_HEAD)
        if not line:
            raise ConnectionError("connection closed inside a chunked body")
        raw.append(line)
        size = int(line.split(b";")[0].strip(), 16)
        if size == 0:
            break
        chunk = _read_exact(stream, size + 2)  # the chunk and its CRLF
        raw.append(chunk)
        payload.append(chunk[:-2])
    while True:  # trailers, up to the empty line
        line = stream.readline(_MAX_HEAD)
        raw.append(line)
        if line in (b"\r\n", b"\n", b""):
            break
    return b"".join(raw), b"".join(payload)


def read_message(stream, is_response, request_method=None, on_continue=None):
    """The next message on `stream`, or None at EOF before one starts. A request that
    expects 100-continue loses that header, and on_continue() is called before its body
    is read."""
    parsed = _read_head(stream)
    if parsed is None:
        return None
    start_line, headers, head = parsed
    if not is_response and headers.get("expect", "").lower() == "100-continue":
        head = b"".join(line + b"\r\n" for line in head.split(b"\r\n")
                        if line and not line.lower().startswith(b"expect:")) + b"\r\n"
        on_continue()
    if is_response:
        status = int(start_line.split()[1])
        no_body = request_method == "HEAD" or status in (204, 304) or 100 <= status < 200
    else:
        no_body = False
    if no_body:
        raw = payload = b""
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        raw, payload = _read_chunked(stream)
    elif "content-length" in headers:
        raw = payload = _read_exact(stream, int(headers["content-length"]))
    elif is_response:
        raw = payload = stream.read()  # delimited by the end of the connection
    else:
        payload = b""
    return _Message(start_line, headers, head, payload, raw)


def _decoded_json(message):
    """The JSON document of a response body, or None when it is not JSON."""
    body = message.body
    encoding = message.headers.get("content-encoding", "").lower()
    try:
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        return json.loads(body) if body else None
    except (ValueError, OSError, zlib.error):
        return None


def consumed_units(operation, document):
    """(read units, write units) of a response document's ConsumedCapacity."""
    if not isinstance(document, dict):
        return 0.0, 0.0
    consumed = document.get("ConsumedCapacity")
    entries = consumed if isinstance(consumed, list) else [consumed] if consumed else []
    read = write = 0.0
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        if "ReadCapacityUnits" in entry or "WriteCapacityUnits" in entry:
            read += float(entry.get("ReadCapacityUnits", 0))
            write += float(entry.get("WriteCapacityUnits", 0))
        elif operation in READ_OPERATIONS:
            read += float(entry.get("CapacityUnits", 0))
        else:
            write += float(entry.get("CapacityUnits", 0))
    return read, write


class CountingProxy:
    """A forwarding proxy on 127.0.0.1 that counts DynamoDB requests, units and bytes.

    `url` is the proxy's endpoint. snapshot() returns the counts so far per operation and
    in total; a response is counted before it is passed on, so a snapshot taken between
    two calls of the client is exact. With `capture`, captured() returns the requests so
    far as (operation, request bytes, response status), in the order of their responses.
    close() stops accepting and closes the open connections. Thread-safe.
    """

    FIELDS = ("requests", "errors", "read_units", "write_units", "bytes_out", "bytes_in")

    def __init__(self, upstream_url, capture=False):
        parsed = urllib.parse.urlsplit(upstream_url)
        self._upstream = (parsed.hostname, parsed.port or 80)
        self._lock = threading.Lock()
        self._by_operation = {}
        self._captured = [] if capture else None
        self._sockets = set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = "http://127.0.0.1:%d" % self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, name="proxy-accept", daemon=True).start()

    def snapshot(self):
        """{"total": {field: n}, "operations": {operation: {field: n}}}."""
        with self._lock:
            operations = {op: dict(zip(self.FIELDS, counts))
                          for op, counts in self._by_operation.items()}
        total = {field: sum(op[field] for op in operations.values()) for field in self.FIELDS}
        return {"total": total, "operations": operations}

    @property
    def capturing(self):
        """Whether this proxy keeps the requests (capture=True)."""
        return self._captured is not None

    def captured(self):
        """The requests captured so far (capture=True; else a ValueError)."""
        if self._captured is None:
            raise ValueError("this proxy was started without capture")
        with self._lock:
            return list(self._captured)

    def close(self):
        self._closed = True
        self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _accept(self):
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), name="proxy-conn",
                             daemon=True).start()

    def _serve(self, client):
        upstream = None
        try:
            upstream = socket.create_connection(self._upstream, timeout=60)
            with self._lock:
                self._sockets.update((client, upstream))
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._relay(client, upstream)
        except (OSError, ValueError, ConnectionError):
            pass  # the client or the server went away; nothing to count
        finally:
            with self._lock:
                self._sockets.difference_update((client, upstream))
            for sock in (client, upstream):
                if sock is not None:
                    sock.close()

    def _relay(self, client, upstream):
        from_client = client.makefile("rb")
        from_upstream = upstream.makefile("rb")
        while True:
            request = read_message(
                from_client, is_response=False,
                on_continue=lambda: client.sendall(b"HTTP/1.1 100 Continue\r\n\r\n"))
            if request is None:
                return
            upstream.sendall(request.head + request.raw_body)
            method = request.start_line.split()[0]
            response = read_message(from_upstream, is_response=True, request_method=method)
            while response is not None and response.start_line.split()[1].startswith("1"):
                client.sendall(response.head)  # an interim response, then the real one
                response = read_message(from_upstream, is_response=True, request_method=method)
            if response is None:
                return
            self._count(request, response)  # before the client can see the response
            client.sendall(response.head + response.raw_body)
            closing = (response.headers.get("connection", "").lower() == "close"
                       or request.headers.get("connection", "").lower() == "close"
                       or ("content-length" not in response.headers
                           and "chunked" not in response.headers.get("transfer-encoding", "")))
            if closing:
                return

    def _count(self, request, response):
        target = request.headers.get("x-amz-target", "")
        operation = target.rpartition(".")[2] or "(no target)"
        status = int(response.start_line.split()[1])
        read, write = consumed_units(operation, _decoded_json(response))
        with self._lock:
            counts = self._by_operation.setdefault(operation, [0, 0, 0.0, 0.0, 0, 0])
            counts[0] += 1
            counts[1] += status >= 400
            counts[2] += read
            counts[3] += write
            counts[4] += request.size
            counts[5] += response.size
            if self._captured is not None:
                self._captured.append((operation, request.head + request.raw_body, status))

