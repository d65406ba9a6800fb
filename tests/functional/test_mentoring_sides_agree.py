"""A mentoring is recorded on both records: the mentee's (MentoringStarted, MentoringEnded) and the mentor's
(MenteeAssigned, MenteeReleased). A writer outside the mentor's scope ends it on the mentee's record alone when the
mentor's record refuses the end (the mentor separated before its day:
test_mentoring_mentor_outside_scope_tells_nothing). The two sides then disagree until the mentor's record takes the
end: every view and page listing a mentor's mentees reads the mentee's side meanwhile, and the mentor's side is closed
by the first correction or retraction that lets it be (of the mentor's separation, or of the mentee's end), in the
same save, telling the writer nothing of the mentor's record. A placement of a mentor in another agency names the
mentorings it leaves open, read on the mentees' side, alike in the record form, the API's answer (`warnings`) and an
import's report (`warnings`). Both stores."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_mentoring_end_after_mentor_moved import END, EVENTS
from tests.functional.test_mentoring_mentor_outside_scope_tells_nothing import mentor_with, told
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_scope_mentor import start

MENTOR_EVENTS = f"/api/v1/employees/{BUDI}/events"
WARNED = (
    f"{BUDI} still mentors {SARI}: a placement in another agency ends no mentoring. If the transfer ends one, record "
    "its end on the mentee's record."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def ended_alone(world: World) -> int:
    """Budi, Sari's mentor, moved to KAB-KARO and retired on 2024-10-15; Kota Medan's HR ends Sari's mentoring on
    2024-11-01, which Budi's record refuses (after his retirement): Sari's side alone. The end's version."""
    mentor_with(world, "retired_before")
    answer = world.post(EVENTS, "hr", json={"kind": "mentoring_end", **END})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert mentor_side(world) == ["mentee_assigned"]  # (the mentor's record holds the mentee open)
    return int(answer.get_json()["version"])


def mentor_side(world: World) -> list[str]:
    return [e.KIND for e in world.services.ledger.get_events(BUDI) if e.KIND in ("mentee_assigned", "mentee_released")]


def released(world: World) -> Any:
    [release] = [e for e in world.services.ledger.get_events(BUDI) if e.KIND == "mentee_released"]
    return release


def retirement(world: World) -> int:
    [retired] = [e for e in world.services.ledger.get_events(BUDI) if getattr(e, "status", None) == "RETIRED"]
    return int(retired.originator_version)


def test_a_mentors_page_and_the_mentoring_report_show_no_mentee_open_after_the_mentees_side_was_ended_alone(
    world: World,
) -> None:
    ended_alone(world)
    world.catch_up()
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    # (Sari, mentored by Budi until the end on her side)
    assert "(Jan 4, 2021 \N{EN DASH} Nov 1, 2024)</li>" in page, page
    report = world.get("/api/v1/reports/mentoring", "admin").get_json()
    assert report["relationships"]["count"] == 1, report
    assert report["relationships"]["open"] == 0, report


@pytest.mark.parametrize("change", ["correction", "retraction"])
def test_the_mentors_side_is_closed_when_the_mentors_separation_is_corrected_or_retracted_to_let_it_be(
    world: World, change: str
) -> None:
    ended_alone(world)
    target = retirement(world)
    body = (
        {"kind": "correction", **f.correction(target, "2024-12-01", effective_date="2025-06-01")}
        if change == "correction"
        else {"kind": "retraction", **f.retraction(target, "2024-12-01")}
    )
    answer = world.post(MENTOR_EVENTS, "admin", json=body)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert mentor_side(world) == ["mentee_assigned", "mentee_released"]
    release = released(world)
    said = (release.mentee_nip, release.effective_date.isoformat(), release.reference)
    assert said == (SARI, END["effective_date"], END["reference"])
    assert release.originator_version == answer.get_json()["version"] + 1  # (recorded with it, after it)


def test_the_mentors_side_is_closed_when_the_mentees_end_is_corrected_to_a_day_it_takes_and_the_answer_tells_nothing(
    world: World,
) -> None:
    ended = ended_alone(world)
    refused = {"kind": "correction", **f.correction(ended, "2024-12-01", effective_date="2024-11-05")}
    first = world.post(EVENTS, "hr", json=refused)
    assert mentor_side(world) == ["mentee_assigned"]  # (still after the retirement: the mentor's side waits)
    taken = {"kind": "correction", **f.correction(ended, "2024-12-02", effective_date="2024-10-10")}
    second = world.post(EVENTS, "hr", json=taken)
    assert released(world).effective_date.isoformat() == "2024-10-10"
    # (the same answer whether or not the mentor's record took it, but for the version)
    (status, body), (status_again, body_again) = told(first), told(second)
    assert (
        (status, body | {"version": 0})
        == (status_again, body_again | {"version": 0})
        == (
            201,
            {"subject": SARI, "version": 0, "kind": "correction", "created": True},
        )
    )


def test_the_api_answers_a_mentors_transfer_with_the_mentorings_it_leaves_open(world: World) -> None:
    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    within = {"kind": "placement", "effective_date": "2024-09-01", "reference": "SK-PINDAH-BUDI",
              "agency": "KOTA-MEDAN", "unit": "Bappeda", "region": "12.71"}  # fmt: skip
    answer = world.post(MENTOR_EVENTS, "hr", json=within)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert "warnings" not in answer.get_json()
    move = {"kind": "placement", "effective_date": "2024-10-01", "reference": "SK-MUTASI-BUDI", "agency": "KAB-KARO",
            "unit": "Dinas Pendidikan", "region": "12.06", "confirm": ["placement.leaves_scope"]}  # fmt: skip
    answer = world.post(MENTOR_EVENTS, "hr", json=move)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert answer.get_json()["warnings"] == [WARNED]
    assert [e.KIND for e in world.services.ledger.get_events(SARI)][-1] == "mentoring_start"  # (ended by no one)


