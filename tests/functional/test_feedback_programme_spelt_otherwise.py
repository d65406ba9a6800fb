"""A training feedback names the programme it rates (`programme_id`) exactly as the employee's trainings record it:
a training's programme is no identity (`PIM-IV` and `pim-iv` may both be recorded), so a feedback matched by letter
case and spacing alone (as a post_end names its post) could come to rate another programme as trainings are recorded.
One naming a recorded programme in another letter case or spacing is refused naming the spelling(s) the trainings
record, for the user to give it so; before, it was refused as naming no training at all. Both stores, the API and an
import."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from markupsafe import escape

from careerlog.importing import import_file
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_record_form_every_field_at_once import beside

NIP = f.nip(date(1978, 4, 4), date(2003, 3, 1), "F", sequence=871)
EVENTS = f"/api/v1/employees/{NIP}/events"
PIM = "DIKLAT-PIM IV"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def appointed(world: World, *programmes: str) -> None:
    """Appointed, with a training of each programme (versions 2, 3, ...)."""
    ledger = world.services.ledger
    ledger.record(NIP, "appointment", appointment_of(NIP, rank="III/a"), actor="test")
    for month, programme in enumerate(programmes, start=5):
        ledger.record(NIP, "training", f.training(f"2016-{month:02}-10", programme_id=programme), actor="test")


def feedback(programme: str) -> dict[str, Any]:
    return {"programme_id": programme, "rating": 4, "relevance": 5, "effective_date": "2016-12-01", "reference": "E-1"}


def recorded_kinds(world: World) -> list[str]:
    employee = world.services.ledger.get_employee(NIP)
    assert employee is not None
    return [fact.kind for fact in employee.active_facts()]


@pytest.mark.parametrize("written", ["diklat-pim iv", "DIKLAT-PIM  IV", "DIKLAT-PIMIV"])
def test_a_feedback_naming_its_programme_in_other_case_or_spacing_is_refused_naming_the_recorded_spelling(
    world: World, written: str
) -> None:
    appointed(world, PIM, "DIKLAT-TEKNIS")
    body = problem(world.post(EVENTS, "hr", json={"kind": "training_feedback", **feedback(written)}), 422)
    assert body["errors"] == {
        "programme_id": [
            f"The employee has no completed training in programme {written!r}; their trainings record it as "
            f"'DIKLAT-PIM IV': give the programme exactly as they do."
        ]
    }
    assert recorded_kinds(world) == ["appointment", "training", "training"]


def test_two_recorded_spellings_are_both_named_and_the_exact_one_is_recorded(world: World) -> None:
    appointed(world, "PIM-IV", "pim-iv")
    body = problem(world.post(EVENTS, "hr", json={"kind": "training_feedback", **feedback("Pim-IV")}), 422)
    assert body["errors"]["programme_id"] == [
        "The employee has no completed training in programme 'Pim-IV'; their trainings record it as 'PIM-IV' or "
        "'pim-iv': give the programme exactly as they do."
    ]
    answer = world.post(EVENTS, "hr", json={"kind": "training_feedback", **feedback("pim-iv")})
    assert answer.status_code == 201, answer.get_data(as_text=True)


def test_a_programme_no_training_records_in_any_spelling_is_refused_as_before(world: World) -> None:
    appointed(world, PIM)
    body = problem(world.post(EVENTS, "hr", json={"kind": "training_feedback", **feedback("DIKLAT-PIM III")}), 422)
    assert body["errors"] == {"programme_id": ["The employee has no completed training in programme 'DIKLAT-PIM III'."]}


def test_an_imported_feedback_in_other_case_is_rejected_naming_the_recorded_spelling(
    world: World, tmp_path: Path
) -> None:
    appointed(world, PIM)
    path = tmp_path / "feedback.jsonl"
    path.write_bytes(orjson.dumps({"kind": "training_feedback", "nip": NIP, **feedback("diklat-pim iv")}) + b"\n")
    report = import_file(world.services.ledger, path, actor="hr")
    assert report.recorded == 0
    assert [problem.errors for problem in report.rejected] == [
        {
            "programme_id": [
                "The employee has no completed training in programme 'diklat-pim iv'; their trainings record it as "
                "'DIKLAT-PIM IV': give the programme exactly as they do."
            ]
        }
    ]


def test_the_record_page_in_indonesian_names_the_recorded_spelling_beside_the_programme(world: World) -> None:
    appointed(world, PIM)
    log_in(world, "hr")
    form = {
        **form_of(world, "training_feedback"),
        "nip": NIP,
        **{k: str(v) for k, v in feedback("diklat-pim iv").items()},
    }
    answer = world.client.post("/pages/record?kind=training_feedback&lang=id", data=form)
    assert answer.status_code == 422
    assert beside(answer.get_data(as_text=True)) == {
        "programme_id": str(
            escape(
                "Pegawai belum menyelesaikan pelatihan dalam program 'diklat-pim iv'; pelatihannya mencatat program "
                "itu sebagai 'DIKLAT-PIM IV': tulis program persis seperti itu."
            )
        )
    }
    assert recorded_kinds(world) == ["appointment", "training"]
