"""Rebuild: `careerlog projections rebuild` of every view against a bare scan, decode and insert.

The demo export is imported first (not timed). careerlog then rebuilds every registered
view from zero (projections.framework.Projector.rebuild). The baseline does the least the
same result needs: one scan of the events table in subject order, decoding each event
with careerlog's own mapper, and plain inserts of the view rows the rebuild produced into
empty tables of the same shape, in one transaction. On SQLite each timed part starts with the
store's write-ahead log checkpointed (`settle`), so neither pays for pages the other left in it.

    .venv/bin/python -m bench.rebuild --employees 10000 --store postgres [--jobs 2]

With `--jobs N` careerlog rebuilds in N processes (`careerlog projections rebuild --jobs N`);
its CPU time then includes its worker processes'. The baseline stays one process. The load
average before and after the two timed parts and the commit measured are printed and saved
with the figures (the wall ratio is only worth comparing on a quiet machine).
"""

from __future__ import annotations

import argparse
import os
import resource
from dataclasses import replace
from typing import Any

from eventsourcing.persistence import StoredEvent

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
    settle,
)
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput
from careerlog.importing import import_file
from careerlog.sqlstore import open_store
from projections.framework import Table
from projections.registry import projector, select


def load(settings: Settings, args: argparse.Namespace) -> int:
    app = CareerLog.from_settings(settings)
    try:
        result = import_file(app, demo_export(args.employees, args.seed), actor="bench", migration=True)
        if not result.ok:
            raise SystemExit(f"the demo export did not import cleanly: {result.summary()}")
        return app.max_notification_id()
    finally:
        app.close()


def careerlog_rebuild(settings: Settings, views: list[str] | None, jobs: int) -> Timer:
    """The rebuild's wall time and CPU time, the CPU of its worker processes (`jobs` > 1) included."""
    worker = projector(settings, views)
    timer = Timer()
    children = _children_cpu()
    try:
        with timer.running():
            worker.rebuild(jobs=jobs)
    finally:
        worker.close()
    timer.cpu += _children_cpu() - children
    return timer


def _children_cpu() -> float:
    """User + system CPU seconds of this process's ended (and waited for) child processes."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def view_tables(views: list[str] | None) -> list[Table]:
    return [table for projection in select(views) for table in projection.tables]


def bare_rebuild(settings: Settings, views: list[str] | None) -> tuple[Timer, int, int]:
    """The time of a bare scan + decode of the events and inserts of the view rows; events, rows."""
    tables = view_tables(views)
    store = open_store(settings)
    app = CareerLog.from_settings(settings)
    try:
        view_rows = {t.name: store.query(f"SELECT * FROM {t.name}") for t in tables}
        copies = [replace(t, name=f"bare_{t.name}", indexes=()) for t in tables]
        store.execute_script([s for t in copies for s in t.ddl()])
        settle(settings)
        timer = Timer()
        with timer.running():
            events = 0
            with store.transaction(commit=False) as sql:
                sql.execute(
                    f"SELECT {', '.join(COLUMNS)} FROM {events_table(settings)} "
                    "ORDER BY originator_id, originator_version"
                )
                for row in sql.cursor.fetchall():
                    stored = StoredEvent(row["originator_id"], row["originator_version"], row["topic"], row["state"])
                    app.mapper.to_domain_event(stored)
                    events += 1
            with store.transaction() as sql:
                for original, copy in zip(tables, copies, strict=True):
                    names = copy.column_names
                    sql.executemany(copy.insert_statement(), ([r[n] for n in names] for r in view_rows[original.name]))
    finally:
        app.close()
        store.close()
    return timer, events, sum(len(rows) for rows in view_rows.values())


def measure(args: argparse.Namespace) -> dict[str, Any]:
    with fresh_store(args.store, args.database_url) as settings:
        events = load(settings, args)
        load_before = os.getloadavg()[0]
        settle(settings)
        timer = careerlog_rebuild(settings, args.views, args.jobs)
        bare, scanned, view_rows = bare_rebuild(settings, args.views)
        load_after = os.getloadavg()[0]
    if scanned != events:
        raise SystemExit(f"the bare scan read {scanned} events, the store holds {events}")
    return {
        "events": events,
        "view_rows": view_rows,
        "views": [p.name for p in select(args.views)],
        "jobs": args.jobs,
        "careerlog_seconds": timer.seconds,
        "careerlog_rate": events / timer.seconds,
        "bare_seconds": bare.seconds,
        "bare_rate": events / bare.seconds,
        "ratio": bare.seconds / timer.seconds,
        **cpu_fields(args.store, timer, bare),
        "load": [round(load_before, 2), round(load_after, 2)],
        "commit": commit(),
    }


def views_option(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    try:
        select(names)
    except InvalidInput as e:
        raise argparse.ArgumentTypeError(" ".join(e.errors.get("views", [str(e)]))) from None
    return names


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--views", type=views_option, help="rebuild only these views, comma-separated (default: all)")
    p.add_argument(
        "--jobs", type=int, default=1, help="processes of careerlog's rebuild (default 1; the bare baseline uses one)"
    )
    args = p.parse_args(argv)
    positive(args)
    if args.jobs < 1:
        raise SystemExit("--jobs: must be at least 1")
    demo_export(args.employees, args.seed)
    for _ in range(args.repeat):
        r = measure(args)
        report(
            "rebuild",
            args,
            r,
            [
                f"rebuild of {', '.join(r['views'])}; {args.employees} employees, {args.store}, "
                f"{r['view_rows']} view rows, {args.jobs} job(s)",
                rate_line("careerlog projections rebuild", r["events"], r["careerlog_seconds"]),
                rate_line("bare scan + decode + inserts", r["events"], r["bare_seconds"]),
                f"ratio careerlog/bare = {r['ratio']:.3f} (target >= 0.5)",
                cpu_line(r),
                load_line(r),
            ],
        )


if __name__ == "__main__":
    main()
