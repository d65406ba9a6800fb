"""A fact whose reference a correction changed, then retracted, sent again by the command line as it stood (under the
reference the correction gave it): `careerlog record` and `careerlog import` recorded it anew (a review, 2026-12-07;
the API and the import page alike: tests/functional/test_retracted_after_reference_corrected_sent_again.py). Each now
refuses it naming the retraction, exits non-zero and records nothing; read back by another process (the record's
identity keys rebuilt from its events) it is answered the same. Both stores."""

from __future__ import annotations

import json
from pathlib import Path

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

RECORDED = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=20, start="2015-05-01", reference="C-1")}
AS_CORRECTED = {**RECORDED, "reference": "C-2"}
SAID = "Reference 'C-2' was recorded as version 2, then corrected to these values; version 4 retracted it"


def history(database_url: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in run(database_url, "history", NIP).output.splitlines()]


def test_the_command_line_refuses_a_fact_sent_again_under_its_corrected_reference(
    database_url: str, tmp_path: Path
) -> None:
    correction = {"kind": "correction", "nip": NIP, **f.correction(2, "2015-06-01", reference="C-2")}
    retraction = {"kind": "retraction", "nip": NIP, **f.retraction(2, "2015-06-02")}
    first = run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT, RECORDED, correction, retraction)))
    assert first.exit_code == 0, first.output
    kept = history(database_url)
    assert len(kept) == 4
    row = run(database_url, "import", str(write(tmp_path / "b.jsonl", AS_CORRECTED)))
    assert row.exit_code == 1, row.output
    assert f"line 1: reference: {SAID}: a file run again does not record it again." in row.output
    fields = [f"{k}={v}" for k, v in AS_CORRECTED.items() if k not in ("kind", "nip")]
    recorded = run(database_url, "record", NIP, "training", *fields)
    assert recorded.exit_code != 0, recorded.output
    assert f"{SAID}: none of it is in force." in recorded.output
    assert history(database_url) == kept
