"""Limits and timeouts, measured on raw sockets: idle keep-alive, slowloris, trickled bodies, the
connection cap and memory under many held bodies. The server runs with HEADER_TIMEOUT=2, BODY_TIMEOUT=3,
IDLE_TIMEOUT=3 and MAX_CONNECTIONS=64 (harness.DEFAULT_SERVER_ENV) unless a case restarts it otherwise."""
import socket
import threading
import time

from harness import STATS, Checks, case, fail, parse_responses

MiB = 1024 * 1024


class Trickle:
    """Connections that each receive one more byte every `interval` seconds from one thread; remembers when
    the server closed each (a failed send or recv of b'') and what it sent before closing."""

    def __init__(self, ctx, count, preamble, drip, interval=0.5):
        self.interval, self.drip = interval, drip
        self.sockets = []
        for _ in range(count):
            sock = socket.create_connection(("127.0.0.1", ctx.port), timeout=5)
            STATS.sent()
            sock.sendall(preamble)
            sock.setblocking(False)
            self.sockets.append(sock)
        self.start = time.monotonic()
        self.closed_at = [None] * count
        self.received = [b""] * count
        self.running = True
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def poll(self, i, sock):
        try:
            while chunk := sock.recv(65536):
                self.received[i] += chunk
            self.closed_at[i] = time.monotonic() - self.start
        except BlockingIOError:
            pass
        except OSError:
            self.closed_at[i] = time.monotonic() - self.start

    def loop(self):
        next_drip = time.monotonic()
        while self.running and None in self.closed_at:
            now = time.monotonic()
            for i, sock in enumerate(self.sockets):
                if self.closed_at[i] is not None:
                    continue
                self.poll(i, sock)
                if self.closed_at[i] is None and now >= next_drip:
                    try:
                        sock.send(self.drip)
                    except BlockingIOError:
                        pass
                    except OSError:
                        self.closed_at[i] = now - self.start
            if now >= next_drip:
                next_drip = now + self.interval
            time.sleep(0.02)

    def wait(self, timeout):
        self.thread.join(timeout)
        self.running = False
        self.thread.join()
        for sock in self.sockets:
            sock.close()

    def early_responses(self):
        """The statuses of responses sent before closing, and whether each was JSON."""
        found = []
        for data in self.received:
            try:
                found += [(r.status, r.is_json_error()) for r in parse_responses(data)]
            except (ValueError, IndexError):
                found.append(("unparseable", False))
        return found


def describe_closes(trickle):
    closed = [t for t in trickle.closed_at if t is not None]
    if not closed:
        return "none closed"
    return f"{len(closed)}/{len(trickle.closed_at)} closed at {min(closed):.1f}-{max(closed):.1f} s"


@case("limits", "idle_timeout", "an idle keep-alive connection is closed after IDLE_TIMEOUT (within -0.5 s/+2 s)")
def idle_timeout(ctx):
    idle = ctx.setting("IDLE_TIMEOUT")
    connection = ctx.raw()
    try:
        connection.request("GET", "/health")
        response = connection.read_response()
        if response.status != 200:
            fail(f"setup: /health answered {response.brief()}")
        closed, waited, _ = connection.wait_closed(idle + 4)
    finally:
        connection.close()
    if not closed:
        fail(f"still open {waited:.1f} s after the response (IDLE_TIMEOUT={idle:g})")
    if not idle - 0.5 <= waited <= idle + 2:
        fail(f"closed after {waited:.1f} s, expected {idle - 0.5:g}-{idle + 2:g} s")
    return f"closed after {waited:.1f} s (IDLE_TIMEOUT={idle:g})"


