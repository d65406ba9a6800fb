"""Scaling: the cost per event of ingest, projection and reads in PostgreSQL stores of growing size.

For each size (employees) a store is built by bench.bigstore (clones of a real demo store,
views included) and, in that store, the same fixed work is measured side by side with a
bare-database baseline:

* ingest: `careerlog import --migration` of a fixed fresh export (whole mentoring groups
  of the base demo export, NIPs moved to numbers no copy uses, units left out) into the
  store of N employees, against a bare COPY of the very rows careerlog stored (subjects
  renamed) into the same big events table, with its indexes (rolled back, not timed);
* projection: `careerlog projections run` catching every view up on those new events
  (Projector.catch_up), against a bare scan of the same slice of the log in subject
  order, each event decoded with careerlog's mapper, plus plain inserts of the view rows
  careerlog produced (subjects renamed) into the same big view tables, rolled back;
* reads: timeline requests for random employees of the whole store (of the base when the
  store's copies hold events only, --events-only-from: then the views hold the base's
  employees only, and the projection writes into views of that size), the WSGI app called
  in-process (as bench.reads_inprocess), against a bare SELECT of the same timeline rows
  with orjson encoding.

It prints microseconds per event (per request for reads), the ratio careerlog/bare (bare
time over careerlog time, as the other benchmarks) and each size's cost relative to the
first size. The fresh export is taken out again after each measurement (its events, view
rows and the views' positions), and each store is dropped afterwards unless its size is in
--keep (schemas `<prefix>_<employees>_<seed>`; the cloned base `<prefix>_base_<base>_<seed>`
is kept).

    .venv/bin/python -m bench.scaling --sizes 10000,100000,1000000 --keep 1000000

`--mode import` runs the older driver instead: bench.ingest and bench.rebuild of the demo
export at each size and store (SQLite too), from an empty store.
"""

from __future__ import annotations

import argparse
import os
import random
from pathlib import Path
from typing import Any

import orjson
import psycopg
from eventsourcing.persistence import StoredEvent
from psycopg import sql as pgsql

from bench import bigstore, ingest, rebuild
from bench.common import COLUMNS, POSTGRES_URL, Timer, demo_export, report
from careerlog.access import Scope
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import NotFound
from careerlog.importing import import_file
from careerlog.sqlstore import open_store
from projections.framework import Projector
from projections.registry import projector, select


def fresh_export(base: int, seed: int, employees: int) -> Path:
    """About `employees` new employees taken from the base demo export, written once beside it.

    Whole mentoring groups are taken (mentor and mentees together, in the export's order)
    so that every NIP a row names is in the file; each base NIP becomes its fresh_nip, a
    number no bigstore copy uses. Units' rows are left out (the store has them).
    """
    source = demo_export(base, seed)
    path = source.with_name(f"fresh-{employees}-of-{base}-{seed}.jsonl")
    if path.exists():
        return path
    lines = source.read_bytes().splitlines()
    parent: dict[str, str] = {}

    def root(nip: str) -> str:
        while parent.setdefault(nip, nip) != nip:
            nip = parent[nip]
        return nip

    order: list[str] = []
    for line in lines:
        row = orjson.loads(line)
        nip = row.get("nip")
        if nip is None:
            continue
        if nip not in parent:
            order.append(nip)
        for key, value in row.items():
            if key.endswith("_nip") and value:
                parent[root(value)] = root(nip)
    groups: dict[str, list[str]] = {}
    for nip in order:
        groups.setdefault(root(nip), []).append(nip)
    chosen: set[str] = set()
    for nip in order:
        if len(chosen) >= employees:
            break
        if nip not in chosen:
            chosen.update(groups[root(nip)])
    partial = path.with_suffix(".part")
    with partial.open("w", encoding="utf-8") as out:
        for line in lines:
            text = line.decode()
            if orjson.loads(line).get("nip") in chosen:
                out.write(bigstore.BASE_NIP_RE.sub(lambda m: bigstore.fresh_nip(m[0]), text) + "\n")
    partial.rename(path)
    return path


def bare_subject(subject: str) -> str:
    """A subject for the baseline's rows that no employee, clone or fresh one, has."""
    if len(subject) == 18 and subject.isdigit():
        return f"{subject[:15]}9{subject[16:]}"  # fresh NIPs' digit 16 is 0: 9 is never used
    return f"bare:{subject}"


def head(settings: Settings) -> int:
    app = CareerLog.from_settings(settings)
    try:
        return app.max_notification_id()
    finally:
        app.close()


