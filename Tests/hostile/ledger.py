"""Writes under faults. Idempotency keys first; then the ledger: 20 clients create tasks with unique titles,
each create carrying an Idempotency-Key and retried with the same key until 201, every 201 recorded; run
clean, with every database backend terminated mid-run, and with PostgreSQL crashed (stop -m immediate) and
started again 2 s later. Afterwards every acknowledged write must read back exactly, with no extras."""
import concurrent.futures
import http.client
import threading
import time
import uuid

from harness import STATS, Checks, Client, case, fail, percentile

CLIENTS = 20
GIVE_UP_AFTER = 60.0
SLOWEST_ALLOWED = 10.0     # the statement timeout (5 s) plus a margin, with room for the retry's round trip


@case("ledger", "idempotency_key", "Idempotency-Key: replay -> same 201 body; same key, other body -> 409; no key -> a new task")
def idempotency_key(ctx):
    user = ctx.new_user("idem")
    client = ctx.client(user.token)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {"title": "idempotent", "description": "once"}
    first = client.post(user.tasks, body, headers=key)
    if first.status != 201:
        fail(f"the first create answered {first.brief()}")
    checks = Checks()
    replay = client.post(user.tasks, body, headers=key)
    checks.that(replay.status == 201 and replay.json() == first.json(),
                f"the replay -> {replay.brief(120)} (first: {first.brief(120)})")
    other = client.post(user.tasks, {"title": "something else"}, headers=key)
    checks.that(other.status == 409 and other.is_json_error(), f"same key, other body -> {other.brief()}")
    plain = client.post(user.tasks, body)
    checks.that(plain.status == 201 and (plain.json() or {}).get("id") != first.json()["id"],
                f"without a key -> {plain.brief()}")
    total = client.get(user.tasks).header("x-total-count")
    checks.that(total == "2", f"{total} tasks stored, expected 2 (the keyed one once, the plain one)")
    return checks.verdict("replay identical, 409 for a different body, no key creates anew, 2 tasks stored")


class Ledger:
    """One run: the workers, what they were told (acknowledged), and what went wrong on the way. A worker
    retries a create with the same key and body on anything but 201 until GIVE_UP_AFTER."""

    def __init__(self, ctx, user, per_client, pace):
        self.ctx, self.user, self.per_client, self.pace = ctx, user, per_client, pace
        self.run_id = uuid.uuid4().hex[:8]
        self.lock = threading.Lock()
        self.acknowledged = {}       # id -> (title, description)
        self.statuses = {}           # status or error name -> count, for everything but 201
        self.slowest = 0.0
        self.given_up = []
        self.durations = []

    @property
    def total(self):
        return CLIENTS * self.per_client

    def note(self, outcome, duration):
        with self.lock:
            self.durations.append(duration)
            self.slowest = max(self.slowest, duration)
            if outcome != 201:
                self.statuses[outcome] = self.statuses.get(outcome, 0) + 1

    def worker(self, index):
        client = Client(self.ctx.port, self.user.token, keep_alive=True, timeout=SLOWEST_ALLOWED + 5)
        for n in range(self.per_client):
            title = f"ledger {self.run_id} client {index} item {n}"
            description = f"{uuid.uuid4()} written by client {index}"
            headers = {"Idempotency-Key": str(uuid.uuid4())}
            give_up = time.monotonic() + GIVE_UP_AFTER
            while True:
                start = time.monotonic()
                try:
                    response = client.post(self.user.tasks, {"title": title, "description": description}, headers=headers)
                    outcome = response.status
                except (OSError, http.client.HTTPException) as error:
                    client.close()
                    response, outcome = None, type(error).__name__
                self.note(outcome, time.monotonic() - start)
                if outcome == 201:
                    task = response.json()
                    with self.lock:
                        self.acknowledged[task["id"]] = (title, description)
                    break
                if time.monotonic() > give_up:
                    with self.lock:
                        self.given_up.append(title)
                    break
                retry_after = float(response.header("retry-after") or 0.2) if response is not None else 0.2
                time.sleep(min(retry_after, 1.0))
            time.sleep(self.pace)
        client.close()

    def run(self, fault):
        """Runs the workers; `fault` (or None) is called once 30% of the writes are acknowledged."""
        fault_report = []

        def inject():
            while len(self.acknowledged) < self.total * 0.3:
                if not any(t.is_alive() for t in workers):
                    return
                time.sleep(0.01)
            fault_report.append(fault())

        workers = [threading.Thread(target=self.worker, args=(i,), daemon=True) for i in range(CLIENTS)]
        for worker in workers:
            worker.start()
        injector = threading.Thread(target=inject, daemon=True) if fault else None
        if injector:
            injector.start()
        for worker in workers:
            worker.join()
        if injector:
            injector.join()
        return fault_report[0] if fault_report else "no fault injected"

    def verify(self, checks):
        """Reads everything back; returns (lost, extra)."""
        client = self.ctx.client(self.user.token)
        resumed_after = None
        start = time.monotonic()
        while time.monotonic() - start < 30:
            probe = client.get(self.user.tasks + "?limit=1")
            if probe.status == 200:
                resumed_after = time.monotonic() - start
                break
            time.sleep(0.5)
        if not checks.that(resumed_after is not None, "the list did not answer 200 within 30 s after the run"):
            return len(self.acknowledged), 0
        listed, offset, total = [], 0, int(probe.header("x-total-count") or -1)
        while True:
            page = client.get(f"{self.user.tasks}?limit=100&offset={offset}")
            if page.status != 200 or not page.json():
                break
            listed += page.json()
            offset += 100

        def read_back(item):
            task_id, (title, description) = item
            response = Client(self.ctx.port, self.user.token).get(self.user.task(task_id))
            task = response.json() if response.status == 200 else {}
            if task.get("title") != title or task.get("description") != description:
                return f"{task_id}: {response.brief()}"
            return None

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            lost = [r for r in pool.map(read_back, self.acknowledged.items()) if r]
        titles = [task["title"] for task in listed]
        duplicates = len(titles) - len(set(titles))
        extra = total - len(self.acknowledged)
        checks.that(not lost, f"{len(lost)} acknowledged writes lost or changed (first: {lost[:1]})")
        checks.that(total == len(self.acknowledged), f"X-Total-Count {total} for {len(self.acknowledged)} acknowledged")
        checks.that(len(listed) == total, f"paging lists {len(listed)} tasks, X-Total-Count says {total}")
        checks.that(duplicates == 0, f"{duplicates} duplicate titles")
        return len(lost), extra


