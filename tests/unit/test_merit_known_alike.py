"""A promotion (or a definitive post appointment) is audited on the final record's judge only where the record as
known before the decision judges it alike (projections/merit/known_alike.py): the audit's rows are those of the
record as known before it in every case, and the cases where the final record would judge otherwise are judged as
known."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from careerlog.reference import Rules, rules
from projections.career import CareerRecord, Entry
from projections.merit.audit import post_tuples, promotion_tuples
from projections.merit.known_alike import COVERED, POST_COVERED, KnownBefore, alike_before
from projections.merit.posts import JUDGE_NAMES as POST_JUDGE_NAMES
from projections.merit.posts import MANAGERIAL_JUDGE_NAMES, PostJudge
from projections.merit.rules import JUDGE_NAMES, PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"
DAY = date(2014, 4, 1)  # the promotion's TMT
CONFIRMATION = {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}


def career(*, rated: range = range(2010, 2014)) -> f.CareerBuilder:
    """A III/a CPNS of 2010-03-01, confirmed in 2011, rated Baik in the years `rated` (from 2010), promoted to
    III/b on 2014-04-01 (recorded 2014-04-10): everything recorded in the order it was."""
    builder = f.CareerBuilder()
    for year in rated:  # each recorded on 15 January of the next year, the confirmation after the first
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
        if year == 2010:
            builder.add("confirmation", CONFIRMATION, f"2011-03-01{T}")
    return builder.add("rank_promotion", f.promotion("III/b", DAY.isoformat()), f"2014-04-10{T}")


def later(builder: f.CareerBuilder) -> f.CareerBuilder:
    return builder.add("training", f.training("2015-05-01", hours=8), f"2015-05-02{T}")


def findings(judge: PromotionJudge, fact: Any) -> list[str]:
    day, kind, new = fact.effective_date, str(fact.get("promotion_kind")), str(fact.get("new_rank"))
    return [c.rule for c in judge.checks(day, kind, new) if c.finding]


def audited(record: CareerRecord) -> list[bool]:
    """For each promotion, whether it was judged on the final record; its rows equal the rows judged on the
    record as known before it (asserted)."""
    book = rules()
    judge = PromotionJudge(record, book)
    before = KnownBefore(judge)
    alike = []
    for fact in record.promotions():
        assert promotion_tuples(record, fact, book, before) == promotion_tuples(record, fact, book)
        alike.append(before.judge_of(fact) is judge)
    return alike


def the_promotion(record: CareerRecord) -> Any:
    return next(p for p in record.promotions() if p.effective_date == DAY)


def differs_on_the_final_record(record: CareerRecord) -> bool:
    """Whether the final record's judge finds otherwise than the record as known before the promotion."""
    fact = the_promotion(record)
    known = PromotionJudge(record.known_before(fact.entry.recorded_at))
    return findings(PromotionJudge(record), fact) != findings(known, fact)


def with_entry(record: CareerRecord, entry: Entry) -> CareerRecord:
    return CareerRecord(record.subject, [*record.entries, entry])


def test_a_promotion_followed_only_by_later_facts_is_judged_on_the_final_record() -> None:
    assert audited(later(career()).record()) == [True]


def test_a_rating_of_a_year_before_recorded_after_the_decision_is_judged_as_known_though_dated_after_it() -> None:
    # the 2013 rating, dated after the TMT, is read by its year: known before, 2013 is absent (a finding)
    builder = career(rated=range(2010, 2013)).add(
        "performance_rating", f.rating(2013, effective_date="2014-06-30"), f"2014-07-01{T}"
    )
    record = later(builder).record()
    assert differs_on_the_final_record(record)
    assert audited(record) == [False]


def test_a_fact_in_effect_by_the_tmt_recorded_after_the_decision_is_judged_as_known() -> None:
    builder = career(rated=range(2010, 2013)).add("performance_rating", f.rating(2013), f"2014-05-01{T}")
    record = builder.record()
    assert differs_on_the_final_record(record)
    assert audited(record) == [False]


def test_a_correction_recorded_after_the_decision_is_judged_as_known() -> None:
    record = career().record()
    rating = next(r for r in record.of_kind("performance_rating") if r.get("year") == 2013)
    builder = career().add("correction", f.correction(rating.version, "2014-06-01", predicate="BUTUH_PERBAIKAN"))
    record = builder.record()
    assert differs_on_the_final_record(record)
    assert audited(record) == [False]


