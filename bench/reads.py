"""Reads: timeline, eligibility and roster-page requests through gunicorn against a bare endpoint in the same server.

Roster pages are read by number (`page`, random pages) and, where careerlog has them, after
a cursor (`after`, pointing at random rows, made before timing).

The demo export is imported and the views brought up to date (not timed). The server is
the production one (`careerlog serve`: gunicorn, gthread workers) serving careerlog's app
wrapped with two baselines the product itself does not have: /bare answers a constant JSON
body without touching the database, and /bare/<view>/<nip> (timeline, eligibility) reads
the same view rows as careerlog's answer with one plain SQL query on the driver's own
connection (one per thread) and answers them as JSON, with no authentication, scope check
or access log. Concurrent clients (threads, each with its own keep-alive connection) then
request each endpoint for a fixed time; p50, p99 and requests per second are printed beside
the bare endpoint's (the one the target names) and the bare read's, and the server's CPU
milliseconds per request (its processes' user + system time over the requests served),
steadier than latency on a shared machine.

--clone-employees N fills the store up to N employees with copies of the loaded ones (see
`clone_employees`) for reads at a size the demo cannot be imported at in the time.

--roster-spread spreads --roster-rows' copies over agencies and regions as a national roster would
hold them (`SPREAD_BUCKET`: one agency of 10% of the rows, a province of about 7%, 168 agencies of 0.5%),
and --scope agency:CODE / region:CODE (repeatable) reads roster pages as an inspector of that scope
reads them (the first page, pages by number, pages after a cursor), in each of --sorts.

    .venv/bin/python -m bench.reads --employees 10000 --store postgres --keep --roster-rows 1000000 \
        --roster-spread --scope agency:KEMENDAGRI --scope agency:KAB-KARO --scope region:12 --sorts name,rank \
        --roster-only --seconds 10

    .venv/bin/python -m bench.reads --employees 10000 --store postgres --clients 8 --seconds 10

With --keep the loaded store is kept and reused by later runs of the same size and seed
(a SQLite file in $CAREERLOG_BENCH_DATA, or the schema reads_<employees>_<seed> in the
PostgreSQL database; <prefix>_<employees>_<seed> with $CAREERLOG_BENCH_SCHEMA_PREFIX), so that
before and after can be measured on the same data without importing it again.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import math
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
import psycopg
import psycopg.rows
import psycopg.sql
from eventsourcing.utils import get_topic
from flask import Flask

from bench.common import POSTGRES_URL, demo_export, fresh_store, parser, positive, report
from careerlog.access import Scope, parse_scope
from careerlog.accounts import Account, open_accounts
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import NotFound
from careerlog.domain.events import CLASSES_OF_KIND
from careerlog.import_jobs import open_import_jobs
from careerlog.importing import import_file
from careerlog.sqlstore import SqlStore, open_store
from projections.framework import Table
from projections.merit.eligibility import ELIGIBILITY
from projections.registry import projector
from projections.roster import ROSTER
from projections.timeline import TIMELINE
from web.scoping import PLACING_KINDS

ROOT = Path(__file__).resolve().parent.parent


# The benchmark's one token makes thousands of requests a minute: its rate limit (web.api.ratelimit) is set
# high enough never to refuse one but still counted, a batch added to the store about once a second as a
# client near the default limit is (CAREERLOG_API_RATE_LIMIT in the environment wins).
BENCH_RATE_LIMIT = "10000000/minute"
BENCH_ACCOUNT = "bench"  # the account `prepare` makes, whose token every request carries


def bench_app() -> Flask:
    """careerlog's app (configured from the environment) plus the bare endpoints."""
    from flask import Response

    from web import create_app
    from web.config import WebSettings

    web = WebSettings.from_env({"CAREERLOG_API_RATE_LIMIT": BENCH_RATE_LIMIT, **os.environ})
    app = create_app(web=web)
    read = bare_reader(Settings.from_env())

    @app.get("/bare")
    def bare() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/bare/<view>/<nip>")
    def bare_read(view: str, nip: str) -> Response:
        return Response(orjson.dumps(read(view, nip)), mimetype="application/json")

    accounts = app.extensions["careerlog"].accounts
    readers: list[Account] = []  # the benchmark's account, read once (it is made before the server starts)

    @app.get("/bare/<view>/<nip>/logged")
    def bare_read_logged(view: str, nip: str) -> Response:
        body = orjson.dumps(read(view, nip))
        if not readers:
            readers.append(accounts.get(BENCH_ACCOUNT))
        accounts.record_reads(readers[0], view, [(nip, None, None)])  # its access-log entry, as careerlog writes it
        return Response(body, mimetype="application/json")

    return app


