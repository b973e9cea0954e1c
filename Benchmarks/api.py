#!/usr/bin/env python3
"""The serving benchmark: one run measures every endpoint with wrk and the same SQL with pgbench.

Started by Benchmarks/api.sh (which builds the release binary). Starts a private PostgreSQL and the
server on loopback, seeds users and tasks, drives wrk at /health, list, get, create, update, toggle,
delete and login at each connection count, runs pgbench on the same database with the server's exact
statements (from `todo-api statements --json`), a login storm beside list traffic, and optionally a soak.
Prints Markdown tables. Stops everything it started, whatever happens.

Environment: BENCH_SECONDS (per run, default 10), BENCH_CONNECTIONS (default "32 64"),
BENCH_SOAK_SECONDS (default 0: no soak), BENCH_BIN (the todo-api binary), BENCH_PORT (default 18090).
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "32 64").split()]
SOAK = int(os.environ.get("BENCH_SOAK_SECONDS", "0"))
BIN = os.environ["BENCH_BIN"]
PORT = int(os.environ.get("BENCH_PORT", "18090"))
BASE = f"http://127.0.0.1:{PORT}"
TICKS = os.sysconf("SC_CLK_TCK")
PASSWORD = "benchmark password"

started = []  # (description, stop function), stopped in reverse order


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs).stdout


# --- processes we own ---------------------------------------------------------------------------------

def start_postgres(work):
    pgbin = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
    pgbin = f"/usr/lib/postgresql/{pgbin}/bin"
    data = os.path.join(work, "pg")
    as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    if os.getuid() == 0:
        shutil.chown(work, "postgres", "postgres")
    run(as_owner + [f"{pgbin}/initdb", "-D", data, "-U", "bench", "--auth=trust", "--no-locale", "-E", "UTF8"])
    options = f"-c listen_addresses='' -c unix_socket_directories='{work}' -c max_connections=200"
    run(as_owner + [f"{pgbin}/pg_ctl", "-D", data, "-l", os.path.join(work, "pg.log"), "-w", "-o", options, "start"])
    started.append(("PostgreSQL", lambda: subprocess.run(as_owner + [f"{pgbin}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
                                                          capture_output=True)))
    with open(os.path.join(data, "postmaster.pid")) as f:
        return int(f.readline())


def start_server(conninfo, work):
    env = dict(os.environ, DATABASE_URL=conninfo, JWT_SECRET="benchmark-secret-0123456789abcdef-0123",
               LOG_LEVEL="warning", PORT=str(PORT), HOST="127.0.0.1")
    out = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([BIN, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)

    def stop():
        if server.poll() is not None:
            out.flush()
            print(f"\nThe server had exited by itself with status {server.returncode} (FAILED); its log ends:\n" +
                  "".join(open(os.path.join(work, "server.log")).readlines()[-15:]))
            return
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=20)
            print(f"\nServer stopped on SIGTERM with exit status {code}" + ("" if code == 0 else " (FAILED: see server.log)"))
        except subprocess.TimeoutExpired:
            server.kill()
            print("\nServer did not stop within 20 s of SIGTERM (FAILED)")
    started.append(("server", stop))
    for _ in range(600):
        try:
            urllib.request.urlopen(BASE + "/health", timeout=1)
            return server.pid
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the server exited: " + open(os.path.join(work, "server.log")).read())
            time.sleep(0.1)
    raise SystemExit("the server did not answer /health")


# --- HTTP and SQL set-up ------------------------------------------------------------------------------

def call(method, path, body=None, token=None):
    request = urllib.request.Request(BASE + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def make_user(email):
    user = call("POST", "/api/auth/register", {"email": email, "password": PASSWORD})
    token = call("POST", "/api/auth/login", {"email": email, "password": PASSWORD})["access_token"]
    return user["id"], token


def psql(work, sql):
    return run(["psql", "-h", work, "-U", "bench", "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]).strip()


# --- measuring ----------------------------------------------------------------------------------------

def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def postgres_pids(postmaster):
    children = subprocess.run(["ps", "--ppid", str(postmaster), "-o", "pid="], capture_output=True, text=True).stdout.split()
    return [postmaster] + [int(p) for p in children]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Sampler:
    """Peak RSS of the server while a run lasts, and every sample for the soak."""

    def __init__(self, pid, interval=0.2):
        self.pid, self.interval, self.samples, self.running = pid, interval, [], True
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self):
        while self.running:
            self.samples.append((time.time(), rss_kib(self.pid)))
            time.sleep(self.interval)

    def stop(self):
        self.running = False
        self.thread.join()
        return max(kib for _, kib in self.samples) / 1024


def measure(server, postmaster, body):
    """Runs body(); returns its result with server CPU %, PostgreSQL CPU % and the server's peak RSS (MiB)."""
    pg = postgres_pids(postmaster)
    before, pg_before, start = cpu_ticks([server]), cpu_ticks(pg), time.time()
    sampler = Sampler(server)
    result = body()
    peak = sampler.stop()
    elapsed = time.time() - start
    pg = postgres_pids(postmaster)
    return result, 100 * (cpu_ticks([server]) - before) / TICKS / elapsed, 100 * (cpu_ticks(pg) - pg_before) / TICKS / elapsed, peak


