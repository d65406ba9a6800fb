"""The study-leave audit: a start of study leave (tugas belajar) needs a year as PNS and no medium or severe penalty
in force (the reference, [S]), judged by what was recorded before the start, a penalty recorded later being its own
evidence.recorded_after finding."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from careerlog.reference import Rules, rules
from projections.career import CareerRecord
from projections.merit.study_leave import StudyLeaveProjection, study_leave_starts
from tests import factories as f

APPOINTED = date(2018, 3, 1)
T = "T03:00:00+00:00"


def career(**fields: Any) -> f.CareerBuilder:
    return f.CareerBuilder(appointed=APPOINTED, **fields)


def pppk() -> f.CareerBuilder:
    """A PPPK appointed on APPOINTED (grade IX)."""
    return f.pppk_builder(APPOINTED)


def confirmed(builder: f.CareerBuilder, day: str = "2019-03-01") -> f.CareerBuilder:
    return builder.add("confirmation", {"latsar_certificate": "LATSAR-1", "effective_date": day, "reference": "SK-PNS"})


def leave(day: str) -> dict[str, Any]:
    return {"institution": "Universitas Sumatera Utara", "level": "S-2", "effective_date": day, "reference": "TB-1"}


def penalty(level: str, kind: str, day: str) -> dict[str, Any]:
    return {"level": level, "penalty_kind": kind, "effective_date": day, "reference": f"HD-{day}"}


# a medium penalty of PP 53/2010 (PENUNDAAN_KP_1, 12 months) ended early, after six months
SERVED = {"level": "MEDIUM", "penalty_kind": "PENUNDAAN_KP_1", "effective_date": "2021-01-10", "end_date": "2021-07-09"}
SERVED["reference"] = "HD-2021-01-10"


def audited(record: CareerRecord, book: Rules | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    projection = StudyLeaveProjection()
    if book is None:
        rows = projection.rows(record)
    else:
        from unittest import mock

        with mock.patch("projections.merit.study_leave.rules", return_value=book):
            rows = projection.rows(record)
    found = [{**row, "evidence": json.loads(row["evidence"])} for row in rows["study_leave_findings"]]
    return rows["study_leaves"], found


def with_params(rule_id: str, **params: Any) -> Rules:
    """The configured rules with `params` set in every version of `rule_id`."""
    book = rules()
    return Rules([replace(r, params={**r.params, **params}) if r.id == rule_id else r for r in book.all])


def test_a_study_leave_after_two_years_as_pns_without_penalty_is_compliant() -> None:
    record = confirmed(career()).add("study_leave_start", leave("2021-09-01")).record()
    [row], found = audited(record)
    assert found == []
    assert (row["kind"], row["start_date"], row["verdict"]) == ("study_leave_start", "2021-09-01", "compliant")
    assert row["judged"] == 1
    assert (row["pns_since"], row["pns_years"], row["employment_kind"]) == ("2019-03-01", 2, "PNS")


def test_a_study_leave_within_the_first_year_as_pns_is_a_finding_with_the_confirmation_as_evidence() -> None:
    record = confirmed(career()).add("study_leave_start", leave("2019-09-01")).record()
    [row], [found] = audited(record)
    assert (row["verdict"], row["finding_count"], row["max_severity"]) == ("findings", 1, "high")
    assert (found["rule"], found["status"]) == ("study_leave.service_years", "S")
    assert found["message"] == "PNS since 2019-03-01; 1 y needed, reached on 2020-03-01; study leave from 2019-09-01"
    assert [e["kind"] for e in found["evidence"]] == ["confirmation"]


def test_a_status_change_to_study_leave_is_judged_as_a_start_and_not_again_while_away() -> None:
    builder = confirmed(career()).add("status_change", f.status("STUDY_LEAVE", "2019-10-01"))
    builder.add("status_change", f.status("STUDY_LEAVE", "2020-10-01"))  # still away: starts nothing
    record = builder.record()
    assert [fact.version for fact in study_leave_starts(record)] == [3]
    [row], [found] = audited(record)
    assert (row["kind"], row["version"], found["rule"]) == ("status_change", 3, "study_leave.service_years")


def test_a_study_leave_recorded_both_as_its_fact_and_its_status_on_one_day_is_one_start() -> None:
    # HR records the study leave (its institution and decree) and SIASN's kedudukanHukum 03 of the same day: one
    # study leave, judged once (as its study_leave_start), not two rows with their findings twice
    for first, second in (("study_leave_start", "status_change"), ("status_change", "study_leave_start")):
        builder = confirmed(career())
        for kind in (first, second):
            builder.add(
                kind, leave("2019-09-01") if kind == "study_leave_start" else f.status("STUDY_LEAVE", "2019-09-01")
            )
        record = builder.record()
        [start] = study_leave_starts(record)
        assert start.kind == "study_leave_start"
        [row], [found] = audited(record)
        assert (row["kind"], found["rule"]) == ("study_leave_start", "study_leave.service_years")


def test_without_a_confirmation_the_employee_is_a_cpns_with_no_years_as_pns() -> None:
    """Appointed 1 March 2018, no confirmation recorded, study leave from 1 September 2021: a CPNS, however long ago
    appointed (as promotion.no_probation reads it), so no years as PNS at all; the appointment is the evidence."""
    record = career().add("study_leave_start", leave("2021-09-01")).record()
    [row], [found] = audited(record)
    assert (row["pns_since"], row["pns_years"], row["verdict"]) == (None, None, "findings")
    assert (found["rule"], found["message"]) == (
        "study_leave.service_years",
        "CPNS since 2018-03-01, no confirmation as PNS recorded by 2021-09-01; study leave from 2021-09-01",
    )
    assert [e["kind"] for e in found["evidence"]] == ["appointment"]


def test_a_medium_penalty_in_force_is_a_finding_and_one_ended_is_not() -> None:
    builder = confirmed(career()).add("penalty", SERVED)
    builder.add("study_leave_start", leave("2021-05-01"))
    [_row], [found] = audited(builder.record())
    assert (found["rule"], found["message"]) == (
        "study_leave.penalty",
        "penalties barring study leave in force on 2021-05-01: 1",
    )
    assert [e["kind"] for e in found["evidence"]] == ["penalty"]
    ended = confirmed(career()).add("penalty", SERVED)
    ended.add("study_leave_start", leave("2021-08-01"))  # ended on 2021-07-09
    assert audited(ended.record())[1] == []


def test_a_light_penalty_does_not_bar_study_leave() -> None:
    builder = confirmed(career()).add("penalty", penalty("LIGHT", "TEGURAN_LISAN", "2021-04-01"))
    builder.add("study_leave_start", leave("2021-05-01"))
    assert audited(builder.record())[1] == []


def test_a_penalty_recorded_after_the_start_is_late_evidence_not_a_penalty_finding() -> None:
    builder = confirmed(career()).add("study_leave_start", leave("2021-05-01"), f"2021-05-02{T}")
    builder.add("penalty", penalty("SEVERE", "PENURUNAN_PANGKAT_3", "2021-03-01"), f"2021-06-01{T}")
    [row], [found] = audited(builder.record())
    assert found["rule"] == "evidence.recorded_after"
    assert found["message"].startswith("1 supporting fact(s) effective by 2021-05-01 recorded after the decision")
    assert [e["kind"] for e in found["evidence"]] == ["penalty"]
    assert row["verdict"] == "findings"


def test_a_pppk_is_not_judged_by_default_and_as_configured_otherwise() -> None:
    record = pppk().add("study_leave_start", leave("2018-09-01")).record()
    [row], found = audited(record)
    assert (found, row["employment_kind"], row["pns_since"]) == ([], "PPPK", None)
    [finding] = audited(record, with_params("study_leave.service_years", pppk="finding"))[1]
    assert finding["message"] == "a PPPK is not a PNS; study leave from 2018-09-01"
    [counted] = audited(record, with_params("study_leave.service_years", pppk="appointment"))[1]
    assert counted["message"].startswith("PNS since 2018-03-01; 1 y needed")


def test_a_start_before_the_rules_are_in_force_is_listed_not_judged() -> None:
    record = f.CareerBuilder(appointed=date(2010, 3, 1)).add("study_leave_start", leave("2010-09-01")).record()
    [row], found = audited(record)
    assert (row["judged"], row["verdict"], found) == (0, None, [])
