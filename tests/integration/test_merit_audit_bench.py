"""A tiny run of the merit audit benchmark's steps, on both stores, so that none of them rots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import bench_merit


def audit(database_url: str, path: Path) -> dict[str, Any]:
    bench_merit.main(["audit", "--database-url", database_url, "--json", str(path)])
    answers: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return answers


def test_audit_bench_times_each_step_over_the_views_and_a_clone_multiplies_every_answer(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for step in (["load", "--employees", "60"], ["rebuild"]):
        bench_merit.main([*step, "--database-url", database_url])
    before = audit(database_url, tmp_path / "before.json")
    out = capsys.readouterr().out
    for step in ("decisions with findings", "passed over (101", "passed over (202", "grade inflation", "fairness by"):
        assert f"\n{step}" in out
    assert "time to promotion by 7 dimensions: 7 in" in out
    assert "audit total:" in out
    assert "peak RSS" in out

    bench_merit.main(["clone", "--times", "3", "--database-url", database_url])
    after = audit(database_url, tmp_path / "after.json")

    decisions = before["decisions"]["decisions"]
    assert sum(decisions.values()) > 0
    assert after["decisions"]["decisions"] == {key: 3 * n for key, n in decisions.items()}
    assert after["decisions"]["findings"] == {rule: 3 * n for rule, n in before["decisions"]["findings"].items()}
    for name in ("passed_over_101", "passed_over_202_posts", "grade_inflation"):
        assert len(after[name]) == 3 * len(before[name]), name
    copies = {(p["subject"].split("~")[0], p["colleague"].split("~")[0]) for p in after["passed_over_202_posts"]}
    assert copies == {(p["subject"], p["colleague"]) for p in before["passed_over_202_posts"]}
    bench_merit.main(["passed-over", "--database-url", database_url, "--json", str(tmp_path / "passed.json")])
    alone = json.loads((tmp_path / "passed.json").read_text(encoding="utf-8"))
    assert alone["passed_over_202_posts"] == after["passed_over_202_posts"]
    sex = {g["group"]: g["eligible"] for g in before["fairness"]["sex"]["groups"]}
    assert {g["group"]: g["eligible"] for g in after["fairness"]["sex"]["groups"]} == {g: 3 * n for g, n in sex.items()}