def test_a_post_ended_again_after_the_decision_is_judged_as_known() -> None:
    # a managerial post ended in 2013 and, recorded after the decision, ended again in 2015: the later end counts
    builder = f.CareerBuilder().add("confirmation", CONFIRMATION)
    post = {
        "post_kind": "PENGAWAS",
        "level": "IV.a",
        "title": "Kepala Subbagian",
        "unit": "BKPSDM",
        "assignment": "DEFINITIVE",
        "effective_date": "2012-01-02",
        "reference": "JAB-1",
    }
    builder.add("post_appointment", post, f"2012-01-03{T}")
    builder.add("post_end", {"appointment_reference": "JAB-1", "effective_date": "2013-06-01", "reference": "E-1"})
    builder.add("rank_promotion", f.promotion("III/b", DAY.isoformat(), kind="201"), f"2014-04-10{T}")
    base = builder.record()
    end = base.entries[-2]
    again = dataclasses.replace(
        end,
        version=base.entries[-1].version + 1,
        effective_date=date(2015, 1, 1),
        recorded_at=datetime(2015, 1, 2, tzinfo=UTC),
        reference="E-2",
        values={**end.values, "effective_date": date(2015, 1, 1), "reference": "E-2"},
    )
    record = with_entry(base, again)
    assert differs_on_the_final_record(record)
    assert audited(record) == [False]
    once = with_entry(base, dataclasses.replace(again, values={**again.values, "appointment_reference": "X"}))
    assert audited(once) == [True]  # an end of another appointment, after the TMT


def test_an_appointment_recorded_after_the_decision_is_judged_as_known() -> None:
    record = later(career()).record()
    first = record.entries[0]  # again, in effect after the TMT: the record's first appointment is read whatever its day
    again = dataclasses.replace(
        first,
        version=record.entries[-1].version + 1,
        effective_date=date(2016, 1, 1),
        recorded_at=datetime(2016, 1, 1, tzinfo=UTC),
        values={**first.values, "effective_date": date(2016, 1, 1)},
    )
    assert audited(with_entry(record, again)) == [False]


def test_entries_not_recorded_in_the_order_of_their_versions_are_judged_as_known() -> None:
    record = later(career()).record()
    last = record.entries[-1]
    early = dataclasses.replace(last, recorded_at=datetime(2013, 1, 1, tzinfo=UTC))
    assert audited(CareerRecord(record.subject, [*record.entries[:-1], early])) == [False]


def test_the_day_each_count_of_known_entries_allows_is_the_earliest_of_the_later_entries() -> None:
    entries = later(career()).record().entries
    found = [alike_before(entries, count) for count in range(len(entries) + 1)]
    assert len(found) == len(entries) + 1
    assert found[-1] == date.max
    assert found[-2] == date(2015, 5, 1)  # the training alone: in effect from its day
    promoted = next(i for i, e in enumerate(entries) if e.kind == "rank_promotion")
    assert found[promoted] == date(2014, 4, 2)  # the promotion: its TMT and after
    assert found[0] == date.min  # the appointment


def test_every_promotion_rule_is_one_whose_reads_the_final_record_shares_with_the_record_as_known() -> None:
    # a new rule: check what it reads against projections/merit/known_alike.py's docstring, then add it to COVERED
    assert {rule_id for rule_id, _ in JUDGE_NAMES} <= COVERED


# ---------------------------------------------------------------------- definitive post appointments

POST_DAY = date(2018, 1, 2)  # the appointment's TMT


def post(kind: str, day: str, reference: str, **fields: Any) -> dict[str, Any]:
    return {
        "post_kind": kind,
        "title": f"Jabatan {reference}",
        "unit": "BKPSDM",
        "assignment": "DEFINITIVE",
        "effective_date": day,
        "reference": reference,
        **({"level": "IV.a"} if kind == "PENGAWAS" else {}),
        **fields,
    }


def posted(kind: str = "PENGAWAS", **fields: Any) -> f.CareerBuilder:
    """`career()` appointed to a post of `kind` on 2018-01-02 (recorded 2018-01-10), after a functional post of 2011
    (the post below a PENGAWAS, recorded in 2014) and the PKP training (a PENGAWAS's) of 2017."""
    builder = career()
    builder.add("post_appointment", post("FUNGSIONAL", "2011-01-03", "JF-1", level="AHLI_PERTAMA"), f"2014-05-01{T}")
    builder.add(
        "training", f.training("2017-06-30", hours=40, start="2017-06-01", training_kind="PKP"), f"2017-07-01{T}"
    )
    return builder.add("post_appointment", post(kind, POST_DAY.isoformat(), "JAB-2", **fields), f"2018-01-10{T}")


def the_post(record: CareerRecord) -> Any:
    return next(p for p in record.of_kind("post_appointment") if p.effective_date == POST_DAY)


def posts_audited(record: CareerRecord, book: Rules | None = None) -> list[bool]:
    """For each definitive post appointment, whether it was judged on the final record; its rows equal the rows
    judged on the record as known before it (asserted)."""
    book = book or rules()
    before = KnownBefore(PromotionJudge(record, book))
    alike = []
    for fact in record.of_kind("post_appointment"):
        assert post_tuples(record, fact, book, before) == post_tuples(record, fact, book)
        judge = before.post_judge_of(fact)
        alike.append(judge.record is record)
    return alike


