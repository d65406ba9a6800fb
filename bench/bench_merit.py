"""The merit audit at scale: rebuild of the `merit` projection (promotion and post decisions,
findings, promotion rounds, eligibility, unit and staff ratings, unit spells) from a demo store
on SQLite, then the queries: passed-over (101 over the rounds; 202 and posts from the ledger),
grade inflation.

    .venv/bin/python -m bench.bench_merit load --employees 10000 --db /tmp/merit10k.db   # not timed
    /usr/bin/time -v .venv/bin/python -m bench.bench_merit audit --db /tmp/merit10k.db  # timed, peak RSS
    .venv/bin/python -m bench.bench_merit passed-over --db /tmp/merit10k.db --ledger-from 2025-01-01
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.sqlstore import SqlStore
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from projections.merit.distribution import GradeInflationQueries
from projections.merit.passed_over import DecisionPassedOverQueries, ledger_records
from projections.merit.queries import AuditQueries, PassedOverQueries
from projections.store import open_view_store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["load", "audit", "passed-over"], help="passed-over: the ledger query only")
    parser.add_argument("--employees", type=int, default=10000)
    parser.add_argument("--db", required=True)
    parser.add_argument("--no-ledger-queries", action="store_true", help="Skip the passed-over query on the ledger.")
    parser.add_argument("--ledger-from", help="First TMT of the decisions the ledger passed-over query compares.")
    parser.add_argument("--ledger-to", help="Last TMT of the decisions the ledger passed-over query compares.")
    args = parser.parse_args()
    settings = Settings(database_url=f"sqlite:///{args.db}")
    app = CareerLog.from_settings(settings)
    if args.step == "load":
        load_demo(app, employees=args.employees, seed=7, today=date(2026, 11, 23), workers=2)
        print(f"events: {app.max_notification_id()}")
        return
    if args.step == "passed-over":
        ledger_passed_over(app, open_view_store(settings).sql, args.ledger_from, args.ledger_to)
        return
    projector = Projector(settings, [MeritProjection()], app=app)
    started = time.perf_counter()
    subjects = projector.rebuild()
    elapsed = time.perf_counter() - started
    print(f"rebuild: {subjects} subjects in {elapsed:.1f} s ({subjects / elapsed:,.0f} subjects/s)", flush=True)
    store = open_view_store(settings).sql
    timed("passed over (101, rounds)", lambda: PassedOverQueries(store).passed_over())
    if not args.no_ledger_queries:
        ledger_passed_over(app, store, args.ledger_from, args.ledger_to)
    timed("grade inflation unit-years", GradeInflationQueries(store).grade_inflation)
    rows = AuditQueries(store).decisions()
    for kind in ("promotion", "post"):
        chosen = [r for r in rows if r["decision"] == kind]
        flagged = sum(1 for r in chosen if r["verdict"] == "findings")
        print(f"{kind} decisions {len(chosen)} ({flagged} flagged)")
    rounds = projector.views.sql.scalar("SELECT COUNT(*) FROM promotion_rounds")
    print(f"events {app.max_notification_id()}, promotion rounds {rounds}")


def ledger_passed_over(app: CareerLog, store: SqlStore, start: str | None, end: str | None) -> None:
    """The passed-over comparison of 202 promotions and posts, which reads records from the ledger."""
    others = DecisionPassedOverQueries(store, ledger_records(app))
    decisions = len(others.decisions(None, None, None, start, end))
    timed(f"passed over (202, posts; {decisions} decisions)", lambda: others.passed_over(start=start, end=end))


def timed(label: str, query: Callable[[], list[dict[str, object]]]) -> None:
    started = time.perf_counter()
    found = query()
    print(f"{label}: {len(found)} in {time.perf_counter() - started:.1f} s", flush=True)


if __name__ == "__main__":
    main()
