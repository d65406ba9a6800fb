"""A NIP whose record was voided (its appointment retracted, as one made under a wrong NIP) is appointed afresh, by the
same appointment request as a new employee's: its owner, whom the void left unrecordable (the store keeps one record
per NIP, and its appointment was refused as already appointed, "never reused, even after a void"), is recorded. The
fresh appointment (AppointedAgain) follows the void in the record's history; every view holds its rows as it would a
record appointed under a new NIP, and none of the voided appointment's; it is judged as a first appointment is, is
voided again as one, and the NIP once appointed afresh is answered already appointed again. On both stores."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from careerlog.domain.errors import AlreadyAppointed
from careerlog.domain.events import AppointedAgain
from projections.registry import all_projections
from tests import factories as f
from tests.functional.conftest import SARI, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_void_record_of_a_wrong_nip import VOID, view_rows, voided

if TYPE_CHECKING:
    from careerlog.domain.employee import Employee

# The owner of the NIP Sari's record was made under (born the same day, of the same sex: the NIP's digits hold both)
OWNER = appointment_of(SARI, name="Sari Owner", unit="Dinas Kesehatan", reference="SK-PEMILIK-NIP")
# A NIP no one was appointed under, of the same birth date, sex and TMT: the owner's appointment under it, to compare
ANEW = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=799)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def appointed_afresh(world: World, who: str = "hr", **overrides: Any) -> dict[str, Any]:
    answer = world.post("/api/v1/employees", who, json={"nip": SARI, **OWNER, **overrides})
    assert answer.status_code == 201, answer.get_json()
    world.catch_up()
    return dict(answer.get_json())


def view_contents(world: World, nip: str) -> dict[str, list[dict[str, Any]]]:
    """Every view table's rows of a subject, the NIP written as NIP (sorted, to compare)."""
    sql = world.services.projector.views.sql
    found: dict[str, list[dict[str, Any]]] = {}
    for projection in all_projections():
        for table in projection.tables:
            rows = sql.query(f"SELECT * FROM {table.name} WHERE subject = ?", (nip,))
            if rows:
                written = [{k: str(v).replace(nip, "NIP") for k, v in dict(row).items()} for row in rows]
                found[table.name] = sorted(written, key=lambda row: sorted(row.items()))
    return found


RECORDED = ("version", "recorded_at", "last_recorded_at")  # (what tells two recordings of one appointment apart)


def test_every_view_holds_the_fresh_appointment_as_it_would_a_record_appointed_under_a_new_nip(world: World) -> None:
    voided(world)
    answer = appointed_afresh(world)
    assert (answer["subject"], answer["version"], answer["kind"], answer["created"]) == (SARI, 3, "appointment", True)
    assert isinstance(world.services.ledger.get_events(SARI)[2], AppointedAgain)
    anew = world.post("/api/v1/employees", "hr", json={"nip": ANEW, **OWNER})
    assert anew.status_code == 201, anew.get_json()
    world.catch_up()
    afresh, fresh = view_contents(world, SARI), view_contents(world, ANEW)
    assert set(afresh) == set(fresh) == set(view_rows(world, ANEW))  # (the roster, the timeline, eligibility, ...)
    for table, rows in afresh.items():
        assert len(rows) == len(fresh[table]), table
        for row, other in zip(rows, fresh[table], strict=True):
            assert {k: v for k, v in row.items() if k not in RECORDED} == {
                k: v for k, v in other.items() if k not in RECORDED
            }, table
            if "version" in row:  # (the record's appointment is its version 3, after the void)
                assert (row["version"], other["version"]) == ("3", "1"), table
    assert "Sari Nasution" not in str(afresh)  # (nothing of the voided appointment)
    profile = world.get(f"/api/v1/employees/{SARI}", "hr").get_json()
    assert (profile["name"], profile["unit"]) == ("Sari Owner", "Dinas Kesehatan")
    roster = world.get("/api/v1/employees", "admin").get_json()
    assert SARI in {item["nip"] for item in roster["items"]}
    [item] = world.get(f"/api/v1/employees/{SARI}/timeline", "hr").get_json()["items"]
    assert (item["version"], item["kind"]) == (3, "appointment")
    world.services.projector.rebuild()  # (rebuilt alike)
    assert view_contents(world, SARI) == afresh


