"""What a reporting client gets of the headcount under each CAREERLOG_DISCLOSURE: the share of the cells published and
their mean absolute error against the true counts, over a sweep of request shapes per agency (docs/security.md).

    .venv/bin/python -m bench.disclosure --employees 500 --seed 3

Records the demo into a new SQLite store, then asks each shape of a national reporter (the figures) and of an
inspector (the true counts, exact) under `withhold`, perturb's cell key alone (perturb until 2026-12-06) and `perturb`
(the minimum cell and one value per filter on top of it). A cell is a row of the table or its total; a request refused
shows none of its cells (a filter of two values, under `withhold` too since 2026-12-06: one value per filter for a
reader of aggregates under both methods). Then attacks `--targets` small cells (units of 1-3 people) as a reporter
would: averaging the differences of 40 unions with and without the unit (`union_attack`), and, what one value per
filter leaves, averaging the agency's filtered totals less its other units' rows (`conjunction_attack`); a cell is
recovered when the mean, rounded, is its true count. Then times the national reporter's headcount by unit and by
sex under each method (`--repeat` requests each, the median: the perturbed one's key sums an aggregate of the same
GROUP BY as its counts, Queries.headcount)."""

from __future__ import annotations

import argparse
import itertools
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from careerlog.access import Scope
from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput, NotFound
from web import create_app
from web.services import Disclosure

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
SECRET = "bench.disclosure's cell-key secret, 32 characters or more"  # noqa: S105 (a benchmark's, published)
# The methods compared: CAREERLOG_DISCLOSURE, and perturb's cell key alone (`Disclosure.guarded` False: perturb until
# 2026-12-06) beside the perturb of now (the minimum cell and one value per filter on top of the cell key)
METHODS = {
    "withhold": Disclosure("withhold"),
    "perturb (cell key alone, until 2026-12-06)": Disclosure("perturb", SECRET, guarded=False),
    "perturb": Disclosure("perturb", SECRET),
}
PAIRS = 40  # the averaging attack's pairs of unions per target (docs/security.md: 40 recover a cell of 1-3 ~98%)
SHARED = ("sex", "rank", "employment_kind", "region", "education", "post_kind", "recruitment_path")  # (its filters)
Ask = Callable[[list[str], dict[str, list[str]]], "dict[str, Any] | None"]


def asker(services: Any, reader: Any) -> Ask:
    """The reader's headcount, None when refused (a filter's values: InvalidInput)."""

    def ask(by: list[str], filters: dict[str, list[str]]) -> dict[str, Any] | None:
        try:
            return dict(services.headcount(reader, by, filters))
        except InvalidInput:
            return None

    return ask


def targets(truth: Ask, agencies: list[str], most: int, rng: random.Random) -> list[tuple[str, str, int, list[str]]]:
    """Small cells to attack: units of 1 to 3 people (agency, unit, true count, the agency's other units), at most
    `most` of them drawn by `rng`."""
    found = []
    for agency in agencies:
        rows = (truth(["unit"], {"agency": [agency]}) or {"items": []})["items"]
        units = [r["unit"] for r in rows]
        found += [
            (agency, r["unit"], r["count"], [u for u in units if u != r["unit"]]) for r in rows if r["count"] <= 3
        ]
    return rng.sample(found, min(most, len(found)))


def union_attack(ask: Ask, agency: str, unit: str, others: list[str], rng: random.Random, pairs: int = PAIRS) -> float:
    """The averaging attack: the totals of `unit in {A} + S_i` and of `unit in S_i` for up to `pairs` different sets
    S_i of the agency's other units (at most 19 each), the mean of the differences that were given (NaN when none
    was: a request refused, as every union is a reader of aggregates under `withhold` and `perturb` since 2026-12-06,
    or a total withheld)."""
    differences = []
    drawn = [frozenset(rng.sample(others, rng.randint(1, min(19, len(others))))) for _ in range(pairs * 4) if others]
    for subset in list(dict.fromkeys(drawn))[:pairs]:  # (distinct, in the order drawn)
        with_a = ask(["unit"], {"agency": [agency], "unit": [unit, *sorted(subset)]})
        without = ask(["unit"], {"agency": [agency], "unit": sorted(subset)})
        if with_a and without and with_a["total"] is not None and without["total"] is not None:
            differences.append(with_a["total"] - without["total"])
    return statistics.mean(differences) if differences else math.nan


