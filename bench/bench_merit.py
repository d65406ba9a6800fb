"""The merit audit at scale: rebuild of the `merit` projection (decisions, findings,
promotion_rounds) from a demo store on SQLite, then the passed-over query.

    .venv/bin/python -m bench.bench_merit load --employees 10000 --db /tmp/merit10k.db   # not timed
    /usr/bin/time -v .venv/bin/python -m bench.bench_merit audit --db /tmp/merit10k.db  # timed, peak RSS
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from projections.merit.queries import AuditQueries, PassedOverQueries
from projections.store import open_view_store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["load", "audit"])
    parser.add_argument("--employees", type=int, default=10000)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    settings = Settings(database_url=f"sqlite:///{args.db}")
    app = CareerLog.from_settings(settings)
    if args.step == "load":
        load_demo(app, employees=args.employees, seed=7, today=date(2026, 11, 23), workers=2)
        print(f"events: {app.max_notification_id()}")
        return
    projector = Projector(settings, [MeritProjection()], app=app)
    started = time.perf_counter()
    subjects = projector.rebuild()
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    passed = PassedOverQueries(open_view_store(settings).sql).passed_over()
    print(f"passed over: {len(passed)} promotions/colleague pairs in {time.perf_counter() - started:.1f} s")
    rows = AuditQueries(open_view_store(settings).sql).promotions()
    flagged = sum(1 for r in rows if r["verdict"] == "findings")
    rounds = projector.views.sql.scalar("SELECT COUNT(*) FROM promotion_rounds")
    print(
        f"subjects {subjects}, events {app.max_notification_id()}, decisions {len(rows)} ({flagged} flagged), "
        f"rounds {rounds}: rebuild {elapsed:.1f} s ({subjects / elapsed:,.0f} subjects/s)"
    )


if __name__ == "__main__":
    main()
