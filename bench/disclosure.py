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
GROUP BY as its counts, Queries.headcount).

    .venv/bin/python -m bench.disclosure --lp --employees 500 --seed 3

`--lp` instead: the linear-programming attack on each agency's unit x status x sex table (docs/security.md, "What it
does not prevent"). A national reporter asks the API (the Flask test client, a reporter's token) every headcount of
one value per filter over agency, unit, status and sex, by every other set of them (`lp_requests`); each figure shown
is a bound on the sum of the cells it counts, each cell a row of the reporter's own cross table (at least 1 person;
the cells not in it hold none): its value under `withhold`, within MAX_PERTURBATION and at least the minimum under
`perturb`, where a figure withheld is a small group (`bounds_of`). For each small cell the cross table withholds,
its least and most value by scipy's linprog (HiGHS), rounded to whole people; its true count must lie within them
(asserted: a failure means the bounds are wrong). Prints per method the cells withheld, those recovered exactly
(min == max) and those narrowed to an interval narrower than CAREERLOG_MIN_CELL (max - min below it).

    .venv/bin/python -m bench.disclosure --audit --code A_DIR --code B_DIR [--employees 2000 --seed 1 --tables 30]

`--audit` instead: `suppression.along_margins`'s audit across the lines of a table by several fields, two versions of
the code side by side (`git archive` snapshots, each run in a process of its own with PYTHONPATH its snapshot,
`audit_child`): the demo's tables by agency, unit and status (and by sex, and by agency, rank and status; each whole
and each agency's), then `--tables` seeded random sparse tables by three fields of 89-189 rows (`random_table`), every
small cell withheld with its complements (minimum 5). Prints per table and version the rows withheld, the seconds, and
the small cells a reader's integer programs pin to one value (`pinned_rows`, exact: every withheld row at least 1,
every line's sum given), then the totals side by side."""

from __future__ import annotations

import argparse
import itertools
import json
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

import numpy as np
from scipy.optimize import linprog

from careerlog.access import Scope
from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.domain.unit import unit_key
from careerlog.reference import reference
from projections import cellkey
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


# --lp: the linear-programming attack (docs/security.md, "What it does not prevent")
LP_FIELDS = ("agency", "unit", "status", "sex")  # the cross table attacked: each agency's unit x status x sex
LP_API = "/api/v1/reports/headcount"
Key = tuple[Any, ...]  # a cell of the cross table: its agency, unit, status and sex
Bound = tuple[frozenset[int], float, float]  # the cells a figure adds up, the least and the most their sum may be


def matches(name: str, value: Any, given: Any) -> bool:
    """Whether a cell's `value` of the field `name` is counted under the filter or row value `given`, as the filter
    reads it (a unit's name in any letter case or spacing)."""
    if name == "unit" and isinstance(value, str) and isinstance(given, str):
        return unit_key(value) == unit_key(given)
    return bool(value == given)


def lp_requests(keys: list[Key]) -> Iterator[tuple[list[str], dict[str, str]]]:
    """Every headcount of one value per filter a reporter can ask of the cross table: filters on any of its fields,
    each value one of the cells' (a filter that matches no cell shows only zeros, known already) but for `status` one
    that no cell of the other filters' values has too (none counted, but its count of every status is a figure: the
    same for each such status), by every other field and set of them (by agency alone when none is left)."""
    statuses = [s.code for s in reference().statuses]
    for size in range(len(LP_FIELDS) + 1):
        for names in itertools.combinations(LP_FIELDS, size):
            rest = [f for f in LP_FIELDS if f not in names]
            bys = [list(b) for n in range(1, len(rest) + 1) for b in itertools.combinations(rest, n)] or [["agency"]]
            others = [n for n in names if n != "status"]
            positions = [LP_FIELDS.index(n) for n in others]
            for values in sorted({tuple(key[p] for p in positions) for key in keys}, key=str):
                filters = dict(zip(others, values, strict=True))
                for status in lp_statuses(keys, filters, statuses) if "status" in names else [None]:
                    for by in bys:
                        yield by, filters | ({"status": status} if status else {})


def lp_statuses(keys: list[Key], filters: dict[str, str], statuses: list[str]) -> list[str]:
    """The statuses of the cells of these filters' values, and the first status none of them has."""
    status = LP_FIELDS.index("status")
    held = {key[status] for key in keys if all(key[LP_FIELDS.index(n)] == v for n, v in filters.items())}
    return [s for s in statuses if s in held] + [s for s in statuses if s not in held][:1]


