"""The training view: events in, rows out; and the pure pieces of its queries."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.errors import InvalidInput
from projections.training import (
    Member,
    Spell,
    SpellIndex,
    TrainingProjection,
    comparable,
    filter_clauses,
    promotion_comparison,
    ranked_on,
    year_span,
    yearly_jp,
)
from tests import factories as f

PLACEMENT = {"agency": "PROV-SUMUT", "unit": "Inspektorat", "region": "12", "reference": "MUT-7"}


def feedback(programme: str, day: str, rating: int, relevance: int) -> dict[str, object]:
    return {
        "programme_id": programme,
        "rating": rating,
        "relevance": relevance,
        "effective_date": day,
        "reference": f"FB-{programme}-{day}",
    }


def rows(builder: f.CareerBuilder) -> list[dict[str, object]]:
    return TrainingProjection().rows(builder.record())["training"]


def test_a_training_row_shows_where_and_at_which_rank_the_employee_stood_on_its_last_day() -> None:
    builder = (
        f.CareerBuilder(sex="F", birth=date(1988, 2, 2), appointed=date(2010, 3, 1))
        .add("rank_promotion", f.promotion("III/b", "2014-04-01"))
        .add("placement", {**PLACEMENT, "effective_date": "2015-01-05"})
        .add(
            "training",
            f.training("2015-03-03", hours=16, start="2015-03-02", programme_id="P-1", cost="1500000", reference="C-1"),
        )
    )
    assert rows(builder) == [
        {
            "subject": builder.nip,
            "version": 4,
            "reference": "C-1",
            "year": 2015,
            "start_date": "2015-03-02",
            "end_date": "2015-03-03",
            "kind": "TEKNIS",
            "title": "Pengelolaan Arsip Digital",
            "organiser": "BKPSDM Kota Medan",
            "hours": 16,
            "programme_id": "P-1",
            "cost": 1500000.0,
            "agency": "PROV-SUMUT",
            "unit": "Inspektorat",
            "region": "12",
            "rank": "III/b",
            "sex": "F",
            "employment_kind": "PNS",
            "feedback_rating": None,
            "feedback_relevance": None,
            "counted_hours": 16,  # (its JP, counted: no duplicate)
        }
    ]


def test_a_training_before_a_placement_keeps_the_unit_of_its_day() -> None:
    builder = (
        f.CareerBuilder()
        .add("training", f.training("2014-12-01", hours=8))
        .add("placement", {**PLACEMENT, "effective_date": "2015-01-05"})
    )
    assert [(r["agency"], r["unit"], r["rank"]) for r in rows(builder)] == [("KOTA-MEDAN", "BKPSDM", "III/a")]


def test_a_corrected_training_shows_its_current_hours_and_a_retracted_one_is_gone() -> None:
    builder = (
        f.CareerBuilder()
        .add("training", f.training("2015-03-03", hours=16, start="2015-03-02"))
        .add("training", f.training("2015-06-03", hours=8))
        .add("correction", f.correction(2, "2015-07-01", hours=12))
        .add("retraction", f.retraction(3, "2015-07-02"))
    )
    assert [(r["version"], r["hours"]) for r in rows(builder)] == [(2, 12)]


def test_the_participants_feedback_appears_on_every_training_of_that_programme_only() -> None:
    builder = (
        f.CareerBuilder()
        .add("training", f.training("2016-02-01", hours=8, programme_id="P-1"))
        .add("training", f.training("2016-05-01", hours=8, programme_id="P-1"))
        .add("training", f.training("2016-06-01", hours=8, programme_id="P-2"))
        .add("training", f.training("2016-07-01", hours=8))
        .add("training_feedback", feedback("P-1", "2016-05-02", 4, 5))
    )
    opinions = [(r["programme_id"], r["feedback_rating"], r["feedback_relevance"]) for r in rows(builder)]
    assert opinions == [("P-1", 4, 5), ("P-1", 4, 5), ("P-2", None, None), (None, None, None)]


def test_units_have_no_training_rows() -> None:
    assert not TrainingProjection().applies_to("UNIT:KOTA-MEDAN:BKPSDM")


def test_the_yearly_jp_applies_from_the_year_the_rule_came_into_force() -> None:
    assert (yearly_jp(2016), yearly_jp(2017), yearly_jp(2024)) == (None, 20, 20)


def test_the_years_served_end_the_day_before_separation_or_in_the_current_year() -> None:
    assert list(year_span("2019-03-01", "2022-01-01", date(2026, 5, 1))) == [2019, 2020, 2021]
    assert list(year_span("2019-03-01", "2022-01-02", date(2026, 5, 1))) == [2019, 2020, 2021, 2022]
    assert list(year_span("2024-03-01", None, date(2026, 5, 1))) == [2024, 2025, 2026]


def test_filters_become_parameters_and_unknown_or_malformed_ones_name_the_field() -> None:
    clauses, params = filter_clauses(
        {"agency": ["A", "B"], "year": "2024", "unit": ""},
        {"agency": "agency", "year": "year", "unit": "unit"},
        integers=["year"],
    )
    assert (clauses, params) == (["agency IN (?, ?)", "year IN (?)"], ["A", "B", 2024])
    with pytest.raises(InvalidInput) as unknown:
        filter_clauses({"salary": 1}, {"agency": "agency"})
    assert "salary" in unknown.value.errors
    with pytest.raises(InvalidInput) as malformed:
        filter_clauses({"year": "last"}, {"year": "year"}, integers=["year"])
    assert "year" in malformed.value.errors


def spell(subject: str, start: str, end: str | None, rank: str, agency: str = "A") -> Spell:
    return Spell(subject, date.fromisoformat(start), date.fromisoformat(end) if end else None, agency, rank)


INDEX = SpellIndex(
    [
        spell("p1", "2010-01-01", "2020-10-01", "III/a"),
        spell("p1", "2020-10-01", None, "III/b"),  # promoted 9 months after 2020-01-10
        spell("p2", "2010-01-01", None, "III/a"),
        spell("c1", "2012-01-01", "2022-04-01", "III/a"),
        spell("c1", "2022-04-01", None, "III/b"),  # promoted 27 months after: outside 24
        spell("c2", "2015-01-01", "2021-04-01", "III/a"),
        spell("c2", "2021-04-01", None, "III/b"),  # promoted within 24 months
        spell("c3", "2015-01-01", None, "III/b"),  # other rank
        spell("c4", "2015-01-01", None, "III/a", agency="B"),  # other agency
        spell("c5", "2015-01-01", "2019-12-31", "III/a"),  # left before the day
    ]
)


def test_comparable_employees_share_agency_and_rank_on_the_day_and_did_not_take_part() -> None:
    members = [Member("p1", date(2020, 1, 10), "A", "III/a"), Member("p2", date(2020, 1, 10), "A", "III/a")]
    peers = comparable(members, {"p1", "p2"}, INDEX)
    assert [(p.subject, p.day) for p in peers] == [("c1", date(2020, 1, 10)), ("c2", date(2020, 1, 10))]


def test_a_promotion_counts_when_the_rank_changes_within_the_window() -> None:
    day = date(2020, 1, 10)
    assert INDEX.promoted("p1", day, 24)
    assert not INDEX.promoted("p1", day, 8)
    assert not INDEX.promoted("c1", day, 24)
    assert INDEX.promoted("c1", day, 27)


def test_the_promotion_comparison_reports_both_rates_counts_and_difference() -> None:
    members = [Member("p1", date(2020, 1, 10), "A", "III/a"), Member("p2", date(2020, 1, 10), "A", "III/a")]
    peers = comparable(members, {"p1", "p2"}, INDEX)
    assert promotion_comparison(members, peers, INDEX, 24, date(2026, 1, 1)) == {
        "window_months": 24,
        "promoted": 1,
        "promotion_rate": 0.5,
        "comparable": 2,
        "comparable_promoted": 1,
        "comparable_promotion_rate": 0.5,
        "promotion_rate_difference": 0.0,
        "window_complete": True,
    }
    assert promotion_comparison(members, peers, INDEX, 24, date(2021, 1, 1))["window_complete"] is False


def test_a_participant_is_promotable_and_a_colleague_compared_by_their_employment_kind_on_the_day() -> None:
    """Spell by spell, not by agency: a PNS of an agency employing PPPK holds a rank; a PPPK converted to PNS holds a
    grade before the conversion and a rank after it, and the change from the grade is no rank promotion."""
    day = date(2020, 1, 10)
    index = SpellIndex(
        [
            Spell("pns", date(2015, 1, 1), None, "A", "III/a", "PNS"),
            Spell("grade", date(2015, 1, 1), None, "A", "IX", "PPPK"),  # a PPPK colleague of the agency
            Spell("conv", date(2015, 1, 1), date(2019, 1, 1), "A", "IX", "PPPK"),
            Spell("conv", date(2019, 1, 1), None, "A", "III/a", "PNS"),  # converted to PNS on 1 January 2019
        ]
    )
    assert ranked_on(index, Member("pns", day, "A", "III/a", "PNS"))
    assert not ranked_on(index, Member("grade", day, "A", "IX", "PPPK"))
    assert not ranked_on(index, Member("conv", date(2018, 6, 1), "A", "IX", "PNS"))  # the spell of the day says PPPK
    assert ranked_on(index, Member("conv", day, "A", "III/a", "PPPK"))  # the spell of the day says PNS
    assert ranked_on(index, Member("away", day, "A", None, "PNS"))  # no spell of the day: the training's row
    ranked = index.ranked()
    assert ranked.holding("A", "III/a", day) == ["conv", "pns"]
    assert ranked.holding("A", "IX", date(2018, 6, 1)) == []  # no one holds a post as a PPPK
    assert not ranked.promoted("conv", date(2018, 12, 1), 24)  # IX to III/a: no rank promotion
