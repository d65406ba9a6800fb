"""The merit audit at scale, in separate steps: load a demo, rebuild the views the audit reads,
clone them to a larger population, then the audit an inspector runs over the views.

    .venv/bin/python -m bench.bench_merit load --employees 100000 --database-url URL    # timed, not in `audit`
    .venv/bin/python -m bench.bench_merit rebuild --database-url URL                    # the projections' job
    .venv/bin/python -m bench.bench_merit clone --times 10 --database-url URL           # 100,000 -> 1,000,000
    .venv/bin/python -m bench.bench_merit audit --database-url URL                      # queries over the views
    .venv/bin/python -m bench.bench_merit passed-over --database-url URL --ledger-from 2025-01-01

The 202/post comparison at the unit sizes of 100,000 employees, with a real ledger of that size:
a bigstore of the 10,000-employee demo copied ten times into the same units (docs/audit.md):

    .venv/bin/python -m bench.bigstore build --employees 100000 --schema pool_100k --prefix pool
    .venv/bin/python -m bench.bench_merit passed-over --database-url URL-of-pool_100k

URL is `sqlite:////tmp/x.db` or `postgresql://postgres@127.0.0.1:5432/test?schema=name` (`--db PATH`
is short for the SQLite one).

`rebuild` builds, from the ledger, the views the audit reads: merit (decisions, findings,
promotion rounds, unit spells, units named, unit and staff ratings, eligibility), roster (roster, spells) and
training. It is what a projection pays as events arrive, timed on its own.

`audit` reads only those views (and, for the 202 and post passed-over comparison, which judges
people as known before each decision, the ledger's records of the colleagues): every audited
decision with its verdict and findings (streamed in pages), passed-over over the 101 rounds and
over the 202 promotions and managerial posts, grade inflation, fairness statistics by every
dimension, and time to promotion by every dimension. Each step prints wall time, process CPU
and the process's peak RSS so far (getrusage; on PostgreSQL the server's memory is not in it).

`clone --times K` makes the views of K times the population inside the same store, without
the ledger: every row of every table the audit reads (CLONED_TABLES) is copied K - 1 times,
copy k with `~k` appended to its subject (the NIP, or a unit's `unit:agency:unit` key; a
decision keeps its version, so its id (subject, version) is new too) and to its unit code, so
each copy is a new set of units in the same agencies and regions: the passed-over pools and
the grade-inflation unit-years stay the size they were, there are K times as many of them.
Findings' evidence and the ledger are not rewritten: the 202/post comparison reads a clone's
record from the ledger under its original NIP (the same work as for the original). Rebuilding
the views drops the copies.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.sqlstore import SqlStore
from projections.career import CareerRecord
from projections.framework import Table
from projections.merit.audit import DECISIONS, FINDINGS, ROUNDS
from projections.merit.distribution import STAFF_RATINGS, UNIT_RATINGS, GradeInflationQueries
from projections.merit.fairness import FairnessQueries
from projections.merit.groups import DIMENSIONS
from projections.merit.passed_over import (
    UNIT_NAMED,
    UNIT_SPELLS,
    DecisionPassedOverQueries,
    Rated,
    RatingsLoader,
    RecordLoader,
    ledger_records,
    measured_of,
    ratings_of,
)
from projections.merit.queries import AuditQueries, PassedOverQueries
from projections.registry import projector
from projections.roster import ROSTER, SPELLS
from projections.store import open_view_store
from projections.training import TRAINING

AUDIT_VIEWS = ("merit", "roster", "training")
MERIT_CLONED = (DECISIONS, FINDINGS, ROUNDS, UNIT_SPELLS, UNIT_NAMED, UNIT_RATINGS, STAFF_RATINGS)
CLONED_TABLES = (*MERIT_CLONED, ROSTER, SPELLS, TRAINING)
MERIT_TABLES = [t.name for t in MERIT_CLONED]
CLONE_MARK = "~"
TODAY = date(2026, 11, 23)
END = TODAY.isoformat()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["load", "rebuild", "clone", "audit", "passed-over"])
    parser.add_argument("--employees", type=int, default=10000, help="load: employees of the demo")
    parser.add_argument("--times", type=int, default=10, help="clone: the population multiplied by this")
    parser.add_argument(
        "--tables",
        default=",".join(t.name for t in CLONED_TABLES),
        help="clone: only these tables (MERIT_TABLES: the merit views only, not roster, spells, training)",
    )
    parser.add_argument("--db", help="SQLite file (short for --database-url sqlite:///PATH)")
    parser.add_argument("--database-url")
    parser.add_argument("--no-ledger-queries", action="store_true", help="Skip the passed-over query on the ledger.")
    parser.add_argument("--ledger-from", help="First TMT of the decisions the ledger passed-over query compares.")
    parser.add_argument("--ledger-to", help="Last TMT of the decisions the ledger passed-over query compares.")
    parser.add_argument("--json", help="audit, passed-over: write every answer to this file (to compare two versions)")
    parser.add_argument("--skip-time-to-promotion", action="store_true", help="audit: not the Kaplan-Meier/Cox step")
    parser.add_argument(
        "--jobs", type=int, default=1, help="audit: time to promotion by this many dimensions at a time (processes)"
    )
    args = parser.parse_args(argv)
    if not (args.db or args.database_url):
        parser.error("give --db or --database-url")
    settings = Settings(database_url=args.database_url or f"sqlite:///{args.db}")
    app = CareerLog.from_settings(settings)
    store = open_view_store(settings).sql
    print(f"{args.step}: {settings.database_url}; load average {os.getloadavg()[0]:.1f}", flush=True)
    if args.step == "load":
        timed("load", lambda: load_demo(app, employees=args.employees, seed=7, today=TODAY, workers=2))
        print(f"events: {app.max_notification_id()}")
    elif args.step == "rebuild":
        timed(f"rebuild {', '.join(AUDIT_VIEWS)}", lambda: projector(settings, AUDIT_VIEWS, app=app).rebuild())
    elif args.step == "clone":
        names = MERIT_TABLES if args.tables == "MERIT_TABLES" else args.tables.split(",")
        clone(store, args.times, [t for t in CLONED_TABLES if t.name in names])
    elif args.step == "passed-over":
        found = ledger_passed_over(app, store, args.ledger_from, args.ledger_to)
        if args.json:
            write_json(args.json, {"passed_over_202_posts": found})
    else:
        audit(app, store, args)
    print(f"total: peak RSS {peak_rss_mb():,.0f} MB; load average {os.getloadavg()[0]:.1f}", flush=True)


def audit(app: CareerLog, store: SqlStore, args: argparse.Namespace) -> None:
    """The audit an inspector runs: every query over the maintained views, each step timed."""
    started, cpu = time.perf_counter(), process_cpu()
    employees = store.scalar("SELECT COUNT(*) FROM roster")
    print(f"employees {employees:,}; decisions {store.scalar('SELECT COUNT(*) FROM decisions'):,}; ", end="")
    print(f"promotion-round rows {store.scalar('SELECT COUNT(*) FROM promotion_rounds'):,}", flush=True)
    answers: dict[str, Any] = {}
    queries = AuditQueries(store, today=TODAY)
    answers["decisions"] = timed("decisions with findings", lambda: decision_summary(queries.each_decision()))
    answers["passed_over_101"] = timed("passed over (101, rounds)", PassedOverQueries(store).passed_over)
    if not args.no_ledger_queries:
        answers["passed_over_202_posts"] = ledger_passed_over(app, store, args.ledger_from, args.ledger_to)
    answers["grade_inflation"] = timed("grade inflation", GradeInflationQueries(store).grade_inflation)
    fairness = FairnessQueries(store, today=TODAY)
    answers["fairness"] = timed(
        f"fairness by {len(DIMENSIONS)} dimensions", lambda: {d: fairness.fairness(d) for d in DIMENSIONS}
    )
    if not args.skip_time_to_promotion:
        answers["time_to_promotion"] = timed(
            f"time to promotion by {len(DIMENSIONS)} dimensions",
            lambda: dict(
                zip(DIMENSIONS, fairness.time_to_promotion_by(DIMENSIONS, end=END, jobs=args.jobs), strict=True)
            ),
        )
    print(
        f"audit total: {time.perf_counter() - started:.1f} s wall, {process_cpu() - cpu:.1f} s CPU, "
        f"{employees:,} employees",
        flush=True,
    )
    if args.json:
        write_json(args.json, answers)


def write_json(path: str, answers: dict[str, Any]) -> None:
    """Every answer, to compare two versions byte for byte."""
    with open(path, "w", encoding="utf-8") as out:
        json.dump(answers, out, sort_keys=True, default=str, indent=0)


def decision_summary(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts per decision type and verdict and findings per rule, read as they stream."""
    summary: dict[str, Any] = {"decisions": {}, "findings": {}}
    for row in rows:
        key = f"{row['decision']} {row['verdict']}"
        summary["decisions"][key] = summary["decisions"].get(key, 0) + 1
        for finding in row["findings"]:
            summary["findings"][finding["rule"]] = summary["findings"].get(finding["rule"], 0) + 1
    return summary


