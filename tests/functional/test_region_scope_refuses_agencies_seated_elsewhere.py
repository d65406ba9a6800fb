"""A reader scoped by region alone is refused an agency whose staff do not work there, by every report, audit, the
roster and their pages, as the scorecard and the grade-inflation audit refuse it.

An inspector (or reporter) scoped to 12.71 asking /api/v1/reports/headcount?agency=KAB-DELISERDANG (seated in 12.07)
was answered 200 with an empty report (total 0), as were training compliance, mentoring, the audit lists, fairness
and the roster, read as "no activity in KAB-DELISERDANG", while /api/v1/reports/scorecard and
/api/v1/audits/grade-inflation answered 403 "Agency KAB-DELISERDANG is outside your scope (region 12.71)." Now each
answers that 403 (web.services.refuse_filters_outside: `seated_meeting`). A regency or city seated in the region, a
province's agency seated above it (its staff work across the province) and a central agency (across the country)
are read as before. Both stores."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in
from web.services import seated_meeting, seats_meet


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


SEATED_ELSEWHERE = "KAB-DELISERDANG"  # (seated in 12.07)
REFUSED = f"Agency {SEATED_ELSEWHERE} is outside your scope (region 12.71)."
# what a route needs besides its agency to answer 200
NEEDS = {
    "headcount": {"by": "agency"},
    "training-compliance": {"year": "2024"},
    "scorecard": {"year": "2024"},
    "fairness": {"by": "sex"},
    "time-to-promotion": {"by": "sex"},
}


def scoped_to_the_city(world: World, role: str) -> str:
    """An account of the role scoped to region 12.71 (Kota Medan) alone, with a token; its world name."""
    name = f"{role}_kota"
    world.services.accounts.create(
        name.replace("_", "-"), display_name=name.title(), role=role, scope=Scope(regions=("12.71",))
    )
    world.tokens[name] = world.services.accounts.issue_token(name.replace("_", "-"), days=30).token
    return name


def query(route: str, agency: str) -> str:
    args = {**NEEDS.get(route.rsplit("/", 1)[-1].split(".")[0], {}), "agency": agency}
    if route.startswith("/pages/"):
        args["lang"] = "en"
    return f"{route}?{urlencode(args)}"


def routes(world: World, prefixes: tuple[str, ...]) -> list[str]:
    """The GET routes under the prefixes naming nothing in their path."""
    return sorted(
        rule.rule
        for rule in world.app.url_map.iter_rules()
        if rule.rule.startswith(prefixes) and "GET" in (rule.methods or ()) and "<" not in rule.rule
    )


API = ("/api/v1/reports/", "/api/v1/audits/", "/api/v1/employees")


@pytest.mark.parametrize("role", ["inspector", "reporter"])
def test_every_report_audit_and_the_roster_refuse_an_agency_seated_outside_a_region_scope(
    world: World, role: str
) -> None:
    who = scoped_to_the_city(world, role)
    walked = set()
    for route in routes(world, API):
        answer = world.get(query(route, SEATED_ELSEWHERE), who)
        if answer.status_code == 403 and "role may not" in str(answer.get_json()):
            continue  # (the role's refusal, not the scope's)
        walked.add(route)
        assert answer.status_code == 403, (route, answer.get_json())
        assert answer.get_json()["errors"] == {"agency": [REFUSED]}, route
        within = world.get(query(route, "KOTA-MEDAN"), who)
        assert within.status_code == 200, (route, within.get_json())
    assert {"/api/v1/reports/headcount", "/api/v1/reports/mentoring", "/api/v1/reports/scorecard"} <= walked
    if role == "inspector":
        assert {"/api/v1/audits/promotions", "/api/v1/audits/fairness", "/api/v1/employees"} <= walked


def test_the_report_and_audit_pages_refuse_it_too(world: World) -> None:
    who = scoped_to_the_city(world, "inspector")
    log_in(world, who)
    pages = ["/pages/reports/headcount", "/pages/reports/headcount.csv", "/pages/audits", "/pages/fairness"]
    for route in pages:
        answer = world.client.get(query(route, SEATED_ELSEWHERE))
        assert answer.status_code == 403, route
        assert f"Agency {SEATED_ELSEWHERE} is outside your scope" in answer.get_data(as_text=True), route
        assert world.client.get(query(route, "KOTA-MEDAN")).status_code == 200, route


def test_an_agency_meets_a_region_scope_where_its_staff_work() -> None:
    city = {"region": ["12.71"]}
    assert not seated_meeting(SEATED_ELSEWHERE, ["12.71"])
    assert not seats_meet("agency", [SEATED_ELSEWHERE], city)
    assert seats_meet("agency", ["KOTA-MEDAN"], city)  # (seated there)
    assert seats_meet("agency", ["PROV-SUMUT"], city)  # (a province's staff work across the province)
    assert not seats_meet("agency", ["PROV-SUMUT"], {"region": ["13"]})
    assert seats_meet("agency", ["BKN"], city)  # (a central agency's across the country)
    assert seats_meet("agency", [SEATED_ELSEWHERE], {"region": ["12"]})  # (the province holds its seat)
    assert seats_meet("agency", [SEATED_ELSEWHERE], {"agency": ["KOTA-MEDAN"]})  # (judged by narrow)


PLACED_IN_THE_CITY = f.nip(date(1985, 5, 5), date(2012, 3, 1), "M", sequence=811)


def test_an_agency_with_staff_placed_in_the_region_is_read_by_its_filter(world: World) -> None:
    """A KAB-DELISERDANG employee (seated in 12.07) placed in 12.71 is within a 12.71 reader's scope (the profile,
    a headcount by agency counting them): until 2026-12-06 the agency's filter was refused 403 by its seat alone."""
    world.services.ledger.record(
        PLACED_IN_THE_CITY,
        "appointment",
        appointment_of(PLACED_IN_THE_CITY, name="Dedi Lubis", agency=SEATED_ELSEWHERE, region="12.71", unit="Kantor"),
        actor="test",
        confirmed=("region.outside_seat",),  # (outside the agency's seat: rule agency.region_seat)
    )
    world.catch_up()
    who = scoped_to_the_city(world, "inspector")
    assert world.get(f"/api/v1/employees/{PLACED_IN_THE_CITY}", who).status_code == 200
    asked = world.get(query("/api/v1/reports/headcount", SEATED_ELSEWHERE), who)
    assert asked.status_code == 200, asked.get_json()
    assert [(r["agency"], r["count"]) for r in asked.get_json()["items"]] == [(SEATED_ELSEWHERE, 1)]
    listed = world.get(query("/api/v1/employees", SEATED_ELSEWHERE), who)
    assert listed.status_code == 200, listed.get_json()
    assert [e["nip"] for e in listed.get_json()["items"]] == [PLACED_IN_THE_CITY]
    log_in(world, who)
    assert world.client.get(query("/pages/audits", SEATED_ELSEWHERE)).status_code == 200
    # (a reader of another region, where none of its staff is placed, is still refused it)
    outside = world.get(query("/api/v1/reports/headcount", "KAB-KARO"), who)
    assert outside.status_code == 403


