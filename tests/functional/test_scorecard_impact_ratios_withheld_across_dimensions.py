"""A reporter's scorecard gives no impact ratio's withheld figures back through the same pool split otherwise, nor a
withheld reference group's selection rate through the ratios beside it (docs/security.md "A group's attribute").

The impact ratios by sex, by region and by education split the same pool of an agency and year: a review of 2026-12-07
read a group withheld by sex (F 2 of 25) as the pool by region, every region shown (32 of 85), less the other sex
(M 30 of 60); and a ratio shown beside its reference group withheld gave that group's rate (the shown group's rate
over its ratio); and the OpenAPI document did not say which of an impact ratio's details may be null, nor every
reason `untested` gives. The pool is inserted as the merit view's `promotion_rounds` rows of KOTA-MEDAN (one round a
year): 2024 split as the review's, 2025 with the reference region 4 of 5 promoted. Both stores."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30ReadValidator

from projections.merit.audit import ROUNDS
from tests.functional.conftest import World


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


SCORECARD = "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2025&years=2"

# each year's pool: (sex, region, promoted, people), a row per person
POOLS: dict[int, list[tuple[str, str, int, int]]] = {
    # by sex F 2 of 25, M 30 of 60; by region 12.71 20 of 50, 12.07 12 of 35 (32 of 85, the pool)
    2024: [
        ("F", "12.71", 2, 15),
        ("F", "12.07", 0, 10),
        ("M", "12.71", 18, 35),
        ("M", "12.07", 12, 25),
    ],
    # by region 12.06 4 of 5 (the highest rate, the reference: its 1 not promoted tells), 12.07 6 of 30, 12.71 10 of 50;
    # by sex F 10 of 40, M 10 of 45
    2025: [
        ("F", "12.06", 2, 2),
        ("M", "12.06", 2, 3),
        ("F", "12.07", 3, 15),
        ("M", "12.07", 3, 15),
        ("F", "12.71", 5, 23),
        ("M", "12.71", 5, 27),
    ],
}


def add_pools(world: World) -> None:
    rows = []
    for year, cells in POOLS.items():
        day = f"{year}-04-01"
        n = 0
        for sex, region, promoted, people in cells:
            for i in range(people):
                n += 1
                won = i < promoted
                subject = f"199001012015031{n:03d}"
                rows.append(
                    [
                        *(subject, day, "KOTA-MEDAN", "BKPSDM", "bkpsdm", region, "III/a", "PNS", sex, "S-1"),
                        *("1990-01-01", "CPNS", 1, int(won), day if won else None, 80.0, 10.0, 1000, None, None),
                    ]
                )
    with world.services.accounts.store.transaction() as sql:
        sql.executemany(ROUNDS.insert_statement(), rows)


def ratios(world: World, who: str, dim: str, year: int) -> dict[str, dict[str, Any]]:
    answer = world.get(SCORECARD, who)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    trend = answer.get_json()["indicators"][f"merit.impact_ratio_by_{dim}"]["trend"]
    return {v["group"][dim]: v for v in trend if v["year"] == year}


def test_a_sex_withheld_for_its_promoted_is_not_the_regions_pool_less_the_other_sex(world: World) -> None:
    add_pools(world)
    by_sex, by_region = ratios(world, "reporter", "sex", 2024), ratios(world, "reporter", "region", 2024)
    assert {g: v["suppressed"] for g, v in by_region.items()} == {"12.71": False, "12.07": False}
    assert sum(v["numerator"] for v in by_region.values()) == 32  # (the pool's promoted, every region shown)
    # (F's 2 of 25 tell who was promoted; M's 30 of 60 beside it were the pool less F's: withheld as its complement)
    assert {g: (v["numerator"], v["denominator"], v["suppressed"]) for g, v in by_sex.items()} == {
        "F": (None, None, True),
        "M": (None, None, True),
    }
    exact = ratios(world, "inspector", "sex", 2024)
    assert {g: (v["numerator"], v["denominator"]) for g, v in exact.items()} == {"F": (2, 25), "M": (30, 60)}


def test_an_impact_ratio_beside_a_withheld_reference_group_gives_no_rate_of_it(world: World) -> None:
    add_pools(world)
    by_region = ratios(world, "reporter", "region", 2025)
    assert {g: v["suppressed"] for g, v in by_region.items()} == {"12.06": True, "12.07": True, "12.71": False}
    shown = by_region["12.71"]
    # its own counts and rate stay; the ratio (0.25: its 0.2 over 0.25 was the reference's 0.8), the tests against the
    # reference and its counts go, and `untested` says why
    assert (shown["numerator"], shown["denominator"], shown["details"]["selection_rate"]) == (10, 50, 0.2)
    assert shown["value"] is None
    details = shown["details"]
    assert details["untested"] == "reference_withheld"
    compared = ("reference", "adverse_impact", "p_fisher", "p_fisher_adjusted", "significant", "reference_group")
    assert {k: details[k] for k in (*compared, "reference_promoted", "reference_eligible")} == dict.fromkeys(
        (*compared, "reference_promoted", "reference_eligible")
    )
    csv = world.get(SCORECARD + "&format=csv", "reporter").get_data(as_text=True)
    assert any(
        line.startswith("merit.impact_ratio_by_region,trend,KOTA-MEDAN,,,2025,region=12.71,10.0,50.0,,")
        and line.endswith(",false,reference_withheld")
        for line in csv.splitlines()
    ), csv
    exact = ratios(world, "inspector", "region", 2025)["12.71"]
    assert (exact["value"], exact["details"]["reference_group"], exact["details"]["untested"]) == (0.25, "12.06", None)


def test_the_document_says_which_details_may_be_null_and_every_reason_untested_gives(world: World) -> None:
    add_pools(world)
    spec = world.client.get("/api/openapi.json").get_json()
    details = spec["components"]["schemas"]["ScorecardDetails"]
    nullable = ("reference_group", "reference_promoted", "reference_eligible", "difference", "p_fisher", "reference")
    assert [details["properties"][name].get("nullable") for name in nullable] == [True] * len(nullable)
    assert details["properties"]["untested"]["enum"] == [
        "fewer_than_two_groups",
        "nobody_promoted",
        "no_round",
        "reference_withheld",
        None,
    ]
    assert details["additionalProperties"] is True  # (the other indicators' details: units, award kinds, window...)
    validator = OAS30ReadValidator({"$ref": "#/components/schemas/Scorecard", "components": spec["components"]})
    for who in ("reporter", "inspector"):
        answer = world.get(SCORECARD, who).get_json()
        assert validator.is_valid(answer), [e.message for e in validator.iter_errors(answer)][:5]
    ratio = validator.evolve(schema={"$ref": "#/components/schemas/ScorecardDetails", "components": spec["components"]})
    assert not ratio.is_valid({"untested": "withheld"})