def ledger_passed_over(app: CareerLog, store: SqlStore, start: str | None, end: str | None) -> list[dict[str, Any]]:
    """The passed-over comparison of 202 promotions and posts, which reads records from the ledger."""
    others = DecisionPassedOverQueries(store, original_records(ledger_records(app)))
    decisions = len(others.decisions(None, None, None, start, end))
    label = f"passed over (202, posts; {decisions} decisions)"
    return timed(label, lambda: others.passed_over(start=start, end=end))


def original_records(load: RecordLoader) -> RecordLoader:
    """Ledger records of cloned subjects read under their original NIP (the ledger is not cloned);
    with the loader's ratings (`ratings_of`) if it has them, each original's shared by its clones
    (what a performance reads of a record names neither its subject nor a unit), and then its records
    of the measured kinds (`measured_of`) if it has them, read as the whole ones."""
    records = under_originals(load)
    rated = ratings_of(load)
    if rated is None:
        return records

    def ratings(subjects: Sequence[str]) -> dict[str, Rated]:
        originals = {s: s.split(CLONE_MARK)[0] for s in subjects}
        found = rated(sorted(set(originals.values())))
        return {s: found[o] for s, o in originals.items() if o in found}

    measured = measured_of(load)
    return WithRatings(records, ratings, None if measured is None else under_originals(measured))