def check_views(settings: Settings) -> None:
    """Refuse a store whose views were built by another version of a projection (they would be rebuilt)."""
    store = open_store(settings)
    try:
        stored = {r["name"]: r["version"] for r in store.query("SELECT name, version FROM view_schemas")}
    finally:
        store.close()
    stale = [p.name for p in select() if stored.get(p.name) != p.version]
    if stale:
        raise SystemExit(
            f"{settings.postgres()['schema']}: views {', '.join(stale)} are of another version than the code's; "
            "drop this store and the base (bench.bigstore drop) to build them again"
        )


def measure_ingest(settings: Settings, export: Path) -> tuple[dict[str, Any], int]:
    start = head(settings)
    app = CareerLog.from_settings(settings)
    timer = Timer()
    try:
        with timer.running():
            result = import_file(app, export, actor="bench", migration=True)
    finally:
        app.close()
    if not result.ok or result.recorded == 0 or result.already_recorded:
        raise SystemExit(f"the fresh export did not import cleanly into a new part of the store: {result.summary()}")
    store = open_store(settings)
    try:
        rows = store.query(
            f"SELECT {', '.join(COLUMNS)} FROM {bigstore.EVENTS} WHERE notification_id > ? ORDER BY notification_id",
            (start,),
        )
    finally:
        store.close()
    bare = Timer()
    schema = settings.postgres()["schema"]
    copy_sql = pgsql.SQL("COPY {}.{} ({}) FROM STDIN").format(
        pgsql.Identifier(schema),
        pgsql.Identifier(bigstore.EVENTS),
        pgsql.SQL(", ").join(map(pgsql.Identifier, COLUMNS)),
    )
    bare_rows = [(bare_subject(r["originator_id"]), *[r[c] for c in COLUMNS[1:]]) for r in rows]
    # rolled back: the store keeps careerlog's rows only
    with settings.connect_postgres() as pg, bare.running(), pg.transaction(force_rollback=True):
        copy_rows(pg, copy_sql, bare_rows)
    return sides("ingest", len(rows), timer, bare), start


def copy_rows(pg: psycopg.Connection[Any], copy_sql: pgsql.Composable, rows: list[tuple[Any, ...]]) -> None:
    with pg.cursor() as cur, cur.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


def measure_projection(settings: Settings, start: int, events: int) -> dict[str, Any]:
    check_views(settings)
    worker = projector(settings)
    try:
        behind = {p.name: worker.position(p) for p in worker.projections}
        if set(behind.values()) != {start}:
            raise SystemExit(f"views are not all at the position before the import ({start}): {behind}")
        timer = Timer()
        with timer.running():
            read = worker.catch_up()
        bare, scanned = bare_projection(settings, worker, start)
    finally:
        worker.close()
    if read != events or scanned != events:
        raise SystemExit(f"the catch-up read {read} events and the bare scan {scanned}; the import stored {events}")
    return sides("projection", events, timer, bare)


def bare_projection(settings: Settings, worker: Projector, start: int) -> tuple[Timer, int]:
    """Scan + decode of the slice after `start`, and inserts of its view rows (subjects renamed), rolled back."""
    store = open_store(settings)
    try:
        with store.transaction(commit=False) as sql:
            subjects = [
                r["originator_id"]
                for r in sql.query(
                    f"SELECT DISTINCT originator_id FROM {bigstore.EVENTS} WHERE notification_id > ?", (start,)
                )
            ]
            marks = ", ".join("?" * len(subjects))
            tables = [t for p in worker.projections for t in p.tables]
            view_rows = {
                t.name: [
                    [bare_subject(r[n]) if n == "subject" else r[n] for n in t.column_names]
                    for r in sql.query(f"SELECT * FROM {t.name} WHERE subject IN ({marks})", subjects)
                ]
                for t in tables
            }
        timer = Timer()
        events = 0
        with timer.running(), store.transaction(commit=False) as sql:
            sql.execute(
                f"SELECT {', '.join(COLUMNS)} FROM {bigstore.EVENTS} WHERE notification_id > ? "
                "ORDER BY originator_id, originator_version",
                (start,),
            )
            for row in sql.cursor.fetchall():
                stored = StoredEvent(row["originator_id"], row["originator_version"], row["topic"], row["state"])
                worker.app.mapper.to_domain_event(stored)
                events += 1
            for t in tables:
                sql.executemany(t.insert_statement(), view_rows[t.name])
    finally:
        store.close()
    return timer, events


