"""A penalty, exam, post appointment or degree the record holds already, recorded again under its decree's reference
written otherwise (HD/R/001 and HD-R-001), is asked about as a training is (training.duplicate): refused beside
`reference` naming the earlier version until the writer confirms it (fact.duplicate), on the API, an import and the
record form. Found by an exploratory tester (2026-12-06): each was recorded twice unasked, and a MEDIUM penalty entered
twice still barred promotions once HR retracted "the" one. Another date, kind or reference is another fact. The
confirmation is stored with the fact (`confirmed`, since 2026-12-06), and an import names an earlier row of its file
that recorded the fact by its line, as a training's. Both stores."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.exporting import export_events
from careerlog.importing import import_file
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"
FACTS: dict[str, dict[str, Any]] = {
    "penalty": {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_6", "effective_date": "2026-06-01"},
    "exam": {"exam": "UD_I", "effective_date": "2016-01-02"},
    "post_appointment": {
        "post_kind": "PELAKSANA",
        "title": "Pengadministrasi Umum",
        "unit": "BKPSDM",
        "assignment": "DEFINITIVE",
        "effective_date": "2016-01-04",
    },
    "education": {"level": "S-1", "field_of_study": "Hukum", "institution": "USU", "effective_date": "2015-08-01"},
}
SAME = {
    "penalty": "penalty_kind POTONG_TUKIN_6, level MEDIUM",
    "exam": "exam UD_I",
    "post_appointment": "post_kind PELAKSANA, assignment DEFINITIVE",
    "education": "level S-1",
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def asked(kind: str, version: int, how: str = "confirm it (confirm: fact.duplicate) and send it again") -> str:
    day = FACTS[kind]["effective_date"]
    return (
        f"Version {version} of the record is a {kind} of the same date ({day}) and the same {SAME[kind]}, under the "
        f"reference 'HD/R/001', this one written otherwise: if it is this {kind}, it is recorded already (correct "
        f"version {version} if it is wrong); if the record does hold two, {how}."
    )


def facts(world: World, kind: str) -> list[str]:
    employee = world.services.ledger.get_employee(BUDI)
    assert employee is not None
    return [str(fact.get("reference")) for fact in employee.active_facts() if fact.kind == kind]


def recorded(world: World, kind: str) -> int:
    answer = world.post(EVENTS, "hr", json={"kind": kind, **FACTS[kind], "reference": "HD/R/001"})
    assert answer.status_code == 201, answer.get_json()
    version: int = answer.get_json()["version"]
    return version


@pytest.mark.parametrize("kind", list(FACTS))
def test_the_api_asks_about_a_fact_recorded_already_and_records_it_confirmed(world: World, kind: str) -> None:
    version = recorded(world, kind)
    again = {"kind": kind, **FACTS[kind], "reference": "HD-R-001"}
    body = problem(world.post(EVENTS, "hr", json=again), 422)
    assert body["errors"] == {"reference": [asked(kind, version)]}
    assert facts(world, kind) == ["HD/R/001"]
    confirmed = world.post(EVENTS, "hr", json={**again, "confirm": ["fact.duplicate"]})
    assert confirmed.status_code == 201, confirmed.get_json()
    assert facts(world, kind) == ["HD/R/001", "HD-R-001"]
    # the same reference exactly (its letter case aside) is the fact recorded, answered as such, not asked
    same = world.post(EVENTS, "hr", json={"kind": kind, **FACTS[kind], "reference": "hd/r/001"})
    assert same.status_code == 200, same.get_json()


@pytest.mark.parametrize(
    "other",
    [{"effective_date": "2026-07-01"}, {"penalty_kind": "POTONG_TUKIN_9"}, {"reference": "HD/R/002"}],
    ids=["date", "kind", "reference"],
)
def test_another_penalty_is_recorded_unasked(world: World, other: dict[str, Any]) -> None:
    recorded(world, "penalty")
    answer = world.post(EVENTS, "hr", json={"kind": "penalty", **FACTS["penalty"], "reference": "HD-R-001", **other})
    assert answer.status_code == 201, answer.get_json()


def test_an_import_and_the_form_ask_it_too(world: World) -> None:
    version = recorded(world, "penalty")
    row = {"nip": BUDI, "kind": "penalty", **FACTS["penalty"], "reference": "HD-R-001"}
    upload = {"file": (io.BytesIO(json.dumps(row).encode() + b"\n"), "penalties.jsonl")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 0, report
    how = "confirm it (confirm: fact.duplicate, or ya in the Konfirmasi column) and import the row again"
    assert report["rejected"][0]["errors"] == {"reference": [asked("penalty", version, how)]}
    confirmed = {**row, "confirm": "ya"}
    upload = {"file": (io.BytesIO(json.dumps(confirmed).encode() + b"\n"), "penalties.jsonl")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 1, report
    log_in(world, "hr")
    data = {**form_of(world, "penalty"), "nip": BUDI, **FACTS["penalty"], "reference": "HD.R.001"}
    refused = world.client.post("/pages/record?kind=penalty", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert 'name="confirm" value="fact.duplicate"' in page
    assert "jika memang ada dua" in page
    data["confirm"] = "fact.duplicate"
    answer = world.client.post("/pages/record?kind=penalty", data=data, follow_redirects=True)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert facts(world, "penalty") == ["HD/R/001", "HD-R-001", "HD.R.001"]


DUPLICATE = ["fact.duplicate"]
DUPLICATE_STORED = ("fact.duplicate",)  # (as the event holds it)


def stored_confirmed(world: World, version: int) -> tuple[str, ...]:
    (event,) = [e for e in world.services.ledger.get_events(BUDI) if e.originator_version == version]
    return tuple(event.confirmed)


@pytest.mark.parametrize("kind", list(FACTS))
def test_a_double_confirmed_on_the_api_stores_the_check_and_the_history_timeline_and_page_show_it(
    world: World, kind: str
) -> None:
    """Since 2026-12-06 (class version 2 of PenaltyImposed, ExamPassed, EducationCompleted; PostAppointed's version 2
    stored unit.new alone) the confirmation is stored with the fact, as a training's training.duplicate is: the log
    shows that the writer recorded a likely double deliberately. The first fact, asked nothing, stores nothing."""
    first = recorded(world, kind)
    again = {"kind": kind, **FACTS[kind], "reference": "HD-R-001", "confirm": DUPLICATE}
    answer = world.post(EVENTS, "hr", json=again)
    assert answer.status_code == 201, answer.get_json()
    version = answer.get_json()["version"]
    assert (stored_confirmed(world, first), stored_confirmed(world, version)) == ((), DUPLICATE_STORED)
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline", "inspector").get_json()["items"]
    history = world.get(EVENTS, "admin").get_json()["items"]
    assert next(i for i in items if i["version"] == version)["confirmed"] == DUPLICATE
    assert next(i for i in items if i["version"] == first)["confirmed"] == []
    assert next(i for i in history if i["version"] == version)["confirm"] == DUPLICATE
    assert next(i for i in history if i["version"] == first).get("confirm") is None
    log_in(world, "admin")
    english = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    indonesian = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert (
        "A fact the record seemed to hold already (of the same date and kind, its reference written otherwise), "
        "confirmed by hr as another when recording it (fact.duplicate)." in english
    )
    assert "Fakta yang tampaknya sudah tercatat (bertanggal dan berjenis sama, nomornya ditulis lain)" in indonesian


def test_a_confirmation_a_fact_did_not_need_is_not_stored(world: World) -> None:
    recorded(world, "exam")
    other = {"kind": "exam", **FACTS["exam"], "effective_date": "2016-02-02", "reference": "HD-R-001"}
    answer = world.post(EVENTS, "hr", json={**other, "confirm": DUPLICATE})
    assert answer.status_code == 201, answer.get_json()
    assert stored_confirmed(world, answer.get_json()["version"]) == ()  # (another date: not asked)


def test_an_import_and_the_form_store_the_confirmation(world: World) -> None:
    recorded(world, "education")
    row = {"nip": BUDI, "kind": "education", **FACTS["education"], "reference": "HD-R-001", "confirm": "ya"}
    upload = {"file": (io.BytesIO(json.dumps(row).encode() + b"\n"), "degrees.jsonl")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 1, report
    log_in(world, "hr")
    data = {**form_of(world, "education"), "nip": BUDI, **FACTS["education"], "reference": "HD.R.001"}
    data["confirm"] = "fact.duplicate"
    answer = world.client.post("/pages/record?kind=education", data=data, follow_redirects=True)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert facts(world, "education") == ["HD/R/001", "HD-R-001", "HD.R.001"]
    confirmed = {
        e.reference: tuple(e.confirmed) for e in world.services.ledger.get_events(BUDI) if e.KIND == "education"
    }
    assert confirmed == {"HD/R/001": (), "HD-R-001": DUPLICATE_STORED, "HD.R.001": DUPLICATE_STORED}


@pytest.mark.parametrize("kind", list(FACTS))
def test_an_import_names_the_line_of_this_file_that_recorded_the_fact(world: World, kind: str) -> None:
    """As a training's (TRAINING_REPEATED_IN_FILE): until 2026-12-06 the row was told of "Version N", a version a
    dry run never gave."""
    rows = [{"nip": BUDI, "kind": kind, **FACTS[kind], "reference": ref} for ref in ("HD/R/001", "HD-R-001")]
    body = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
    for dry_run in (True, False):
        upload = {"file": (io.BytesIO(body), "facts.jsonl")}
        path = "/api/v1/imports?dry_run=true" if dry_run else "/api/v1/imports"
        report = world.post(path, "hr", data=upload, content_type="multipart/form-data").get_json()
        assert len(report["rejected"]) == 1, report
        (rejected,) = report["rejected"]
        version = rejected["errors"]["reference"][0].split("(version ")[1].split(")")[0]
        day = FACTS[kind]["effective_date"]
        assert rejected["errors"] == {
            "reference": [
                f"Line 1 of this file recorded a {kind} (version {version}) of the same date ({day}) and the same "
                f"{SAME[kind]}, under the reference 'HD/R/001', this one written otherwise: if it is this {kind}, "
                "remove this row; if the record does hold two, confirm it (confirm: fact.duplicate, or ya in the "
                "Konfirmasi column) and import the row again."
            ]
        }
    assert facts(world, kind) == ["HD/R/001"]


def corrected_into_a_double(world: World, kind: str) -> tuple[int, int, dict[str, Any]]:
    """The fact recorded (HD/R/001), another of another date under HD-R-001, and a correction moving the latter onto
    the former's date (making it a double)."""
    first = recorded(world, kind)
    moved = "2016-03-02" if kind != "penalty" else "2026-07-01"
    other = {"kind": kind, **FACTS[kind], "effective_date": moved, "reference": "HD-R-001"}
    answer = world.post(EVENTS, "hr", json=other)
    assert answer.status_code == 201, answer.get_json()
    version = answer.get_json()["version"]
    body = {"kind": "correction", **f.correction(version, "2026-08-03", effective_date=FACTS[kind]["effective_date"])}
    return first, version, body


