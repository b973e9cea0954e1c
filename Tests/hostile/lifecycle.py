"""Process lifecycle: SIGTERM while a client trickles a body, and the embedded database (no DATABASE_URL):
a second server on the same DATA_DIR, and the embedded postmaster killed with SIGKILL."""
import contextlib
import os
import signal
import time

import processes
from harness import DEFAULT_SERVER_ENV, Checks, Client, case, fail
from limits import Trickle

RECOVERY_LIMIT = 30.0


@case("lifecycle", "sigterm_while_trickling", "SIGTERM while a client trickles a body: exit status 0 within SHUTDOWN_TIMEOUT + 3 s")
def sigterm_while_trickling(ctx):
    ctx.start_server(BODY_TIMEOUT="60")      # so the body timeout cannot end the trickle first
    limit = ctx.setting("SHUTDOWN_TIMEOUT") + 3
    user = ctx.new_user("shutdown")
    preamble = (f"POST {user.tasks} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {user.token}\r\n"
                "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"title\": \"").encode()
    trickle = Trickle(ctx, 1, preamble, b"x")
    time.sleep(1.0)
    server = ctx.server
    start = time.monotonic()
    server.signal(signal.SIGTERM)
    status = server.wait(limit)
    waited = time.monotonic() - start
    trickle.wait(0.1)
    tail = server.log_tail(1)
    ctx.discard_server()
    if status is None:
        fail(f"still running {limit:g} s after SIGTERM (killed)")
    if status != 0:
        fail(f"exited with status {status} after {waited:.1f} s ({tail})")
    return f"exit status 0 after {waited:.1f} s"


@contextlib.contextmanager
def embedded_server(ctx, name):
    """A server with no DATABASE_URL and a fresh DATA_DIR (so its own PostgreSQL); stopped, cluster too, at the end."""
    data_dir = os.path.join(ctx.work, name)
    env = dict(DEFAULT_SERVER_ENV, DATA_DIR=data_dir)
    cluster = os.path.join(data_dir, "postgres")
    server = processes.Server(ctx.binary, ctx.work, name + "-1")
    ctx.cleanup.add(f"{name} cluster", lambda: processes.stop_cluster(cluster))
    ctx.cleanup.add(f"{name} server", lambda: server.stop(timeout=5))
    try:
        try:
            server.start(env, timeout=120)
        except processes.ServerDidNotStart as error:
            fail(f"setup: the embedded-mode server did not start: {error}")
        yield server, env, cluster
    finally:
        server.stop()
        processes.stop_cluster(cluster)


@case("lifecycle", "embedded_second_instance", "a second server on the same DATA_DIR exits non-zero within 30 s with one stderr line; the first keeps serving")
def embedded_second_instance(ctx):
    with embedded_server(ctx, "embedded-a") as (first, env, _):
        user = ctx.new_user("embedded", port=first.port)
        list_path = user.tasks
        second = processes.Server(ctx.binary, ctx.work, "embedded-a-2")
        ctx.cleanup.add("second embedded server", lambda: second.stop(timeout=5))
        second.start(env, wait=False)
        status, serving, start = None, False, time.monotonic()
        while time.monotonic() - start < 30:
            status = second.wait(0.2)
            if status is not None:
                break
            try:
                serving = Client(second.port, timeout=1).get("/health").status == 200
            except OSError:
                serving = False
            if serving:
                break
        waited = time.monotonic() - start
        second.stop()
        stderr_lines = [line for line in second.stderr_text().splitlines() if line.strip()]
        afterwards = Client(first.port, user.token).get(list_path)
        checks = Checks()
        if serving:
            checks.that(False, f"the second server started and served /health on its port after {waited:.1f} s")
        elif status is None:
            checks.that(False, "the second server still runs after 30 s")
        else:
            checks.that(status != 0, f"the second server exited with status 0 after {waited:.1f} s")
            checks.that(len(stderr_lines) == 1, f"{len(stderr_lines)} stderr lines: {' | '.join(stderr_lines[:3])[:200]}")
        checks.that(afterwards.status == 200, f"the first server's authenticated list afterwards -> {afterwards.brief()}")
        said = stderr_lines[0][:120] if stderr_lines else ""
        return checks.verdict(f"second exited {status} after {waited:.1f} s saying {said!r}; first still answers 200")


@case("lifecycle", "embedded_postmaster_killed", "kill -9 of the embedded postmaster: /health 200 throughout, /ready 503 then 200, requests work again within 30 s")
def embedded_postmaster_killed(ctx):
    with embedded_server(ctx, "embedded-b") as (server, _, cluster):
        user = ctx.new_user("postmaster", port=server.port)
        client = Client(server.port, user.token)
        if client.get(user.tasks).status != 200:
            fail("setup: the authenticated list does not answer 200")
        ready_supported = client.get("/ready").status != 404
        with open(os.path.join(cluster, "postmaster.pid")) as f:
            postmaster = int(f.readline())
        os.kill(postmaster, signal.SIGKILL)
        killed_at = time.monotonic()
        time.sleep(0.5)          # backends notice their postmaster is gone
        health, ready, recovered_at, last = [], [], None, None
        while time.monotonic() - killed_at < RECOVERY_LIMIT:
            health.append(client.get("/health").status)
            if ready_supported:
                ready.append(client.get("/ready").status)
            last = client.get(user.tasks)
            if last.status == 200 and client.post(user.tasks, {"title": "after the crash"}).status == 201:
                recovered_at = time.monotonic() - killed_at
                break
            time.sleep(0.2)
        if ready_supported:
            ready.append(client.get("/ready").status)
        checks = Checks()
        checks.that(recovered_at is not None, f"no 200 list + 201 create within {RECOVERY_LIMIT:.0f} s (last: {last.brief() if last else '-'})")
        checks.that(all(s == 200 for s in health), f"/health answered {sorted(set(health))} meanwhile")
        if ready_supported:
            checks.that(503 in ready, f"/ready never answered 503 while the database was down ({sorted(set(ready))})")
            checks.that(ready[-1] == 200, f"/ready answers {ready[-1]} after recovery")
        note = "" if ready_supported else "; /ready part skipped: /ready answers 404"
        return checks.verdict(f"requests work again {recovered_at or 0:.1f} s after the kill; /health 200 throughout{note}",
                              context=f"/health {sorted(set(health))}" + (f", /ready {sorted(set(ready))}" if ready_supported else note))
