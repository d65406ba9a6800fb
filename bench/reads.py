"""Reads: timeline, eligibility and roster-page requests through gunicorn against a bare endpoint in the same server.

Roster pages are read by number (`page`, random pages) and, where careerlog has them, after
a cursor (`after`, pointing at random rows, made before timing).

The demo export is imported and the views brought up to date (not timed). The server is
the production one (`careerlog serve`: gunicorn, gthread workers) serving careerlog's app
wrapped with one extra route, /bare, that answers a constant JSON body without touching
the database; the product itself has no such route. Concurrent clients (threads, each
with its own keep-alive connection) then request each endpoint for a fixed time; p50,
p99 and requests per second are printed beside the bare endpoint's, and the server's CPU
milliseconds per request (its processes' user + system time over the requests served),
steadier than latency on a shared machine.

    .venv/bin/python -m bench.reads --employees 10000 --store postgres --clients 8 --seconds 10

With --keep the loaded store is kept and reused by later runs of the same size and seed
(a SQLite file in $CAREERLOG_BENCH_DATA, or the schema reads_<employees>_<seed> in the
PostgreSQL database), so that before and after can be measured on the same data without
importing it again.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask

from bench.common import POSTGRES_URL, demo_export, fresh_store, parser, positive, report
from careerlog.access import Scope
from careerlog.accounts import open_accounts
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.importing import import_file
from careerlog.sqlstore import SqlStore, open_store
from projections.registry import projector
from projections.roster import ROSTER

ROOT = Path(__file__).resolve().parent.parent


def bench_app() -> Flask:
    """careerlog's app (configured from the environment) plus the bare endpoint."""
    from web import create_app

    app = create_app()

    @app.get("/bare")
    def bare() -> dict[str, bool]:
        return {"ok": True}

    return app


PAGE = 50  # employees per roster page
COPY = "-copy-"  # in the NIPs of the roster rows --roster-rows copies
READY = "bench_reads_ready"  # a table made once the kept store is loaded: its one row, the employees


def prepare(settings: Settings, args: argparse.Namespace, *, loaded: bool = False) -> tuple[str, list[str]]:
    """Load the demo (unless `loaded`), bring the views up to date; an admin token and some NIPs."""
    app = CareerLog.from_settings(settings)
    try:
        if not loaded:
            result = import_file(app, demo_export(args.employees, args.seed), actor="bench", migration=True)
            if not result.ok:
                raise SystemExit(f"the demo export did not import cleanly: {result.summary()}")
        worker = projector(settings, app=app)
        try:
            worker.catch_up()
            accounts = open_accounts(settings, worker.views.sql)
            if not loaded:
                accounts.create("bench", display_name="Benchmark", role="admin", scope=Scope(national=True))
            token = accounts.issue_token("bench", days=1).token
            if not loaded and args.roster_rows:
                inflate_roster(worker.views.sql, args.roster_rows)
            nips = [
                r["subject"]  # the employees the demo recorded (not the copies of --roster-rows)
                for r in worker.views.sql.query(f"SELECT subject FROM roster WHERE subject NOT LIKE '%{COPY}%'")
            ]
            if not loaded:
                worker.views.sql.execute_script(
                    [f"CREATE TABLE {READY} (employees INTEGER)", f"INSERT INTO {READY} VALUES ({args.employees})"]
                )
        finally:
            worker.close()
    finally:
        app.close()
    return token, nips


