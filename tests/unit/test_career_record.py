"""The read side's record: what was true on a date, as it was known at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from projections.career import CareerRecord
from tests import factories as f


def career() -> f.CareerBuilder:
    return (
        f.CareerBuilder()
        .add("rank_promotion", f.promotion("III/b", "2014-04-01"), "2014-05-02T00:00:00+00:00")
        .add("training", f.training("2015-03-03", hours=8), "2015-03-10T00:00:00+00:00")
        .add("correction", f.correction(3, "2016-01-04", hours=6), "2016-01-05T00:00:00+00:00")
        .add("rank_promotion", f.promotion("III/c", "2018-04-01"), "2018-04-20T00:00:00+00:00")
        .add("retraction", f.retraction(5, "2018-06-01"), "2018-06-02T00:00:00+00:00")
    )


def test_the_rank_held_on_a_date_follows_the_promotions() -> None:
    record = career().record()
    assert record.rank_on(date(2013, 1, 1))[0] == "III/a"  # type: ignore[index]
    assert record.rank_on(date(2016, 1, 1))[:2] == ("III/b", date(2014, 4, 1))  # type: ignore[index]


def test_a_retracted_promotion_no_longer_counts() -> None:
    record = career().record()
    assert record.rank_on(date(2020, 1, 1))[0] == "III/b"  # type: ignore[index]
    assert not record.facts[5].active


def test_known_at_shows_the_record_before_a_correction_was_recorded() -> None:
    record = career().record()
    assert record.facts[3].values["hours"] == 6
    before = record.known_at(datetime(2015, 12, 31, tzinfo=UTC))
    assert before.facts[3].values["hours"] == 8
    assert before.facts[3].corrections == []


def test_known_at_shows_a_retracted_fact_as_it_stood_before() -> None:
    record = career().record().known_at(datetime(2018, 5, 1, tzinfo=UTC))
    assert record.rank_on(date(2020, 1, 1))[0] == "III/c"  # type: ignore[index]


def test_a_definitive_post_ends_when_the_next_one_starts() -> None:
    def post(kind: str, day: str, level: str | None = None) -> dict[str, object]:
        return {
            "post_kind": kind,
            "level": level,
            "title": kind.title(),
            "unit": "BKPSDM",
            "assignment": "DEFINITIVE",
            "effective_date": day,
            "reference": f"JAB-{day}",
        }

    record = (
        f.CareerBuilder()
        .add("post_appointment", post("PELAKSANA", "2011-01-03"))
        .add("post_appointment", post("PENGAWAS", "2016-01-04", "IV.a"))
        .record()
    )
    first, second = record.posts
    assert (first.start, first.end) == (date(2011, 1, 3), date(2016, 1, 4))
    assert second.end is None
    assert record.definitive_post_on(date(2017, 1, 1)) == second


MOVED = {"effective_date": "2016-02-01", "reference": "MUT-1"}


def test_spells_split_a_career_where_unit_rank_or_post_change_and_close_at_separation() -> None:
    from projections.roster import spell_rows

    record = (
        f.CareerBuilder()
        .add("rank_promotion", f.promotion("III/b", "2014-04-01"))
        .add("placement", {"agency": "PROV-SUMUT", "unit": "Bappeda", "region": "12", **MOVED})
        .add("status_change", f.status("RETIRED", "2024-10-01"))
        .record()
    )
    spells = [(s["start_date"], s["end_date"], s["agency"], s["rank"]) for s in spell_rows(record)]
    assert spells == [
        ("2010-03-01", "2014-04-01", "KOTA-MEDAN", "III/a"),
        ("2014-04-01", "2016-02-01", "KOTA-MEDAN", "III/b"),
        ("2016-02-01", "2024-10-01", "PROV-SUMUT", "III/b"),
    ]


def _shown(record: CareerRecord) -> list[object]:
    """What a record's readers see of it: facts with values, corrections and retraction, and its indexes."""
    facts = [(v, x.values, x.effective_date, x.corrections, x.retraction) for v, x in sorted(record.facts.items())]
    kinds = {kind: [x.version for x in found] for kind, found in record.by_kind.items() if found}
    return [facts, [x.version for x in record.active], kinds, [(d, r, x.version) for d, r, x in record.rank_history]]


def test_a_record_known_at_any_moment_is_the_record_of_the_entries_recorded_by_then() -> None:
    final = career().add("rank_promotion", f.promotion("III/c", "2019-04-01"), "2019-04-20T00:00:00+00:00").record()
    times = sorted({e.recorded_at for e in final.entries})
    moments = [*times, *(t - timedelta(seconds=1) for t in times), times[-1] + timedelta(days=1)]
    for moment in moments:
        for known, kept in (
            (final.known_at(moment), [e for e in final.entries if e.recorded_at <= moment]),
            (final.known_before(moment), [e for e in final.entries if e.recorded_at < moment]),
        ):
            assert _shown(known) == _shown(CareerRecord(final.subject, kept)), moment
    assert final._recorded_in_order is not None  # in order: the known records are the first entries'


