"""Time to promotion counts from entering the rank (fairness-methods.md: "Years from becoming eligible (or from
entering the rank) to promotion"), whatever the employee's standing in it: a CPNS's first rank from the appointment
that gives it (the probation year counted, as time in rank counts it), not from the confirmation as PNS. A PPPK's
grade makes a run of its own here, which never ends in a promotion (PPPK hold contract grades, never promoted in
rank): FairnessQueries reads the PNS spells only, so it is not counted (tests/integration/test_fairness_queries.py;
docs/fairness.md, "What time counts")."""

from __future__ import annotations

from datetime import date

import pandas as pd

from projections.merit.survival import rank_spells
from projections.roster import spell_rows
from tests import factories as f


def runs(builder: f.CareerBuilder) -> list[tuple[str, str, str, int, str]]:
    spells = pd.DataFrame(spell_rows(builder.record())).assign(birth_date="1986-09-26", recruitment_path="UMUM")
    found = rank_spells(spells, end="2026-01-01")
    return [tuple(r) for r in found[["rank", "start", "stop", "promoted", "employment_kind"]].itertuples(index=False)]


def test_a_cpns_first_rank_counts_from_the_appointment_not_from_the_confirmation() -> None:
    confirmation = {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "PNS-1"}
    career = (
        f.CareerBuilder().add("confirmation", confirmation).add("rank_promotion", f.promotion("III/b", "2014-04-01"))
    )
    first = runs(career)[0]
    assert first == ("III/a", "2010-03-01", "2014-04-01", 1, "PNS")  # 4.1 years in III/a, the CPNS year included


def test_a_pppk_grade_never_ends_in_a_promotion() -> None:
    builder = f.pppk_builder(date(2022, 3, 1))
    # waiting, censored at the end: counted, it would weigh on its group as someone not promoted (hence left out)
    assert runs(builder) == [("IX", "2022-03-01", "2026-01-01", 0, "PPPK")]
