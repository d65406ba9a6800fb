"""The benchmarks' demo export: two processes making the same export at once both get the whole file; an export made
by another demo generator (its code, the modules it imports, the rules or reference tables) is not read: the cache in
$CAREERLOG_BENCH_DATA was keyed on size and seed only, and after the demo changed a kept export silently measured the
old demo."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import careerlog
import careerlog.demo
from bench import common
from careerlog.reference import RULES_FILE_ENV


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
    key = f"30-7-{common.demo_fingerprint()}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"demo-{key}.jsonl",
        "expected.jsonl",
        f"irregular-{key}.json",
    ]


def test_an_export_another_demo_generator_made_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path))
    stale = '{"kind": "made by an older demo"}\n'
    (tmp_path / "demo-30-7.jsonl").write_text(stale)  # as the cache was named before
    (tmp_path / "demo-30-7-000000000000.jsonl").write_text(stale)  # another generator's
    path = common.demo_export(30, 7)
    assert path.name == f"demo-30-7-{common.demo_fingerprint()}.jsonl"
    assert path.read_text() != stale
    assert len(path.read_text().splitlines()) > 30


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the careerlog package to change."""
    copy = tmp_path / "src" / "careerlog"
    shutil.copytree(Path(careerlog.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def changed(path: Path) -> None:
    path.write_text(path.read_text() + "\n# changed\n")


def test_the_fingerprint_changes_with_the_demo_and_every_module_it_imports_and_the_rules(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {common.demo_fingerprint(package)}
    assert common.demo_fingerprint(package) in seen  # the same sources, the same fingerprint
    for path in ("demo/careers.py", "domain/ratings.py", "retirement.py", "reference/rules.toml", "reference/asn.toml"):
        changed(package / path)  # the generator, a module it imports (directly or not), the rules, a reference table
        fingerprint = common.demo_fingerprint(package)
        assert fingerprint not in seen, path
        seen.add(fingerprint)
    rules = tmp_path / "rules.toml"
    rules.write_text((package / "reference" / "rules.toml").read_text())
    monkeypatch.setenv(RULES_FILE_ENV, str(rules))  # a deployment's own rules, which the demo follows
    assert common.demo_fingerprint(package) not in seen


def test_a_module_the_demo_comes_to_import_counts_without_being_listed(package: Path) -> None:
    before = common.demo_fingerprint(package)
    changed(package / "importing.py")  # not imported by the demo: its export is the same
    assert common.demo_fingerprint(package) == before
    (package / "demo" / "dates.py").write_text(
        "from careerlog.importing import delimiter_of as _d\n" + (package / "demo" / "dates.py").read_text()
    )
    now = common.demo_fingerprint(package)
    assert package / "importing.py" in common.demo_sources(package)
    changed(package / "importing.py")  # imported now: a change of it makes another export
    assert common.demo_fingerprint(package) != now
