"""The hostile suite's machinery: the case registry, the run context, a raw-socket HTTP helper and a small
JSON client. Every request either helper sends is counted, and every response body is scanned for text
that must never reach a client (SQL, OpenSSL, libpq) and every 500 is remembered, for the final cases.
"""
import http.client
import json
import os
import re
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

import processes

# --- the case registry ----------------------------------------------------------------------------------


@dataclass
class Case:
    area: str
    name: str
    checks: str          # what it checks, one line
    run: Callable
    last: bool = False   # runs after every other case (the cases that look back over the whole run)

    @property
    def full_name(self):
        return f"{self.area}.{self.name}"


CASES: list[Case] = []


def case(area, name, checks, last=False):
    """Registers the decorated function `f(ctx) -> str` as a case; the string it returns is the pass reason."""
    def register(function):
        CASES.append(Case(area, name, checks, function, last))
        return function
    return register


class CaseFailed(Exception):
    pass


class CaseSkipped(Exception):
    pass


def fail(reason):
    raise CaseFailed(reason)


def skip(reason):
    raise CaseSkipped(reason)


class Checks:
    """Several expectations in one case: collects what went wrong, and fails with all of it in one line."""

    def __init__(self):
        self.problems = []
        self.count = 0

    def that(self, condition, problem):
        self.count += 1
        if not condition:
            self.problems.append(problem)
        return bool(condition)

    def verdict(self, success, context=""):
        """Passes with `success`, or fails listing the problems (and `context`, e.g. the measurements)."""
        if self.problems:
            fail(f"{len(self.problems)}/{self.count} wrong: " + "; ".join(self.problems) + (f" -- {context}" if context else ""))
        return success


# --- what the whole run counts ----------------------------------------------------------------------------

FORBIDDEN_TEXT = re.compile(rb"SELECT|INSERT|ERROR:|violates|OpenSSL|libpq")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.writes_acknowledged = 0
        self.writes_lost = 0
        self.leaky_bodies = []     # (request, status, excerpt)
        self.server_errors = []    # (request, status) for every 5xx but 501 and 503

    def sent(self, n=1):
        with self.lock:
            self.requests += n

    def received(self, request, response):
        match = FORBIDDEN_TEXT.search(response.body)
        with self.lock:
            if match:
                start = max(0, match.start() - 30)
                self.leaky_bodies.append((request, response.status, response.body[start:match.end() + 40]))
            if response.status >= 500 and response.status not in (501, 503):     # 501: an unknown method
                self.server_errors.append((request, response.status))

    def ledger(self, acknowledged, lost):
        with self.lock:
            self.writes_acknowledged += acknowledged
            self.writes_lost += lost


STATS = Stats()


# --- responses ---------------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    reason: str
    headers: list = field(default_factory=list)   # [(name, value)] as sent
    body: bytes = b""
    elapsed: float = 0.0                          # seconds from sending the request to the whole response
    version: str = "HTTP/1.1"

    def header(self, name):
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None

    def header_names(self):
        return {key.lower() for key, _ in self.headers}

    def json(self):
        try:
            # Integers beyond Python's 4300-digit conversion limit (echoed hostile input) stay strings.
            return json.loads(self.body, parse_int=lambda text: int(text) if len(text) < 4300 else text)
        except ValueError:
            return None

    def is_json_error(self):
        """A FastAPI-style error: a JSON content type and a JSON object with `detail`."""
        content_type = (self.header("content-type") or "").lower()
        body = self.json()
        return content_type.startswith("application/json") and isinstance(body, dict) and "detail" in body

    def is_validation_error(self):
        """422 with `detail` a list (one entry per violation), as FastAPI answers."""
        return self.status == 422 and self.is_json_error() and isinstance(self.json()["detail"], list)

    def brief(self, limit=70):
        text = self.body[:limit].decode("utf-8", "replace").replace("\n", " ")
        return f"{self.status} {text!r}" if text else str(self.status)


# --- raw sockets --------------------------------------------------------------------------------------------


class Closed(Exception):
    """The server closed the connection before (or in the middle of) a response."""


