"""A probable duplicate training (rule training.counted_once, M: a training that is one recorded before it as rule
training.duplicate reads two trainings, the check a writer recording it is asked: the same first and last day and JP,
and the same certificate written alike or the same title and organiser, letter case and spacing aside; neither
retracted, the two not confirmed as attended twice: the one the career page flags) counts its JP once: in the record's
yearly JP, the training view's JP sums, the audit's promotion.training (and eligibility's) and the passed-over
comparison's JP. Left out of the rules file no training is a duplicate; its old `same` param is refused.

Found by an exploratory tester (2026-12-06): 197907252012031001's records 46 and 47, the same day, title, organiser and
4 JP, made 2026 read 50 JP: flagged on the page since, but still counted twice toward the 20 JP. A review (2026-12-06)
found two real trainings of other first days counted once unasked (the rule compared the last day alone), and a
duplicate confirmed through a correction still counted once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from careerlog.config import ConfigurationError
from careerlog.reference import Rules, load_rules, rules
from projections.career import Recorded, repeated_trainings
from projections.framework import rule_digest
from projections.merit.passed_over import training_jp
from projections.merit.rules import MISSING, PromotionJudge
from projections.training import TRAINING, TrainingProjection
from tests import factories as f

RULE = "promotion.training"
ARSIP = {"title": "Arsip", "organiser": "BKPSDM", "hours": 4}


def recorded(version: int, day: str = "2024-03-06", confirmed: tuple[int, ...] = (), **values: object) -> Recorded:
    return Recorded(
        version,
        day,
        {"effective_date": day, "start_date": "2024-03-04", "reference": f"CERT-{version}", **ARSIP, **values},
        confirmed,
    )


def test_a_later_training_of_the_same_days_title_organiser_and_jp_repeats_the_earlier() -> None:
    assert repeated_trainings([recorded(5), recorded(3), recorded(7)]) == {5: 3, 7: 3}


def test_a_repeat_confirmed_as_attended_again_or_of_other_values_is_no_duplicate() -> None:
    assert repeated_trainings([recorded(3), recorded(5, confirmed=(5,))]) == {}
    assert repeated_trainings([recorded(3), recorded(5, confirmed=(9,))]) == {}  # (confirmed correcting it)
    assert repeated_trainings([recorded(3), recorded(5, hours=8)]) == {}
    assert repeated_trainings([recorded(3), recorded(5, "2024-03-07")]) == {}
    assert repeated_trainings([recorded(3), recorded(5, organiser="BKD")]) == {}


def test_two_trainings_of_other_first_days_are_never_counted_once() -> None:
    assert repeated_trainings([recorded(3), recorded(5, start_date="2024-03-05")]) == {}


def test_counted_once_is_what_training_duplicate_asks_a_writer() -> None:
    alike = recorded(5, title=" ARSIP ", organiser="bkpsdm")  # (letter case and spacing aside, as the check reads)
    assert repeated_trainings([recorded(3), alike]) == {5: 3}
    same_certificate = recorded(5, title="Kearsipan", reference="cert/0003")  # (CERT-3 written otherwise)
    assert repeated_trainings([recorded(3), same_certificate]) == {5: 3}


def test_an_earlier_training_corrected_into_a_duplicate_with_its_confirmation_counts_both() -> None:
    assert repeated_trainings([recorded(3, confirmed=(9,)), recorded(5)]) == {}
    # (a confirmation made before the later one was recorded was about another training)
    assert repeated_trainings([recorded(3, confirmed=(4,)), recorded(5)]) == {5: 3}


def without(rule_id: str) -> Rules:
    return Rules([r for r in rules().all if r.id != rule_id])


def test_left_out_of_the_rules_file_no_training_is_a_duplicate() -> None:
    assert repeated_trainings([recorded(3), recorded(5)], without("training.counted_once")) == {}


def test_a_rules_file_naming_the_values_compared_is_refused_naming_the_param(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rules]]\nid = "training.counted_once"\ntitle = "t"\nsource = "s"\nstatus = "M"\nvalid_from = "1974-01-01"\n'
        '[rules.params]\nsame = ["effective_date", "title"]\n'
    )
    with pytest.raises(
        ConfigurationError,
        match=r"training.counted_once \(version 1, from 1974-01-01\): params.same must be left out: a probable",
    ):
        load_rules(path)


def twice() -> f.CareerBuilder:
    training = f.training("2024-03-06", hours=12, start="2024-03-05", title="Arsip", organiser="BKPSDM")
    return (
        f.CareerBuilder()
        .confirmed()
        .add("training", training)
        .add("training", {**training, "reference": "CERT-AGAIN"})
        .add("training", f.training("2024-05-06", hours=4))
    )


def test_the_record_counts_a_duplicates_jp_once_in_its_year() -> None:
    record = twice().record()
    repeated = record.repeated_trainings
    assert len(repeated) == 1
    assert record.jp_by_year[2024] == 16  # (12 + 4, not 28)
    assert [f.version for f in record.counted_trainings()] == [
        f.version for f in record.trainings() if f.version not in repeated
    ]


def test_the_training_view_keeps_a_duplicates_row_and_counts_its_jp_once() -> None:
    rows = TrainingProjection().tuples(twice().record())["training"]
    names = [name for name, _ in TRAINING.columns]
    assert len(rows) == 3
    assert sum(row[names.index("hours")] for row in rows) == 28  # (each as recorded)
    assert sum(row[names.index("counted_hours")] for row in rows) == 16  # (what the JP sums add up)


def test_the_passed_over_comparison_counts_a_duplicates_jp_once() -> None:
    assert training_jp(twice().record(), 2025, 1) == 16


def test_a_training_left_alone_counts_as_recorded_when_the_rule_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    book = without("training.counted_once")
    monkeypatch.setattr("projections.career.rules", lambda: book)
    assert twice().record().jp_by_year[2024] == 28


def test_the_audit_judges_promotion_training_by_a_duplicates_jp_once() -> None:
    training = f.training("2024-03-06", hours=12, start="2024-03-05", title="Arsip", organiser="BKPSDM")
    builder = f.CareerBuilder().confirmed().add("training", training).add("training", {**training, "reference": "X-2"})
    check = next(c for c in PromotionJudge(builder.record()).checks(date(2025, 4, 1), "101", "III/b") if c.rule == RULE)
    assert (check.outcome, check.message) == (MISSING, "12 JP in 2024; 20 needed")
    assert len(check.evidence) == 1  # the training counted, not its duplicate


def test_the_training_view_is_refilled_by_a_change_of_the_rule_and_of_no_other() -> None:
    configured = TrainingProjection().configuration()
    assert configured == rule_digest("training.counted_once", rules())
    later = Rules(
        [replace(r, valid_from=date(2000, 1, 1)) if r.id == "training.counted_once" else r for r in rules().all]
    )
    assert rule_digest("training.counted_once", later) != configured
    assert rule_digest("training.counted_once", without("training.counted_once")) != configured
    other = Rules([replace(r, params={"jp": 30}) if r.id == "training.yearly_jp" else r for r in rules().all])
    assert rule_digest("training.counted_once", other) == configured
