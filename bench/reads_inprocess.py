"""Reads in-process: the CPU and wall milliseconds of one request to each endpoint, without a server.

The WSGI app is called directly (no HTTP, no other clients), so the figures are careerlog's
own work per request, steadier than latency through a server on a shared machine; with
--profile, pyinstrument shows where that time goes. Uses the store `bench.reads --keep`
loaded (same --employees, --seed, --store, --roster-rows).

    .venv/bin/python -m bench.reads --employees 1000 --store sqlite --keep --seconds 1
    .venv/bin/python -m bench.reads_inprocess --employees 1000 --store sqlite --requests 300 [--rounds 5]
    .venv/bin/python -m bench.reads_inprocess --employees 1000 --store sqlite --profile timeline
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from flask import Flask
from werkzeug.test import EnvironBuilder

from bench.common import parser, positive, report
from bench.reads import COPY, PAGE, bench_app, kept_store, last_page, roster_cursors
from careerlog.accounts import open_accounts
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_store

Environ = dict[str, Any]


def paths(settings: Settings, count: int) -> dict[str, list[str]]:
    """`count` request paths per endpoint (random employees, pages and cursors)."""
    store = open_store(settings)
    try:
        nips = [r["subject"] for r in store.query(f"SELECT subject FROM roster WHERE subject NOT LIKE '%{COPY}%'")]
        pages = last_page(int(store.scalar("SELECT COUNT(*) AS n FROM roster")))
    finally:
        store.close()
    rng = random.Random(1)
    chosen = [rng.choice(nips) for _ in range(count)]
    found = {
        "bare": ["/bare"] * count,
        "bare timeline": [f"/bare/timeline/{nip}" for nip in chosen],
        "bare timeline + log": [f"/bare/timeline/{nip}/logged" for nip in chosen],
        "timeline": [f"/api/v1/employees/{nip}/timeline" for nip in chosen],
        "bare eligibility": [f"/bare/eligibility/{nip}" for nip in chosen],
        "bare eligibility + log": [f"/bare/eligibility/{nip}/logged" for nip in chosen],
        "eligibility": [f"/api/v1/employees/{nip}/eligibility" for nip in chosen],
        "roster page": [f"/api/v1/employees?page={rng.randint(1, pages)}&per_page={PAGE}" for _ in range(count)],
    }
    cursors = roster_cursors(settings)
    if cursors:
        found["roster after"] = [f"/api/v1/employees?per_page={PAGE}&after={rng.choice(cursors)}" for _ in chosen]
    return found


def environs(paths: Iterable[str], token: str) -> list[Environ]:
    built = []
    for path in paths:
        route, _, query = path.partition("?")
        builder = EnvironBuilder(path=route, query_string=query, headers={"Authorization": f"Bearer {token}"})
        built.append(builder.get_environ())
    return built


def timed(app: Callable[..., Iterable[bytes]], requests: list[Environ]) -> tuple[float, float]:
    """Wall and CPU milliseconds per request (each answered in full, each a 200)."""

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        if not status.startswith("200"):
            raise SystemExit(f"a request answered {status}")

    wall, cpu = time.perf_counter(), time.process_time()
    for environ in requests:
        b"".join(app(dict(environ), start_response))
    return (time.perf_counter() - wall) * 1e3 / len(requests), (time.process_time() - cpu) * 1e3 / len(requests)


def arguments(description: str, argv: list[str] | None, requests: int, example: str) -> argparse.Namespace:
    """The options of an in-process benchmark (this one's, bench.reports_inprocess's), checked."""
    p = parser(description)
    p.add_argument("--requests", type=int, default=requests, help=f"requests per endpoint (default {requests})")
    p.add_argument(
        "--rounds", type=int, default=1, help="time each endpoint this many times, in turn; the median is shown"
    )
    p.add_argument("--roster-rows", type=int, default=0, help="as given to bench.reads --keep")
    p.add_argument("--clone-employees", type=int, default=0, help="as given to bench.reads --keep")
    p.add_argument("--profile", help=f"an endpoint to profile with pyinstrument instead (e.g. {example})")
    p.add_argument(
        "--cold", action="store_true", help="forget the answers kept per worker (web.kept) before each request"
    )
    args = p.parse_args(argv)
    positive(args)
    if args.rounds < 1 or args.requests < 1:
        raise SystemExit("--rounds and --requests: each must be at least 1")
    return args


Requests = Callable[[Settings, SqlStore], dict[str, list[Environ]]]
Timings = dict[str, dict[str, Any]]


def timed_rounds(
    args: argparse.Namespace, requests: Requests, bare: Mapping[str, str] | None = None, *, warm: int = 20
) -> Timings | None:
    """The kept store's app (refused when `bench.reads --keep` kept none of this size) asked `requests(settings,
    store)` (each endpoint's requests, by name; `store` the app's, for its tokens), each warmed up with its first
    `warm`; then `args.profile`'s profiled (None returned), or every endpoint and every plain statement of `bare` (by
    name, read `args.requests` times) timed once a round for `args.rounds` rounds, in turn, so that a busy spell
    hits them all: each one's median wall and CPU milliseconds and every round's CPU. This benchmark's and
    bench.reports_inprocess's."""
    with kept_store(args) as (settings, loaded):
        if not loaded:
            raise SystemExit("no kept store of this size: run bench.reads with --keep and the same options first")
        os.environ["CAREERLOG_DATABASE_URL"] = settings.database_url
        app = bench_app()
        call = forgetting(app) if args.cold else app
        try:
            store = app.extensions["careerlog"].projector.views.sql
            found = requests(settings, store)
            for each in found.values():
                timed(call, each[:warm])  # warm up (the views caught up)
            if args.profile:
                profile(call, found[args.profile])
                return None
            measures: dict[str, Callable[[], tuple[float, float]]] = {
                **{name: partial(timed, call, each) for name, each in found.items()},
                **{name: partial(statement_timed, store, q, args.requests) for name, q in (bare or {}).items()},
            }
            rounds: dict[str, list[tuple[float, float]]] = {name: [] for name in measures}
            for _ in range(args.rounds):  # each round times every endpoint once, so that a busy spell hits them all
                for name, measure in measures.items():
                    rounds[name].append(measure())
            results: Timings = {}
            for name, timings in rounds.items():
                wall, cpu = (statistics.median(t[i] for t in timings) for i in (0, 1))
                results[name] = {"wall_ms": wall, "cpu_ms": cpu, "rounds_cpu_ms": [t[1] for t in timings]}
            return results
        finally:
            app.extensions["careerlog"].close()


def forgetting(app: Flask) -> Callable[..., Iterable[bytes]]:
    """The app, its answers kept per worker (web.kept: the reports', the fairness statistics', the scorecards')
    forgotten before each request, so that each is computed as a first request is."""

    def call(environ: Environ, start_response: Callable[..., Any]) -> Iterable[bytes]:
        app.extensions.pop("careerlog.kept", None)
        return app(environ, start_response)

    return call


def heading(what: str, args: argparse.Namespace) -> str:
    """The first line of an in-process benchmark's figures (`what`: reads, reports)."""
    rounds = f", median of {args.rounds} rounds" if args.rounds > 1 else ""
    rounds += ", nothing kept (--cold)" if args.cold else ""
    return f"{what} in-process, {args.employees} employees, {args.store}, {args.requests} requests each{rounds}"


def statement_timed(store: SqlStore, statement: str, count: int) -> tuple[float, float]:
    """Wall and CPU milliseconds per plain query (its rows read), `count` times."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        store.query(statement)
    return (time.perf_counter() - wall) * 1e3 / count, (time.process_time() - cpu) * 1e3 / count


def main(argv: list[str] | None = None) -> None:
    args = arguments(__doc__.splitlines()[0], argv, 300, "timeline")

    def requests(settings: Settings, store: SqlStore) -> dict[str, list[Environ]]:
        token = open_accounts(settings, store).issue_token("bench", days=1).token
        return {name: environs(each, token) for name, each in paths(settings, args.requests).items()}

    results = timed_rounds(args, requests)
    if results is None:
        return
    lines = [heading("reads", args)]
    for name, result in results.items():
        lines.append(f"{name:<22} {result['wall_ms']:7.2f} ms wall  {result['cpu_ms']:7.2f} ms CPU per request")
    report("reads_inprocess", args, {"requests": args.requests, "rounds": args.rounds, "results": results}, lines)


def profile(app: Callable[..., Iterable[bytes]], requests: list[Environ]) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    timed(app, requests)
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    main()
