"""A regular (101) promotion's passed-over colleagues are judged on what had been recorded before the
decision (docs/audit.md; /work/shared/reference/fairness-methods.md, "Merit, not only outcomes"): a
colleague's better rating or training recorded only after the promotion must not make a merit.passed_over
finding, nor the promoted's own rating recorded after it make or unmake one. The comparison was of the
final records (`promotion_rounds` measured on them): each case below read otherwise before."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from careerlog.reference import reference, rules
from projections.career import CareerRecord
from projections.merit.audit import DECISIONS, EARLIER_ROUNDS, ROUNDS, earlier_round_tuples, round_tuples
from projections.merit.queries import PassedOverQueries, comparison_evidence, passed_over_count
from tests import factories as f

T = "T09:00:00+00:00"
TMT = "2014-04-01"
DECIDED = f"2014-04-10{T}"  # the promotion is recorded then
ON_TIME, LATE = "2014-01-15", "2014-05-02"  # a rating of 2013 recorded before or after the decision
CONFIRMATION = {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}


def clerk(
    birth: date,
    ratings: dict[int, tuple[str, str]],
    *,
    jp: int = 0,
    trained: str = "2013-07-01",
    promoted: bool = False,
) -> CareerRecord:
    """A III/a CPNS of 2010-03-01 in KOTA-MEDAN's BKPSDM, confirmed in 2011, rated (predicate, day
    recorded) by year, with a training of `jp` hours ending 2013-06-30 recorded on `trained`, and, if
    `promoted`, a 101 promotion to III/b on the TMT recorded on `DECIDED`."""
    builder = f.CareerBuilder(birth)
    builder.add("confirmation", CONFIRMATION, f"2011-03-01{T}")
    if jp:
        builder.add("training", f.training("2013-06-30", jp, "2013-06-01"), f"{trained}{T}")
    for year, (predicate, recorded) in sorted(ratings.items(), key=lambda item: item[1][1]):
        builder.add("performance_rating", f.rating(year, predicate), f"{recorded}{T}")
    if promoted:
        builder.add("rank_promotion", f.promotion("III/b", TMT), DECIDED)
    return builder.record()


class Store:
    """The merit view's decisions and rounds (and their earlier states) of some records in SQLite, read as the
    queries read a store."""

    def __init__(self, records: list[CareerRecord]):
        self.db = sqlite3.connect(":memory:")
        self.db.row_factory = lambda cursor, row: {d[0]: v for d, v in zip(cursor.description, row, strict=True)}
        for statement in [*DECISIONS.ddl(), *ROUNDS.ddl(), *EARLIER_ROUNDS.ddl()]:
            self.db.execute(statement)
        for record in records:
            for row in round_tuples(record, date(2014, 12, 31)):
                self.db.execute(ROUNDS.insert_statement(), row)
            for row in earlier_round_tuples(record, date(2014, 12, 31)):
                self.db.execute(EARLIER_ROUNDS.insert_statement(), row)
            for fact in record.promotions():
                decision = {"subject": record.subject, "version": fact.version, "decision": "promotion"}
                decision |= {"kind": "101", "tmt": fact.effective_date.isoformat(), "verdict": "compliant"}
                self.db.execute(DECISIONS.insert_statement(), [decision.get(c) for c in DECISIONS.column_names])

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return self.db.execute(sql, list(params)).fetchall()


def passed_over(promoted: CareerRecord, colleague: CareerRecord) -> tuple[list[str], int]:
    """The colleagues the promotion passed over (PassedOverQueries) and the lists' count of them."""
    store = Store([promoted, colleague])
    found = PassedOverQueries(store).passed_over(round_date=TMT)  # type: ignore[arg-type]
    count = store.query(f"SELECT {passed_over_count(rules(), reference())} AS n FROM decisions d")
    assert [p["subject"] for p in found] == [promoted.subject] * len(found)
    return [p["colleague"] for p in found], count[0]["n"]


def promoted_clerk(ratings: dict[int, tuple[str, str]]) -> CareerRecord:
    return clerk(date(1985, 1, 1), ratings, promoted=True)


def stronger_clerk(recorded: str = ON_TIME, trained: str = "2013-07-01") -> CareerRecord:
    """Sangat Baik both years and 40 JP: clearly stronger than a Baik clerk without training."""
    return clerk(
        date(1986, 2, 2), {2012: ("SANGAT_BAIK", "2013-01-15"), 2013: ("SANGAT_BAIK", recorded)}, jp=40, trained=trained
    )