def to_ms(text):
    match = re.match(r"([\d.]+)(\w+)", text)
    if not match:
        return float("nan")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(scenario, connections, env, seconds=SECONDS):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", "-s", os.path.join(HERE, "wrk", "api.lua"), BASE]
    out = run(args, env=dict(os.environ, SCENARIO=scenario, **env))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms((re.search(r"^\s+50%\s+(\S+)", out, re.M) or re.search("(x)", "x")).group(1))
    p99 = to_ms((re.search(r"^\s+99%\s+(\S+)", out, re.M) or re.search("(x)", "x")).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors}


def pgbench(work, name, sql, connections, variables):
    script = os.path.join(work, f"{name}.sql")
    with open(script, "w") as f:
        for key, value in variables.get("set", {}).items():
            f.write(f"\\set {key} {value}\n")
        f.write(sql.strip() + ";\n")
    args = ["pgbench", "-h", work, "-U", "bench", "-n", "-M", "prepared", "-c", str(connections), "-j", "2",
            "-T", str(SECONDS), "-f", script, "postgres"]
    for key, value in variables.get("define", {}).items():
        args += ["-D", f"{key}={value}"]
    out = run(args)
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


def pgbench_sql(statement, parameters):
    """The server's statement with $n as pgbench variables (or literals: pgbench cannot bind NULL)."""
    sql = statement["sql"]
    for index in sorted(parameters, reverse=True):
        sql = sql.replace(f"${index}", parameters[index])
    return sql


# --- the run ------------------------------------------------------------------------------------------

