"""The cost of a read's access-log rows: one row (a record read) against a page of them (a roster page or a search,
50 rows), written as careerlog writes them (`Accounts.record_reads`: one statement, one commit), on SQLite (WAL,
synchronous NORMAL) and PostgreSQL (the durable commit and CAREERLOG_ACCESS_LOG_COMMIT=fast). Prints per call the
median wall and the mean process CPU in milliseconds. The PostgreSQL side uses a schema of its own, dropped after.

    .venv/bin/python -m bench.access_log_rows [--calls 300] [--rounds 2] [--postgres-url URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import psycopg

from careerlog.access import Role, Scope
from careerlog.accounts import Accounts
from careerlog.config import Settings
from careerlog.sqlstore import open_store

SCHEMA = "t_bench_access_log_rows"


def measured(url: str, durable: bool, rows: int, calls: int) -> tuple[float, float]:
    """(median wall, mean CPU) in ms of `calls` writes of `rows` rows, after 20 not counted."""
    store = open_store(Settings(database_url=url))
    accounts = Accounts(store, durable_access_log=durable)
    accounts.create_tables()
    name = f"bench-{os.urandom(4).hex()}"
    reader = accounts.create(name, display_name="Bench", role=Role.HR, scope=Scope(agencies=("KOTA-MEDAN",)))
    places = [(str(198000000000000000 + i), "KOTA-MEDAN", "12.71") for i in range(rows)]
    for _ in range(20):
        accounts.record_reads(reader, "roster", places)
    walls, cpu = [], 0.0
    for _ in range(calls):
        wall, used = time.perf_counter(), time.process_time()
        accounts.record_reads(reader, "roster", places)
        walls.append(time.perf_counter() - wall)
        cpu += time.process_time() - used
    store.close()
    return statistics.median(walls) * 1e3, cpu / calls * 1e3


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args(argv)
    for option in ("calls", "rounds"):
        if getattr(args, option) < 1:
            parser.error(f"--{option} must be at least 1")
    pg = args.postgres_url
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        conn.execute(f"CREATE SCHEMA {SCHEMA}")
    try:
        with tempfile.TemporaryDirectory() as directory:
            stores = [
                ("sqlite", f"sqlite:///{directory}/bench.db", True),
                ("postgres durable", f"{pg}?schema={SCHEMA}", True),
                ("postgres fast", f"{pg}?schema={SCHEMA}", False),
            ]
            for round_ in range(args.rounds):
                for name, url, durable in stores:
                    for rows in (1, 50):
                        wall, cpu = measured(url, durable, rows, args.calls)
                        print(f"round {round_} {name:16s} {rows:2d} rows: wall {wall:.3f} ms, cpu {cpu:.3f} ms")
    finally:
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


if __name__ == "__main__":
    main()
