"""The mentoring view: events in, rows out; and the outcome measures."""

from __future__ import annotations

from datetime import date

from projections.mentoring import MentoringProjection, outcome_years, outcomes
from projections.training import Member, Spell, SpellIndex
from tests import factories as f

MENTOR = f.nip(date(1975, 5, 5), date(2000, 3, 1), "M", sequence=901)
OTHER_MENTOR = f.nip(date(1978, 6, 6), date(2003, 3, 1), "F", sequence=902)


def start(mentor: str, day: str, focus: str = "Manajemen ASN", ref: str | None = None) -> dict[str, object]:
    return {"mentor_nip": mentor, "focus": focus, "effective_date": day, "reference": ref or f"MS-{mentor}-{day}"}


def end(mentor: str, day: str, reason: str | None = None) -> dict[str, object]:
    return {"mentor_nip": mentor, "reason": reason, "effective_date": day, "reference": f"ME-{mentor}-{day}"}


def session(mentor: str, day: str, minutes: int | None = None, topic: str = "Rencana karier") -> dict[str, object]:
    return {
        "mentor_nip": mentor,
        "topic": topic,
        "minutes": minutes,
        "effective_date": day,
        "reference": f"SES-{mentor}-{day}",
    }


def rows(builder: f.CareerBuilder) -> dict[str, list[dict[str, object]]]:
    return MentoringProjection().rows(builder.record())


def test_a_relationship_row_counts_its_sessions_and_minutes_and_keeps_the_mentees_standing_at_the_start() -> None:
    builder = (
        f.CareerBuilder()
        .add("rank_promotion", f.promotion("III/b", "2014-04-01"))
        .add("mentoring_start", start(MENTOR, "2016-02-01", ref="MS-1"))
        .add("mentoring_session", session(MENTOR, "2016-03-01", 60))
        .add("mentoring_session", session(MENTOR, "2016-04-01"))
        .add("mentoring_session", session(MENTOR, "2016-06-30", 45))
        .add("mentoring_end", end(MENTOR, "2016-06-30", "Selesai"))
        .add("rank_promotion", f.promotion("III/c", "2018-04-01"))
    )
    assert rows(builder)["mentoring"] == [
        {
            "subject": builder.nip,
            "version": 3,
            "reference": "MS-1",
            "mentor_nip": MENTOR,
            "focus": "Manajemen ASN",
            "start_date": "2016-02-01",
            "end_date": "2016-06-30",
            "end_reason": "Selesai",
            "sessions": 3,
            "minutes": 105,
            "agency": "KOTA-MEDAN",
            "unit": "BKPSDM",
            "region": "12.71",
            "rank": "III/b",
        }
    ]


def test_each_session_belongs_to_the_open_relationship_with_its_mentor() -> None:
    builder = (
        f.CareerBuilder()
        .add("mentoring_start", start(MENTOR, "2016-02-01"))
        .add("mentoring_start", start(OTHER_MENTOR, "2016-03-01"))
        .add("mentoring_session", session(OTHER_MENTOR, "2016-03-15", 30))
        .add("mentoring_session", session(MENTOR, "2016-03-20", 90))
        .add("mentoring_end", end(MENTOR, "2016-06-30"))
        .add("mentoring_start", start(MENTOR, "2017-01-10"))
        .add("mentoring_session", session(MENTOR, "2017-02-01", 20))
    )
    result = rows(builder)
    relationships = [
        (r["version"], r["mentor_nip"], r["end_date"], r["sessions"], r["minutes"]) for r in result["mentoring"]
    ]
    assert relationships == [
        (2, MENTOR, "2016-06-30", 1, 90),
        (3, OTHER_MENTOR, None, 1, 30),
        (7, MENTOR, None, 1, 20),
    ]
    sessions = [
        (s["version"], s["relationship"], s["session_date"], s["minutes"]) for s in result["mentoring_sessions"]
    ]
    assert sessions == [(4, 3, "2016-03-15", 30), (5, 2, "2016-03-20", 90), (8, 7, "2017-02-01", 20)]


def test_a_retracted_session_no_longer_counts() -> None:
    builder = (
        f.CareerBuilder()
        .add("mentoring_start", start(MENTOR, "2016-02-01"))
        .add("mentoring_session", session(MENTOR, "2016-03-01", 60))
        .add("mentoring_session", session(MENTOR, "2016-04-01", 30))
        .add("retraction", f.retraction(4, "2016-04-02"))
    )
    result = rows(builder)
    assert [(r["sessions"], r["minutes"]) for r in result["mentoring"]] == [(1, 60)]
    assert [s["version"] for s in result["mentoring_sessions"]] == [3]


def test_every_employee_keeps_a_yearly_skp_score_row() -> None:
    builder = (
        f.CareerBuilder()
        .add("performance_rating", f.rating(2021, "SANGAT_BAIK"))
        .add("performance_rating", f.rating(2022, "BUTUH_PERBAIKAN"))
    )
    result = rows(builder)
    assert result["mentoring"] == []
    assert [(r["year"], r["predicate"], r["score"]) for r in result["mentoring_ratings"]] == [
        (2021, "SANGAT_BAIK", 5),
        (2022, "BUTUH_PERBAIKAN", 3),
    ]


INDEX = SpellIndex(
    [
        Spell("m", date(2015, 1, 1), date(2021, 4, 1), "A", "III/a"),
        Spell("m", date(2021, 4, 1), None, "A", "III/b"),
        Spell("left", date(2015, 1, 1), date(2021, 6, 1), "A", "III/a"),
    ]
)


def test_outcome_years_are_the_ended_years_after_the_start_in_which_the_employee_was_in_post() -> None:
    mentee = Member("m", date(2020, 3, 1), "A", "III/a")
    assert outcome_years(mentee, INDEX, 2, date(2026, 1, 1)) == [2021, 2022]
    assert outcome_years(mentee, INDEX, 2, date(2022, 6, 1)) == [2021]
    assert outcome_years(Member("left", date(2020, 3, 1), "A", "III/a"), INDEX, 2, date(2026, 1, 1)) == []


def test_outcomes_pool_jp_and_scores_over_person_years() -> None:
    members = [Member("m", date(2020, 3, 1), "A", "III/a"), Member("left", date(2020, 3, 1), "A", "III/a")]
    hours = {("m", 2021): 30, ("m", 2022): 10, ("left", 2021): 99}
    scores = {("m", 2021): 5}
    result = outcomes(members, INDEX, hours, scores, months=24, years=2, today=date(2026, 1, 1))
    assert result.to_dict() == {
        "count": 2,
        "promoted": 1,
        "promotion_rate": 0.5,
        "person_years": 2,
        "jp_per_year": 20.0,
        "rated_years": 1,
        "mean_rating": 5.0,
    }
