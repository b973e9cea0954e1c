"""Hostile input: NUL and lone surrogates in strings, odd spellings of ids, deep nesting, huge numbers and
oversized bodies. Every one is refused with a FastAPI-style 422 (413 for size) and nothing is stored."""
from harness import Checks, case, fail

NUL_STRINGS = ["a\u0000b", "\u0000x"]


def task_count(client, user):
    response = client.get(user.tasks + "?limit=100")
    if response.status != 200:
        fail(f"setup: list answered {response.brief()}")
    return int(response.header("x-total-count") or -1), response.json()


def refused(checks, response, label):
    checks.that(response.is_validation_error(), f"{label} -> {response.brief()}")


@case("inputs", "nul_in_task_strings", "NUL in a task's title/description (POST and PUT) -> 422 with a detail list; nothing stored")
def nul_in_task_strings(ctx):
    user = ctx.new_user("nul")
    client = ctx.client(user.token)
    created = client.post(user.tasks, {"title": "original", "description": "original"})
    if created.status != 201:
        fail(f"setup: create answered {created.brief()}")
    task = created.json()
    checks = Checks()
    for text in NUL_STRINGS:
        refused(checks, client.post(user.tasks, {"title": text}), f"POST title {text!r}")
        refused(checks, client.post(user.tasks, {"title": "ok", "description": text}), f"POST description {text!r}")
        refused(checks, client.put(user.task(task["id"]), {"title": text}), f"PUT title {text!r}")
        refused(checks, client.put(user.task(task["id"]), {"description": text}), f"PUT description {text!r}")
    total, tasks = task_count(client, user)
    checks.that(total == 1, f"{total} tasks stored, expected only the original")
    after = client.get(user.task(task["id"])).json() or {}
    checks.that(after.get("title") == "original" and after.get("description") == "original",
                f"the original task changed to {after.get('title')!r}/{after.get('description')!r}")
    return checks.verdict(f"{checks.count} requests refused with 422, nothing stored or changed")


@case("inputs", "nul_in_credentials", "NUL in register/login email or password -> 422 with a detail list; no user stored")
def nul_in_credentials(ctx):
    client = ctx.client()
    checks = Checks()
    marker = "nulcred" + str(ctx.servers_started)
    attempts = [
        ("register", {"email": f"{marker}\u0000a@example.com", "password": "long enough password"}),
        ("register", {"email": f"{marker}b@example.com", "password": "long enough\u0000password"}),
        ("register", {"email": f"{marker}c@example.com", "password": "\u0000" * 12}),
        ("login", {"email": f"{marker}\u0000d@example.com", "password": "long enough password"}),
        ("login", {"email": f"{marker}e@example.com", "password": "long\u0000password"}),
    ]
    for operation, body in attempts:
        label = f"{operation} {'email' if chr(0) in body['email'] else 'password'} {body['password'][:6]!r}"
        refused(checks, client.post(f"/api/auth/{operation}", body), label)
    stored = ctx.sql(f"SELECT count(*) FROM users WHERE email LIKE '{marker}%'")
    checks.that(stored == "0", f"{stored} users stored")
    return checks.verdict(f"{len(attempts)} requests refused with 422, no user stored")


@case("inputs", "lone_surrogate", "a lone surrogate (\"\\ud800x\") in a title, description or email -> 422")
def lone_surrogate(ctx):
    user = ctx.new_user("surrogate")
    client = ctx.client(user.token)
    checks = Checks()
    bodies = [
        (user.tasks, rb'{"title": "\ud800x"}'),
        (user.tasks, rb'{"title": "ok", "description": "\ud800x"}'),
        (user.tasks, rb'{"title": "x\udc00"}'),
        ("/api/auth/register", rb'{"email": "\ud800x@example.com", "password": "long enough password"}'),
    ]
    for path, body in bodies:
        refused(checks, client.post(path, body=body), f"POST {path.rsplit('/', 1)[-1]} {body.decode()}")
    total, _ = task_count(client, user)
    checks.that(total == 0, f"{total} tasks stored")
    return checks.verdict(f"{len(bodies)} bodies refused with 422, nothing stored")


@case("inputs", "nul_in_query", "%00 in a query parameter (completed, limit, offset of the list) -> 422")
def nul_in_query(ctx):
    user = ctx.new_user("query")
    client = ctx.client(user.token)
    checks = Checks()
    queries = ["completed=true%00", "completed=%00true", "limit=1%00", "offset=0%00", "limit=%00"]
    for query in queries:
        refused(checks, client.get(f"{user.tasks}?{query}"), f"?{query}")
    return checks.verdict(f"{len(queries)} query strings refused with 422")


