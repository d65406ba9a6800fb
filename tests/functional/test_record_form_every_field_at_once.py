"""A recording refused for its employee's NIP (of no identity number's form, or of no one appointed) names, with the
NIP, what its other cells tell on their own: a cell left out or unreadable, and the checks judging the fact's own
fields (a mentor's NIP of no identity number's form, a training's first day after its last, no JP, a session of no
minutes, a date in the future). The record form named the mentor's malformed NIP only once the employee's NIP was
right, a NIP of no one appointed hid every other field's refusal, and an import's row likewise: each sending or
import named one more problem. Nothing is recorded either way."""

from __future__ import annotations

import io
import re

import pytest

from tests.functional.conftest import SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from web.scoping import NOT_IN_SCOPE

MALFORMED = "12345"  # an employee's NIP of no identity number's form
NOBODY = "198001012005031999"  # of the form, but no one appointed
MENTORING = {"mentor_nip": "98765", "focus": "", "effective_date": "2021-01-04", "reference": "MNT-1"}
TRAINING = {
    "training_kind": "TEKNIS",
    "title": "Arsip digital",
    "organiser": "BPSDM",
    "hours": "0",
    "start_date": "2024-05-10",
    "effective_date": "2024-05-08",
    "reference": "TR-1",
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def beside(page: str) -> dict[str, str]:
    """Each field's refusal as the form shows it beside the field."""
    found = re.findall(r'<(?:span|p) class="error" id="([^"]+)-error">(.*?)</(?:span|p)>', page, re.S)
    return {name: " ".join(reason.split()) for name, reason in found}


OWN_PROBLEMS = {  # each kind's form filled in, and what its own cells are refused for beside the NIP's refusal
    "mentoring_start": (
        MENTORING,
        {"mentor_nip": "Must be 18 digits, got &#39;98765&#39;.", "focus": "Missing data for required field."},
    ),
    "training": (
        TRAINING,
        {"start_date": "May 10, 2024 is after the end date May 8, 2024.", "hours": "Must be at least 1 JP, got 0."},
    ),
}


@pytest.mark.parametrize("kind", list(OWN_PROBLEMS))
@pytest.mark.parametrize("nip", [MALFORMED, NOBODY])
def test_the_record_form_names_every_field_with_a_wrong_employee_nip(world: World, nip: str, kind: str) -> None:
    log_in(world, "hr")
    before = world.log()
    filled, refused = OWN_PROBLEMS[kind]
    data = {**form_of(world, kind), "nip": nip, **filled}
    answer = world.client.post(f"/pages/record?kind={kind}&lang=en", data=data)
    assert answer.status_code == 422
    shown = beside(answer.get_data(as_text=True))
    assert shown.pop("nip"), shown
    assert shown == refused
    assert world.log() == before


def test_the_indonesian_record_form_names_every_field_with_a_wrong_employee_nip(world: World) -> None:
    log_in(world, "hr")
    data = {**form_of(world, "mentoring_start"), "nip": NOBODY, **MENTORING}
    answer = world.client.post("/pages/record?kind=mentoring_start&lang=id", data=data)
    shown = beside(answer.get_data(as_text=True))
    assert set(shown) == {"nip", "mentor_nip", "focus"}, shown
    assert "appointed" not in shown["nip"], shown
    assert "Missing data" not in shown["focus"], shown


def test_an_import_row_names_every_field_with_a_wrong_employee_nip(world: World) -> None:
    before = world.log()
    lines = ["nip;mentor_nip;focus;effective_date;reference"]
    lines += [f"{MALFORMED};98765;;2021-01-04;MNT-1", f"{NOBODY};98765;;2021-01-04;MNT-2"]
    lines += [f"{NOBODY};{SARI};;2021-01-04;MNT-3"]
    upload = {"file": (io.BytesIO("\n".join(lines).encode()), "mentoring_start.csv")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 0
    assert [sorted(r["errors"]) for r in report["rejected"]] == [
        ["focus", "mentor_nip", "nip"],
        ["focus", "mentor_nip", "nip"],
        ["focus", "nip"],
    ]
    assert report["rejected"][2]["errors"]["nip"] == [str(NOT_IN_SCOPE.reason(nip=NOBODY))]  # (the form's words)
    assert world.log() == before