def ledger_run(ctx, fault, fault_name):
    per_client = 25 if ctx.quick else 100
    pace = 4.0 / per_client if ctx.quick else 10.0 / per_client     # spread the run over ~4 s (quick) or ~10 s
    user = ctx.new_user("ledger")
    run = Ledger(ctx, user, per_client, pace)
    start = time.monotonic()
    fault_report = run.run(fault)
    elapsed = time.monotonic() - start
    checks = Checks()
    lost, extra = run.verify(checks)
    STATS.ledger(len(run.acknowledged), lost)
    # Retrying is expected on 503, on connection errors (str keys) and on 409 (with the same body, a 409 can only
    # mean the key's first request is still in progress); any other status is not.
    server_errors = {k: v for k, v in run.statuses.items() if isinstance(k, int) and k >= 500 and k != 503}
    unexpected = {k: v for k, v in run.statuses.items() if isinstance(k, int) and k < 500 and k != 409}
    checks.that(not run.given_up, f"{len(run.given_up)} creates never acknowledged within {GIVE_UP_AFTER:.0f} s")
    checks.that(not server_errors, f"5xx answers: {server_errors}")
    checks.that(not unexpected, f"unexpected answers: {unexpected}")
    checks.that(run.slowest <= SLOWEST_ALLOWED, f"the slowest request took {run.slowest:.1f} s")
    summary = (f"{len(run.acknowledged)}/{run.total} acknowledged, {lost} lost, {max(extra, 0)} extra in {elapsed:.1f} s; "
               f"{fault_name}: {fault_report}; retried on {run.statuses or 'nothing'}; "
               f"p99 {percentile(run.durations, 99) * 1000:.0f} ms, slowest {run.slowest:.2f} s")
    return checks.verdict(summary, context=summary)


@case("ledger", "clean", "20 clients x 100 creates (quick: x 25) with Idempotency-Keys: all read back, count exact, no 500, none > 10 s")
def ledger_clean(ctx):
    return ledger_run(ctx, None, "no fault")


@case("ledger", "backends_terminated", "the same with every database backend terminated (pg_terminate_backend, 3 rounds) mid-run")
def ledger_backends_terminated(ctx):
    def terminate():
        # Three rounds, 0.3 s apart: the pool's connections are idle most of the time, so one round may only
        # ever hit idle ones; more rounds make it likelier that a statement is in flight.
        killed = 0
        for _ in range(3):
            killed += int(ctx.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                  "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"))
            time.sleep(0.3)
        return f"{killed} backends terminated in 3 rounds"
    return ledger_run(ctx, terminate, "fault")


@case("ledger", "postgres_crash", "the same with PostgreSQL stopped -m immediate mid-run and started again 2 s later")
def ledger_postgres_crash(ctx):
    def crash():
        start = time.monotonic()
        ctx.pg.stop("immediate")
        time.sleep(2)
        ctx.pg.start()
        return f"PostgreSQL down for {time.monotonic() - start:.1f} s"
    return ledger_run(ctx, crash, "fault")
