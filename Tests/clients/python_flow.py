"""The flow of Tests/clients/flow-steps.mjs through the Python client openapi-python-client generated from the spec
the server serves (package `todo_api_client`, installed by scripts/clients.sh). One line per check; exits non-zero
on any failure.   python python_flow.py BASE_URL
"""
import random
import sys
import time

from todo_api_client import AuthenticatedClient, Client
from todo_api_client.api.auth import login, logout, me, register
from todo_api_client.api.tasks import create_task, delete_task, get_task, list_tasks, toggle_task_completion, update_task
from todo_api_client.models import (ErrorResponse, HTTPValidationError, TaskCreate, TaskResponse, TaskUpdate, Token,
                                    UserCreate, UserLogin, UserResponse)
from todo_api_client.models.login_form import LoginForm

failures = 0


def check(name, ok, detail=""):
    global failures
    if not ok:
        failures += 1
    print(f"{'PASS' if ok else 'FAIL'} python: {name}{'' if ok else f' -- {detail}'}", flush=True)
    return ok


def must(name, ok, detail=""):
    if not check(name, ok, detail):
        raise SystemExit(f"FAIL python: cannot go on after: {name}")


def describe(response):
    return f"status {response.status_code}, body {response.content[:300]!r}"


def main(base):
    anonymous = Client(base_url=base, raise_on_unexpected_status=True)
    email = f"py-{int(time.time() * 1000)}-{random.randrange(10**9)}@example.com"
    password = "correct horse battery staple"

    created_user = register.sync_detailed(client=anonymous, body=UserCreate(email=email, password=password, name="Py Client"))
    must("register answers 201 with a UserResponse",
         created_user.status_code == 201 and isinstance(created_user.parsed, UserResponse) and created_user.parsed.email == email,
         describe(created_user))
    user_id = created_user.parsed.id

    invalid = register.sync_detailed(client=anonymous, body=UserCreate(email="not-an-email", password="short"))
    check("an invalid register parses as 422 HTTPValidationError",
          invalid.status_code == 422 and isinstance(invalid.parsed, HTTPValidationError) and len(invalid.parsed.detail) > 0,
          describe(invalid))

    wrong = login.sync_detailed(client=anonymous, body=UserLogin(email=email, password="wrong password"))
    check("a wrong password parses as 401 ErrorResponse with WWW-Authenticate",
          wrong.status_code == 401 and isinstance(wrong.parsed, ErrorResponse) and "www-authenticate" in wrong.headers,
          describe(wrong))

    form = login.sync_detailed(client=anonymous, body=LoginForm(username=email, password=password))
    check("login with the OAuth2 password form answers 200 with a Token",
          form.status_code == 200 and isinstance(form.parsed, Token), describe(form))

    token = login.sync_detailed(client=anonymous, body=UserLogin(email=email, password=password))
    must("login answers 200 with a Token", token.status_code == 200 and isinstance(token.parsed, Token), describe(token))
    client = AuthenticatedClient(base_url=base, token=token.parsed.access_token, raise_on_unexpected_status=True)

    whoami = me.sync_detailed(client=client)
    check("me answers the registered user", whoami.status_code == 200 and whoami.parsed.id == user_id, describe(whoami))

    titles = ["one", "two", "three", "four", "five"]
    created = []
    for title in titles:
        answer = create_task.sync_detailed(user_id, client=client, body=TaskCreate(title=title, description="first" if title == "one" else None))
        must(f"create task '{title}' answers 201", answer.status_code == 201 and isinstance(answer.parsed, TaskResponse), describe(answer))
        created.append(answer.parsed)
    check("description null is kept as None", created[1].description is None and created[0].description == "first")

    page1 = list_tasks.sync_detailed(user_id, client=client, limit=2, offset=0)
    must("list page 1 answers 200", page1.status_code == 200, describe(page1))
    check("X-Total-Count is 5", page1.headers.get("x-total-count") == "5", str(dict(page1.headers)))
    check("page 1 holds the 2 newest tasks", [t.title for t in page1.parsed] == ["five", "four"], describe(page1))
    page3 = list_tasks.sync_detailed(user_id, client=client, limit=2, offset=4)
    check("page 3 holds the oldest task", page3.status_code == 200 and [t.title for t in page3.parsed] == ["one"], describe(page3))

    target = created[0]
    toggled = toggle_task_completion.sync_detailed(user_id, target.id, client=client)
    check("toggle completes the task", toggled.status_code == 200 and toggled.parsed.completed is True, describe(toggled))
    done = list_tasks.sync_detailed(user_id, client=client, completed=True)
    check("the completed filter finds it, X-Total-Count 1",
          done.status_code == 200 and done.headers.get("x-total-count") == "1" and done.parsed[0].id == target.id, describe(done))

    updated = update_task.sync_detailed(user_id, target.id, client=client, body=TaskUpdate(title="one, renamed", description=None))
    check("update renames and clears the description (null sent, not omitted)",
          updated.status_code == 200 and updated.parsed.title == "one, renamed" and updated.parsed.description is None, describe(updated))
    bad = update_task.sync_detailed(user_id, target.id, client=client, body=TaskUpdate(title=""))
    check("an empty title parses as 422", bad.status_code == 422 and isinstance(bad.parsed, HTTPValidationError), describe(bad))

    deleted = delete_task.sync_detailed(user_id, target.id, client=client)
    check("delete answers 204", deleted.status_code == 204, describe(deleted))
    gone = get_task.sync_detailed(user_id, target.id, client=client)
    check("the deleted task is 404 ErrorResponse", gone.status_code == 404 and isinstance(gone.parsed, ErrorResponse), describe(gone))
    other = list_tasks.sync_detailed(user_id + 1_000_000, client=client)
    check("another user's tasks are 403", other.status_code == 403, describe(other))

    key = f"key-{email}"
    first = create_task.sync_detailed(user_id, client=client, body=TaskCreate(title="once"), idempotency_key=key)
    again = create_task.sync_detailed(user_id, client=client, body=TaskCreate(title="once"), idempotency_key=key)
    check("a repeated Idempotency-Key replays the first task",
          first.status_code == 201 and again.status_code == 201 and again.parsed.id == first.parsed.id
          and again.headers.get("idempotent-replayed") == "true", f"{describe(first)} / {describe(again)}")

    out = logout.sync_detailed(client=client)
    check("logout answers 204", out.status_code == 204, describe(out))
    revoked = me.sync_detailed(client=client)
    check("the revoked token parses as 401 ErrorResponse", revoked.status_code == 401 and isinstance(revoked.parsed, ErrorResponse), describe(revoked))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python_flow.py BASE_URL")
    try:
        main(sys.argv[1].rstrip("/"))
    except SystemExit as stop:
        if stop.code not in (None, 0):
            print(stop.code)
        failures += 1
    except Exception as error:  # a client that raises is a failed check, said in one line
        failures += 1
        print(f"FAIL python: the flow stopped: {type(error).__name__}: {error}")
    sys.exit(1 if failures else 0)
