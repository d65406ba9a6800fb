"""merit.passed_over and evidence.recorded_after name the law in force on the decision's day, as every other rule
does: one version cited UU 20/2023 (a law of 2023; evidence.recorded_after also UU 5/2014) for every decision since
1974, so a Pengawas appointed in 1993 or a 101 promotion of 2001 was found to have broken the merit system of a law
not yet made. The versions before 2014 are our reading of UU 8/1974 and UU 43/1999 (I); the comparison (the check)
is the same in each."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest

from careerlog.reference import rules
from projections.merit.queries import PASSED_OVER, with_passed_over

RULES = (PASSED_OVER, "evidence.recorded_after")


@pytest.mark.parametrize(
    ("day", "law"),
    [
        (date(1993, 6, 22), "UU 8/1974"),
        (date(1999, 9, 29), "UU 8/1974"),
        (date(1999, 9, 30), "UU 43/1999"),
        (date(2005, 4, 1), "UU 43/1999"),
        (date(2014, 1, 15), "UU 5/2014"),
        (date(2016, 4, 1), "UU 5/2014"),
        (date(2023, 10, 31), "UU 20/2023"),
        (date(2026, 4, 1), "UU 20/2023"),
    ],
)
@pytest.mark.parametrize("rule_id", RULES)
def test_the_rule_cites_the_law_in_force_on_the_day(rule_id: str, day: date, law: str) -> None:
    rule = rules().in_force(rule_id, day)
    assert rule is not None
    assert law in rule.source
    assert all(int(year) <= day.year for year in re.findall(r"UU \d+/(\d{4})", rule.source))  # none made later
    assert rule.status == "I"


@pytest.mark.parametrize("rule_id", RULES)
def test_the_versions_follow_each_other_with_the_same_comparison(rule_id: str) -> None:
    versions = rules().versions(rule_id)
    assert versions[0].valid_from == date(1974, 1, 1)
    assert versions[-1].valid_to is None
    for earlier, later in pairwise(versions):
        assert earlier.valid_to == later.valid_from  # no day without a version, none with two
    assert len({(v.severity, tuple(sorted(v.params.items()))) for v in versions}) == 1


def listed(tmt: str) -> dict[str, object]:
    return {
        "subject": "196007241988102001",
        "version": 11,
        "decision": "promotion",
        "kind": "101",
        "tmt": tmt,
        "recorded_at": f"{tmt}T05:00:00+00:00",
        "reference": "823.3/0001/1995",
        "verdict": "compliant",
        "finding_count": 0,
        "max_severity": None,
        "passed_over_count": 1,
        "findings": [],
    }


def test_a_1995_and_a_2016_decision_cite_different_laws() -> None:
    old = with_passed_over(listed("1995-04-01"))["findings"]
    new = with_passed_over(listed("2016-04-01"))["findings"]
    assert "UU 8/1974" in old[0]["source"]
    assert "UU 20/2023" not in old[0]["source"]
    assert "UU 5/2014" in new[0]["source"]
