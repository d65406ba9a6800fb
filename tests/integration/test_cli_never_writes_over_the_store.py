"""A file a command writes (export's FILE, import's --report and --refused, demo's --output and --irregularities)
that is the SQLite store's own file, or one SQLite or careerlog keeps beside it, as named or through a link, is
refused naming the option, exit 2, before anything is written: `careerlog export careerlog.db` replaced the store
with the export (its accounts, tokens, access log and views gone, and the file no store any more)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.integration.test_cli_write_failures_named import careerlog, commands, store

__all__ = ["store"]  # (the module's store: one appointment recorded)

HINTS = {
    "export": "FILE",
    "import --report": "--report",
    "import --refused": "--refused",
    "demo --output": "--output",
    "demo --irregularities": "--irregularities",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("target", ["the file", "its -wal", "a link to it"])
@pytest.mark.parametrize("command", list(HINTS))
def test_a_file_to_write_that_is_the_store_is_refused_and_the_store_kept(
    store: str, tmp_path: Path, command: str, target: str
) -> None:
    database = Path(store.removeprefix("sqlite:///"))
    out = {
        "the file": database,
        "its -wal": database.with_name(database.name + "-wal"),
        "a link to it": tmp_path / "backup.jsonl",
    }[target]
    if target == "a link to it":
        out.symlink_to(database)
    before = digest(database)
    result = careerlog(store, *commands(tmp_path, out)[command])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {HINTS[command]}: {out} is the store's file, or one SQLite keeps beside it " in (
        result.output
    )
    assert "writing it would destroy the store. Name another file. Nothing was written." in result.output
    assert digest(database) == before
    assert careerlog(store, "info").output.endswith("last event position: 1\n")
