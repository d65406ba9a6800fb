"""Every report refuses an agency or region filter outside the reader's scope, naming it, as the audit pages do.

An HR office of KOTA-MEDAN asking /api/v1/reports/headcount?agency=KAB-KARO (and the report pages and their
downloads) was answered 200 with an empty report (total 0), read as "no activity in KAB-KARO", where the audit pages
and the scorecard answer 403 naming the agency. Now every report route, walked from the app's url_map so that a new
report is walked too (the API's /api/v1/reports/*, the scorecard's among them; the pages /pages/reports/* with their
CSV and workbook, the scorecard page and its PDF), answers an agency (or region) asked outside a scoped reader's
scope with 403: problem+json naming the field on the API, the 403 page saying why on the pages. An agency that has
staff and one that has none are answered alike (an unknown code stays a 422: agencies are public reference data);
one within the scope, and a national reader's, are read as before. A reader scoped by agency alone is refused a region
where its agencies' staff may not work, none of them placed there (a region of another province than the seats; of a
city's agency, another regency of its province, KOTA-MEDAN's reader asking 12.07, an empty report until 2026-12-06;
a region holding or within the seat is read, a provincial agency's province, a central agency's any). Both stores."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from careerlog.access import Action, permits
from careerlog.reference import reference
from tests.functional.conftest import World, own_client
from tests.functional.test_pages_auth import log_in
from web.pages import reports as report_pages
from web.pages import scorecard as scorecard_pages
from web.services import seats_meet

# Its tests only read the world or are refused: one world per store for the module (world_of_each_store)
pytestmark = pytest.mark.xdist_group("test_reports_refuse_filters_outside_the_scope")


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


STAFFED = ("KOTA-MEDAN", "KAB-KARO")  # (the world's agencies with staff)
# (reader, field, asked outside the reader's scope, asked within it): an agency outside an agency's HR office,
# inspector and policy reader; a region outside a province's inspector and policy reader
OUTSIDE = [
    ("hr", "agency", "KAB-KARO", "KOTA-MEDAN"),
    ("inspector_medan", "agency", "KAB-KARO", "KOTA-MEDAN"),
    ("policy_karo", "agency", "KOTA-MEDAN", "KAB-KARO"),
    ("inspector", "region", "13", "12.06"),
    ("policy", "region", "13", "12.06"),
    # a region of another province than the one the agency is seated in, to a reader scoped by the agency alone
    # (until 2026-12-05 an empty report): within the province (a regency, as a provincial agency's staff work in)
    # it is read
    ("hr", "region", "13", "12.71"),
    ("inspector_medan", "region", "13", "12"),
    # a region of its seat's province where none of the agency's staff is placed, neither holding nor within a
    # city's seat (until 2026-12-06 an empty report, read as no activity there): the province holding the seat is read
    ("hr", "region", "12.07", "12"),
    ("inspector_medan", "region", "12.07", "12.71"),
]
# what a route needs besides its filter to answer 200 (a new route needing none is walked as it is)
NEEDS = {
    "/api/v1/reports/headcount": {"by": "agency"},
    "/api/v1/reports/training-compliance": {"year": "2024"},
    "/api/v1/reports/scorecard": {"year": "2024"},
    "/pages/scorecard": {"year": "2024"},
    "/pages/scorecard.pdf": {"year": "2024"},
}


def unstaffed_agency() -> str:
    """A known agency no one of the world works in, outside every scoped reader's scope."""
    seated_elsewhere = (a for a in reference().agencies if a.code not in STAFFED)
    return next(
        a.code for a in seated_elsewhere if not str(reference().agencies[a.code].get("region", "")).startswith("12")
    )


def routes(world: World, prefixes: tuple[str, ...]) -> Iterator[str]:
    """The GET routes under the prefixes, a report's `<name>` as each report's name."""
    for rule in sorted(world.app.url_map.iter_rules(), key=str):
        if not rule.rule.startswith(prefixes) or "GET" not in (rule.methods or ()):
            continue
        if "<name>" in rule.rule:
            yield from (rule.rule.replace("<name>", name) for name in report_pages.REPORTS)
        else:
            yield rule.rule


def api_routes(world: World) -> list[str]:
    found = list(routes(world, ("/api/v1/reports/",)))
    assert "/api/v1/reports/headcount" in found
    assert "/api/v1/reports/scorecard" in found
    return found


def page_routes(world: World) -> list[str]:
    found = list(routes(world, ("/pages/reports", "/pages/scorecard")))
    assert "/pages/reports/headcount.csv" in found
    assert "/pages/scorecard.pdf" in found
    return found


def query(route: str, field: str, value: str, within: str) -> str:
    """The route's query asking `value` of `field`; the scorecard asked of an agency (the one within the scope)
    when the filter is a region."""
    args = dict(NEEDS.get(route, {}))
    if "scorecard" in route and field == "region":
        args["agency"] = "KOTA-MEDAN"  # (seated in 12.71: within a province's reader's scope)
    args[field] = value
    if route.startswith("/pages/"):
        args["lang"] = "en"
    return f"{route}?{urlencode(args)}"


def reads(world: World, who: str, route: str) -> bool:
    """Whether the reader's role may read the route at all (else its 403 is the role's, not the scope's)."""
    action = Action.READ_SCORECARD if "scorecard" in route else Action.READ_REPORTS
    return permits(world.services.accounts.get(who.replace("_", "-")), action)


