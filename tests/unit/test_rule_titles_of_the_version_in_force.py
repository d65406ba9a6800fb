"""A listed decision's `rule_titles` (the API's list and CSV, the pages' CSV: projections.merit.schemas) give each
fired rule's title of the version in force on the decision's TMT, the version it was judged by: until 2026-12-07 the
last version's title, whatever the TMT (and every version of every rule scanned for each rule of each row)."""

from __future__ import annotations

from datetime import date

import pytest

import projections.merit.schemas
from careerlog.reference import Rule, Rules
from projections.merit.schemas import fired_titles


def version(title: str, start: date, end: date | None) -> Rule:
    return Rule("promotion.performance", title, "PP 11/2017", "S", start, end, "medium", {})


@pytest.fixture
def two_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    book = Rules(
        [
            version("SKP at least Baik in each of the last two years", date(2000, 1, 1), date(2021, 1, 1)),
            version("SKP predicate at least Baik in each of the last years", date(2021, 1, 1), None),
            Rule("promotion.training", "", "PP 11/2017", "S", date(2000, 1, 1), None, "low", {}),
        ]
    )
    monkeypatch.setattr(projections.merit.schemas, "rules", lambda: book)


def decided(tmt: str, *fired: str) -> dict[str, object]:
    return {"tmt": tmt, "findings": [{"rule": rule} for rule in fired]}


@pytest.mark.usefixtures("two_versions")
def test_each_rule_is_titled_by_its_version_in_force_on_the_decisions_tmt() -> None:
    assert fired_titles(decided("2018-04-01", "promotion.performance")) == [
        "SKP at least Baik in each of the last two years"
    ]
    assert fired_titles(decided("2022-04-01", "promotion.performance")) == [
        "SKP predicate at least Baik in each of the last years"
    ]


@pytest.mark.usefixtures("two_versions")
def test_a_rule_without_a_title_or_a_version_in_force_is_named_by_its_last_title_else_its_code() -> None:
    assert fired_titles(decided("1999-04-01", "promotion.performance", "promotion.training", "rule.unknown")) == [
        "SKP predicate at least Baik in each of the last years",
        "promotion.training",
        "rule.unknown",
    ]
    assert fired_titles(decided("2018-04-01")) == []
