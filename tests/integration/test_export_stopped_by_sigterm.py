"""SIGTERM (or SIGHUP) stops `careerlog export FILE` as it stops an import or a rebuild: said, exit 128 + the signal,
and the part written so far (FILE.partial, plain-text personal data) removed, as Ctrl-C removed it. Until 2026-12-05
the signal ended the export at once without a word, leaving FILE.partial. Both stores."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.integration.test_import_workers import imported
from tests.integration.test_long_commands_stopped_by_sigterm import demo, stopped_when
from tests.processes import Careerlog

__all__ = ["demo"]  # (the module's demo of 300 employees, a fixture)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_an_export_stopped_by_sigterm_says_so_and_leaves_no_partial_file(
    database_url: str, demo: Path, tmp_path: Path, signum: signal.Signals
) -> None:
    imported(database_url, demo, workers=1, migration=True)
    target = tmp_path / "backup.jsonl"
    partial = target.with_name(target.name + ".partial")
    process = Careerlog(database_url, tmp_path / "export.log", "export", str(target))
    try:
        code, _ = stopped_when(process, lambda: partial.exists() and partial.stat().st_size > 0, signum)
    finally:
        process.close()
    assert code == 128 + signum, process.output()
    said = f"Error: stopped by {signum.name}: the export was not finished: {target} was not written"
    assert said in process.output()
    assert "Traceback" not in process.output()
    assert not partial.exists()
    assert not target.exists()
