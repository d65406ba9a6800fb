"""Time to promotion's Cox covariates are known when a rank spell begins: the performance is the employee's SKP
score of the two years before (the spells' `performance_before`), not a mean over promotion-pool rounds that
came later, whose indicator of no score was the outcome itself."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from projections.merit.fairness import FairnessQueries
from projections.merit.survival import cox_fit, rank_spells
from projections.roster import performance_before, spell_rows
from tests import factories as f


def spells(*rows: tuple[str, int, str, str | None, str, float | None]) -> pd.DataFrame:
    attributes = {"agency": "A1", "unit": "U1", "region": "R1", "education": "S1", "employment_kind": "PNS"}
    return pd.DataFrame(
        [
            {"subject": s, "seq": q, "start_date": b, "end_date": e, "rank": r, **attributes}
            | {"sex": "F", "birth_date": "1980-01-01", "recruitment_path": "CPNS", "performance_before": p}
            for s, q, b, e, r, p in rows
        ]
    )


def test_a_period_carries_the_mean_score_of_the_two_rating_years_before_it_began() -> None:
    builder = f.CareerBuilder(appointed=date(2010, 3, 1), rank="III/a")
    for year, predicate in [(2010, "BAIK"), (2011, "SANGAT_BAIK"), (2012, "BUTUH_PERBAIKAN"), (2014, "BAIK")]:
        builder.add("performance_rating", f.rating(year, predicate))
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"))
    builder.add("rank_promotion", f.promotion("III/c", "2016-04-01"))
    record = builder.record()
    # 2010: none of 2008-2009; 2014: 2012 (3) and 2013 (none); 2016: 2014 (4) and 2015 (none)
    assert [(s["start_date"], s["rank"], s["performance_before"]) for s in spell_rows(record)] == [
        ("2010-03-01", "III/a", None),
        ("2014-04-01", "III/b", 3.0),
        ("2016-04-01", "III/c", 4.0),
    ]
    # the ratings of 2011 and 2012 for a period begun in 2013, whatever came later
    assert performance_before(record, date(2013, 6, 1)) == 4.0


def test_a_rank_spell_takes_its_first_spells_performance_not_a_later_one() -> None:
    runs = rank_spells(
        spells(
            # a newcomer: no score when III/a began; a post change in 2013 has one (of years inside the rank)
            ("p", 1, "2010-04-01", "2013-01-01", "III/a", None),
            ("p", 2, "2013-01-01", "2014-04-01", "III/a", 4.5),
            ("p", 3, "2014-04-01", None, "III/b", 4.0),
        ),
        end="2016-04-01",
    )
    assert runs["rank"].tolist() == ["III/a", "III/b"]
    assert runs["performance_before"].isna().tolist() == [True, False]
    assert runs["performance_before"].iloc[1] == 4.0


def test_the_performance_covariate_is_the_score_before_with_an_indicator_of_none() -> None:
    runs = pd.DataFrame(
        {
            "subject": ["p", "q", "r"],
            "rank": ["III/a"] * 3,
            "stop": ["2016-04-01"] * 3,
            "unit": ["U1"] * 3,
            "education": ["S1"] * 3,
            "years": [1.0, 2.0, 3.0],
            "promoted": [1, 0, 1],
            "performance_before": [np.nan, 3.0, 5.0],
        }
    )
    found, covariates = FairnessQueries._with_performance(None, runs, ["education", "training_jp"])  # type: ignore[arg-type]
    assert covariates == ["education", "performance_before", "performance_before_missing", "training_jp"]
    assert found["performance_before"].tolist() == [4.0, 3.0, 5.0]
    assert found["performance_before_missing"].tolist() == [1.0, 0.0, 0.0]
    none = runs.assign(performance_before=np.nan)
    assert FairnessQueries._with_performance(None, none, ["education"])[1] == ["education"]  # type: ignore[arg-type]


def test_a_covariate_that_is_the_outcome_makes_a_cox_fit_that_fails_with_a_reason() -> None:
    # what the pool covariate was: a score only for those in a pool round, which a regular promotion implies
    rng = np.random.default_rng(1)
    years, promoted = rng.integers(1, 10, 40).astype(float), rng.integers(0, 2, 40).astype(float)
    design = pd.DataFrame(
        {"years": years, "promoted": promoted, "performance": 80.0 + 10 * promoted, "missing": 1.0 - promoted}
    )
    design = design.iloc[np.lexsort((design["promoted"], design["years"]))]
    cox = cox_fit(design, ["performance", "missing"], "M")
    assert cox["terms"] == []
    assert cox["error"].startswith("The Cox model did not converge: Convergence halted")
    # lifelines' tips address ends where the error that halted the fit begins: a space between, not glued to it
    address = "https://lifelines.readthedocs.io/en/latest/Examples.html#problems-with-convergence-in-the-cox-proportional-hazard-model"
    assert f"{address} A singular matrix detected" in cox["error"]
    # refitted at the smaller steps, in vain: still no hazard ratio
    assert cox["error"].endswith(" Refitted with smaller steps (0.5, 0.25): not converged either.")