def post_differs_on_the_final_record(record: CareerRecord, book: Rules | None = None) -> bool:
    """Whether the final record's post judge finds otherwise than the record as known before the appointment."""
    fact = the_post(record)
    known = PostJudge(record.known_before(fact.entry.recorded_at), book)
    return findings_of(PostJudge(record, book), fact) != findings_of(known, fact)


def findings_of(judge: PostJudge, fact: Any) -> list[tuple[str, str, list[int]]]:
    return [(c.rule, c.message, [e.version for e in c.evidence]) for c in judge.checks(fact) if c.finding]


def test_a_post_followed_only_by_later_facts_is_judged_on_the_final_record() -> None:
    record = posted().add("training", f.training("2018-05-01", hours=8), f"2018-05-02{T}").record()
    assert posts_audited(record) == [True, True]


def test_a_fact_in_effect_by_the_post_recorded_after_it_is_judged_as_known() -> None:
    # the PKP training recorded after the appointment, dated before it: known before, it was missing
    builder = career()
    builder.add("post_appointment", post("FUNGSIONAL", "2011-01-03", "JF-1", level="AHLI_PERTAMA"), f"2014-05-01{T}")
    builder.add("post_appointment", post("PENGAWAS", POST_DAY.isoformat(), "JAB-2"), f"2018-01-10{T}")
    builder.add(
        "training", f.training("2017-06-30", hours=40, start="2017-06-01", training_kind="PKP"), f"2018-02-01{T}"
    )
    record = builder.record()
    assert post_differs_on_the_final_record(record)
    assert posts_audited(record) == [True, False]


def test_a_training_recorded_after_the_post_within_the_rules_grace_is_judged_as_known(tmp_path: Path) -> None:
    text = Path(rules().path or "").read_text(encoding="utf-8").replace("grace_months = 0", "grace_months = 6")
    (tmp_path / "rules.toml").write_text(text, encoding="utf-8")
    book = rules(tmp_path / "rules.toml")
    builder = career()
    builder.add("post_appointment", post("FUNGSIONAL", "2011-01-03", "JF-1", level="AHLI_PERTAMA"), f"2014-05-01{T}")
    builder.add("post_appointment", post("PENGAWAS", POST_DAY.isoformat(), "JAB-2"), f"2018-01-10{T}")
    builder.add(
        "training", f.training("2018-03-31", hours=40, start="2018-03-01", training_kind="PKP"), f"2018-04-01{T}"
    )
    record = builder.record()  # the training after the TMT, within the grace: it counts on the final record
    assert post_differs_on_the_final_record(record, book)
    assert posts_audited(record, book) == [True, False]
    assert posts_audited(record) == [True, True]  # no grace: a training after the TMT is not read


def test_a_later_post_recorded_after_the_appointment_is_judged_on_the_final_record_unless_its_posts_below_count() -> (
    None
):
    later_post = post("FUNGSIONAL", "2019-01-02", "JF-3", level="AHLI_MUDA")
    functional = posted("FUNGSIONAL", level="AHLI_PERTAMA").add("post_appointment", later_post, f"2019-01-03{T}")
    assert posts_audited(functional.record()) == [True, True, True]
    # a PENGAWAS after two years in a functional post (4 needed): the finding's evidence lists every functional post
    builder = career()
    builder.add("post_appointment", post("FUNGSIONAL", "2016-01-04", "JF-1", level="AHLI_PERTAMA"), f"2016-01-05{T}")
    builder.add(
        "training", f.training("2017-06-30", hours=40, start="2017-06-01", training_kind="PKP"), f"2017-07-01{T}"
    )
    builder.add("post_appointment", post("PENGAWAS", POST_DAY.isoformat(), "JAB-2"), f"2018-01-10{T}")
    record = builder.add("post_appointment", later_post, f"2019-01-03{T}").record()
    assert post_differs_on_the_final_record(record)
    assert posts_audited(record) == [True, False, True]


def test_a_post_recorded_after_the_appointment_dated_before_it_is_judged_as_known() -> None:
    earlier = post("FUNGSIONAL", "2013-01-02", "JF-0", level="AHLI_PERTAMA")
    record = posted("FUNGSIONAL", level="AHLI_MUDA").add("post_appointment", earlier, f"2018-03-01{T}").record()
    assert posts_audited(record) == [True, True, False]  # the appointment of 2018 judged as known


def test_a_correction_recorded_after_the_post_is_judged_as_known() -> None:
    record = posted().record()
    training = record.of_kind("training")[0]
    builder = posted().add("correction", f.correction(training.version, "2018-06-01", training_kind="PKA"))
    record = builder.record()
    assert post_differs_on_the_final_record(record)
    assert posts_audited(record) == [False, False]  # the functional post of 2011 too: a correction bears on any day


def test_every_post_rule_is_one_whose_reads_the_final_record_shares_with_the_record_as_known() -> None:
    # a new rule: check what it reads against projections/merit/known_alike.py's docstring, then add it to POST_COVERED
    assert {rule_id for rule_id, _ in (*POST_JUDGE_NAMES, *MANAGERIAL_JUDGE_NAMES)} <= POST_COVERED
