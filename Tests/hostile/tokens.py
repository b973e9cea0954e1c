"""Users and tokens: a user deleted while their token is in use, signatures spelled non-canonically, forged
claims (signed with the suite's own JWT_SECRET), logout and password change revoking old tokens."""
import base64
import hashlib
import hmac
import json
import string
import time

from harness import JWT_SECRET, Checks, case, fail, login

ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def forge(claims, secret=JWT_SECRET):
    """An HS256 token over `claims`, its members in the order given (not the server's own layout)."""
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(signature)}"


def claims_of(token):
    return json.loads(b64url_decode(token.split(".")[1]))


def reordered(claims):
    """The same claims with the keys in reverse order (so a forged token is not byte-identical to a real one)."""
    return dict(reversed(list(claims.items())))


def get_me(ctx, token):
    return ctx.client().get("/api/auth/me", token=token)


def control_accepted(ctx, user):
    """A token forged from the user's real claims must work, or the forging itself is wrong."""
    claims = claims_of(user.token)
    response = get_me(ctx, forge(reordered(claims)))
    if response.status != 200:
        fail(f"harness check: a forged copy of a valid token's claims {claims} is refused ({response.brief()}); "
             "cannot tell a refused forgery from a broken one")
    return claims


TASK_ROUTES = [
    ("GET", "{tasks}", None),
    ("POST", "{tasks}", {"title": "after delete"}),
    ("GET", "{task}", None),
    ("PUT", "{task}", {"title": "changed"}),
    ("PATCH", "{task}/complete", None),
    ("DELETE", "{task}", None),
    ("GET", "/api/auth/me", None),
]


def route_statuses(ctx, user, token, task_id):
    """(route, response) for every task route and /me with `token`."""
    client = ctx.client(token)
    results = []
    for method, template, body in TASK_ROUTES:
        path = template.format(tasks=user.tasks, task=user.task(task_id))
        response = client.request(method, path, body) if body is not None else client.request(method, path)
        results.append((f"{method} {template.format(tasks='tasks', task='task')}", response))
    return results


@case("tokens", "user_deleted", "the token's user deleted (SQL) mid-use -> 401 on every task route and /me, never 500")
def user_deleted(ctx):
    user = ctx.new_user("deleted")
    created = ctx.client(user.token).post(user.tasks, {"title": "before delete"})
    if created.status != 201:
        fail(f"setup: create answered {created.brief()}")
    ctx.sql(f"DELETE FROM users WHERE id = {user.id}")
    checks = Checks()
    for route, response in route_statuses(ctx, user, user.token, created.json()["id"]):
        checks.that(response.status == 401 and response.is_json_error(), f"{route} -> {response.brief()}")
    return checks.verdict(f"{checks.count} routes answered 401")


@case("tokens", "noncanonical_signature", "the signature's last base64url char swapped for the 3 that decode the same -> 401")
def noncanonical_signature(ctx):
    user = ctx.new_user("canonical")
    if get_me(ctx, user.token).status != 200:
        fail("setup: the real token does not work")
    head, last = user.token[:-1], user.token[-1]
    index = ALPHABET.index(last)
    variants = [head + ALPHABET[i] for i in range(index & ~3, (index & ~3) + 4) if i != index]
    signature = user.token.split(".")[2]
    if len(signature) != 43 or any(b64url_decode(v.split(".")[2]) != b64url_decode(signature) for v in variants):
        fail(f"harness check: the variants do not decode to the same 32 bytes (signature length {len(signature)})")
    checks = Checks()
    for variant in variants:
        response = get_me(ctx, variant)
        checks.that(response.status == 401, f"...{variant[-1]} (for ...{last}) -> {response.brief()}")
    return checks.verdict(f"all 3 spellings of the same signature bytes answered 401 (real one: ...{last})")


@case("tokens", "missing_iat", "a correctly signed token without `iat` -> 401 (control: the same claims with iat -> 200)")
def missing_iat(ctx):
    user = ctx.new_user("noiat")
    claims = control_accepted(ctx, user)
    forged = {k: v for k, v in claims.items() if k != "iat"}
    response = get_me(ctx, forge(forged))
    if response.status != 401:
        fail(f"token without iat {forged} -> {response.brief()}")
    return "401 without iat; 200 for the control"


@case("tokens", "overlong_lifetime", "a correctly signed token with exp - iat over the lifetime -> 401")
def overlong_lifetime(ctx):
    user = ctx.new_user("lifetime")
    claims = control_accepted(ctx, user)
    lifetime = claims["exp"] - claims["iat"]
    now = int(time.time())
    checks = Checks()
    for label, iat, exp in (("iat now, exp now+lifetime+1h", now, now + lifetime + 3600),
                            ("iat now, exp in 10 years", now, now + 10 * 365 * 86400),
                            ("iat an hour ago, exp now+lifetime", now - 3600, now + lifetime)):
        forged = dict(claims, iat=iat, exp=exp)
        response = get_me(ctx, forge(forged))
        checks.that(response.status == 401, f"{label} -> {response.brief()}")
    return checks.verdict(f"all 3 refused (lifetime {lifetime} s)")


@case("tokens", "logout", "POST /api/auth/logout -> 204; the old token -> 401 on /me and task routes; a new login works")
def logout(ctx):
    user = ctx.new_user("logout")
    client = ctx.client(user.token)
    response = client.post("/api/auth/logout")
    if response.status != 204:
        fail(f"logout answered {response.brief()}")
    checks = Checks()
    checks.that(get_me(ctx, user.token).status == 401, "old token still works on /me")
    checks.that(client.get(user.tasks).status == 401, "old token still works on the task list")
    checks.that(client.post(user.tasks, {"title": "x"}).status == 401, "old token still creates tasks")
    new_token = login(ctx.client(), user.email, user.password)
    fresh = get_me(ctx, new_token)
    checks.that(fresh.status == 200, f"a token from a new login -> {fresh.brief()}")
    return checks.verdict("204; old token 401 everywhere; new login works")


@case("tokens", "password_change", "POST /api/auth/password -> 204 (wrong current -> 403); old tokens 401; only the new password logs in")
def password_change(ctx):
    user = ctx.new_user("password")
    second_token = login(ctx.client(), user.email, user.password)
    client = ctx.client(user.token)
    new_password = user.password + " changed"
    wrong = client.post("/api/auth/password", {"current_password": "not the password", "new_password": new_password})
    if wrong.status != 403:
        fail(f"a wrong current password answered {wrong.brief()}, expected 403")
    changed = client.post("/api/auth/password", {"current_password": user.password, "new_password": new_password})
    if changed.status != 204:
        fail(f"the change answered {changed.brief()}")
    checks = Checks()
    for label, token in (("the token used", user.token), ("another old token", second_token)):
        checks.that(get_me(ctx, token).status == 401, f"{label} still works on /me")
        checks.that(ctx.client(token).get(user.tasks).status == 401, f"{label} still works on the task list")
    anonymous = ctx.client()
    old = anonymous.post("/api/auth/login", {"email": user.email, "password": user.password})
    checks.that(old.status == 401, f"the old password logs in: {old.brief()}")
    new = anonymous.post("/api/auth/login", {"email": user.email, "password": new_password})
    checks.that(new.status == 200, f"the new password -> {new.brief()}")
    if new.status == 200:
        checks.that(get_me(ctx, new.json()["access_token"]).status == 200, "the new token does not work")
    return checks.verdict("403 for a wrong current password, 204, old tokens 401, only the new password works")