@case("limits", "slowloris", "50 connections sending a header byte every 0.5 s are all closed after ~HEADER_TIMEOUT; others still served")
def slowloris(ctx):
    header_timeout = ctx.setting("HEADER_TIMEOUT")
    trickle = Trickle(ctx, 50, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", b"a")
    time.sleep(1.0)
    probe = ctx.client().get("/health")
    trickle.wait(header_timeout + 5)
    checks = Checks()
    checks.that(probe.status == 200 and probe.elapsed < 0.5, f"a normal request meanwhile: {probe.status} in {probe.elapsed * 1000:.0f} ms")
    late = [t for t in trickle.closed_at if t is None or t > header_timeout + 2]
    checks.that(not late, f"{describe_closes(trickle)}; {len(late)} open past {header_timeout + 2:g} s")
    early = [r for r in trickle.early_responses() if r != (408, True)]
    checks.that(not early, f"responses other than a JSON 408 before closing: {early[:3]}")
    return checks.verdict(f"{describe_closes(trickle)} (HEADER_TIMEOUT={header_timeout:g}); a normal request took "
                          f"{probe.elapsed * 1000:.0f} ms meanwhile")


@case("limits", "trickled_body", "a body trickled one byte per 0.5 s (Content-Length 1000) is closed after ~BODY_TIMEOUT")
def trickled_body(ctx):
    body_timeout = ctx.setting("BODY_TIMEOUT")
    user = ctx.new_user("trickle")
    preamble = (f"POST {user.tasks} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {user.token}\r\n"
                "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"title\": \"").encode()
    trickle = Trickle(ctx, 1, preamble, b"x")
    trickle.wait(body_timeout + 5)
    closed = trickle.closed_at[0]
    responses = trickle.early_responses()
    if closed is None:
        fail(f"still open {body_timeout + 5:g} s later (BODY_TIMEOUT={body_timeout:g})")
    if closed > body_timeout + 2:
        fail(f"closed only after {closed:.1f} s (BODY_TIMEOUT={body_timeout:g})")
    if any(r != (408, True) for r in responses):
        fail(f"closed after {closed:.1f} s, but answered {responses} first (only a JSON 408 is expected)")
    return f"closed after {closed:.1f} s" + (" with a 408 JSON" if responses else "")


@case("limits", "connection_cap", "MAX_CONNECTIONS+20 idle sockets: the server holds at most MAX_CONNECTIONS; requests work after")
def connection_cap(ctx):
    cap = int(ctx.setting("MAX_CONNECTIONS"))
    # Connections of earlier cases may still be closing (a raw answer is followed by a 2 s lingering close).
    settle = time.monotonic() + 5
    while ctx.server.open_connections() > 0 and time.monotonic() < settle:
        time.sleep(0.1)
    baseline = ctx.server.open_connections()
    sockets = []
    try:
        for _ in range(cap + 20):
            sockets.append(socket.create_connection(("127.0.0.1", ctx.port), timeout=5))
        time.sleep(0.3)      # a server may accept an extra one for a moment to refuse it; let that settle
        peak, deadline = 0, time.monotonic() + 1.5
        while time.monotonic() < deadline:
            peak = max(peak, ctx.server.open_connections())
            time.sleep(0.05)
    finally:
        for sock in sockets:
            sock.close()
    time.sleep(0.5)
    after = ctx.client().get("/health")
    checks = Checks()
    checks.that(peak <= cap, f"the server held {peak} connections at once (cap {cap}, {baseline} before)")
    checks.that(after.status == 200, f"afterwards /health -> {after.brief()}")
    return checks.verdict(f"held at most {peak} of {cap + 20} (cap {cap}); /health 200 afterwards")


@case("limits", "held_bodies_rss", "100 connections each sending a 2 MiB body but its last byte: server RSS stays under 200 MB")
def held_bodies_rss(ctx):
    # Room for all 100 and time to hold them; the body cap stays the server's own (a server may refuse at once).
    ctx.start_server(MAX_CONNECTIONS="256", BODY_TIMEOUT="15")
    user = ctx.new_user("rss")
    length = 2 * MiB
    head = (f"POST {user.tasks} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {user.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n").encode()
    body = b'{"title": "' + b"r" * (length - 13) + b'"}'
    baseline = ctx.server.rss_mib()
    sockets, sent, lock = [], [0], threading.Lock()

    def hold():
        try:
            sock = socket.create_connection(("127.0.0.1", ctx.port), timeout=8)
            sockets.append(sock)
            STATS.sent()
            sock.sendall(head + body[:-1])     # all but the last byte
            with lock:
                sent[0] += 1
        except OSError:
            pass

    threads = [threading.Thread(target=hold, daemon=True) for _ in range(100)]
    peak = baseline
    try:
        for thread in threads:
            thread.start()
        start = time.monotonic()
        while time.monotonic() - start < 12:
            peak = max(peak, ctx.server.rss_mib())
            if time.monotonic() - start > 4 and not any(t.is_alive() for t in threads):
                break
            time.sleep(0.1)
    finally:
        for sock in list(sockets):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
    time.sleep(0.5)
    alive = ctx.server.alive() and ctx.client().get("/health").status == 200
    summary = f"peak RSS {peak:.0f} MB (baseline {baseline:.0f} MB), {sent[0]}/100 bodies sent but their last byte"
    if not alive:
        fail(f"{summary}; the server no longer answers")
    if peak > 200:
        fail(summary)
    return summary
