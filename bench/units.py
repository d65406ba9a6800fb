"""The unit filter at national scale: `projections.units.unit_spellings`, run by every list, report, roster, scorecard
and fairness request filtered by unit (a unit's name matched in any letter case or spacing), timed for a national
reader, an agency-scoped one and a region-scoped one, beside the bare floor of one query on the same connection
(`SELECT 1`) and beside the roster page filtered by that unit through the API (the WSGI app called directly, as
`bench.reads_inprocess` calls it), whose time includes it: its share of the request.

`fill` imports the demo of --employees, brings the views up to date, then copies every loaded employee's rows of the
views the unit filter and the roster page read (`roster`, the roster's `spells`, the merit audit's `unit_spells`)
under new subjects (NIP + `-copy-` + n, no events behind them) until they hold about --national employees, each copy
in an agency and region as `bench.reads`' --roster-spread draws them (KEMENDAGRI 10%, province 12 about 7%, 168
agencies INST-<n> of 0.5% elsewhere): each agency holds the demo's unit names, as a national store's agencies hold
many units each. The store is kept (a SQLite file in $CAREERLOG_BENCH_DATA; the PostgreSQL schema
<prefix>_<employees>_<seed>_n<national>, prefix `units` or $CAREERLOG_BENCH_SCHEMA_PREFIX) for `measure`, and
removed by `drop`.

    .venv/bin/python -m bench.units fill    --employees 1000 --national 1000000 --store postgres
    .venv/bin/python -m bench.units measure --employees 1000 --national 1000000 --store postgres [--rounds 5]
    .venv/bin/python -m bench.units drop    --employees 1000 --national 1000000 --store postgres
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import projections.units
from bench.common import POSTGRES_URL, demo_export, parser, positive, report
from bench.reads import (
    COPY,
    PAGE,
    SPREAD_BUCKET,
    bench_app,
    scope_of,
    scoped_token,
    spread_columns,
    vacuum,
)
from bench.reads_inprocess import environs, timed
from careerlog.access import Scope
from careerlog.accounts import open_accounts
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput
from careerlog.importing import import_file
from careerlog.sqlstore import SqlStore, open_store
from projections.framework import Table
from projections.merit.passed_over import UNIT_SPELLS
from projections.registry import projector
from projections.roster import ROSTER, SPELLS
from projections.units import with_unit_spellings

READY = "bench_units_ready"  # made once the kept store is filled: its one row, the employees it holds
ACCOUNT = "bench"  # the national admin `fill` makes
# The readers measured: a name, the inspector's scope (none: the national admin) and the agency the request asks
# for (none: the reader's whole scope). The last: a region's reader asking for one agency of the region, the one
# of most loaded employees in it (`region_agency`).
REGION_AGENCY = "<agency>"
READERS = (
    ("national", None, None),
    ("agency:KEMENDAGRI", "agency:KEMENDAGRI", None),
    ("region:12", "region:12", None),
    ("region:12 + agency", "region:12", REGION_AGENCY),
)


def readers(store: SqlStore) -> list[tuple[str, str | None, str | None]]:
    """READERS with the agency of the region's reader named."""
    agency = store.scalar(
        "SELECT agency FROM roster WHERE substr(region, 1, 2) = '12' AND agency IS NOT NULL "
        f"AND subject NOT LIKE '%{COPY}%' GROUP BY agency ORDER BY COUNT(*) DESC, agency LIMIT 1"
    )
    return [
        (name.replace("agency", str(agency)) if wanted == REGION_AGENCY else name, spec, agency if wanted else None)
        for name, spec, wanted in READERS
    ]


COPIED = (ROSTER, SPELLS, UNIT_SPELLS)  # the views copied: the roster page's and the unit filter's
BATCH = 20  # copies written in one statement and transaction


@contextmanager
def kept(args: argparse.Namespace) -> Iterator[tuple[Settings, bool]]:
    """Settings for the kept store of these options, and whether it is filled already."""
    if args.store == "sqlite":
        path = demo_export(args.employees, args.seed).parent / f"units-{args.employees}-{args.seed}-n{args.national}.db"
        settings = Settings(database_url=f"sqlite:///{path}")
    else:
        base = (args.database_url or POSTGRES_URL).split("?", 1)[0]
        prefix = os.environ.get("CAREERLOG_BENCH_SCHEMA_PREFIX") or "units"
        settings = Settings(database_url=f"{base}?schema={prefix}_{args.employees}_{args.seed}_n{args.national}")
    store = open_store(settings)
    try:
        filled = bool(store.query(*ready_statement(store)))
    finally:
        store.close()
    yield settings, filled


def ready_statement(store: SqlStore) -> tuple[str, tuple[str]]:
    if store.dialect == "sqlite":
        return "SELECT name FROM sqlite_master WHERE name = ?", (READY,)
    return (
        "SELECT table_name AS name FROM information_schema.tables WHERE table_name = ? "
        "AND table_schema = current_schema()",
        (READY,),
    )


