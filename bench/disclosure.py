"""What a reporting client gets of the headcount under each CAREERLOG_DISCLOSURE: the share of the cells published and
their mean absolute error against the true counts, over a sweep of request shapes per agency (docs/security.md).

    .venv/bin/python -m bench.disclosure --employees 500 --seed 3

Records the demo into a new SQLite store, then asks each shape of a national reporter (the figures) and of an
inspector (the true counts, exact) under `withhold` and `perturb`. A cell is a row of the table or its total. Then
times the national reporter's headcount by unit and by sex under each method (`--repeat` requests each, the median:
the perturbed one's key sums an aggregate of the same GROUP BY as its counts, Queries.headcount)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from careerlog.access import Scope
from careerlog.config import Settings
from careerlog.domain.errors import NotFound
from web import create_app

BYS = (["unit"], ["sex"], ["rank"], ["status"], ["employment_kind"], ["region"], ["age_band"], ["unit", "sex"])
FILTERS: tuple[dict[str, list[str]], ...] = (
    {},
    {"sex": ["F"]},
    {"employment_kind": ["PPPK"]},
    {"status": ["RETIRED", "CONTRACT_ENDED"]},
)


def shapes(agencies: list[str]) -> Iterator[tuple[list[str], dict[str, list[str]]]]:
    for by in (["agency"], ["agency", "sex"]):
        yield by, {}
    for agency in agencies:
        for by in BYS:
            for extra in FILTERS:
                if not set(extra) & set(by):
                    yield by, {"agency": [agency], **extra}


def cells(found: dict[str, Any]) -> dict[tuple[Any, ...], int | None]:
    by = found["by"]
    rows = {tuple(item[b] for b in by): item["count"] for item in found["items"]}
    return {**rows, ("<total>",): found["total"]}


TIMED = (["unit"], ["sex"])


def sweep(url: str, method: str, repeat: int = 10) -> dict[str, float]:
    app = create_app(Settings(database_url=url), test_config={"TESTING": True, "CAREERLOG_DISCLOSURE": method})
    services = app.extensions["careerlog"]
    try:
        services.projector.catch_up()
        accounts = services.accounts
        for name, role in (("sweep-reporter", "reporter"), ("sweep-inspector", "inspector")):
            try:
                accounts.get(name)
            except NotFound:  # (made on the first sweep)
                accounts.create(name, display_name=name, role=role, scope=Scope(national=True), nip=None)
        reporter, inspector = accounts.get("sweep-reporter"), accounts.get("sweep-inspector")
        agencies = [r["agency"] for r in services.queries.headcount(["agency"], {})]
        shown = errors = every = requests = 0
        for by, filters in shapes(agencies):
            requests += 1
            truth = cells(services.headcount(inspector, by, filters))
            given = cells(services.headcount(reporter, by, filters))
            for key, true in truth.items():
                every += 1
                if given.get(key) is not None:
                    shown += 1
                    errors += abs(int(given[key] or 0) - int(true or 0))
        found = {"requests": requests, "cells": every, "published": shown / every, "mae": errors / max(shown, 1)}
        for by in TIMED:
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                services.headcount(reporter, by, {})
                times.append(time.perf_counter() - start)
            found[f"ms by {by[0]}"] = statistics.median(times) * 1000
        return found
    finally:
        services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=500)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=10, help="timed requests of each shape (the median printed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="careerlog-disclosure-") as tmp:
        url = f"sqlite:///{tmp}/demo.db"
        careerlog = Path(sys.executable).with_name("careerlog")
        demo = [str(careerlog), "demo", "--employees", str(args.employees), "--seed", str(args.seed)]
        demo += ["--irregularities", f"{tmp}/irregularities.json"]
        subprocess.run(demo, check=True, env={"CAREERLOG_DATABASE_URL": url, "PATH": ""}, capture_output=True)
        for method in ("withhold", "perturb"):
            found = sweep(url, method, args.repeat)
            print(
                f"{method}: {found['requests']} requests, {found['cells']} cells (rows and totals), "
                f"{found['published']:.1%} published, mean absolute error of those {found['mae']:.2f}; "
                "a national reporter's headcount, median of "
                + ", ".join(f"{args.repeat} by {by[0]} {found[f'ms by {by[0]}']:.1f} ms" for by in TIMED)
            )


if __name__ == "__main__":
    main()