def measure_reads(settings: Settings, base_nips: list[str], copies: int, requests: int) -> dict[str, Any]:
    from bench.reads_inprocess import environs, timed
    from careerlog.accounts import open_accounts

    os.environ["CAREERLOG_DATABASE_URL"] = settings.database_url
    from web import create_app

    rng = random.Random(1)
    nips = [bigstore.clone_nip(rng.choice(base_nips), rng.randrange(copies)) for _ in range(requests + 20)]
    app = create_app(settings)
    try:
        store = app.extensions["careerlog"].projector.views.sql
        accounts = open_accounts(settings, store)
        try:
            accounts.get("bench")
        except NotFound:
            accounts.create("bench", display_name="Benchmark", role="admin", scope=Scope(national=True))
        token = accounts.issue_token("bench", days=1).token
        built = environs([f"/api/v1/employees/{nip}/timeline" for nip in nips], token)
        timed(app, built[:20])  # warm up
        wall_ms, cpu_ms = timed(app, built[20:])
        counts = {
            r["subject"]: r["n"]
            for r in store.query(
                f"SELECT subject, COUNT(*) AS n FROM timeline WHERE subject IN ({', '.join('?' * requests)}) "
                "GROUP BY subject",
                nips[20:],
            )
        }
        rows = sum(int(counts.get(nip, 0)) for nip in nips[20:])
    finally:
        app.extensions["careerlog"].close()
    bare = Timer()
    with settings.connect_postgres() as pg, pg.cursor() as cur:
        cur.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(settings.postgres()["schema"])))
        with bare.running():
            for nip in nips[20:]:
                cur.execute("SELECT * FROM timeline WHERE subject = %s ORDER BY version", (nip,))
                names = [d.name for d in cur.description or ()]
                orjson.dumps([dict(zip(names, r, strict=True)) for r in cur.fetchall()], default=str)
    return {
        "measured": "timeline",
        "requests": requests,
        "events": rows,
        "careerlog_seconds": wall_ms * requests / 1e3,
        "careerlog_cpu_seconds": cpu_ms * requests / 1e3,
        "bare_seconds": bare.seconds,
        "bare_cpu_seconds": bare.cpu,
        "ratio": bare.seconds / (wall_ms * requests / 1e3),
        "load": os.getloadavg()[0],
    }


def sides(name: str, events: int, careerlog: Timer, bare: Timer) -> dict[str, Any]:
    return {
        "measured": name,
        "events": events,
        "careerlog_seconds": careerlog.seconds,
        "careerlog_cpu_seconds": careerlog.cpu,
        "bare_seconds": bare.seconds,
        "bare_cpu_seconds": bare.cpu,
        "ratio": bare.seconds / careerlog.seconds,
        "load": os.getloadavg()[0],
    }


def undo_import(settings: Settings, start: int) -> None:
    """Take the fresh export out of a benchmark store again: its events after `start`, their view rows
    and the views' positions, so that the store holds its N employees only (and can be measured again)."""
    schema = pgsql.Identifier(settings.postgres()["schema"])
    with settings.connect_postgres() as pg, pg.transaction():
        subjects = [
            r[0]
            for r in pg.execute(
                pgsql.SQL("SELECT DISTINCT originator_id FROM {}.{} WHERE notification_id > %s").format(
                    schema, pgsql.Identifier(bigstore.EVENTS)
                ),
                (start,),
            )
        ]
        for table in bigstore.view_tables():
            pg.execute(
                pgsql.SQL("DELETE FROM {}.{} WHERE subject = ANY(%s)").format(schema, pgsql.Identifier(table)),
                (subjects,),
            )
        pg.execute(
            pgsql.SQL("DELETE FROM {}.{} WHERE notification_id > %s").format(schema, pgsql.Identifier(bigstore.EVENTS)),
            (start,),
        )
        pg.execute(
            pgsql.SQL("UPDATE {}.{} SET notification_id = %s WHERE notification_id > %s").format(
                schema, pgsql.Identifier(bigstore.TRACKING)
            ),
            (start, start),
        )


def store_events(settings: Settings) -> int:
    store = open_store(settings)
    try:
        return int(store.scalar(f"SELECT COUNT(*) AS n FROM {bigstore.EVENTS}"))
    finally:
        store.close()


HEADER = (
    f"{'employees':>9} {'events':>10}  {'measured':<10} {'views':<5} {'us/unit':>9} {'bare us':>9} {'ratio':>6} "
    f"{'vs first':>8} {'CPU us':>8} {'load':>5}"
)