def conjunction_attack(ask: Ask, truth: Ask, agency: str, unit: str) -> float:
    """The attack left to a reader of one value per filter: for each set of the fields on which the cell's people
    share one value (learned from an inspector's counts: the attacker is assumed to know them), the agency's total
    filtered so less its other units' rows (each a different union: its own noise), the mean of those it could form
    (NaN when none: a total or a row withheld)."""
    shared = {}
    for name in SHARED:
        rows = (truth(["unit", name], {"agency": [agency]}) or {"items": []})["items"]
        values = {r[name] for r in rows if r["unit"] == unit}
        if len(values) == 1 and None not in values:  # (a field not given, e.g. no post_kind: no filter to ask)
            shared[name] = [str(values.pop())]
    estimates = []
    for size in range(len(shared) + 1):
        for names in itertools.combinations(sorted(shared), size):
            found = ask(["unit"], {"agency": [agency], **{n: shared[n] for n in names}})
            if not found or found["total"] is None:
                continue
            others = [r["count"] for r in found["items"] if r["unit"] != unit]
            if None not in others:
                estimates.append(found["total"] - sum(others))
    return statistics.mean(estimates) if estimates else math.nan


def recovered(estimate: float, true: int) -> bool:
    return not math.isnan(estimate) and round(estimate) == true


def sweep(url: str, name: str, repeat: int = 10, most: int = 12, seed: int = 3) -> dict[str, float]:
    disclosure = METHODS[name]
    test_config = {"TESTING": True, "CAREERLOG_DISCLOSURE": disclosure.method, "CAREERLOG_CELL_KEY_SECRET": SECRET}
    app = create_app(Settings(database_url=url), test_config=test_config)
    services = app.extensions["careerlog"]
    services.disclosure = disclosure
    try:
        services.projector.catch_up()
        accounts = services.accounts
        for account, role in (("sweep-reporter", "reporter"), ("sweep-inspector", "inspector")):
            try:
                accounts.get(account)
            except NotFound:  # (made on the first sweep)
                accounts.create(account, display_name=account, role=role, scope=Scope(national=True), nip=None)
        reporter, inspector = accounts.get("sweep-reporter"), accounts.get("sweep-inspector")
        ask, truth = asker(services, reporter), asker(services, inspector)
        agencies = [r["agency"] for r in services.queries.headcount(["agency"], {})]
        shown = errors = every = requests = 0
        for by, filters in shapes(agencies):
            requests += 1
            true_cells = cells(truth(by, filters) or {})
            given = ask(by, filters)  # (None: refused, none of its cells seen)
            given_cells = cells(given) if given else {}
            for key, true in true_cells.items():
                every += 1
                if given_cells.get(key) is not None:
                    shown += 1
                    errors += abs(int(given_cells[key] or 0) - int(true or 0))
        found = {"requests": requests, "cells": every, "published": shown / every, "mae": errors / max(shown, 1)}
        rng = random.Random(seed)
        attacked = targets(truth, agencies, most, rng)
        unions = conjunctions = either = 0
        for agency, unit, true, others in attacked:
            by_unions = recovered(union_attack(ask, agency, unit, others, rng), true)
            by_conjunctions = recovered(conjunction_attack(ask, truth, agency, unit), true)
            unions += by_unions
            conjunctions += by_conjunctions
            either += by_unions or by_conjunctions
        n = max(len(attacked), 1)
        found |= {
            "targets": len(attacked),
            "unions": unions / n,
            "conjunctions": conjunctions / n,
            "either": either / n,
        }
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
    parser.add_argument("--targets", type=int, default=12, help="small cells (units of 1-3 people) attacked")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="careerlog-disclosure-") as tmp:
        url = f"sqlite:///{tmp}/demo.db"
        careerlog = Path(sys.executable).with_name("careerlog")
        demo = [str(careerlog), "demo", "--employees", str(args.employees), "--seed", str(args.seed)]
        demo += ["--irregularities", f"{tmp}/irregularities.json"]
        subprocess.run(demo, check=True, env={"CAREERLOG_DATABASE_URL": url, "PATH": ""}, capture_output=True)
        for name in METHODS:
            found = sweep(url, name, args.repeat, args.targets, args.seed)
            print(
                f"{name}: {found['requests']} requests, {found['cells']} cells (rows and totals), "
                f"{found['published']:.1%} published, mean absolute error of those {found['mae']:.2f}; "
                f"{found['targets']} cells of 1-3 attacked, recovered by averaging {PAIRS} differences of unions "
                f"{found['unions']:.0%}, by differences of one-value filters {found['conjunctions']:.0%}, by either "
                f"{found['either']:.0%}; a national reporter's headcount, median of "
                + ", ".join(f"{args.repeat} by {by[0]} {found[f'ms by {by[0]}']:.1f} ms" for by in TIMED)
            )


if __name__ == "__main__":
    main()