def under_originals(load: RecordLoader) -> RecordLoader:
    """`load` of cloned subjects: each read under its original NIP and made the clone's (`cloned`)."""

    def records(subjects: Sequence[str]) -> dict[str, CareerRecord]:
        originals = {s: s.split(CLONE_MARK)[0] for s in subjects}
        found = load(sorted(set(originals.values())))
        return {s: cloned(found[o], s) for s, o in originals.items() if o in found}

    return records


class WithRatings:
    """A RecordLoader with ratings (`ratings_of`) and, if given, records of the measured kinds (`measured_of`)."""

    def __init__(self, records: RecordLoader, ratings: RatingsLoader, measured: RecordLoader | None = None):
        self.records, self.ratings = records, ratings
        if measured is not None:
            self.measured = measured

    def __call__(self, subjects: Sequence[str]) -> dict[str, CareerRecord]:
        return self.records(subjects)


def cloned(record: CareerRecord, subject: str) -> CareerRecord:
    """An original's record as its clone's: the clone's subject, and its mark on every unit code."""
    if subject == record.subject:
        return record
    mark = subject[len(record.subject) :]
    entries = [
        replace(e, values={**e.values, "unit": e.values["unit"] + mark}) if e.values.get("unit") else e
        for e in record.entries
    ]
    return CareerRecord(subject, entries)


def clone(store: SqlStore, times: int, tables: Sequence[Table]) -> None:
    """Every row of the audited views copied `times` - 1 times with remapped subjects and units (their keys too)."""
    for table in tables:
        timed(f"clone {table.name} x{times}", lambda table=table: clone_table(store, table, times))
    for table in CLONED_TABLES:
        print(f"{table.name}: {store.scalar(f'SELECT COUNT(*) FROM {table.name}'):,} rows")
    if store.dialect == "postgres":
        timed("analyze", lambda: store.execute_script([f"ANALYZE {t.name}" for t in tables]))
    else:
        timed("analyze", lambda: store.execute_script(["ANALYZE"]))


def clone_table(store: SqlStore, table: Table, times: int) -> None:
    names = table.column_names
    with store.transaction(synced=False) as sql:
        for k in range(1, times):
            mark = f"{CLONE_MARK}{k}"
            values = ", ".join(f"{c} || '{mark}'" if c in ("subject", "unit", "unit_key") else c for c in names)
            sql.execute(
                f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {values} FROM {table.name} "
                f"WHERE subject NOT LIKE '%{CLONE_MARK}%'"
            )


def process_cpu() -> float:
    """CPU of this process and of the processes it started that have ended (time to promotion's --jobs)."""
    usage, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_child_rss_mb() -> float:
    """The largest peak RSS of one ended child process (0 without any)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def timed(label: str, step: Callable[[], Any]) -> Any:
    started, cpu = time.perf_counter(), process_cpu()
    found = step()
    size = f"{len(found):,} " if isinstance(found, list | dict) else ""
    child = f", a child's {peak_child_rss_mb():,.0f} MB" if peak_child_rss_mb() else ""
    print(
        f"{label}: {size}in {time.perf_counter() - started:.1f} s wall, {process_cpu() - cpu:.1f} s CPU; "
        f"peak RSS {peak_rss_mb():,.0f} MB{child}",
        flush=True,
    )
    return found


if __name__ == "__main__":
    main()
