"""Audited CPNS appointments (appointment.starting_rank) through the API, as the post appointments are served: the
list within the scope (filters, pages, CSV, each NIP shown logged) and one appointment with its findings. Before,
an inspector saw them through the CLI alone: /api/v1/audits/promotions/{nip}-1 answers 404 for an appointment."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World, appointment_of

APPOINTMENTS = "/api/v1/audits/appointments"
RULE = "appointment.starting_rank"
ABOVE = f.nip(date(1990, 2, 3), date(2016, 3, 1), "M", sequence=891)  # KOTA-MEDAN, S-1 at III/b
KARO_ABOVE = f.nip(date(1991, 4, 5), date(2017, 3, 1), "F", sequence=892)  # KAB-KARO, S-1 at III/c
KARO = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # the world's store: SQLite, and PostgreSQL too (CI=true)


def record(world: World, nip: str, kind: str, payload: dict[str, Any]) -> None:
    confirmed = ("appointment.starting_rank",) if kind == "appointment" else ()  # (asked since 2026-12-07)
    world.services.ledger.record(nip, kind, payload, actor="test", confirmed=confirmed)


def appoint_above_the_start(world: World) -> World:
    """Andi (KOTA-MEDAN) an S-1 appointed at III/b, Tina (KAB-KARO) an S-1 at III/c: both findings; the world's
    appointments (Budi, Sari, Rina...) at the start of their education: compliant."""
    record(world, ABOVE, "appointment", appointment_of(ABOVE, name="Andi Harahap", rank="III/b"))
    record(world, KARO_ABOVE, "appointment", appointment_of(KARO_ABOVE, name="Tina Sembiring", rank="III/c", **KARO))
    world.catch_up()
    return world


@pytest.fixture
def appointed(world: World) -> World:
    return appoint_above_the_start(world)


def access_actions(world: World, nip: str) -> list[tuple[str, str]]:
    entries = world.get(f"/api/v1/access-log?nip={nip}", "admin").get_json()["items"]
    return [(e["username"], e["action"]) for e in entries]


def listed(world: World, query: str = "", who: str = "inspector") -> dict[str, dict[str, Any]]:
    response = world.get(f"{APPOINTMENTS}?{query}", who)
    assert response.status_code == 200, response.get_json()
    return {i["nip"]: i for i in response.get_json()["items"]}


def test_the_appointments_list_holds_each_cpns_appointment_compliant_or_with_a_finding(appointed: World) -> None:
    items = listed(appointed)
    assert {i["decision"] for i in items.values()} == {"appointment"}
    assert (items[ABOVE]["verdict"], items[ABOVE]["kind"], items[ABOVE]["rank_after"]) == ("findings", "S-1", "III/b")
    assert items[ABOVE]["id"] == f"{ABOVE}-1"
    assert items[BUDI]["verdict"] == "compliant"
    promotions = appointed.get("/api/v1/audits/promotions", "inspector").get_json()["items"]
    assert {i["decision"] for i in promotions} <= {"promotion"}


def test_the_appointments_list_filters_by_verdict_rule_period_and_agency(appointed: World) -> None:
    assert set(listed(appointed, "verdict=findings")) == {ABOVE, KARO_ABOVE}
    assert ABOVE not in listed(appointed, "verdict=compliant")
    assert BUDI in listed(appointed, "verdict=compliant")
    assert set(listed(appointed, f"rule={RULE}")) == {ABOVE, KARO_ABOVE}
    assert set(listed(appointed, f"rule={RULE}&agency=KAB-KARO")) == {KARO_ABOVE}
    assert set(listed(appointed, f"rule={RULE}&from=2017-01-01&to=2017-12-31")) == {KARO_ABOVE}
    assert set(listed(appointed, "verdict=findings&kind=S-1")) == {ABOVE, KARO_ABOVE}


def test_another_agencys_appointments_are_not_listed_for_a_scoped_inspector_and_those_shown_are_logged(
    appointed: World,
) -> None:
    medan = listed(appointed, "", "inspector_medan")
    assert {ABOVE, BUDI} <= set(medan)
    assert not {KARO_ABOVE, RINA} & set(medan)
    assert ("inspector-medan", "audits") in access_actions(appointed, ABOVE)
    assert ("inspector-medan", "audits") not in access_actions(appointed, KARO_ABOVE)


def test_one_appointment_shows_its_finding_and_evidence(appointed: World) -> None:
    response = appointed.get(f"{APPOINTMENTS}/{ABOVE}-1", "inspector")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["decision"], body["verdict"]) == ("appointment", "findings")
    (finding,) = body["findings"]
    assert finding["rule"] == RULE
    assert "III/b" in finding["message"]
    assert "III/a" in finding["message"]
    assert [e["kind"] for e in finding["evidence"]] == ["appointment"]
    assert ("inspector", "audit") in access_actions(appointed, ABOVE)
    assert appointed.get(f"{APPOINTMENTS}/{KARO_ABOVE}-1", "inspector_medan").status_code == 404


def test_a_promotion_asked_as_an_appointment_and_an_appointment_as_a_promotion_are_not_found(appointed: World) -> None:
    promotion = appointed.get("/api/v1/audits/promotions", "inspector").get_json()["items"][0]["id"]
    answer = appointed.get(f"{APPOINTMENTS}/{promotion}", "inspector")
    assert answer.status_code == 404
    assert answer.mimetype == "application/problem+json"
    assert appointed.get(f"/api/v1/audits/promotions/{ABOVE}-1", "inspector").status_code == 404


@pytest.mark.parametrize("who", ["reporter", "policy", "hr", "employee"])
def test_only_auditors_see_the_appointments(appointed: World, who: str) -> None:
    assert appointed.get(APPOINTMENTS, who).status_code == 403
    assert appointed.get(f"{APPOINTMENTS}/{ABOVE}-1", who).status_code == 403


def test_the_appointments_list_as_csv(appointed: World) -> None:
    response = appointed.get(f"{APPOINTMENTS}?format=csv&verdict=findings", "inspector")
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("id,nip,version,decision,")
    assert len(lines) == 3
    assert "audited-appointments" in response.headers["Content-Disposition"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("rule=post.leadership_training", "rule"), ("passed_over=true", "passed_over"), ("kind=XX", "kind")],
)
def test_bad_appointment_filters_are_422_naming_the_field(appointed: World, query: str, field: str) -> None:
    response = appointed.get(f"{APPOINTMENTS}?{query}", "inspector")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in str(response.get_json())
