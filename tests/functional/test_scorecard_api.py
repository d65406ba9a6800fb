"""GET /api/v1/reports/scorecard: JSON and CSV, checked parameters, and only the agencies in the reader's scope.

Budi (KOTA-MEDAN) completes 24 JP in 2020, Sari (KOTA-MEDAN) none; Rina works for KAB-KARO. Exact
figures are read as an inspector: aggregate-only readers (reporter, policy) get small cells withheld.
"""

from __future__ import annotations

import csv
import io

import pytest

from projections.scorecard.cli import COLUMNS
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World, confirm_world_pns

PATH = "/api/v1/reports/scorecard"
MEDAN_2020 = f"{PATH}?agency=KOTA-MEDAN&year=2020&years=2"


@pytest.fixture
def trained(world: World) -> World:
    """Budi's 24 JP in 2020; the world's three confirmed as PNS (the staff of the yearly JP)."""
    confirm_world_pns(world)
    world.services.ledger.record(BUDI, "training", f.training("2020-05-08", 24, "2020-05-04"), actor="test")
    world.catch_up()
    return world


def values(card: dict, indicator: str, part: str = "trend") -> dict[tuple[str, int], tuple]:
    return {
        (i["agency"], i["year"]): (i["numerator"], i["denominator"], i["value"])
        for i in card["indicators"][indicator][part]
        if not i["group"]
    }


def test_the_scorecard_counts_the_staff_meeting_the_yearly_jp_with_its_trend_and_definition(trained: World) -> None:
    response = trained.get(MEDAN_2020, "inspector")
    assert response.status_code == 200, response.get_json()
    card = response.get_json()
    assert (card["agency"], card["year"], card["years"]) == ("KOTA-MEDAN", 2020, [2019, 2020])
    jp = card["indicators"]["training.jp_share"]
    assert jp["definition"]["numerator"] == "staff in post at the end of the year with at least the yearly JP"
    assert values(card, "training.jp_share") == {("KOTA-MEDAN", 2019): (0, 2, 0.0), ("KOTA-MEDAN", 2020): (1, 2, 0.5)}
    assert values(card, "training.hours_per_employee")[("KOTA-MEDAN", 2020)] == (24, 2, 12.0)
    assert jp["trend"][-1]["link"] == "/api/v1/reports/training-compliance?year=2020&agency=KOTA-MEDAN"


def test_the_comparison_covers_only_the_agencies_in_the_readers_scope(trained: World) -> None:
    province = trained.get(MEDAN_2020, "inspector").get_json()
    assert values(province, "training.jp_share", "comparison") == {
        ("KAB-KARO", 2020): (0, 1, 0.0),
        ("KOTA-MEDAN", 2020): (1, 2, 0.5),
    }
    medan = trained.get(MEDAN_2020, "inspector_medan").get_json()
    assert set(values(medan, "training.jp_share", "comparison")) == {("KOTA-MEDAN", 2020)}
    for who, agency, compared in (("policy", "KOTA-MEDAN", 2), ("policy_karo", "KAB-KARO", 1)):
        card = trained.get(f"{PATH}?agency={agency}&year=2020&years=1", who).get_json()
        assert len(values(card, "training.jp_share", "comparison")) == compared


def test_an_agency_outside_the_scope_is_forbidden_and_names_the_scope(trained: World) -> None:
    response = trained.get(MEDAN_2020, "policy_karo")
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/problem+json"
    assert "KOTA-MEDAN is outside your scope (agency KAB-KARO)" in response.get_json()["errors"]["agency"][0]
    assert trained.get(PATH + "?agency=KAB-KARO&year=2020", "policy_karo").status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("agency=NOWHERE&year=2020", "agency"),
        ("year=2020", "agency"),
        ("agency=KOTA-MEDAN", "year"),
        ("agency=KOTA-MEDAN&year=soon", "year"),
        ("agency=KOTA-MEDAN&year=2020&years=0", "years"),
        ("agency=KOTA-MEDAN&year=2020&region=99.99", "region"),
        ("agency=KOTA-MEDAN&year=2020&agencies=KAB-KARO", "agencies"),
        ("agency=KOTA-MEDAN&year=2020&format=pdf", "format"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(world: World, query: str, field: str) -> None:
    response = world.get(f"{PATH}?{query}", "policy")
    assert response.status_code == 422, response.get_json()
    assert field in str(response.get_json()), response.get_json()


def test_the_scorecard_as_csv_has_one_row_per_measured_value(trained: World) -> None:
    response = trained.get(MEDAN_2020 + "&format=csv", "inspector")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="scorecard-KOTA-MEDAN-2020.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == list(COLUMNS)
    wanted = [r for r in rows if (r["indicator"], r["scope"], r["year"]) == ("training.jp_share", "trend", "2020")]
    assert [(r["numerator"], r["denominator"], r["value"]) for r in wanted] == [("1.0", "2.0", "0.5")]


def test_a_unit_scorecard_counts_only_that_unit(trained: World) -> None:
    card = trained.get(MEDAN_2020 + "&unit=Bappeda", "inspector").get_json()
    assert card["unit"] == "Bappeda"
    assert values(card, "training.jp_share")[("KOTA-MEDAN", 2020)] == (0, 1, 0.0)


def test_the_scorecard_never_shows_a_nip_or_a_name(trained: World) -> None:
    text = trained.get(MEDAN_2020, "policy").get_data(as_text=True)
    text += trained.get(MEDAN_2020 + "&format=csv", "policy").get_data(as_text=True)
    assert not [p for p in (BUDI, SARI, RINA, "Budi", "Sari", "Rina") if p in text]