@case("inputs", "odd_path_ids", "ids in the path written 0x1, 1e0, 1%00, +1, %201 (task and user) -> 422, never the task")
def odd_path_ids(ctx):
    user = ctx.new_user("ids")
    client = ctx.client(user.token)
    created = client.post(user.tasks, {"title": "the task"})
    if created.status != 201:
        fail(f"setup: create answered {created.brief()}")
    task_id, uid = created.json()["id"], user.id
    if client.get(user.task(task_id)).status != 200:
        fail("setup: the plain id does not answer 200")
    checks = Checks()
    for spelled in (hex(task_id), f"{task_id}e0", f"{task_id}%00", f"+{task_id}", f"%20{task_id}"):
        response = client.get(f"/api/{uid}/tasks/{spelled}")
        refused(checks, response, f"task id {spelled}")
    for spelled in (hex(uid), f"{uid}e0", f"{uid}%00", f"+{uid}", f"%20{uid}"):
        refused(checks, client.get(f"/api/{spelled}/tasks"), f"user id {spelled}")
        refused(checks, client.get(f"/api/{spelled}/tasks/{task_id}"), f"user id {spelled} (get)")
    return checks.verdict(f"{checks.count} odd spellings refused with 422")


def refused_or_too_large(checks, response, label):
    """For bodies that may be over the server's body cap (64 KiB by default): 422, or 413 from the cap."""
    checks.that(response.is_validation_error() or (response.status == 413 and response.is_json_error()),
                f"{label} -> {response.brief()}")


@case("inputs", "deep_nesting", "10^4-deep arrays/objects in a body -> 422 (10^5-deep: 422 or 413); the server stays fine")
def deep_nesting(ctx):
    user = ctx.new_user("nesting")
    client = ctx.client(user.token)
    checks = Checks()
    for depth, check in ((10_000, refused), (100_000, refused_or_too_large)):
        bodies = {
            f"title=[[[...]]] depth {depth}": b'{"title": ' + b"[" * depth + b"]" * depth + b"}",
            f"extra={{{{...}}}} depth {depth}": b'{"title": "x", "extra": ' + b'{"a":' * depth + b"1" + b"}" * depth + b"}",
            f"body [[[...]]] depth {depth}": b"[" * depth + b"]" * depth,
        }
        for label, body in bodies.items():
            try:
                response = client.post(user.tasks, body=body)
            except OSError as error:
                checks.that(False, f"{label} -> connection error {error}")
                continue
            check(checks, response, label)
    alive = ctx.server.alive() and ctx.client().get("/health").status == 200
    checks.that(alive, "the server no longer answers /health")
    total, _ = task_count(client, user) if alive else (0, None)
    checks.that(total == 0, f"{total} tasks stored")
    return checks.verdict(f"{checks.count - 2} deep bodies refused, server fine")


@case("inputs", "huge_numbers", "huge numbers in a body, query or path (10^10000, 1e400, 2^63) -> 422 (10^100000: 422 or 413)")
def huge_numbers(ctx):
    user = ctx.new_user("numbers")
    client = ctx.client(user.token)
    created = client.post(user.tasks, {"title": "numbers"})
    task_id = created.json()["id"] if created.status == 201 else 1
    checks = Checks()
    big = b"9" * 10_000
    refused(checks, client.post(user.tasks, body=b'{"title": ' + big + b"}"), "title=9{10000}")
    refused(checks, client.post(user.tasks, body=b'{"title": 1e400}'), "title=1e400")
    refused(checks, client.put(user.task(task_id), body=b'{"completed": 1e400}'), "PUT completed=1e400")
    refused(checks, client.put(user.task(task_id), body=b'{"title": -' + big + b"}"), "PUT title=-9{10000}")
    refused_or_too_large(checks, client.post(user.tasks, body=b'{"title": ' + b"9" * 100_000 + b"}"), "title=9{100000}")
    refused(checks, client.get(f"{user.tasks}?limit=1{'0' * 30}"), "limit=10^30")
    refused(checks, client.get(f"{user.tasks}?offset=9223372036854775808"), "offset=2^63")
    refused(checks, client.get(user.task("9223372036854775808")), "task id 2^63")
    refused(checks, client.get(user.task("9" * 5000)), "task id 9{5000}")
    total, _ = task_count(client, user)
    checks.that(total == 1, f"{total} tasks stored, expected 1")
    return checks.verdict(f"{checks.count - 1} requests refused")


@case("inputs", "body_over_cap", "a body over 2 MiB (sent whole) -> 413 with a JSON body; nothing stored")
def body_over_cap(ctx):
    user = ctx.new_user("bigbody")
    body = b'{"title": "' + b"x" * (2 * 1024 * 1024 + 1024) + b'"}'
    connection = ctx.raw(timeout=10)
    try:
        connection.request("POST", user.tasks, [("Authorization", "Bearer " + user.token),
                                                ("Content-Type", "application/json")], body)
    except (BrokenPipeError, ConnectionResetError):
        pass    # the server may answer and close before reading everything: the response is still there
    try:
        response = connection.read_response(timeout=10)
    except Exception as error:
        fail(f"no response: {error}")
    finally:
        connection.close()
    if response.status != 413 or not response.is_json_error():
        fail(f"answered {response.brief()} (content-type {response.header('content-type')})")
    total, _ = task_count(ctx.client(user.token), user)
    if total != 0:
        fail(f"413, but {total} tasks stored")
    return f"413 {response.json()['detail']!r}"
