"""What responses must not give away: caching of tokens, sniffable bodies, the submitted password in a
422, SQL/OpenSSL/libpq text, and 500s. The last two look back over every response of the whole run."""
from harness import STATS, Checks, case, fail

MiB = 1024 * 1024


@case("leaks", "login_no_store", "the login response carries Cache-Control: no-store")
def login_no_store(ctx):
    user = ctx.new_user("nostore")
    response = ctx.client().post("/api/auth/login", {"email": user.email, "password": user.password})
    if response.status != 200:
        fail(f"login answered {response.brief()}")
    cache_control = response.header("cache-control") or ""
    if "no-store" not in cache_control.lower():
        fail(f"Cache-Control is {cache_control!r}" if cache_control else "no Cache-Control header")
    return f"Cache-Control: {cache_control}"


@case("leaks", "nosniff_everywhere", "X-Content-Type-Options: nosniff on 200, 201, 401, 404, 422 and 413 responses")
def nosniff_everywhere(ctx):
    user = ctx.new_user("nosniff")
    client = ctx.client(user.token)
    anonymous = ctx.client()
    responses = {
        "200 /health": anonymous.get("/health"),
        "200 list": client.get(user.tasks),
        "201 create": client.post(user.tasks, {"title": "nosniff"}),
        "401 no token": anonymous.get(user.tasks),
        "404 task": client.get(user.task(9_000_000_000)),
        "422 body": client.post(user.tasks, {"title": 5}),
        "200 login": anonymous.post("/api/auth/login", {"email": user.email, "password": user.password}),
    }
    big, big_error = ctx.raw(timeout=10), None
    try:
        big.request("POST", user.tasks, [("Authorization", "Bearer " + user.token), ("Content-Type", "application/json")],
                    b'{"title": "' + b"x" * (2 * MiB + 1024) + b'"}')
    except OSError:
        pass
    try:
        responses["413 body"] = big.read_response(timeout=10)
    except Exception as error:
        responses["413 body"] = None
        big_error = error
    finally:
        big.close()
    checks = Checks()
    for label, response in responses.items():
        if response is None:
            checks.that(False, f"{label}: no response ({big_error})")
            continue
        value = (response.header("x-content-type-options") or "").lower()
        status_note = "" if label.startswith(str(response.status)) else f" (got {response.status})"
        checks.that(value == "nosniff", f"{label}{status_note}: {value or 'missing'}")
    return checks.verdict(f"nosniff on all {len(responses)}")


@case("leaks", "password_not_echoed", "a 422 for register/login with an invalid password (or email) never contains the password")
def password_not_echoed(ctx):
    client = ctx.client()
    attempts = [
        ("register", "too short", {"email": "short-pw@example.com", "password": "Sh0rt!7"}, "Sh0rt!7"),
        ("register", "too long", {"email": "long-pw@example.com", "password": "L0ngSecret" * 103}, "L0ngSecret" * 103),
        ("register", "a number", {"email": "number-pw@example.com", "password": 98765432123}, "98765432123"),
        ("register", "a list", {"email": "list-pw@example.com", "password": ["hunter2-in-a-list"]}, "hunter2-in-a-list"),
        ("register", "valid, bad email", {"email": "not an email", "password": "valid-but-private-42"}, "valid-but-private-42"),
        ("login", "too long", {"email": "long-pw@example.com", "password": "L0gInSecret" * 100}, "L0gInSecret" * 3),
        ("login", "a number", {"email": "number-pw@example.com", "password": 12312312312}, "12312312312"),
    ]
    checks = Checks()
    for operation, label, body, secret in attempts:
        response = client.post(f"/api/auth/{operation}", body)
        if not checks.that(response.status == 422, f"{operation} with password {label} -> {response.brief()}"):
            continue
        checks.that(secret.encode() not in response.body, f"{operation} with password {label}: the 422 echoes it")
    return checks.verdict(f"{len(attempts)} 422s, none contains the password")


@case("leaks", "no_internal_text", "no response body of the whole run contains SELECT, INSERT, ERROR:, violates, OpenSSL or libpq",
      last=True)
def no_internal_text(ctx):
    # A few more provocations near the database's own checks first.
    user = ctx.new_user("internals")
    client = ctx.client(user.token)
    client.post(user.tasks, {"title": "t" * 201})
    client.post(user.tasks, {"title": "ok", "description": "d" * 1001})
    client.post("/api/auth/register", {"email": user.email.upper(), "password": "long enough password"})
    client.post("/api/auth/register", {"email": "e" * 250 + "@example.com", "password": "long enough password"})
    client.post("/api/auth/register", {"email": "named@example.com", "password": "long enough password", "name": "n" * 101})
    client.get(user.task(9223372036854775807))
    client.get(f"{user.tasks}?offset=9223372036854775807")
    client.get("/api/9223372036854775807/tasks")
    if STATS.leaky_bodies:
        request, status, excerpt = STATS.leaky_bodies[0]
        fail(f"{len(STATS.leaky_bodies)} bodies; first: {request} -> {status} ...{excerpt.decode('utf-8', 'replace')}...")
    return f"none in the {STATS.requests} requests of the run"


@case("leaks", "no_500_anywhere", "no response of the whole run was a 5xx other than 501 (unknown method) and 503", last=True)
def no_500_anywhere(ctx):
    if STATS.server_errors:
        counts = {}
        for request, status in STATS.server_errors:
            key = f"{status} {request.split('?')[0][:40]}"
            counts[key] = counts.get(key, 0) + 1
        fail(f"{len(STATS.server_errors)} responses: " + ", ".join(f"{k} x{v}" for k, v in list(counts.items())[:6]))
    return f"none in the {STATS.requests} requests of the run"
