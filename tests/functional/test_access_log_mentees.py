"""A mentor's record shows their mentees' mentoring (each mentee's NIP, the mentoring's dates and focus, from the
mentor's MenteeAssigned and MenteeReleased): each read of it that someone other than a mentee makes logs a read of
each mentee it shows (`mentee`), besides the mentor's own row, in the same statement, placed where the mentee works
now, on the career page, its CSV, the API's timeline (JSON, the fast path, and CSV) and events. A mentee's career
page naming their mentor by name (a mentor the reader may read) logs that read too (`mentor`; docs/security.md,
"Access log: which reads")."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


MEDAN = ("KOTA-MEDAN", "12.71")
KARO = ("KAB-KARO", "12.06")


def start(mentor: str, day: str, reference: str) -> dict[str, Any]:
    return {"mentor_nip": mentor, "focus": "Kearsipan", "effective_date": day, "reference": reference}


@pytest.fixture
def mentored(world: World) -> World:
    """Budi mentors Sari (of his agency, the mentoring ended, with a session) and Rina (of another agency)."""
    ledger = world.services.ledger
    ledger.record(SARI, "mentoring_start", start(BUDI, "2021-01-04", "MNT-1"), actor="test")
    session = {"mentor_nip": BUDI, "topic": "Arsip", "minutes": 45, "effective_date": "2021-02-01", "reference": "S1"}
    ledger.record(SARI, "mentoring_session", session, actor="test")
    end = {"mentor_nip": BUDI, "reason": "Selesai", "effective_date": "2021-06-30", "reference": "MNT-1-END"}
    ledger.record(SARI, "mentoring_end", end, actor="test")
    ledger.record(RINA, "mentoring_start", start(BUDI, "2022-03-01", "MNT-2"), actor="test")
    world.catch_up()
    return world


def logged(world: World) -> set[tuple[str, str, str, str | None, str | None]]:
    items = world.get("/api/v1/access-log?per_page=100", "admin").get_json()["items"]
    return {(i["username"], i["nip"], i["action"], i["agency"], i["region"]) for i in items}


def mentees(reader: str) -> set[tuple[str, str, str, str | None, str | None]]:
    return {(reader, SARI, "mentee", *MEDAN), (reader, RINA, "mentee", *KARO)}


CSV = {"Accept": "text/csv"}
API = [
    (f"/api/v1/employees/{BUDI}/timeline", {}, "timeline"),
    (f"/api/v1/employees/{BUDI}/timeline", CSV, "timeline"),
    (f"/api/v1/employees/{BUDI}/events", {}, "history"),
    (f"/api/v1/employees/{BUDI}/events", CSV, "history"),
]


def test_a_mentors_career_page_logs_a_read_of_each_mentee_it_shows(mentored: World) -> None:
    log_in(mentored, "hr")
    page = mentored.client.get(f"/pages/employees/{BUDI}")
    assert page.status_code == 200
    assert SARI in page.get_data(as_text=True)
    assert RINA in page.get_data(as_text=True)
    assert logged(mentored) == {("hr-web", BUDI, "career_page", *MEDAN), *mentees("hr-web")}


def test_a_mentors_career_record_download_logs_each_mentee(mentored: World) -> None:
    log_in(mentored, "inspector")
    assert mentored.client.get(f"/pages/employees/{BUDI}/record.csv").status_code == 200
    assert logged(mentored) == {("inspector-web", BUDI, "timeline", *MEDAN), *mentees("inspector-web")}


@pytest.mark.parametrize(("path", "headers", "action"), API)
def test_a_mentors_timeline_and_events_log_each_mentee(
    mentored: World, path: str, headers: dict[str, str], action: str
) -> None:
    answer = mentored.get(path, "admin", headers=headers)
    assert answer.status_code == 200
    assert SARI in answer.get_data(as_text=True)
    assert logged(mentored) == {("admin", BUDI, action, *MEDAN), *mentees("admin")}


def test_only_the_mentees_the_answer_shows_are_logged(mentored: World) -> None:
    # (the timeline as it stood before Rina's mentoring began shows Sari's alone)
    answer = mentored.get(f"/api/v1/employees/{BUDI}/timeline?as_of=2021-12-31", "admin")
    assert answer.status_code == 200
    assert RINA not in answer.get_data(as_text=True)
    assert logged(mentored) == {("admin", BUDI, "timeline", *MEDAN), ("admin", SARI, "mentee", *MEDAN)}


def test_the_mentor_reading_their_own_page_logs_the_mentees_alone(mentored: World) -> None:
    log_in(mentored, "employee")  # (Budi's own account)
    assert mentored.client.get(f"/pages/employees/{BUDI}").status_code == 200
    assert logged(mentored) == mentees("employee-web")


def test_a_mentees_page_naming_the_mentor_logs_the_mentee_and_the_mentors_name_read(mentored: World) -> None:
    """(Since 2026-12-05 the page names a mentor the reader may read by their name, a read of the mentor's record
    logged as `mentor`; before, the mentor was shown by NIP alone and the mentee's row was the only one.)"""
    log_in(mentored, "hr")
    page = mentored.client.get(f"/pages/employees/{SARI}")
    assert BUDI in page.get_data(as_text=True)
    assert logged(mentored) == {("hr-web", SARI, "career_page", *MEDAN), ("hr-web", BUDI, "mentor", *MEDAN)}


def test_a_mentees_entry_is_placed_where_the_mentee_works(mentored: World) -> None:
    log_in(mentored, "hr")
    mentored.client.get(f"/pages/employees/{BUDI}")
    entries = mentored.get("/api/v1/access-log", "admin", query_string={"nip": RINA}).get_json()["items"]
    assert [(e["username"], e["action"]) for e in entries] == [("hr-web", "mentee")]
    medan = mentored.get("/api/v1/access-log", "inspector_medan", query_string={"nip": RINA}).get_json()["items"]
    assert medan == []  # (placed where Rina works: Karo's to audit)


def test_the_mentees_record_names_the_read_in_the_pages_language(mentored: World) -> None:
    log_in(mentored, "hr")
    mentored.client.get(f"/pages/employees/{BUDI}")
    mentored.client.get("/pages/find?nip=Nasution")
    log_in(mentored, "admin")
    english = mentored.client.get(f"/pages/employees/{SARI}?lang=en").get_data(as_text=True)
    assert "Mentoring, on the mentor&#39;s record" in english
    assert "Search by name" in english
    indonesian = mentored.client.get(f"/pages/employees/{SARI}?lang=id").get_data(as_text=True)
    assert "Pembimbingan, pada catatan pembimbingnya" in indonesian
    assert "Pencarian nama" in indonesian