def test_a_correction_of_the_effective_date_moves_the_fact() -> None:
    record = (
        f.CareerBuilder()
        .add("training", f.training("2015-03-03", hours=8), "2015-03-10T00:00:00+00:00")
        .add("correction", f.correction(2, "2016-01-04", effective_date="2015-04-03"), "2016-01-05T00:00:00+00:00")
        .record()
    )
    assert record.facts[2].effective_date == date(2015, 4, 3) == record.facts[2].values["effective_date"]
    assert record.known_at(datetime(2015, 12, 31, tzinfo=UTC)).facts[2].effective_date == date(2015, 3, 3)


def _judged(record: CareerRecord) -> list[object]:
    """What the rules read of a record besides `_shown`: its ratings in order, rank look-ups."""
    days = [date(2011, 1, 1), date(2014, 4, 1), date(2014, 4, 2), date(2018, 4, 1), date(2025, 1, 1)]
    ranks = [(found[0], found[1], found[2].version) if found else None for found in map(record.rank_before, days)]
    return [[(year, x.version) for year, x in record.ratings.items()], record._rank_tmts, ranks]


def test_records_known_up_to_a_version_read_as_the_records_of_their_entries_in_or_out_of_order() -> None:
    """Known records take their lists and ratings as first parts of the full record's when the
    versions rise along them: the same as a record made of the entries kept, whether they rise
    (a career recorded as it happened) or not (a rating and a promotion recorded late)."""
    in_order = (
        career()
        .add("performance_rating", f.rating(2018), "2019-01-10T00:00:00+00:00")
        .add("performance_rating", f.rating(2019), "2020-01-10T00:00:00+00:00")
        .add("rank_promotion", f.promotion("III/d", "2020-04-01"), "2020-04-20T00:00:00+00:00")
    )
    late = (
        career()
        .add("performance_rating", f.rating(2019), "2020-01-10T00:00:00+00:00")
        .add("performance_rating", f.rating(2017), "2020-02-10T00:00:00+00:00")
        .add("rank_promotion", f.promotion("III/d", "2020-04-01"), "2020-04-20T00:00:00+00:00")
        .add("rank_promotion", f.promotion("III/c", "2016-04-01"), "2020-05-20T00:00:00+00:00")
    )
    ordered, unordered = in_order.record(), late.record()
    for final in (ordered, unordered):
        for moment in [*sorted({e.recorded_at for e in final.entries}), datetime(2030, 1, 1, tzinfo=UTC)]:
            known = final.known_before(moment)
            fresh = CareerRecord(final.subject, [e for e in final.entries if e.recorded_at < moment])
            assert _shown(known) == _shown(fresh), moment
            assert _judged(known) == _judged(fresh), moment
    assert "performance_rating" in ordered._rising_versions
    assert ordered._rank_versions is not None
    assert "performance_rating" not in unordered._rising_versions
    assert unordered._rank_versions is None


KINDS = ("appointment", "rank_promotion", "training", "performance_rating", "penalty", "exam", "education")


def test_a_known_records_facts_of_one_kind_are_a_fresh_records_without_indexing_every_kind() -> None:
    """`kind_facts` of a record known up to a version (what the promotion judge reads of each record
    known before a decision): the same facts as a record made of the entries kept, for kinds whose
    versions rise, kinds recorded late and kinds the record lacks; a rising kind is read without
    making the known record's whole `by_kind`."""
    late = (
        career()
        .add("performance_rating", f.rating(2019), "2020-01-10T00:00:00+00:00")
        .add("performance_rating", f.rating(2017), "2020-02-10T00:00:00+00:00")
        .add("rank_promotion", f.promotion("III/d", "2020-04-01"), "2020-04-20T00:00:00+00:00")
    )
    final, shared = late.record(), 0
    for moment in [*sorted({e.recorded_at for e in final.entries}), datetime(2030, 1, 1, tzinfo=UTC)]:
        known = final.known_before(moment)
        if known._within is not None:  # sharing the full record's facts (every amendment kept)
            assert known.kind_facts("training") is known.kind_facts("training")  # read twice: the same list
            assert "by_kind" not in known.__dict__, moment  # training's versions rise: a first part, no index
            shared += 1
        fresh = CareerRecord(final.subject, [e for e in final.entries if e.recorded_at < moment])
        for kind in KINDS:
            assert [x.version for x in known.kind_facts(kind)] == [x.version for x in fresh.kind_facts(kind)]
            assert known.kind_facts(kind) == fresh.by_kind.get(kind, []), (moment, kind)
            assert known.of_kind(kind) == fresh.of_kind(kind), (moment, kind)
    assert shared >= 3
    assert "performance_rating" not in final._rising_versions  # the late rating: read through `by_kind`


