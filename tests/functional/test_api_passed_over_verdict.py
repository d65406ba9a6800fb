"""A regular (101) promotion that passed over a clearly stronger colleague through the API, on both
stores: the list shows how many it passed over and reads `findings`; `passed_over`, `verdict`,
`severity` and `rule` filter by it; the decision's page has the merit.passed_over finding naming the
colleague, with the facts the comparison rests on as evidence."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_api_posts import PENGAWAS, STRONGER, posted, record
from tests.functional.test_pages_auth import log_in

PROMOTIONS = "/api/v1/audits/promotions"
__all__ = ["posted"]  # the fixture of a Pengawas post that passed over a stronger colleague


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def passed(world: World) -> World:
    """Budi and Dewi, III/b of KOTA-MEDAN BKPSDM since 2014-04-01, both confirmed and rated Baik;
    Dewi rated Sangat Baik for 2016 and 2017 with 40 JP of training in 2017. Budi is promoted to
    III/c on 2018-04-01 (101), Dewi not."""
    return passing_over(world)


def passing_over(world: World, unit: str = "BKPSDM") -> World:
    """The `passed` fixture's steps, with Dewi appointed to `unit` of KOTA-MEDAN (Budi's unit by default)."""
    record(world, STRONGER, "appointment", appointment_of(STRONGER, name="Dewi Lubis", unit=unit))
    record(world, STRONGER, "rank_promotion", f.promotion("III/b", "2014-04-01"))
    for nip in (BUDI, STRONGER):
        confirmed = {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": f"PNS-{nip}"}
        record(world, nip, "confirmation", confirmed)
        for year in range(2010, 2018):
            better = nip == STRONGER and year >= 2016
            record(world, nip, "performance_rating", f.rating(year, "SANGAT_BAIK" if better else "BAIK"))
    record(world, STRONGER, "training", f.training("2017-10-07", 40, "2017-10-03"))
    record(world, BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"))
    world.catch_up()
    return world


def promotion_of(world: World, query: str = "") -> list[dict[str, Any]]:
    body = world.get(f"{PROMOTIONS}?per_page=100{query}", "inspector").get_json()
    return [i for i in body["items"] if i["nip"] == BUDI and i["tmt"] == "2018-04-01"]


def test_the_promotion_list_counts_the_colleagues_passed_over_and_reads_findings(passed: World) -> None:
    [listed] = promotion_of(passed)
    assert (listed["verdict"], listed["passed_over_count"]) == ("findings", 1)
    assert (listed["finding_count"], listed["max_severity"]) == (1, "medium")
    earlier = [i for i in passed.get(PROMOTIONS, "inspector").get_json()["items"] if i["tmt"] == "2014-04-01"]
    assert {i["passed_over_count"] for i in earlier} == {0}  # compared: both were promoted then
    assert promotion_of(passed, "&passed_over=true") == [listed]
    assert promotion_of(passed, "&passed_over=false") == []
    assert promotion_of(passed, "&verdict=findings") == [listed]
    assert promotion_of(passed, "&verdict=compliant") == []
    assert promotion_of(passed, "&severity=medium") == [listed]
    assert promotion_of(passed, "&severity=high") == []
    assert promotion_of(passed, "&rule=merit.passed_over") == [listed]
    assert passed.get(f"{PROMOTIONS}?passed_over=true", "inspector").get_json()["total"] == 1
    csv = passed.get(f"{PROMOTIONS}?passed_over=true", "inspector", headers={"Accept": "text/csv"})
    header, row = csv.get_data(as_text=True).splitlines()
    assert row.split(",")[header.split(",").index("passed_over_count")] == "1"


def test_the_promotions_page_has_the_finding_naming_the_colleague_with_the_facts_compared(passed: World) -> None:
    [listed] = promotion_of(passed)
    body = passed.get(f"{PROMOTIONS}/{listed['id']}", "inspector").get_json()
    assert (body["verdict"], body["finding_count"], body["passed_over_count"]) == ("findings", 1, 1)
    [finding] = body["findings"]
    assert (finding["rule"], finding["severity"], finding["colleagues"]) == ("merit.passed_over", "medium", [STRONGER])
    assert finding["message"] == (
        "Eligible colleagues of the same unit and rank clearly stronger, not chosen on 2018-04-01: 1"
    )
    decision, *measured = finding["evidence"]
    assert (decision["subject"], decision["version"], decision["kind"]) == (BUDI, listed["version"], "rank_promotion")
    assert [(e["subject"], e["kind"], e["effective_date"]) for e in measured] == [
        (BUDI, "performance_rating", "2016-12-31"),  # the promoted's own measures first (rank, education too)
        (BUDI, "performance_rating", "2017-12-31"),
        (BUDI, "rank_promotion", "2014-04-01"),
        (BUDI, "appointment", "2010-03-01"),
        (STRONGER, "performance_rating", "2016-12-31"),
        (STRONGER, "performance_rating", "2017-12-31"),
        (STRONGER, "training", "2017-10-07"),
        (STRONGER, "rank_promotion", "2014-04-01"),
        (STRONGER, "appointment", "2010-03-01"),
    ]
    assert [p["colleague"] for p in body["passed_over"]] == [STRONGER]


@pytest.mark.parametrize("query", ["passed_over=maybe", "verdict=passed"])
def test_a_bad_passed_over_or_verdict_filter_is_422_naming_it(passed: World, query: str) -> None:
    answer = passed.get(f"{PROMOTIONS}?{query}", "inspector")
    assert answer.status_code == 422
    assert query.split("=")[0] in answer.get_data(as_text=True)


def test_openapi_lists_the_passed_over_fields(world: World) -> None:
    spec = world.client.get("/api/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert "passed_over_count" in schemas["Decision"]["properties"]
    assert "colleagues" in schemas["Finding"]["properties"]
    assert not [name for name in schemas if name[-1].isdigit()]  # no component renamed by a clash
    parameters = spec["paths"][PROMOTIONS]["get"]["parameters"]
    assert "passed_over" in {p["name"] for p in parameters}


def test_the_inspectors_pages_show_filter_and_export_the_colleagues_passed_over(passed: World) -> None:
    log_in(passed, "inspector")
    [listed] = promotion_of(passed)
    link = f'href="/pages/audits/{BUDI}/{listed["version"]}"'
    assert link in passed.client.get("/pages/audits?passed_over=true&lang=en").get_data(as_text=True)
    assert link not in passed.client.get("/pages/audits?passed_over=false&lang=en").get_data(as_text=True)
    assert link in passed.client.get("/pages/audits?verdict=findings&lang=en").get_data(as_text=True)
    assert link not in passed.client.get("/pages/audits?verdict=compliant&lang=en").get_data(as_text=True)
    bad = passed.client.get("/pages/audits?passed_over=perhaps&lang=en")
    assert bad.status_code == 422
    assert "Not a valid boolean." in bad.get_data(as_text=True)
    exported = passed.client.get("/pages/audits.csv?passed_over=true").get_data(as_text=True).lstrip("\ufeff")
    assert [(r["nip"], r["verdict"], r["passed_over_count"]) for r in csv.DictReader(io.StringIO(exported))] == [
        (BUDI, "findings", "1")
    ]
    shown = passed.client.get(f"/pages/audits/{BUDI}/{listed['version']}?lang=en").get_data(as_text=True)
    assert "merit.passed_over" in shown
    assert f"NIP {STRONGER}" in shown  # the colleague's facts compared, said to be theirs
    translated = passed.client.get(f"/pages/audits/{BUDI}/{listed['version']}?lang=id").get_data(as_text=True)
    assert "rekan yang memenuhi syarat" in translated


def test_a_managerial_post_is_compared_on_its_own_page_only(posted: World) -> None:
    """The post's colleagues are judged as known before it, from the ledger: its page has the
    finding and the count; the lists leave it null (docs/audit.md, what the lists cover)."""
    body = posted.get(PENGAWAS, "inspector").get_json()
    finding = next(f for f in body["findings"] if f["rule"] == "merit.passed_over")
    assert (body["passed_over_count"], finding["colleagues"]) == (1, [STRONGER])
    assert body["finding_count"] == len(body["findings"])
    listed = posted.get("/api/v1/audits/posts", "inspector").get_json()["items"]
    assert {(i["kind"], i["passed_over_count"]) for i in listed} == {("PELAKSANA", None), ("PENGAWAS", None)}
    pelaksana = next(i for i in listed if i["kind"] == "PELAKSANA")
    assert posted.get(f"/api/v1/audits/posts/{pelaksana['id']}", "inspector").get_json()["passed_over_count"] is None