@pytest.mark.parametrize("kind", list(FACTS))
def test_a_correction_making_a_fact_a_double_is_asked_and_stores_the_check(world: World, kind: str) -> None:
    """Since 2026-12-06, as a correction making a training a double is (training.duplicate): until then recorded
    unasked, while the same fact recorded anew was asked."""
    first, version, body = corrected_into_a_double(world, kind)
    refused = problem(world.post(EVENTS, "hr", json=body), 422)
    assert refused["errors"] == {"corrected_fields.effective_date": [asked(kind, first)]}
    answer = world.post(EVENTS, "hr", json={**body, "confirm": DUPLICATE})
    assert answer.status_code == 201, answer.get_json()
    correction = answer.get_json()["version"]
    assert (stored_confirmed(world, version), stored_confirmed(world, correction)) == ((), DUPLICATE_STORED)
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline", "inspector").get_json()["items"]
    [corrected] = next(i for i in items if i["version"] == version)["corrections"]
    assert corrected["confirmed"] == DUPLICATE


def test_a_correction_of_a_double_already_so_or_of_another_field_is_not_asked(world: World) -> None:
    first = recorded(world, "exam")
    again = {"kind": "exam", **FACTS["exam"], "reference": "HD-R-001", "confirm": DUPLICATE}
    version = world.post(EVENTS, "hr", json=again).get_json()["version"]
    body = {"kind": "correction", **f.correction(version, "2026-08-03", reference="HD R 001")}
    answer = world.post(EVENTS, "hr", json=body)  # (a double before, a double after: not asked again)
    assert answer.status_code == 201, answer.get_json()
    other = {"kind": "correction", **f.correction(first, "2026-08-04", exam="UD_II")}
    answer = world.post(EVENTS, "hr", json=other)  # (no more a double: not asked)
    assert answer.status_code == 201, answer.get_json()


