"""A row refused for a reference another row of the file gave names that row only when it recorded the fact: a file
that repeats a row of an earlier import unchanged (line 2: already recorded) and then the same reference with another
title (line 3) was told "... as version 2 with different values (title) by line 2 of this file", though line 2 recorded
nothing. It is told the fact was recorded before this file, line 2 repeating it; a fact a line of the file did record
is still named by that line, and a key used so is told as the plain refusal (no line of this file used it first)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TRAINING = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=8, start="2015-05-01")}
REFERENCE = TRAINING["reference"]


def test_a_row_repeating_an_earlier_import_is_no_line_that_recorded_it(database_url: str, tmp_path: Path) -> None:
    first = run(database_url, "import", str(write(tmp_path / "first.jsonl", APPOINTMENT, TRAINING)))
    assert first.exit_code == 0, first.output
    path = write(tmp_path / "again.jsonl", TRAINING, {**TRAINING, "title": "Arsip Statis"})
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert (
        f"line 2: reference: Reference '{REFERENCE}' was already recorded as version 2 with different values (title) "
        "before this file (line 1 of this file repeats it unchanged); keep one of the two rows, or record a "
        "correction instead."
    ) in result.output
    assert "by line 1 of this file" not in result.output


def test_a_row_repeating_a_line_that_recorded_it_names_that_line(database_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "events.jsonl", APPOINTMENT, TRAINING, {**TRAINING, "title": "Arsip Statis"})
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert (
        f"line 3: reference: Reference '{REFERENCE}' was already recorded as version 2 with different values (title) "
        "by line 2 of this file; keep one of the two rows, or record a correction instead."
    ) in result.output


def test_a_key_of_an_earlier_import_is_told_plainly(database_url: str, tmp_path: Path) -> None:
    keyed = {**TRAINING, "client_key": "k-1"}
    first = run(database_url, "import", str(write(tmp_path / "first.jsonl", APPOINTMENT, keyed)))
    assert first.exit_code == 0, first.output
    path = write(tmp_path / "again.jsonl", keyed, {**keyed, "title": "Arsip Statis"})
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert "line 2: client_key: Key 'k-1' was already used for the training recorded as version 2 with" in result.output
    assert "of this file" not in result.output
