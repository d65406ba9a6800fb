"""The scorecard's feedback per course (training.programme_rating, training.programme_relevance) counts one opinion per
participant and programme, a programme by the ledger's reference key (letter case and whitespace aside) as the
programmes report counts it: a participant who rated `P-1` and `p - 1` of one course, or who took two cohorts of one
programme (two titles of one course), is one opinion. Before, each spelling and each cohort was another."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from projections.scorecard import ScorecardQueries
from tests import factories as f
from tests.unit.test_scorecard_indicators import TODAY, feedback, values, views_of


def course(end: str, programme: str, cohort: int) -> dict[str, Any]:
    return f.training(end, 8, programme_id=programme, title=f"Pelayanan Publik Angkatan {cohort}")


def test_one_opinion_per_participant_and_programme_whatever_its_spelling_or_cohorts(tmp_path: Path) -> None:
    ani = (
        f.CareerBuilder(date(1990, 1, 1), date(2015, 3, 1), "F")
        .add("training", course("2022-05-06", "P-1", 1))
        .add("training_feedback", feedback("P-1", 4, 2, "2022-05-10"))
    )
    bayu = (  # recorded by two agencies' staff in two spellings, and rated on each: one opinion, their mean
        f.CareerBuilder(date(1989, 2, 2), date(2014, 3, 1), "M")
        .add("training", course("2022-05-06", "P-1", 1))
        .add("training", course("2022-09-09", "p - 1", 2))
        .add("training_feedback", feedback("P-1", 5, 4, "2022-05-10"))
        .add("training_feedback", feedback("p - 1", 2, 3, "2022-09-10"))
    )
    citra = (  # two cohorts of one programme, rated once
        f.CareerBuilder(date(1991, 3, 3), date(2016, 3, 1), "F")
        .add("training", course("2022-05-06", "P-1", 1))
        .add("training", course("2022-10-07", "P-1", 3))
        .add("training_feedback", feedback("P-1", 2, 2, "2022-10-10"))
    )
    views = views_of([b.record() for b in (ani, bayu, citra)], tmp_path / "views.db")
    try:
        card = ScorecardQueries(views, today=TODAY).scorecard("KOTA-MEDAN", 2022, years=1)
    finally:
        views.close()
    group = {"programme": "Pelayanan Publik"}
    assert values(card, "training.programme_rating") == [(group, 9.5, 3, 3.1667)]  # 4 + (5 + 2) / 2 + 2
    assert values(card, "training.programme_relevance") == [(group, 7.5, 3, 2.5)]  # 2 + (4 + 3) / 2 + 2
