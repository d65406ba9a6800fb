"""The employee aggregate: what it accepts, what it refuses and why (no store involved)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from careerlog.application import complete
from careerlog.domain.employee import Employee
from careerlog.domain.errors import IdempotencyConflict, InvalidInput
from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import CORRECTION_NAMED, Outcome
from careerlog.domain.payload import parse_payload
from tests import factories as f

BIRTH = date(1986, 9, 26)
TMT = date(2010, 3, 1)


def appoint(**overrides: Any) -> Employee:
    payload = f.appointment(BIRTH, TMT, "M", **overrides)
    employee, _ = Employee.appoint(f.nip(BIRTH, TMT, "M"), parse(payload, "appointment"), f.recording())
    return employee


def parse(payload: dict[str, Any], kind: str) -> dict[str, Any]:
    cls = BY_KIND[kind]
    return complete(cls, parse_payload(cls, payload))


def record(employee: Employee, kind: str, payload: dict[str, Any], **recording: Any) -> Outcome:
    return employee.record(BY_KIND[kind], parse(payload, kind), f.recording(**recording))


def refused(employee: Employee, kind: str, payload: dict[str, Any], **recording: Any) -> dict[str, list[str]]:
    """Record, expecting a refusal; check nothing changed and return the reasons."""
    version, pending = employee.version, len(employee.pending_events)
    with pytest.raises(InvalidInput) as e:
        record(employee, kind, payload, **recording)
    assert employee.version == version
    assert len(employee.pending_events) == pending
    return e.value.errors


# ------------------------------------------------------------------ appointment


def test_an_appointment_opens_the_record_at_version_1() -> None:
    employee = appoint()
    assert employee.version == 1
    assert employee.facts[1].values["rank"] == "III/a"


def test_an_appointment_contradicting_the_nip_is_refused_naming_each_field() -> None:
    payload = f.appointment(BIRTH, TMT, "F", birth_date="1986-09-27")
    with pytest.raises(InvalidInput) as e:
        Employee.appoint(f.nip(BIRTH, TMT, "M"), parse(payload, "appointment"), f.recording())
    assert set(e.value.errors) == {"birth_date", "sex"}


def test_an_appointment_under_the_minimum_age_is_refused() -> None:
    birth = date(1995, 1, 1)
    payload = f.appointment(birth, TMT)
    with pytest.raises(InvalidInput) as e:
        Employee.appoint(f.nip(birth, TMT), parse(payload, "appointment"), f.recording())
    assert "under 18" in e.value.errors["birth_date"][0]


def test_a_pppk_starts_at_a_grade_not_a_golongan() -> None:
    payload = f.appointment(BIRTH, date(2022, 3, 1), employment_kind="PPPK", rank="III/a")
    with pytest.raises(InvalidInput) as e:
        Employee.appoint(f.pppk_nip(BIRTH, 2022, "M"), parse(payload, "appointment"), f.recording())
    assert "grade" in e.value.errors["rank"][0]


# ------------------------------------------------------------------ dates


def test_a_fact_dated_before_the_appointment_is_refused() -> None:
    errors = refused(appoint(), "training", f.training("2009-05-01"))
    assert "before the appointment" in errors["effective_date"][0]


def test_a_degree_obtained_before_the_appointment_is_accepted() -> None:
    employee = appoint()
    record(
        employee,
        "education",
        {
            "level": "S-2",
            "field_of_study": "Administrasi Publik",
            "institution": "Universitas Sumatera Utara",
            "effective_date": "2009-08-30",
            "reference": "IJZ-1",
        },
    )
    assert employee.version == 2


def test_a_fact_in_the_future_is_refused() -> None:
    errors = refused(appoint(), "training", f.training("2026-12-01"))
    assert "in the future" in errors["effective_date"][0]


def test_an_end_before_its_start_is_refused() -> None:
    errors = refused(appoint(), "training", f.training("2020-01-01", start="2020-01-05"))
    assert "after the end date" in errors["start_date"][0]


def test_an_end_before_its_start_is_refused_for_its_dates_alone_not_also_for_its_hours() -> None:
    """24 JP is 12 a day over the two days 5 to 6 January: with the dates swapped, only the dates are wrong (there
    was no 'one day' to hold 24 JP, as the JP-a-day check used to count a reversed span)."""
    errors = refused(appoint(), "training", f.training("2020-01-05", hours=24, start="2020-01-06"))
    assert list(errors) == ["start_date"]
    assert "after the end date" in errors["start_date"][0]


@pytest.mark.parametrize(("hours", "reason"), [(-4, "at least 1 JP"), (0, "at least 1 JP"), (100, "a day")])
def test_negative_or_absurd_hours_are_refused(hours: int, reason: str) -> None:
    errors = refused(appoint(), "training", f.training("2020-01-03", hours=hours, start="2020-01-01"))
    assert reason in errors["hours"][0]


# ------------------------------------------------------------------ ranks


def test_a_promotion_to_a_lower_rank_is_refused_as_a_demotion() -> None:
    employee = appoint()  # (at III/a)
    errors = refused(employee, "rank_promotion", f.promotion("II/d", "2014-04-01"))
    assert "demotion is a penalty" in errors["new_rank"][0]


def test_a_promotion_to_the_rank_held_is_refused_as_the_rank_already_held() -> None:
    """Until 2026-12-05 it was refused as a demotion ("a demotion is a penalty"), which it is not."""
    employee = appoint()  # (at III/a since its TMT)
    errors = refused(employee, "rank_promotion", f.promotion("III/a", "2014-04-01"))
    assert errors["new_rank"] == [
        f"III/a is the rank already held since {TMT.isoformat()}: a promotion names a rank above it."
    ]


def test_a_promotion_that_breaks_a_merit_rule_is_still_recorded() -> None:
    employee = appoint()
    record(employee, "rank_promotion", f.promotion("III/b", "2011-04-01"))  # one year in rank
    assert employee.version == 2


def test_a_back_dated_promotion_must_fall_between_its_neighbours() -> None:
    employee = appoint()
    record(employee, "rank_promotion", f.promotion("III/c", "2018-04-01"))
    errors = refused(employee, "rank_promotion", f.promotion("III/d", "2014-04-01"))
    assert "not below III/c" in errors["new_rank"][0]
    record(employee, "rank_promotion", f.promotion("III/b", "2014-04-01"))
    assert employee.version == 3


def test_a_pppk_has_no_rank_promotion() -> None:
    birth = date(1990, 1, 15)
    payload = f.appointment(birth, date(2022, 3, 1), employment_kind="PPPK", rank="IX", recruitment_path="PPPK")
    employee, _ = Employee.appoint(f.pppk_nip(birth, 2022, "M"), parse(payload, "appointment"), f.recording())
    errors = refused(employee, "rank_promotion", f.promotion("III/b", "2024-04-01"))
    assert "PPPK hold a grade" in errors["kind"][0]


# ------------------------------------------------------------------ separation


def test_nothing_is_recorded_after_separation() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("RETIRED", "2024-10-01"))
    errors = refused(employee, "performance_rating", f.rating(2024))
    assert "after the separation" in errors["effective_date"][0]


def test_a_separation_dated_before_recorded_facts_is_refused() -> None:
    employee = appoint()
    record(employee, "rank_promotion", f.promotion("III/b", "2014-04-01"))
    errors = refused(employee, "status_change", f.status("DISMISSED", "2013-01-01"))
    assert "after this separation" in errors["effective_date"][0]


def test_a_correction_is_accepted_after_separation() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03", hours=24, start="2020-01-01"))
    record(employee, "status_change", f.status("RETIRED", "2024-10-01"))
    record(employee, "correction", f.correction(2, "2025-02-01", hours=20))
    assert employee.facts[2].values["hours"] == 20


# ------------------------------------------------------------------ corrections and retractions


def test_a_correction_changes_current_values_and_keeps_the_original_event() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03", hours=24, start="2020-01-01"))
    record(employee, "correction", f.correction(2, "2021-01-01", hours=20, title="Arsip Digital"))
    fact = employee.facts[2]
    assert fact.values["hours"] == 20
    assert fact.corrected_by == [3]
    assert fact.event is not None
    assert fact.event.hours == 24  # type: ignore[attr-defined]


def test_a_correction_that_would_make_the_fact_invalid_is_refused_naming_the_field() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03", hours=24, start="2020-01-01"))
    errors = refused(employee, "correction", f.correction(2, "2021-01-01", hours=-1))
    assert "at least 1 JP" in errors["corrected_fields.hours"][0]


def test_a_correction_of_an_unknown_field_is_refused_listing_the_fields_it_can_change() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03"))
    errors = refused(employee, "correction", f.correction(2, "2021-01-01", colour="red", nip=f.nip()))
    fields = "start_date, effective_date, reference, training_kind, title, organiser, hours, programme_id, cost"
    told = f"Not a field a correction of this training can change; it can change {fields}."
    assert errors["corrected_fields.colour"] == errors["corrected_fields.nip"] == [told]


def test_a_correction_of_a_mentorings_link_lists_the_fields_it_can_change_without_the_links() -> None:
    employee = appoint()
    mentor = f.nip(sex="F")
    record(employee, "mentoring_start", {"mentor_nip": mentor, "focus": "Arsip", **_dated("2020-01-03")})
    errors = refused(employee, "correction", f.correction(2, "2021-01-01", judul="x"))
    assert errors["corrected_fields.judul"] == [
        "Not a field a correction of this mentoring_start can change; it can change effective_date, reference, focus."
    ]


def test_a_correction_removing_a_value_already_empty_says_it_is_already_empty() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03"))  # (no programme, no cost)
    errors = refused(employee, "correction", f.correction(2, "2021-01-01", programme_id=None, cost=None))
    already = ["Is already empty: a correction changes at least one value."]
    assert errors["corrected_fields.programme_id"] == errors["corrected_fields.cost"] == already


def _dated(day: str) -> dict[str, str]:
    return {"effective_date": day, "reference": f"M-{day}"}


def test_a_correction_of_a_version_that_does_not_exist_is_refused() -> None:
    errors = refused(appoint(), "correction", f.correction(9, "2021-01-01", hours=20))
    assert "No fact with version 9" in errors["target_version"][0]


def test_a_change_naming_a_correction_or_retraction_says_which_fact_it_changed_not_that_none_is_recorded() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03", hours=24, start="2020-01-01"))
    record(employee, "correction", f.correction(2, "2021-01-01", hours=20))  # version 3
    record(employee, "training", f.training("2020-02-03"))
    record(employee, "retraction", f.retraction(4, "2021-01-01"))  # version 5
    for kind, payload in (
        ("correction", f.correction(3, "2021-02-01", hours=16)),
        ("retraction", f.retraction(3, "2021-02-01")),
    ):
        [reason] = refused(employee, kind, payload)["target_version"]
        assert reason == (
            "Version 3 is a correction of version 2, not a fact: correct version 2 again (the latest correction's "
            "values stand) or retract it."
        )
        assert reason.refusal is CORRECTION_NAMED  # type: ignore[attr-defined]
    [reason] = refused(employee, "correction", f.correction(5, "2021-02-01", hours=16))["target_version"]
    assert reason == "Version 5 is the retraction of version 4, not a fact: a retracted fact stays retracted."
    assert (
        "No fact with version 9" in refused(employee, "retraction", f.retraction(9, "2021-02-01"))["target_version"][0]
    )
    assert employee.version == 5  # nothing recorded


def test_a_retracted_fact_can_be_neither_corrected_nor_retracted_again() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03"))
    record(employee, "retraction", f.retraction(2, "2021-01-01"))
    assert not employee.facts[2].active
    assert (
        "retracted by version 3"
        in refused(employee, "correction", f.correction(2, "2021-02-01", hours=8))["target_version"][0]
    )
    assert "already retracted" in refused(employee, "retraction", f.retraction(2, "2021-02-01"))["target_version"][0]


def test_the_appointment_is_not_retracted_while_another_fact_stands() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03"))
    errors = refused(employee, "retraction", f.retraction(1, "2021-01-01"))
    assert "still standing: version 2 (training)." in errors["target_version"][0]


def test_a_retraction_that_would_orphan_another_fact_is_refused() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03", programme_id="PRG-1"))
    record(
        employee,
        "training_feedback",
        {"programme_id": "PRG-1", "rating": 4, "relevance": 5, "effective_date": "2020-01-10", "reference": "FB-1"},
    )
    errors = refused(employee, "retraction", f.retraction(2, "2021-01-01"))
    assert "inconsistent" in errors["target_version"][0]


# ------------------------------------------------------------------ idempotency


def test_recording_the_same_thing_twice_answers_as_the_first_time() -> None:
    employee = appoint()
    payload = f.promotion("III/b", "2014-04-01")
    first = record(employee, "rank_promotion", payload)
    again = record(employee, "rank_promotion", payload, at=datetime(2026, 11, 23, 5, tzinfo=UTC))
    assert (first.version, first.created) == (2, True)
    assert (again.version, again.created, again.recorded_at) == (2, False, first.recorded_at)
    assert employee.version == 2


def test_the_same_reference_with_different_values_is_a_conflict() -> None:
    employee = appoint()
    payload = f.promotion("III/b", "2014-04-01")
    record(employee, "rank_promotion", payload)
    with pytest.raises(IdempotencyConflict) as e:
        record(employee, "rank_promotion", {**payload, "new_rank": "III/c"})
    assert "new_rank" in str(e.value)


def test_a_client_key_records_once_and_refuses_reuse_for_something_else() -> None:
    employee = appoint()
    payload = f.training("2020-01-03")
    record(employee, "training", payload, client_key="k-1")
    outcome = record(employee, "training", payload, client_key="k-1")
    assert not outcome.created
    with pytest.raises(IdempotencyConflict):
        record(employee, "training", f.training("2020-01-03"), client_key="k-1")
    assert employee.version == 2


# ------------------------------------------------------------------ other kinds


def test_feedback_needs_a_completed_training_in_the_programme() -> None:
    errors = refused(
        appoint(),
        "training_feedback",
        {"programme_id": "PRG-9", "rating": 4, "relevance": 4, "effective_date": "2020-01-10", "reference": "FB"},
    )
    assert "no completed training" in errors["programme_id"][0]


def test_a_year_is_rated_once() -> None:
    employee = appoint()
    record(employee, "performance_rating", f.rating(2020))
    errors = refused(employee, "performance_rating", f.rating(2020, "SANGAT_BAIK"))
    assert "already rated" in errors["year"][0]


def test_a_rating_year_follows_corrections_and_reports_every_rating_of_it() -> None:
    """The years rated are kept with the record: a corrected year frees the old one and takes the new one."""
    employee = appoint()
    record(employee, "performance_rating", f.rating(2020))  # version 2
    record(employee, "performance_rating", f.rating(2021))  # version 3
    record(employee, "correction", f.correction(2, "2022-01-10", year=2019))
    record(employee, "performance_rating", f.rating(2020, effective_date="2022-01-11"))  # 2020 is free again
    errors = refused(employee, "performance_rating", f.rating(2019, effective_date="2022-01-12"))
    assert errors["year"] == ["2019 is already rated (version 2); correct it instead."]
    # a correction making two ratings of one year is refused, naming the year's rating
    errors = refused(employee, "correction", f.correction(3, "2022-01-13", year=2020))
    assert "already rated (version 5)" in errors["corrected_fields.year"][0]


def test_study_leave_cannot_start_twice_or_end_before_it_starts() -> None:
    employee = appoint()
    end = {"effective_date": "2016-01-01", "reference": "TB-END"}
    assert "ended without having started" in refused(employee, "study_leave_end", end)["effective_date"][0]
    start = {"institution": "USU", "level": "S-2", "effective_date": "2015-01-01", "reference": "TB-1"}
    record(employee, "study_leave_start", start)
    again = {**start, "reference": "TB-2", "effective_date": "2015-06-01"}
    assert "already open" in refused(employee, "study_leave_start", again)["effective_date"][0]


def test_a_penalty_without_an_end_runs_for_the_months_of_its_kind() -> None:
    employee = appoint()
    record(
        employee,
        "penalty",
        {"level": "MEDIUM", "penalty_kind": "PENUNDAAN_KP_1", "effective_date": "2020-03-01", "reference": "HD-1"},
    )
    assert employee.facts[2].values["end_date"] == date(2021, 2, 28)


def test_a_penalty_level_must_match_its_kind() -> None:
    errors = refused(
        appoint(),
        "penalty",
        {"level": "LIGHT", "penalty_kind": "PENUNDAAN_KP_1", "effective_date": "2020-03-01", "reference": "HD-1"},
    )
    assert "MEDIUM penalty" in errors["level"][0]


def test_one_born_on_29_february_is_18_on_28_february_of_a_common_year() -> None:
    birth, tmt = date(1992, 2, 29), date(2010, 2, 28)  # 18 on 28 February 2010, as the roster's age counts it
    employee, _ = Employee.appoint(f.nip(birth, tmt), parse(f.appointment(birth, tmt), "appointment"), f.recording())
    assert employee.version == 1
    day_before = date(2010, 2, 27)
    with pytest.raises(InvalidInput) as e:
        Employee.appoint(
            f.nip(birth, day_before), parse(f.appointment(birth, day_before), "appointment"), f.recording()
        )
    assert "under 18" in e.value.errors["birth_date"][0]


def test_a_mentoring_end_naming_another_mentor_names_the_mentoring_running() -> None:
    """An end naming a mentor with whom no mentoring runs, while one with another mentor does, names the one running
    by its mentor's NIP (the mentee's own record holds it), its start and version: until 2026-12-05 it said "The
    mentoring ended without having started", as if none ran."""
    employee = appoint()
    running, named = f.nip(sex="F"), f.nip(date(1973, 11, 2), date(2007, 10, 1), "F")
    record(employee, "mentoring_start", {"mentor_nip": running, "focus": "Arsip", **_dated("2025-11-02")})
    errors = refused(employee, "mentoring_end", {"mentor_nip": named, **_dated("2025-12-04")})
    assert errors == {
        "effective_date": [
            f"No mentoring with {named} is running on 2025-12-04 to end: the mentoring running then is with {running}, "
            "since 2025-11-02 (version 2). To end that one, name its mentor."
        ]
    }
    alone = appoint()  # (none running at all: as before)
    errors = refused(alone, "mentoring_end", {"mentor_nip": named, **_dated("2025-12-04")})
    assert errors == {
        "effective_date": [f"The mentoring with {named} ended without having started (this record, 2025-12-04)."]
    }
