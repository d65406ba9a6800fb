"""A record made under a wrong NIP is voided from the command line and an import as through the API: `careerlog
record NIP retraction target_version=1 ...` refused (exit 1, naming each fact still standing, nothing recorded) until
every other fact is retracted, then recorded; an import row retracting the appointment likewise; the voided NIP is
appointed afresh by an import row or `careerlog record NIP appointment ...`. On both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def retraction(target: int, reference: str) -> list[str]:
    fields = {"target_version": target, "reason": "NIP salah ketik", "effective_date": "2024-02-01"}
    confirm = {"confirm_nip": NIP} if target == 1 else {}  # (a void: the NIP given again)
    fields |= {"reference": reference, **confirm}
    return ["record", NIP, "retraction", *(f"{k}={v}" for k, v in fields.items())]


def test_the_command_line_voids_a_record_once_its_other_facts_are_retracted(database_url: str, tmp_path: Path) -> None:
    training = {"kind": "training", "nip": NIP, **f.training("2020-01-06", reference="T-1")}
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT, training))).exit_code == 0
    before = last_position(database_url)
    refused = run(database_url, *retraction(1, "BATAL-NIP"))
    assert refused.exit_code == 1
    assert "still standing: version 2 (training)." in refused.output
    assert last_position(database_url) == before
    assert run(database_url, *retraction(2, "BATAL-T-1")).exit_code == 0
    result = run(database_url, *retraction(1, "BATAL-NIP"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("recorded: retraction version 4")
    kinds = [json.loads(line)["kind"] for line in run(database_url, "history", NIP).output.splitlines()]
    assert kinds == ["appointment", "training", "retraction", "retraction"]


def test_an_import_voids_a_record_and_appoints_its_nip_afresh(database_url: str, tmp_path: Path) -> None:
    void = {"kind": "retraction", "nip": NIP, "target_version": 1, "reason": "NIP salah ketik"}
    void |= {"effective_date": "2024-02-01", "reference": "BATAL-NIP", "confirm_nip": NIP}
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT, void))).exit_code == 0
    before = last_position(database_url)
    again = {**APPOINTMENT, "reference": "SK-LAIN", "name": "Nama Lain"}
    training = {"kind": "training", "nip": NIP, **f.training("2020-01-06", reference="T-1")}
    result = run(database_url, "import", str(write(tmp_path / "b.jsonl", again, training)))
    assert result.exit_code == 0, result.output
    assert last_position(database_url) == before + 2
    history = [json.loads(line) for line in run(database_url, "history", NIP).output.splitlines()]
    assert [(h["version"], h["kind"]) for h in history] == [
        (1, "appointment"),
        (2, "retraction"),
        (3, "appointment"),
        (4, "training"),
    ]
    assert history[2]["name"] == "Nama Lain"
    assert run(database_url, "import", str(write(tmp_path / "b.jsonl", again, training))).exit_code == 0
    assert last_position(database_url) == before + 2  # (the file imported again: as recorded)


def test_the_command_line_appoints_a_voided_nip_afresh(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    assert run(database_url, *retraction(1, "BATAL-NIP")).exit_code == 0
    training = run(database_url, "record", NIP, "training", *(f"{k}={v}" for k, v in f.training("2020-01-06").items()))
    assert training.exit_code == 1  # (the voided record takes no new fact, and says how its NIP is appointed afresh)
    assert "Nothing more is recorded in it until the NIP is appointed afresh, by an ordinary appointment" in (
        " ".join(training.output.split())
    )
    fields = {k: v for k, v in APPOINTMENT.items() if k not in ("kind", "nip")} | {"reference": "SK-LAIN"}
    result = run(database_url, "record", NIP, "appointment", *(f"{k}={v}" for k, v in fields.items()))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("recorded: appointment version 3")
    again = run(database_url, "record", NIP, "appointment", *(f"{k}={v}" for k, v in {**fields, "name": "X"}.items()))
    assert again.exit_code == 1
    assert "Reference 'SK-LAIN' was already recorded as version 3 with different values (name)" in again.output
    other = {**fields, "name": "X", "reference": "SK-X"}  # (as a first appointment's NIP sent again is answered)
    refused = run(database_url, "record", NIP, "appointment", *(f"{k}={v}" for k, v in other.items()))
    assert refused.exit_code == 1
    assert f"NIP {NIP} is already appointed" in refused.output


def test_the_command_line_refuses_a_void_without_the_nip_given_again(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    before = last_position(database_url)
    unconfirmed = [arg for arg in retraction(1, "BATAL-NIP") if not arg.startswith("confirm_nip=")]
    refused = run(database_url, *unconfirmed)
    assert refused.exit_code == 1
    assert "confirm_nip" in refused.output
    assert f"a void cannot be undone: the record leaves every view and takes nothing more, and NIP {NIP} is" in (
        refused.output
    )
    other = run(database_url, *unconfirmed, "confirm_nip=198609262015051001")
    assert other.exit_code == 1
    assert f"confirm_nip: 198609262015051001 is not this record's NIP {NIP}" in other.output
    assert last_position(database_url) == before


def test_an_import_row_voiding_a_record_without_its_nip_again_is_refused_naming_the_column(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    before = last_position(database_url)
    csv = tmp_path / "retraction.csv"
    csv.write_text(
        f"nip,target_version,reason,effective_date,reference\n{NIP},1,NIP salah ketik,2024-02-01,BATAL-NIP\n"
    )
    result = run(database_url, "import", str(csv))
    assert "confirm_nip" in result.output, result.output
    assert "a void cannot be undone" in result.output
    assert last_position(database_url) == before
    csv.write_text(
        "nip,target_version,reason,effective_date,reference,konfirmasi_nip\n"
        f"{NIP},1,NIP salah ketik,2024-02-01,BATAL-NIP,{NIP}\n"
    )
    assert run(database_url, "import", str(csv)).exit_code == 0
    assert last_position(database_url) == before + 1