def figures(found: dict[str, Any], filters: dict[str, str]) -> Iterator[tuple[dict[str, Any], int | None]]:
    """Each figure of a headcount as the fields its people share (a value each, or for `status` the list of those
    counted) and its count (None: withheld): its rows, its total and its count of every status."""
    counted = {**filters, "status": found["statuses"]}
    for item in found["items"]:
        yield {**counted, **{b: item[b] for b in found["by"]}}, item["count"]
    yield counted, found["total"]
    if found["total"] is None and found["total_all_statuses"] is None:
        return  # (withheld with the total, whatever its size: under `perturb` too since 6fa7f9ba, so no bound)
    yield {n: v for n, v in counted.items() if n != "status"}, found["total_all_statuses"]


def cells_of(keys: list[Key], shared: dict[str, Any]) -> frozenset[int]:
    def counted(key: Key) -> bool:
        for name, given in shared.items():
            value = key[LP_FIELDS.index(name)]
            if name == "status" and not isinstance(given, str):
                if value not in given:
                    return False
            elif not matches(name, value, given):
                return False
        return True

    return frozenset(i for i, key in enumerate(keys) if counted(key))


def bounds_of(figure: int | None, cells: frozenset[int], method: str, min_cell: int) -> tuple[float, float] | None:
    """What a figure tells of the sum of its cells, each at least 1 (a row of the cross table): under `withhold` a
    figure shown is that sum, one withheld tells nothing (a small group, or a complement of any size); under
    `perturb` a figure shown is the sum within MAX_PERTURBATION, and at least the minimum (smaller ones are withheld),
    one withheld is a small group (1 to min_cell - 1)."""
    if method == "withhold":
        return None if figure is None else (figure, figure)
    if figure is None:
        return (1, min_cell - 1)
    least = max(figure - cellkey.MAX_PERTURBATION, min_cell if cells else 0)
    return (least, figure + cellkey.MAX_PERTURBATION)


def linear_bounds(size: int, known: list[Bound], target: int) -> tuple[float, float]:
    """The least and the most cell `target` may hold (of `size` cells, each at least 1) under the bounds `known`, by
    linear programming (HiGHS); the figures must be consistent (a failure means the bounds are wrong)."""
    equal = [(cells, low) for cells, low, high in known if low == high]
    ranged = [(cells, low, high) for cells, low, high in known if low != high]

    def rows(sets: list[frozenset[int]]) -> np.ndarray[Any, Any] | None:
        matrix = np.zeros((len(sets), size))
        for r, cells in enumerate(sets):
            matrix[r, list(cells)] = 1
        return matrix if sets else None

    a_eq, b_eq = rows([c for c, _ in equal]), [v for _, v in equal] or None
    upper = rows([c for c, _, _ in ranged])
    a_ub = None if upper is None else np.vstack([upper, -upper])
    b_ub = [h for _, _, h in ranged] + [-lo for _, lo, _ in ranged] or None
    found = []
    for sign in (1, -1):
        objective = np.zeros(size)
        objective[target] = sign
        solved = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(1, None), method="highs")
        assert solved.success, f"the figures are inconsistent: {solved.message}"
        found.append(sign * solved.fun)
    return found[0], found[1]


