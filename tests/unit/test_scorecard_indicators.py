"""Every scorecard indicator on five crafted careers of KOTA-MEDAN, to the exact figure.

The careers are projected by the real projections into a SQLite view store (no ledger), then
the scorecard of 2022 is read. The staff in post on 31 December 2022 are ani, bayu, citra,
dedi and eka (all III/a, each confirmed as PNS a year after the appointment: without a confirmation recorded a
CPNS, not among the staff of the yearly JP); nobody had any training in 2020 or 2021.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_store
from projections.career import CareerRecord
from projections.registry import all_projections
from projections.scorecard import ScorecardQueries
from tests import factories as f

pytestmark = pytest.mark.xdist_group("test_scorecard_indicators")  # its module fixtures are built once, on one worker

TODAY = date(2026, 6, 30)


def feedback(programme: str, rating: int, relevance: int, day: str) -> dict[str, Any]:
    return {
        "programme_id": programme,
        "rating": rating,
        "relevance": relevance,
        "effective_date": day,
        "reference": f"FB-{programme}-{rating}",
    }


def careers() -> list[CareerRecord]:
    ani = (
        f.CareerBuilder(date(1990, 1, 1), date(2015, 3, 1), "F")
        .confirmed()
        .add(
            "training",
            f.training(
                "2022-05-06", 24, "2022-05-02", programme_id="P1", title="Pelayanan Publik Angkatan 1", cost="2400000"
            ),
        )
        .add("training_feedback", feedback("P1", 4, 2, "2022-05-10"))
        .add("rank_promotion", f.promotion("III/b", "2023-04-01"))
    )
    bayu = (
        f.CareerBuilder(date(1989, 2, 2), date(2014, 3, 1), "M")
        .confirmed()
        .add("training", f.training("2022-06-02", 8, programme_id="P2", title="Pelayanan Publik Angkatan 2"))
        .add("training_feedback", feedback("P2", 2, 1, "2022-06-10"))
    )
    citra = f.CareerBuilder(date(1991, 3, 3), date(2016, 3, 1), "F").confirmed()
    dedi = (
        f.CareerBuilder(date(1987, 4, 4), date(2012, 3, 1), "M")
        .confirmed()
        .add("performance_rating", f.rating(2021, "BAIK"))
        .add("training", f.training("2022-07-01", 4))
        .add("award", f.award("SLKS_10", "2022-08-17", "2022-08-10"))
    )
    eka = (
        f.CareerBuilder(date(1985, 5, 5), date(2010, 3, 1), "F")
        .confirmed()
        .add("performance_rating", f.rating(2021, "SANGAT_BAIK"))
        .add("award", f.award("SLKS_20", "2022-08-17", "2022-08-10"))
        .add("award", f.award("PEGAWAI_TELADAN", "2022-08-17", "2022-08-12"))
    )
    return [b.record() for b in (ani, bayu, citra, dedi, eka)]


def views_of(records: list[CareerRecord], path: Path) -> SqlStore:
    """A SQLite view store at `path` holding every projection of the records."""
    return views_at(records, f"sqlite:///{path}")


def views_at(records: list[CareerRecord], url: str) -> SqlStore:
    """A view store at `url` (either store) holding every projection of the records."""
    views = open_store(Settings(database_url=url))
    for projection in all_projections():
        for table in projection.tables:
            views.execute_script(table.ddl())
        with views.transaction() as sql:
            for record in records:
                for name, rows in projection.rows(record).items():
                    table = next(t for t in projection.tables if t.name == name)
                    sql.executemany(table.insert_statement(), [[r[c] for c in table.column_names] for r in rows])
    return views


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    views = views_of(careers(), tmp_path_factory.mktemp("scorecard") / "views.db")
    yield views
    views.close()


@pytest.fixture(scope="module")
def card(store: SqlStore) -> dict[str, Any]:
    return ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", 2022, years=1)


def values(card: dict[str, Any], indicator: str) -> list[tuple[Any, ...]]:
    return [(i["group"], i["numerator"], i["denominator"], i["value"]) for i in card["indicators"][indicator]["trend"]]


def test_the_jp_share_and_hours_count_the_staff_in_post_at_the_end_of_the_year(card: dict[str, Any]) -> None:
    assert values(card, "training.jp_share") == [({}, 1, 5, 0.2)]  # ani's 24 JP
    assert values(card, "training.hours_per_employee") == [({}, 36, 5, 7.2)]  # 24 + 8 + 4


def test_the_jp_share_is_spread_by_rank_sex_and_region(card: dict[str, Any]) -> None:
    assert values(card, "training.jp_share_by_rank") == [({"rank": "III/a"}, 1, 5, 0.2)]
    assert values(card, "training.jp_share_by_sex") == [({"sex": "F"}, 1, 3, 0.3333), ({"sex": "M"}, 0, 2, 0.0)]
    assert values(card, "training.jp_share_by_region") == [({"region": "12.71"}, 1, 5, 0.2)]


def test_the_least_trained_reached_are_those_below_the_jp_before_with_any_training_now(card: dict[str, Any]) -> None:
    assert values(card, "training.least_trained_reached") == [({}, 3, 5, 0.6)]  # ani, bayu, dedi; not citra, eka


def test_feedback_is_per_course_across_its_cohorts(card: dict[str, Any]) -> None:
    course = {"programme": "Pelayanan Publik"}
    assert values(card, "training.programme_rating") == [(course, 6, 2, 3.0)]
    assert values(card, "training.programme_relevance") == [(course, 3, 2, 1.5)]


def test_cost_per_jp_counts_only_trainings_with_a_recorded_cost(card: dict[str, Any]) -> None:
    assert values(card, "training.cost_per_jp") == [({}, 2400000.0, 24, 100000.0)]


def test_trained_staff_are_compared_with_untrained_colleagues_of_the_same_rank(card: dict[str, Any]) -> None:
    assert values(card, "outcomes.promotion_trained") == [({}, 1, 1, 1.0)]  # ani, promoted 2023-04-01
    assert values(card, "outcomes.promotion_untrained") == [({}, 0, 4, 0.0)]
    assert card["indicators"]["outcomes.promotion_trained"]["trend"][0]["details"] == {
        "window_months": 24,
        "window_complete": True,
        "difference": 1.0,
    }
    assert values(card, "outcomes.promotion_mentored") == [({}, 0, 0, None)]
    assert values(card, "outcomes.promotion_unmentored") == [({}, 0, 0, None)]


def test_awards_per_1000_staff_high_performers_and_irregular_awards(card: dict[str, Any]) -> None:
    assert values(card, "awards.per_1000_staff") == [({}, 3, 5, 600.0)]
    assert values(card, "awards.to_high_performers") == [({}, 1, 1, 1.0)]  # eka, Sangat Baik in 2021
    assert values(card, "awards.irregular") == [({}, 1, 3, 0.3333)]  # eka's XX-year decoration after 12 years


def test_a_year_without_decisions_or_unit_ratings_has_no_merit_values(card: dict[str, Any]) -> None:
    assert values(card, "merit.clean_promotions") == [({}, 0, 0, None)]
    assert values(card, "merit.passed_over") == [({}, 0, 0, None)]
    assert values(card, "merit.impact_ratio_by_sex") == []
    assert values(card, "performance.units_over_cap") == [({}, 0, 0, None)]


def test_merit_indicators_count_the_years_promotions_and_their_findings(store: SqlStore) -> None:
    card = ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", 2023, years=1)
    assert values(card, "merit.clean_promotions") == [({}, 0, 1, 0.0)]  # ani
    by_rule = {
        i["group"]["rule"]: (i["numerator"], i["denominator"])
        for i in card["indicators"]["merit.findings_by_rule"]["trend"]
    }
    assert {rule: hits for rule, hits in by_rule.items() if hits[0]} == {
        "promotion.performance": (1, 1),  # no ratings for 2021 and 2022
    }
    assert values(card, "merit.recorded_after_decision") == [({}, 0, 1, 0.0)]
    assert values(card, "merit.impact_ratio_by_sex") == [({"sex": "F"}, 1, 1, None)]  # one in the pool: suppressed


def test_findings_are_written_for_the_indicators_past_their_thresholds(card: dict[str, Any]) -> None:
    assert [(x["indicator"], x["years"], x["text"]) for x in card["findings"]] == [
        ("training.jp_share", [2022], "Fewer than half of the PNS of KOTA-MEDAN met the yearly 20 JP in 2022 (20%)."),
        (
            "awards.irregular",
            [2022],
            "1 of 3 award(s) in KOTA-MEDAN in 2022 broke an award rule (too early, to someone penalised, "
            "or to a low performer).",
        ),
    ]


def test_every_value_names_the_rows_behind_it(card: dict[str, Any]) -> None:
    jp = card["indicators"]["training.jp_share"]["trend"][0]
    assert jp["rows"] == {
        "view": "spells+training",
        "filter": {"year": 2022, "as_of": "2022-12-31", "agency": "KOTA-MEDAN"},
    }
    assert jp["link"] == "/api/v1/reports/training-compliance?year=2022&agency=KOTA-MEDAN"
    assert card["indicators"]["awards.irregular"]["trend"][0]["rows"] == {
        "view": "award_findings",
        "filter": {"year": 2022, "agency": "KOTA-MEDAN"},
    }


def test_the_impact_ratios_compare_groups_of_the_rules_min_cell_unless_the_settings_give_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """thresholds.toml sets no min_cell: the impact ratios ask with none, and the fairness answer takes the min_cell
    of rule fairness.adverse_impact (with its threshold and alpha); a min_cell the settings give is asked with."""
    from projections.merit.fairness import FairnessQueries
    from projections.scorecard import merit
    from projections.scorecard.findings import parse_settings, settings

    assert settings().min_cell is None
    assert parse_settings({"settings": {"min_cell": 3}}).min_cell == 3
    asked: list[Any] = []

    def fairness(self: Any, by: str, **options: Any) -> dict[str, Any]:
        asked.append(options["min_cell"])
        return {"groups": []}

    monkeypatch.setattr(FairnessQueries, "fairness", fairness)
    ctx = type("Ctx", (), {"period": ("2022-01-01", "2022-12-31"), "store": None, "today": TODAY})()
    ctx.scope = type("Scope", (), {"selection": lambda self: {}, "filters": lambda self: {}})()  # type: ignore[attr-defined]
    assert merit.impact_indicators(ctx, settings().min_cell) == []  # type: ignore[arg-type]
    assert merit.impact_indicators(ctx, 3) == []  # type: ignore[arg-type]
    assert asked == [None, None, None, 3, 3, 3]
