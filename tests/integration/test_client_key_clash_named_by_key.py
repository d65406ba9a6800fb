"""An import row or a `careerlog record --client-key` repeating a client key already used with other values is refused
naming `client_key`, worded as a key used before, not as a reference recorded before.

Found by a helper's pass of 2026-12-04: such a row was reported "reference: Reference 'R-1' was already recorded as
version 2 with different values (...)", though its reference may even differ: the key is what was used twice. A
reference repeated with other values is still named and worded as before; the same key with the same values is
still already recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TRAINING = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=8, start="2015-05-01")}
KEYED = {**TRAINING, "reference": "R-1", "client_key": "K-1"}


def test_an_import_row_repeating_a_key_of_an_earlier_line_names_client_key(database_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "events.jsonl", APPOINTMENT, KEYED, {**KEYED, "reference": "R-2", "hours": 9})
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert (
        "line 3: client_key: Key 'K-1' was already used for the training recorded as version 2 with different values "
        "(hours, reference) by line 2 of this file: a new fact needs a new key (or the same values to repeat it); "
        "keep one of the two rows, or give this one a client_key not used before."
    ) in result.output
    assert "Reference 'R-1'" not in result.output


def test_an_import_row_repeating_a_recorded_key_names_client_key(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT, KEYED))).exit_code == 0
    before = last_position(database_url)
    result = run(database_url, "import", str(write(tmp_path / "b.jsonl", {**KEYED, "reference": "R-2", "hours": 9})))
    assert result.exit_code == 1
    assert (
        "line 1: client_key: Key 'K-1' was already used for the training recorded as version 2 with different values "
        "(hours, reference): a new fact needs a new key (or send the same values to repeat it)."
    ) in result.output
    assert last_position(database_url) == before


def test_an_import_row_repeating_a_key_with_its_values_is_already_recorded(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT, KEYED))).exit_code == 0
    result = run(database_url, "import", str(write(tmp_path / "b.jsonl", KEYED)))
    assert result.exit_code == 0
    assert "already recorded 1" in result.output


def test_an_import_row_repeating_a_reference_still_names_reference(database_url: str, tmp_path: Path) -> None:
    other_key = {**KEYED, "client_key": "K-2", "hours": 9}
    result = run(database_url, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT, KEYED, other_key)))
    assert result.exit_code == 1
    assert (
        "line 3: reference: Reference 'R-1' was already recorded as version 2 with different values (hours) by line 2"
    ) in result.output


def record(key: str, reference: str, hours: int) -> list[str]:
    fields = {**f.training("2015-05-02", hours=hours, start="2015-05-01"), "reference": reference}
    return ["record", NIP, "training", *(f"{k}={v}" for k, v in fields.items()), "--client-key", key]


def test_the_record_command_repeating_a_key_with_other_values_names_client_key(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    assert run(database_url, *record("K-9", "R-9", 8)).exit_code == 0
    before = last_position(database_url)
    result = run(database_url, *record("K-9", "R-10", 9))
    assert result.exit_code == 1
    assert result.output == (
        "Error: client_key: Key 'K-9' was already used for the training recorded as version 2 with different values "
        "(hours, reference): a new fact needs a new key (or send the same values to repeat it).\n"
    )
    assert last_position(database_url) == before
    again = run(database_url, *record("K-9", "R-9", 8))
    assert again.exit_code == 0
    assert again.output.startswith("already recorded: training version 2")


def test_the_record_command_repeating_a_reference_keeps_its_wording(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    assert run(database_url, *record("K-7", "R-7", 8)).exit_code == 0
    result = run(database_url, *record("K-8", "R-7", 9))
    assert result.exit_code == 1
    assert result.output == (
        "Error: Reference 'R-7' was already recorded as version 2 with different values (hours): if this is another "
        "event, give it its own reference number; if version 2 was wrong, record a correction of version 2.\n"
    )
