"""The scorecard's judging of its training cells (Services.compliance_withheld), two versions of the code side by side:
a national reporter's scorecard of an agency and of one of its units, in-process, each version's runs alternating.

    .venv/bin/python -m bench.scorecard_judging --store FILE --code A_DIR --code B_DIR [--pairs 3] [--years 6]

FILE is a SQLite demo store with its accounts (`careerlog demo --employees 2000 --seed 1`, or `make run`'s), its
views caught up; A_DIR and B_DIR are `git archive` snapshots of the two commits. Each run is a new process started
from inside its snapshot (PYTHONPATH=snapshot) that asks each scorecard once to warm up, then `--calls` times: the
median CPU seconds of the whole scorecard and of its judging, then once more under tracemalloc, the peak MiB of the
whole scorecard and of its judging (from its start). It prints each run's line, then each version's medians side by
side with B / A, and whether the two versions' scorecards are the same (a digest of each answer).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

AGENCY, UNIT, YEAR = "KOTA-MEDAN", "Dinas Pendidikan", 2025
CARDS: dict[str, dict[str, str]] = {"agency": {}, "unit": {"unit": UNIT}}
FIGURES = ("cpu_s", "judging_cpu_s", "peak_mib", "judging_peak_mib")


def child(store: str, years: int, calls: int) -> dict[str, Any]:
    """One run, inside the version whose code PYTHONPATH names first."""
    import web.services
    from careerlog.config import Settings
    from web import create_app

    settings = Settings(database_url=f"sqlite:///{store}")
    services = create_app(settings, test_config={"TESTING": True}).extensions["careerlog"]
    reader = services.accounts.get("reporter")
    judging: dict[str, Any] = {"cpu": []}
    judge = web.services.Services.compliance_withheld

    def timed(self: Any, *args: Any) -> Any:
        if tracemalloc.is_tracing():  # (its peak from its start)
            judging["before"] = tracemalloc.get_traced_memory()[1]
            start = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            found = judge(self, *args)
            judging["peak"] = tracemalloc.get_traced_memory()[1] - start
            return found
        cpu = time.process_time()
        found = judge(self, *args)
        judging["cpu"].append(time.process_time() - cpu)
        return found

    web.services.Services.compliance_withheld = timed  # type: ignore[method-assign]
    found: dict[str, Any] = {"code": web.services.__file__}
    for name, unit in CARDS.items():
        card = services.scorecard(reader, AGENCY, YEAR, years=years, **unit)  # (warm)
        judging["cpu"] = []
        cpu = []
        for _ in range(calls):
            start = time.process_time()
            services.scorecard(reader, AGENCY, YEAR, years=years, **unit)
            cpu.append(time.process_time() - start)
        gc.collect()
        tracemalloc.start()
        services.scorecard(reader, AGENCY, YEAR, years=years, **unit)
        peak = max(tracemalloc.get_traced_memory()[1], judging["before"], judging["peak"])
        tracemalloc.stop()
        found[name] = {
            "cpu_s": statistics.median(cpu),
            "judging_cpu_s": statistics.median(judging["cpu"]),
            "peak_mib": peak / 2**20,
            "judging_peak_mib": judging["peak"] / 2**20,
            "digest": hashlib.sha256(json.dumps(card, sort_keys=True, default=str).encode()).hexdigest()[:16],
        }
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--code", action="append", required=True, help="a snapshot of the code (twice: A, then B)")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--calls", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.store, args.years, args.calls)))
        return
    if len(args.code) != 2:
        parser.error("--code twice: A_DIR and B_DIR")
    runs: dict[str, list[dict[str, Any]]] = {code: [] for code in args.code}
    for _ in range(args.pairs):
        for code in args.code:
            command = [sys.executable, str(Path(__file__).resolve()), "--child", "--store", args.store]
            command += ["--years", str(args.years), "--calls", str(args.calls), "--code", code]
            env = {**os.environ, "PYTHONPATH": str(Path(code).resolve())}
            out = subprocess.run(command, cwd=code, env=env, check=True, capture_output=True, text=True).stdout
            runs[code].append(json.loads(out.strip().splitlines()[-1]))
            print(out.strip().splitlines()[-1], flush=True)
    a, b = args.code
    print(f"{AGENCY}, year {YEAR}, {args.years} years; medians of {args.pairs} runs each; B / A")
    for name in CARDS:
        for figure in FIGURES:
            old = statistics.median(run[name][figure] for run in runs[a])
            new = statistics.median(run[name][figure] for run in runs[b])
            print(f"{name:<7} {figure:<17} A {old:8.3f}  B {new:8.3f}  B/A {new / max(old, 1e-9):5.2f}")
        digests = {run[name]["digest"] for run in [*runs[a], *runs[b]]}
        print(f"{name:<7} the same scorecard in every run: {len(digests) == 1}")


if __name__ == "__main__":
    main()
