"""Ingest: `careerlog import --migration` of a demo export against a bare bulk insert of the same rows.

careerlog imports the export into an empty store (every row parsed, checked against the
employee's record and saved in batches). The baseline then writes the very rows careerlog
stored (same subject, version, topic and state bytes) into an empty table made from the
store's own events table (its columns, keys and indexes: `bare_table_statements`), with
executemany on SQLite or COPY on PostgreSQL (in the binary format careerlog's COPY uses),
in one transaction.

    .venv/bin/python -m bench.ingest --employees 10000 --store postgres
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
from typing import Any

from bench.common import (
    COLUMNS,
    Timer,
    commit,
    cpu_fields,
    cpu_line,
    demo_export,
    events_table,
    fresh_store,
    load_line,
    parser,
    positive,
    rate_line,
    report,
    stored_rows,
)
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.importing import import_file, writes_ahead
from careerlog.persistence import PG_COPY_TYPES


def careerlog_import(settings: Settings, args: argparse.Namespace) -> tuple[int, Timer, list[float], bool]:
    path = demo_export(args.employees, args.seed)
    app = CareerLog.from_settings(settings)
    ahead = writes_ahead()  # as each importing process decides it
    timer = Timer()
    children = children_cpu()
    try:
        with timer.running():
            result = import_file(app, path, actor="bench", migration=True, workers=args.workers)
        timer.cpu += children_cpu() - children  # the workers' CPU (they have ended)
        if not result.ok:
            raise SystemExit(f"the demo export did not import cleanly: {result.summary()}")
        events = app.max_notification_id()
    finally:
        app.close()
    return events, timer, result.workers_cpu, ahead


def children_cpu() -> float:
    """User and system CPU seconds of this process's children that have ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_insert(settings: Settings, rows: list[tuple[str, int, str, bytes]]) -> Timer:
    """The time to write the rows into an empty table made as the store's events table is."""
    if settings.store == "sqlite":
        return _bare_executemany(settings, rows)
    return _bare_copy(settings, rows)


def bare_table_statements(settings: Settings) -> list[str]:
    """Statements making `bare_events` as the store's events table is made: the same columns, primary key
    and indexes (PostgreSQL: the unique index on notification_id too, with a sequence of its own), so that
    the baseline writes every row and index entry careerlog's insert writes, and no more."""
    table = events_table(settings)
    if settings.store == "sqlite":  # (the primary key's index comes with the table; careerlog's own, after it)
        lite = sqlite3.connect(settings.sqlite_path)
        try:
            (sql,) = lite.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).fetchone()
            indexes = lite.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
                (table,),
            ).fetchall()
        finally:
            lite.close()
        return [sql.replace(table, "bare_events", 1), *(index.replace(table, "bare_events") for (index,) in indexes)]
    return [
        f"CREATE TABLE bare_events (LIKE {table} INCLUDING ALL)",
        "CREATE SEQUENCE bare_events_notification_id_seq OWNED BY bare_events.notification_id",
        "ALTER TABLE bare_events ALTER notification_id SET DEFAULT nextval('bare_events_notification_id_seq')",
    ]


def _bare_executemany(settings: Settings, rows: list[tuple[str, int, str, bytes]]) -> Timer:
    timer = Timer()
    statements = bare_table_statements(settings)
    conn = sqlite3.connect(settings.sqlite_path.replace("bench.db", "bare.db"), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        for statement in statements:
            conn.execute(statement)
        with timer.running():
            conn.execute("BEGIN")
            conn.executemany(f"INSERT INTO bare_events ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?)", rows)
            conn.execute("COMMIT")
    finally:
        conn.close()
    return timer


def _bare_copy(settings: Settings, rows: list[tuple[str, int, str, bytes]]) -> Timer:
    timer = Timer()
    schema = settings.postgres()["schema"]
    with settings.connect_postgres() as pg:
        pg.execute(f'SET search_path TO "{schema}"')
        for statement in bare_table_statements(settings):
            pg.execute(statement)
        copy_sql = f"COPY bare_events ({', '.join(COLUMNS)}) FROM STDIN (FORMAT BINARY)"
        with timer.running(), pg.transaction(), pg.cursor() as cur, cur.copy(copy_sql) as copy:
            copy.set_types(PG_COPY_TYPES)
            for row in rows:
                copy.write_row(row)
    return timer


def measure(args: argparse.Namespace) -> dict[str, Any]:
    with fresh_store(args.store, args.database_url) as settings:
        load_before = os.getloadavg()[0]
        events, timer, workers_cpu, ahead = careerlog_import(settings, args)
        rows = stored_rows(settings)
        bare = bare_insert(settings, rows)
        load_after = os.getloadavg()[0]
    return {
        "events": events,
        "workers": args.workers,
        "workers_cpu_seconds": workers_cpu,
        "write_ahead": ahead,
        "careerlog_seconds": timer.seconds,
        "careerlog_rate": events / timer.seconds,
        "bare_seconds": bare.seconds,
        "bare_rate": len(rows) / bare.seconds,
        "ratio": (events / timer.seconds) / (len(rows) / bare.seconds),
        "careerlog_cpu_us_per_event": 1e6 * timer.cpu / events,  # workers' included: all of careerlog's own work
        **cpu_fields(args.store, timer, bare),
        "load": [round(load_before, 2), round(load_after, 2)],
        "commit": commit(),
    }


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--workers", type=int, default=1, help="careerlog import processes (default 1)")
    args = p.parse_args(argv)
    positive(args)
    if args.workers < 1:
        raise SystemExit("--workers: must be at least 1")
    demo_export(args.employees, args.seed)  # generated outside the measurement
    for _ in range(args.repeat):
        r = measure(args)
        bare = "COPY" if args.store == "postgres" else "executemany"
        report(
            "ingest",
            args,
            r,
            [
                f"ingest, {args.employees} employees, {args.store}",
                rate_line(
                    importer_label(args.workers, r["write_ahead"]),
                    r["events"],
                    r["careerlog_seconds"],
                ),
                rate_line(f"bare {bare}", r["events"], r["bare_seconds"]),
                f"ratio careerlog/bare = {r['ratio']:.3f} (target >= 0.5)",
                cpu_line(r),
                f"careerlog CPU per event: {r['careerlog_cpu_us_per_event']:.1f} us",
                *workers_line(r),
                load_line(r),
            ],
        )


def importer_label(workers: int, ahead: bool) -> str:
    label = f"careerlog import --workers {workers}" if workers > 1 else "careerlog import --migration"
    return label + (" (writing ahead)" if ahead else "")


def workers_line(r: dict[str, Any]) -> list[str]:
    """Each worker's CPU and the importing process's: what the import needs of each core when cores are free."""
    workers = r["workers_cpu_seconds"]
    if not workers:
        return []
    parent = r["careerlog_cpu_seconds"] - sum(workers)
    each = ", ".join(f"{cpu:.2f}" for cpu in workers)
    return [f"CPU of each worker: {each} s; of the importing process: {parent:.2f} s"]


if __name__ == "__main__":
    main()
