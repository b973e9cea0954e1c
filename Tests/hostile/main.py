#!/usr/bin/env python3
"""The hostile suite (issue 7): hostile input, slow clients, login storms and faults against a real
todo-api over loopback, with its own PostgreSQL. Started by scripts/hostile.sh.

    python3 Tests/hostile/main.py [--quick] [--only REGEX] [--list] [--keep]

TODO_API_BIN names the server binary (copied once, so a rebuild during the run does not mix versions).
Prints one line per case (PASS/FAIL/SKIP, what it checks, why) and a table per area; exits 1 when any
case failed, 2 when the suite could not start, 130 when interrupted (everything started is stopped).
"""
import argparse
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback

sys.dont_write_bytecode = True

import harness  # noqa: E402
import processes  # noqa: E402
# The areas, in the order they run: the cases that restart, kill or overload things come late.
import inputs  # noqa: E402,F401
import protocol  # noqa: E402,F401
import leaks  # noqa: E402,F401
import tokens  # noqa: E402,F401
import limits  # noqa: E402,F401
import ledger  # noqa: E402,F401
import storms  # noqa: E402,F401
import lifecycle  # noqa: E402,F401
import contract  # noqa: E402,F401

AREAS = ["inputs", "protocol", "leaks", "tokens", "limits", "ledger", "storms", "lifecycle", "contract"]


class Outcome:
    def __init__(self, case, verdict, reason, seconds, counted):
        self.case, self.verdict, self.reason, self.seconds = case, verdict, reason, seconds
        self.requests, self.acknowledged, self.lost = counted


def one_line(text, limit=400):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def counters():
    stats = harness.STATS
    return stats.requests, stats.writes_acknowledged, stats.writes_lost


def run_case(ctx, case, log):
    before = counters()
    start = time.monotonic()
    try:
        verdict, reason = "PASS", case.run(ctx) or "ok"
    except harness.CaseFailed as failure:
        verdict, reason = "FAIL", str(failure)
    except harness.CaseSkipped as skipped:
        verdict, reason = "SKIP", str(skipped)
    except KeyboardInterrupt:
        raise
    except Exception as error:
        frame = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{os.path.basename(frame.filename)}:{frame.lineno}"
        verdict, reason = "FAIL", f"harness error: {type(error).__name__}: {error} (at {where})"
        log.write(f"\n--- {case.full_name}\n{traceback.format_exc()}")
        log.flush()
    server = ctx.server
    if server is not None and server.process.poll() is not None and server.process.returncode not in (0, -15):
        verdict = "FAIL"
        reason = f"{reason}; the server died during the case (exit {server.process.returncode}: {server.log_tail(2)})"
    try:
        ctx.ensure_default_server()
    except Exception as error:
        verdict, reason = "FAIL", f"{reason}; could not restart the server afterwards: {error}"
    counted = tuple(after - earlier for after, earlier in zip(counters(), before))
    return Outcome(case, verdict, one_line(reason), time.monotonic() - start, counted)


def print_outcome(outcome):
    marks = {"PASS": "PASS", "FAIL": "FAIL", "SKIP": "skip"}
    print(f"{marks[outcome.verdict]}  {outcome.case.full_name:<34} {outcome.seconds:5.1f}s  {outcome.case.checks}", flush=True)
    print(f"      -> {outcome.reason}", flush=True)


def print_table(outcomes, not_run, elapsed):
    header = ["area", "cases tried", "passed", "failed", "skipped", "requests sent", "writes acknowledged", "writes lost"]

    def row(name, mine):
        return [name, len(mine), sum(o.verdict == "PASS" for o in mine), sum(o.verdict == "FAIL" for o in mine),
                sum(o.verdict == "SKIP" for o in mine), sum(o.requests for o in mine),
                sum(o.acknowledged for o in mine), sum(o.lost for o in mine)]
    rows = [row(area, [o for o in outcomes if o.case.area == area]) for area in AREAS]
    rows = [r for r in rows if r[1]] + [row("total", outcomes)]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]

    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    print()
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for cells in rows:
        print(line(cells))
    print(f"\nwall time {elapsed:.0f} s" + (f"; not run (interrupted): {not_run} cases" if not_run else ""))
    failed = [o for o in outcomes if o.verdict == "FAIL"]
    if failed:
        print("failed: " + ", ".join(o.case.full_name for o in failed))


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="shorter long runs (the same code; CI uses it)")
    parser.add_argument("--only", metavar="REGEX", action="append",
                        help="run only cases whose area.name matches (case-insensitive search; repeatable)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (server and PostgreSQL logs)")
    args = parser.parse_args()

    cases = sorted(harness.CASES, key=lambda c: (c.last, AREAS.index(c.area)))  # stable: file order within an area
    if args.only:
        cases = [c for c in cases if any(re.search(p, c.full_name, re.I) for p in args.only)]
    if args.list:
        for c in cases:
            print(f"{c.full_name:<36} {c.checks}")
        return 0
    if not cases:
        print("no case matches --only", file=sys.stderr)
        return 2

    source = os.environ.get("TODO_API_BIN") or os.path.join(os.path.dirname(__file__), "../../.build/debug/todo-api")
    if not os.access(source, os.X_OK):
        print(f"hostile: no server binary at {source} (set TODO_API_BIN or build todo-api)", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="todo-api-hostile.")
    os.chmod(work, 0o755)
    if processes.AS_POSTGRES:
        shutil.chown(work, "postgres", "postgres")
    binary = os.path.join(work, "todo-api")
    shutil.copy2(source, binary)

    cleanup = processes.Cleanup()
    if not args.keep:
        cleanup.add("work directory", lambda: shutil.rmtree(work, ignore_errors=True))
    # SIGTERM as Ctrl-C (also when started in the background, where SIGINT comes ignored): unwinds through the
    # finally below, so everything started is stopped.
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    ctx = harness.Context(binary, work, args.quick, cleanup)
    outcomes, not_run = [], 0
    start = time.monotonic()
    print(f"hostile suite: {len(cases)} cases{' (quick)' if args.quick else ''}, binary {source}, work {work}", flush=True)
    log = open(os.path.join(work, "harness-errors.log"), "a")
    try:
        try:
            ctx.start()
        except KeyboardInterrupt:
            print("\ninterrupted while starting", flush=True)
            return 130
        except Exception as error:
            print(f"hostile: could not start PostgreSQL and the server: {error}", file=sys.stderr)
            return 2
        print(f"PostgreSQL at {ctx.pg.socket_dir}, server on {ctx.base_url} (pid {ctx.server.pid})\n", flush=True)
        for index, case in enumerate(cases):
            try:
                outcome = run_case(ctx, case, log)
            except KeyboardInterrupt:
                not_run = len(cases) - index
                print("\ninterrupted", flush=True)
                break
            outcomes.append(outcome)
            print_outcome(outcome)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        cleanup.run()
        log.close()
    print_table(outcomes, not_run, time.monotonic() - start)
    if args.keep:
        print(f"logs kept in {work}")
    if not_run:
        return 130
    return 1 if any(o.verdict == "FAIL" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
