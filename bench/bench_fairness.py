# ruff: noqa: RUF005
"""Time the fairness and time-to-promotion queries on synthetic views of N employees (SQLite).

    .venv/bin/python bench/bench_fairness.py [employees]   (default 100000)

Writes promotion_rounds (5 rounds per employee, ~500k rows for 100k), roster, spells and
training tables straight into a fresh SQLite view store, then times each query.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from careerlog.config import Settings
from projections.merit.fairness import FairnessQueries
from projections.roster import ROSTER, SPELLS
from projections.store import open_view_store
from projections.training import TRAINING

POOL_COLUMNS = (
    "subject TEXT, round_date TEXT, agency TEXT, unit TEXT, region TEXT, rank TEXT, employment_kind TEXT, sex TEXT,"
    " education TEXT, birth_date TEXT, recruitment_path TEXT, eligible INTEGER, promoted INTEGER, performance REAL,"
    " training_jp REAL, days_in_rank INTEGER"
)


def main(employees: int) -> None:
    rng = np.random.default_rng(7)
    folder = Path(tempfile.mkdtemp())
    store = open_view_store(Settings(database_url=f"sqlite:///{folder}/bench.db")).sql
    subjects = [f"{i:018d}" for i in range(employees)]
    sex = rng.choice(["M", "F"], employees)
    agency = rng.choice([f"AG-{i}" for i in range(40)], employees)
    region = rng.choice([f"R{i}" for i in range(34)], employees)
    education = rng.choice(["SMA", "D3", "S1", "S2"], employees)
    born, month = rng.integers(1965, 2000, employees), rng.integers(1, 13, employees)
    birth = [f"{y}-{m:02d}-15" for y, m in zip(born, month, strict=True)]
    start = time.perf_counter()
    with store.transaction() as sql:
        for statement in [f"CREATE TABLE promotion_rounds ({POOL_COLUMNS})", *ROSTER.ddl(), *SPELLS.ddl()]:
            sql.execute(statement)
        for statement in TRAINING.ddl():
            sql.execute(statement)
        rounds = ["2022-04-01", "2022-10-01", "2023-04-01", "2023-10-01", "2024-04-01"]
        pool = []
        for k, day in enumerate(rounds):
            promoted = rng.random(employees) < np.where(sex == "F", 0.18, 0.22)
            for i in range(employees):
                pool.append(
                    (subjects[i], day, agency[i], "U1", region[i], "III/a", "PNS", sex[i], education[i], birth[i])
                    + ("CPNS", 1, int(promoted[i]), 80.0 + k, 20.0, 1000 + 180 * k)
                )
        sql.executemany(f"INSERT INTO promotion_rounds VALUES ({', '.join('?' * 16)})", pool)
        sql.executemany(
            ROSTER.insert_statement(),
            [
                (s, "x", sex[i], birth[i], "PNS", 1, "ACTIVE", agency[i], "U1", region[i], "III/b", 9, "2019-04-01")
                + ("2015-03-01", education[i], "", "", "", "CPNS", None, "", None)
                for i, s in enumerate(subjects)
            ],
        )
        years = rng.integers(2, 9, employees)
        spells = []
        for i, s in enumerate(subjects):
            promoted_on = f"{2015 + years[i]}-04-01"
            common = (agency[i], "U1", region[i])
            spells.append(
                (s, 1, "2015-03-01", promoted_on, *common, "III/a", "STRUCTURAL", education[i], "PNS", sex[i], "ACTIVE")
                + (None, "2016-03-01")  # performance_before, pns_from
            )
            spells.append(
                (s, 2, promoted_on, None, *common, "III/b", "STRUCTURAL", education[i], "PNS", sex[i], "ACTIVE")
                + (None, "2016-03-01")
            )
        sql.executemany(SPELLS.insert_statement(), spells)
    print(f"wrote {len(pool)} pool rows and {len(spells)} spells in {time.perf_counter() - start:.1f}s")
    queries = FairnessQueries(store)
    for label, call in [
        ("fairness --by sex", lambda: queries.fairness("sex")),
        ("fairness --by sex,agency", lambda: queries.fairness("sex,agency")),
        ("fairness --by age_band", lambda: queries.fairness("age_band")),
        ("time-to-promotion --by sex", lambda: queries.time_to_promotion("sex", end="2026-06-30")),
    ]:
        start = time.perf_counter()
        call()
        print(f"{label}: {time.perf_counter() - start:.2f}s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (whole process, incl. generating the data): {peak:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