def test_the_history_lists_the_voided_appointment_its_void_then_the_fresh_appointment(world: World) -> None:
    voided(world)
    appointed_afresh(world)
    items = world.get(f"/api/v1/employees/{SARI}/events", "inspector").get_json()["items"]
    assert [(i["version"], i["kind"]) for i in items] == [(1, "appointment"), (2, "retraction"), (3, "appointment")]
    assert (items[0]["name"], items[1]["target_version"], items[2]["name"]) == ("Sari Nasution", 1, "Sari Owner")
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{SARI}?lang=en")
    assert page.status_code == 200  # (no longer "voided")
    text = page.get_data(as_text=True)
    assert "Sari Owner" in text
    assert "was voided on" not in text


def test_a_nip_appointed_afresh_is_answered_as_recorded_and_then_already_appointed(world: World) -> None:
    voided(world)
    appointed_afresh(world)
    before = world.log()
    again = world.post("/api/v1/employees", "hr", json={"nip": SARI, **OWNER})  # (the same request: as recorded)
    assert (again.status_code, again.get_json()["version"], again.get_json()["created"]) == (200, 3, False)
    other = world.post("/api/v1/employees", "hr", json={"nip": SARI, **OWNER, "name": "X", "reference": "SK-X"})
    assert other.status_code == 409, other.get_json()
    problem = other.get_json()
    told = f"NIP {SARI} is already appointed (a NIP is appointed again only after its record is voided)."
    assert (problem["type"], problem["errors"]) == ("urn:careerlog:problem:already-appointed", {"nip": [told]})
    assert world.log() == before


def test_an_appointment_afresh_is_refused_as_a_first_appointment_is_and_nothing_is_recorded(world: World) -> None:
    voided(world)
    before = world.log()
    wrong = {**OWNER, "birth_date": "1991-02-02", "sex": "M", "effective_date": "2099-01-01"}
    refused = world.post("/api/v1/employees", "hr", json={"nip": SARI, **wrong})
    first = world.post("/api/v1/employees", "hr", json={"nip": ANEW, **wrong})  # (a NIP never appointed)
    assert (refused.status_code, first.status_code) == (422, 422)
    errors = refused.get_json()["errors"]
    assert {"birth_date", "sex", "effective_date"} <= errors.keys()
    assert errors == {k: [r.replace(ANEW, SARI) for r in v] for k, v in first.get_json()["errors"].items()}
    unread = {**wrong, "birth_date": "bukan tanggal"}  # (a cell that does not read: the others judged with it)
    refused = world.post("/api/v1/employees", "hr", json={"nip": SARI, **unread})
    first = world.post("/api/v1/employees", "hr", json={"nip": ANEW, **unread})
    assert (refused.status_code, first.status_code) == (422, 422)
    assert {"birth_date", "sex", "effective_date"} <= refused.get_json()["errors"].keys()
    assert refused.get_json()["errors"] == first.get_json()["errors"]
    assert world.log() == before


def test_a_record_appointed_afresh_is_voided_again_and_its_nip_appointed_afresh_again(world: World) -> None:
    voided(world)
    appointed_afresh(world)
    void = {**VOID, "target_version": 3, "reference": "BATAL-NIP-3"}
    unconfirmed = world.post(f"/api/v1/employees/{SARI}/events", "hr", json={**void, "confirm_nip": None})
    assert unconfirmed.status_code == 422
    assert "confirm_nip" in unconfirmed.get_json()["errors"]
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=void)
    assert (answer.status_code, answer.get_json()["version"]) == (201, 4), answer.get_json()
    world.catch_up()
    assert view_rows(world, SARI) == {}
    gone = world.get(f"/api/v1/employees/{SARI}", "hr")
    assert gone.status_code == 404
    assert "was voided on 2024-02-01 by hr (version 4)" in gone.get_json()["detail"]
    assert appointed_afresh(world, reference="SK-PEMILIK-NIP-2")["version"] == 5
    assert view_rows(world, SARI)


