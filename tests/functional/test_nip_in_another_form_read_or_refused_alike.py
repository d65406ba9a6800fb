"""A NIP given in another Unicode form is read as its 18 ASCII digits or refused, by every entry point, and never
stored in a second form: one ending in a non-breaking space (or any Unicode space) is the NIP, as its separators
are (careerlog.domain.nip.normalise_nip); one written in fullwidth digits (as a Japanese or Chinese input method
types them, U+FF11 for 1), the same digits in Unicode's compatibility form (NFKC), is the NIP too (until 2026-12-07
refused as "must be 18 digits" by the CLI and the API, and not found by the API's record path; an import's row
until then refused as a NIP of no one in the scope); another
script's digits (Arabic-Indic), which NFKC leaves as they are, are no NIP, refused naming `nip` and the first
such digit (not one of 0-9). So no second
record is ever made for one employee."""

from __future__ import annotations

import io
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of

FULLWIDTH = BUDI.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
SPACED = BUDI + "\u00a0"  # a trailing non-breaking space, as a spreadsheet cell pasted from a page holds it
ARABIC = BUDI.translate({ord(d): 0x0660 + int(d) for d in "0123456789"})
NOT_18 = f"Must be 18 digits: {ARABIC[0]!r} is not a digit 0-9, in {ARABIC!r}."  # (its first character named)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def training(reference: str) -> dict[str, Any]:
    # (6 JP over three days: the trainings of those days holding at most 12 JP a day together, rule training.daily_jp)
    return f.training("2024-05-10", hours=6, start="2024-05-08", reference=reference, title=reference)


def imported(world: World, nip: str, reference: str) -> dict[str, Any]:
    data = orjson.dumps({"nip": nip, "kind": "training", **training(reference)}) + b"\n"
    answer = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(data), "rows.jsonl")}, content_type="multipart/form-data"
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    report: dict[str, Any] = answer.get_json()
    return report


def recorded_by_cli(store_url: str, nip: str, reference: str) -> tuple[int, str]:
    fields = [f"{name}={value}" for name, value in training(reference).items()]
    result = CliRunner().invoke(main, ["record", nip, "training", *fields], env={"CAREERLOG_DATABASE_URL": store_url})
    return result.exit_code, result.output


def subjects(world: World) -> set[str]:
    return {subject for _, subject, _ in world.log()}


def test_a_nip_ending_in_a_non_breaking_space_is_the_nip_at_every_entry_point(world: World, store_url: str) -> None:
    before = subjects(world)
    answer = world.post(f"/api/v1/employees/{SPACED}/events", "hr", json={"kind": "training", **training("NB-1")})
    assert (answer.status_code, answer.get_json()["subject"]) == (201, BUDI)
    assert recorded_by_cli(store_url, SPACED, "NB-2") == (0, f"recorded: training version 4 of {BUDI}\n")
    report = imported(world, SPACED, "NB-3")
    assert [row["subject"] for row in report["recorded_rows"]] == [BUDI]
    assert subjects(world) == before  # (no record of another form)


def test_a_nip_in_fullwidth_digits_is_the_nip_at_every_entry_point(world: World, store_url: str) -> None:
    before = subjects(world)
    answer = world.post(f"/api/v1/employees/{FULLWIDTH}/events", "hr", json={"kind": "training", **training("FW-1")})
    assert (answer.status_code, answer.get_json()["subject"]) == (201, BUDI)
    assert recorded_by_cli(store_url, FULLWIDTH, "FW-2") == (0, f"recorded: training version 4 of {BUDI}\n")
    answer = world.post("/api/v1/employees", "hr", json={"nip": FULLWIDTH, **appointment_of(BUDI)})
    assert answer.status_code == 409  # (Budi, appointed already: not a second record)
    assert list(answer.get_json()["errors"]) == ["nip"]
    report = imported(world, FULLWIDTH, "FW-3")  # (until 2026-12-07 refused as a NIP of no one in the scope)
    assert ([row["subject"] for row in report["recorded_rows"]], report["rejected"]) == ([BUDI], [])
    assert subjects(world) == before


def test_a_nip_in_another_scripts_digits_is_refused_at_every_entry_point(world: World, store_url: str) -> None:
    before = world.log()
    code, output = recorded_by_cli(store_url, ARABIC, "AR-1")
    assert (code, output) == (1, f"Error: nip: {NOT_18}\n")
    [rejected] = imported(world, ARABIC, "AR-2")["rejected"]
    assert rejected["errors"] == {"nip": [NOT_18]}
    answer = world.post("/api/v1/employees", "hr", json={"nip": ARABIC, **appointment_of(BUDI)})
    assert (answer.status_code, answer.get_json()["errors"]) == (422, {"nip": [NOT_18]})
    answer = world.post(f"/api/v1/employees/{ARABIC}/events", "hr", json={"kind": "training", **training("AR-3")})
    assert answer.status_code == 404
    assert world.log() == before