def test_an_import_correction_row_names_the_check_and_the_form_asks_with_a_box(world: World) -> None:
    first, version, body = corrected_into_a_double(world, "education")
    row = {"nip": BUDI, **body}
    how = (
        "confirm it (write fact.duplicate in the Konfirmasi column: a yes does not confirm it on a correction) and "
        "import the row again"
    )
    for confirm in (None, "ya"):  # (a yes on a correction row confirms a rank jump or a post's end, not this)
        sent = row if confirm is None else {**row, "confirm": confirm}
        upload = {"file": (io.BytesIO(json.dumps(sent).encode() + b"\n"), "corrections.jsonl")}
        report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
        assert report["recorded"] == 0, report
        assert report["rejected"][0]["errors"] == {"corrected_fields.effective_date": [asked("education", first, how)]}
    log_in(world, "hr")
    world.catch_up()  # (the form shows the fact's fields as the views hold it)
    data = correction(world, version, **{"corrected.effective_date": FACTS["education"]["effective_date"]})
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    assert 'name="confirm" value="fact.duplicate"' in refused.get_data(as_text=True)
    answer = world.client.post("/pages/record?kind=correction", data={**data, "confirm": "fact.duplicate"})
    assert answer.status_code in (200, 302, 303), answer.get_data(as_text=True)
    (made,) = [e for e in world.services.ledger.get_events(BUDI) if e.KIND == "correction"]
    assert tuple(made.confirmed) == DUPLICATE_STORED