BARE_READS = {  # the statement careerlog reads each view with
    "timeline": "SELECT * FROM timeline WHERE subject = ? ORDER BY version",
    "eligibility": "SELECT * FROM eligibility WHERE subject = ? ORDER BY kind",
}


def bare_reader(settings: Settings) -> Callable[[str, str], list[dict[str, Any]]]:
    """One plain SQL query of a view's rows for an employee, on a driver connection kept per thread."""
    local = threading.local()

    def connect() -> Any:
        if settings.store == "sqlite":
            conn = sqlite3.connect(settings.sqlite_path, check_same_thread=False)
            conn.row_factory = lambda cursor, row: {c[0]: v for c, v in zip(cursor.description, row, strict=True)}
            return conn
        conn = settings.connect_postgres()
        conn.row_factory = psycopg.rows.dict_row
        conn.execute(f'SET search_path TO "{settings.postgres()["schema"]}"')
        return conn

    def read(view: str, nip: str) -> list[dict[str, Any]]:
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = connect()
        statement = BARE_READS[view]
        if settings.store == "postgres":
            statement = statement.replace("?", "%s")
        return list(conn.execute(statement, (nip,)).fetchall())

    return read


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
            open_import_jobs(settings, worker.views.sql)  # (the app's table too, made before the store is vacuumed)
            if not loaded:
                accounts.create(BENCH_ACCOUNT, display_name="Benchmark", role="admin", scope=Scope(national=True))
            token = accounts.issue_token(BENCH_ACCOUNT, days=1).token
            if not loaded and args.roster_rows:
                inflate_roster(worker.views.sql, args.roster_rows, spread=args.roster_spread)
            if not loaded and args.clone_employees:
                events = app.recorder.events_table_name  # type: ignore[attr-defined]
                clone_employees(worker.views.sql, events, args.clone_employees)
                pass_copied_events(worker.views.sql, worker.views.tracking_table, app.max_notification_id())
            nips = [
                r["subject"]  # the employees in the roster (clones included; not the copies of --roster-rows)
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
    if not loaded:
        vacuum(settings)
    return token, nips


def vacuum(settings: Settings) -> None:
    """PostgreSQL: VACUUM (ANALYZE) of every table of the loaded store's schema, as autovacuum leaves a store in
    production and as docs/operations.md asks after a bulk load (this server runs with autovacuum off). Index-only
    scans (a roster page by number finds its rows so) skip the table only on pages the visibility map marks
    all-visible, which only VACUUM sets. SQLite: nothing (no visibility map; careerlog never ANALYZEs it)."""
    if settings.store != "postgres":
        return
    schema = settings.postgres()["schema"] or "public"
    started = time.monotonic()
    with settings.connect_postgres() as conn:  # autocommit: VACUUM runs outside a transaction
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,))]
        for table in tables:
            conn.execute(
                psycopg.sql.SQL("VACUUM (ANALYZE) {}.{}").format(*map(psycopg.sql.Identifier, (schema, table)))
            )
    print(f"vacuumed {len(tables)} tables ({time.monotonic() - started:.0f} s)")


