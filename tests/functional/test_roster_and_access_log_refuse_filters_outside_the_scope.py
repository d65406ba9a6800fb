"""The roster refuses an agency or region filter outside the reader's scope, as the reports and audits do, and an
employee's access log another NIP than their own; a refusal naming several codes says them in the plural.

An HR office of KOTA-MEDAN asking /api/v1/employees?agency=KAB-KARO (or .../past-retirement, or as CSV) was answered
200 with an empty list, read as "KAB-KARO has no staff", and asked `agency=KOTA-MEDAN&agency=KAB-KARO`, KOTA-MEDAN's
staff alone under a filter naming both; an employee asking /api/v1/access-log?nip=<another NIP> an empty list, read
as "nobody read that record". Now each is a 403 naming the field and the codes (NIPs) outside the scope, through the
one check (web.services.refuse_filters_outside), whatever else the query sent wrong. The refusal is judged on the
codes and the scope alone: an agency with staff and one without, a NIP appointed and one never appointed, are
answered alike. A reader's by scope asking for a NIP in the access log still gets its reads within the scope (a NIP
is no code of a scope: refusing one outside would tell where its record is). Until 2026-12-05 several codes read
"Agency KAB-KARO, BKN is outside your scope ..."; now "Agencies KAB-KARO and BKN are outside your scope ...", in
Indonesian "Instansi KAB-KARO dan BKN di luar cakupan Anda ...". Both stores."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.functional.conftest import BUDI, MISSING, RINA, SARI, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


ROSTERS = ("/api/v1/employees", "/api/v1/employees/past-retirement")
# (reader, field, asked: some within the scope and some outside it, what the refusal says of the codes outside it)
ASKED = [
    ("hr", "agency", ["KOTA-MEDAN", "KAB-KARO"], "Agency KAB-KARO is"),
    ("hr", "agency", ["KAB-KARO", "KOTA-MEDAN", "BKN"], "Agencies KAB-KARO and BKN are"),
    ("inspector_medan", "agency", ["KAB-KARO"], "Agency KAB-KARO is"),
    ("hr", "region", ["12.71", "13"], "Region 13 is"),  # (another province than the agency's seat)
    # (a regency of the seat's province none of the agency's staff is placed in: until 2026-12-06 an empty list)
    ("hr", "region", ["12.07"], "Region 12.07 is"),
    ("inspector_medan", "region", ["12.71", "12.07"], "Region 12.07 is"),
    ("inspector", "region", ["12.06", "13", "14", "15"], "Regions 13, 14 and 15 are"),
]
WITHIN = [
    ("hr", "agency", "KOTA-MEDAN"),
    ("hr", "region", "12"),
    ("inspector_medan", "region", "12.71"),
    ("inspector", "agency", "KAB-KARO"),
]


def query(route: str, field: str, values: list[str], **more: str) -> str:
    return f"{route}?{urlencode([*((field, v) for v in values), *more.items()])}"


@pytest.mark.parametrize(("who", "field", "asked", "said"), ASKED)
def test_the_roster_refuses_a_filter_outside_the_scope_naming_the_codes(
    world: World, who: str, field: str, asked: list[str], said: str
) -> None:
    scope = world.services.accounts.get(who.replace("_", "-")).scope.describe()
    for route in ROSTERS:
        # as JSON, as CSV, and whatever else the query sent wrong (judged before the input)
        for address, headers in (
            (query(route, field, asked), {}),
            (query(route, field, asked), {"Accept": "text/csv"}),
            (query(route, field, asked, nope="1"), {}),
        ):
            answer = world.get(address, who, headers=headers)
            assert answer.status_code == 403, (address, answer.get_data(as_text=True))
            assert answer.headers["Content-Type"] == "application/problem+json"
            assert answer.get_json()["errors"] == {field: [f"{said} outside your scope ({scope})."]}, address


@pytest.mark.parametrize(("who", "field", "within"), WITHIN)
def test_the_roster_reads_a_filter_within_the_scope(world: World, who: str, field: str, within: str) -> None:
    for route in ROSTERS:
        assert world.get(query(route, field, [within]), who).status_code == 200, route
    listed = world.get(query(ROSTERS[0], field, [within]), who).get_json()["items"]
    assert {i["nip"] for i in listed} == ({RINA} if within == "KAB-KARO" else {BUDI, SARI})


def test_a_national_reader_lists_any_agency_and_region(world: World) -> None:
    for route in ROSTERS:
        for field, values in (("agency", ["KAB-KARO", "BKN"]), ("region", ["12.06", "13"])):
            assert world.get(query(route, field, values), "admin").status_code == 200, (route, field)


def test_the_roster_answers_an_agency_outside_with_staff_as_one_without(world: World) -> None:
    # KAB-KARO has Rina, BKN no one in this world: the refusal tells nothing of the records outside the scope, nor
    # does a unit asked with the agency (one of KAB-KARO's and one that never was)
    answers = [
        world.get(ROSTERS[0], "hr", query_string={"agency": agency, **unit})
        for agency in ("KAB-KARO", "BKN")
        for unit in ({}, {"unit": "Dinas Pendidikan"}, {"unit": "Dinas Tidak Ada"})
    ]
    assert {a.status_code for a in answers} == {403}
    bodies = {a.get_data(as_text=True).replace("BKN", "KAB-KARO") for a in answers}
    assert len(bodies) == 1, bodies
    assert world.get("/api/v1/access-log?username=hr", "admin").get_json()["total"] == 0  # (nothing read)


def test_an_unknown_agency_is_still_the_querys_422(world: World) -> None:
    answer = world.get(ROSTERS[0], "hr", query_string={"agency": "KAB-NOPE"})
    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["agency"]


def test_an_audit_page_says_several_codes_outside_the_scope_in_the_plural(world: World) -> None:
    log_in(world, "inspector_medan")
    address = "/pages/audits?agency=KOTA-MEDAN&agency=KAB-KARO&agency=BKN"
    english = world.client.get(f"{address}&lang=en")
    assert english.status_code == 403
    assert "Agencies KAB-KARO and BKN are outside your scope (agency KOTA-MEDAN)." in english.get_data(as_text=True)
    indonesian = world.client.get(f"{address}&lang=id").get_data(as_text=True)
    assert "Instansi KAB-KARO dan BKN di luar cakupan Anda" in indonesian


def test_an_employees_access_log_refuses_another_nip_naming_it(world: World) -> None:
    for nip, said in ((RINA, f"NIP {RINA} is"), (MISSING, f"NIP {MISSING} is")):
        answer = world.get("/api/v1/access-log", "employee", query_string={"nip": nip})
        assert answer.status_code == 403
        assert answer.get_json()["errors"] == {
            "nip": [f"{said} not yours: the access log shows you the reads of your own record ({BUDI}) alone."]
        }
    several = world.get(f"/api/v1/access-log?nip={BUDI}&nip={RINA}&nip={MISSING}", "employee")
    assert several.status_code == 403
    assert several.get_json()["errors"]["nip"][0].startswith(f"NIPs {RINA} and {MISSING} are not yours")
    # one appointed and one never appointed are answered alike
    bodies = [world.get(f"/api/v1/access-log?nip={n}", "employee").get_data(as_text=True) for n in (RINA, MISSING)]
    assert bodies[0].replace(RINA, MISSING) == bodies[1]
    spaced = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"  # (their own NIP as a decree prints it)
    for own in (BUDI, spaced):
        assert world.get("/api/v1/access-log", "employee", query_string={"nip": own}).status_code == 200


def test_a_scoped_readers_access_log_lists_a_nip_outside_the_scope_as_one_never_appointed(world: World) -> None:
    # a NIP is no code of a scope: a 403 for Rina's (KAB-KARO) would tell an inspector of KOTA-MEDAN that her record
    # is outside it, where a NIP never appointed is not
    world.get(f"/api/v1/employees/{RINA}/timeline", "admin")
    answers = [world.get(f"/api/v1/access-log?nip={n}", "inspector_medan") for n in (RINA, MISSING)]
    assert [a.status_code for a in answers] == [200, 200]
    assert [a.get_json()["total"] for a in answers] == [0, 0]
    assert world.get(f"/api/v1/access-log?nip={RINA}", "inspector").get_json()["total"] >= 1
