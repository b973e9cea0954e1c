"""Failover ledger and rolling restart through scripts/cluster.sh (run by scripts/test.sh, shorter).

    python3 Tests/cluster/check.py failover [--clients 8] [--seconds 20]
    python3 Tests/cluster/check.py rolling  [--clients 8]
    python3 Tests/cluster/check.py interrupt

Starts the cluster (scripts/cluster.sh --up), drives it through its HTTP load balancer with clients creating tasks
(each with an Idempotency-Key; every 201's id and title recorded), and:
- failover: kills the primary with -9 mid-run and promotes the standby; afterwards every acknowledged task must be
  on the new primary with the same title, no answer may be a 500, and no request may hang past the timeout;
- rolling: restarts each instance in turn (SIGTERM, wait for its exit, start it again, wait until the load
  balancer sees it ready) under the same load; no client may see a failed request.
- interrupt: runs the script in the foreground and sends it Ctrl-C (SIGINT); every process it started must be gone
  and every port it listened on closed.
Prints the counts (writes acknowledged, writes lost, statuses seen, longest time without a 201) and exits non-zero
on a violation. Stops the cluster at the end.
"""
import argparse
import collections
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.environ.get("CLUSTER_DIR", "/tmp/todo-api-cluster")
BASE = int(os.environ.get("CLUSTER_PORT_BASE", "18000"))
API = f"http://127.0.0.1:{BASE}"
PRIMARY_PORT, STANDBY_PORT = BASE + 11, BASE + 12
PGBIN = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
PGBIN = f"/usr/lib/postgresql/{PGBIN}/bin"
RUNAS = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
TIMEOUT = 15.0
# No request may take longer than the server's statement timeout (5 s) plus the 2 s after which it gives up on a
# connection that does not answer at all.
LONGEST_ALLOWED = 7.0


def call(method, path, body=None, token=None, headers=None):
    request = urllib.request.Request(API + path, method=method)
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, data, timeout=TIMEOUT) as response:
            return response.status, json.loads(response.read() or b"null"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), error.headers
    except (OSError, TimeoutError) as error:
        return f"error: {type(error).__name__}", None, {}


def psql(port, sql):
    return subprocess.run(["psql", f"host=127.0.0.1 port={port} user=todo dbname=postgres", "-qAtc", sql],
                          check=True, capture_output=True, text=True).stdout


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = {}                 # task id -> title
        self.statuses = collections.Counter()
        self.ok_times = []
        self.longest = 0.0
        self.unavailable_without_retry_after = 0
        self.mismatched = 0                    # a 201 whose task is not the one this request created

    def record(self, status, task, headers, started, finished, title):
        with self.lock:
            self.statuses[str(status)] += 1
            if status == 503 and not headers.get("Retry-After"):
                self.unavailable_without_retry_after += 1
            self.longest = max(self.longest, finished - started)
            if status == 201:
                if task.get("title") != title:
                    self.mismatched += 1
                self.acknowledged[task["id"]] = task["title"]
                self.ok_times.append(finished)


class KeptAlive:
    """One client's connection to the load balancer, kept alive across requests as a browser's is (a new TCP
    connection per request, thousands a second, would test the loopback's port reuse more than the cluster).
    After an error the next request opens a new one."""

    def __init__(self):
        self.connection = None

    def post(self, path, body, token, headers):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", BASE, timeout=TIMEOUT)
        try:
            self.connection.request("POST", path, json.dumps(body).encode(), {
                "Content-Type": "application/json", "Authorization": "Bearer " + token, **headers})
            response = self.connection.getresponse()
            data = response.read()
            if response.will_close:
                self.connection.close()
                self.connection = None
            text = data.decode(errors="replace")
            return response.status, json.loads(data) if response.status < 300 else text, response.headers
        except (OSError, TimeoutError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = None
            return f"error: {type(error).__name__}", None, {}


def client(ledger, user_id, token, stop, index):
    n = 0
    connection = KeptAlive()
    while not stop.is_set():
        n += 1
        title = f"c{index}-{n}-{uuid.uuid4().hex[:8]}"
        key = uuid.uuid4().hex
        for attempt in range(20):
            started = time.monotonic()
            status, body, headers = connection.post(f"/api/{user_id}/tasks", {"title": title}, token, {"Idempotency-Key": key})
            ledger.record(status, body, headers, started, time.monotonic(), title)
            if status == 201 or status not in (503, 409) and not str(status).startswith("error"):
                break
            if stop.is_set() and attempt > 5:
                break
            time.sleep(0.2)


def start_cluster():
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "cluster.sh"), "--up"], check=True)