def bigstore_runs(args: argparse.Namespace, sizes: list[int]) -> None:
    export = fresh_export(args.base, args.seed, args.fresh)
    base_settings = bigstore.ensure_base(args.database_url, args.base, args.seed, args.prefix)
    base_store = open_store(base_settings)
    try:
        base_nips = [
            r["originator_id"]
            for r in base_store.query(
                f"SELECT DISTINCT originator_id FROM {bigstore.EVENTS} WHERE originator_id NOT LIKE 'UNIT:%'"
            )
        ]
    finally:
        base_store.close()
    keep = {int(s) for s in args.keep.split(",") if s}
    first: dict[str, float] = {}
    print(HEADER)
    for size in sizes:
        schema = f"{args.prefix}_{size}_{args.seed}"
        events_only = size >= args.events_only_from
        settings = bigstore.build(
            args.database_url, schema, size, args.base, args.seed, args.prefix, events_only=events_only
        )
        views = "base" if events_only else "all"
        results = []
        try:
            check_views(settings)
            in_store = store_events(settings)
            for _ in range(args.repeat):
                start = head(settings)
                try:
                    measured, _ = measure_ingest(settings, export)
                    results += [measured, measure_projection(settings, start, measured["events"])]
                    # with the views of the base only, the timelines of the base's employees
                    copies = 1 if events_only else size // args.base
                    results.append(measure_reads(settings, base_nips, copies, args.requests))
                finally:
                    undo_import(settings, start)
        finally:
            if size not in keep:
                bigstore.drop(args.database_url, schema)
        for r in results:
            unit = r.get("requests") or r["events"]
            per = 1e6 * r["careerlog_seconds"] / unit
            bare_per = 1e6 * r["bare_seconds"] / unit
            first.setdefault(r["measured"], per)
            line = (
                f"{size:>9} {in_store:>10}  {r['measured']:<10} {views:<5} {per:>9.1f} {bare_per:>9.1f} "
                f"{r['ratio']:>6.3f} {per / first[r['measured']]:>8.2f} "
                f"{1e6 * r['careerlog_cpu_seconds'] / unit:>8.1f} {r['load']:>5.1f}"
            )
            run = argparse.Namespace(store="postgres", employees=size, seed=args.seed, no_save=args.no_save)
            report("scaling", run, {**r, "us_per_unit": per, "events_in_store": in_store, "views": views}, [line])
    print(
        "units: ingest and projection per event; timeline per request (its events are in the saved result); "
        "views: all = cloned with the events, base = the base's employees only (events-only store)"
    )


def import_runs(args: argparse.Namespace, sizes: list[int]) -> None:
    """The older driver: bench.ingest and bench.rebuild from an empty store at each size and store."""
    stores = args.stores.split(",")
    if any(s not in ("sqlite", "postgres") for s in stores):
        raise SystemExit("--stores: sqlite and/or postgres")
    print(f"{'store':<9} {'employees':>9} {'events':>9}  {'bench':<8} {'us/event':>9} {'bare us/ev':>10} {'ratio':>6}")
    for size in sizes:
        demo_export(size, args.seed)
        for store in stores:
            run = argparse.Namespace(
                employees=size,
                seed=args.seed,
                store=store,
                database_url=args.database_url,
                no_save=args.no_save,
                views=None,  # every view
                workers=1,  # one import process (bench.ingest's default)
                jobs=1,  # one rebuild process (bench.rebuild's default)
            )
            for name, module in (("ingest", ingest), ("rebuild", rebuild)):
                r = module.measure(run)
                per_event = 1e6 * r["careerlog_seconds"] / r["events"]
                bare_per_event = 1e6 * r["bare_seconds"] / r["events"]
                line = (
                    f"{store:<9} {size:>9} {r['events']:>9}  {name:<8} {per_event:>9.1f} {bare_per_event:>10.1f} "
                    f"{r['ratio']:>6.3f}"
                )
                report("scaling", run, {"measured": name, "us_per_event": per_event, **r}, [line])


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000", help="employees, comma-separated (default 10000,100000)")
    p.add_argument("--mode", choices=("bigstore", "import"), default="bigstore")
    p.add_argument("--database-url", default=POSTGRES_URL, help="PostgreSQL database of the stores")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--base", type=int, default=10_000, help="bigstore: employees of the cloned base (default 10000)")
    p.add_argument("--fresh", type=int, default=2000, help="bigstore: employees in the fresh export (default 2000)")
    p.add_argument("--requests", type=int, default=300, help="bigstore: timeline requests (default 300)")
    p.add_argument("--keep", default="", help="bigstore: sizes whose stores are kept, comma-separated")
    p.add_argument(
        "--events-only-from",
        type=int,
        default=1_000_000,
        help="bigstore: from this size on, clone the events only, the views hold the base's (default 1000000)",
    )
    p.add_argument("--repeat", type=int, default=1, help="bigstore: measurements per size (default 1)")
    p.add_argument("--prefix", default="scale", help="bigstore: schema name prefix (default scale)")
    p.add_argument("--stores", default="postgres,sqlite", help="import mode: stores, comma-separated")
    p.add_argument("--no-save", action="store_true", help="do not append the results to bench/results/")
    args = p.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        raise SystemExit(f"--sizes: expected whole numbers separated by commas, got {args.sizes!r}") from None
    if any(n < 1 for n in sizes):
        raise SystemExit("--sizes: positive numbers")
    if args.mode == "import":
        import_runs(args, sizes)
    else:
        bigstore_runs(args, sizes)


if __name__ == "__main__":
    main()