def lp_attack(url: str, method: str) -> dict[str, Any]:
    """Every figure a national reporter reads of the cross table through the API (`lp_requests`) as bounds on sums
    of its cells, then each small cell that the reporter's own cross table withholds: its least and most value
    (`linear_bounds`), rounded to whole people; its true count (an inspector's) is always within them."""
    test_config = {
        "TESTING": True,
        "CAREERLOG_DISCLOSURE": method,
        "CAREERLOG_CELL_KEY_SECRET": SECRET,
        "CAREERLOG_API_RATE_LIMIT": None,
    }
    app = create_app(Settings(database_url=url), test_config=test_config)
    services = app.extensions["careerlog"]
    try:
        services.projector.catch_up()
        try:
            services.accounts.get("lp-reporter")
        except NotFound:  # (made on the first method's run)
            services.accounts.create(
                "lp-reporter", display_name="lp-reporter", role="reporter", scope=Scope(national=True), nip=None
            )
        token = services.accounts.issue_token("lp-reporter", days=1).token
        min_cell = services.min_cell
        client = app.test_client()

        def ask(by: list[str], filters: dict[str, str]) -> dict[str, Any] | None:
            query = {"by": ",".join(by), **filters}
            answer = client.get(LP_API, query_string=query, headers={"Authorization": f"Bearer {token}"})
            return answer.get_json() if answer.status_code == 200 else None

        start = time.perf_counter()
        table = ask(list(LP_FIELDS), {})
        assert table is not None
        keys = [tuple(item[f] for f in LP_FIELDS) for item in table["items"]]
        truth = {tuple(r[f] for f in LP_FIELDS): r["count"] for r in services.queries.headcount(list(LP_FIELDS), {})}
        assert set(truth) == set(keys), "the cross table's rows are its cells of at least one person"
        known: dict[frozenset[int], tuple[float, float]] = {}
        requests = refused = 0
        for by, filters in lp_requests(keys):
            requests += 1
            found = ask(by, filters)
            if found is None:
                refused += 1
                continue
            for shared, figure in figures(found, filters):
                cells = cells_of(keys, shared)
                bound = bounds_of(figure, cells, method, min_cell)
                if bound is not None and cells:
                    low, high = known.get(cells, (-math.inf, math.inf))
                    known[cells] = (max(low, bound[0]), min(high, bound[1]))
        asked = time.perf_counter() - start
        bounded = [(cells, low, high) for cells, (low, high) in known.items()]
        withheld = [i for i, item in enumerate(table["items"]) if item["count"] is None and truth[keys[i]] < min_cell]
        values = dict.fromkeys(range(1, min_cell + 2), 0)  # (how many whole values each may be: min_cell + 1, more)
        found_bounds = []
        for i in withheld:
            least, most = linear_bounds(len(keys), bounded, i)
            low, high = math.ceil(least - 1e-6), math.floor(most + 1e-6)  # (whole people)
            assert low <= truth[keys[i]] <= high, f"{keys[i]}: {truth[keys[i]]} outside [{least}, {most}]"
            values[min(high - low + 1, min_cell + 1)] += 1
            found_bounds.append((truth[keys[i]], least, most))
        return {
            "requests": requests,
            "refused": refused,
            "figures": len(bounded),
            "cells": len(keys),
            "withheld": len(withheld),
            "values": values,
            "bounds": found_bounds,
            "min_cell": min_cell,
            "asked_s": asked,
            "solved_s": time.perf_counter() - start - asked,
        }
    finally:
        services.close()


def lp_line(method: str, found: dict[str, Any]) -> str:
    values, cell = found["values"], found["min_cell"]
    narrowed = sum(values[n] for n in range(2, cell + 1))  # (max - min below the minimum)
    return (
        f"{method} (--lp): {found['requests']} requests ({found['refused']} refused), {found['figures']} distinct "
        f"figures over the {found['cells']} cells of the agencies' unit x status x sex tables; {found['withheld']} "
        f"small cells withheld, {values[1]} recovered exactly (min == max), {narrowed} narrowed to an interval "
        f"narrower than the minimum {cell} (max - min < {cell}; left "
        + ", ".join(f"{n} values {values[n]}" for n in range(2, cell + 1))
        + f", more {values[cell + 1]}); asked in {found['asked_s']:.1f} s, solved in {found['solved_s']:.1f} s"
    )


# --audit: the audit across lines (suppression.along_margins), two versions side by side
AUDIT_FIELDS = (("agency", "unit", "status"), ("agency", "unit", "status", "sex"), ("agency", "rank", "status"))
RANDOM_FIELDS = ("a", "b", "c")
AUDIT_MIN_CELL = 5


