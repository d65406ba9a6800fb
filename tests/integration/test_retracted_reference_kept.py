"""A retracted fact's reference recorded anew is kept as such: read back from the store by another process it is
answered the same way (the record's identity keys are rebuilt from its events as they were kept when recorded),
and an export imported by a migration into another store, and imported again, gives the same log: the fact
recorded anew under a retracted fact's reference, with other values and with the same values under a new client
key, is reproduced, not refused as a conflict nor taken for the retracted one (tests/functional/
test_retracted_reference.py shows the API, the record form and an import)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from tests import factories as f
from tests.conftest import fresh_schema
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

WRONG = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=20, start="2015-05-01", reference="RR-1")}
RIGHT = {**WRONG, "hours": 24}


def retraction(version: int, day: str) -> dict[str, object]:
    return {"kind": "retraction", "nip": NIP, **f.retraction(version, day)}


def history(database_url: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in run(database_url, "history", NIP).output.splitlines()]


def test_a_reference_recorded_anew_is_kept_and_reproduced_by_a_migration(database_url: str, tmp_path: Path) -> None:
    rows = [APPOINTMENT, WRONG, retraction(2, "2015-06-01"), RIGHT, retraction(4, "2015-06-02")]
    first = run(database_url, "import", str(write(tmp_path / "a.jsonl", *rows)))
    assert first.exit_code == 0, first.output
    again = run(database_url, "import", "--report", str(tmp_path / "r.json"), str(write(tmp_path / "b.jsonl", WRONG)))
    assert again.exit_code == 1  # RR-1 with 20 JP again, without a key: refused naming its retraction
    assert "which version 3 retracted" in again.output
    keyed = run(database_url, "import", str(write(tmp_path / "c.jsonl", {**WRONG, "client_key": "again-1"})))
    assert keyed.exit_code == 0, keyed.output  # the same values under a new client key: recorded anew (version 6)
    resent = run(database_url, "import", str(write(tmp_path / "d.jsonl", WRONG)))  # another process: answered by 6
    assert resent.exit_code == 0, resent.output
    assert "already recorded" in resent.output
    kept = history(database_url)
    assert [(row["version"], row["kind"]) for row in kept] == [
        (1, "appointment"),
        (2, "training"),
        (3, "retraction"),
        (4, "training"),
        (5, "retraction"),
        (6, "training"),
    ]
    export = tmp_path / "export.jsonl"
    assert run(database_url, "export", str(export)).exit_code == 0
    other_store = (
        fresh_schema() if database_url.startswith("postgres") else contextlib.nullcontext(f"sqlite:///{tmp_path}/o.db")
    )
    with other_store as other:
        for _ in range(2):  # a migration, then the same again: nothing new
            migrated = run(other, "import", "--migration", str(export))
            assert migrated.exit_code == 0, migrated.output
        assert history(other) == kept
        copy = tmp_path / "copy.jsonl"
        assert run(other, "export", str(copy)).exit_code == 0
        assert copy.read_text() == export.read_text()


def test_a_file_that_recorded_a_fact_and_its_retraction_run_again_is_already_recorded(
    database_url: str, tmp_path: Path
) -> None:
    """Its retracted fact's row is answered as the file's own (the file gave its retraction too), not refused: a run
    again records nothing and refuses nothing, as before; the same row without that retraction is refused."""
    path = write(tmp_path / "a.jsonl", APPOINTMENT, WRONG, retraction(2, "2015-06-01"))
    assert run(database_url, "import", str(path)).exit_code == 0
    again = run(database_url, "import", str(path))
    assert again.exit_code == 0, again.output
    assert "3 rows: recorded 0, already recorded 3, rejected 0" in again.output
    alone = run(database_url, "import", str(write(tmp_path / "b.jsonl", APPOINTMENT, WRONG)))
    assert alone.exit_code == 1
    assert "line 2: reference: Reference 'RR-1' was recorded with these values as version 2" in alone.output
    assert len(history(database_url)) == 3
