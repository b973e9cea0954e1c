"""HTTP at the edges, over raw sockets: HTTP/1.0 closing, unknown and refused methods, oversized heads,
HEAD, `Expect: 100-continue` and a declared length over the cap."""
from harness import Checks, Closed, case, fail

MiB = 1024 * 1024


def exchange(ctx, method, target, headers=(), body=b"", timeout=5.0, head_request=False):
    """One request on a fresh connection; the response, or fail() saying what happened instead."""
    connection = ctx.raw(timeout)
    try:
        try:
            connection.request(method, target, headers, body)
        except (ConnectionResetError, BrokenPipeError):
            pass      # refused before all was sent: the response may still be there to read
        return connection.read_response(timeout, head_request=head_request)
    except (Closed, TimeoutError) as error:
        fail(f"{method} {target[:40]}: no response ({error})")
    finally:
        connection.close()


def json_error_with(response, statuses):
    return response.status in statuses and response.is_json_error()


@case("protocol", "http10_close", "HTTP/1.0 without keep-alive: answered, then the server closes within 1 s")
def http10_close(ctx):
    connection = ctx.raw()
    try:
        connection.request("GET", "/health", version="HTTP/1.0", host=False)
        response = connection.read_response()
        if response.status != 200:
            fail(f"answered {response.brief()}")
        closed, waited, extra = connection.wait_closed(1.0)
    finally:
        connection.close()
    if not closed:
        fail(f"200, but the connection was still open 1 s later (response header Connection: {response.header('connection')})")
    return f"200, closed {waited * 1000:.0f} ms after the response"


@case("protocol", "unknown_method", "`BREW / HTTP/1.1` -> 501 (or 405) with a JSON body")
def unknown_method(ctx):
    response = exchange(ctx, "BREW", "/")
    if not json_error_with(response, (501, 405)):
        fail(f"answered {response.brief()} (content-type {response.header('content-type')})")
    return response.brief()


@case("protocol", "trace_method", "TRACE on an existing path (/health, the task list) -> 405 with a JSON body")
def trace_method(ctx):
    checks = Checks()
    for path in ("/health", "/api/1/tasks"):
        response = exchange(ctx, "TRACE", path)
        checks.that(json_error_with(response, (405,)), f"TRACE {path} -> {response.brief()}")
    return checks.verdict("405 with JSON for both")


@case("protocol", "huge_header", "a 100 KB header -> 431 with a JSON body")
def huge_header(ctx):
    response = exchange(ctx, "GET", "/health", [("X-Padding", "a" * 100_000)])
    if not json_error_with(response, (431,)):
        fail(f"answered {response.brief()}")
    return response.brief()


@case("protocol", "huge_url", "a 100 KB URL -> 414 with a JSON body")
def huge_url(ctx):
    response = exchange(ctx, "GET", "/health?pad=" + "a" * 100_000)
    if not json_error_with(response, (414,)):
        fail(f"answered {response.brief()}")
    return response.brief()


@case("protocol", "head_requests", "HEAD on GET routes (/health, an authenticated task list) -> 200, GET's headers, no body")
def head_requests(ctx):
    user = ctx.new_user("head")
    ctx.client(user.token).post(user.tasks, {"title": "so the list is not empty"})
    auth = [("Authorization", "Bearer " + user.token)]
    checks = Checks()
    for path, headers in (("/health", []), (user.tasks, auth)):
        connection = ctx.raw()
        try:
            connection.request("GET", path, headers)
            get = connection.read_response()
            connection.request("HEAD", path, headers)
            head = connection.read_response(head_request=True)
            closed, _, extra = connection.wait_closed(0.3)
        except (Closed, TimeoutError) as error:
            checks.that(False, f"HEAD {path}: no response ({error})")
            continue
        finally:
            connection.close()
        name = "list" if path != "/health" else path
        if not checks.that(head.status == 200, f"HEAD {name} -> {head.brief()}"):
            continue
        checks.that(not extra, f"HEAD {name} sent {len(extra)} body bytes")
        for header in ("content-length", "content-type", "x-total-count"):
            checks.that(head.header(header) == get.header(header),
                        f"HEAD {name} {header} {head.header(header)!r}, GET {get.header(header)!r}")
        missing = (get.header_names() - head.header_names()) - {"date"}
        checks.that(not missing, f"HEAD {name} lacks {sorted(missing)}")
    return checks.verdict("200 with GET's headers and no body, for both")


@case("protocol", "expect_continue", "`Expect: 100-continue`: 100 Continue before the body is sent, then 201")
def expect_continue(ctx):
    user = ctx.new_user("expect")
    body = b'{"title": "sent after 100 Continue"}'
    connection = ctx.raw()
    try:
        connection.request("POST", user.tasks, [("Authorization", "Bearer " + user.token), ("Content-Type", "application/json"),
                                                ("Content-Length", str(len(body))), ("Expect", "100-continue")])
        try:
            interim = connection.read_response(timeout=1.0)
        except TimeoutError:
            interim = None
        if interim is not None and interim.status != 100:
            fail(f"answered {interim.brief()} instead of 100 Continue")
        connection.send(body)
        final = connection.read_response()
    except Closed as error:
        fail(f"connection closed: {error}")
    finally:
        connection.close()
    if interim is None:
        fail(f"no 100 Continue within 1 s (after the body was sent anyway: {final.brief()})")
    if final.status != 201:
        fail(f"100 Continue, then {final.brief()}")
    return "100 Continue, then 201"


@case("protocol", "declared_length_over_cap", "Content-Length: 3 MiB with no body sent -> 413 JSON within 1 s")
def declared_length_over_cap(ctx):
    user = ctx.new_user("declared")
    connection = ctx.raw()
    try:
        connection.request("POST", user.tasks, [("Authorization", "Bearer " + user.token), ("Content-Type", "application/json"),
                                                ("Content-Length", str(3 * MiB))])
        response = connection.read_response(timeout=1.0)
    except TimeoutError:
        fail("no response within 1 s (the server waits for the body)")
    except Closed as error:
        fail(f"connection closed without a response ({error})")
    finally:
        connection.close()
    if not json_error_with(response, (413,)):
        fail(f"answered {response.brief()}")
    return f"413 after {response.elapsed * 1000:.0f} ms"
