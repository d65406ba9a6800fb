"""An import row refused as a conflict with what is recorded names the field at fault, not the NIP.

Found by the administrator's acceptance pass of 2026-12-02: a file holding the same certificate
twice with different JP reported "line 3: nip: Reference 'CERT-1' was already recorded as
version 2 with different values (hours); ..." - the NIP was right; the reference is what was
used twice. A NIP already appointed still names `nip`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TRAINING = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=8, start="2015-05-01")}


def test_a_reference_recorded_with_other_values_names_reference(database_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "events.jsonl", APPOINTMENT, TRAINING, {**TRAINING, "hours": 9})
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert f"line 3: reference: Reference '{TRAINING['reference']}' was already recorded as version 2" in result.output


def test_a_client_key_used_for_another_kind_names_client_key(database_url: str, tmp_path: Path) -> None:
    rating = {"kind": "performance_rating", "nip": NIP, **f.rating(2015), "client_key": "k-1"}
    path = write(tmp_path / "events.jsonl", APPOINTMENT, {**TRAINING, "client_key": "k-1"}, rating)
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert (
        "line 3: client_key: Key 'k-1' was already used for the training recorded as version 2 by line 2 of this file: "
        "a new fact needs a new key; keep one of the two rows, or give this one a client_key not used before."
    ) in result.output


def test_an_appointment_of_a_nip_already_appointed_still_names_nip(database_url: str, tmp_path: Path) -> None:
    other = {**APPOINTMENT, "reference": "SK-OTHER", "name": "Someone Else"}
    result = run(database_url, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT, other)))
    assert result.exit_code == 1
    assert "line 2: nip: " in result.output
