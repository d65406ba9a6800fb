"""An inter-agency placement (mutasi antar instansi) ends a managerial post held in the agency left (rule
placement.ends_post, M). An HR officer of KOTA-MEDAN placed its Sekretaris Dinas (ADMINISTRATOR) in PROV-SUMUT with the
scope's box ticked: the placement was recorded alone, nothing said of the post, and the record then read ADMINISTRATOR
in PROV-SUMUT for good (the post's title, the retirement age of a managerial post), the releasing agency no longer able
to end it. Now the ledger asks it (confirm: placement.ends_post, naming the post), of every live writer, and records
the post's end with the placement, in the same save; a functional post carries over; a migration is never asked.
Both stores, through the ledger and the API, an import and the record form."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from careerlog.application import Command, Migration
from careerlog.importing import import_rows
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"
POST = {
    "effective_date": "2021-03-16",
    "reference": "821.2/0020/2021",
    "post_kind": "ADMINISTRATOR",
    "level": "III.a",
    "title": "Sekretaris Dinas Kebersihan dan Pertamanan",
    "unit": "Dinas Kebersihan dan Pertamanan",
    "assignment": "DEFINITIVE",
}
MOVE = {
    "effective_date": "2024-11-01",
    "reference": "SK-MUTASI-1",
    "agency": "PROV-SUMUT",
    "unit": "Badan Kepegawaian Daerah",
    "region": "12",
}
BOTH = ["placement.leaves_scope", "placement.ends_post"]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def holding(world: World, **post: Any) -> int:
    """Budi appointed to a post (by default the administrator's); its version."""
    return world.services.ledger.record(BUDI, "post_appointment", {**POST, **post}, actor="admin").version


def kinds_after(world: World, version: int) -> list[tuple[int, str, Any]]:
    return [
        (e.originator_version, e.KIND, getattr(e, "appointment_reference", None))
        for e in world.services.ledger.get_events(BUDI)
        if e.originator_version > version
    ]


def test_a_placement_in_another_agency_is_refused_naming_the_managerial_post_it_ends(world: World) -> None:
    post = holding(world)
    before = world.log()
    answer = world.post(EVENTS, "hr", json={"kind": "placement", **MOVE, "confirm": ["placement.leaves_scope"]})
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["agency"]
    assert reason.startswith(
        f"{BUDI} holds Sekretaris Dinas Kebersihan dan Pertamanan (ADMINISTRATOR, version {post}) in KOTA-MEDAN; "
        "a placement in another agency ends it on 2024-11-01 (rule placement.ends_post). If the decree does move "
        "the employee to PROV-SUMUT, confirm it (confirm: placement.ends_post) and send it again"
    ), reason
    assert world.log() == before


def test_unconfirmed_both_the_scope_and_the_post_are_asked_at_once(world: World) -> None:
    holding(world)
    answer = world.post(EVENTS, "hr", json={"kind": "placement", **MOVE})
    assert answer.status_code == 422
    reasons = answer.get_json()["errors"]["agency"]
    assert len(reasons) == 2, reasons
    assert "confirm: placement.leaves_scope" in reasons[0]
    assert "confirm: placement.ends_post" in reasons[1]


def test_confirmed_the_post_end_is_recorded_with_the_placement_and_the_post_is_no_longer_held(world: World) -> None:
    post = holding(world)
    answer = world.post(EVENTS, "hr", json={"kind": "placement", **MOVE, "confirm": BOTH})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    placed = answer.get_json()["version"]
    assert placed == post + 1
    assert kinds_after(world, post) == [(placed, "placement", None), (placed + 1, "post_end", POST["reference"])]
    events = world.services.ledger.get_events(BUDI)
    placement, ended = events[-2], events[-1]
    assert ended.reference == MOVE["reference"]  # (the decree that moves the employee ends the post)
    assert ended.effective_date.isoformat() == MOVE["effective_date"]
    assert ended.timestamp == placement.timestamp
    assert ended.recorded_by == "hr"
    assert ended.reason == "Inter-agency placement to PROV-SUMUT (rule placement.ends_post)"
    world.catch_up()
    profile = world.get(f"/api/v1/employees/{BUDI}").get_json()
    assert (profile["agency"], profile["post_kind"], profile["post_title"]) == ("PROV-SUMUT", None, None)
    again = world.post(EVENTS, "admin", json={"kind": "placement", **MOVE, "confirm": BOTH})
    assert again.status_code == 200  # (answered as recorded)
    assert again.get_json()["version"] == placed
    assert len(kinds_after(world, post)) == 2


def test_a_national_administrator_is_asked_too(world: World) -> None:
    holding(world)
    before = world.log()
    refused = world.post(EVENTS, "admin", json={"kind": "placement", **MOVE})
    assert refused.status_code == 422
    assert list(refused.get_json()["errors"]) == ["agency"]
    assert world.log() == before
    confirmed = world.post(EVENTS, "admin", json={"kind": "placement", **MOVE, "confirm": ["placement.ends_post"]})
    assert confirmed.status_code == 201
    assert len(world.log()) == len(before) + 2


@pytest.mark.parametrize(
    ("post", "move"),
    [
        ({"post_kind": "FUNGSIONAL", "level": "AHLI_PERTAMA", "title": "Analis SDM Aparatur Ahli Pertama"}, {}),
        ({}, {"agency": "KOTA-MEDAN", "region": "12.71", "unit": "Bappeda"}),  # (within the agency)
        ({}, {"effective_date": "2021-03-16"}),  # (the post taken up that day: not held before it)
    ],
    ids=["functional_post_carries_over", "same_agency", "post_of_the_same_day"],
)
def test_a_placement_ending_no_listed_post_is_recorded_unasked_and_alone(
    world: World, post: dict[str, Any], move: dict[str, Any]
) -> None:
    version = holding(world, **post)
    answer = world.post(EVENTS, "admin", json={"kind": "placement", **MOVE, **move})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert [kind for _, kind, _ in kinds_after(world, version)] == ["placement"]


def test_both_or_neither_a_post_end_refused_leaves_the_placement_unrecorded(world: World) -> None:
    """The post end is decided before anything is saved: one refused (its reference already names another post's
    end) refuses the placement with it."""
    ledger = world.services.ledger
    earlier = holding(world, post_kind="PENGAWAS", level="IV.a", reference="SK-JAB-0", effective_date="2015-01-02")
    ledger.record(
        BUDI,
        "post_end",
        {"effective_date": "2016-01-04", "reference": MOVE["reference"], "appointment_reference": "SK-JAB-0"},
        actor="admin",
    )
    holding(world)
    before = world.log()
    answer = world.post(EVENTS, "admin", json={"kind": "placement", **MOVE, "confirm": ["placement.ends_post"]})
    assert answer.status_code == 409, answer.get_data(as_text=True)
    assert world.log() == before
    assert earlier  # (its end stays as recorded)


def test_several_posts_held_are_refused_even_confirmed_naming_each(world: World) -> None:
    first = holding(world)
    acting = holding(
        world, reference="SK-PLT-1", assignment="PLT", title="Plt Kepala Bidang", post_kind="PENGAWAS", level="IV.a"
    )
    before = world.log()
    answer = world.post(EVENTS, "admin", json={"kind": "placement", **MOVE, "confirm": ["placement.ends_post"]})
    assert answer.status_code == 422
    (reason,) = answer.get_json()["errors"]["agency"]
    assert f"(ADMINISTRATOR, version {first})" in reason, reason
    assert f"(PENGAWAS, version {acting})" in reason
    assert "record the end of the others first" in reason
    assert world.log() == before


def test_a_migration_is_never_asked_and_records_only_the_placement(world: World) -> None:
    version = holding(world)
    at = datetime(2024, 11, 2, tzinfo=UTC)
    command = Command(BUDI, "placement", MOVE, migration=Migration(recorded_at=at, recorded_by="legacy"))
    (outcome,) = world.services.ledger.record_batch([command], actor="admin")
    assert not isinstance(outcome, Exception), outcome
    assert [kind for _, kind, _ in kinds_after(world, version)] == ["placement"]


def test_an_imports_yes_confirms_the_placement_and_ends_the_post(world: World) -> None:
    version = holding(world)
    rows = [{"kind": "placement", "nip": BUDI, **MOVE}, {"kind": "placement", "nip": BUDI, **MOVE, "confirm": "ya"}]

    def imported(row: dict[str, Any]) -> dict[str, Any]:
        data = {"file": (io.BytesIO((json.dumps(row) + "\n").encode()), "e.jsonl")}
        answer = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return dict(answer.get_json())

    refused = imported(rows[0])
    assert refused["recorded"] == 0
    assert any("placement.ends_post" in r for r in refused["rejected"][0]["errors"]["agency"])
    assert imported(rows[1])["recorded"] == 1
    assert [kind for _, kind, _ in kinds_after(world, version)] == ["placement", "post_end"]


@pytest.mark.parametrize("dry", [False, True])
def test_an_imports_report_notes_the_post_ended_with_each_placement(world: World, dry: bool) -> None:
    """As the record form says it (until 2026-12-05 the import's report said nothing of the post end): beside the
    row's agency, in its warnings; a dry run's, of what it would record."""
    version = holding(world)
    row = {"kind": "placement", "nip": BUDI, **MOVE, "confirm": "ya"}
    data = {"file": (io.BytesIO((json.dumps(row) + "\n").encode()), "e.jsonl")}
    address = "/api/v1/imports?dry_run=true" if dry else "/api/v1/imports"
    body = world.post(address, "hr", data=data, content_type="multipart/form-data").get_json()
    [note] = [w for w in body["warnings"] if "confirm" not in w["errors"]]  # (the yes's answers apart: YES_ANSWERED)
    assert (note["line"], note["kind"], list(note["errors"])) == (1, "placement", ["agency"]), body
    assert [w["errors"] for w in body["warnings"] if "confirm" in w["errors"]] == [
        {
            "confirm": [
                "Confirmed in the Konfirmasi column, each asked of this row: placement.ends_post, "
                "placement.leaves_scope."
            ]
        }
    ]
    verb, recorded = ("would end", "would be recorded") if dry else ("ended", "is recorded")
    assert note["errors"]["agency"] == [
        f"The post {POST['title']} (ADMINISTRATOR) {verb} with this placement on 2024-11-01 (rule "
        f"placement.ends_post): its end {recorded} as version {version + 2}."
    ]


def test_an_imports_notes_read_back_only_the_records_with_a_post_end_after_a_placement(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's post-end notes read whole only the records holding a post end at a placement's next version (read
    alone first): a record placed ending no post is not read back and replayed (until 2026-12-06 every record an import
    placed was, a tenth of a 2,000-employee migration's CPU)."""
    ledger = world.services.ledger
    other = f.nip(date(1990, 2, 3), date(2019, 3, 1), "M", sequence=7)
    ledger.record(other, "appointment", appointment_of(other), actor="test")
    version = holding(world)
    read: list[list[str]] = []
    reading = ledger.get_aggregates

    def counted(subjects: Any) -> Any:
        read.append(list(subjects))
        return reading(subjects)

    monkeypatch.setattr(ledger, "get_aggregates", counted)
    rows = [{"kind": "placement", "nip": BUDI, **MOVE, "confirm": "ya"}, {"kind": "placement", "nip": other, **MOVE}]
    report = import_rows(ledger, [(n, row, 0) for n, row in enumerate(rows, 1)], actor="admin")
    assert (report.recorded, report.rejected) == (2, []), report.rejected
    [note] = [w for w in report.warnings if "confirm" not in w.errors]  # (the yes's answers apart: YES_ANSWERED)
    assert (note.line, list(note.errors)) == (1, ["agency"])
    assert f"its end is recorded as version {version + 2}" in note.errors["agency"][0]
    assert read[-1] == [BUDI]  # (the notes')
    assert sum(other in subjects for subjects in read) == 1  # (its batch's reading alone)


def test_every_question_of_a_placement_is_asked_at_once(world: World) -> None:
    """Placing a holder of a post into another agency (out of the writer's scope) and a misspelt unit of it asks
    leaves_scope, ends_post and unit.new in one refusal (until 2026-12-05 unit.new came in a second round, once the
    first two were confirmed); confirmed all three, recorded."""
    other = f.nip(date(1990, 2, 3), date(2019, 3, 1), "M", sequence=7)
    unit = MOVE["unit"]
    appointed = appointment_of(other, agency="PROV-SUMUT", region="12", unit=unit)
    world.services.ledger.record(other, "appointment", appointed, actor="test")
    world.catch_up()  # (PROV-SUMUT's unit known to the views)
    holding(world)
    body = {"kind": "placement", **MOVE, "unit": "Badan Kepegawaian Daera"}
    refused = world.post(EVENTS, "hr", json=body)
    assert refused.status_code == 422, refused.get_json()
    errors = refused.get_json()["errors"]
    assert sorted(errors) == ["agency", "unit"], errors
    said = " ".join(errors["agency"])
    assert "placement.leaves_scope" in said, said
    assert "placement.ends_post" in said, said
    assert "unit.new" in errors["unit"][0], errors
    confirmed = world.post(EVENTS, "hr", json={**body, "confirm": [*BOTH, "unit.new"]})
    assert confirmed.status_code == 201, confirmed.get_json()


def placed_by_form(world: World, **extra: Any) -> tuple[int, str]:
    data = {**form_of(world, "placement"), "nip": BUDI, **MOVE, **extra}
    answer = world.client.post("/pages/record?kind=placement", data=data)
    if answer.status_code == 302:
        return 302, world.client.get(answer.headers["Location"]).get_data(as_text=True)
    return answer.status_code, answer.get_data(as_text=True)


def test_the_record_form_names_the_post_and_offers_its_box(world: World) -> None:
    post = holding(world)
    log_in(world, "hr")
    before = world.log()
    status, page = placed_by_form(world, confirm="placement.leaves_scope")
    assert status == 422
    assert world.log() == before
    assert "memegang jabatan Sekretaris Dinas Kebersihan dan Pertamanan" in page, page
    assert f"versi {post}" in page
    assert (
        "centang kotak di bawah untuk mengonfirmasinya lalu kirim lagi formulir ini: berakhirnya jabatan itu "
        "dicatat bersama penempatan"
    ) in page
    assert 'name="confirm" value="placement.ends_post" aria-describedby="agency-error"' in page
    assert 'name="confirm" value="placement.leaves_scope" checked' in page  # (kept ticked)


def test_the_record_forms_two_boxes_record_the_placement_and_say_the_post_ended(world: World) -> None:
    post = holding(world)
    log_in(world, "hr")
    status, page = placed_by_form(world, confirm=BOTH)
    assert status == 302, page
    assert "berakhir bersama penempatan ini pada" in page, page
    assert f"dicatat sebagai versi {post + 2}" in page
    assert "Riwayat ini telah keluar dari cakupan Anda (kini di PROV-SUMUT)" in page
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "post_end"]


@pytest.mark.parametrize(
    "confirm", [["placement.ends_post"], ["placement.leaves_scope"], BOTH, ["unit.new", "placement.ends_post"]]
)
def test_a_migrations_placement_with_a_confirmation_records_the_placement_alone(
    world: World, confirm: list[str]
) -> None:
    """A log's placement carrying a confirmation (an export's `confirm` of a placement) is recorded as given: a
    placement stores unit.new alone (since 2026-12-05, class version 2; its other checks are not kept), and the
    migration neither asks the check nor records a post end."""
    version = holding(world)
    at = datetime(2024, 11, 2, tzinfo=UTC)
    migration = Migration(recorded_at=at, recorded_by="legacy")
    command = Command(BUDI, "placement", MOVE, migration=migration, confirmed=frozenset(confirm))
    (outcome,) = world.services.ledger.record_batch([command], actor="admin")
    assert not isinstance(outcome, Exception), outcome
    assert [kind for _, kind, _ in kinds_after(world, version)] == ["placement"]
    (placed,) = [e for e in world.services.ledger.get_events(BUDI) if e.originator_version > version]
    assert placed.confirmed == (("unit.new",) if "unit.new" in confirm else ())


@pytest.mark.parametrize("cell", ["ya", "placement.ends_post", "placement.leaves_scope", "tidak"])
def test_a_migration_imports_placement_row_with_a_confirm_cell_records_it_as_given(world: World, cell: str) -> None:
    """A migration import's placement row carrying a Konfirmasi (confirm) cell: recorded as its log holds it (the
    placement alone, under the log's time), the cell accepted and nothing asked; a placement stores unit.new alone (a
    yes confirms it among others: careerlog.importing.YES_CONFIRMS; since 2026-12-05, class version 2)."""
    version = holding(world)
    row = {"kind": "placement", "nip": BUDI, **MOVE, "confirm": cell, "recorded_at": "2024-11-02T08:00:00+00:00"}
    report = import_rows(world.services.ledger, [(1, row, 0)], actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (1, []), report.rejected
    assert [kind for _, kind, _ in kinds_after(world, version)] == ["placement"]
    (placed,) = [e for e in world.services.ledger.get_events(BUDI) if e.originator_version > version]
    assert placed.timestamp == datetime(2024, 11, 2, 8, tzinfo=UTC)
    assert placed.confirmed == (("unit.new",) if cell == "ya" else ())
