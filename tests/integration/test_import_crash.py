"""`careerlog import` SIGKILLed half-way and run again gives the store of one clean run.

The real command imports a demo file in small batches (one transaction each); the test
kills it once a few batches have committed, runs it again to the end, and compares the
store with one where the same file was imported once, without a crash: the same events
in the same order with the same payloads, and (for a migration import, whose recorded
times come from the file) the same export to the byte and the same views.
"""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import write_demo
from careerlog.importing import MIGRATION_KEYS, import_file
from careerlog.sqlstore import Row
from projections.registry import projector
from tests.processes import Careerlog, kill_at_position, log_of, twin_store, view_tables

EMPLOYEES = 22  # 1,141 rows (seed 11): killed at 300, and over a thousand (the summary groups its count)
BATCH = 100

pytestmark = pytest.mark.xdist_group("test_import_crash")  # its module fixtures are made once, on one worker


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo as a migration file (with recorded times) and as an HR file (without)."""
    directory = tmp_path_factory.mktemp("import")
    migration = directory / "migration.jsonl"
    write_demo(migration, employees=EMPLOYEES, seed=11, irregularities_path=directory / "irregular.json")
    rows = [orjson.loads(line) for line in migration.read_bytes().splitlines()]
    hr = directory / "hr.jsonl"
    stripped = [{k: v for k, v in r.items() if k not in MIGRATION_KEYS} for r in rows]
    for row in stripped:  # (the demo's training recorded twice, then retracted, is one HR confirms: training.duplicate;
        if row["kind"] == "training":  # and its trainings of the same days holding more than 12 JP: training.daily_jp)
            row["confirm"] = "training.duplicate, training.daily_jp"
    hr.write_bytes(b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in stripped))
    return {"migration": migration, "hr": hr}


def clean_run(database_url: str, path: Path, *, migration: bool) -> Settings:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        report = import_file(app, path, actor="import", migration=migration, batch_size=BATCH)
    assert report.ok, report.rejected[:3]
    return settings


SUMMARY = re.compile(r"\d[\d,]* rows: ")  # (grouped in thousands: 1,141 rows)


def crashed_run(database_url: str, path: Path, log: Path, *, migration: bool, workers: int) -> str:
    """Import in batches of BATCH, SIGKILL once 3 * BATCH rows have committed, import again to the end; its
    summary. The test looks and kills with the log's write lock held (tests.processes.kill_at_position), so the
    killed run cannot finish first however fast it imports."""
    args = ["import", *(["--migration"] if migration else []), str(path), "--workers", str(workers)]
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        first = Careerlog(database_url, log, *args, "--batch-size", str(BATCH))
        committed = kill_at_position(first, app, 3 * BATCH)
    rows = len(path.read_bytes().splitlines())
    assert committed < rows, "the import finished before it was killed"
    # its own log: the killed run's workers may still write there (multiprocessing's warnings as they end)
    again = Careerlog(database_url, log.with_name(f"again-{log.name}"), *args, "--batch-size", str(BATCH))
    try:
        assert again.finish() == 0, again.output()
    finally:
        again.close()
    # the summary line, not the last: a worker's multiprocessing resource tracker may warn after it (seen under
    # load: "resource_tracker: ..."); the whole output when there is no summary
    output = again.output()
    summaries = [line for line in output.splitlines() if SUMMARY.match(line)]
    return summaries[-1] if summaries else output


CleanRun = tuple[list[dict[str, object]], dict[str, list[Row]]]


@pytest.fixture(scope="module")
def clean_runs() -> dict[tuple[str, Path], CleanRun]:
    return {}


def one_clean_run(
    runs: dict[tuple[str, Path], CleanRun], database_url: str, path: Path, directory: Path, *, migration: bool
) -> CleanRun:
    """The log of one clean serial import of `path` into a fresh store of database_url's kind, and for a
    migration its views rebuilt: made once in the module for each kind and file, as both of its cases
    (one worker or two) compare with the same run."""
    key = (Settings(database_url=database_url).store, path)
    if key not in runs:
        with twin_store(database_url, directory) as twin_url:
            clean = clean_run(twin_url, path, migration=migration)
            views = {}
            if migration:
                rebuild(clean)
                views = view_tables(clean)
            runs[key] = (log_of(clean), views)
    return runs[key]


def rebuild(settings: Settings) -> None:
    views = projector(settings)
    try:
        views.rebuild()
    finally:
        views.close()


def by_record(log: list[dict[str, object]]) -> list[dict[str, object]]:
    """The log ordered by record and version: what a parallel import keeps of a serial one's log."""
    return sorted(log, key=lambda e: (*(str(e.get(k, "")) for k in ("nip", "agency", "unit")), e["version"]))


def without_recorded_times(log: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in event.items() if k != "recorded_at"} for event in log]


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("flavour", ["migration", "hr"])
def test_an_import_killed_half_way_and_run_again_gives_the_store_of_one_clean_run(
    database_url: str,
    files: dict[str, Path],
    clean_runs: dict[tuple[str, Path], CleanRun],
    tmp_path: Path,
    flavour: str,
    workers: int,
) -> None:
    """With workers, the records of one clean (serial) run: only the order of different records' events differs."""
    migration = flavour == "migration"
    path = files[flavour]
    summary = crashed_run(database_url, path, tmp_path / "import.log", migration=migration, workers=workers)
    rows = len(path.read_bytes().splitlines())
    assert summary.startswith(f"{rows:,} rows: recorded "), summary  # (1,141: grouped in thousands)
    assert "rejected 0" in summary
    crashed = Settings(database_url=database_url)
    expected_log, expected_views = one_clean_run(clean_runs, database_url, path, tmp_path, migration=migration)
    if migration:
        rebuild(crashed)

    got_log = log_of(crashed)
    assert len(got_log) == len(expected_log) > rows
    if workers > 1:
        got_log, expected_log = by_record(got_log), by_record(expected_log)
    if migration:
        assert got_log == expected_log
        assert view_tables(crashed) == expected_views
    else:
        assert without_recorded_times(got_log) == without_recorded_times(expected_log)
    print(f"\nimport crash ({crashed.store}, {flavour}, {workers} workers): {rows} rows, 1 SIGKILL, re-run: {summary}")
