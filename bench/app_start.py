"""What making the Flask app costs (`web.create_app`, once a functional test and once a gunicorn worker), two versions
of the code side by side, on SQLite and on PostgreSQL:

    .venv/bin/python -m bench.app_start --code A_DIR --code B_DIR [--calls 20] [--pairs 3] [--store sqlite,postgres]
        [--server]

A_DIR and B_DIR are `git archive` snapshots of the two commits. Each run is a new process started from inside its
snapshot (PYTHONPATH=snapshot), with what the tests install in each process (`import tests`: werkzeug's URL rules
parsed and their builders compiled once, the templates' code kept; `--server`: without, as a server's worker), that
makes a store (SQLite on /dev/shm, or a PostgreSQL schema of its own, dropped
after), opens it once as a test's first app does (the tables made), then makes `--calls` apps on it, closing each as
a test does: the median wall and CPU milliseconds of a `create_app` and of each of its phases (the store opened,
`Services.build`; the API's routes, `init_api`; the pages', `init_pages`; the rest) and of its `close`. It prints each
run's line, then each version's medians side by side with B / A, and whether the two versions' apps are the same: a
digest of every rule (its path, endpoint, methods and whether it merges slashes), the URL each builds (`url_for`
with a value for each argument, and an unknown argument as its query) and the OpenAPI document's body.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
TMPFS = "/dev/shm"  # noqa: S108  # (the SQLite store in memory, as the tests' on this machine)
PHASES = ("create_app", "store", "api", "pages", "rest", "close")
CONFIG = {"TESTING": True, "CAREERLOG_WAIT_SECONDS": 5.0}  # (tests/functional/conftest.py's TEST_CONFIG)


@contextmanager
def store_url(store: str) -> Iterator[str]:
    if store == "sqlite":
        with tempfile.TemporaryDirectory(dir=TMPFS if Path(TMPFS).is_dir() else None) as directory:
            yield f"sqlite:///{directory}/careerlog.db"
        return
    import psycopg

    schema = f"bench_app_start_{uuid.uuid4().hex[:8]}"
    try:
        yield f"{POSTGRES_URL}?schema={schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def digest(app: Any) -> str:
    """The app's rules, the URL each builds and the OpenAPI document, as one digest."""
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
    seen = []
    with app.test_request_context("/"):
        from flask import url_for

        for rule in rules:
            values = dict.fromkeys(rule.arguments, "1")
            built = url_for(rule.endpoint, **values, unknown="x y") if not rule.defaults else ""
            seen.append([rule.rule, rule.endpoint, sorted(rule.methods or ()), rule.merge_slashes, built])
    document = app.test_client().get("/api/openapi.json").get_data()
    return hashlib.sha256(json.dumps(seen).encode() + document).hexdigest()[:16]


def child(store: str, calls: int, server: bool) -> dict[str, Any]:
    """One run, inside the version whose code PYTHONPATH names first."""
    if not server:
        import tests  # noqa: F401  # (its installs: tests/__init__.py)
    import web.app
    from careerlog.config import Settings

    spent: dict[str, list[float]] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent.setdefault(f"{name}_wall", []).append(time.perf_counter() - wall)
                spent.setdefault(f"{name}_cpu", []).append(time.process_time() - cpu)

        return run

    build = web.app.Services.build
    web.app.Services.build = timed("store", build)  # type: ignore[method-assign]
    web.app.init_api = timed("api", web.app.init_api)
    web.app.init_pages = timed("pages", web.app.init_pages)
    create = timed("create_app", web.app.create_app)
    found: dict[str, Any] = {"code": web.app.__file__}
    with store_url(store) as url:
        settings = Settings(database_url=url)
        first = web.app.create_app(settings, test_config=dict(CONFIG))
        first.extensions["careerlog"].jobs  # noqa: B018  # (the import jobs' table, as a test's world has it)
        found["digest"] = digest(first)
        first.extensions["careerlog"].close()
        spent.clear()
        for _ in range(calls):
            app = create(settings, test_config=dict(CONFIG))
            timed("close", app.extensions["careerlog"].close)()
    for clock in ("wall", "cpu"):
        phases = (spent[f"{name}_{clock}"] for name in ("create_app", "store", "api", "pages"))
        rest = [c - s - a - p for c, s, a, p in zip(*phases, strict=True)]
        spent[f"rest_{clock}"] = rest
    for name in PHASES:
        for clock in ("wall", "cpu"):
            found[f"{name}_{clock}_ms"] = 1000 * statistics.median(spent[f"{name}_{clock}"])
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", action="append", required=True, help="a snapshot of the code (twice: A, then B)")
    parser.add_argument("--store", default="sqlite,postgres", help="sqlite, postgres or both (default)")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--server", action="store_true", help="without the tests' installs (tests/__init__.py)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.store, args.calls, args.server)))
        return
    if len(args.code) != 2:
        parser.error("--code twice: A_DIR and B_DIR")
    stores = args.store.split(",")
    if not set(stores) <= {"sqlite", "postgres"}:
        parser.error("--store: sqlite, postgres or both")
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {(s, c): [] for s in stores for c in args.code}
    for _ in range(args.pairs):
        for store in stores:
            for code in args.code:
                command = [sys.executable, str(Path(__file__).resolve()), "--child", "--store", store]
                command += ["--calls", str(args.calls), "--code", code] + (["--server"] if args.server else [])
                env = {**os.environ, "PYTHONPATH": str(Path(code).resolve())}
                out = subprocess.run(command, cwd=code, env=env, check=True, capture_output=True, text=True).stdout
                line = out.strip().splitlines()[-1]
                runs[(store, code)].append(json.loads(line))
                print(store, line, flush=True)
    a, b = args.code
    made = "a server's worker" if args.server else "the tests (tests/__init__.py's installs)"
    print(f"apps made as by {made}; medians of {args.pairs} runs of {args.calls} apps each; milliseconds an app; B / A")
    for store in stores:
        for name in PHASES:
            for clock in ("wall", "cpu"):
                figure = f"{name}_{clock}_ms"
                old = statistics.median(run[figure] for run in runs[(store, a)])
                new = statistics.median(run[figure] for run in runs[(store, b)])
                print(f"{store:<8} {figure:<18} A {old:8.1f}  B {new:8.1f}  B/A {new / max(old, 1e-9):5.2f}")
        digests = {run["digest"] for run in [*runs[(store, a)], *runs[(store, b)]]}
        print(f"{store:<8} the same app (rules, URLs built, OpenAPI document) in every run: {len(digests) == 1}")


if __name__ == "__main__":
    main()
