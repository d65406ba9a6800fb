"""A tiny run of every benchmark script, on both stores, so that none of them rots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from bench import common, ingest, reads, rebuild, scaling

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
    assert ("cpu_ratio" in result) == database_url.startswith("sqlite")


def test_rebuild_bench_scans_as_many_events_as_the_rebuild_reads(
    database_url: str, bench_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rebuild.main(["--employees", EMPLOYEES, *store_args(database_url)])
    out = capsys.readouterr().out
    assert "careerlog projections rebuild" in out
    assert "process CPU: careerlog" in out
    [result] = saved(bench_env, "rebuild")
    assert result["view_rows"] > 0
    assert result["ratio"] > 0


def test_reads_bench_serves_timeline_eligibility_and_roster_beside_the_bare_endpoint(
    database_url: str, bench_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reads.main(["--employees", EMPLOYEES, "--seconds", "0.3", "--clients", "2", "--workers", "1",
                *store_args(database_url)])  # fmt: skip
    out = capsys.readouterr().out
    [result] = saved(bench_env, "reads")
    assert set(result["results"]) == {"bare", "timeline", "eligibility", "roster page", "roster after"}
    assert "p50/bare" in out


def test_scaling_driver_prints_the_cost_per_event_of_ingest_and_rebuild(
    bench_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scaling.main(["--sizes", EMPLOYEES, "--stores", "sqlite"])
    out = capsys.readouterr().out
    assert "us/event" in out
    assert [r["measured"] for r in saved(bench_env, "scaling")] == ["ingest", "rebuild"]


def test_bench_options_refuse_a_size_below_one() -> None:
    with pytest.raises(SystemExit, match="--employees"):
        ingest.main(["--employees", "0", "--no-save"])


def test_rebuild_bench_can_measure_some_views_only(bench_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rebuild.main(["--employees", EMPLOYEES, "--views", "timeline,roster"])
    assert "rebuild of timeline, roster;" in capsys.readouterr().out
    [result] = saved(bench_env, "rebuild")
    assert result["views"] == ["timeline", "roster"]
    with pytest.raises(SystemExit):
        rebuild.main(["--employees", EMPLOYEES, "--views", "timeline,nope", "--no-save"])
    assert "Unknown view 'nope'" in capsys.readouterr().err
