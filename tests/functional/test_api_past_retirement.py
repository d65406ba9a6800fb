"""An HR administrator needs the records in their scope whose expected end of service (rule retirement.age, M,
unconfirmed) has gone by with no separation recorded, to record the retirement: a data-quality worklist. One born
15 January 1960 in an administrative post (58) was to retire on 31 January 2018 and stayed in every promotion round.
The list shows the day, the age and the post it was reckoned from, and says the rule is unconfirmed; the audit's
judgments do not change (the rule stays shown, never judged). Both stores.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of

PAST = "/api/v1/employees/past-retirement"
OLD_MEDAN = f.nip(date(1960, 1, 15), date(1990, 3, 1), "M", sequence=741)
OLD_KARO = f.nip(date(1958, 5, 2), date(1985, 3, 1), "F", sequence=742)
OLD_TEACHER = f.nip(date(1964, 3, 3), date(1990, 3, 1), "F", sequence=743)  # Guru: 60, past only since March 2024


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def record_the_old(world: World) -> None:
    ledger = world.services.ledger
    ledger.record(OLD_MEDAN, "appointment", appointment_of(OLD_MEDAN, rank="III/a", name="Ahmad Lubis"), actor="test")
    karo = appointment_of(OLD_KARO, rank="III/a", agency="KAB-KARO", region="12.06", unit="Dinas Pendidikan")
    ledger.record(OLD_KARO, "appointment", karo, actor="test")
    ledger.record(OLD_TEACHER, "appointment", appointment_of(OLD_TEACHER, rank="III/a"), actor="test")
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_MUDA", "title": "Guru Matematika", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2020-01-02", "reference": "SK-JAB-7"}
    ledger.record(OLD_TEACHER, "post_appointment", post, actor="test")
    world.catch_up()


def test_hr_lists_the_records_in_their_scope_past_the_retirement_day_with_no_separation(world: World) -> None:
    record_the_old(world)
    answer = world.get(PAST, "hr")
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert [i["nip"] for i in body["items"]] == [OLD_MEDAN, OLD_TEACHER]  # by the day, the earliest first
    first = body["items"][0]
    assert first["name"] == "Ahmad Lubis"
    assert first["expected_end"] == "2018-01-31"
    assert first["retirement_age"] == 58
    assert first["rule"] == "retirement.age"
    assert (first["rule_status"], first["rule_confirmed"]) == ("M", False)  # believed, not confirmed
    assert first["post_kind"] is None  # reckoned from no post held: the rule's default
    teacher = body["items"][1]
    assert (teacher["retirement_age"], teacher["expected_end"]) == (60, "2024-03-31")
    assert (teacher["post_kind"], teacher["post_level"], teacher["post_title"]) == (
        "FUNGSIONAL",
        "AHLI_MUDA",
        "Guru Matematika",
    )
    assert body["total"] == 2
    assert BUDI not in [i["nip"] for i in body["items"]]  # his day is 2044
    karo = world.get(PAST, "hr_karo").get_json()
    assert [i["nip"] for i in karo["items"]] == [OLD_KARO]
    assert len(world.get(PAST, "admin").get_json()["items"]) == 3
    log = world.get("/api/v1/access-log?per_page=100", "admin").get_json()["items"]
    assert {(i["nip"], i["action"]) for i in log if i["username"] == "hr"} == {
        (OLD_MEDAN, "roster"),
        (OLD_TEACHER, "roster"),
    }  # each record listed is a read of the roster, logged as the employee list's


def test_a_separation_recorded_takes_the_record_off_the_list(world: World) -> None:
    record_the_old(world)
    world.services.ledger.record(OLD_MEDAN, "status_change", f.status("RETIRED", "2018-02-01"), actor="test")
    world.catch_up()
    assert [i["nip"] for i in world.get(PAST, "hr").get_json()["items"]] == [OLD_TEACHER]


def test_the_list_past_the_retirement_day_is_paged_and_downloads_as_csv(world: World) -> None:
    record_the_old(world)
    first = world.get(f"{PAST}?per_page=1", "hr").get_json()
    assert [i["nip"] for i in first["items"]] == [OLD_MEDAN]
    assert first["total"] == 2
    second = world.get(f"{PAST}?per_page=1&after={first['next']}", "hr").get_json()
    assert [i["nip"] for i in second["items"]] == [OLD_TEACHER]
    assert second["next"] is None
    assert world.get(f"{PAST}?per_page=1&page=2", "hr").get_json()["items"] == second["items"]
    csv = world.get(f"{PAST}?format=csv", "hr")
    assert csv.status_code == 200
    assert csv.mimetype == "text/csv"
    text = csv.get_data(as_text=True)
    assert "expected_end" in text.splitlines()[0]
    assert "2018-01-31" in text


def test_the_list_past_the_retirement_day_is_not_for_the_employee(world: World) -> None:
    assert world.get(PAST, "employee").status_code == 403
