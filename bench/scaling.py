"""Scaling: ingest and rebuild at several sizes on each store, with the cost per event.

Runs bench.ingest and bench.rebuild once per size and store and prints microseconds per
event for careerlog and for the bare baseline, so a growing cost per event shows.

    .venv/bin/python -m bench.scaling --sizes 10000,100000 --stores postgres,sqlite
"""

from __future__ import annotations

import argparse

from bench import ingest, rebuild
from bench.common import POSTGRES_URL, demo_export, report


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000", help="employees, comma-separated (default 10000,100000)")
    p.add_argument("--stores", default="postgres,sqlite", help="stores, comma-separated (default postgres,sqlite)")
    p.add_argument("--database-url", default=POSTGRES_URL, help="PostgreSQL database (a fresh schema per run)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-save", action="store_true", help="do not append the results to bench/results/")
    args = p.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        raise SystemExit(f"--sizes: expected whole numbers separated by commas, got {args.sizes!r}") from None
    stores = args.stores.split(",")
    if any(s not in ("sqlite", "postgres") for s in stores) or any(n < 1 for n in sizes):
        raise SystemExit("--stores: sqlite and/or postgres; --sizes: positive numbers")
    print(f"{'store':<9} {'employees':>9} {'events':>9}  {'bench':<8} {'us/event':>9} {'bare us/ev':>10} {'ratio':>6}")
    for size in sizes:
        demo_export(size, args.seed)
        for store in stores:
            run = argparse.Namespace(
                employees=size,
                seed=args.seed,
                store=store,
                database_url=args.database_url,
                no_save=args.no_save,
                views=None,  # every view
            )
            for name, module in (("ingest", ingest), ("rebuild", rebuild)):
                r = module.measure(run)
                per_event = 1e6 * r["careerlog_seconds"] / r["events"]
                bare_per_event = 1e6 * r["bare_seconds"] / r["events"]
                line = (
                    f"{store:<9} {size:>9} {r['events']:>9}  {name:<8} {per_event:>9.1f} {bare_per_event:>10.1f} "
                    f"{r['ratio']:>6.3f}"
                )
                report("scaling", run, {"measured": name, "us_per_event": per_event, **r}, [line])


if __name__ == "__main__":
    main()