def fill(settings: Settings, args: argparse.Namespace) -> None:
    """Import the demo, catch the views up, copy its rows up to --national employees (`copy_rows`)."""
    started = time.monotonic()
    app = CareerLog.from_settings(settings)
    try:
        result = import_file(app, demo_export(args.employees, args.seed), actor="bench", migration=True)
        if not result.ok:
            raise SystemExit(f"the demo export did not import cleanly: {result.summary()}")
        worker = projector(settings, app=app)
        try:
            worker.catch_up()
            open_accounts(settings, worker.views.sql).create(
                ACCOUNT, display_name="Benchmark", role="admin", scope=Scope(national=True)
            )
            print(f"demo of {args.employees} imported and projected ({time.monotonic() - started:.0f} s)")
            copy_rows(worker.views.sql, args.national)
            worker.views.sql.execute_script(
                [f"CREATE TABLE {READY} (employees INTEGER)", f"INSERT INTO {READY} VALUES ({args.national})"]
            )
        finally:
            worker.close()
    finally:
        app.close()
    vacuum(settings)
    print(f"filled in {time.monotonic() - started:.0f} s")


def copy_rows(store: SqlStore, employees: int) -> None:
    """Copies of every loaded employee's rows of `COPIED` (subject + COPY + n) until about `employees`, each copy in
    the agency and region `bench.reads.SPREAD_BUCKET` draws from its number and the copied NIP (the same for all
    three views: a copy's roster row, spells and unit spells agree)."""
    loaded = int(store.scalar("SELECT COUNT(*) AS n FROM roster"))
    copies = max(0, round(employees / loaded) - 1)
    agency, region = spread_columns()
    started = time.monotonic()
    for first in range(1, copies + 1, BATCH):
        last = min(first + BATCH - 1, copies)
        with store.transaction() as sql:
            for table in COPIED:
                sql.execute(copy_statement(table, agency, region), (first, last))
        print(f"copied {last} of {copies} copies of {loaded} employees ({time.monotonic() - started:.0f} s)")


def copy_statement(table: Table, agency: str, region: str) -> str:
    """INSERT ... SELECT of copies ? to ? of a view's loaded rows (their agency and region spread)."""
    columns = table.column_names
    chosen = [
        f"c.subject || '{COPY}' || CAST(c.i AS TEXT)"
        if c == "subject"
        else agency
        if c == "agency"
        else region
        if c == "region"
        else f"c.{c}"
        for c in columns
    ]
    return (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        f"SELECT {', '.join(chosen)} FROM (SELECT r.*, n.i, {SPREAD_BUCKET} AS b FROM {table.name} r, n "
        f"WHERE r.subject NOT LIKE '%{COPY}%') c"
    )


def chosen_unit(store: SqlStore, measured: list[tuple[str, str | None, str | None]]) -> str:
    """The unit measured: the one the most loaded employees serve in now that every reader measured reaches."""
    rows = store.query(
        "SELECT unit, COUNT(*) AS n FROM roster WHERE unit IS NOT NULL AND unit <> '' "
        f"AND subject NOT LIKE '%{COPY}%' GROUP BY unit ORDER BY n DESC, unit"
    )
    for row in rows:
        try:
            for _, spec, agency in measured:
                with_unit_spellings(store, asked(row["unit"], agency), within=within_of(spec))
        except InvalidInput:
            continue
        return str(row["unit"])
    raise SystemExit("no unit of the demo is reached by every reader measured")


def asked(unit: str, agency: str | None) -> dict[str, list[str]]:
    """A request's filters: the unit, and the agency when asked for."""
    return {"unit": [unit], **({"agency": [agency]} if agency else {})}


def within_of(spec: str | None) -> dict[str, list[str]]:
    """A reader's row filters (careerlog.access.row_filters): none nationally."""
    return scope_of(spec).filters() if spec else {}


def as_typed(unit: str) -> str:
    """The unit as a reader types it: another letter case and spacing (the ledger's spelling found all the same)."""
    return "  " + "  ".join(unit.upper().split()) + " "


def median_ms(call: Callable[[], Any], times: int) -> float:
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        taken.append((time.perf_counter() - started) * 1e3)
    return statistics.median(taken)


