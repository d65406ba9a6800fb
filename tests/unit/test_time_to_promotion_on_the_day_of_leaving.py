"""Time to promotion: a promotion whose TMT is the day the service ends ends the rank spell in separation.

A posthumous (211, anumerta) promotion is given with the death's day as its TMT, a service (212, pengabdian) promotion
with the retirement's: honours given as the service ends, not a career's promotions, and the employee never served in
the new rank. The rank spell before them ends in separation (a competing event, censored by Kaplan-Meier), not in
promotion: a group with more deaths in service must not look promoted faster (docs/fairness.md, "Time to promotion").
"""

from __future__ import annotations

import pandas as pd
import pytest

from projections.merit.survival import rank_spells
from projections.roster import spell_rows
from tests import factories as f


def rank_spell_ends(builder: f.CareerBuilder) -> list[tuple[str, str, str, int, int]]:
    spells = pd.DataFrame(spell_rows(builder.record())).assign(birth_date="1986-09-26", recruitment_path="UMUM")
    runs = rank_spells(spells, end="2026-01-01")
    return [tuple(r) for r in runs[["rank", "start", "stop", "promoted", "separated"]].itertuples(index=False)]


def test_a_posthumous_promotion_ends_the_rank_spell_in_separation_not_promotion() -> None:
    career = (
        f.CareerBuilder()
        .add("rank_promotion", f.promotion("III/b", "2014-04-01"))
        .add("status_change", f.status("DECEASED", "2019-02-02"))
        .add("rank_promotion", f.promotion("III/c", "2019-02-02", kind="211"))
    )
    assert rank_spell_ends(career) == [
        ("III/a", "2010-03-01", "2014-04-01", 1, 0),
        ("III/b", "2014-04-01", "2019-02-02", 0, 1),
    ]


@pytest.mark.parametrize("kind", ["212", "101"])
def test_a_promotion_on_the_day_of_retirement_ends_the_rank_spell_in_separation(kind: str) -> None:
    career = (
        f.CareerBuilder()
        .add("rank_promotion", f.promotion("III/b", "2014-04-01"))
        .add("rank_promotion", f.promotion("III/c", "2020-04-01", kind=kind))
        .add("status_change", f.status("RETIRED", "2020-04-01"))
    )
    assert rank_spell_ends(career)[-1] == ("III/b", "2014-04-01", "2020-04-01", 0, 1)
