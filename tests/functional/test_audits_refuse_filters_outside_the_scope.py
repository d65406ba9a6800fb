"""Every audit list and statistic refuses an agency or region filter outside the reader's scope, naming the codes
outside it, as the reports do; of several agencies (or regions) with one outside, nothing is answered.

An inspector of KOTA-MEDAN asking /api/v1/audits/promotions?agency=KAB-KARO (each audit list, the grade-inflation
audit, fairness and time to promotion) was answered 200 with an empty list, the statistics with `scope:
{"agency": []}`, read as "no activity in KAB-KARO", where the reports answer 403 naming the agency. And asked
`agency=KOTA-MEDAN&agency=KAB-KARO`, the API, the audit pages and the reports answered KOTA-MEDAN's alone under a
filter naming both. Now each of them answers 403 naming the field and the codes outside the scope (problem+json on the
API; on the pages and their downloads, the refusal beside the field, or the 403 page, in the visitor's language),
whatever else the query sent wrong, through the reports' one check (web.services.refuse_filters_outside). A filter
within the scope is read as before. The grade-inflation audit judges an agency as the others do (since 2026-12-06; it
judged it by its seat). Both stores."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from careerlog.reference import reference
from tests.functional.conftest import World, own_client
from tests.functional.test_pages_auth import log_in
from tests.functional.test_region_scope_refuses_agencies_seated_elsewhere import scoped_to_the_city

# Its tests only read the world or are refused: one world per store for the module (world_of_each_store)
pytestmark = pytest.mark.xdist_group("test_audits_refuse_filters_outside_the_scope")


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


GRADE_INFLATION = "/api/v1/audits/grade-inflation"  # (reads an agency, by its seat, and no region)
# what a route needs besides its filter to answer 200
NEEDS = {"fairness": {"by": "sex"}, "time-to-promotion": {"by": "sex"}}
# (reader, field, asked: some within the scope and some outside it, what the refusal says of the codes outside it):
# an agency outside an agency's inspector, with one within and alone; regions of another province than an agency's
# seat (several: until 2026-12-05 "Region 13, 14 is"); a region outside a province's inspector, with one within and
# alone
ASKED = [
    ("inspector_medan", "agency", ["KOTA-MEDAN", "KAB-KARO"], "Agency KAB-KARO is"),
    ("inspector_medan", "agency", ["KAB-KARO"], "Agency KAB-KARO is"),
    ("inspector_medan", "region", ["12.71", "13", "14"], "Regions 13 and 14 are"),
    # a region of the seat's province where none of the agency's staff is placed (until 2026-12-06 an empty list,
    # "Rounds: 0" on the fairness page), alone and beside the seat's
    ("inspector_medan", "region", ["12.07"], "Region 12.07 is"),
    ("inspector_medan", "region", ["12.71", "12.07"], "Region 12.07 is"),
    ("inspector", "region", ["12.06", "13"], "Region 13 is"),
    ("inspector", "region", ["13"], "Region 13 is"),
]
WITHIN = [
    ("inspector_medan", "agency", "KOTA-MEDAN"),
    ("inspector_medan", "region", "12"),
    ("inspector", "region", "12.06"),
]


def routes(world: World, prefixes: tuple[str, ...]) -> Iterator[str]:
    """The GET routes under the prefixes naming nothing in their path (a decision's page is found by its id)."""
    for rule in sorted(world.app.url_map.iter_rules(), key=str):
        if rule.rule.startswith(prefixes) and "GET" in (rule.methods or ()) and "<" not in rule.rule:
            yield rule.rule


def api_routes(world: World) -> list[str]:
    found = list(routes(world, ("/api/v1/audits/",)))
    assert {"/api/v1/audits/promotions", GRADE_INFLATION, "/api/v1/audits/fairness"} <= set(found)
    return found


def page_routes(world: World) -> list[str]:
    found = list(routes(world, ("/pages/audits", "/pages/fairness", "/pages/time-to-promotion")))
    assert {
        "/pages/audits",
        "/pages/audits/study-leaves",
        "/pages/fairness.csv",
        "/pages/time-to-promotion.xlsx",
    } <= set(found)
    return found


def query(route: str, field: str, values: list[str], **more: str) -> str:
    args = [*NEEDS.get(route.rsplit("/", 1)[-1].split(".")[0], {}).items(), *((field, v) for v in values)]
    return f"{route}?{urlencode([*args, *more.items()])}"


def reads(route: str, field: str) -> bool:
    """Whether the route reads the filter (the grade-inflation audit reads no region: refused as unknown, a 422)."""
    return not (route == GRADE_INFLATION and field == "region")


@pytest.mark.parametrize(("who", "field", "asked", "said"), ASKED)
def test_every_audit_of_the_api_refuses_a_filter_outside_the_scope_naming_it(
    world: World, who: str, field: str, asked: list[str], said: str
) -> None:
    scope = world.services.accounts.get(who.replace("_", "-")).scope.describe()
    reason = f"{said} outside your scope ({scope})."
    for route in api_routes(world):
        if not reads(route, field):
            continue
        for address in (query(route, field, asked), query(route, field, asked, nope="1")):  # (before the input)
            answer = world.get(address, who)
            assert answer.status_code == 403, (address, answer.get_json())
            assert answer.headers["Content-Type"] == "application/problem+json"
            assert answer.get_json()["errors"] == {field: [reason]}, address


@pytest.mark.parametrize(("who", "field", "within"), WITHIN)
def test_every_audit_of_the_api_reads_a_filter_within_the_scope(
    world: World, who: str, field: str, within: str
) -> None:
    for route in api_routes(world):
        if reads(route, field):
            answer = world.get(query(route, field, [within]), who)
            assert answer.status_code == 200, (route, answer.get_json())


def test_a_national_reader_reads_every_audit_of_any_agency_and_region(world: World) -> None:
    for route in api_routes(world):
        for field, values in (("agency", ["KAB-KARO", "BKN"]), ("region", ["12.06", "13"])):
            if reads(route, field):
                assert world.get(query(route, field, values), "admin").status_code == 200, (route, field)


def test_the_group_statistics_refuse_several_agencies_one_outside_the_scope(world: World) -> None:
    # (until 2026-12-05 the statistics of KOTA-MEDAN alone, under a query naming KAB-KARO too)
    both = "by=agency&min_cell=1&agency=KOTA-MEDAN&agency=KAB-KARO"
    for path in ("fairness", "time-to-promotion"):
        answer = world.get(f"/api/v1/audits/{path}?{both}", "inspector_medan")
        assert answer.status_code == 403
        assert list(answer.get_json()["errors"]) == ["agency"]
        read = world.get(f"/api/v1/audits/{path}?{both}", "inspector").get_json()  # (a province's: both within)
        assert sorted(read["scope"]["agency"]) == ["KAB-KARO", "KOTA-MEDAN"]


def seated_elsewhere() -> str:
    """A known agency seated outside province 12 (the province's inspector's scope)."""
    seats = {a.code: str(reference().agencies[a.code].get("region") or "") for a in reference().agencies}
    return next(code for code, seat in seats.items() if seat and not seat.startswith("12"))


def test_the_grade_inflation_audit_judges_an_agency_as_the_other_audits_do(world: World) -> None:
    # a central agency seated in another province, whose staff may work in the province: read by every audit, the
    # grade-inflation audit's rows being the units whose staff are all placed in the province (until 2026-12-06 it
    # was refused, "... seated outside your scope (region 12): the grade-inflation audit judges each of its units on
    # all of the unit's staff ..."); a regency's agency whose staff are not placed in a city's scope, refused by
    # every one of them
    central = seated_elsewhere()
    for path in (GRADE_INFLATION, "/api/v1/audits/promotions"):
        assert world.get(f"{path}?agency=KOTA-MEDAN&agency={central}", "inspector").status_code == 200, path
    city = scoped_to_the_city(world, "inspector")
    for path in (GRADE_INFLATION, "/api/v1/audits/promotions"):
        answer = world.get(f"{path}?agency=KOTA-MEDAN&agency=KAB-KARO", city)
        assert answer.status_code == 403, path
        assert answer.get_json()["errors"] == {"agency": ["Agency KAB-KARO is outside your scope (region 12.71)."]}


@pytest.mark.parametrize(("who", "field", "asked", "said"), ASKED)
def test_every_audit_page_and_download_refuses_a_filter_outside_the_scope_naming_it(
    world: World, who: str, field: str, asked: list[str], said: str
) -> None:
    log_in(world, who)
    for route in page_routes(world):
        answer = world.client.get(query(route, field, asked, lang="en"))
        assert answer.status_code == 403, route
        assert f"{said} outside your scope" in answer.get_data(as_text=True), route


@pytest.mark.parametrize(("who", "field", "within"), WITHIN)
def test_every_audit_page_and_download_reads_a_filter_within_the_scope(
    world: World, who: str, field: str, within: str
) -> None:
    log_in(world, who)
    for route in page_routes(world):
        answer = world.client.get(query(route, field, [within], lang="en"))
        assert answer.status_code == 200, route
        assert b"outside your scope" not in answer.get_data(), route


def test_an_audit_page_says_the_refusal_in_indonesian(world: World) -> None:
    log_in(world, "inspector_medan")
    for address in ("/pages/audits?agency=KOTA-MEDAN&agency=KAB-KARO", "/pages/fairness?by=sex&region=13"):
        answer = world.client.get(f"{address}&lang=id")
        assert answer.status_code == 403
        text = answer.get_data(as_text=True)
        assert ("Instansi KAB-KARO" if "agency" in address else "Wilayah 13") + " di luar cakupan Anda" in text


@pytest.mark.parametrize("who", ["hr", "inspector_medan", "policy_karo"])
def test_a_report_refuses_several_agencies_one_outside_the_scope(world: World, who: str) -> None:
    # (until 2026-12-05 the report of the agency within the scope alone, under a filter naming both; a policy maker, a
    # reader of aggregates, gives one value per filter since 2026-12-06, told the agency outside the scope first)
    asked = "agency=KOTA-MEDAN&agency=KAB-KARO"
    outside = "KOTA-MEDAN" if who == "policy_karo" else "KAB-KARO"
    answer = world.get(f"/api/v1/reports/headcount?by=agency&{asked}", who)
    assert answer.status_code == 403
    assert answer.get_json()["errors"]["agency"][0].startswith(f"Agency {outside} is outside your scope")
    log_in(world, who)
    for route in ("/pages/reports/headcount", "/pages/reports/headcount.csv"):
        page = world.client.get(f"{route}?{asked}&lang=en")
        assert page.status_code == 403, route
        assert f"Agency {outside} is outside your scope" in page.get_data(as_text=True), route


def test_a_report_refuses_several_regions_one_outside_the_scope(world: World) -> None:
    answer = world.get("/api/v1/reports/headcount?by=agency&region=12.06&region=13", "inspector")
    assert answer.status_code == 403
    assert answer.get_json()["errors"] == {"region": ["Region 13 is outside your scope (region 12)."]}
    assert world.get("/api/v1/reports/headcount?by=agency&region=12.06&region=12.71", "inspector").status_code == 200


# every aggregate report, with what it needs besides its filters
REPORTS = [
    "/api/v1/reports/headcount?by=agency",
    "/api/v1/reports/training-compliance?year=2020&by=sex",
    "/api/v1/reports/programmes?",
    "/api/v1/reports/mentoring?",
]


@pytest.mark.parametrize(
    ("who", "asked", "field", "said"),
    [
        ("policy", "region=12.06&region=13", "region", "Region 13 is outside your scope (region 12)."),
        (
            "policy",
            "region=13&region=14&region=12.71",
            "region",
            "Regions 13 and 14 are outside your scope (region 12).",
        ),
        ("policy_karo", "agency=KAB-KARO&agency=KOTA-MEDAN", "agency", "Agency KOTA-MEDAN is outside your scope"),
        # (several codes in one value, on the pages too since 2026-12-06: "Not a known code: 'KAB-KARO,KOTA-MEDAN'")
        ("policy_karo", "agency=KAB-KARO,kota-medan", "agency", "Agency KOTA-MEDAN is outside your scope"),
    ],
)
def test_a_policy_maker_asking_several_values_one_outside_the_scope_is_told_the_scope_first(
    world: World, who: str, asked: str, field: str, said: str
) -> None:
    """A reader of aggregates gives one value per filter (since 2026-12-06), and may not ask a code outside the scope
    at all: asked both, the 403 naming the codes outside comes first, on every aggregate report and its page, as for
    any other reader (docs/api.md, "The order of the checks": the scope before what the request sent); until
    2026-12-06 the 422 "One value ..." came first, and the code outside was refused once it was mended. The 422
    follows, of several values within the scope."""
    for route in REPORTS:
        answer = world.get(f"{route}&{asked}", who)
        assert answer.status_code == 403, (route, answer.get_data(as_text=True))
        errors = answer.get_json()["errors"]
        assert list(errors) == [field], route
        assert errors[field][0].startswith(said), route
    log_in(world, who)
    page = world.client.get(f"/pages/reports/headcount?by=agency&{asked}&lang=en")
    assert page.status_code == 403
    assert said in page.get_data(as_text=True)
    within = "region=12.06&region=12.71" if field == "region" else "agency=KAB-KARO&agency=kab-karo&unit=A&unit=B"
    mended = world.get(f"{REPORTS[0]}&{within}", who)
    assert mended.status_code == 422
    assert list(mended.get_json()["errors"]) == ["unit" if field == "agency" else "region"]


def test_a_page_reads_several_codes_in_one_value_as_the_api_does(world: World) -> None:
    """`region=12.06,12.71` is two regions on the report's page as on the API (CodeFilter; the page's filters_from
    since 2026-12-06, which read one unknown code, "Not a known code: '12.06,12.71'"): of a reader of aggregates, the
    422 asking one value, on both."""
    asked = "by=agency&region=12.06,12.71"
    answer = world.get(f"/api/v1/reports/headcount?{asked}", "policy")
    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["region"]
    log_in(world, "policy")
    page = world.client.get(f"/pages/reports/headcount?{asked}&lang=en")
    text = " ".join(page.get_data(as_text=True).split())
    assert page.status_code == 422
    assert "One value for a reader of aggregates" in text
    assert "got 2" in text
    assert "Not a known code" not in text


@pytest.mark.parametrize(("field", "asked"), [("agency", ["NOPE", "KAB-KARO"]), ("region", ["99.99", "13"])])
def test_an_unknown_code_beside_one_outside_the_scope_is_the_querys_422_first(
    world: World, field: str, asked: list[str]
) -> None:
    """An unknown code is public reference data, not a secret: the 422 naming it comes before the 403 of a code
    outside the scope (until 2026-12-05 the 403 of KAB-KARO, NOPE named once it was mended), on every audit read
    that takes the filter and on a report, as the unit ratings' path refuses an unknown agency whatever the scope."""
    for route in [*(r for r in api_routes(world) if reads(r, field)), "/api/v1/reports/headcount"]:
        answer = world.get(
            query(route, field, asked, **({"by": "agency"} if "headcount" in route else {})), "inspector_medan"
        )
        assert (answer.status_code, field in answer.get_json()["errors"]) == (422, True), route
    log_in(world, "inspector_medan")
    assert world.client.get(query("/pages/audits", field, asked, lang="en")).status_code == 422