def test_staff_placed_in_the_region_meet_it() -> None:
    city = {"region": ["12.71"]}
    assert seats_meet("agency", [SEATED_ELSEWHERE], city, lambda agency, regions: agency == SEATED_ELSEWHERE)
    assert not seats_meet("agency", [SEATED_ELSEWHERE], city, lambda agency, regions: False)


@pytest.mark.parametrize("variant", ["without the rule", "its lists empty"])
def test_a_rules_file_without_the_seat_rule_asks_no_writer_yet_scopes_readers_as_before(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variant: str
) -> None:
    """Readers' scoping does not read rule agency.region_seat (careerlog.domain.seat.SCOPE_KINDS): a rules file
    without it, or with its kinds' lists empty, asks no writer region.outside_seat, and a reader of 12.71 is still
    refused KAB-DELISERDANG's reports by the seat (403), not answered an empty report (a review of 2026-12-07: with
    the seat read through the rule, every agency met every scope)."""
    from careerlog.domain.seat import REGION_SEAT, region_outside_seat
    from careerlog.reference import BUNDLED_RULES, rules

    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    head, *blocks = text.split("\n[[rules]]")
    if variant == "without the rule":
        blocks = [block for block in blocks if f'id = "{REGION_SEAT}"' not in block]
    else:
        blocks = [
            block.replace('seat = ["regency", "city"]', "seat = []").replace('province = ["province"]', "province = []")
            if f'id = "{REGION_SEAT}"' in block
            else block
            for block in blocks
        ]
    changed = tmp_path / "rules.toml"
    changed.write_text("\n[[rules]]".join([head, *blocks]), encoding="utf-8")
    monkeypatch.setenv("CAREERLOG_RULES_FILE", str(changed))
    outside = {"region": "12.71", "agency": SEATED_ELSEWHERE, "effective_date": date(2024, 1, 1)}
    assert region_outside_seat(rules(), outside) is None  # (no writer asked)
    assert not seated_meeting(SEATED_ELSEWHERE, ["12.71"])
    who = scoped_to_the_city(world, "inspector")
    answer = world.get(query("/api/v1/reports/headcount", SEATED_ELSEWHERE), who)
    assert answer.status_code == 403, answer.get_json()
    assert REFUSED in str(answer.get_json())