BAIK = {2012: ("BAIK", "2013-01-15"), 2013: ("BAIK", ON_TIME)}


def test_a_colleague_stronger_on_the_record_known_before_the_decision_was_passed_over() -> None:
    colleague = stronger_clerk()
    assert passed_over(promoted_clerk(BAIK), colleague) == ([colleague.subject], 1)


def test_a_colleague_whose_rating_was_recorded_after_the_decision_was_not_passed_over() -> None:
    # as known before the decision the colleague had no rating of 2013: not eligible, not compared
    assert passed_over(promoted_clerk(BAIK), stronger_clerk(recorded=LATE)) == ([], 0)


def test_a_colleague_whose_training_was_recorded_after_the_decision_was_not_clearly_stronger() -> None:
    # as known, no training: better on performance alone (min_better 2)
    assert passed_over(promoted_clerk(BAIK), stronger_clerk(trained="2014-05-01")) == ([], 0)


def test_the_promoted_s_weaker_rating_recorded_after_the_decision_makes_no_finding() -> None:
    # as known the promoted had Sangat Baik for 2012 only (5.0), as strong as the colleague; the final 4.5 is not
    promoted = promoted_clerk({2012: ("SANGAT_BAIK", "2013-01-15"), 2013: ("BAIK", LATE)})
    assert passed_over(promoted, stronger_clerk()) == ([], 0)


def test_the_promoted_s_better_rating_recorded_after_the_decision_unmakes_no_finding() -> None:
    # as known the promoted had Baik for 2012 only (4.0) against the colleague's 4.5; the final 4.5 ties
    promoted = promoted_clerk({2012: ("BAIK", "2013-01-15"), 2013: ("SANGAT_BAIK", LATE)})
    colleague = clerk(date(1986, 2, 2), {2012: ("SANGAT_BAIK", "2013-01-15"), 2013: ("BAIK", ON_TIME)}, jp=40)
    assert passed_over(promoted, colleague) == ([colleague.subject], 1)


def test_a_colleague_s_later_fact_no_round_reads_leaves_the_comparison_as_it_was() -> None:
    # a post appointment of before the TMT and an award, both recorded after the decision: the rounds read neither
    builder = f.CareerBuilder(date(1986, 2, 2))
    builder.add("confirmation", CONFIRMATION, f"2011-03-01{T}")
    builder.add("training", f.training("2013-06-30", 40, "2013-06-01"), f"2013-07-01{T}")
    for year in (2012, 2013):
        builder.add("performance_rating", f.rating(year, "SANGAT_BAIK"), f"{year + 1}-01-15{T}")
    post = {"post_kind": "PELAKSANA", "title": "Pengadministrasi Umum", "unit": "BKPSDM", "assignment": "DEFINITIVE"}
    builder.add("post_appointment", {**post, "effective_date": "2014-03-01", "reference": "SK-JAB-9"}, f"2014-06-01{T}")
    colleague = builder.record()
    assert passed_over(promoted_clerk(BAIK), colleague) == ([colleague.subject], 1)


def test_a_colleague_made_stronger_by_a_correction_recorded_after_the_decision_was_not_passed_over() -> None:
    # Baik both years as known then (4.0, the promoted's): not clearly stronger; the 2013 rating corrected to
    # Sangat Baik after the decision makes the final record's 4.5
    builder = f.CareerBuilder(date(1986, 2, 2))
    builder.add("confirmation", CONFIRMATION, f"2011-03-01{T}")
    builder.add("training", f.training("2013-06-30", 40, "2013-06-01"), f"2013-07-01{T}")
    builder.add("performance_rating", f.rating(2012, "BAIK"), f"2013-01-15{T}")
    builder.add("performance_rating", f.rating(2013, "BAIK"), f"{ON_TIME}{T}")
    rating = builder.employee.version  # the 2013 rating's version
    builder.add("correction", f.correction(rating, "2013-12-31", predicate="SANGAT_BAIK"), f"2014-06-01{T}")
    assert passed_over(promoted_clerk(BAIK), builder.record()) == ([], 0)


