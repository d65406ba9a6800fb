"""The awards audit through the API: each award within the scope with its verdict and findings."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World

AWARDS = "/api/v1/audits/awards"


def award(world: World, nip: str, kind: str, day: str) -> None:
    world.services.ledger.record(nip, "award", f.award(kind, day), actor="test")


def three_awards(world: World) -> World:
    """Budi (KOTA-MEDAN, appointed 2010) given the 20-year decoration in 2020 after 10 years; Sari
    (KOTA-MEDAN, 2015) the 10-year decoration in 2025; Rina (KAB-KARO, 1998) the 30-year one in 2019."""
    award(world, BUDI, "SLKS_20", "2020-08-17")
    award(world, SARI, "SLKS_10", "2025-08-17")
    award(world, RINA, "SLKS_30", "2019-08-17")
    world.catch_up()
    return world


@pytest.fixture
def awarded(world: World) -> World:
    return three_awards(world)


def listed(world: World, query: str = "", who: str = "inspector") -> list[tuple[str, str, str]]:
    body = world.get(f"{AWARDS}?{query}", who).get_json()
    return [(i["nip"], i["award_kind"], i["verdict"]) for i in body["items"]]


def access_actions(world: World, nip: str) -> list[tuple[str, str]]:
    entries = world.get(f"/api/v1/access-log?nip={nip}", "admin").get_json()["items"]
    return [(e["username"], e["action"]) for e in entries]


def test_an_irregular_award_is_listed_with_its_rule_message_and_evidence(awarded: World) -> None:
    body = awarded.get(f"{AWARDS}?kind=SLKS_20", "inspector").get_json()
    [item] = body["items"]
    assert (item["id"], item["award_date"], item["agency"], item["service_years"]) == (
        f"{BUDI}-3",
        "2020-08-17",
        "KOTA-MEDAN",
        10,
    )
    assert (item["verdict"], item["finding_count"]) == ("findings", 1)
    [finding] = item["findings"]
    assert (finding["rule"], finding["severity"], finding["status"]) == ("awards.long_service_years", "high", "I")
    assert finding["message"] == "SLKS_20 needs 20 years of service; 10 served at 2020-08-17"
    assert finding["evidence"] == [1, 3]  # the appointment and the award
    assert body["total"] == 1


def test_the_awards_list_everything_within_the_scope_by_date(awarded: World) -> None:
    assert listed(awarded) == [
        (RINA, "SLKS_30", "findings"),
        (BUDI, "SLKS_20", "findings"),
        (SARI, "SLKS_10", "compliant"),
    ]


def test_another_agencys_award_is_not_listed(awarded: World) -> None:
    assert {nip for nip, _, _ in listed(awarded, who="inspector_medan")} == {BUDI, SARI}
    # the agency asked for is refused naming it (until 2026-12-05 an empty list:
    # tests/functional/test_audits_refuse_filters_outside_the_scope.py)
    asked = awarded.get(f"{AWARDS}?agency=KAB-KARO", "inspector_medan")
    assert asked.status_code == 403
    assert list(asked.get_json()["errors"]) == ["agency"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("verdict=compliant", [SARI]),
        ("verdict=findings", [RINA, BUDI]),
        ("from=2020-01-01&to=2020-12-31", [BUDI]),
        ("unit=Bappeda", [SARI]),
        ("region=12.06", [RINA]),
        ("kind=SLKS_10&kind=SLKS_30", [RINA, SARI]),
        ("per_page=1&page=2", [BUDI]),
    ],
)
def test_the_awards_filter_by_verdict_period_place_and_kind(awarded: World, query: str, expected: list[str]) -> None:
    assert [nip for nip, _, _ in listed(awarded, query)] == expected


def test_the_awards_listed_are_in_the_access_log(awarded: World) -> None:
    awarded.get(f"{AWARDS}?kind=SLKS_20", "inspector_medan")
    assert ("inspector-medan", "awards") in access_actions(awarded, BUDI)
    assert ("inspector-medan", "awards") not in access_actions(awarded, SARI)


def test_the_awards_as_csv(awarded: World) -> None:
    response = awarded.get(f"{AWARDS}?format=csv&per_page=2", "inspector")
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("id,nip,version,reference,award_kind,award_date,")
    assert lines[0].endswith(",verdict,finding_count,findings")
    assert len(lines) == 3
    assert "awards.long_service_years" in lines[2]
    assert response.headers["X-Total-Count"] == "3"


@pytest.mark.parametrize(
    ("query", "field"),
    [("verdict=maybe", "verdict"), ("from=2020-13-01", "from"), ("colour=red", "colour"), ("per_page=0", "per_page")],
)
def test_bad_award_filters_are_422_naming_the_field(awarded: World, query: str, field: str) -> None:
    response = awarded.get(f"{AWARDS}?{query}", "inspector")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


@pytest.mark.parametrize("who", ["reporter", "policy", "hr", "employee"])
def test_only_auditors_see_the_awards_audit(awarded: World, who: str) -> None:
    response: Any = awarded.get(AWARDS, who)
    assert response.status_code == 403
