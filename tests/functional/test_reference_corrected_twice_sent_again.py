"""A fact whose reference two corrections changed (T-A to T-B, then to T-C), sent again as it stood between them
(under T-B, no client key). Retracted, it was recorded anew (201; an import's row and `careerlog record` alike): the
look-up of a retracted fact's values sent again (`Ledger.retracted_alike`) compared them with the values first
recorded and the values as last corrected alone (tester, 2026-12-07). They are values the fact held: refused as any
retracted fact's values sent again are (409 naming the retraction, "then corrected to these values"), nothing
recorded. In force, the fact under T-B is refused as before (409: a reference the fact was corrected from). And the
fact sent again as its corrections leave it (under T-C) is the fact (200, "already recorded"), where a training was
asked first whether it was attended on the same day as itself (422, training.daily_jp: the question's look-up of a
fact sent again, `careerlog.application.sent_again`, knew no reference a correction gave). Both stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_reference_conflict_named import imported_jsonl

EVENTS = f"/api/v1/employees/{BUDI}/events"
ROW = {"kind": "training", **f.training("2016-02-12", hours=8, reference="T-A")}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def corrected_twice(world: World, retracted: bool) -> tuple[int, int | None]:
    """ROW recorded, its reference corrected to T-B, then to T-C, then (`retracted`) retracted: its version and the
    retraction's."""
    version = world.post(EVENTS, "hr", json=ROW).get_json()["version"]
    for day, reference in (("2016-02-20", "T-B"), ("2016-02-25", "T-C")):
        answer = world.post(
            EVENTS, "hr", json={"kind": "correction", **f.correction(version, day, reference=reference)}
        )
        assert answer.status_code == 201, answer.get_json()
    if not retracted:
        return version, None
    answer = world.post(EVENTS, "hr", json={"kind": "retraction", **f.retraction(version, "2016-03-01")})
    assert answer.status_code == 201, answer.get_json()
    return version, answer.get_json()["version"]


def said(version: int, by: int | None, reference: str = "T-B") -> str:
    return f"Reference '{reference}' was recorded as version {version}, then corrected to these values; version {by} "


def test_a_retracted_fact_sent_again_as_it_stood_between_its_corrections_is_refused_everywhere(
    world: World, store_url: str, tmp_path: Path
) -> None:
    version, by = corrected_twice(world, retracted=True)
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**ROW, "reference": "T-B"})
    assert answer.status_code == 409, answer.get_json()
    [reason] = answer.get_json()["errors"]["reference"]
    assert reason.startswith(said(version, by) + "retracted it: none of it is in force."), reason
    report: dict[str, Any] = imported_jsonl(world, {"nip": BUDI, **ROW, "reference": "T-B"})
    assert report["recorded"] == 0, report
    [refused] = report["rejected"]
    [reason] = refused["errors"]["reference"]
    assert reason.startswith(said(version, by) + "retracted it: a file run again does not record it again."), reason
    fields = [f"{k}={v}" for k, v in {**ROW, "reference": "T-B"}.items() if k != "kind"]
    recorded = CliRunner().invoke(main, ["--database-url", store_url, "record", BUDI, "training", *fields])
    assert recorded.exit_code != 0, recorded.output
    assert said(version, by) + "retracted it: none of it is in force." in recorded.output
    assert world.log() == before


@pytest.mark.parametrize("reference", ["T-A", "T-C"])
def test_under_its_first_and_last_references_it_is_answered_as_before(world: World, reference: str) -> None:
    version, by = corrected_twice(world, retracted=True)
    answer = world.post(EVENTS, "hr", json={**ROW, "reference": reference})
    assert answer.status_code == 409, answer.get_json()
    [reason] = answer.get_json()["errors"]["reference"]
    first = f"Reference 'T-A' was recorded with these values as version {version}, which version {by} retracted"
    assert reason.startswith(first if reference == "T-A" else said(version, by, "T-C")), reason


def test_other_values_under_the_middle_reference_are_recorded_anew(world: World) -> None:
    corrected_twice(world, retracted=True)
    answer = world.post(EVENTS, "hr", json={**ROW, "reference": "T-B", "hours": 4})
    assert answer.status_code == 201, answer.get_json()


def test_in_force_the_fact_under_its_middle_reference_is_refused_naming_its_reference_now(world: World) -> None:
    version, _ = corrected_twice(world, retracted=False)
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**ROW, "reference": "T-B"})
    assert answer.status_code == 409, answer.get_json()
    [reason] = answer.get_json()["errors"]["reference"]
    assert reason.startswith(
        f"Reference 'T-B' (corrected to 'T-C' in the record) was already recorded as version {version}"
    )
    assert world.log() == before


def test_in_force_the_fact_as_its_corrections_leave_it_is_already_recorded(world: World) -> None:
    """Not asked whether the training was attended on the same day as itself (16 JP on 2016-02-12)."""
    version, _ = corrected_twice(world, retracted=False)
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**ROW, "reference": "T-C"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["version"] == version
    report: dict[str, Any] = imported_jsonl(world, {"nip": BUDI, **ROW, "reference": "T-C"})
    assert (report["recorded"], report["already_recorded"], report["rejected"]) == (0, 1, [])
    assert world.log() == before