def stop_cluster():
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "cluster.sh"), "--down"], check=False)


def user():
    email = f"ledger-{uuid.uuid4().hex[:12]}@example.com"
    status, created, _ = call("POST", "/api/auth/register", {"email": email, "password": "correct horse battery"})
    assert status == 201, (status, created)
    status, token, _ = call("POST", "/api/auth/login", {"email": email, "password": "correct horse battery"})
    assert status == 200, (status, token)
    return created["id"], token["access_token"]


def run(args, action):
    ledger = Ledger()
    stop = threading.Event()
    users = [user() for _ in range(args.clients)]
    threads = [threading.Thread(target=client, args=(ledger, uid, token, stop, i)) for i, (uid, token) in enumerate(users)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    action()
    time.sleep(max(0.0, args.seconds - (time.monotonic() - began)))
    stop.set()
    for thread in threads:
        thread.join(timeout=TIMEOUT * 3)
    times = sorted(ledger.ok_times)
    gap = max((b - a for a, b in zip(times, times[1:])), default=0.0)
    return ledger, gap


def failover(args):
    def kill_and_promote():
        time.sleep(args.seconds / 4)
        pid = int(open(os.path.join(DIR, "primary", "postmaster.pid")).readline())
        os.kill(pid, signal.SIGKILL)
        print(f"primary (pid {pid}) killed with -9", flush=True)
        time.sleep(0.5)
        subprocess.run(RUNAS + [f"{PGBIN}/pg_ctl", "-D", os.path.join(DIR, "standby"), "promote", "-w"],
                       check=True, capture_output=True)
        print("standby promoted", flush=True)

    ledger, gap = run(args, kill_and_promote)
    stored = dict(line.split("|", 1) for line in psql(STANDBY_PORT, "select id, title from tasks").splitlines())
    lost = [tid for tid, title in ledger.acknowledged.items() if stored.get(str(tid)) != title]
    report(ledger, gap, lost)
    return (not lost and "500" not in ledger.statuses and ledger.longest < LONGEST_ALLOWED and ledger.mismatched == 0
            and ledger.unavailable_without_retry_after == 0 and len(ledger.acknowledged) > 0)


def rolling(args):
    def restart_each():
        for name in ("api1", "api2"):
            time.sleep(args.seconds / 5)
            pid = int(open(os.path.join(DIR, "run", f"{name}.pid")).read())
            os.kill(pid, signal.SIGTERM)
            while os.path.exists(f"/proc/{pid}"):
                time.sleep(0.05)
            port = BASE + (1 if name == "api1" else 2)
            env = dict(os.environ, DATABASE_URL=open(os.path.join(DIR, "run", "database-url")).read(),
                       DB_STATEMENTS=open(os.path.join(DIR, "run", "statements")).read(), DRAIN_DELAY="2",
                       HOST="127.0.0.1", PORT=str(port), LOG_LEVEL="notice",
                       JWT_SECRET=open(os.path.join(DIR, "run", "jwt-secret")).read())
            log = open(os.path.join(DIR, "log", f"{name}.log"), "a")
            process = subprocess.Popen([open(os.path.join(DIR, "run", "binary")).read(), "serve"], env=env,
                                       stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            open(os.path.join(DIR, "run", f"{name}.pid"), "w").write(str(process.pid))
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                time.sleep(0.1)
            print(f"{name} restarted (pid {process.pid}) and ready", flush=True)

    ledger, gap = run(args, restart_each)
    failed = sum(count for status, count in ledger.statuses.items() if status != "201")
    report(ledger, gap, [])
    return failed == 0 and ledger.mismatched == 0 and len(ledger.acknowledged) > 0


def interrupt(args):
    """scripts/cluster.sh in the foreground, then Ctrl-C (SIGINT): everything it started must be gone, ports free."""
    process = subprocess.Popen(["bash", os.path.join(ROOT, "scripts", "cluster.sh")], stdout=subprocess.PIPE,
                               text=True, start_new_session=True)
    for line in process.stdout:
        print(line, end="", flush=True)
        if "Ctrl-C stops everything" in line:
            break
    pids = [int(open(os.path.join(DIR, "run", name)).read()) for name in os.listdir(os.path.join(DIR, "run"))
            if name.endswith(".pid")]
    pids += [int(open(os.path.join(DIR, node, "postmaster.pid")).readline()) for node in ("primary", "standby")]
    ports = [BASE, BASE + 1, BASE + 2, BASE + 10, PRIMARY_PORT, STANDBY_PORT]
    listening = [port for port in ports if port_open(port)]
    process.send_signal(signal.SIGINT)
    rest = process.communicate(timeout=60)[0]
    print(rest, end="", flush=True)
    alive = [describe(pid) for pid in pids if running(pid)]
    # Anything else of the script's still running (its process group): a leftover keeps the caller's pipes open.
    alive += [describe(int(pid)) for pid in os.listdir("/proc") if pid.isdigit() and pgid(int(pid)) == process.pid
              and running(int(pid))]
    still_open = [port for port in ports if port_open(port)]
    print(f"processes started {len(pids)}, listening before {len(listening)} of {len(ports)} ports; after Ctrl-C: "
          f"exit status {process.returncode}, processes left {alive}, ports still open {still_open}", flush=True)
    return len(listening) == len(ports) and not alive and not still_open and process.returncode == 0


def evidence():
    """On a failure: what the load balancer logged other than 2xx answers, and the instances' last lines."""
    def tail(name, keep=lambda line: True, count=15):
        try:
            lines = [line.rstrip() for line in open(os.path.join(DIR, "log", name), errors="replace") if keep(line)]
        except OSError:
            return
        print(f"--- {name} (last {min(count, len(lines))} of {len(lines)} lines shown)", flush=True)
        for line in lines[-count:]:
            print("    " + line, flush=True)

    tail("haproxy.log", lambda line: " http/" in line and " 200 " not in line and " 201 " not in line)
    for name in ("api1.log", "api2.log"):
        tail(name)


def state(pid):
    """The process's state letter (R, S, Z...), or None when it is gone."""
    try:
        return next(line.split()[1] for line in open(f"/proc/{pid}/status") if line.startswith("State:"))
    except OSError:
        return None


def describe(pid):
    try:
        return f"{pid} {state(pid)} {open(f'/proc/{pid}/cmdline').read().replace(chr(0), ' ').strip()}"
    except OSError:
        return f"{pid} (gone)"


def running(pid):
    """Exists and is not a zombie (an exited child whose new parent, init here, has not reaped it yet)."""
    return state(pid) not in (None, "Z")


def pgid(pid):
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def port_open(port):
    import socket
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def report(ledger, gap, lost):
    print(f"writes acknowledged {len(ledger.acknowledged)}, writes lost {len(lost)}, statuses "
          f"{dict(sorted(ledger.statuses.items()))}, longest request {ledger.longest:.2f} s, "
          f"longest time without a 201 {gap:.2f} s, 503s without Retry-After {ledger.unavailable_without_retry_after}, "
          f"answers to another request {ledger.mismatched}",
          flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["failover", "rolling", "interrupt"])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    if args.scenario == "interrupt":
        ok = interrupt(args)
    else:
        start_cluster()
        try:
            ok = failover(args) if args.scenario == "failover" else rolling(args)
        finally:
            stop_cluster()
    if not ok and args.scenario != "interrupt":
        evidence()
    print(("PASS " if ok else "FAIL ") + args.scenario, flush=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
