"""The passed-over pairs (GET /api/v1/audits/passed-over, its page) recomputed after a write, side by side: with
nothing kept (as every unit was compared after any event until later on 2026-12-07) and with the units' 202 and post
comparisons kept (projections.merit.passed_over.KeptUnits, a web worker's), each scope's two answers compared as
JSON. It records into the store given (a 2 JP seminar per round, then the views caught up): a copy or a demo store.

    .venv/bin/python -m bench.passed_over_after_write --database-url URL [--rounds 2] [--nip NIP]

URL as bench.bench_merit's (a store whose views are up to date: `careerlog run`'s, or `careerlog demo` then
`careerlog projections run --once`). Each round writes the seminar to `--nip` (default: the first colleague of a pair
of a 202 or post decision with a record open to it, one whose unit is compared again), then times each scope.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput
from projections.merit.passed_over import KeptUnits
from web.services import Services

SCOPES: tuple[dict[str, list[str]], ...] = ({}, {"agency": ["KOTA-MEDAN"]}, {"region": ["12.71"]})


def seminar(round_: int) -> dict[str, Any]:
    day = f"2026-10-{10 + round_:02d}"
    return {
        "training_kind": "SEMINAR",
        "title": f"Seminar bench {round_} {time.time_ns()}",
        "organiser": "BPSDM",
        "hours": 2,
        "start_date": day,
        "effective_date": day,
        "reference": f"SEM-BENCH-{time.time_ns()}",
    }


def write(services: Services, candidates: list[str], round_: int) -> str:
    """The seminar recorded for the first candidate whose record takes it (not separated before its day)."""
    for nip in candidates:
        try:
            services.ledger.record(nip, "training", seminar(round_), actor="bench")
        except InvalidInput:
            continue
        return nip
    raise SystemExit("no candidate's record takes a seminar: give --nip")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--nip", help="whose record the seminars are written to")
    args = parser.parse_args(argv)
    services = Services.build(Settings(database_url=args.database_url), follow=False)
    kept = KeptUnits()
    try:
        for scope in SCOPES:
            services.passed_over_pairs(scope, None, None, kept)
        pairs = services.passed_over_pairs({}, None, None, kept)["passed_over"]
        candidates = [args.nip] if args.nip else [p["colleague"] for p in pairs if p["kind"] != "101"]
        for round_ in range(args.rounds):
            nip = write(services, candidates, round_)
            services.projector.catch_up()
            for scope in SCOPES:
                started = time.perf_counter()
                plain = services.passed_over_pairs(scope, None, None)
                middle = time.perf_counter()
                found = services.passed_over_pairs(scope, None, None, kept)
                done = time.perf_counter()
                same = json.dumps(plain, default=str) == json.dumps(found, default=str)
                print(
                    f"round {round_} (seminar of {nip}), scope {scope or 'national'}: nothing kept "
                    f"{middle - started:.2f} s, units kept {done - middle:.2f} s "
                    f"({(middle - started) / max(done - middle, 1e-9):.1f}x); answers identical: {same}",
                    flush=True,
                )
                if not same:
                    raise SystemExit("the answers differ")
    finally:
        services.close()


if __name__ == "__main__":
    main()
