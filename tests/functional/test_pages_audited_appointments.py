"""The inspector's pages of audited CPNS appointments (appointment.starting_rank): the list (filters, scope, CSV),
linked from the menu, and one appointment with its finding. Before, only the CLI showed them."""

from __future__ import annotations

import csv
import io

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_appointments import ABOVE, KARO_ABOVE, RULE, access_actions, appoint_above_the_start
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # the world's store: SQLite, and PostgreSQL too (CI=true)


@pytest.fixture
def appointed(world: World) -> World:
    return appoint_above_the_start(world)


def test_audited_cpns_appointments_are_listed_with_a_finding_and_a_compliant_one(appointed: World) -> None:
    log_in(appointed, "inspector")
    page = appointed.client.get("/pages/audits/appointments?lang=en").get_data(as_text=True)
    assert "Audited CPNS appointments" in page
    assert f'href="/pages/audits/appointments/{ABOVE}/1"' in page
    assert f'href="/pages/audits/appointments/{BUDI}/1"' in page
    assert 'name="passed_over"' not in page
    home = appointed.client.get("/pages/?lang=en").get_data(as_text=True)
    assert 'href="/pages/audits/appointments"' in home
    found = appointed.client.get(f"/pages/audits/appointments?rule={RULE}&verdict=findings&lang=en")
    text = found.get_data(as_text=True)
    assert "2 CPNS appointments" in text
    assert f"/appointments/{BUDI}/1" not in text
    compliant = appointed.client.get("/pages/audits/appointments?verdict=compliant&lang=en").get_data(as_text=True)
    assert f"/appointments/{ABOVE}/1" not in compliant
    assert f"/appointments/{BUDI}/1" in compliant


def test_a_scoped_inspector_sees_only_their_agency_and_those_shown_are_logged(appointed: World) -> None:
    log_in(appointed, "inspector_medan")
    page = appointed.client.get("/pages/audits/appointments?verdict=findings").get_data(as_text=True)
    assert ABOVE in page
    assert KARO_ABOVE not in page
    assert ("inspector-medan-web", "audits") in access_actions(appointed, ABOVE)
    assert ("inspector-medan-web", "audits") not in access_actions(appointed, KARO_ABOVE)


def test_an_audited_cpns_appointment_page_shows_its_finding(appointed: World) -> None:
    log_in(appointed, "inspector")
    answer = appointed.client.get(f"/pages/audits/appointments/{ABOVE}/1?lang=en")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Audited CPNS appointment" in page
    assert RULE in page
    assert "<h2>Colleagues passed over</h2>" not in page  # (no such section; the menu links the inspectors' list)
    assert appointed.client.get(f"/pages/audits/{ABOVE}/1").status_code == 404  # not a promotion
    promotion = appointed.get("/api/v1/audits/promotions", "inspector").get_json()["items"][0]
    asked = f"/pages/audits/appointments/{promotion['nip']}/{promotion['version']}"
    assert appointed.client.get(asked).status_code == 404


def test_audited_cpns_appointments_download_as_csv_with_the_same_filters(appointed: World) -> None:
    log_in(appointed, "inspector")
    answer = appointed.client.get("/pages/audits/appointments.csv?verdict=findings&agency=KOTA-MEDAN")
    assert answer.mimetype == "text/csv"
    text = answer.get_data(as_text=True).lstrip("\ufeff")
    assert text.splitlines()[0].startswith("id,nip,version,decision,")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["nip"], r["decision"], r["kind"], r["rank_after"]) for r in rows] == [
        (ABOVE, "appointment", "S-1", "III/b")
    ]
    xlsx = appointed.client.get("/pages/audits/appointments.xlsx?verdict=findings")
    assert xlsx.status_code == 200


@pytest.mark.parametrize("who", ["hr", "employee"])
def test_a_role_that_may_not_audit_is_refused_the_appointments(appointed: World, who: str) -> None:
    log_in(appointed, who)
    assert appointed.client.get("/pages/audits/appointments").status_code == 403
    assert appointed.client.get(f"/pages/audits/appointments/{ABOVE}/1").status_code == 403
