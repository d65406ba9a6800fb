"""A rebuild's CPU and each view table's rows, as digests: for comparing two versions of the code.

`make` imports the demo export of N employees into a SQLite store (once); `run` copies that store,
rebuilds every view (or those named) in this process, and prints the rebuild's CPU and wall seconds
and a SHA-256 of each view table's rows (every column in the table's order, the rows in primary-key
order, each value with its type). Two versions of the code compare by running `run` on the same store
from each version's tree, alternately (`python -m` puts the current directory first on sys.path):

    .venv/bin/python -m bench.rebuild_digest make /tmp/store.db --employees 2000
    (cd /tmp/old && .venv/bin/python -m bench.rebuild_digest run /tmp/store.db)
    (cd /tmp/new && .venv/bin/python -m bench.rebuild_digest run /tmp/store.db)

Every view's rows should be the same for a change that only makes the rebuild cheaper.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from careerlog.config import Settings
from projections.registry import projector, select


def make(path: Path, employees: int, seed: int) -> None:
    from bench.common import demo_export
    from bench.rebuild import load

    if path.exists():
        raise SystemExit(f"{path} exists")
    export = demo_export(employees, seed)
    load(Settings(database_url=f"sqlite:///{path}"), argparse.Namespace(employees=employees, seed=seed))
    print(f"{path}: {employees} employees (seed {seed}) from {export}")


def digests(path: Path, views: list[str] | None) -> dict[str, str]:
    """A SHA-256 of each view table's rows: every column in order, rows by primary key, each value's type kept."""
    found = {}
    conn = sqlite3.connect(path)
    try:
        for table in (t for p in select(views) for t in p.tables):
            digest = hashlib.sha256()
            order = ", ".join(table.primary_key)
            columns = ", ".join(table.column_names)
            for row in conn.execute(f"SELECT {columns} FROM {table.name} ORDER BY {order}"):
                digest.update(repr(row).encode())
                digest.update(b"\n")
            found[table.name] = digest.hexdigest()[:16]
    finally:
        conn.close()
    return found


def run(store: Path, views: list[str] | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="careerlog-digest-") as tmp:
        copy = Path(tmp) / "store.db"
        shutil.copyfile(store, copy)
        worker = projector(Settings(database_url=f"sqlite:///{copy}"), views)
        try:
            start, start_cpu = time.perf_counter(), time.process_time()
            worker.rebuild()
            cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start
        finally:
            worker.close()
        found = digests(copy, views)
    everything = hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()[:16]
    return {"cpu": round(cpu, 3), "wall": round(wall, 3), "load": os.getloadavg()[0], "all": everything, **found}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make", help="import the demo export into a new SQLite store")
    m.add_argument("store", type=Path)
    m.add_argument("--employees", type=int, default=2000)
    m.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("run", help="rebuild a copy of the store; print CPU seconds and each view table's digest")
    r.add_argument("store", type=Path)
    r.add_argument("--views", help="comma-separated (default: every view)")
    args = p.parse_args(argv)
    if args.command == "make":
        make(args.store, args.employees, args.seed)
        return
    views = [v for v in args.views.split(",") if v] if args.views else None
    print(json.dumps({"code": str(Path(__file__).resolve().parent.parent), **run(args.store, views)}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
