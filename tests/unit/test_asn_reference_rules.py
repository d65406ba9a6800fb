"""The shared reference (asn-career-rules.md) against the code that encodes it: the cases where they differed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from careerlog.reference import Rules, reference, rules
from careerlog.retirement import retirement_age
from projections.career import CareerRecord, Fact
from projections.merit.eligibility import eligibility_rows
from projections.merit.retirement import expected_retirement, youngest_retirement_age
from projections.merit.rules import (
    PromotionJudge,
    penalty_bars_until,
    penalty_end,
    penalty_served,
    rating_read_until,
    round_dates,
)
from tests import factories as f

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize("written", ["15", "UNDER_PENALTY"])
def test_siasn_legal_status_15_under_disciplinary_penalty_is_recorded_and_keeps_the_employee_in_post(
    written: str,
) -> None:
    """The reference lists SIASN kedudukanHukum 15, under disciplinary penalty, among the legal statuses [S]: a status
    change to it (by its code or its SIASN number, as 02 for CLTN) is recorded; the employee stays in service."""
    builder = f.CareerBuilder().confirmed()
    builder.add("status_change", f.status(written, "2024-03-01"))
    record = builder.record()
    assert record.status_on(date(2024, 3, 1)) == "UNDER_PENALTY"
    assert record.active_on(date(2024, 3, 1))
    assert reference().statuses["UNDER_PENALTY"]["siasn"] == "15"


def test_promotion_dates_on_another_day_of_the_month_are_the_rounds_and_the_offers_dates() -> None:
    """promotion.dates is configurable (`months`, `day`): a rules file naming the 15th makes the 15th of its months
    the permitted dates, of the rounds and of an offer, as the rule judges a TMT (not none at all: only the 1st of a
    month was ever tried)."""
    book = rules()
    versions = [replace(v, params={**v.params, "day": 15}) if v.id == "promotion.dates" else v for v in book.all]
    fifteenth = Rules(versions)
    assert list(round_dates(date(2023, 9, 1), date(2024, 4, 30), fifteenth)) == [
        date(2023, 10, 15),
        date(2024, 2, 15),
        date(2024, 4, 15),
    ]
    record = f.CareerBuilder(appointed=date(2020, 3, 1)).record()
    row = eligibility_rows(record, date(2020, 3, 1), PromotionJudge(record, fifteenth))[0]
    assert (row["earliest_date"], row["judged_on"]) == ("2024-04-15", "2024-04-15")
    assert "promotion.dates" not in json.loads(row["missing"])


def test_the_kinds_exempt_from_the_penalty_and_the_service_exam_are_the_rules_not_hard_wired() -> None:
    """promotion.penalty and promotion.service_exam are unconfirmed (M), so configurable: their `exempt_kinds` (211;
    211 and 212 as bundled) choose the kinds they do not judge, as promotion.dates' and promotion.no_probation's do."""
    penalty = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_6", "effective_date": "2023-11-01", "reference": "HD-1"}
    builder = f.CareerBuilder(rank="II/d", education="D-III").confirmed().add("penalty", penalty)
    record = builder.record()

    def judged(book: Rules, kind: str) -> set[str]:
        return {c.rule for c in PromotionJudge(record, book).checks(date(2024, 2, 1), kind, "III/a")}

    def exempt(kinds: list[str]) -> Rules:
        changed = ("promotion.penalty", "promotion.service_exam")
        every = {"crossing_kinds": ["101", "201", "211", "212"]}  # (the exam's crossing asked of these kinds)
        return Rules(
            [
                replace(v, params={**v.params, **every, "exempt_kinds": kinds}) if v.id in changed else v
                for v in rules().all
            ]
        )

    both = {"promotion.penalty", "promotion.service_exam"}
    assert both & judged(rules(), "212") == {"promotion.penalty"}  # (the exam: 211 and 212 exempt)
    assert both & judged(rules(), "211") == set()
    assert both & judged(exempt(["211", "212"]), "212") == set()
    assert both & judged(exempt([]), "211") == both


def test_every_unconfirmed_rule_is_listed_among_the_unconfirmed_rules_of_the_reference_data_page() -> None:
    """The reference asks that docs/ say which rules are unconfirmed (M, I): the list "Unconfirmed rules" of
    docs/reference-data.md names every rule of the bundled rules file with an M or I version, with its marks."""
    text = (Path(__file__).parents[2] / "docs" / "reference-data.md").read_text(encoding="utf-8")
    listed = text.split("## Unconfirmed rules", 1)[1]
    marks: dict[str, set[str]] = {}
    for rule in rules().all:
        if rule.status in ("M", "I"):
            marks.setdefault(rule.id, set()).add(rule.status)
    missing = [
        rule_id for rule_id, found in sorted(marks.items()) if not any(f"- `{rule_id}` ({m}" in listed for m in found)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("start", "months", "last"),
    [
        ("2022-01-01", 6, "2022-06-30"),  # the docs' example
        ("2023-03-31", 6, "2023-09-30"),  # September has no 31st: its last day, not the 29th
        ("2023-08-31", 6, "2024-02-29"),
        ("2023-08-30", 6, "2024-02-29"),
        ("2023-08-29", 6, "2024-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2023-01-31", 6, "2023-07-30"),
    ],
)
def test_a_penalty_of_whole_months_ends_on_the_day_before_the_same_day_months_later_or_that_months_last_day(
    start: str, months: int, last: str
) -> None:
    """A penalty of a kind of so many months (POTONG_TUKIN_6, ...) recorded without an end ends after its last
    month: the day before the same day of the month `months` later, and, when that month has no such day (begun on
    31 March), on that month's last day. Recorded so (its end filled in), read so by promotion.penalty, and an end
    given as that day is no longer refused as too long."""
    kind = {6: "POTONG_TUKIN_6", 12: "POTONG_TUKIN_12"}[months]
    penalty = {"level": "MEDIUM", "penalty_kind": kind, "effective_date": start, "reference": "HD-1"}
    recorded = f.CareerBuilder(birth=date(1980, 1, 1), appointed=date(2010, 3, 1)).add("penalty", penalty).record()
    fact = recorded.of_kind("penalty")[0]
    assert fact.get("end_date") == date.fromisoformat(last)
    without_end = f.CareerBuilder(birth=date(1980, 1, 1), appointed=date(2010, 3, 1))
    assert penalty_end(Fact(fact.entry, {**fact.values, "end_date": None})) == date.fromisoformat(last)
    given = without_end.add("penalty", {**penalty, "end_date": last}).record()  # not refused as too long
    assert given.of_kind("penalty")[0].get("end_date") == date.fromisoformat(last)


@pytest.mark.parametrize(
    ("title", "age"),
    [("Guru Ahli Pertama", 60), ("GURU AHLI PERTAMA", 60), ("guru kelas", 60), ("DOSEN ASISTEN AHLI", 65)],
)
def test_a_teachers_retirement_age_is_read_from_the_titles_first_word_in_any_letter_case(title: str, age: int) -> None:
    """retirement.age's `post_titles` (Guru 60, Dosen 65) name a functional post by its title's first word: a title
    written in capitals, as SIASN lists and many decrees write it, is a teacher's too (it read as the default 58, and
    the past-retirement worklist named the teacher two years early)."""
    assert retirement_age(rules(), date(2026, 1, 1), "FUNGSIONAL", "AHLI_PERTAMA", title) == (age, "M")


def test_the_months_a_penalty_bars_after_its_end_run_to_the_last_day_of_the_last_of_them() -> None:
    """promotion.penalty's `extra_months` (the freeze after a penalty, M: configurable) count whole months from the
    day after its last day, as its own months are counted: a 6-month penalty begun 1 April 2023 ends on 30 September
    and 3 months more bar until 31 December (not the 30th); one ended on 28 February 2023 and 1 month more, until 31
    March (not the 28th)."""
    extra = {"MEDIUM": 3}
    penalty = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_6", "effective_date": "2023-04-01", "reference": "HD-1"}
    fact = f.CareerBuilder().add("penalty", penalty).record().of_kind("penalty")[0]
    assert penalty_end(fact) == date(2023, 9, 30)
    assert penalty_bars_until(fact, extra) == date(2023, 12, 31)
    assert penalty_served(fact, date(2023, 12, 31), extra)
    assert not penalty_served(fact, date(2024, 1, 1), extra)
    short = {**penalty, "effective_date": "2022-09-01", "end_date": "2023-02-28", "reference": "HD-2"}
    ended = f.CareerBuilder().add("penalty", short).record().of_kind("penalty")[0]
    assert penalty_bars_until(ended, {"MEDIUM": 1}) == date(2023, 3, 31)
    assert penalty_bars_until(ended, {}) == date(2023, 2, 28)


def test_a_years_rating_is_read_until_the_end_of_the_years_the_performance_rule_reads_for_the_kind() -> None:
    """promotion.performance reads the 2 years before a 101's TMT and the 1 before a 203's: 2025's rating is read by
    every 101 date up to 31 December 2027 and every 203 date up to 31 December 2026 (the eligibility view's
    barred_until and the career page both read it there); a kind the rule reads no years for, or a day no version of
    the rule is in force, reads it on no date."""
    book = rules()
    assert rating_read_until(book, date(2026, 4, 1), "101", 2025) == date(2027, 12, 31)
    assert rating_read_until(book, date(2026, 4, 1), "203", 2025) == date(2026, 12, 31)
    assert rating_read_until(book, date(2026, 4, 1), "999", 2025) is None
    assert rating_read_until(book, date(1950, 4, 1), "101", 1949) is None


def test_the_expected_end_of_service_reads_the_retirement_age_in_force_on_the_day_it_is_reached() -> None:
    """retirement.age is unconfirmed (M), so configurable, and may change from a day on (58 until 2030, 60 from then):
    one who reaches 58 after the change retires at 60, by the rule of the day their service would end, not by the
    version in force today; one who reaches 58 before it, at 58."""
    book = rules()
    (bundled,) = book.versions("retirement.age")
    changed = Rules(
        [
            *(r for r in book.all if r.id != "retirement.age"),
            replace(bundled, valid_to=date(2030, 1, 1)),
            replace(bundled, valid_from=date(2030, 1, 1), params={**bundled.params, "default": 60}),
        ]
    )

    def end(birth: str) -> tuple[str, int]:
        row = {"employment_kind": "PNS", "separated_on": None, "birth_date": birth, "post_kind": "PELAKSANA"}
        found = expected_retirement(changed, {**row, "post_level": None, "post_assignment": "DEFINITIVE"}, TODAY)
        assert found is not None
        return found["day"], found["age"]

    assert end("1973-06-15") == ("2033-06-30", 60)  # 58 on 2031-06-15, after the change
    assert end("1970-03-10") == ("2028-03-31", 58)  # 58 on 2028-03-10, before it
    assert youngest_retirement_age(changed, TODAY) == 58


def test_a_promotion_by_degree_is_asked_the_adjustment_exam_not_the_service_exam_of_its_crossing() -> None:
    """The reference asks the service exam (ujian dinas) of a regular promotion crossing into III/a or IV/a, and of a
    promotion by degree (203) "passed the adjustment exam" (UPKP): the degree exempts it from the service exam, as a
    functional post (202) does. promotion.service_exam asked UD_I of a 203 from II/d to III/a too, so the career page
    told a degree holder with the UPKP passed to pass UD_I, and the audit raised a 203 without it as a finding. The
    kinds asked the crossing's exam are the rule's `crossing_kinds` (M: 101 and 201 as bundled)."""
    builder = f.CareerBuilder(rank="II/c", education="SLTA").confirmed()
    builder.add("rank_promotion", f.promotion("II/d", "2020-04-01"))
    builder.add(
        "education",
        {
            "level": "S-1",
            "field_of_study": "Hukum",
            "institution": "UNDIP",
            "effective_date": "2022-08-01",
            "reference": "IJ-1",
        },
    )
    builder.add("exam", {"exam": "UPKP", "effective_date": "2022-11-01", "reference": "UPKP-1"})
    record = builder.record()

    def exam(kind: str, new: str, book: Rules | None = None) -> tuple[str, str] | None:
        checks = PromotionJudge(record, book or rules()).checks(date(2023, 4, 1), kind, new)
        found = [c for c in checks if c.rule == "promotion.service_exam"]
        return (found[0].outcome, found[0].message) if found else None

    assert exam("203", "III/a") == ("met", "exam UPKP passed")
    # the S-1 exempts the crossing kinds' UD_I too (`exempt_education`, since 2026-12-05): without the exemptions,
    # the reference's own case asks it
    assert exam("101", "III/a") == ("met", "exam UD_I not needed: education S-1 held")
    plain = Rules(
        [
            replace(v, params={k: x for k, x in v.params.items() if k not in ("exempt_education", "exempt_training")})
            if v.id == "promotion.service_exam"
            else v
            for v in rules().all
        ]
    )
    assert exam("101", "III/a", plain) == ("missing", "exam UD_I not passed by 2023-04-01")  # the reference's own case
    assert exam("201", "III/a", plain) == ("missing", "exam UD_I not passed by 2023-04-01")
    assert exam("202", "III/a") is None  # a functional-post holder is exempt: not judged
    crossing = Rules(
        [
            replace(v, params={**v.params, "crossing_kinds": ["101", "203"]}) if v.id == "promotion.service_exam" else v
            for v in plain.all
        ]
    )
    assert exam("203", "III/a", crossing) == ("missing", "exam UD_I not passed by 2023-04-01")
    assert exam("201", "III/a", crossing) is None


def test_the_yearly_jp_of_a_promotion_is_not_asked_of_a_year_before_the_rule_nor_of_a_year_ended_as_a_cpns() -> None:
    """promotion.training (20 JP a year, PP 11/2017 art. 203(4), in force from 2017-03-30) judges the year before the
    TMT by the version in force on that year's last day, as the training table reads `training.yearly_jp`: a TMT of
    2017-04-01 or 2017-10-01 judged 2016's JP by the version in force on the TMT, though no rule asked JP in 2016; and a
    year the employee ended as a CPNS (confirmed only after it) was judged, where the training table leaves it out."""

    def training(record: CareerRecord, tmt: date) -> str | None:
        checks = PromotionJudge(record, rules()).checks(tmt, "101", "III/b")
        found = [c.message for c in checks if c.rule == "promotion.training"]
        return found[0] if found else None

    pns = f.CareerBuilder(rank="III/a", education="S-1").confirmed().record()
    assert training(pns, date(2017, 4, 1)) is None
    assert training(pns, date(2017, 10, 1)) is None
    assert training(pns, date(2018, 4, 1)) == "0 JP in 2017; 20 needed"
    cpns = f.CareerBuilder(appointed=date(2019, 3, 1), rank="III/a", education="S-1").confirmed("2020-03-01").record()
    assert training(cpns, date(2020, 4, 1)) is None  # 2019 ended as a CPNS
    assert training(cpns, date(2021, 4, 1)) == "0 JP in 2020; 20 needed"
    unconfirmed = f.CareerBuilder(appointed=date(2019, 3, 1), rank="III/a", education="S-1").record()
    assert training(unconfirmed, date(2020, 4, 1)) is None  # 2019 ended inside the probation year
    # none recorded, the probation year over: read as a PNS's (an offer assumes the confirmation no_probation asks)
    assert training(unconfirmed, date(2021, 4, 1)) == "0 JP in 2020; 20 needed"


def test_the_yearly_jp_reads_the_confirmation_in_effect_by_the_tmt_judged_on_each_day_of_the_year() -> None:
    """A confirmation taking effect after a TMT is not read for it (as known before the decision), and one judge asked
    of two days of a year (the promotion rounds ask twice) answers each by the confirmations in effect by that day: a
    CPNS of 2019-03-01 confirmed late, on 2021-06-01, had 2020 judged for a TMT of April 2021 (the probation year over,
    none in effect: read as a PNS's) and not for one of October 2021 (confirmed only after 2020)."""
    builder = f.CareerBuilder(appointed=date(2019, 3, 1), rank="III/a", education="S-1")
    late = builder.add("confirmation", f.confirmation("2021-06-01")).record()
    judge = PromotionJudge(late, rules())

    def training(tmt: date) -> list[str]:
        return [c.message for c in judge.checks(tmt, "101", "III/b") if c.rule == "promotion.training"]

    assert training(date(2021, 4, 1)) == ["0 JP in 2020; 20 needed"]
    assert training(date(2021, 10, 1)) == []