@pytest.mark.parametrize(("who", "field", "outside", "within"), OUTSIDE)
def test_every_report_of_the_api_refuses_a_filter_outside_the_scope(
    world: World, who: str, field: str, outside: str, within: str
) -> None:
    scope = world.services.accounts.get(who.replace("_", "-")).scope.describe()
    walked = 0
    for route in api_routes(world):
        if not reads(world, who, route):
            continue
        walked += 1
        asked = [outside, unstaffed_agency()] if field == "agency" else [outside, "14"]  # (staff there, and none)
        for value in asked:
            answer = world.get(query(route, field, value, within), who)
            assert answer.status_code == 403, (route, value, answer.get_json())
            assert answer.headers["Content-Type"] == "application/problem+json"
            reason = f"{field.title()} {value} is outside your scope ({scope})."
            assert answer.get_json()["errors"] == {field: [reason]}, route
        # whatever else the query sent wrong (the scope before the input, as the scorecard's agency)
        answer = world.get(f"{query(route, field, outside, within)}&year=soon&by=nope", who)
        assert answer.status_code == 403, route
        assert world.get(query(route, field, within, within), who).status_code == 200, route
    assert walked >= 4


@pytest.mark.parametrize(("who", "field", "outside", "within"), [o for o in OUTSIDE if o[1] == "agency"])
def test_every_report_page_and_download_refuses_an_agency_outside_the_scope(
    world: World, who: str, field: str, outside: str, within: str
) -> None:
    log_in(world, who)
    walked = 0
    for route in page_routes(world):
        if not reads(world, who, route):
            continue
        walked += 1
        for value in (outside, unstaffed_agency()):
            answer = world.client.get(query(route, field, value, within))
            assert answer.status_code == 403, (route, value)
            assert f"Agency {value} is outside your scope" in answer.get_data(as_text=True), route
        assert world.client.get(query(route, field, within, within)).status_code == 200, route
    assert walked >= 4


@pytest.mark.parametrize(  # (the scorecard pages: hr reads none)
    ("who", "outside", "within"),
    [
        ("inspector", "13", "12.06"),
        ("policy", "13", "12.06"),
        ("inspector_medan", "13", "12.71"),
        ("inspector_medan", "12.07", "12"),  # (no staff of the agency there; until 2026-12-06 an empty report)
    ],
)
def test_every_report_page_reading_a_region_refuses_one_outside_the_scope(
    world: World, who: str, outside: str, within: str
) -> None:
    log_in(world, who)
    walked = 0
    for route in page_routes(world):
        arguments = scorecard_pages.ARGUMENTS if "scorecard" in route else report_pages.ARGUMENTS[name_of(route)]
        if "region" not in arguments or not reads(world, who, route):
            continue  # (a page reading no region refuses it as an argument it does not read: a 422 naming it)
        walked += 1
        answer = world.client.get(query(route, "region", outside, within))
        assert answer.status_code == 403, route
        assert f"Region {outside} is outside your scope" in answer.get_data(as_text=True), route
        assert world.client.get(query(route, "region", within, within)).status_code == 200, route
    assert walked >= 2


def name_of(route: str) -> str:
    """The report a page's route shows (the reports' page without a name: the headcount)."""
    last = route.removeprefix("/pages/reports").strip("/").split(".")[0]
    return last or "headcount"


@pytest.mark.parametrize("who", ["admin", "reporter"])
def test_a_national_reader_reads_every_report_of_any_agency(world: World, who: str) -> None:
    for route in api_routes(world):
        for field, value in (("agency", "KAB-KARO"), ("region", "13")):
            answer = world.get(query(route, field, value, value), who)
            assert answer.status_code == 200, (route, field, answer.get_json())


def test_an_unknown_agency_is_still_the_querys_422_naming_it(world: World) -> None:
    answer = world.get("/api/v1/reports/headcount?by=agency&agency=NOPE", "hr")
    assert answer.status_code == 422
    assert "agency" in answer.get_json()["errors"]
    log_in(world, "hr")
    assert world.client.get("/pages/reports/headcount.csv?agency=NOPE").status_code == 422


def test_a_region_meets_an_agency_scoped_reader_where_its_staff_may_work_or_are_placed() -> None:
    # (another regency of a city's province: only with staff placed there; until 2026-12-06 any of the province)
    assert not seats_meet("region", ["12.06"], {"agency": ["KOTA-MEDAN"]})
    assert seats_meet("region", ["12.06"], {"agency": ["KOTA-MEDAN"]}, lambda agency, regions: "12.06" in regions)
    assert seats_meet("region", ["12"], {"agency": ["KOTA-MEDAN"]})  # (holding the seat)
    assert seats_meet("region", ["12.71"], {"agency": ["KOTA-MEDAN"]})
    assert seats_meet("region", ["12.06"], {"agency": ["PROV-SUMUT"]})  # (a province's staff work across it)
    assert not seats_meet("region", ["11"], {"agency": ["KOTA-MEDAN"]})
    assert not seats_meet("region", ["13", "14"], {"agency": ["PROV-SUMUT", "KAB-KARO"]})
    assert seats_meet("region", ["13", "12.71"], {"agency": ["PROV-SUMUT"]})  # (one of them meets it)
    assert seats_meet("region", ["11"], {"agency": ["BKN"]})  # (a central agency's staff work across the country)
    assert seats_meet("region", ["11"], {"region": ["12"]})  # (judged by narrow)
    assert seats_meet("agency", ["KAB-KARO"], {"agency": ["KOTA-MEDAN"]})  # (judged by narrow)