def lines_of(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> list[list[int]]:
    """The lines of a table whose sums a reader is given: the whole table, and each set of rows alike in every field
    but one (a row of the table by the other fields)."""
    found: list[list[int]] = [list(range(len(rows)))]
    for field in fields:
        grouped: dict[tuple[Any, ...], list[int]] = {}
        for i, row in enumerate(rows):
            grouped.setdefault(tuple(row[f] for f in fields if f != field), []).append(i)
        found += grouped.values()
    return found


def values_left(
    rows: list[dict[str, Any]], fields: tuple[str, ...], hidden: set[int], row: int, min_cell: int
) -> tuple[float, float]:
    """The least and the most people the published figures leave the withheld row `row` (integer programs, exact):
    every withheld row a whole number of at least 1, the shown rows as shown, each line's sum given but a line of one
    row (that row: the table by the other fields judges it) and a line of fewer than `min_cell` (a small cell there,
    withheld). The most is inf where nothing bounds it."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    withheld = sorted(hidden)
    at = {i: k for k, i in enumerate(withheld)}
    equations, sums = [], []
    for line in lines_of(rows, fields):
        people = sum(rows[i]["count"] for i in line)
        inside = [at[i] for i in line if i in hidden]
        if len(line) > 1 and not (0 < people < min_cell) and inside:
            equation = np.zeros(len(withheld))
            equation[inside] = 1
            equations.append(equation)
            sums.append(people - sum(rows[i]["count"] for i in line if i not in hidden))
    cost = np.zeros(len(withheld))
    cost[at[row]] = 1
    found = []
    for sign in (1, -1):
        solved = milp(
            sign * cost,
            constraints=[LinearConstraint(np.array(equations), sums, sums)] if equations else [],
            integrality=np.ones(len(withheld)),
            bounds=Bounds(1, np.inf),
        )
        assert solved.status in (0, 3), solved.message  # (3: unbounded)
        found.append(sign * solved.fun if solved.status == 0 else sign * math.inf)
    return found[0], found[1]


def pinned_rows(
    rows: list[dict[str, Any]], fields: tuple[str, ...], hidden: set[int], targets: set[int], min_cell: int
) -> set[int]:
    """The targets withheld that the figures leave one value (`values_left`), less those the sums alone pin (with
    every row withheld: the tables by the other fields' cells, judged there)."""
    everything = set(range(len(rows)))
    one = {i for i in targets & hidden if len(set(values_left(rows, fields, hidden, i, min_cell))) == 1}
    return {i for i in one if len(set(values_left(rows, fields, everything, i, min_cell))) > 1}


def random_table(rng: random.Random, shape: list[int], density: float, share: float) -> list[dict[str, Any]]:
    """A sparse table by RANDOM_FIELDS: each cell occupied with `density`, small (1-4) with `share`, else 5-30."""
    return [
        {"a": a, "b": b, "c": c, "count": rng.randint(1, 4) if rng.random() < share else rng.randint(5, 30)}
        for a, b, c in itertools.product(*(range(n) for n in shape))
        if rng.random() < density
    ]


def audit_tables(url: str, count: int, seed: int) -> list[dict[str, Any]]:
    """The tables `--audit` judges: the demo's by AUDIT_FIELDS (the whole and each agency's, of more than 40 rows)
    and `count` random ones of 89-189 rows, each with its name, fields and rows."""
    app = create_app(Settings(database_url=url), test_config={"TESTING": True})
    services = app.extensions["careerlog"]
    found: list[dict[str, Any]] = []
    try:
        services.projector.catch_up()
        for fields in AUDIT_FIELDS:
            rows = [
                {**{f: str(r[f]) for f in fields}, "count": int(r["count"])}
                for r in services.queries.headcount(list(fields), {})
            ]
            found.append({"name": "by " + ",".join(fields), "fields": list(fields), "rows": rows})
            for agency in sorted({str(r["agency"]) for r in rows}):
                inside = [r for r in rows if r["agency"] == agency]
                if len(inside) > 40:
                    name = f"by {','.join(fields[1:])} of {agency}"
                    found.append({"name": name, "fields": list(fields[1:]), "rows": inside})
    finally:
        services.close()
    rng, tried = random.Random(seed), 0
    while sum(t["name"].startswith("random") for t in found) < count:
        tried += 1
        rows = random_table(
            rng, [rng.randint(4, 8) for _ in RANDOM_FIELDS], rng.uniform(0.3, 0.6), rng.uniform(0.05, 0.25)
        )
        if 89 <= len(rows) <= 189:
            found.append({"name": f"random {tried}", "fields": list(RANDOM_FIELDS), "rows": rows})
    return found


def audit_child(path: str) -> None:
    """One version's run (its snapshot first on PYTHONPATH): each table's rows withheld and seconds, as JSON."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from projections import suppression

    tables = json.loads(Path(path).read_text())
    answers = []
    for table in tables:
        rows, small = table["rows"], {i for i, r in enumerate(table["rows"]) if 0 < r["count"] < AUDIT_MIN_CELL}
        start = time.perf_counter()
        with threadpool_limits(limits=1, user_api="blas"):  # (as the audit itself does since 2026-12-08)
            hidden = suppression.along_margins(rows, suppression.HEADCOUNT, set(small), table["fields"], AUDIT_MIN_CELL)
        answers.append({"withheld": sorted(hidden), "seconds": time.perf_counter() - start})
    print(json.dumps({"code": suppression.__file__, "answers": answers}))


def audit(url: str, codes: list[str], count: int, seed: int) -> None:
    """Each table judged by each version (a process each), then the small cells each leaves pinned."""
    tables = audit_tables(url, count, seed)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(tables, handle)
    runs = {}
    for code in codes:
        command = [sys.executable, str(Path(__file__).resolve()), "--audit-child", handle.name]
        env = {"PATH": "", "PYTHONPATH": str(Path(code).resolve())}
        out = subprocess.run(command, cwd=code, env=env, check=True, capture_output=True, text=True).stdout
        runs[code] = json.loads(out.strip().splitlines()[-1])
        print(f"code measured: {runs[code]['code']}", flush=True)
    Path(handle.name).unlink()
    totals = {code: {"seconds": 0.0, "withheld": 0, "pinned": 0, "whole": 0} for code in codes}
    for n, table in enumerate(tables):
        rows, fields = table["rows"], tuple(table["fields"])
        small = {i for i, r in enumerate(rows) if 0 < r["count"] < AUDIT_MIN_CELL}
        parts = []
        for code in codes:
            answer = runs[code]["answers"][n]
            hidden = set(answer["withheld"])
            pinned = pinned_rows(rows, fields, hidden, small, AUDIT_MIN_CELL)
            total = totals[code]
            total["seconds"] += answer["seconds"]
            total["withheld"] += len(hidden)
            total["pinned"] += len(pinned)
            total["whole"] += len(hidden) == len(rows)
            parts.append(f"{len(hidden)} withheld, {len(pinned)} pinned, {answer['seconds']:.2f} s")
        print(f"{table['name']} ({len(rows)} rows, {len(small)} small): " + " | ".join(parts), flush=True)
    for code in codes:
        total = totals[code]
        print(
            f"{code}: {len(tables)} tables, {total['withheld']} rows withheld ({total['whole']} tables whole), "
            f"{total['pinned']} small cells pinned, {total['seconds']:.1f} s"
        )
    if len(codes) == 2:
        a, b = (totals[code]["seconds"] for code in codes)
        print(f"seconds B / A: {b / max(a, 1e-9):.1f}")


def demo_store(tmp: str, employees: int, seed: int) -> str:
    url = f"sqlite:///{tmp}/demo.db"
    careerlog = Path(sys.executable).with_name("careerlog")
    demo = [str(careerlog), "demo", "--employees", str(employees), "--seed", str(seed)]
    demo += ["--irregularities", f"{tmp}/irregularities.json"]
    subprocess.run(demo, check=True, env={"CAREERLOG_DATABASE_URL": url, "PATH": ""}, capture_output=True)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=500)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=10, help="timed requests of each shape (the median printed)")
    parser.add_argument("--targets", type=int, default=12, help="small cells (units of 1-3 people) attacked")
    parser.add_argument("--lp", action="store_true", help="the linear-programming attack on each agency's table")
    parser.add_argument("--audit", action="store_true", help="the audit across lines, two versions side by side")
    parser.add_argument("--code", action="append", default=[], help="--audit: a snapshot of the code (A, then B)")
    parser.add_argument("--tables", type=int, default=30, help="--audit: the random tables judged")
    parser.add_argument("--audit-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit_child:
        audit_child(args.audit_child)
        return
    with tempfile.TemporaryDirectory(prefix="careerlog-disclosure-") as tmp:
        url = demo_store(tmp, args.employees, args.seed)
        if args.audit:
            audit(url, args.code or ["."], args.tables, args.seed)
            return
        if args.lp:
            for method in ("withhold", "perturb"):
                print(lp_line(method, lp_attack(url, method)), flush=True)
            return
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