def test_an_export_keeps_the_confirmation_and_a_migration_stores_it_as_it_is(world: World, tmp_path: Path) -> None:
    """An export writes the confirmation as the row's `confirm`; a migration import stores it unasked (STORED_CHECKS:
    a penalty's fact.duplicate), so the log moved to another store still shows the double recorded deliberately."""
    recorded(world, "penalty")
    again = {"kind": "penalty", **FACTS["penalty"], "reference": "HD-R-001", "confirm": DUPLICATE}
    assert world.post(EVENTS, "hr", json=again).status_code == 201
    dump = tmp_path / "export.jsonl"
    with dump.open("wb") as out:
        export_events(world.services.ledger, out)
    lines = [orjson.loads(line) for line in dump.read_bytes().splitlines()]
    assert [line.get("confirm") for line in lines if line["kind"] == "penalty"] == [None, DUPLICATE]
    with CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/other.db")) as target:
        kept = import_file(target, dump, actor="admin", migration=True)
        assert kept.ok, kept.rejected
        penalties = [e for e in target.events.get(BUDI) if e.KIND == "penalty"]
        assert [(e.reference, tuple(e.confirmed)) for e in penalties] == [
            ("HD/R/001", ()),
            ("HD-R-001", DUPLICATE_STORED),
        ]
