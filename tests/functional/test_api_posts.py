"""Audited post appointments and grade inflation through the API, and the audit lists' filters in SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World, appointment_of
from tests.unit.test_merit_posts import post

POSTS = "/api/v1/audits/posts"
PENGAWAS = f"{POSTS}/{BUDI}-3"  # Budi: appointment, III/b 2014, the Pengawas post 2018
STRONGER = f.nip(date(1985, 5, 5), date(2010, 3, 1), "F", sequence=761)  # KOTA-MEDAN BKPSDM, ready for the post
INFLATION = "/api/v1/audits/grade-inflation"


def record(world: World, nip: str, kind: str, payload: dict[str, Any]) -> None:
    world.services.ledger.record(nip, kind, payload, actor="test")


def leadership_training() -> dict[str, Any]:
    """The colleague's leadership training (PKP) of 2017, 80 JP."""
    return f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP")


def ready_colleague(world: World, pkp: bool = True) -> None:
    """A colleague of Budi's unit and rank with the PKP (without it, `pkp` False), a pelaksana post since 2010 and
    Baik ratings."""
    record(world, STRONGER, "appointment", appointment_of(STRONGER, name="Dewi Lubis"))
    record(world, STRONGER, "post_appointment", post("PELAKSANA", "2010-03-01"))
    for year in range(2010, 2018):
        record(world, STRONGER, "performance_rating", f.rating(year))
    record(world, STRONGER, "rank_promotion", f.promotion("III/b", "2014-04-01"))
    if pkp:
        record(world, STRONGER, "training", leadership_training())


@pytest.fixture
def posted(world: World) -> World:
    """Budi appointed Pengawas in 2018 without ratings or the PKP; Rina (KAB-KARO) a pelaksana in 2000."""
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    record(world, RINA, "post_appointment", {**post("PELAKSANA", "2000-01-03"), "unit": "Dinas Pendidikan"})
    world.catch_up()
    return world


def access_actions(world: World, nip: str) -> list[tuple[str, str]]:
    entries = world.get(f"/api/v1/access-log?nip={nip}", "admin").get_json()["items"]
    return [(e["username"], e["action"]) for e in entries]


# ---------------------------------------------------------------------- posts


def test_the_audited_posts_list_only_post_appointments_within_the_scope(posted: World) -> None:
    body = posted.get(POSTS, "inspector").get_json()
    assert [(i["nip"], i["decision"], i["kind"], i["level"]) for i in body["items"]] == [
        (RINA, "post", "PELAKSANA", None),
        (STRONGER, "post", "PELAKSANA", None),
        (BUDI, "post", "PENGAWAS", "IV.a"),
    ]
    assert body["total"] == 3
    medan = posted.get(POSTS, "inspector_medan").get_json()
    assert {i["nip"] for i in medan["items"]} == {BUDI, STRONGER}
    promotions = posted.get("/api/v1/audits/promotions", "inspector").get_json()
    assert {i["decision"] for i in promotions["items"]} == {"promotion"}


def test_the_posts_list_filters_by_post_kind_level_period_rule_severity_and_verdict(posted: World) -> None:
    def nips(query: str) -> list[str]:
        return [i["nip"] for i in posted.get(f"{POSTS}?{query}", "inspector").get_json()["items"]]

    assert nips("kind=PENGAWAS") == [BUDI]
    assert nips("level=IV.a") == [BUDI]
    assert nips("level=IV.b") == []
    assert nips("from=2010-01-01&to=2017-12-31") == [STRONGER]
    assert nips("rule=post.leadership_training") == [BUDI]
    assert BUDI in nips("verdict=findings&severity=low")
    assert BUDI not in nips("verdict=compliant")


def test_an_audited_post_shows_its_findings_evidence_and_the_stronger_colleague_passed_over(posted: World) -> None:
    body = posted.get(PENGAWAS, "inspector").get_json()
    assert (body["id"], body["decision"], body["kind"], body["level"]) == (f"{BUDI}-3", "post", "PENGAWAS", "IV.a")
    rules = {finding["rule"]: finding for finding in body["findings"]}
    assert {"post.performance", "post.leadership_training"} <= set(rules)
    assert body["verdict"] == "findings"
    assert all(isinstance(finding["evidence"], list) for finding in body["findings"])
    [passed] = body["passed_over"]
    assert (passed["colleague"], passed["round_date"], passed["rank"]) == (STRONGER, "2018-01-02", "III/b")
    assert passed["comparison"]["performance"] == {"appointed": 0.0, "colleague": 4.0}  # Baik is 4
    assert passed["comparison"]["training_jp"] == {"appointed": 0.0, "colleague": 80.0}
    assert ("inspector", "audit") in access_actions(posted, BUDI)
    assert ("inspector", "audit") in access_actions(posted, STRONGER)


def test_a_post_is_not_read_as_a_promotion_nor_a_promotion_as_a_post(posted: World) -> None:
    assert posted.get(f"/api/v1/audits/promotions/{BUDI}-3", "inspector").status_code == 404
    assert posted.get(f"{POSTS}/{BUDI}-2", "inspector").status_code == 404
    assert posted.get(f"/api/v1/audits/promotions/{BUDI}-2", "inspector").status_code == 200


def test_another_agencys_post_is_indistinguishable_from_a_missing_one(posted: World) -> None:
    assert posted.get(f"{POSTS}/{RINA}-2", "inspector").status_code == 200
    hidden = posted.get(f"{POSTS}/{RINA}-2", "inspector_medan")
    missing = posted.get(f"{POSTS}/{RINA}-9", "inspector_medan")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_data(as_text=True).replace(f"{RINA}-2", "X") == missing.get_data(as_text=True).replace(
        f"{RINA}-9", "X"
    )


