"""A scorecard impact ratio's people are the distinct people in its group's pool in ANY round of the year: counted in
the group of their first round alone, a group whose members all entered it in a later round (a transfer between the
April and October rounds changing region, a degree gained changing education) counted 0 people, which no minimum
withholds, and a reporter was shown a group of one person's pool and promotion. Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.sqlstore import SqlStore
from projections import suppression
from projections.merit.audit import ROUNDS
from projections.merit.fairness import FairnessQueries
from projections.scorecard import ScorecardQueries
from projections.scorecard.merit import group_people
from tests.integration.test_fairness_queries import TODAY, store  # noqa: F401 (the fixture)

pytestmark = pytest.mark.made_store

APRIL, OCTOBER = "2019-04-01", "2019-10-01"
MEDAN, DELI = "12.71", "12.07"


def row(subject: str, day: str, region: str, *, promoted: bool = False, born: str = "1990-01-01") -> list[Any]:
    """A `promotion_rounds` row of KOTA-MEDAN: eligible, in `region` on `day`."""
    values = {"subject": subject, "round_date": day, "agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": region}
    values |= {"rank": "III/a", "employment_kind": "PNS", "sex": "F", "education": "S1", "birth_date": born}
    values |= {"recruitment_path": "CPNS", "eligible": 1, "promoted": int(promoted), "tmt": day if promoted else None}
    values |= {"performance": 80.0, "training_jp": 10.0, "days_in_rank": 1000}
    return [values.get(c) for c in ROUNDS.column_names]


def pools(views: SqlStore, rows: list[list[Any]]) -> None:
    with views.transaction() as sql:
        sql.execute("DELETE FROM promotion_rounds")
        sql.executemany(ROUNDS.insert_statement(), rows)


def by_region(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {v["group"]["region"]: v for v in card["indicators"]["merit.impact_ratio_by_region"]["trend"]}


def test_a_group_entered_only_in_a_later_round_counts_its_people_and_is_withheld(store: SqlStore) -> None:  # noqa: F811
    # April: five people in 12.71; October: four of them still there, the fifth moved to 12.07 and promoted there
    april = [row(f"P{n}", APRIL, MEDAN) for n in range(1, 6)]
    october = [*(row(f"P{n}", OCTOBER, MEDAN) for n in range(1, 5)), row("P5", OCTOBER, DELI, promoted=True)]
    pools(store, [*april, *october])
    card = ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", 2019, years=1, exact_below=5)
    found = by_region(card)
    assert (found[MEDAN]["denominator"], found[MEDAN]["people"]) == (9, 5)  # a person once per round: 9; people: 5
    assert (found[DELI]["denominator"], found[DELI]["numerator"], found[DELI]["people"]) == (1, 1, 1)  # was 0 people
    shown = by_region(suppression.scorecard(card, 5))
    assert shown[DELI]["suppressed"] is True  # was shown: pool 1, promoted 1
    assert (shown[DELI]["numerator"], shown[DELI]["denominator"], shown[DELI]["value"]) == (None, None, None)
    assert shown[MEDAN]["suppressed"] is True  # its complement: the indicator less it would give it away


def test_each_groups_people_are_those_in_its_pool_in_any_round(store: SqlStore) -> None:  # noqa: F811
    # October: one moved to 12.07, one's region missing: each is a person of 12.71 and of their October group
    april = [row(f"P{n}", APRIL, MEDAN) for n in range(1, 6)]
    october = [*(row(f"P{n}", OCTOBER, MEDAN) for n in range(1, 4)), row("P4", OCTOBER, DELI), row("P5", OCTOBER, "")]
    pools(store, [*april, *october])
    queries = FairnessQueries(store, today=TODAY)
    people = queries.people_in_groups(["region"], "2019-01-01", "2019-12-31", {"agency": "KOTA-MEDAN"})
    assert people == {MEDAN: 5, DELI: 1, "unknown": 1}  # (a region missing is its group `unknown`, as the pools')
    # by age band, which each round's date gives: 40 in April, 41 in October, one person in both bands
    pools(store, [row("P1", APRIL, MEDAN, born="1978-05-05"), row("P1", OCTOBER, MEDAN, born="1978-05-05")])
    assert queries.people_in_groups(["age_band"], "2019-01-01", "2019-12-31", None) == {"36-40": 1, "41-45": 1}
    assert queries.people_in_groups(["sex", "region"], "2019-01-01", "2019-12-31", None) == {"F / 12.71": 1}


def test_a_group_with_a_pool_is_never_about_nobody() -> None:
    # (a pool counted apart from its people, a round the count did not read: at least one, which the minimum withholds)
    assert group_people({MEDAN: 5}, {"group": DELI, "eligible": 1}) == 1
    assert group_people({MEDAN: 5}, {"group": MEDAN, "eligible": 9}) == 5
    assert group_people({}, {"group": DELI, "eligible": 0}) == 0
