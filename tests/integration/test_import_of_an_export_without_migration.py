"""A plain `careerlog import` of an export file (no --migration) refused each of its rows for its recorded time, the
same line once per row (21,854 times for a 21,854-row export), exit 1. Its first row carrying its recorded time, the
file is now refused whole, once, saying to restore it with `careerlog import --migration`; nothing is recorded (with
--workers too). Both stores."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, last_position, run, write

REFUSAL = (
    "Error: backup.jsonl is an export (its rows carry their recorded times): an administrator restores it with "
    "`careerlog import --migration backup.jsonl`, which keeps them; without --migration each of its rows would be "
    "refused for its recorded time. Nothing was imported."
)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """An export of a store of an appointment and a training (a store of its own: not the one imported into)."""
    source = f"sqlite:///{tmp_path}/source.db"
    training = {"kind": "training", "nip": APPOINTMENT["nip"], **f.training("2020-01-03", hours=8, reference="C1")}
    made = run(source, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT, training)))
    assert made.exit_code == 0, made.output
    path = tmp_path / "backup.jsonl"
    assert run(source, "export", str(path)).exit_code == 0
    assert all("recorded_at" in orjson.loads(line) for line in path.read_bytes().splitlines())
    return path


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_export_imported_without_migration_is_refused_once_saying_how_to_restore_it(
    database_url: str, export: Path, workers: str
) -> None:
    result = run(database_url, "import", "--workers", workers, str(export))
    assert result.exit_code == 1, result.output
    assert result.output.count("recorded time") == 2, result.output  # (the one refusal's, not a line per row)
    assert REFUSAL in " ".join(result.output.split())
    assert last_position(database_url) == 0
    restored = run(database_url, "import", "--migration", str(export))  # (as it says)
    assert restored.exit_code == 0, restored.output
    assert last_position(database_url) == 2
