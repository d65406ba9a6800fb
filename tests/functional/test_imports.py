"""Uploads of JSON Lines and CSV answered with the command line's per-row report."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from careerlog.domain.payload import HOURS_NOT_WHOLE
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World
from web.scoping import NOT_IN_SCOPE

CSV_TRAINING = (
    "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    f"{BUDI},TEKNIS,Arsip Digital,BKPSDM Kota Medan,24,2016-03-04,2016-03-06,CSV-1\n"
    f"{BUDI},TEKNIS,Arsip Digital,BKPSDM Kota Medan,lots,2016-03-04,2016-03-06,CSV-2\n"
)


def upload(content: str, name: str) -> dict[str, Any]:
    return {"data": {"file": (io.BytesIO(content.encode()), name)}, "content_type": "multipart/form-data"}


def jsonl(*rows: dict[str, Any]) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


GOOD = {"kind": "training", "nip": BUDI, **f.training("2016-01-08", reference="IMP-GOOD")}
BAD = {"kind": "rank_promotion", "nip": BUDI, **f.promotion("II/a", "2016-04-01")}


def test_a_jsonl_upload_records_good_rows_and_reports_each_rejected_one(world: World) -> None:
    response = world.post("/api/v1/imports", "hr", **upload(jsonl(GOOD, BAD, {"kind": "nope"}), "events.jsonl"))
    assert response.status_code == 200
    report = response.get_json()
    assert (report["rows"], report["recorded"], report["already_recorded"]) == (3, 1, 0)
    assert [(p["line"], list(p["errors"])) for p in report["rejected"]] == [(2, ["new_rank"]), (3, ["nip"])]
    assert report["dry_run"] is False
    assert report["position"] >= 5


def test_re_uploading_a_file_records_nothing_new(world: World) -> None:
    world.post("/api/v1/imports", "hr", **upload(jsonl(GOOD), "events.jsonl"))
    before = world.log()
    report = world.post("/api/v1/imports", "hr", **upload(jsonl(GOOD), "events.jsonl")).get_json()
    assert (report["recorded"], report["already_recorded"]) == (0, 1)
    assert world.log() == before


def test_a_dry_run_checks_every_row_and_records_nothing(world: World) -> None:
    before = world.log()
    report = world.post("/api/v1/imports?dry_run=true", "hr", **upload(jsonl(GOOD, BAD), "e.jsonl")).get_json()
    assert report["dry_run"] is True
    assert report["recorded"] == 1
    assert len(report["rejected"]) == 1
    assert world.log() == before


def test_a_csv_upload_takes_its_kind_from_the_file_name(world: World) -> None:
    report = world.post("/api/v1/imports", "hr", **upload(CSV_TRAINING, "training.csv")).get_json()
    assert report["recorded"] == 1
    assert report["rejected"] == [
        {
            "line": 3,
            "subject": BUDI,
            "kind": "training",
            "errors": {"hours": [HOURS_NOT_WHOLE]},
            "values": {"hours": "lots"},
        }
    ]


def test_a_csv_upload_takes_its_kind_and_format_from_the_query(world: World) -> None:
    query = "/api/v1/imports?file_format=csv&kind=training"
    report = world.post(query, "hr", **upload(CSV_TRAINING, "upload.txt")).get_json()
    assert report["recorded"] == 1


def test_hr_rows_for_another_agency_are_rejected_row_by_row(world: World) -> None:
    other = {"kind": "training", "nip": RINA, **f.training("2016-01-08", reference="IMP-KARO")}
    report = world.post("/api/v1/imports", "hr", **upload(jsonl(GOOD, other), "events.jsonl")).get_json()
    assert report["recorded"] == 1
    assert report["rejected"][0]["line"] == 2
    assert report["rejected"][0]["errors"] == {"nip": [str(NOT_IN_SCOPE.reason(nip=RINA))]}


def test_hr_may_not_import_appointments_or_unit_ratings_for_another_agency(world: World) -> None:
    nip = "199606062023011799"
    rows = [
        {"kind": "appointment", "nip": nip, **f.appointment(agency="KAB-KARO", region="12.06")},
        {"kind": "unit_rating", "agency": "KAB-KARO", "unit": "Dinas", **f.rating(2023)},
    ]
    report = world.post("/api/v1/imports", "hr", **upload(jsonl(*rows), "events.jsonl")).get_json()
    assert [list(p["errors"]) for p in report["rejected"]] == [["agency"], ["agency"]]
    assert report["recorded"] == 0


@pytest.mark.parametrize("dry_run", ["true", "false"])
@pytest.mark.parametrize("agency", [" KAB-KARO", "KAB-KARO\u00a0", "kab-karo "], ids=["space", "nbsp", "lower"])
def test_hr_may_not_import_for_another_agency_written_with_spaces(world: World, agency: str, dry_run: str) -> None:
    """The ledger reads a code with the spaces around it trimmed; the scope's check read it as written, took
    " KAB-KARO" for no known agency (left to the import to refuse) and the import recorded the appointment and the
    unit rating in KAB-KARO for an HR administrator of KOTA-MEDAN."""
    nip = "199606062023011799"
    rows = [
        {"kind": "appointment", "nip": nip, **f.appointment(agency=agency, region="12.06")},
        {"kind": "unit_rating", "agency": agency, "unit": "Dinas", **f.rating(2023)},
    ]
    before = world.log()
    answer = world.post(f"/api/v1/imports?dry_run={dry_run}", "hr", **upload(jsonl(*rows), "events.jsonl"))
    report = answer.get_json()
    assert [(p["line"], list(p["errors"])) for p in report["rejected"]] == [(1, ["agency"]), (2, ["agency"])]
    assert report["recorded"] == 0
    assert world.log() == before


def test_rows_the_file_appoints_in_scope_may_follow_in_the_same_file(world: World) -> None:
    from datetime import date

    nip = f.nip(date(1996, 6, 6), date(2023, 1, 1), "M", sequence=798)
    appointment = {"kind": "appointment", "nip": nip, **f.appointment(date(1996, 6, 6), date(2023, 1, 1), "M")}
    training = {"kind": "training", "nip": nip, **f.training("2024-01-08")}
    report = world.post("/api/v1/imports", "hr", **upload(jsonl(appointment, training), "e.jsonl")).get_json()
    assert (report["recorded"], report["rejected"]) == (2, [])


def test_the_rejected_rows_come_as_csv_when_asked(world: World) -> None:
    response = world.post("/api/v1/imports?format=csv", "hr", **upload(jsonl(GOOD, BAD), "events.jsonl"))
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "line,subject,kind,errors,values"
    assert lines[1].startswith(f"2,{BUDI},rank_promotion,")


def test_an_upload_without_a_file_is_422(world: World) -> None:
    response = world.post("/api/v1/imports", "hr", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]


def test_a_file_of_unknown_format_is_422(world: World) -> None:
    response = world.post("/api/v1/imports", "hr", **upload("x", "events.xlsx"))
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]