def test_a_records_cached_property_is_computed_once_and_kept_on_the_object() -> None:
    from projections.career import cached_property

    class Counted:
        calls = 0

        @cached_property
        def value(self) -> int:
            Counted.calls += 1
            return Counted.calls

    one = Counted()
    assert (one.value, one.value, one.__dict__["value"]) == (1, 1, 1)
    assert Counted().value == 2
    assert isinstance(Counted.__dict__["value"], cached_property)
    assert not hasattr(Counted.__dict__["value"], "lock")  # functools.cached_property of 3.11 takes one


def _on_days(record: CareerRecord) -> list[object]:
    """What the views read of a record by day: status, study leave, education; and who it is."""
    days = [date(2009, 1, 1), date(2010, 3, 1), date(2013, 8, 1), date(2015, 6, 1), date(2016, 6, 1), date(2030, 1, 1)]
    by_day = [(record.status_on(d), record.on_study_leave(d), record.education_on(d)) for d in days]
    appointment = record.appointment
    return [by_day, None if appointment is None else appointment.version, record.employment_kind]


def test_status_study_leave_and_education_on_a_day_read_alike_in_known_and_fresh_records() -> None:
    """`status_on`, `on_study_leave` and `education_on` (a first part of each kind's list by date; the
    education kept by the number of degrees held) and the appointment of a record known before each
    recording (the full record's when kept): as a record made of the entries kept, a degree and a
    status change recorded late, a status change retracted."""
    degree = {"level": "S2", "field_of_study": "Administrasi Publik", "institution": "USU"}
    final = (
        career()
        .add("education", {**degree, "effective_date": "2013-08-01", "reference": "IJ-2"}, "2013-09-01T00:00:00+00:00")
        .add("status_change", f.status("UNPAID_LEAVE", "2016-01-01"), "2016-01-05T00:00:00+00:00")
        .add("status_change", f.status("ACTIVE", "2016-05-01"), "2016-05-05T00:00:00+00:00")
        .add("retraction", f.retraction(9, "2016-06-01"), "2016-06-02T00:00:00+00:00")
        .add(
            "study_leave_start",
            {"institution": "UI", "level": "S3", "effective_date": "2017-01-01", "reference": "TB-1"},
            "2017-01-02T00:00:00+00:00",
        )
        .add("education", {**degree, "level": "S3", "effective_date": "2012-01-01", "reference": "IJ-3"})
        .record()
    )
    for moment in [*sorted({e.recorded_at for e in final.entries}), datetime(2030, 1, 1, tzinfo=UTC)]:
        known = final.known_before(moment)
        fresh = CareerRecord(final.subject, [e for e in final.entries if e.recorded_at < moment])
        assert _on_days(known) == _on_days(fresh), moment
        assert _on_days(known) == _on_days(known), moment  # asked again: the kept answers
    assert final.status_on(date(2016, 2, 1)) == "UNPAID_LEAVE"
    assert final.status_on(date(2017, 2, 1)) == "UNPAID_LEAVE"  # the return to ACTIVE (version 9) retracted
    assert final.on_study_leave(date(2017, 2, 1))
    assert not final.on_study_leave(date(2016, 12, 31))
    assert final.education_on(date(2012, 6, 1)) == "S-3"  # (the level as the reference names it)


def test_the_facts_of_several_kinds_are_every_kinds_facts_in_order_of_effective_date_once_each() -> None:
    """`of_kind` of several kinds (merged from `active`, not sorted again) lists the facts a sort of the kinds' lists
    gives: none, one kind's alone, several kinds' interleaved by effective date (a correction moving one before
    another), and a kind named twice its facts twice."""
    record = (
        career()
        .add("training", f.training("2013-06-03", hours=4), "2019-01-02T00:00:00+00:00")
        .add("correction", f.correction(7, "2019-02-04", effective_date="2014-03-01"), "2019-02-05T00:00:00+00:00")
        .record()
    )
    kinds_asked = [
        ("rank_promotion", "training"),
        ("training", "rank_promotion"),
        ("training", "exam"),
        ("exam", "penalty"),
        ("rank_promotion", "training", "rank_promotion"),
    ]
    for kinds in kinds_asked:
        by_kind = record.by_kind
        expected = sorted((x for k in kinds for x in by_kind.get(k, ())), key=lambda x: (x.effective_date, x.version))
        assert [x.version for x in record.of_kind(*kinds)] == [x.version for x in expected], kinds
    both = [(x.kind, x.version) for x in record.of_kind("rank_promotion", "training")]
    assert both == [("training", 7), ("rank_promotion", 2), ("training", 3)]  # 5 retracted; 7 moved before 2