def test_an_import_notes_a_mentors_transfer_with_the_mentorings_it_leaves_open(world: World) -> None:
    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    rows = [
        {"kind": "training", "nip": SARI, **f.training("2023-05-02", reference="TR-1")},
        {"kind": "placement", "nip": BUDI, "agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06",
         "effective_date": "2024-10-01", "reference": "SK-MUTASI-BUDI", "confirm": "ya"},
    ]  # fmt: skip
    upload = {"file": (io.BytesIO("".join(json.dumps(r) + "\n" for r in rows).encode()), "events.jsonl")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 2, report
    warning, confirmed = report["warnings"]  # (and the questions the row's yes confirmed: YES_ANSWERED)
    assert confirmed["errors"] == {
        "confirm": ["Confirmed in the Konfirmasi column, each asked of this row: placement.leaves_scope."]
    }
    assert (warning["line"], warning["subject"], warning["kind"], warning["errors"]) == (
        2,
        BUDI,
        "placement",
        {"agency": [WARNED]},
    )


def transfer_file(*, confirm: bool = True) -> bytes:
    """A file of one row: Budi placed in KAB-KARO (confirmed out of Kota Medan HR's scope)."""
    row = {"kind": "placement", "nip": BUDI, "agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06",
           "effective_date": "2024-10-01", "reference": "SK-MUTASI-BUDI"}  # fmt: skip
    return json.dumps({**row, "confirm": "ya"} if confirm else row).encode() + b"\n"


def test_the_import_command_prints_the_warning_of_a_mentors_transfer(
    world: World, store_url: str, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from careerlog.cli import main

    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    path = tmp_path / "events.jsonl"
    path.write_bytes(transfer_file(confirm=False))
    result = CliRunner().invoke(main, ["import", str(path)], env={"CAREERLOG_DATABASE_URL": store_url})
    assert result.exit_code == 0, result.output
    assert f"warning: line 1: agency: {WARNED}\n" in result.output


def test_the_record_command_prints_the_warning_of_a_mentors_transfer(world: World, store_url: str) -> None:
    from click.testing import CliRunner

    from careerlog.cli import main

    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    fields = ["agency=KAB-KARO", "unit=Dinas Pendidikan", "region=12.06", "effective_date=2024-10-01",
              "reference=SK-MUTASI-BUDI"]  # fmt: skip
    command = ["record", BUDI, "placement", *fields]
    result = CliRunner().invoke(main, command, env={"CAREERLOG_DATABASE_URL": store_url})
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"warning: {WARNED}\n"), result.output


def test_the_import_page_shows_the_warning_of_a_mentors_transfer_in_the_visitors_language(world: World) -> None:
    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    log_in(world, "hr")
    upload = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (io.BytesIO(transfer_file()), "e.jsonl")}
    page = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert "Peringatan" in text, text
    assert f"{BUDI} masih membimbing {SARI}: penempatan di instansi lain tidak mengakhiri pembimbingan" in text, text


def test_the_record_form_names_no_mentee_whose_side_was_ended_alone_after_a_mentors_transfer(world: World) -> None:
    ended_alone(world)
    log_in(world, "admin")
    back = {"effective_date": "2024-10-05", "reference": "SK-KEMBALI-BUDI", "agency": "KOTA-MEDAN", "unit": "Bappeda",
            "region": "12.71"}  # fmt: skip
    data: dict[str, Any] = {**form_of(world, "placement"), "nip": BUDI, **back}
    answer = world.client.post("/pages/record?kind=placement", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    page = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "masih membimbing" not in page, page
    assert mentor_side(world) == ["mentee_assigned"]  # (the mentor's side still open: the form read the mentee's)


def kept(app: Any) -> dict[str, list[tuple[str, int, str]]]:
    """Each record's events: kind, version, date."""
    return {
        nip: [(e.KIND, e.originator_version, e.effective_date.isoformat()) for e in app.get_events(nip)]
        for nip in (SARI, BUDI)
    }


@pytest.mark.parametrize("then", ["left_open", "released_later"])
def test_a_log_whose_mentees_side_was_ended_alone_is_restored_as_it_was(
    world: World, tmp_path: Path, then: str
) -> None:
    """A migration import derives the mentor's side: it refused the end (mentor_nip (effective_date): "2024-11-01 is
    after the separation ...") and the backup could not be restored; a release recorded later is derived again at
    the same row (an export holds none), and the mentor's next row keeps its version."""
    ended_alone(world)
    if then == "released_later":
        body = {"kind": "correction", **f.correction(retirement(world), "2024-12-01", effective_date="2025-06-01")}
        assert world.post(MENTOR_EVENTS, "admin", json=body).status_code == 201
        training = {"kind": "training", **f.training("2025-03-05", start="2025-03-01", reference="TR-BUDI")}
        assert world.post(MENTOR_EVENTS, "admin", json=training).status_code == 201
    app = world.services.ledger
    with f.restored_copy(app, tmp_path) as copy:
        assert kept(copy) == kept(app)
