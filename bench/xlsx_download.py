"""The pages' Excel downloads (web.pages.export.xlsx_download) beside two bare writers of the same cells, in one run:
XlsxWriter's constant-memory workbook given each cell already typed (the floor of the library the downloads use) and
openpyxl's write-only workbook of the same typed cells (the library they used until 2026-12-08). The rows are shaped
as the audited decisions' workbook (/pages/audits.xlsx): an 18-digit NIP and codes as texts, dates, a time of
recording with its offset, counts, a yes or no, a share in a percentage column, a formula-looking reference.

    .venv/bin/python -m bench.xlsx_download [--rows 20000] [--repeat 3]

Prints each writer's seconds (wall and CPU) and the ratios careerlog / bare XlsxWriter and openpyxl / careerlog.
"""

from __future__ import annotations

import argparse
import io
import os
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Flask
from flask_babel import Babel

from bench import common
from web.pages.export import PERCENT, Typed, xlsx_cell, xlsx_download

COLUMNS = (
    "nip",
    "agency",
    "unit",
    "rank_before",
    "rank_after",
    "kind",
    "tmt",
    "recorded_at",
    "finding_count",
    "passed_over_count",
    "corrected",
    "share",
    "reference",
    "verdict",
    "rules",
)
SHARES = ("share",)


def rows(count: int) -> list[dict[str, Any]]:
    """`count` rows of the audited decisions' shape (deterministic)."""
    start = datetime(2020, 1, 1, 3, 0, tzinfo=UTC)
    return [
        {
            "nip": f"{196307051994041001 + i}",
            "agency": ("KOTA-MEDAN", "KAB-KARO", "PROV-SUMUT")[i % 3],
            "unit": f"Dinas {i % 40}",
            "rank_before": "III/b",
            "rank_after": "III/c",
            "kind": "Reguler (101)",
            "tmt": (date(2010, 4, 1) + timedelta(days=i % 4000)).isoformat(),
            "recorded_at": (start + timedelta(minutes=i)).isoformat(),
            "finding_count": i % 7,
            "passed_over_count": i % 3,
            "corrected": i % 11 == 0,
            "share": (i % 100) / 100,
            "reference": f'=HYPERLINK("x{i}")' if i % 500 == 0 else f"SK-{i}/2020",
            "verdict": "ada temuan" if i % 7 else "sesuai",
            "rules": "promotion.dates; promotion.skp" if i % 5 else None,
        }
        for i in range(count)
    ]


def typed_rows(data: Sequence[dict[str, Any]]) -> list[list[Typed | None]]:
    """The rows' cells as careerlog types them, made before the bare writers are timed (their floor: writing)."""
    return [[xlsx_cell(row[c], PERCENT if c in SHARES else None) for c in COLUMNS] for row in data]


def bare_xlsxwriter(cells: Sequence[Sequence[Typed | None]]) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet("bare")
    formats: dict[tuple[str | None, bool], Any] = {}
    for r, row in enumerate(cells):
        for c, typed in enumerate(row):
            if typed is None:
                continue
            key = (typed.number_format, typed.quoted)
            if key not in formats:
                formats[key] = book.add_format({"num_format": typed.number_format or "General", "quote_prefix": key[1]})
            if isinstance(typed.value, str):
                sheet.write_string(r, c, typed.value, formats[key])
            elif isinstance(typed.value, date):
                sheet.write_datetime(r, c, typed.value, formats[key])
            else:
                sheet.write_number(r, c, typed.value, formats[key])
    book.close()
    return out.getvalue()


def bare_openpyxl(cells: Sequence[Sequence[Typed | None]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("bare")
    for row in cells:
        written = []
        for typed in row:
            if typed is None:
                written.append(None)
                continue
            made = WriteOnlyCell(sheet, typed.value)
            if isinstance(typed.value, str):
                made.data_type = "s"
            if typed.number_format:
                made.number_format = typed.number_format
            made.quotePrefix = typed.quoted
            written.append(made)
        sheet.append(written)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(work: Callable[[], Any]) -> common.Timer:
    timer = common.Timer()
    with timer.running():
        work()
    return timer


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--rows", type=int, default=20_000, help="rows of the workbook (default 20,000)")
    p.add_argument("--repeat", type=int, default=3, help="rounds, each writer once a round (default 3)")
    p.add_argument("--no-save", action="store_true", help="do not append the result to bench/results/")
    args = p.parse_args(argv)
    if args.rows < 1 or args.repeat < 1:
        raise SystemExit("--rows and --repeat: each must be at least 1")
    args.store, args.employees, args.seed = "none", args.rows, 0
    app = Flask(__name__)
    Babel(app)
    data = rows(args.rows)
    load = [os.getloadavg()[0]]
    seconds: dict[str, list[float]] = {"careerlog": [], "xlsxwriter": [], "openpyxl": []}
    cpu: dict[str, list[float]] = {name: [] for name in seconds}
    with app.test_request_context("/"):
        cells = typed_rows(data)
        for _ in range(args.repeat):  # (side by side in each round: the machine's load shifts between rounds)
            for name, work in (
                ("careerlog", lambda: xlsx_download(data, COLUMNS, "bench.xlsx", shares=SHARES).get_data()),
                ("xlsxwriter", lambda: bare_xlsxwriter(cells)),
                ("openpyxl", lambda: bare_openpyxl(cells)),
            ):
                timer = timed(work)
                seconds[name].append(timer.seconds)
                cpu[name].append(timer.cpu)
    load.append(os.getloadavg()[0])
    best = {name: min(values) for name, values in cpu.items()}
    result = {
        "rows": args.rows,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "ratio_careerlog_to_bare_xlsxwriter": best["careerlog"] / best["xlsxwriter"],
        "ratio_openpyxl_to_careerlog": best["openpyxl"] / best["careerlog"],
        "load": load,
        "commit": common.commit(),
    }
    shown = {
        name: (", ".join(f"{s:.2f}" for s in seconds[name]), ", ".join(f"{s:.2f}" for s in cpu[name]))
        for name in seconds
    }
    lines = [
        *(f"{name:<11} wall {walls} s; CPU {cpus} s" for name, (walls, cpus) in shown.items()),
        f"{args.rows} rows x {len(COLUMNS)} columns, least CPU of {args.repeat} rounds:",
        "ratio careerlog / bare XlsxWriter (typing and writing / writing alone) = "
        f"{result['ratio_careerlog_to_bare_xlsxwriter']:.2f}",
        f"ratio bare openpyxl write-only / careerlog = {result['ratio_openpyxl_to_careerlog']:.2f}",
        common.load_line(result),
    ]
    common.report("xlsx_download", args, result, lines)


if __name__ == "__main__":
    main()
