"""A CPNS appointment whose rank is above the start of its entry education (rule appointment.starting_rank: S-1 starts
at III/a, so S-1 at III/c) is refused unconfirmed beside `rank`, naming the education's start and how to confirm it
(confirm: appointment.starting_rank; the record form's box; an import's yes): since 2026-12-07, when HR asked to be
asked (until then it was recorded with the warning alone). Confirmed, it is recorded, as its decree says, and the
answer says so as a rank promotion breaking a rule is said (APPOINTED_AGAINST: "Recorded; by the rules in force on
<TMT> this appointment does not meet <rule>: <the audit's finding> (the audit will flag it)."): the API's `warnings`,
the record form's result page in the visitor's language, an import's warnings beside `rank`, a dry run's "Would be
recorded; ...". Found by the HR explorer: until 2026-12-06 it was recorded without a word by each of them, found only
later by the audit."""

from __future__ import annotations

import html
import io
import re
from datetime import date
from typing import Any

import orjson

from tests import factories as f
from tests.functional.conftest import MISSING, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

ABOVE = appointment_of(MISSING, education="S-1", rank="III/c")
CONFIRMED = {**ABOVE, "confirm": ["appointment.starting_rank"]}
FINDING = "appointment.starting_rank: appointed at III/c; education S-1 starts at III/a"
ASKED = (
    "A CPNS with education S-1 starts at III/a (rule appointment.starting_rank), not III/c: if the rank is mistyped, "
    "write the rank the decree gives (III/a?); if the decree does appoint at III/c, "
)


def test_the_api_refuses_an_appointment_above_its_educations_start_unconfirmed_naming_the_start(
    world: World,
) -> None:
    before = world.log()
    answer = world.post("/api/v1/employees", "hr", json={"nip": MISSING, **ABOVE})
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {
        "rank": [ASKED + "confirm it (confirm: appointment.starting_rank) and send it again."]
    }
    assert world.log() == before


def test_the_api_records_an_appointment_above_its_educations_start_confirmed_with_a_warning(world: World) -> None:
    answer = world.post("/api/v1/employees", "hr", json={"nip": MISSING, **CONFIRMED})
    assert answer.status_code == 201, answer.get_json()
    [said] = answer.get_json()["warnings"]
    day = ABOVE["effective_date"]
    assert said == (
        f"Recorded; by the rules in force on {day} this appointment does not meet {FINDING} (the audit will flag it)."
    )


def test_an_appointment_at_its_educations_start_has_no_warning(world: World) -> None:
    answer = world.post("/api/v1/employees", "hr", json={"nip": MISSING, **{**ABOVE, "rank": "III/a"}})
    assert answer.status_code == 201, answer.get_json()
    assert "warnings" not in answer.get_json()


def test_the_record_form_asks_with_a_box_and_says_it_in_the_visitors_language_ticked(world: World) -> None:
    log_in(world, "hr")
    data = {"nip": MISSING, **{k: str(v) for k, v in ABOVE.items()}}
    form = {**form_of(world, "appointment"), **data}
    asked = world.client.post("/pages/record?kind=appointment&lang=en", data=form)
    assert asked.status_code == 422
    page = html.unescape(re.sub(r"\s+", " ", asked.get_data(as_text=True)))
    assert ASKED + "tick the box below to confirm it and send the form again." in page, page
    assert 'value="appointment.starting_rank"' in page
    said_in_indonesian(world, "appointment", {**data, "confirm": "appointment.starting_rank"}, "Pengangkatan, versi 1")


def said_in_indonesian(world: World, kind: str, data: dict[str, str], recorded: str) -> None:
    """The record form of `kind` sent in Indonesian with `data` says it recorded `recorded` and the finding."""
    form = {**form_of(world, kind), **data}
    answer = world.client.post(f"/pages/record?kind={kind}&lang=id", data=form, follow_redirects=True)
    page = re.sub(r"\s+", " ", answer.get_data(as_text=True))
    assert f"Tercatat: {recorded} untuk" in page, page
    assert "Tercatat; menurut aturan yang berlaku pada 1 Mar 2005 pengangkatan ini tidak memenuhi " in page, page
    assert "diangkat dalam pangkat III/c; pendidikan S-1 dimulai dari III/a (audit akan menandainya)." in page, page