def measure(settings: Settings, args: argparse.Namespace) -> None:
    os.environ["CAREERLOG_DATABASE_URL"] = settings.database_url
    app = bench_app()
    try:
        store = app.extensions["careerlog"].projector.views.sql
        sizes = {t.name: int(store.scalar(f"SELECT COUNT(*) AS n FROM {t.name}")) for t in COPIED}
        measured = readers(store)
        unit = chosen_unit(store, measured)
        typed = as_typed(unit)
        national = open_accounts(settings, store).issue_token(ACCOUNT, days=1).token
        tokens = {name: scoped_token(settings, spec) if spec else national for name, spec, _ in measured}
        within = {name: within_of(spec) for name, spec, _ in measured}
        filters = {name: asked(typed, agency) for name, _, agency in measured}
        query = f"/api/v1/employees?per_page={PAGE}&unit={urllib.parse.quote(typed)}"
        requests = {
            name: environs([query + (f"&agency={agency}" if agency else "")] * args.requests, tokens[name])
            for name, _, agency in measured
        }
        rounds: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in tokens}
        for name in tokens:  # warm up (the app's first request, each table's first pages read)
            timed(app, requests[name][:3])
        plain = {name: plain_distinct(*scoped(within[name], agency)) for name, _, agency in measured}
        units = {}
        # the same answer both ways (a release before distinct_units, run from its tree: the plain DISTINCT only)
        walked = getattr(projections.units, "distinct_units", None)
        for name, _, agency in measured:
            answered = {r["unit"] for r in store.query(*plain[name])} - {None}
            units[name] = len(answered)
            if walked and {r["unit"] for r in store.query(*walked(*scoped(within[name], agency)))} - {None} != answered:
                raise SystemExit(f"{name}: distinct_units answers other units than the plain DISTINCT")
        for _ in range(args.rounds):
            for name in tokens:
                spelled = median_ms(partial(with_unit_spellings, store, filters[name], within[name]), args.calls)
                read_all = median_ms(partial(store.query, *plain[name]), max(1, args.calls // 4))
                bare = median_ms(partial(store.query, "SELECT 1 AS one"), args.calls)
                wall, _ = timed(app, requests[name])
                rounds[name].append((spelled, read_all, bare, wall))
        lines = [
            f"unit filter, {sizes['roster']} employees ({sizes['spells']} spells, {sizes['unit_spells']} unit spells), "
            f"{args.store}, unit {unit!r} typed {typed!r}; median of {args.rounds} rounds, each the median of "
            f"{args.calls} calls (the request: the mean of {args.requests})"
        ]
        results = {}
        for reader, taken in rounds.items():
            spelled, read_all, bare, wall = (statistics.median(t[i] for t in taken) for i in range(4))
            results[reader] = {
                "units": units[reader],
                "unit_spellings_ms": spelled,
                "plain_distinct_ms": read_all,
                "bare_ms": bare,
                "request_ms": wall,
            }
            lines.append(
                f"{reader:<18} {units[reader]:5d} units: unit_spellings {spelled:8.2f} ms  "
                f"(plain DISTINCT {read_all:8.2f} ms, bare SELECT 1 {bare:6.3f} ms)  "
                f"roster page by unit {wall:8.2f} ms  share {100 * spelled / wall:5.1f}%"
            )
        report("units", args, {"sizes": sizes, "unit": unit, "results": results}, lines)
    finally:
        app.extensions["careerlog"].close()


def scoped(within: dict[str, list[str]], agency: str | None) -> tuple[list[str], list[str] | None]:
    """The agencies and regions `with_unit_spellings` reads a reader's units within (the agency asked for, if any)."""
    reach = within.get("agency")
    agencies = [a for a in [agency] if a and (reach is None or a in reach)] if agency else sorted(reach or [])
    return agencies, (sorted(within["region"]) if "region" in within else None)


def plain_distinct(agencies: list[str], regions: list[str] | None) -> tuple[str, list[str]]:
    """The plain `SELECT DISTINCT unit` of the same units, every row of the scope read (unit_spellings until
    2026-12-05): the cost the loose index scan (`projections.units.distinct_units`) is to be measured against."""
    clauses = [f"agency IN ({', '.join('?' * len(agencies))})"] if agencies else []
    if regions is not None:
        clauses.append(f"region IN ({', '.join('?' * len(regions))})")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    table = "unit_spells" if regions is None else "spells"
    return f"SELECT DISTINCT unit FROM {table}{where}", [*agencies, *(regions or [])]


def drop(settings: Settings) -> None:
    if settings.store == "sqlite":
        path = Path(settings.database_url.removeprefix("sqlite:///"))
        for each in path.parent.glob(path.name + "*"):
            each.unlink()
        return
    schema = settings.postgres()["schema"]
    with settings.connect_postgres() as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("step", choices=("fill", "measure", "drop"))
    p.add_argument("--national", type=int, default=100_000, help="employees the store holds (default 100000)")
    p.add_argument("--rounds", type=int, default=3, help="rounds, each timing every reader (default 3)")
    p.add_argument("--calls", type=int, default=20, help="unit_spellings calls timed per reader and round")
    p.add_argument("--requests", type=int, default=10, help="roster requests timed per reader and round")
    args = p.parse_args(argv)
    positive(args)
    if min(args.rounds, args.calls, args.requests, args.national) < 1:
        raise SystemExit("--rounds, --calls, --requests and --national: each must be at least 1")
    with kept(args) as (settings, filled):
        if args.step == "drop":
            drop(settings)
        elif args.step == "fill":
            if filled:
                print("already filled: kept as it is")
                return
            fill(settings, args)
        else:
            if not filled:
                raise SystemExit("no store of these options: run `bench.units fill` with them first")
            measure(settings, args)


if __name__ == "__main__":
    main()
