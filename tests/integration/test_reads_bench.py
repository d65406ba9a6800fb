"""The reads benchmark's own parts: roster pages read after cursors, and a kept store loaded once."""

from __future__ import annotations

import uuid
from pathlib import Path

import orjson
import pytest

from bench import common, reads, reads_inprocess
from careerlog.config import Settings
from careerlog.sqlstore import open_store


def test_the_reads_bench_reads_roster_pages_after_cursors_and_reuses_a_kept_store(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(reads, "PAGE", 5)  # a dozen employees make three pages
    store = ["--store", "postgres", "--database-url", database_url] if database_url.startswith("postgresql") else []
    seed = str(uuid.uuid4().int % 10**9)  # the kept schema, reads_12_<seed>, is this test's alone
    options = ["--employees", "12", "--seed", seed, "--seconds", "0.2", "--clients", "2", "--workers", "1", "--keep"]
    try:
        reads.main([*options, *store])
        reads.main([*options, *store])
    finally:
        if store:
            with Settings(database_url=database_url.split("?", 1)[0]).connect_postgres() as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "reads_12_{seed}" CASCADE')
    out = capsys.readouterr().out
    assert out.count("reusing the kept store") == 1
    runs = [orjson.loads(line) for line in (tmp_path / "results" / "reads.jsonl").read_bytes().splitlines()]
    assert [set(r["results"]) for r in runs] == [{"bare", "timeline", "eligibility", "roster page", "roster after"}] * 2
    assert all(r["results"]["roster after"]["requests"] > 0 for r in runs)


def test_the_reads_bench_fills_the_roster_with_copies_up_to_the_rows_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(reads, "PAGE", 10)
    reads.main(["--employees", "12", "--roster-rows", "45", "--seconds", "0.2", "--clients", "1", "--workers", "1",
                "--keep", "--no-save"])  # fmt: skip
    assert "roster: 12 rows and 33 copies" in capsys.readouterr().out
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
    reads.main(["--employees", "12", "--seconds", "0.2", "--clients", "1", "--workers", "1", "--keep", "--no-save"])
    reads_inprocess.main(["--employees", "12", "--requests", "5"])
    assert "reads in-process, 12 employees" in capsys.readouterr().out
    [result] = [
        orjson.loads(line) for line in (tmp_path / "results" / "reads_inprocess.jsonl").read_bytes().splitlines()
    ]
    assert set(result["results"]) == {"timeline", "eligibility", "roster page", "roster after"}
    assert all(r["cpu_ms"] > 0 for r in result["results"].values())