def test_the_posts_listed_on_a_page_are_in_the_access_log(posted: World) -> None:
    posted.get(f"{POSTS}?kind=PENGAWAS", "inspector_medan")
    assert ("inspector-medan", "audits") in access_actions(posted, BUDI)
    assert ("inspector-medan", "audits") not in access_actions(posted, STRONGER)


def test_the_posts_list_as_csv(posted: World) -> None:
    response = posted.get(f"{POSTS}?format=csv&per_page=2", "inspector")
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("id,nip,version,decision,")
    assert len(lines) == 3
    assert response.headers["X-Total-Count"] == "3"


@pytest.mark.parametrize(
    ("query", "field"), [("kind=PENGAWAS&colour=red", "colour"), ("verdict=maybe", "verdict"), ("page=0", "page")]
)
def test_bad_post_filters_are_422_naming_the_field(posted: World, query: str, field: str) -> None:
    response = posted.get(f"{POSTS}?{query}", "inspector")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


# ---------------------------------------------------------------------- verdict in the query


def test_the_verdict_filter_gives_the_right_totals_on_every_page(posted: World) -> None:
    for version, year in ((3, "2003-04-01"), (4, "2007-04-01")):
        record(posted, RINA, "rank_promotion", f.promotion(["III/b", "III/c"][version - 3], year))
    posted.catch_up()
    everything = posted.get("/api/v1/audits/promotions?per_page=100", "admin").get_json()["items"]
    findings = [i["id"] for i in everything if i["verdict"] == "findings"]
    assert len(findings) >= 3
    seen: list[str] = []
    for page in (1, 2, 3):
        body = posted.get(f"/api/v1/audits/promotions?verdict=findings&per_page=1&page={page}", "admin").get_json()
        assert body["total"] == len(findings)
        seen += [i["id"] for i in body["items"]]
    assert seen == findings[:3]
    compliant = posted.get("/api/v1/audits/promotions?verdict=compliant", "admin").get_json()
    assert compliant["total"] == len(everything) - len(findings)


# ---------------------------------------------------------------------- grade inflation


def rated_staff(world: World, predicates: list[str], unit: str = "Bappeda") -> None:
    """Staff of a KOTA-MEDAN unit since 2020, each rated for 2023 with the given predicate."""
    for n, predicate in enumerate(predicates):
        nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=770 + n)
        record(world, nip, "appointment", appointment_of(nip, unit=unit))
        record(world, nip, "performance_rating", f.rating(2023, predicate))


@pytest.fixture
def inflated(world: World) -> World:
    """Bappeda of Kota Medan rated Baik for 2023, and 5 of its 6 staff rated Baik, 1 Sangat Baik."""
    rated_staff(world, ["BAIK"] * 5 + ["SANGAT_BAIK"])
    world.services.ledger.rate_unit("KOTA-MEDAN", "Bappeda", f.rating(2023), actor="test")
    world.catch_up()
    return world


def test_grade_inflation_shows_the_units_rating_the_spread_the_caps_and_the_excess(inflated: World) -> None:
    body = inflated.get(INFLATION, "inspector").get_json()
    [unit] = body["items"]
    assert (unit["agency"], unit["unit"], unit["year"], unit["unit_predicate"]) == (
        "KOTA-MEDAN",
        "Bappeda",
        2023,
        "BAIK",
    )
    assert (unit["rated"], unit["counts"]) == (6, {"BAIK": 5, "SANGAT_BAIK": 1})
    assert unit["exceeded"] == [
        {"predicate": "SANGAT_BAIK", "count": 1, "share": 0.1667, "max_share": 0.1, "allowed": 0, "excess": 1},
        {"predicate": "BAIK", "count": 5, "share": 0.8333, "max_share": 0.7, "allowed": 4, "excess": 1},
    ]
    assert (unit["rule"], unit["severity"]) == ("skp.distribution", "medium")
    assert unit["evidence"][0]["kind"] == "unit_rating"
    assert body["total"] == 1


def test_grade_inflation_filters_by_agency_unit_and_year_within_the_scope(inflated: World) -> None:
    def units(query: str, who: str = "inspector") -> list[str]:
        return [u["unit"] for u in inflated.get(f"{INFLATION}?{query}", who).get_json()["items"]]

    assert units("year=2023&unit=Bappeda&agency=KOTA-MEDAN") == ["Bappeda"]
    assert units("year=2022") == []
    assert units("unit=BKPSDM") == []
    assert units("agency=KAB-KARO") == []
    assert units("", "inspector_medan") == ["Bappeda"]
    assert units("agency=KOTA-MEDAN", "admin") == ["Bappeda"]
    text = inflated.get(f"{INFLATION}?format=csv", "inspector").get_data(as_text=True)
    assert text.splitlines()[1].startswith("KOTA-MEDAN,Bappeda,2023,BAIK,6,")


def test_grade_inflation_outside_the_scope_is_not_shown(inflated: World) -> None:
    accounts = inflated.services.accounts
    accounts.create("inspector-karo", display_name="Karo", role="inspector", scope=Scope(regions=("12.06",)), nip=None)
    token = accounts.issue_token("inspector-karo", days=1).token
    response = inflated.client.get(INFLATION, headers={"Authorization": f"Bearer {token}"})
    assert response.get_json()["items"] == []


@pytest.mark.parametrize("who", ["reporter", "policy", "hr", "employee"])
def test_only_auditors_see_grade_inflation(inflated: World, who: str) -> None:
    assert inflated.get(INFLATION, who).status_code == 403
