"""A reader scoped by agency alone is refused a region where its agency's staff may not work and none is placed, as a
reader scoped by region is refused such an agency; the province holding the agency's seat is read of its staff.

An HR office, inspector or reporter scoped to KOTA-MEDAN (seated in 12.71) asking
/api/v1/reports/headcount?by=agency&region=12.07 was answered 200 with an empty report (total 0), as were the roster,
the audit lists, passed-over, fairness (rounds 0), mentoring and the audit and fairness pages ("No audited promotion
matches.", "Rounds: 0"), read as no activity in 12.07: any region of the seat's province was read for it. Now each
answers 403 naming `region` (web.services.seats_meet, the check every report, audit, the roster and their pages go
through), unless an employee of the agency is placed there. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, appointment_of
from tests.functional.test_pages_auth import log_in

REFUSED = "Region 12.07 is outside your scope (agency KOTA-MEDAN)."
# the reads the report named (each walked for every route of its kind by the tables of
# test_reports_/test_audits_/test_roster_and_access_log_refuse_filters_outside_the_scope.py)
READS = [
    "/api/v1/reports/headcount?by=agency",
    "/api/v1/employees?",
    "/api/v1/audits/promotions?",
    "/api/v1/audits/passed-over?",
    "/api/v1/audits/fairness?by=sex",
    "/api/v1/reports/mentoring?",
]
PLACED_IN_THE_REGENCY = f.nip(date(1986, 6, 6), date(2013, 3, 1), "F", sequence=812)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def scoped_to_the_agency(world: World, role: str) -> str:
    """An account of the role scoped to KOTA-MEDAN alone, with a token; its world name."""
    name = f"{role}_medan_only"
    username = name.replace("_", "-")
    world.services.accounts.create(
        username, display_name=name.title(), role=role, scope=Scope(agencies=("KOTA-MEDAN",))
    )
    world.tokens[name] = world.services.accounts.issue_token(username, days=30).token
    return name


def read(path: str, region: str) -> str:
    return f"{path}&region={region}" if not path.endswith("?") else f"{path}region={region}"


@pytest.mark.parametrize("role", ["reporter", "inspector", "hr"])
def test_every_read_refuses_a_region_of_the_seats_province_without_the_agencys_staff(world: World, role: str) -> None:
    who = scoped_to_the_agency(world, role)
    walked = 0
    for path in READS:
        answer = world.get(read(path, "12.07"), who)
        if answer.status_code == 403 and "role may not" in str(answer.get_json()):
            continue  # (the role's refusal, not the scope's)
        walked += 1
        assert answer.status_code == 403, (path, answer.get_json())
        assert answer.headers["Content-Type"] == "application/problem+json"
        assert answer.get_json()["errors"] == {"region": [REFUSED]}, path
        assert world.get(read(path, "12.71"), who).status_code == 200, path
    assert walked >= 2


def test_the_audit_and_fairness_pages_refuse_it_saying_why(world: World) -> None:
    who = scoped_to_the_agency(world, "inspector")
    log_in(world, who)
    for page in ("/pages/audits?region=12.07", "/pages/fairness?by=sex&region=12.07"):
        answer = world.client.get(f"{page}&lang=en")
        assert answer.status_code == 403, page
        text = answer.get_data(as_text=True)
        assert REFUSED in text, page
        assert "No audited promotion matches" not in text, page
        assert "Rounds: 0" not in text, page


def test_the_province_holding_the_seat_reads_the_agencys_staff_in_it(world: World) -> None:
    who = scoped_to_the_agency(world, "hr")
    listed = world.get("/api/v1/employees?region=12", who)
    assert listed.status_code == 200, listed.get_json()
    assert {e["nip"] for e in listed.get_json()["items"]} == {BUDI, SARI}  # (Kota Medan's: Rina of KAB-KARO not)


def test_a_region_where_an_employee_of_the_agency_is_placed_is_read(world: World) -> None:
    world.services.ledger.record(
        PLACED_IN_THE_REGENCY,
        "appointment",
        appointment_of(PLACED_IN_THE_REGENCY, name="Lina Siregar", agency="KOTA-MEDAN", region="12.07", unit="Kantor"),
        actor="test",
        confirmed=("region.outside_seat",),  # (outside the agency's seat: rule agency.region_seat)
    )
    world.catch_up()
    who = scoped_to_the_agency(world, "hr")
    listed = world.get("/api/v1/employees?region=12.07", who)
    assert listed.status_code == 200, listed.get_json()
    assert [e["nip"] for e in listed.get_json()["items"]] == [PLACED_IN_THE_REGENCY]
    assert world.get("/api/v1/employees?region=12.06", who).status_code == 403  # (none placed there)


def test_a_region_where_the_agencys_staff_were_placed_before_is_read(world: World) -> None:
    # (placed in 12.07 from 2013, back in 12.71 since 2023: a report of 2020 there tells of the agency's staff then;
    # until 2026-12-06 the roster alone was asked, and it was refused as a region none of its staff is in)
    world.services.ledger.record(
        PLACED_IN_THE_REGENCY,
        "appointment",
        appointment_of(PLACED_IN_THE_REGENCY, name="Lina Siregar", agency="KOTA-MEDAN", region="12.07", unit="Kantor"),
        actor="test",
        confirmed=("region.outside_seat",),  # (outside the agency's seat: rule agency.region_seat)
    )
    back = {"agency": "KOTA-MEDAN", "unit": "Bappeda", "region": "12.71", "effective_date": "2023-01-02"}
    world.services.ledger.record(PLACED_IN_THE_REGENCY, "placement", {**back, "reference": "MUT-812"}, actor="test")
    world.catch_up()
    who = scoped_to_the_agency(world, "inspector")
    answer = world.get("/api/v1/audits/promotions?region=12.07", who)
    assert answer.status_code == 200, answer.get_json()
    assert world.get("/api/v1/employees?region=12.07", who).get_json()["total"] == 0  # (none there now)
    assert world.get("/api/v1/audits/promotions?region=12.06", who).status_code == 403  # (none placed there, ever)