class RawConnection:
    """One TCP connection driven byte by byte: for what an HTTP library would refuse to send or hide."""

    def __init__(self, port, timeout=5.0, host="127.0.0.1"):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = bytearray()
        self.sent_at = time.monotonic()
        self.label = ""

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def request(self, method, target, headers=(), body=b"", version="HTTP/1.1", host=True):
        """Sends a whole request; `headers` is a list of (name, value); Content-Length is added for a body."""
        if isinstance(body, str):
            body = body.encode()
        lines = [f"{method} {target} {version}"]
        if host:
            lines.append("Host: 127.0.0.1")
        lines += [f"{name}: {value}" for name, value in headers]
        if body and not any(name.lower() == "content-length" for name, _ in headers):
            lines.append(f"Content-Length: {len(body)}")
        self.label = f"{method} {target[:60]}"
        self.sent_at = time.monotonic()
        STATS.sent()
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode() + body)

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no complete response in time")
        self.sock.settimeout(remaining)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            raise TimeoutError("no complete response in time") from None
        except (ConnectionResetError, ConnectionAbortedError):
            chunk = b""
        if not chunk:
            raise Closed("connection closed by the server")
        self.buffer += chunk

    def _take_until(self, marker, deadline):
        while (index := self.buffer.find(marker)) < 0:
            self._fill(deadline)
        data = bytes(self.buffer[:index])
        del self.buffer[:index + len(marker)]
        return data

    def _take(self, n, deadline):
        while len(self.buffer) < n:
            self._fill(deadline)
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data

    def read_response(self, timeout=5.0, head_request=False):
        """The next response (a 1xx included); raises Closed or TimeoutError."""
        deadline = time.monotonic() + timeout
        head = self._take_until(b"\r\n\r\n", deadline).decode("latin-1")
        status_line, *header_lines = head.split("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[1].isdigit():
            raise Closed(f"not an HTTP response: {status_line[:60]!r}")
        headers = [tuple(s.strip() for s in line.split(":", 1)) for line in header_lines if ":" in line]
        response = Response(int(parts[1]), parts[2] if len(parts) > 2 else "", headers, version=parts[0])
        if head_request or response.status < 200 or response.status in (204, 304):
            pass
        elif "chunked" in (response.header("transfer-encoding") or "").lower():
            body = bytearray()
            while True:
                size = int(self._take_until(b"\r\n", deadline).split(b";")[0], 16)
                if size == 0:
                    self._take_until(b"\r\n", deadline)
                    break
                body += self._take(size, deadline)
                self._take(2, deadline)
            response.body = bytes(body)
        elif response.header("content-length") is not None:
            response.body = self._take(int(response.header("content-length")), deadline)
        else:
            try:
                while True:
                    self._fill(deadline)
            except Closed:
                pass
            response.body, self.buffer = bytes(self.buffer), bytearray()
        response.elapsed = time.monotonic() - self.sent_at
        if response.status >= 200:
            STATS.received(self.label, response)
        return response

    def wait_closed(self, timeout):
        """Reads until the server closes; returns (closed, seconds waited, bytes received meanwhile)."""
        start = time.monotonic()
        deadline = start + timeout
        received = bytes(self.buffer)
        self.buffer = bytearray()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False, time.monotonic() - start, received
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return False, time.monotonic() - start, received
            except (ConnectionResetError, ConnectionAbortedError):
                chunk = b""
            if not chunk:
                return True, time.monotonic() - start, received
            received += chunk

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def parse_responses(data):
    """The responses in bytes a server sent before closing (for 408s after a timeout); best effort."""
    responses = []
    while data.startswith(b"HTTP/"):
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = [tuple(s.strip() for s in line.split(":", 1)) for line in lines[1:] if ":" in line]
        response = Response(int(lines[0].split(" ")[1]), "", headers)
        length = int(response.header("content-length") or 0)
        response.body, data = rest[:length], rest[length:]
        responses.append(response)
    return responses


# --- the JSON client ------------------------------------------------------------------------------------------

NO_BODY = object()


class Client:
    """http.client underneath. A fresh connection per request unless keep_alive (the server closes idle
    connections after a few seconds here, so a kept connection is reopened once when it was closed).
    `source` picks the client's address: any of 127.0.0.0/8 reaches the server, and the server tells them apart
    (the login throttle counts per address)."""

    def __init__(self, port, token=None, keep_alive=False, timeout=15.0, source="127.0.0.1"):
        self.port, self.token, self.keep_alive, self.timeout, self.source = port, token, keep_alive, timeout, source
        self.connection = None

    def request(self, method, path, json_body=NO_BODY, *, body=None, headers=None, token=None):
        send_headers = {}
        if json_body is not NO_BODY:
            body = json.dumps(json_body).encode()
        if body is not None:
            send_headers["Content-Type"] = "application/json"
        if token or self.token:
            send_headers["Authorization"] = "Bearer " + (token or self.token)
        send_headers.update(headers or {})
        for _ in range(2):
            fresh = self.connection is None
            if fresh:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout,
                                                             source_address=(self.source, 0))
            start = time.monotonic()
            try:
                STATS.sent()
                self.connection.request(method, path, body=body, headers=send_headers)
                raw = self.connection.getresponse()
                payload = raw.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if fresh:
                    raise
                continue           # a kept connection the server had closed: once more on a new one
            except BaseException:
                self.close()
                raise
            response = Response(raw.status, raw.reason, list(raw.getheaders()), payload, time.monotonic() - start)
            STATS.received(f"{method} {path[:60]}", response)
            if not self.keep_alive or raw.will_close:
                self.close()
            return response
        raise ConnectionError("the server closed the connection twice")

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, json_body=NO_BODY, **kwargs):
        return self.request("POST", path, json_body, **kwargs)

    def put(self, path, json_body=NO_BODY, **kwargs):
        return self.request("PUT", path, json_body, **kwargs)

    def patch(self, path, json_body=NO_BODY, **kwargs):
        return self.request("PATCH", path, json_body, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


# --- users ------------------------------------------------------------------------------------------------------


@dataclass
class User:
    id: int
    email: str
    password: str
    token: str

    @property
    def tasks(self):
        return f"/api/{self.id}/tasks"

    def task(self, task_id):
        return f"/api/{self.id}/tasks/{task_id}"


# --- the run context --------------------------------------------------------------------------------------------

JWT_SECRET = "hostile-suite-secret-" + uuid.uuid4().hex          # 53 bytes
TOKEN_LIFETIME = 900
DEFAULT_SERVER_ENV = {
    "JWT_SECRET": JWT_SECRET,
    "ACCESS_TOKEN_TTL": str(TOKEN_LIFETIME),
    "HEADER_TIMEOUT": "2",
    "BODY_TIMEOUT": "3",
    "IDLE_TIMEOUT": "3",
    "SHUTDOWN_TIMEOUT": "3",
    "MAX_CONNECTIONS": "64",
    "LOG_LEVEL": "info",
}


class Context:
    """What every case gets: the harness PostgreSQL, the server under test (restartable with other settings),
    clients, fresh users and the run's options."""

    def __init__(self, binary, work, quick, cleanup):
        self.binary, self.work, self.quick, self.cleanup = binary, work, quick, cleanup
        self.pg = processes.Postgres(os.path.join(work, "pg"), os.path.join(work, "pgsock"))
        self.server = None
        self.overrides = {}
        self.servers_started = 0

    # settings the server was started with
    def setting(self, name):
        return float(self.env().get(name, DEFAULT_SERVER_ENV.get(name, "0")))

    def env(self):
        return dict(DEFAULT_SERVER_ENV, DATABASE_URL=self.pg.conninfo, **self.overrides)

    def start(self):
        self.pg.init()
        self.pg.start()
        self.cleanup.add("harness PostgreSQL", lambda: self.pg.stop("immediate"))
        self.start_server()

    def start_server(self, **overrides):
        """(Re)starts the server under test with the default settings plus `overrides` (None removes one)."""
        self.stop_server()
        self.overrides = overrides
        env = {k: v for k, v in self.env().items() if v is not None}
        self.servers_started += 1
        self.server = processes.Server(self.binary, self.work, f"server-{self.servers_started}")
        server = self.server
        self.cleanup.add(f"server {self.servers_started}", lambda: server.stop(timeout=5))
        self.server.start(env)
        return self.server

    def stop_server(self):
        if self.server is not None:
            self.server.stop()
            self.server = None

    def discard_server(self):
        """For a case that stopped the server on purpose: kill what is left; a default one starts after the case."""
        if self.server is not None:
            if self.server.alive():
                self.server.process.kill()
            self.server.stop()
            self.server = None

    def ensure_default_server(self):
        """After a case: the default server is running again, whatever the case did to it."""
        if self.server is None or not self.server.alive() or self.overrides or not self.pg.running():
            if not self.pg.running():
                self.pg.start()
            self.start_server()

    @property
    def port(self):
        return self.server.port

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def client(self, token=None, **kwargs):
        return Client(self.port, token, **kwargs)

    def raw(self, timeout=5.0):
        return RawConnection(self.port, timeout)

    def new_user(self, label, password=None, port=None):
        """Registers and logs in a fresh user (fails the case when either step does not work)."""
        client = Client(port or self.port)
        email = f"{label}-{uuid.uuid4().hex[:12]}@example.com"
        password = password or "correct horse " + uuid.uuid4().hex[:8]
        registered = retry_busy(lambda: client.post("/api/auth/register", {"email": email, "password": password}))
        if registered.status != 201:
            fail(f"setup: register answered {registered.brief()}")
        token = login(client, email, password)
        return User(registered.json()["id"], email, password, token)

    def sql(self, statement):
        return self.pg.psql(statement)


def retry_busy(send, attempts=20):
    """Sends again while the server answers 503/429 (busy hashing, rate limited) for set-up requests."""
    for _ in range(attempts):
        response = send()
        if response.status not in (503, 429):
            return response
        time.sleep(min(float(response.header("retry-after") or 1), 5))
    return response


def login(client, email, password):
    response = retry_busy(lambda: client.post("/api/auth/login", {"email": email, "password": password}))
    if response.status != 200:
        fail(f"setup: login answered {response.brief()}")
    return response.json()["access_token"]


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