def test_the_record_form_appoints_a_voided_nip_afresh(world: World) -> None:
    voided(world)
    log_in(world, "hr")
    data = {**form_of(world, "appointment"), "nip": SARI, **{k: str(v) for k, v in OWNER.items()}}
    answer = world.client.post("/pages/record?kind=appointment&lang=en", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert world.log()[-1][1:] == (SARI, 3)
    world.catch_up()
    assert world.get(f"/api/v1/employees/{SARI}", "hr").get_json()["name"] == "Sari Owner"


def test_another_agencys_hr_appoints_the_voided_nip_afresh_within_its_scope_only(world: World) -> None:
    voided(world)  # (by Kota Medan's HR: the voided record was placed there)
    before = world.log()
    outside = world.post("/api/v1/employees", "hr_karo", json={"nip": SARI, **OWNER})  # (placed in Kota Medan)
    assert outside.status_code == 403, outside.get_json()
    assert "agency" in outside.get_json()["errors"]
    assert world.log() == before
    karo = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
    assert appointed_afresh(world, "hr_karo", **karo)["version"] == 3
    assert world.get(f"/api/v1/employees/{SARI}", "hr_karo").get_json()["agency"] == "KAB-KARO"
    assert world.get(f"/api/v1/employees/{SARI}", "hr").status_code == 404  # (Kota Medan's no longer)


def test_two_writers_appointing_a_voided_nip_afresh_at_once_record_one(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    voided(world)
    ledger = world.services.ledger
    read = ledger.repository.get
    meanwhile: list[int] = []
    reads: list[str] = []

    def read_then_another_writes(subject: str, *args: Any, **kwargs: Any) -> Employee:
        found = read(subject, *args, **kwargs)
        reads.append(subject)
        if reads == [SARI]:  # (the other writer appoints it afresh after this one read it)
            meanwhile.append(ledger.record(SARI, "appointment", OWNER, actor="other").version)
        return found  # type: ignore[no-any-return]

    monkeypatch.setattr(ledger.repository, "get", read_then_another_writes)
    with pytest.raises(AlreadyAppointed):  # (its write met the other's, and was judged again: already appointed)
        ledger.record(SARI, "appointment", {**OWNER, "name": "Sari Lain", "reference": "SK-LAIN"}, actor="hr")
    assert meanwhile == [3]
    assert reads.count(SARI) == 3  # (this writer's, the other's, then this one's again: its write met the other's)
    assert [v for _, s, v in world.log() if s == SARI] == [1, 2, 3]


def test_the_career_and_audit_pages_show_the_fresh_appointment_at_its_version(world: World) -> None:
    voided(world)
    appointed_afresh(world)
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{SARI}?lang=en").get_data(as_text=True)
    assert f"/pages/record?kind=retraction&amp;nip={SARI}&amp;target_version=3" in page  # (voided again as one)
    assert "Sari Nasution" not in page
    log_in(world, "inspector")
    audit = world.client.get(f"/pages/audits/appointments/{SARI}/3?lang=en")
    assert audit.status_code == 200, audit.get_data(as_text=True)
    assert world.client.get(f"/pages/audits/appointments/{SARI}/1?lang=en").status_code == 404


def test_the_passed_over_comparison_reads_the_fresh_appointment_as_the_whole_record_does(world: World) -> None:
    """The colleagues' records the comparison reads of some kinds only (`LedgerRecords.placed`, `measured`) hold the
    fresh appointment (stored as AppointedAgain under the kind appointment), and place its owner as the whole record
    does: they read the rows of every class stored under a kind (`CLASSES_OF_KIND`), not the kind's one class."""
    from projections.merit.passed_over import LedgerRecords, Reading

    voided(world)
    appointed_afresh(world)
    records = LedgerRecords(world.services.ledger)
    whole = records([SARI])[SARI]
    day = date(2026, 1, 1)
    assert Reading(whole, day).place is not None
    for read in (records.placed, records.measured):
        record = read([SARI])[SARI]
        assert [(e.version, e.kind) for e in record.entries] == [
            (1, "appointment"),
            (2, "retraction"),
            (3, "appointment"),
        ]
        assert not record.voided
        assert Reading(record, day).place == Reading(whole, day).place