def test_an_import_refuses_it_unconfirmed_and_warns_beside_the_rank_confirmed(world: World) -> None:
    before = world.log()
    text = orjson.dumps({"kind": "appointment", "nip": MISSING, **ABOVE}) + b"\n"
    upload = {"file": (io.BytesIO(text), "rows.jsonl")}
    body = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert body["recorded"] == 0, body
    how = "confirm it (confirm: appointment.starting_rank, or ya in the Konfirmasi column) and import the row again."
    assert ASKED + how in str(body), body
    assert world.log() == before
    text = orjson.dumps({"kind": "appointment", "nip": MISSING, **CONFIRMED}) + b"\n"
    import_warned(world, text, "appointment", "rank")


def import_warned(
    world: World, text: bytes, kind: str, beside: str, subject: str = MISSING, finding: str = FINDING
) -> None:
    """The file `text` of one row of `kind` about `subject` imported, dry run and then not, is warned of `finding`
    beside `beside`."""
    before = world.log()
    for dry, said in ((True, "Would be recorded; "), (False, "Recorded; ")):
        upload = {"file": (io.BytesIO(text), "rows.jsonl")}
        path = "/api/v1/imports?dry_run=true" if dry else "/api/v1/imports"
        body = world.post(path, "hr", data=upload, content_type="multipart/form-data").get_json()
        assert body["recorded"] == 1, body
        [row] = [w for w in body["warnings"] if "confirm" not in w["errors"]]  # (besides what its yes confirmed)
        assert (row["line"], row["subject"], row["kind"], list(row["errors"])) == (1, subject, kind, [beside])
        warning = row["errors"][beside][0]
        assert warning.startswith(said), warning
        assert finding in warning, warning
        if dry:
            assert world.log() == before


def test_an_import_of_pppk_appointments_reads_no_record_again_for_findings(world: World, monkeypatch: Any) -> None:
    """Only a CPNS appointment can be above its starting rank: a PPPK's appointment (a grade) is not judged, so an
    import of PPPK appointments reads no record again for the audit's findings (CareerLog.findings_of), nor does its
    dry run; a CPNS appointment in the same file is still judged and warned of. Until 2026-12-06 every appointment
    recorded was kept for judging, its record's events read again after the import (N reads of an initial load)."""
    judged: list[tuple[str, list[tuple[str, int]]]] = []
    ledger = world.services.ledger
    judge = ledger.findings_of
    assert judge is not None

    def counting(subject: str, written: list[tuple[str, int]], unsaved: Any, alone: Any) -> Any:
        judged.append((subject, written))
        return judge(subject, written, unsaved, alone)

    monkeypatch.setattr(ledger, "findings_of", counting)
    pppk = [
        {"kind": "appointment", "nip": f.pppk_nip(date(1990, 1, 15), 2022, "F"), **pppk_appointment()} for _ in range(3)
    ]
    for dry in (True, False):
        text = b"".join(orjson.dumps(row) + b"\n" for row in pppk)
        upload = {"file": (io.BytesIO(text), "rows.jsonl")}
        path = "/api/v1/imports?dry_run=true" if dry else "/api/v1/imports"
        body = world.post(path, "hr", data=upload, content_type="multipart/form-data").get_json()
        assert body["recorded"] == 3, body
        assert "warnings" not in body or body["warnings"] == [], body
        assert judged == []
    text = orjson.dumps({"kind": "appointment", "nip": MISSING, **CONFIRMED}) + b"\n"
    upload = {"file": (io.BytesIO(text), "rows.jsonl")}
    body = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    [row] = [w for w in body["warnings"] if "rank" in w["errors"]]
    assert FINDING in row["errors"]["rank"][0]
    assert [subject for subject, _ in judged] == [MISSING]


def pppk_appointment() -> dict[str, Any]:
    born, appointed = date(1990, 1, 15), date(2022, 1, 1)
    payload = f.appointment(born, appointed, "F", employment_kind="PPPK", rank="IX")
    return {**payload, "recruitment_path": "PPPK"}