def inflate_roster(store: SqlStore, rows: int, *, spread: bool = False) -> None:
    """Copies of the roster's rows (NIP + COPY + n, no events behind them) until it holds `rows`, for
    roster pages at a size the demo cannot be loaded at in the time; the other views stay as loaded.
    `spread`: each copy's agency and region as `SPREAD_BUCKET` draws them, instead of the copied row's."""
    have = int(store.scalar("SELECT COUNT(*) AS n FROM roster"))
    if rows <= have:
        return
    copies = -(-rows // have) - 1
    columns = [c for c, _ in ROSTER.columns if c != "subject"]
    chosen = [f"c.{c}" for c in columns]
    source = "(SELECT r.*, n.i FROM roster r, n) c"
    if spread:
        agency, region = spread_columns()
        chosen = [agency if c == "agency" else region if c == "region" else f"c.{c}" for c in columns]
        source = f"(SELECT r.*, n.i, {SPREAD_BUCKET} AS b FROM roster r, n) c"
    with store.transaction() as sql:
        sql.execute(
            f"INSERT INTO roster (subject, {', '.join(columns)}) "
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            f"SELECT c.subject || '{COPY}' || c.i, {', '.join(chosen)} FROM {source} "
            f"ORDER BY c.i, c.subject LIMIT ?",
            (max(copies, 1), rows - have),
        )
    print(f"roster: {have} rows and {rows - have} copies" + (" spread over agencies and regions" if spread else ""))


# A copy's bucket (0-199), drawn from its number and the copied NIP's digits (birth date, TMT, sex and sequence) so
# that each bucket's rows lie all over the table, as an agency's do (rows are written in NIP order). Buckets
# 0-19 (10% of the copies) work in one central agency, 20-31 (6%) keep the copied row's agency and region (the
# demo's, all in province 12), the others (84%) in an agency of their own ("INST-<bucket>", 0.5% each) in one of the
# other provinces. With the loaded rows (1% of a million): KEMENDAGRI 10%, province 12 about 7%, KAB-KARO 0.5%.
SPREAD_BUCKET = (
    "(n.i * 7919 + CAST(substr(r.subject, 1, 8) AS INTEGER) + CAST(substr(r.subject, 9, 6) AS INTEGER) * 31 "
    "+ CAST(substr(r.subject, 15, 4) AS INTEGER) * 101) % 200"
)
SPREAD_CENTRAL = ("KEMENDAGRI", "31")  # the central agency of buckets 0 to SPREAD_CENTRAL_BUCKETS - 1, and its region
SPREAD_CENTRAL_BUCKETS = 20
SPREAD_KEPT_BUCKETS = 32  # buckets from SPREAD_CENTRAL_BUCKETS to this one (excluded) keep the copied row's


def spread_columns() -> tuple[str, str]:
    """The agency and region of a spread copy (`SPREAD_BUCKET`), as SQL over the copy's bucket `c.b`."""
    from careerlog.reference import reference

    agency, region = SPREAD_CENTRAL
    central, kept = SPREAD_CENTRAL_BUCKETS, SPREAD_KEPT_BUCKETS
    provinces = [c for c in reference().regions.codes if "." not in c and c not in ("12", region)]
    other = " ".join(f"WHEN {k} THEN '{code}'" for k, code in enumerate(provinces))
    return (
        f"CASE WHEN c.b < {central} THEN '{agency}' WHEN c.b < {kept} THEN c.agency "
        f"ELSE 'INST-' || CAST(c.b AS TEXT) END",
        f"CASE WHEN c.b < {central} THEN '{region}' WHEN c.b < {kept} THEN c.region "
        f"ELSE CASE c.b % {len(provinces)} {other} END END",
    )


MAX_COPIES = 474  # copy i's code, 4i + 3 at most, stays below 1900: a copy's NIP starts below 19


def cloned_nip(i: int, column: str = "subject") -> str:
    """SQL for NIP copy i (1, 2, ...) of a NIP column. A NIP's year of birth (its digits 1-4) and of
    appointment (digits 9-12) start 19 or 20; the copy's 4-digit code 4i + c, where c says which
    (c = 2 if born in the 2000s, + 1 if appointed in them), takes those two pairs of digits. A copy
    thus starts 00 to 18 where a loaded NIP starts 19 or 20, and no two NIPs map to the same copy."""
    born, appointed = (
        f"CASE WHEN substr({column}, {at}, 2) = '20' THEN {bit} ELSE 0 END" for at, bit in ((1, 2), (9, 1))
    )
    c = f"({born} + {appointed})"
    code = f"CAST(10000 + {4 * i} + {c} AS TEXT)"
    return f"substr({code}, 2, 2) || substr({column}, 3, 6) || substr({code}, 4, 2) || substr({column}, 11)"


LOADED_NIPS = "{0} >= '19' AND {0} < '21' AND length({0}) = 18"  # the loaded employees' NIPs, not their copies
# The events the scope check reads (web.scoping.locate): the only ones copied (an appointment afresh too).
PLACING_TOPICS = tuple(get_topic(cls) for kind in PLACING_KINDS for cls in CLASSES_OF_KIND[kind])


def clone_employees(store: SqlStore, events_table: str, employees: int) -> None:
    """Copies of every loaded employee under new NIPs until the store holds about `employees`: their
    rows of the views the reads answer from (roster, timeline, eligibility) and, in the events table,
    the events the scope check reads (appointments, placements, corrections, retractions: not the
    others, which no read here touches). A copy's NIP has 18 digits (`cloned_nip`), so a copy is read
    through the API exactly as the employee it copies. The copied events are not to be projected:
    see `pass_copied_events`."""
    loaded = int(store.scalar("SELECT COUNT(*) AS n FROM roster"))
    copies = max(0, round(employees / loaded) - 1)
    if copies > MAX_COPIES:
        raise SystemExit(f"--clone-employees: at most {(MAX_COPIES + 1) * loaded} from {loaded} employees")
    started = time.monotonic()
    marks = ", ".join("?" * len(PLACING_TOPICS))
    for i in range(1, copies + 1):
        with store.transaction() as sql:
            for table in (ROSTER, TIMELINE, ELIGIBILITY):
                sql.execute(clone_statement(table, i))
            sql.execute(
                f"INSERT INTO {events_table} (originator_id, originator_version, topic, state) "
                f"SELECT {cloned_nip(i, 'originator_id')}, originator_version, topic, state FROM {events_table} "
                f"WHERE {LOADED_NIPS.format('originator_id')} AND topic IN ({marks})",
                PLACING_TOPICS,
            )
        if i % 10 == 0 or i == copies:
            print(f"cloned {i} of {copies} copies of {loaded} employees ({time.monotonic() - started:.0f} s)")
    if store.dialect == "postgres":
        store.execute_script(["ANALYZE"])


def pass_copied_events(store: SqlStore, tracking_table: str, last: int) -> None:
    """Record every view as up to date with the last (copied) event, so that no follower projects the
    copies' events (of a few kinds only: their views would lose every other row)."""
    with store.transaction() as sql:
        sql.execute(f"UPDATE {tracking_table} SET notification_id = ?", (last,))


def clone_statement(table: Table, i: int) -> str:
    """INSERT ... SELECT of a view's rows of the loaded employees under their NIPs' copy i."""
    columns = [c for c, _ in table.columns]
    chosen = [cloned_nip(i) if c == "subject" else c for c in columns]
    return (
        f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT {', '.join(chosen)} FROM {table.name} "
        f"WHERE {LOADED_NIPS.format('subject')}"
    )


@contextmanager
def kept_store(args: argparse.Namespace) -> Iterator[tuple[Settings, bool]]:
    """Settings for the kept store of this size and seed, and whether it is loaded already."""
    if args.store == "sqlite":
        rows = f"-r{args.roster_rows}" if args.roster_rows else ""
        rows += "s" if getattr(args, "roster_spread", False) else ""
        rows += f"-c{args.clone_employees}" if getattr(args, "clone_employees", 0) else ""
        path = demo_export(args.employees, args.seed).parent / f"reads-{args.employees}-{args.seed}{rows}.db"
        settings = Settings(database_url=f"sqlite:///{path}")
    else:
        base = (args.database_url or POSTGRES_URL).split("?", 1)[0]
        prefix = os.environ.get("CAREERLOG_BENCH_SCHEMA_PREFIX") or "reads"  # the kept schemas' names
        schema = f"{prefix}_{args.employees}_{args.seed}" + (f"_r{args.roster_rows}" if args.roster_rows else "")
        schema += "s" if getattr(args, "roster_spread", False) else ""
        schema += f"_c{args.clone_employees}" if getattr(args, "clone_employees", 0) else ""
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


SAMPLE = 1000  # employees whose timeline and eligibility are read, at random


def last_page(rows: int) -> int:
    """The last roster page by number the server answers: of the rows, within its window of pages by number
    (CAREERLOG_MAX_PAGE_OFFSET, as the served app reads it); a million rows read on past it by cursor."""
    from web.config import WebSettings

    return max(1, min(rows, WebSettings.from_env().max_page_offset) // PAGE)


def endpoints(nips: list[str], rows: int, cursors: list[str]) -> dict[str, list[str]]:
    """The paths each endpoint is read at: random employees (of `nips`), random roster pages by number (of
    `rows`, the roster's: with --roster-rows more than the employees) and after random cursors."""
    rng = random.Random(1)
    sample = rng.sample(nips, min(len(nips), SAMPLE))
    pages = last_page(rows)
    found = {
        "bare": ["/bare"],
        "bare timeline": [f"/bare/timeline/{nip}" for nip in sample],
        "bare timeline + log": [f"/bare/timeline/{nip}/logged" for nip in sample],
        "timeline": [f"/api/v1/employees/{nip}/timeline" for nip in sample],
        "bare eligibility": [f"/bare/eligibility/{nip}" for nip in sample],
        "bare eligibility + log": [f"/bare/eligibility/{nip}/logged" for nip in sample],
        "eligibility": [f"/api/v1/employees/{nip}/eligibility" for nip in sample],
        "roster page": [f"/api/v1/employees?page={rng.randint(1, pages)}&per_page={PAGE}" for _ in range(50)],
    }
    if cursors:
        found["roster after"] = [f"/api/v1/employees?per_page={PAGE}&after={c}" for c in rng.choices(cursors, k=50)]
    return found


def roster_size(settings: Settings) -> int:
    """The roster's rows (with --roster-rows, its copies too)."""
    store = open_store(settings)
    try:
        return int(store.scalar("SELECT COUNT(*) AS n FROM roster"))
    finally:
        store.close()


def roster_cursors(
    settings: Settings, count: int = 50, *, sort: str = "name", where: str = "", params: tuple[Any, ...] = ()
) -> list[str]:
    """Cursors (`after`) pointing at random rows of the roster (those matching `where`) in a sort (`-` first:
    descending), as its pages give them; none for a careerlog whose roster has no cursors."""
    if not (ROOT / "projections" / "roster_paging.py").exists():
        return []  # the careerlog of this checkout has none (a copy of an older one, measured beside this)
    from projections.queries import ROSTER_SORTS
    from projections.roster_paging import RosterOrder

    name = sort.lstrip("-")
    order = RosterOrder(ROSTER_SORTS[name], descending=sort.startswith("-"))
    rng = random.Random(2)
    store = open_store(settings)
    try:
        total = int(store.scalar(f"SELECT COUNT(*) AS n FROM roster{where}", params))
        offsets = sorted(rng.randrange(total) for _ in range(count)) if total else []
        # The rows at those offsets in one ordered pass (an OFFSET each took seconds at a million rows).
        found = (
            {
                int(r["k"]): r
                for r in store.query(
                    f"SELECT value, nip, k FROM (SELECT {order.column} AS value, subject AS nip, "
                    f"ROW_NUMBER() OVER (ORDER BY {order.sql()}) - 1 AS k FROM roster{where}) numbered "
                    f"WHERE k IN ({', '.join('?' * len(offsets))})",
                    (*params, *offsets),
                )
            }
            if offsets
            else {}
        )
    finally:
        store.close()
    return [order.next_cursor({order.column: found[k]["value"], "subject": found[k]["nip"]}, name) for k in offsets]


def scope_of(spec: str) -> Scope:
    """The scope `agency:CODE` or `region:CODE` names (`--scope`)."""
    kind, _, code = spec.partition(":")
    if kind not in ("agency", "region") or not code:
        raise SystemExit(f"--scope {spec}: give agency:CODE or region:CODE")
    return parse_scope(national=False, agencies=[code] if kind == "agency" else [], regions=[code] * (kind == "region"))


def scoped_token(settings: Settings, spec: str) -> str:
    """A token of an inspector whose scope is `spec` (the account made the first time it is asked for)."""
    scope = scope_of(spec)
    username = "bench-" + spec.replace(":", "-").lower()
    store = open_store(settings)
    try:
        accounts = open_accounts(settings, store)
        try:
            accounts.get(username)
        except NotFound:
            accounts.create(username, display_name=f"Benchmark {spec}", role="inspector", scope=scope)
        return accounts.issue_token(username, days=1).token
    finally:
        store.close()


def scoped_endpoints(settings: Settings, specs: list[str], sorts: list[str]) -> dict[str, tuple[list[str], str]]:
    """Roster pages read by an inspector of each scope in each sort: the first page, random pages by number past it
    (within the scope's rows and the window) and pages after random cursors (within the scope); each endpoint with
    the token it is read with."""
    from projections.queries import Queries

    rng = random.Random(3)
    found: dict[str, tuple[list[str], str]] = {}
    for spec in specs:
        token = scoped_token(settings, spec)
        store = open_store(settings)
        try:
            where, params = Queries(store)._roster_where(scope_of(spec).filters(), None, None, None)
            rows = int(store.scalar(f"SELECT COUNT(*) AS n FROM roster{where}", params))
        finally:
            store.close()
        pages = last_page(rows)
        for sort in sorts:
            query = f"/api/v1/employees?per_page={PAGE}&sort={sort}"
            found[f"first {spec} {sort}"] = ([query], token)
            numbers = [rng.randint(2, pages) if pages > 1 else 1 for _ in range(50)]
            found[f"page {spec} {sort}"] = ([f"{query}&page={n}" for n in numbers], token)
            cursors = roster_cursors(settings, sort=sort, where=where, params=tuple(params))
            if cursors:
                found[f"after {spec} {sort}"] = ([f"{query}&after={c}" for c in cursors], token)
    return found


def compare(results: dict[str, dict[str, Any]]) -> None:
    """Each endpoint's p50 latency and server CPU per request against the bare endpoint's, and its p50 against its
    bare read's where there is one. No CPU ratio (NaN) when the bare endpoint's server CPU is below the clock's tick
    (/proc counts CPU in hundredths of a second: a run of a few requests may measure none)."""
    bare = results["bare"]
    for name, r in results.items():
        r["p50_vs_bare"] = r["p50_ms"] / bare["p50_ms"]
        r["cpu_vs_bare"] = r["server_cpu_ms"] / bare["server_cpu_ms"] if bare["server_cpu_ms"] else math.nan
        read_bare = results.get(f"bare {name}")
        if read_bare is not None:
            r["p50_vs_bare_read"] = r["p50_ms"] / read_bare["p50_ms"]
        logged = results.get(f"bare {name} + log")
        if logged is not None:
            r["p50_vs_bare_logged"] = r["p50_ms"] / logged["p50_ms"]


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line's options, checked (`main`'s; a test loads the kept store with them, without a server)."""
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
    p.add_argument(
        "--clone-employees",
        type=int,
        default=0,
        help="fill the store up to about this many employees with copies of the loaded ones under new NIPs (their "
        "roster, timeline and eligibility rows and the events the scope check reads); needs --keep",
    )
    p.add_argument(
        "--roster-spread",
        action="store_true",
        help="with --roster-rows: spread the copies over agencies and regions as a national roster (SPREAD_BUCKET)",
    )
    p.add_argument(
        "--scope",
        action="append",
        default=[],
        metavar="agency:CODE|region:CODE",
        help="also read roster pages as an inspector of this scope (first, by number, after a cursor; repeatable)",
    )
    p.add_argument("--sorts", default="name", help="the scoped roster pages' sorts, comma-separated (default name)")
    p.add_argument("--roster-only", action="store_true", help="leave out the timeline and eligibility reads")
    args = p.parse_args(argv)
    positive(args)
    if args.clients < 1 or args.seconds <= 0:
        raise SystemExit("--clients and --seconds: must be positive")
    if args.roster_spread and not args.roster_rows:
        raise SystemExit("--roster-spread: needs --roster-rows")
    return args


def main(argv: list[str] | None = None) -> None:
    args = arguments(argv)
    sorts = [s for s in args.sorts.split(",") if s]
    with kept_store(args) if args.keep else fresh_store_unloaded(args) as (settings, loaded):
        if loaded:
            print(f"reusing the kept store {settings.database_url}")
        token, nips = prepare(settings, args, loaded=loaded)
        with server(settings, args.workers, args.threads) as (port, pid):
            load(port, ["/bare"], token, args.clients, min(args.seconds, 1.0))  # warm up the workers
            cursors = roster_cursors(settings)
            rows = roster_size(settings)
            read = {name: (paths, token) for name, paths in endpoints(nips, rows, cursors).items()}
            if args.roster_only:
                read = {name: found for name, found in read.items() if name == "bare" or name.startswith("roster")}
            read |= scoped_endpoints(settings, args.scope, sorts)
            for _ in range(args.repeat):
                results = {
                    name: measured(port, pid, paths, reader, args.clients, args.seconds)
                    for name, (paths, reader) in read.items()
                }
                compare(results)
                size = f"{len(nips)} employees" + (f" ({args.employees} loaded)" if len(nips) != args.employees else "")
                size += f", roster {rows} rows" if rows != len(nips) else ""
                lines = [f"reads, {size}, {args.store}, {args.clients} clients, load {os.getloadavg()[0]:.1f}"]
                width = max(16, *(len(name) for name in results))
                for name, r in results.items():
                    read_bare = results.get(f"bare {name}")
                    against = f"  p50/bare read {r['p50_vs_bare_read']:5.2f}" if read_bare is not None else ""
                    if "p50_vs_bare_logged" in r:
                        against += f"  p50/bare read + log {r['p50_vs_bare_logged']:5.2f}"
                    lines.append(
                        f"{name:<{width}} {r['requests']:>7} requests {r['rps']:>8.0f} req/s  p50 {r['p50_ms']:7.2f} ms"
                        f"  p99 {r['p99_ms']:7.2f} ms  p50/bare {r['p50_vs_bare']:5.2f} (target <= 2)"
                        f"  server CPU {r['server_cpu_ms']:5.2f} ms/request ({r['cpu_vs_bare']:4.1f}x bare){against}"
                    )
                report("reads", args, {"clients": args.clients, "seconds": args.seconds, "results": results}, lines)


if __name__ == "__main__":
    main()