def test_the_finding_s_evidence_is_of_the_records_as_known_before_the_decision() -> None:
    promoted = promoted_clerk({2012: ("BAIK", "2013-01-15"), 2013: ("SANGAT_BAIK", LATE)})
    colleague = clerk(date(1986, 2, 2), {2012: ("SANGAT_BAIK", "2013-01-15"), 2013: ("BAIK", ON_TIME)}, jp=40)
    fact = promoted.promotions()[-1]
    decision = {"subject": promoted.subject, "version": fact.version, "decision": "promotion", "kind": "101"}
    decision |= {"tmt": TMT, "recorded_at": DECIDED}
    records = {r.subject: r for r in (promoted, colleague)}
    found = comparison_evidence(lambda subjects: {s: records[s] for s in subjects}, decision, [colleague.subject])
    ratings = [(e["subject"], e["effective_date"][:4]) for e in found if e["kind"] == "performance_rating"]
    # the promoted's 2013 rating, recorded after the decision, is no evidence of the comparison (it is
    # evidence.recorded_after's); the colleague's two are
    assert sorted(ratings) == sorted(
        [(promoted.subject, "2012"), (colleague.subject, "2012"), (colleague.subject, "2013")]
    )


def test_a_colleague_made_weaker_by_a_correction_recorded_after_the_decision_was_passed_over() -> None:
    # Sangat Baik both years and 40 JP as known then: clearly stronger; the 2013 rating corrected to Baik after the
    # decision makes the final record's 4.5 with 40 JP still stronger, so correct 2012 too: the final reads 4.0, as
    # the promoted's, and only the state known before the decision (earlier_rounds) finds the colleague
    builder = f.CareerBuilder(date(1986, 2, 2))
    builder.add("confirmation", CONFIRMATION, f"2011-03-01{T}")
    builder.add("training", f.training("2013-06-30", 40, "2013-06-01"), f"2013-07-01{T}")
    versions = []
    for year in (2012, 2013):
        builder.add("performance_rating", f.rating(year, "SANGAT_BAIK"), f"{year + 1}-01-15{T}")
        versions.append(builder.employee.version)
    for version in versions:
        builder.add("correction", f.correction(version, "2014-05-01", predicate="BAIK"), f"2014-06-01{T}")
    colleague = builder.record()
    assert passed_over(promoted_clerk(BAIK), colleague) == ([colleague.subject], 1)


def penalised(recorded: str) -> CareerRecord:
    """The clearly stronger colleague (`stronger_clerk`) under a medium penalty in force on the TMT, recorded on
    `recorded`."""
    penalty = {
        "effective_date": "2014-02-01",
        "reference": "HD-1",
        "level": "MEDIUM",
        "penalty_kind": "PENUNDAAN_KP_1",
    }
    builder = f.CareerBuilder(date(1986, 2, 2))
    builder.add("confirmation", CONFIRMATION, f"2011-03-01{T}")
    builder.add("training", f.training("2013-06-30", 40, "2013-06-01"), f"2013-07-01{T}")
    for year in (2012, 2013):
        builder.add("performance_rating", f.rating(year, "SANGAT_BAIK"), f"{year + 1}-01-15{T}")
    builder.add("penalty", penalty, f"{recorded}{T}")
    return builder.record()


def test_a_colleague_eligible_then_whose_penalty_was_recorded_after_the_decision_was_passed_over() -> None:
    colleague = penalised("2014-06-01")  # after the decision
    assert passed_over(promoted_clerk(BAIK), colleague) == ([colleague.subject], 1)


def test_a_state_known_only_before_an_earlier_moment_is_not_compared() -> None:
    # the penalty was recorded after the TMT but before the decision: as known then the colleague was not eligible
    assert passed_over(promoted_clerk(BAIK), penalised("2014-04-05")) == ([], 0)


def test_a_late_rating_of_a_year_no_round_reads_makes_no_earlier_state() -> None:
    # the rounds read the ratings and trainings of the two years before theirs: a 2010 rating and a training of
    # 2010, both recorded after the 2014 round, change none of the rounds they would be judged again for
    builder = f.CareerBuilder(date(1986, 2, 2))
    builder.add("confirmation", CONFIRMATION, f"2011-03-01{T}")
    for year in (2012, 2013):
        builder.add("performance_rating", f.rating(year, "SANGAT_BAIK"), f"{year + 1}-01-15{T}")
    builder.add("performance_rating", f.rating(2010, "BAIK"), f"2014-06-01{T}")
    builder.add("training", f.training("2010-06-30", 40, "2010-06-01"), f"2014-06-02{T}")
    record = builder.record()
    assert [r[1] for r in round_tuples(record, date(2014, 12, 31))] == ["2014-04-01", "2014-10-01"]
    assert earlier_round_tuples(record, date(2014, 12, 31)) == []
