// The flow both the Node run (flow.mjs) and the browser page (browser/page.mjs) take through the generated
// TypeScript client, compiled to JS: register, login, create, page through the list reading X-Total-Count, toggle,
// update, delete, and error answers that must narrow to their documented bodies. Pure ES module: no Node or DOM API.

/** Runs the flow; `check(name, ok, detail)` records one check. Throws only when a step cannot go on. */
export async function runFlow({ createClient, baseUrl, check, label }) {
  const expect = (name, ok, detail) => {
    check(`${label}: ${name}`, Boolean(ok), detail);
    return Boolean(ok);
  };
  const must = (name, ok, detail) => {
    if (!expect(name, ok, detail)) throw new Error(`${label}: cannot go on after: ${name} (${detail})`);
  };
  const api = createClient({ baseUrl });
  const email = `ts-${label}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.com`;
  const password = "correct horse battery staple";

  const registered = await api.register({ body: { email, password, name: "TS Client" } });
  must("register answers 201 with the user", registered.status === 201 && registered.body.email === email, describe(registered));
  const userId = registered.body.id;

  const invalid = await api.register({ body: { email: "not-an-email", password: "short" } });
  expect("an invalid register narrows to 422 HTTPValidationError",
    invalid.status === 422 && Array.isArray(invalid.body.detail) && invalid.body.detail.length > 0 && Array.isArray(invalid.body.detail[0].loc),
    describe(invalid));

  const wrong = await api.login({ body: { email, password: "wrong password" } });
  expect("a wrong password narrows to 401 ErrorResponse with WWW-Authenticate",
    wrong.status === 401 && typeof wrong.body.detail === "string" && typeof wrong.headers["WWW-Authenticate"] === "string",
    describe(wrong));

  const unauthenticated = await api.me();
  expect("no token narrows to 401", unauthenticated.status === 401 && typeof unauthenticated.body.detail === "string", describe(unauthenticated));

  const form = await api.loginForm({ body: { username: email, password, grant_type: "password" } });
  expect("login with the OAuth2 password form answers 200 with a bearer token",
    form.status === 200 && form.body.token_type === "bearer", describe(form));

  const spec = await api.getOpenapiJson();
  const etag = spec.status === 200 ? spec.headers["ETag"] : undefined;
  const revalidated = await api.getOpenapiJson({ headers: { "If-None-Match": etag } });
  expect("/openapi.json answers 200 with an ETag, then 304 for it", spec.status === 200 && typeof etag === "string" && revalidated.status === 304,
    `${describe(spec)} then ${describe(revalidated)}`);

  const token = await api.login({ body: { email, password } });
  must("login answers 200 with a bearer token", token.status === 200 && token.body.token_type === "bearer", describe(token));
  api.setToken(token.body.access_token);

  const me = await api.me();
  expect("me answers the registered user", me.status === 200 && me.body.id === userId, describe(me));

  const titles = ["one", "two", "three", "four", "five"];
  const created = [];
  for (const title of titles) {
    const answer = await api.createTask({ path: { user_id: userId }, body: { title, description: title === "one" ? "first" : null } });
    must(`create task '${title}' answers 201`, answer.status === 201 && answer.body.title === title, describe(answer));
    created.push(answer.body);
  }
  expect("description null is kept as null", created[1].description === null && created[0].description === "first", JSON.stringify(created.slice(0, 2)));

  const page1 = await api.listTasks({ path: { user_id: userId }, query: { limit: 2, offset: 0 } });
  must("list page 1 answers 200", page1.status === 200, describe(page1));
  expect("X-Total-Count is the number 5", page1.headers["X-Total-Count"] === 5, `got ${JSON.stringify(page1.headers)}`);
  expect("page 1 holds the 2 newest tasks", page1.body.length === 2 && page1.body[0].title === "five" && page1.body[1].title === "four",
    page1.body.map((t) => t.title).join(","));
  const page3 = await api.listTasks({ path: { user_id: userId }, query: { limit: 2, offset: 4 } });
  expect("page 3 holds the oldest task", page3.status === 200 && page3.body.length === 1 && page3.body[0].title === "one", describe(page3));

  const target = created[0];
  const toggled = await api.toggleTaskCompletion({ path: { user_id: userId, task_id: target.id } });
  expect("toggle completes the task", toggled.status === 200 && toggled.body.completed === true, describe(toggled));
  const done = await api.listTasks({ path: { user_id: userId }, query: { completed: true } });
  expect("the completed filter finds it, X-Total-Count 1", done.status === 200 && done.headers["X-Total-Count"] === 1 && done.body[0].id === target.id,
    describe(done));

  const updated = await api.updateTask({ path: { user_id: userId, task_id: target.id }, body: { title: "one, renamed", description: null } });
  expect("update renames and clears the description", updated.status === 200 && updated.body.title === "one, renamed" && updated.body.description === null,
    describe(updated));
  const badUpdate = await api.updateTask({ path: { user_id: userId, task_id: target.id }, body: { title: "" } });
  expect("an empty title narrows to 422", badUpdate.status === 422 && Array.isArray(badUpdate.body.detail), describe(badUpdate));

  const deleted = await api.deleteTask({ path: { user_id: userId, task_id: target.id } });
  expect("delete answers 204 with no body", deleted.status === 204 && deleted.body === undefined, describe(deleted));
  const gone = await api.getTask({ path: { user_id: userId, task_id: target.id } });
  expect("the deleted task is 404", gone.status === 404 && typeof gone.body.detail === "string", describe(gone));
  const other = await api.listTasks({ path: { user_id: userId + 1000000 } });
  expect("another user's tasks are 403", other.status === 403, describe(other));

  const replayKey = `key-${email}`;
  const first = await api.createTask({ path: { user_id: userId }, headers: { "Idempotency-Key": replayKey }, body: { title: "once" } });
  const again = await api.createTask({ path: { user_id: userId }, headers: { "Idempotency-Key": replayKey }, body: { title: "once" } });
  expect("a repeated Idempotency-Key replays the first task with Idempotent-Replayed",
    first.status === 201 && again.status === 201 && again.body.id === first.body.id && again.headers["Idempotent-Replayed"] === "true",
    `${describe(first)} / ${describe(again)}`);

  const logout = await api.logout();
  expect("logout answers 204", logout.status === 204, describe(logout));
  const revoked = await api.me();
  expect("the revoked token narrows to 401", revoked.status === 401 && typeof revoked.body.detail === "string", describe(revoked));
}

function describe(answer) {
  const status = answer.status === "undocumented" ? `undocumented ${answer.httpStatus}` : answer.status;
  return `status ${status}, body ${JSON.stringify(answer.body)?.slice(0, 300)}`;
}
