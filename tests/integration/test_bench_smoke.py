"""A tiny run of every benchmark script, on both stores, so that none of them rots."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import psycopg
import pytest

from bench import (
    access_log_rows,
    bigstore,
    common,
    disclosure,
    ingest,
    reads,
    rebuild,
    rebuild_digest,
    scaling,
    units,
    xlsx_download,
)
from careerlog.application import CareerLog
from careerlog.config import Settings
from tests.conftest import POSTGRES_URL, require_postgres

EMPLOYEES = "12"


@pytest.fixture
def bench_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Demo exports and results under tmp_path; the results file the scripts append to."""
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    return tmp_path / "results"


def store_args(database_url: str) -> list[str]:
    if database_url.startswith("postgresql"):
        return ["--store", "postgres", "--database-url", database_url]
    return ["--store", "sqlite"]


def saved(results: Path, name: str) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (results / f"{name}.jsonl").read_bytes().splitlines()]


def test_ingest_bench_compares_the_import_with_a_bare_bulk_insert_of_the_same_rows(
    database_url: str, bench_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ingest.main(["--employees", EMPLOYEES, *store_args(database_url)])
    out = capsys.readouterr().out
    assert "careerlog import --migration" in out
    assert "ratio careerlog/bare" in out
    [result] = saved(bench_env, "ingest")
    assert result["events"] > int(EMPLOYEES)
    assert 0 < result["ratio"] < 10
    assert result["careerlog_cpu_seconds"] > 0
    assert "careerlog CPU per event:" in out
    per_event = 1e6 * result["careerlog_cpu_seconds"] / result["events"]
    assert result["careerlog_cpu_us_per_event"] == pytest.approx(per_event)
    assert ("cpu_ratio" in result) == database_url.startswith("sqlite")
    assert "load average (1 min)" in out  # the figures say how quiet the machine was, and of which commit
    assert len(result["load"]) == 2
    assert result["commit"]
    # the export it measured is kept under the demo generator's fingerprint (tests/unit/test_bench_demo_export.py)
    exports = [p.name for p in (bench_env.parent / "data").glob("demo-*.jsonl")]
    assert exports == [f"demo-{EMPLOYEES}-1-{common.demo_fingerprint()}.jsonl"]


def test_ingest_bench_writes_its_bare_rows_into_a_table_made_as_the_events_table(database_url: str) -> None:
    """The baseline writes every row and index entry careerlog's insert writes: the same columns, primary key
    and indexes (PostgreSQL's unique index on notification_id too, which its first table left out; careerlog's
    partial index of the units' registrations, which SQLite's table statement left out)."""
    store = "postgres" if database_url.startswith("postgresql") else "sqlite"
    with common.fresh_store(store, database_url if store == "postgres" else None) as settings:
        app = CareerLog.from_settings(settings)
        app.close()
        rows = [("197001012000011001", 1, "t", b"{}"), ("197001012000011001", 2, "t", b"{}")]
        ingest.bare_insert(settings, rows)
        assert _table_shape(settings, "bare_events") == _table_shape(settings, common.events_table(settings))
        # the primary key's, careerlog's of the units' registrations and (PostgreSQL) the notification_id's
        assert len(_table_shape(settings, "bare_events")[1]) == (2 if store == "sqlite" else 3)


def _table_shape(settings: Settings, table: str) -> tuple[list[Any], list[str]]:
    """A table's columns (name, type, not null, default kind) and its indexes' definitions, named alike."""
    if settings.store == "sqlite":
        path = settings.sqlite_path.replace("bench.db", "bare.db") if table == "bare_events" else settings.sqlite_path
        with contextlib.closing(sqlite3.connect(path)) as lite:
            columns = [tuple(r[1:]) for r in lite.execute(f"PRAGMA table_info({table})")]
            indexes = [
                f"{unique} {[c[2] for c in lite.execute(f'PRAGMA index_info({name})')]}"
                for _, name, unique, *_ in lite.execute(f"PRAGMA index_list({table})")
            ]
        return columns, sorted(indexes)
    schema = settings.postgres()["schema"]
    with settings.connect_postgres() as pg:
        columns = pg.execute(
            "SELECT column_name, data_type, is_nullable, column_default LIKE 'nextval(%%'"
            " FROM information_schema.columns WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
            (schema, table),
        ).fetchall()
        indexes = [
            definition.split(" USING ", 1)[1] + (" unique" if " UNIQUE " in definition else "")
            for (definition,) in pg.execute(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = %s AND tablename = %s", (schema, table)
            )
        ]
    return [tuple(c) for c in columns], sorted(indexes)


def test_rebuild_bench_scans_as_many_events_as_the_rebuild_reads(
    database_url: str, bench_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rebuild.main(["--employees", EMPLOYEES, *store_args(database_url)])
    out = capsys.readouterr().out
    assert "careerlog projections rebuild" in out
    assert "process CPU: careerlog" in out
    assert "load average (1 min)" in out  # the figures say how quiet the machine was, and of which commit
    [result] = saved(bench_env, "rebuild")
    assert result["view_rows"] > 0
    assert result["ratio"] > 0
    assert len(result["load"]) == 2
    assert result["commit"]


def test_reads_bench_serves_timeline_eligibility_and_roster_beside_the_bare_endpoint(
    database_url: str, bench_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reads.main(["--employees", EMPLOYEES, "--seconds", "0.01", "--clients", "2", "--workers", "1",
                *store_args(database_url)])  # fmt: skip
    out = capsys.readouterr().out
    [result] = saved(bench_env, "reads")
    assert set(result["results"]) == {
        "bare", "bare timeline", "bare timeline + log", "timeline", "bare eligibility", "bare eligibility + log",
        "eligibility", "roster page", "roster after",
    }  # fmt: skip
    assert "p50/bare" in out
    assert "p50/bare read + log" in out


def test_units_bench_times_the_unit_filter_of_each_reader_beside_the_plain_distinct_and_the_request(
    database_url: str, bench_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_SCHEMA_PREFIX", f"t_{uuid.uuid4().hex[:10]}")  # (its kept schema, dropped)
    options = ["--employees", EMPLOYEES, "--national", "100", *store_args(database_url)]
    try:
        units.main(["fill", *options])
        units.main(["measure", *options, "--rounds", "1", "--calls", "2", "--requests", "2"])
    finally:
        units.main(["drop", *options])
    out = capsys.readouterr().out
    for reader in ("national", "agency:KEMENDAGRI", "region:12", r"region:12 \+ \S+"):
        assert re.search(rf"^{reader} +\d+ units: unit_spellings .*plain DISTINCT .* share ", out, re.M), out
    [result] = saved(bench_env, "units")
    assert result["sizes"]["roster"] >= 96
    assert all(r["units"] > 0 and r["request_ms"] > 0 for r in result["results"].values())


def test_scaling_driver_prints_the_cost_per_event_of_ingest_and_rebuild(
    bench_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scaling.main(["--mode", "import", "--sizes", EMPLOYEES, "--stores", "sqlite"])
    out = capsys.readouterr().out
    assert "us/event" in out
    assert [r["measured"] for r in saved(bench_env, "scaling")] == ["ingest", "rebuild"]


def test_disclosure_bench_prints_what_each_method_publishes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        "sys.argv", ["disclosure", "--employees", "30", "--seed", "3", "--repeat", "2", "--targets", "2"]
    )
    disclosure.main()
    withhold, alone, perturb = capsys.readouterr().out.splitlines()
    assert withhold.startswith("withhold: "), withhold
    assert alone.startswith("perturb (cell key alone, until 2026-12-06): "), alone
    assert "100.0% published" in alone
    assert perturb.startswith("perturb: "), perturb
    assert "recovered by averaging 40 differences of unions 0%" in perturb, perturb  # (each union refused)
    assert "median of 2 by unit" in perturb, perturb
    assert "2 by sex" in perturb, perturb


def test_bench_options_refuse_a_size_below_one() -> None:
    with pytest.raises(SystemExit, match="--employees"):
        ingest.main(["--employees", "0", "--no-save"])
    with pytest.raises(SystemExit, match="2"):
        access_log_rows.main(["--calls", "0"])


@pytest.mark.postgres
def test_access_log_rows_bench_times_one_row_and_a_page_on_each_store(capsys: pytest.CaptureFixture[str]) -> None:
    require_postgres()
    access_log_rows.main(["--calls", "2", "--rounds", "1", "--postgres-url", POSTGRES_URL])
    lines = capsys.readouterr().out.splitlines()
    found = [re.fullmatch(r"round 0 (.+?) +(\d+) rows: wall [\d.]+ ms, cpu [\d.]+ ms", line) for line in lines]
    assert [m.groups() if m else line for m, line in zip(found, lines, strict=True)] == [
        (store, rows) for store in ("sqlite", "postgres durable", "postgres fast") for rows in ("1", "50")
    ]


def test_rebuild_bench_can_measure_some_views_only(bench_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rebuild.main(["--employees", EMPLOYEES, "--views", "timeline,roster"])
    assert "rebuild of timeline, roster;" in capsys.readouterr().out
    [result] = saved(bench_env, "rebuild")
    assert result["views"] == ["timeline", "roster"]
    with pytest.raises(SystemExit):
        rebuild.main(["--employees", EMPLOYEES, "--views", "timeline,nope", "--no-save"])
    assert "Unknown view 'nope'" in capsys.readouterr().err


def test_rebuild_digest_rebuilds_a_copy_of_a_store_and_digests_each_view_table_alike_every_time(
    bench_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store.db"
    rebuild_digest.main(["make", str(store), "--employees", EMPLOYEES])
    capsys.readouterr()
    runs = []
    for _ in range(2):
        rebuild_digest.main(["run", str(store), "--views", "timeline,merit"])
        runs.append(orjson.loads(capsys.readouterr().out))
    first, second = runs
    assert {"timeline", "decisions", "promotion_rounds"} <= set(first)
    assert "roster" not in first
    assert {k: v for k, v in first.items() if k not in ("cpu", "wall", "load")} == {
        k: v for k, v in second.items() if k not in ("cpu", "wall", "load")
    }
    with contextlib.closing(sqlite3.connect(store)) as conn:  # the store itself untouched: rebuilt in a copy
        assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'timeline'").fetchall()


@pytest.fixture
def schema_prefix() -> Iterator[str]:
    """A prefix for the bigstore schemas of one test, all dropped afterwards."""
    require_postgres()
    prefix = f"t_{uuid.uuid4().hex[:10]}"
    try:
        yield prefix
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            for (name,) in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (f"{prefix}%",)):
                conn.execute(f'DROP SCHEMA "{name}" CASCADE')


@pytest.mark.postgres
def test_bigstore_clones_read_back_as_their_originals_with_the_nip_mapped(bench_env: Path, schema_prefix: str) -> None:
    schema = f"{schema_prefix}_36"
    settings = bigstore.build(POSTGRES_URL, schema, 36, 12, 1, schema_prefix)
    subjects = {s for s in _subjects(settings) if not s.startswith("UNIT:")}
    base = {s for s in _subjects(bigstore.settings_for(POSTGRES_URL, f"{schema_prefix}_base_12_1"))
            if not s.startswith("UNIT:")}  # fmt: skip
    assert subjects == {bigstore.clone_nip(nip, k) for nip in base for k in range(3)}
    assert bigstore.verify(POSTGRES_URL, schema, 12, 1, 6, schema_prefix) == 6
    # a second build adds nothing
    before = _count(settings)
    bigstore.build(POSTGRES_URL, schema, 36, 12, 1, schema_prefix)
    assert _count(settings) == before
    with settings.connect_postgres() as conn:  # a view row that is not what the events say is found
        conn.execute(f"UPDATE \"{schema}\".roster SET name = name || 'x'")
    with pytest.raises(SystemExit, match=r"view roster of \d+ differs from its recomputation"):
        bigstore.verify(POSTGRES_URL, schema, 12, 1, 1, schema_prefix)


def test_clone_nips_keep_the_record_digits_and_never_meet_fresh_ones() -> None:
    nip = "197606302004061001"
    clones = {bigstore.clone_nip(nip, k) for k in range(100)}
    assert len(clones) == 100
    assert all(c[:15] == nip[:15] and c[17] == "1" for c in clones)
    assert bigstore.fresh_nip(nip) not in clones
    assert scaling.bare_subject(bigstore.fresh_nip(nip)) not in clones | {bigstore.fresh_nip(nip)}
    with pytest.raises(ValueError, match="sequence 001-004"):
        bigstore.clone_nip("197606302004061009", 1)


@pytest.mark.postgres
def test_scaling_measures_ingest_projection_and_timeline_in_stores_of_each_size(
    bench_env: Path, schema_prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    scaling.main(["--sizes", "12,24", "--base", "12", "--fresh", "3", "--requests", "5", "--repeat", "2",
                  "--keep", "24", "--events-only-from", "24", "--prefix", schema_prefix,
                  "--database-url", POSTGRES_URL])  # fmt: skip
    out = capsys.readouterr().out
    assert "vs first" in out
    results = saved(bench_env, "scaling")
    assert [(r["employees"], r["measured"]) for r in results] == [
        (n, m) for n in (12, 24) for _ in range(2) for m in ("ingest", "projection", "timeline")
    ]
    ingests = [r for r in results if r["measured"] == "ingest"]
    assert len({r["events"] for r in ingests}) == 1  # the same fresh export each time, taken out after each
    assert ingests[0]["events"] > 0
    assert ingests[2]["events_in_store"] > ingests[0]["events_in_store"]
    with psycopg.connect(POSTGRES_URL) as conn:  # the 12 store is dropped, the kept one holds its own only
        names = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
                                            (f"{schema_prefix}%",))}  # fmt: skip
    assert names == {f"{schema_prefix}_base_12_1", f"{schema_prefix}_24_1"}
    kept = bigstore.settings_for(POSTGRES_URL, f"{schema_prefix}_24_1")
    assert _count(kept) == ingests[2]["events_in_store"]
    assert [r["views"] for r in results if r["measured"] == "timeline"] == ["all", "all", "base", "base"]
    with kept.connect_postgres() as conn:  # events only: the clones' events, the base's view rows
        roster = conn.execute(f'SELECT count(*) FROM "{schema_prefix}_24_1".roster').fetchone()
    assert roster == (12,)
    assert bigstore.verify(POSTGRES_URL, f"{schema_prefix}_24_1", 12, 1, 4, schema_prefix) == 4


def _subjects(settings: Any) -> set[str]:
    with settings.connect_postgres() as conn:
        schema = settings.postgres()["schema"]
        return {r[0] for r in conn.execute(f'SELECT DISTINCT originator_id FROM "{schema}".{bigstore.EVENTS}')}


def _count(settings: Any) -> int:
    with settings.connect_postgres() as conn:
        row = conn.execute(f'SELECT count(*) FROM "{settings.postgres()["schema"]}".{bigstore.EVENTS}').fetchone()
        return int(row[0]) if row else 0


def test_disclosure_bench_lp_bounds_each_withheld_cell_around_its_true_count(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    attacked = []

    def lp_attack(url: str, method: str) -> dict[str, Any]:
        attacked.append(found := real(url, method))
        return found

    real = disclosure.lp_attack
    monkeypatch.setattr(disclosure, "lp_attack", lp_attack)
    monkeypatch.setattr("sys.argv", ["disclosure", "--lp", "--employees", EMPLOYEES, "--seed", "3"])
    disclosure.main()
    withhold, perturb = capsys.readouterr().out.splitlines()
    for line, method in ((withhold, "withhold"), (perturb, "perturb")):
        assert line.startswith(f"{method} (--lp): "), line
        assert re.search(r"\d+ small cells withheld, \d+ recovered exactly \(min == max\), \d+ narrowed", line), line
    assert [found["withheld"] for found in attacked] == [len(found["bounds"]) for found in attacked]
    assert all(found["withheld"] for found in attacked)  # (a demo of a dozen people: each cell small)
    for found in attacked:
        assert all(least - 1e-6 <= true <= most + 1e-6 for true, least, most in found["bounds"]), found["bounds"]


def test_xlsx_download_bench_times_the_pages_workbook_beside_two_bare_writers(
    bench_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx_download.main(["--rows", "30", "--repeat", "1"])
    out = capsys.readouterr().out
    assert "ratio careerlog / bare XlsxWriter" in out
    assert "ratio bare openpyxl write-only / careerlog" in out
    [result] = saved(bench_env, "xlsx_download")
    assert result["rows"] == 30
    assert result["ratio_careerlog_to_bare_xlsxwriter"] > 0
    assert set(result["cpu_seconds"]) == {"careerlog", "xlsxwriter", "openpyxl"}


def test_xlsx_download_bench_writers_hold_the_same_cells() -> None:
    """The bare writers are given what careerlog writes: each workbook read back holds the same values."""
    import io

    from flask import Flask
    from flask_babel import Babel
    from openpyxl import load_workbook

    app = Flask(__name__)
    Babel(app)
    with app.test_request_context("/"):
        data = xlsx_download.rows(25)
        cells = xlsx_download.typed_rows(data)
        ours = xlsx_download.xlsx_download(data, xlsx_download.COLUMNS, "b.xlsx", shares=xlsx_download.SHARES)
        books = [ours.get_data(), xlsx_download.bare_xlsxwriter(cells), xlsx_download.bare_openpyxl(cells)]
    read = [list(load_workbook(io.BytesIO(b), read_only=True).active.iter_rows(values_only=True)) for b in books]
    width = len(xlsx_download.COLUMNS)  # (a row read back ends at its sheet's last column: the header's, in ours)
    padded = [[row + (None,) * (width - len(row)) for row in book] for book in read]
    assert padded[0][1:] == padded[1] == padded[2]  # (careerlog's has the header row besides)
    assert len(read[1]) == 25
