"""The processes the suite owns: a private PostgreSQL (run as the postgres user when we are root, as
scripts/test.sh does) and todo-api servers; plus what /proc says about a server (RSS, open connections).
Everything started is registered with a Cleanup, which stops it in reverse order whatever happens.
"""
import os
import signal
import socket
import subprocess
import time
import urllib.request

PG_BIN = "/usr/lib/postgresql/" + sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: [int(p) for p in v.split(".") if p.isdigit()])[-1] + "/bin"
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


def run(args, check=True, timeout=120):
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:6])} failed ({result.returncode}): {(result.stderr or result.stdout).strip()[-300:]}")
    return result


class Cleanup:
    """Stop functions run in reverse order of registration, each at most once, errors ignored."""

    def __init__(self):
        self.actions = []

    def add(self, description, action):
        self.actions.append((description, action))

    def run(self):
        while self.actions:
            _, action = self.actions.pop()
            try:
                action()
            except Exception:
                pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- PostgreSQL ------------------------------------------------------------------------------------------------


class Postgres:
    """A private cluster listening on a Unix socket only; the data directory stays, so it can be stopped
    (also `-m immediate`, as a crash) and started again."""

    def __init__(self, data, socket_dir):
        self.data, self.socket_dir = data, socket_dir
        self.conninfo = f"host={socket_dir} dbname=postgres user=todo"

    def init(self):
        os.makedirs(self.socket_dir, exist_ok=True)
        if AS_POSTGRES:
            run(["chown", "postgres:postgres", self.socket_dir])
        run(AS_POSTGRES + [f"{PG_BIN}/initdb", "-D", self.data, "-U", "todo", "--auth=trust", "--no-locale", "-E", "UTF8"])

    def start(self):
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' -c max_connections=300"
        run(AS_POSTGRES + [f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", self.data + "/server.log", "-w", "-t", "60",
                           "-o", options, "start"])

    def stop(self, mode="fast"):
        run(AS_POSTGRES + [f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"], check=False)

    def running(self):
        return run(AS_POSTGRES + [f"{PG_BIN}/pg_ctl", "-D", self.data, "status"], check=False).returncode == 0

    def psql(self, sql):
        return run(["psql", "-h", self.socket_dir, "-U", "todo", "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=1",
                    "-c", sql]).stdout.strip()


def stop_cluster(cluster):
    """Stops a cluster some server started (the embedded mode), if it still runs."""
    if os.path.exists(os.path.join(cluster, "postmaster.pid")):
        run(AS_POSTGRES + [f"{PG_BIN}/pg_ctl", "-D", cluster, "-m", "immediate", "-w", "-t", "20", "stop"], check=False)


# --- the server under test ---------------------------------------------------------------------------------------


class ServerDidNotStart(Exception):
    pass


class Server:
    """One `todo-api serve` process; its output goes to <work>/<name>.log."""

    def __init__(self, binary, work, name):
        self.binary, self.work, self.name = binary, work, name
        self.log_path = os.path.join(work, name + ".log")
        self.stderr_path = os.path.join(work, name + ".stderr")
        self.process = None
        self.port = None

    def start(self, env, port=None, wait=True, timeout=30.0):
        self.port = port or free_port()
        environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATA_DIR", "PORT", "HOST")}
        environment.update(env)
        self.stdout = open(self.log_path, "ab")
        self.stderr = open(self.stderr_path, "ab")
        self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port), "--host", "127.0.0.1"],
                                        env=environment, stdout=self.stdout, stderr=self.stderr,
                                        stdin=subprocess.DEVNULL)
        if wait:
            self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerDidNotStart(f"{self.name} exited with {self.process.returncode} at start: {self.log_tail(3)}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise ServerDidNotStart(f"{self.name} did not answer /health within {timeout:.0f} s: {self.log_tail(3)}")

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def signal(self, number):
        if self.alive():
            self.process.send_signal(number)

    def wait(self, timeout):
        """The exit status, or None when still running after `timeout`."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, timeout=10.0):
        if self.process is None:
            return None
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            if self.wait(timeout) is None:
                self.process.kill()
                self.process.wait()
        for f in (self.stdout, self.stderr):
            f.close()
        return self.process.returncode

    def log_tail(self, lines=5):
        text = ""
        for path in (self.stderr_path, self.log_path):
            try:
                with open(path, errors="replace") as f:
                    text += f.read()
            except OSError:
                pass
        return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])

    def stderr_text(self):
        with open(self.stderr_path, errors="replace") as f:
            return f.read()

    # what /proc says about it

    def rss_mib(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def open_connections(self):
        """TCP connections on the server's port that the server process holds open (accepted ones only:
        connections still in the kernel's backlog are not the server's yet)."""
        inodes = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                with open(table) as f:
                    rows = f.readlines()[1:]
            except OSError:
                continue
            for row in rows:
                fields = row.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                if local_port == self.port and fields[3] != "0A":     # 0A: LISTEN
                    inodes.add(fields[9])
        count = 0
        fd_dir = f"/proc/{self.pid}/fd"
        for fd in os.listdir(fd_dir):
            try:
                link = os.readlink(os.path.join(fd_dir, fd))
            except OSError:
                continue
            if link.startswith("socket:[") and link[8:-1] in inodes:
                count += 1
        return count