def inflate_roster(store: SqlStore, rows: int) -> None:
    """Copies of the roster's rows (NIP + COPY + n, no events behind them) until it holds `rows`, for
    roster pages at a size the demo cannot be loaded at in the time; the other views stay as loaded."""
    have = int(store.scalar("SELECT COUNT(*) AS n FROM roster"))
    if rows <= have:
        return
    copies = -(-rows // have) - 1
    columns = [c for c, _ in ROSTER.columns if c != "subject"]
    with store.transaction() as sql:
        sql.execute(
            f"INSERT INTO roster (subject, {', '.join(columns)}) "
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            f"SELECT r.subject || '{COPY}' || n.i, {', '.join('r.' + c for c in columns)} FROM roster r, n "
            f"ORDER BY n.i, r.subject LIMIT ?",
            (max(copies, 1), rows - have),
        )
    print(f"roster: {have} rows and {rows - have} copies")


@contextmanager
def kept_store(args: argparse.Namespace) -> Iterator[tuple[Settings, bool]]:
    """Settings for the kept store of this size and seed, and whether it is loaded already."""
    if args.store == "sqlite":
        rows = f"-r{args.roster_rows}" if args.roster_rows else ""
        path = demo_export(args.employees, args.seed).parent / f"reads-{args.employees}-{args.seed}{rows}.db"
        settings = Settings(database_url=f"sqlite:///{path}")
    else:
        base = (args.database_url or POSTGRES_URL).split("?", 1)[0]
        schema = f"reads_{args.employees}_{args.seed}" + (f"_r{args.roster_rows}" if args.roster_rows else "")
        settings = Settings(database_url=f"{base}?schema={schema}")
    store = open_store(settings)
    try:
        tables = store.query(
            "SELECT name FROM sqlite_master WHERE name = ?"
            if args.store == "sqlite"
            else "SELECT table_name AS name FROM information_schema.tables WHERE table_name = ? AND table_schema = "
            "current_schema()",
            (READY,),
        )
    finally:
        store.close()
    yield settings, bool(tables)


@contextmanager
def fresh_store_unloaded(args: argparse.Namespace) -> Iterator[tuple[Settings, bool]]:
    with fresh_store(args.store, args.database_url) as settings:
        yield settings, False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(settings: Settings, workers: int, threads: int) -> Iterator[tuple[int, int]]:
    """gunicorn as `careerlog serve` runs it, serving bench_app; yields its port and process id."""
    port = free_port()
    env = {**os.environ, "CAREERLOG_DATABASE_URL": settings.database_url, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "gthread", "--threads", str(threads), "--timeout", "60", "bench.reads:bench_app()",
    ]  # fmt: skip
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"gunicorn exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                conn.request("GET", "/bare")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
            finally:
                conn.close()
        yield port, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children (gunicorn's workers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return float("nan")  # no /proc (not Linux): the figure is left out
    ticks = 0
    for each in [str(pid), *children]:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measured(port: int, pid: int, paths: list[str], token: str, clients: int, seconds: float) -> dict[str, Any]:
    """`load`, with the server's CPU milliseconds per request (steadier than latency on a shared machine)."""
    before = server_cpu(pid)
    found = load(port, paths, token, clients, seconds)
    found["server_cpu_ms"] = (server_cpu(pid) - before) / found["requests"] * 1e3
    return found


MIN_REQUESTS_PER_CLIENT = 2  # quantiles need two latencies, however short the run or slow the machine


def load(port: int, paths: list[str], token: str, clients: int, seconds: float) -> dict[str, Any]:
    """Clients request the paths (round robin) for `seconds`: latencies and errors."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {token}"}

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        i = offset
        while time.monotonic() < stop or len(mine) < MIN_REQUESTS_PER_CLIENT:
            path = paths[i % len(paths)]
            i += 1
            start = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                with lock:
                    errors.append(f"{path}: {response.status}")
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n * 7919,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, e.g. {errors[0]}")
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": cuts[49] * 1e3,
        "p99_ms": cuts[98] * 1e3,
    }


def endpoints(nips: list[str], employees: int, cursors: list[str]) -> dict[str, list[str]]:
    rng = random.Random(1)
    sample = rng.sample(nips, min(len(nips), 200))
    pages = max(1, employees // PAGE)
    found = {
        "bare": ["/bare"],
        "timeline": [f"/api/v1/employees/{nip}/timeline" for nip in sample],
        "eligibility": [f"/api/v1/employees/{nip}/eligibility" for nip in sample],
        "roster page": [f"/api/v1/employees?page={rng.randint(1, pages)}&per_page={PAGE}" for _ in range(50)],
    }
    if cursors:
        found["roster after"] = [f"/api/v1/employees?per_page={PAGE}&after={c}" for c in rng.choices(cursors, k=50)]
    return found


def roster_cursors(settings: Settings, count: int = 50) -> list[str]:
    """Cursors (`after`) pointing at random rows of the roster sorted by name, as its pages give
    them; none for a careerlog whose roster has no cursors."""
    if not (ROOT / "projections" / "roster_paging.py").exists():
        return []  # the careerlog of this checkout has none (a copy of an older one, measured beside this)
    from projections.roster_paging import RosterOrder

    order = RosterOrder("name", descending=False)
    rng = random.Random(2)
    store = open_store(settings)
    try:
        total = int(store.scalar("SELECT COUNT(*) AS n FROM roster"))
        rows = [
            store.query(f"SELECT name, subject FROM roster ORDER BY {order.sql()} LIMIT 1 OFFSET ?", (k,))[0]
            for k in sorted(rng.randrange(total) for _ in range(count))
        ]
    finally:
        store.close()
    return [order.next_cursor(row, "name") for row in rows]


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    p.add_argument("--seconds", type=float, default=10.0, help="seconds per endpoint (default 10)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2, as careerlog serve)")
    p.add_argument("--threads", type=int, default=4, help="threads per worker (default 4, as careerlog serve)")
    p.add_argument("--keep", action="store_true", help="keep the loaded store and reuse it in later runs")
    p.add_argument(
        "--roster-rows",
        type=int,
        default=0,
        help="fill the roster view up to this many rows with copies of the loaded employees' rows (roster pages "
        "at scale; the other views keep --employees)",
    )
    args = p.parse_args(argv)
    positive(args)
    if args.clients < 1 or args.seconds <= 0:
        raise SystemExit("--clients and --seconds: must be positive")
    with kept_store(args) if args.keep else fresh_store_unloaded(args) as (settings, loaded):
        if loaded:
            print(f"reusing the kept store {settings.database_url}")
        token, nips = prepare(settings, args, loaded=loaded)
        with server(settings, args.workers, args.threads) as (port, pid):
            load(port, ["/bare"], token, args.clients, min(args.seconds, 1.0))  # warm up the workers
            cursors = roster_cursors(settings)
            for _ in range(args.repeat):
                results = {
                    name: measured(port, pid, paths, token, args.clients, args.seconds)
                    for name, paths in endpoints(nips, args.employees, cursors).items()
                }
                bare = results["bare"]
                lines = [f"reads, {args.employees} employees, {args.store}, {args.clients} clients"]
                for name, r in results.items():
                    r["p50_vs_bare"] = r["p50_ms"] / bare["p50_ms"]
                    r["cpu_vs_bare"] = r["server_cpu_ms"] / bare["server_cpu_ms"]
                    lines.append(
                        f"{name:<12} {r['requests']:>7} requests {r['rps']:>8.0f} req/s  p50 {r['p50_ms']:7.2f} ms"
                        f"  p99 {r['p99_ms']:7.2f} ms  p50/bare {r['p50_vs_bare']:5.2f} (target <= 2)"
                        f"  server CPU {r['server_cpu_ms']:5.2f} ms/request ({r['cpu_vs_bare']:4.1f}x bare)"
                    )
                report("reads", args, {"clients": args.clients, "seconds": args.seconds, "results": results}, lines)


if __name__ == "__main__":
    main()
