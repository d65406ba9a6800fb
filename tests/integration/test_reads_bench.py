"""The reads benchmark's own parts: roster pages read after cursors, and a kept store loaded once."""

from __future__ import annotations

import math
import re
import uuid
from pathlib import Path

import orjson
import pytest

from bench import common, reads, reads_inprocess, reports_inprocess
from careerlog.config import Settings
from careerlog.sqlstore import open_store

ENDPOINTS = {
    "bare", "bare timeline", "bare timeline + log", "timeline", "bare eligibility", "bare eligibility + log",
    "eligibility", "roster page", "roster after",
}  # fmt: skip
# Seconds each endpoint is read for: the least that still reads each (every client makes at least
# reads.MIN_REQUESTS_PER_CLIENT requests however short the time); the server's start is most of a run's time.
SECONDS = "0.01"


def test_the_reads_bench_reads_roster_pages_after_cursors_and_reuses_a_kept_store(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(reads, "PAGE", 5)  # a dozen employees make three pages
    store = ["--store", "postgres", "--database-url", database_url] if database_url.startswith("postgresql") else []
    seed = str(uuid.uuid4().int % 10**9)  # the kept schema, reads_12_<seed>, is this test's alone
    options = ["--employees", "12", "--seed", seed, "--seconds", SECONDS, "--clients", "2", "--workers", "1", "--keep"]
    try:
        reads.main([*options, *store])
        if store:  # the loaded store vacuumed and analyzed, as autovacuum leaves it (this server runs without)
            with Settings(database_url=database_url.split("?", 1)[0]).connect_postgres() as conn:
                tables = conn.execute(
                    "SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables "
                    "WHERE schemaname = %s",
                    (f"reads_12_{seed}",),
                ).fetchall()
            assert {"roster", "timeline", "eligibility", reads.READY} <= {t for t, _, _ in tables}
            assert all(vacuumed and analyzed for _, vacuumed, analyzed in tables), tables
        reads.main([*options, *store])
    finally:
        if store:
            with Settings(database_url=database_url.split("?", 1)[0]).connect_postgres() as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "reads_12_{seed}" CASCADE')
    out = capsys.readouterr().out
    assert out.count("reusing the kept store") == 1
    runs = [orjson.loads(line) for line in (tmp_path / "results" / "reads.jsonl").read_bytes().splitlines()]
    assert [set(r["results"]) for r in runs] == [ENDPOINTS] * 2
    assert all(r["results"]["roster after"]["requests"] > 0 for r in runs)


def test_the_reads_bench_fills_the_roster_with_copies_up_to_the_rows_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(reads, "PAGE", 10)
    reads.main(["--employees", "12", "--roster-rows", "45", "--seconds", SECONDS, "--clients", "1", "--workers", "1",
                "--keep", "--no-save"])  # fmt: skip
    assert "roster: 12 rows and 33 copies" in capsys.readouterr().out
    # Roster pages by number are read all over the roster's 45 rows (pages 1-4 of 10), not only its 12 employees'.
    pages = {int(path.split("page=")[1].split("&")[0]) for path in reads.endpoints(["1"] * 12, 45, [])["roster page"]}
    assert pages == {1, 2, 3, 4}
    store = open_store(Settings(database_url=f"sqlite:///{tmp_path / 'data' / 'reads-12-1-r45.db'}"))
    try:
        assert int(store.scalar("SELECT COUNT(*) AS n FROM roster")) == 45
        assert (
            int(store.scalar(f"SELECT COUNT(DISTINCT subject) AS n FROM roster WHERE subject LIKE '%{reads.COPY}%'"))
            == 33
        )
    finally:
        store.close()


def test_the_in_process_reads_bench_times_each_endpoint_on_the_kept_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    with pytest.raises(SystemExit, match=r"run bench\.reads with --keep"):
        reads_inprocess.main(["--employees", "12", "--requests", "5"])
    # the store `bench.reads --keep` keeps, loaded as it loads it but without serving it (this test times the app
    # in-process; the other tests here run bench.reads --keep whole, its server and reads included)
    args = reads.arguments(["--employees", "12", "--keep", "--no-save"])
    with reads.kept_store(args) as (settings, loaded):
        assert not loaded
        reads.prepare(settings, args)
    reads_inprocess.main(["--employees", "12", "--requests", "5", "--rounds", "3"])
    assert "reads in-process, 12 employees" in capsys.readouterr().out
    [result] = [
        orjson.loads(line) for line in (tmp_path / "results" / "reads_inprocess.jsonl").read_bytes().splitlines()
    ]
    assert set(result["results"]) == ENDPOINTS
    assert all(r["cpu_ms"] > 0 for r in result["results"].values())
    # "bare <view> + log" writes the read's access-log entry, as careerlog does (agency and region left empty)
    store = open_store(settings)
    try:
        logged = store.query(
            "SELECT DISTINCT action, username FROM access_log WHERE agency IS NULL AND region IS NULL ORDER BY action"
        )
    finally:
        store.close()
    assert logged == [{"action": "eligibility", "username": "bench"}, {"action": "timeline", "username": "bench"}]
    # each endpoint timed once a round, the median of the rounds given as its figure
    for r in result["results"].values():
        assert len(r["rounds_cpu_ms"]) == 3
        assert r["cpu_ms"] == sorted(r["rounds_cpu_ms"])[1]


def test_the_reads_bench_clones_employees_under_new_nips_that_the_api_reads_like_the_originals(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(reads, "PAGE", 10)
    store = ["--store", "postgres", "--database-url", database_url] if database_url.startswith("postgresql") else []
    seed = str(uuid.uuid4().int % 10**9)
    options = ["--employees", "12", "--seed", seed, "--clone-employees", "36", "--seconds", SECONDS, "--clients", "2"]
    schema = f"reads_12_{seed}_c36"
    try:
        reads.main([*options, "--workers", "1", "--keep", *store])  # every request answered 200, clones included
        settings = (
            Settings(database_url=f"{database_url.split('?', 1)[0]}?schema={schema}")
            if store
            else Settings(database_url=f"sqlite:///{tmp_path / 'data' / f'reads-12-{seed}-c36.db'}")
        )
        views = open_store(settings)
        try:
            counts = {
                table: views.query(
                    f"SELECT COUNT(DISTINCT subject) AS n, COUNT(*) AS rows FROM {table} WHERE subject < '19'"
                )[0]
                for table in ("roster", "timeline", "eligibility")
            }
            loaded = reads.LOADED_NIPS.format("subject")
            originals = {
                table: views.query(f"SELECT COUNT(*) AS rows FROM {table} WHERE {loaded}")[0]["rows"]
                for table in ("roster", "timeline", "eligibility")
            }
            clones = views.query("SELECT subject FROM roster WHERE subject < '19' ORDER BY subject")
        finally:
            views.close()
    finally:
        if store:
            with Settings(database_url=database_url.split("?", 1)[0]).connect_postgres() as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    assert "cloned 2 of 2 copies of 12 employees" in capsys.readouterr().out
    assert counts["roster"]["n"] == 24
    assert {t: c["rows"] for t, c in counts.items()} == {t: 2 * n for t, n in originals.items()}
    assert all(len(r["subject"]) == 18 and r["subject"].isdigit() and r["subject"][:2] == "00" for r in clones)
    [result] = [orjson.loads(line) for line in (tmp_path / "results" / "reads.jsonl").read_bytes().splitlines()]
    assert result["results"]["timeline"]["p50_vs_bare_read"] > 0


def test_a_run_whose_bare_reads_took_no_measurable_server_cpu_compares_latencies_and_gives_no_cpu_ratio() -> None:
    """/proc counts a process's CPU in clock ticks: the few requests of a short run (this module's) may measure none
    for the bare endpoint, which ended the run with a ZeroDivisionError before any result was written."""
    results = {
        "bare": {"p50_ms": 2.0, "server_cpu_ms": 0.0},
        "bare timeline": {"p50_ms": 3.0, "server_cpu_ms": 2.5},
        "timeline": {"p50_ms": 6.0, "server_cpu_ms": 5.0},
    }
    reads.compare(results)
    assert [results[name]["p50_vs_bare"] for name in results] == [1.0, 1.5, 3.0]
    assert results["timeline"]["p50_vs_bare_read"] == 2.0
    assert all(math.isnan(r["cpu_vs_bare"]) for r in results.values())
    results["bare"]["server_cpu_ms"] = 2.5
    reads.compare(results)
    assert [results[name]["cpu_vs_bare"] for name in results] == [1.0, 1.0, 2.0]


def test_the_reports_bench_times_programmes_and_mentoring_beside_a_bare_aggregate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    with pytest.raises(SystemExit, match=r"run bench\.reads with --keep"):
        reports_inprocess.main(["--employees", "12", "--requests", "2"])
    args = reads.arguments(["--employees", "12", "--keep", "--no-save"])
    with reads.kept_store(args) as (settings, loaded):
        assert not loaded
        reads.prepare(settings, args)
    reports_inprocess.main(["--employees", "12", "--requests", "2", "--rounds", "2"])
    out = capsys.readouterr().out
    assert "reports in-process, 12 employees" in out
    assert re.search(r"^programmes reporter +[\d.]+ ms wall +[\d.]+ ms CPU +[\d.]+ x bare CPU$", out, re.M), out
    [result] = [
        orjson.loads(line) for line in (tmp_path / "results" / "reports_inprocess.jsonl").read_bytes().splitlines()
    ]
    assert {"programmes admin", "programmes reporter", "mentoring reporter", "bare programmes"} <= set(
        result["results"]
    )
    assert all(len(r["rounds_cpu_ms"]) == 2 for r in result["results"].values())
    assert all(r["cpu_ms"] > 0 for name, r in result["results"].items() if not name.startswith("bare"))
    assert result["results"]["programmes reporter"]["cpu_ratio"] > 0
