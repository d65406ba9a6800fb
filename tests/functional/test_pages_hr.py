"""HR pages: the record form with refusals beside the fields, and the import upload with its report."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World, appointment_of
from tests.functional.test_pages_auth import csrf_token, log_in


def form_of(world: World, kind: str) -> dict[str, str]:
    """The hidden fields of the record form of a kind: CSRF token and client key."""
    page = world.client.get(f"/pages/record?kind={kind}").get_data(as_text=True)
    key = re.search(r'name="client_key" value="([0-9a-f]+)"', page)
    assert key, page
    return {"csrf_token": csrf_token(world.client, f"/pages/record?kind={kind}"), "client_key": key.group(1)}


def training_form(world: World, **overrides: str) -> dict[str, str]:
    payload = {k: str(v) for k, v in f.training("2024-05-10", hours=16, start="2024-05-08").items()}
    return {**form_of(world, "training"), "nip": BUDI, **payload, **overrides}


def test_record_form_offers_the_kinds_and_then_that_kinds_fields(world: World) -> None:
    log_in(world, "hr")
    chooser = world.client.get("/pages/record").get_data(as_text=True)
    assert '<option value="rank_promotion">Kenaikan pangkat</option>' in chooser
    form = world.client.get("/pages/record?kind=training").get_data(as_text=True)
    for field in ("effective_date", "training_kind", "hours", "start_date", "programme_id"):
        assert f'id="f-{field}"' in form
    assert 'id="f-effective_date" name="effective_date" value=""\n      type="date"' in form
    assert '<option value="TEKNIS"' in form  # codes from the reference table


def test_refused_event_shows_each_reason_beside_its_field_and_records_nothing(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post(
        "/pages/record?kind=training", data=training_form(world, hours="banyak", start_date="2024-13-01", title="")
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert 'id="f-hours" name="hours" value="banyak"' in page  # what was typed stays
    assert 'aria-invalid="true" aria-describedby="hours-error"' in page
    assert (
        '<span class="error" id="hours-error">Bukan bilangan bulat jam pelajaran: JP dihitung dalam jam pelajaran utuh'
        in page
    )
    assert 'id="start_date-error"' in page
    assert '<span class="error" id="title-error">Isian wajib ini belum diisi.</span>' in page
    assert "Tidak ada yang dicatat" in page
    assert world.log() == before


def test_valid_event_is_recorded_once_even_when_the_form_is_sent_twice(world: World) -> None:
    log_in(world, "hr")
    data = training_form(world)
    first = world.client.post("/pages/record?kind=training", data=data)
    assert first.status_code == 302
    after_first = world.log()
    again = world.client.post("/pages/record?kind=training", data=data)
    assert again.status_code == 302
    assert world.log() == after_first
    notice = world.client.get(again.headers["Location"]).get_data(as_text=True)
    assert f"Sudah tercatat: Pelatihan, versi 3 untuk {BUDI}; tidak ada yang dicatat lagi." in notice


def test_appointment_outside_the_hr_scope_is_refused_beside_the_agency(world: World) -> None:
    # (the agency chosen is what lies outside the scope: beside the NIP until 2026-12-02)
    log_in(world, "hr")  # Kota Medan only
    fresh = f.nip(date(1991, 4, 4), date(2016, 3, 1), "F", sequence=705)
    payload = appointment_of(fresh, name="Tiur", agency="KAB-KARO", region="12.06")
    data = {**form_of(world, "appointment"), "nip": fresh, **{k: str(v) for k, v in payload.items()}}
    answer = world.client.post("/pages/record?kind=appointment&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    beside = re.search(r'<span class="error" id="agency-error">(.*?)</span>', page, re.S)
    assert beside, page
    assert "within your scope" in beside.group(1)
    assert 'id="nip-error"' not in page
    assert all(subject != fresh for _, subject, _ in world.log())


def test_a_record_in_another_agency_is_not_found_beside_the_nip(world: World) -> None:
    log_in(world, "hr")
    data = training_form(world, nip=RINA)
    answer = world.client.post("/pages/record?kind=training", data=data)
    assert answer.status_code == 422
    assert 'id="nip-error"' in answer.get_data(as_text=True)


def test_a_nip_of_the_wrong_form_is_told_so_beside_the_nip_not_as_never_appointed(world: World) -> None:
    # (until 2026-12-02: "No employee with NIP 1986092620100310 has been appointed.")
    log_in(world, "hr")
    for typed, reason in (("1986092620100310", "Must be 18 digits"), ("198602302010031701", "not a real birth date")):
        answer = world.client.post("/pages/record?kind=training&lang=en", data=training_form(world, nip=typed))
        assert answer.status_code == 422
        beside = re.search(r'<span class="error" id="nip-error">(.*?)</span>', answer.get_data(as_text=True), re.S)
        assert beside, typed
        assert reason in beside.group(1), beside.group(1)


def test_record_form_without_csrf_token_records_nothing(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    data = {k: v for k, v in training_form(world).items() if k != "csrf_token"}
    answer = world.client.post("/pages/record?kind=training", data=data)
    assert answer.status_code == 422
    assert world.log() == before


def test_employees_inspectors_and_reporters_may_not_open_the_hr_pages(world: World) -> None:
    for who in ("employee", "inspector", "reporter"):
        log_in(world, who)
        for path in ("/pages/record", "/pages/import"):
            answer = world.client.get(path)
            assert answer.status_code == 403, (who, path)
            assert answer.mimetype == "text/html"


def upload(world: World, content: str, name: str, **fields: str) -> str:
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), **fields}
    data["file"] = (io.BytesIO(content.encode()), name)  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    return answer.get_data(as_text=True)


def test_import_upload_reports_recorded_and_rejected_rows(world: World) -> None:
    log_in(world, "hr")
    good = f.training("2024-02-02", hours=8)
    rows = [
        {"nip": BUDI, "kind": "training", **good},
        {"nip": BUDI, "kind": "training", "hours": "x"},
        {"nip": RINA, "kind": "training", "hours": 1},
    ]
    page = upload(world, "".join(json.dumps(row) + "\n" for row in rows), "events.jsonl")
    assert "Import report" in page
    assert re.search(r"<dt>Recorded</dt><dd>1</dd>", page)
    assert re.search(r"<dt>Rejected</dt><dd>2</dd>", page)
    assert "<tr><td>2</td>" in page  # the rejected lines
    assert "<tr><td>3</td>" in page
    assert "Lesson hours (JP): Not a whole number of lesson hours: JP are counted" in page


def test_csv_import_without_a_kind_asks_for_one(world: World) -> None:
    log_in(world, "hr")
    page = upload(world, "nip,hours\n1,2\n", "events.csv")
    assert "Choose the kind of event the CSV file or workbook holds." in page


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        (f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}", f"/pages/employees/{BUDI}"),  # as a decree prints it
        (f"NIP. {BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}", f"/pages/employees/{BUDI}"),  # pasted with its label
        (f"No. {BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}", None),  # refused beside the NIP
        ("123", None),
    ],
)
def test_the_record_forms_career_link_is_to_the_nip_as_read_and_none_for_a_nip_refused(
    world: World, typed: str, link: str | None
) -> None:
    # a NIP the form refused ("No. 1986...", "123") was linked as typed: "Page not found"
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, nip=typed, title=""))
    assert answer.status_code == 422
    links = re.findall(r'href="(/pages/employees/[^"]*)"', answer.get_data(as_text=True))
    assert links == ([link] if link else [])
