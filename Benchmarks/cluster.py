"""Throughput through the cluster's load balancer (scripts/cluster.sh), from one run: list and create with one and
with two todo-api instances behind HAProxy, each with the synchronous standby (every commit waits for it) and
without it (the standby streams asynchronously: a commit does not wait, so a failover may lose the last ones).

    Benchmarks/cluster.sh                    # builds release, then ~2 minutes
    BENCH_SECONDS=5 BENCH_CONNECTIONS=64 Benchmarks/cluster.sh

One instance is taken out of the HTTP load balancer through HAProxy's admin socket (it stays running); the
synchronous standby is switched off with ALTER SYSTEM on the primary and a reload. Prints requests/s, p50, p99
and errors per configuration. Everything shares this machine's cores: the figures say what each piece costs
here, not what more machines would give.
"""
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.environ.get("CLUSTER_DIR", "/tmp/todo-api-cluster")
BASE = int(os.environ.get("CLUSTER_PORT_BASE", "18000"))
API = f"http://127.0.0.1:{BASE}"
PRIMARY = BASE + 11
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
LUA = os.path.join(ROOT, "Benchmarks", "wrk", "api.lua")


def call(method, path, body=None, token=None):
    request = urllib.request.Request(API + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def psql(sql):
    return subprocess.run(["psql", f"host=127.0.0.1 port={PRIMARY} user=todo dbname=postgres", "-qAtc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def haproxy(command):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as admin:
        admin.connect(os.path.join(DIR, "run", "haproxy.sock"))
        admin.sendall(command.encode() + b"\n")
        return admin.recv(65536).decode()


def instances(count):
    haproxy(f"{'enable' if count == 2 else 'disable'} server http/api2")
    time.sleep(0.5)
    states = [line.split(",") for line in haproxy("show stat").splitlines() if line.startswith("http,api")]
    serving = sorted(fields[1] for fields in states if fields[17] == "UP")
    assert len(serving) == count, f"wanted {count} serving instances, HAProxy says {serving}"


def synchronous(on):
    if on:
        psql("ALTER SYSTEM RESET synchronous_standby_names")
    else:
        psql("ALTER SYSTEM SET synchronous_standby_names = ''")
    psql("SELECT pg_reload_conf()")
    wanted = "sync" if on else "async"
    for _ in range(100):
        if psql("SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'") == wanted:
            return
        time.sleep(0.1)
    raise SystemExit(f"the standby did not become {wanted}")


def settle():
    """Each run starts from the same state: the last run's writes checkpointed and vacuumed, the statistics fresh."""
    psql("CHECKPOINT")
    psql("VACUUM ANALYZE tasks")
    time.sleep(1)


def wrk(scenario, env):
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "10s", "-s", LUA, API],
                         check=True, capture_output=True, text=True, env=dict(os.environ, SCENARIO=scenario, **env)).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        match = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", out, re.M)
        return float(match.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[match.group(2)] if match else float("nan")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return rps, percentile(50), percentile(99), errors


def main():
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "cluster.sh"), "--up"], check=True, stdout=subprocess.DEVNULL)
    try:
        # Two users: the reader's list stays 20 tasks long (each list also counts the user's tasks for
        # X-Total-Count), while the writer's grows with every create.
        env = {}
        for role in ("list", "create"):
            email = f"bench-{role}@example.com"
            user = call("POST", "/api/auth/register", {"email": email, "password": "correct horse battery"})
            token = call("POST", "/api/auth/login", {"email": email, "password": "correct horse battery"})["access_token"]
            env[role] = {"TOKEN": token, "USER_ID": str(user["id"])}
        for index in range(20):
            call("POST", f"/api/{env['list']['USER_ID']}/tasks", {"title": f"seed {index}"}, env["list"]["TOKEN"])
        rows = []
        for sync in (True, False):
            synchronous(sync)
            for count in (2, 1):
                instances(count)
                for scenario in ("list", "create"):
                    settle()
                    rps, p50, p99, errors = wrk(scenario, env[scenario])
                    rows.append((scenario, count, sync, rps, p50, p99, errors))
                    print(f"{scenario:6} {count} instance(s), {'synchronous' if sync else 'asynchronous'} standby: "
                          f"{rps:8.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  errors {errors}", flush=True)
        instances(2)
        synchronous(True)
    finally:
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "cluster.sh"), "--down"], check=False, stdout=subprocess.DEVNULL)
    print(f"\nThrough HAProxy, wrk -t2 -c{CONNECTIONS}, {SECONDS} s per run, everything on {os.cpu_count()} cores:")
    print("| scenario | standby | 1 instance | 2 instances |")
    print("|---|---|---|---|")
    for scenario in ("list", "create"):
        for sync in (True, False):
            cells = {count: rps for s, count, y, rps, *_ in rows if s == scenario and y == sync}
            print(f"| {scenario} | {'synchronous' if sync else 'asynchronous'} | {cells[1]:,.0f} req/s | {cells[2]:,.0f} req/s |")
    failed = sum(row[6] for row in rows)
    if failed:
        print(f"{failed} requests failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