def main():
    # Ctrl-C or SIGTERM still stops everything this run started (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = tempfile.mkdtemp(prefix="todo-api-bench.")
    os.chmod(work, 0o755)
    try:
        postmaster = start_postgres(work)
        server = start_server(f"host={work} dbname=postgres user=bench", work)
        statements = {s["name"]: s for s in map(json.loads, run([BIN, "statements", "--json"]).splitlines())}

        log("seeding: a reader with 20 tasks, a writer, a user whose tasks are deleted")
        reader, reader_token = make_user("reader@example.com")
        tasks = [call("POST", f"/api/{reader}/tasks", {"title": f"task {i}", "description": "seeded"}, reader_token)["id"] for i in range(20)]
        writer, writer_token = make_user("writer@example.com")
        deleter, deleter_token = make_user("deleter@example.com")
        block = 60000 * max(1, SECONDS // 10 + 1)

        def fresh_table():
            # Writes of one scenario must not skew the next one's plans: only the reader's 20 tasks stay.
            psql(work, f"DELETE FROM tasks WHERE user_id <> {reader}")
            psql(work, "VACUUM ANALYZE tasks")

        def delete_block():
            return int(psql(work, f"INSERT INTO tasks (user_id, title) SELECT {deleter}, 'to delete' FROM generate_series(1, {block}) RETURNING id")
                       .split("\n")[0])
        fresh_table()
        reader_env = {"TOKEN": reader_token, "USER_ID": str(reader), "TASK_MIN": str(min(tasks)), "TASK_MAX": str(max(tasks)),
                      "EMAIL": "reader@example.com", "PASSWORD": PASSWORD}
        scenarios = [("GET /health", "health", reader_env), ("list (page of 10 of 20)", "list", reader_env),
                     ("get one task", "get", reader_env),
                     ("create", "create", dict(reader_env, TOKEN=writer_token, USER_ID=str(writer))),
                     ("update (PUT)", "update", reader_env), ("toggle (PATCH)", "toggle", reader_env),
                     ("delete", "delete", dict(reader_env, TOKEN=deleter_token, USER_ID=str(deleter))),
                     ("login (PBKDF2, 600k iterations)", "login", reader_env)]
        task_range = {"set": {"tid": f"random({min(tasks)}, {max(tasks)})", "uid": reader}}
        sql = {
            "list": (pgbench_sql(statements["list_tasks"], {1: ":uid", 2: "NULL", 3: ":lim", 4: ":off", 5: "0"}),
                     {"set": {"uid": reader, "lim": 10, "off": 0}}),
            "get": (pgbench_sql(statements["task"], {1: ":uid", 2: ":tid", 3: "0"}), task_range),
            "create": (pgbench_sql(statements["insert_task"], {1: ":uid", 2: ":title", 3: "NULL", 4: "0"}),
                       {"set": {"uid": writer}, "define": {"title": "pgbench task"}}),
            "toggle": (pgbench_sql(statements["toggle_task"], {1: ":uid", 2: ":tid", 3: "0"}), task_range),
        }

        results = {}
        for connections in CONNECTIONS:
            for label, scenario, env in scenarios:
                if scenario == "delete":
                    env = dict(env, TASK_MIN=str(delete_block()))
                    psql(work, "VACUUM ANALYZE tasks")
                log(f"wrk {scenario} -c{connections}")
                results[(scenario, connections)] = measure(server, postmaster, lambda: wrk(scenario, connections, env))
                if scenario in ("create", "delete"):
                    fresh_table()
            for name, (text, variables) in sql.items():
                log(f"pgbench {name} -c{connections}")
                results[("pgbench " + name, connections)] = measure(server, postmaster, lambda: pgbench(work, name, text, connections, variables))
                if name == "create":
                    fresh_table()

        log("login storm: 20 concurrent logins beside list traffic")
        storm = {}
        def storm_run():
            logins = threading.Thread(target=lambda: storm.update(login=wrk("login", 20, reader_env)))
            logins.start()
            time.sleep(0.5)
            storm["list"] = wrk("list", 32, reader_env, seconds=max(2, SECONDS - 1))
            logins.join()
            return storm
        storm_result = measure(server, postmaster, storm_run)

        soak = None
        if SOAK:
            log(f"soak: list at -c64 for {SOAK} s, RSS sampled")
            sampler = Sampler(server, interval=5)
            fresh_table()
            soak_result = wrk("list", 64, reader_env, seconds=SOAK)
            sampler.stop()
            soak = (soak_result, [kib / 1024 for _, kib in sampler.samples])

        report(results, scenarios, storm_result, soak)
    finally:
        for name, stop in reversed(started):
            stop()
        shutil.rmtree(work, ignore_errors=True)


def report(results, scenarios, storm_result, soak):
    cpu = open("/proc/cpuinfo").read()
    model = re.search(r"model name\s*:\s*(.*)", cpu).group(1)
    print(f"Machine: {os.cpu_count()} cores ({model}), {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB; "
          f"wrk -t2, pgbench -j2 -M prepared, {SECONDS} s per run, server, PostgreSQL and load generator on the same cores.\n")
    print("| scenario | conns | req/s | p50 ms | p99 ms | errors | server CPU % | PostgreSQL CPU % | server peak RSS MiB | x pgbench (same SQL) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for connections in CONNECTIONS:
        for label, scenario, _ in scenarios:
            r, server_cpu, pg_cpu, peak = results[(scenario, connections)]
            base = results.get(("pgbench " + scenario, connections))
            ratio = f"{r['rps'] / base[0]:.2f}" if base else ""
            print(f"| {label} | {connections} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['errors']} | "
                  f"{server_cpu:.0f} | {pg_cpu:.0f} | {peak:.1f} | {ratio} |")
        for name in ("list", "get", "create", "toggle"):
            tps, _, pg_cpu, _ = results[("pgbench " + name, connections)]
            print(f"| pgbench: {name} SQL | {connections} | {tps:,.0f} tps | | | | | {pg_cpu:.0f} (+ pgbench) | | 1.00 |")
    storm, server_cpu, pg_cpu, peak = storm_result
    quiet = results[("list", CONNECTIONS[0])][0]
    print(f"\nLogin storm (20 concurrent logins for {SECONDS} s beside list at -c32): logins {storm['login']['rps']:,.1f}/s "
          f"(p99 {storm['login']['p99']:.0f} ms, {storm['login']['errors']} non-2xx); list {storm['list']['rps']:,.0f} req/s, "
          f"p50 {storm['list']['p50']:.2f} ms, p99 {storm['list']['p99']:.2f} ms (without the storm: {quiet['rps']:,.0f} req/s, "
          f"p99 {quiet['p99']:.2f} ms); server CPU {server_cpu:.0f} %.")
    if soak:
        result, series = soak
        print(f"\nSoak: list at -c64 for {SOAK} s: {result['rps']:,.0f} req/s, p99 {result['p99']:.2f} ms, {result['errors']} errors; "
              f"server RSS every 5 s (MiB): {', '.join(f'{m:.1f}' for m in series)}")


if __name__ == "__main__":
    main()
