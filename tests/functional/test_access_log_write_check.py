"""A write refused against an existing record may show that record's facts (the rank held and since when, an
earlier fact's values): each web or API import, dry run or not, logs one read (`write_check`) of each existing
record within the importer's scope that a row was refused against, in one statement; a row refused as it was read
(a field unreadable), or accepted, logs none. A single write refused against the record (the record form, the
API) logs one too (docs/security.md, "Access log: which reads")."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_imports import jsonl, upload
from tests.functional.test_pages_auth import csrf_token, log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


MEDAN = ("KOTA-MEDAN", "12.71")


def logged(world: World) -> set[tuple[str, str, str, str | None, str | None]]:
    items = world.get("/api/v1/access-log?per_page=100", "admin").get_json()["items"]
    return {(i["username"], i["nip"], i["action"], i["agency"], i["region"]) for i in items}


def promotion_below(nip: str, day: str) -> dict[str, Any]:
    return {"kind": "rank_promotion", "nip": nip, **f.promotion("II/a", day)}


def test_a_dry_run_import_logs_each_record_its_refusals_were_judged_against(world: World) -> None:
    refused = [
        promotion_below(BUDI, "2016-04-01"),
        promotion_below(BUDI, "2017-04-01"),
        promotion_below(SARI, "2019-04-01"),
    ]
    rows = jsonl(*refused)
    report = world.post("/api/v1/imports?dry_run=true", "hr", **upload(rows, "e.jsonl")).get_json()
    assert report["dry_run"] is True
    assert len(report["rejected"]) == 3
    assert logged(world) == {("hr", BUDI, "write_check", *MEDAN), ("hr", SARI, "write_check", *MEDAN)}


def test_an_import_refusing_no_row_against_a_record_logs_none(world: World) -> None:
    good = {"kind": "training", "nip": BUDI, **f.training("2016-01-08", reference="WC-1")}
    outside = promotion_below(RINA, "2016-04-01")  # (outside the importer's scope: "not appointed")
    rows = jsonl(good) + f'{{"kind": "training", "nip": "{BUDI}", \n' + jsonl(outside)  # (line 2 refused as read)
    report = world.post("/api/v1/imports?dry_run=true", "hr", **upload(rows, "e.jsonl")).get_json()
    assert report["recorded"] == 1
    assert [r["line"] for r in report["rejected"]] == [2, 3]
    assert logged(world) == set()


def test_a_dry_run_on_the_import_page_logs_the_record_a_row_was_refused_against(world: World) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=en")
    body = f"NIP;Golongan Baru;Jenis KP;TMT;Nomor SK\r\n{SARI};II/a;101;01/04/2019;KP-1".encode()
    form = {"csrf_token": token, "kind": "rank_promotion", "dry_run": "y", "file": (io.BytesIO(body), "kp.csv")}
    answer = world.client.post("/pages/import?lang=en", data=form, content_type="multipart/form-data")
    assert "<dt>Rejected</dt><dd>1</dd>" in re.sub(r"\s+", "", answer.get_data(as_text=True))
    assert logged(world) == {("hr-web", SARI, "write_check", *MEDAN)}


def test_a_single_write_refused_against_the_record_logs_a_read(world: World) -> None:
    body = {"kind": "rank_promotion", **f.promotion("II/a", "2016-04-01")}
    assert world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body).status_code == 422
    assert logged(world) == {("hr", BUDI, "write_check", *MEDAN)}


def test_a_write_refused_by_the_schema_and_judged_against_the_record_logs_a_read(world: World) -> None:
    body = {"kind": "rank_promotion", **f.promotion("II/a", "2016-04-01"), "sk_number": ["not", "text"]}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert answer.status_code == 422
    assert logged(world) == {("hr", BUDI, "write_check", *MEDAN)}


def test_an_appointment_of_a_nip_already_appointed_logs_a_read_of_its_record(world: World) -> None:
    body = {"nip": BUDI, **f.appointment(agency="KOTA-MEDAN", region="12.71", reference="SK-AGAIN")}
    assert world.post("/api/v1/employees", "hr", json=body).status_code == 409
    assert logged(world) == {("hr", BUDI, "write_check", *MEDAN)}
