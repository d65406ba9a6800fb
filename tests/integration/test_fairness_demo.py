"""Fairness and time to promotion through the real projector: the merit view's promotion pool
and the roster's spells of a small demo."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from careerlog.demo import load_demo
from careerlog.sqlstore import SqlStore
from projections.merit.fairness import FairnessQueries
from projections.scorecard import ScorecardQueries
from projections.scorecard.findings import settings
from projections.scorecard.merit import BELOW_MIN_CELL
from tests.conftest import projected

pytestmark = pytest.mark.xdist_group("test_fairness_demo")  # its module fixtures are built once, on one worker

TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def store(shared_database_url: str) -> Iterator[SqlStore]:
    """A small demo recorded and projected once per store; the tests only read it (seed 3: each grouping has a
    stratum the CMH test can read; seed 11's education had none once post holders left the regular rounds, seed 2's
    none once the demo's selections of managers changed)."""
    with projected(
        shared_database_url, lambda app: load_demo(app, employees=150, seed=3, today=TODAY, workers=1)
    ) as views:
        yield views


def test_fairness_counts_every_pool_row_of_the_merit_view_once(store: SqlStore) -> None:
    queries = FairnessQueries(store, today=TODAY)
    # the rows of the rounds up to today: the view judges those after it too (merit view 40, rule merit.rounds_reach),
    # which no pool reads before their day
    assert store.scalar("SELECT COUNT(*) FROM promotion_rounds WHERE eligible = 1 AND round_date > ?", [str(TODAY)])
    expected = {
        (r["sex"], r["agency"]): (int(r["pool"]), int(r["promoted"]))
        for r in store.query(
            "SELECT sex, agency, COUNT(*) AS pool, SUM(promoted) AS promoted FROM promotion_rounds"
            " WHERE (eligible = 1 OR promoted = 1) AND round_date <= ? GROUP BY sex, agency",
            [str(TODAY)],
        )
    }
    assert sum(pool for pool, _ in expected.values()) > 100
    result = queries.fairness("sex,agency", min_cell=1)
    found = {tuple(g["group"].split(" / ")): (g["eligible"], g["promoted"]) for g in result["groups"]}
    assert found == expected
    by_age = queries.fairness("age_band", min_cell=1)
    assert sum(g["eligible"] for g in by_age["groups"]) == sum(pool for pool, _ in expected.values())
    assert all(g["group"] != "unknown" for g in by_age["groups"])


def test_time_to_promotion_follows_every_pns_rank_spell_of_the_roster(store: SqlStore) -> None:
    # the PNS rank spells only: PPPK hold contract grades, never promoted in rank (grouped by sex, not by employment
    # kind: that has one group, PNS, and no Cox model)
    assert store.scalar("SELECT COUNT(*) FROM spells WHERE employment_kind = 'PPPK'")  # the demo has PPPK to leave out
    result = FairnessQueries(store, today=TODAY).time_to_promotion("sex", min_cell=1)
    spells = sum(g["n"] for g in result["groups"])
    promoted = sum(g["promoted"] for g in result["groups"])
    rank_changes = store.scalar(
        "SELECT COUNT(*) FROM spells s JOIN spells t ON t.subject = s.subject AND t.seq = s.seq + 1"
        " WHERE t.rank <> s.rank AND s.employment_kind = 'PNS'"
    )
    assert promoted <= rank_changes < spells
    by_kind = FairnessQueries(store, today=TODAY).time_to_promotion("employment_kind", min_cell=1)
    assert [(g["group"], g["n"]) for g in by_kind["groups"]] == [("PNS", spells)]
    assert result["cox"]["covariates"] == [
        "education",
        "performance_before",
        "performance_before_missing",
        "training_jp",
    ]
    assert result["cox"]["terms"]


DETAIL = ("impact_ratio_ci", "z", "p_z", "mh_odds_ratio", "p_cmh")


def test_the_rates_only_answer_is_the_full_answer_without_its_interval_z_and_cmh(store: SqlStore) -> None:
    queries = FairnessQueries(store, today=TODAY)
    for by in ("sex", "region", "education", "sex,agency"):
        full = queries.fairness(by, min_cell=1)
        assert any(g["p_cmh"] is not None for g in full["groups"]), by  # the detail is there to leave out
        rates = queries.fairness(by, min_cell=1, detail=False)
        without = {k: v for k, v in full.items() if k != "past_retirement"}  # (the full answer's caveat, 2a1263d)
        assert "past_retirement" in full
        assert rates == {**without, "groups": [{**g, **dict.fromkeys(DETAIL)} for g in full["groups"]]}


def test_the_scorecard_impact_ratios_are_those_of_the_full_fairness_answer(store: SqlStore) -> None:
    queries = FairnessQueries(store, today=TODAY)
    config = replace(settings(), min_cell=1)  # groups of this small demo tested against a reference
    card = ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", 2025, years=3, config=config)
    compared = 0
    for dim in ("sex", "region", "education"):
        indicator = card["indicators"][f"merit.impact_ratio_by_{dim}"]
        for shown in indicator["trend"] + indicator["comparison"]:
            year = shown["year"]
            full = queries.fairness(
                dim, start=f"{year}-01-01", end=f"{year}-12-31", scope={"agency": shown["agency"]}, min_cell=1
            )
            g = {g["group"]: g for g in full["groups"]}[shown["group"][dim]]
            untested = full.get("untested")  # (compared with no one: the scorecard's value null, as it says, e66b1924)
            assert (shown["numerator"], shown["denominator"], shown["value"]) == (
                g["promoted"],
                g["eligible"],
                None if untested else g["impact_ratio"],
            )
            rule = {"threshold": full["threshold"], "min_cell": 1}  # (the rule's, with the group's details: 0162cb9)
            rule["untested"] = untested
            # why a group's rate is null: its pool under min_cell, as the audit's `suppressed` (2026-12-06)
            rule["selection_rate_withheld"] = BELOW_MIN_CELL if g["suppressed"] else None
            if untested:
                assert shown["details"]["untested"] == untested
                continue
            # and the reference group's counts, which a finding states beside the ratio (b6c61312)
            leading = next((r for r in full["groups"] if r["reference"]), None)
            if leading is not None:
                rule |= {
                    "reference_group": leading["group"],
                    "reference_promoted": leading["promoted"],
                    "reference_eligible": leading["eligible"],
                }
            assert shown["details"] == {k: rule[k] if k in rule else g[k] for k in shown["details"]}
            assert rule.keys() <= shown["details"].keys()
            compared += g["p_fisher"] is not None
    assert compared > 0  # some group was tested against a reference
