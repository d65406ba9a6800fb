"""The benchmarks' demo export: two processes making the same export at once both get the whole file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import careerlog.demo
from bench import common


def test_an_export_finished_by_another_writer_meanwhile_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path))
    real = careerlog.demo.write_demo
    others: list[Path] = []

    def write_while_another_writes_too(path: Path, **options: Any) -> str:
        summary = real(path, **options)
        if not others:  # another process makes the same export and finishes first
            monkeypatch.setattr(careerlog.demo, "write_demo", real)
            others.append(common.demo_export(30, 7))
        return summary

    monkeypatch.setattr(careerlog.demo, "write_demo", write_while_another_writes_too)
    path = common.demo_export(30, 7)

    assert others == [path]
    expected = tmp_path / "expected.jsonl"
    real(expected, employees=30, seed=7)
    assert path.read_bytes() == expected.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-30-7.jsonl", "expected.jsonl", "irregular-30-7.json"]
