"""A probable duplicate training (rule training.counted_once, M: the same last day, title, organiser and JP as a
training recorded before it, neither retracted, not confirmed as attended again: the one the career page flags)
counts its JP once: in the record's yearly JP, the training view's rows, the audit's promotion.training (and
eligibility's) and the passed-over comparison's JP. The rule is configurable (`same`), refused when it names no
training value, and left out of the rules file no training is a duplicate.

Found by an exploratory tester (2026-12-06): 197907252012031001's records 46 and 47, the same day, title, organiser and
4 JP, made 2026 read 50 JP: flagged on the page since, but still counted twice toward the 20 JP."""

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
from projections.training import TrainingProjection
from tests import factories as f

RULE = "promotion.training"
ARSIP = {"title": "Arsip", "organiser": "BKPSDM", "hours": 4}


def recorded(version: int, day: str = "2024-03-06", confirmed: tuple[str, ...] = (), **values: object) -> Recorded:
    return Recorded(version, day, {"effective_date": day, **ARSIP, **values}, confirmed)


def test_a_later_training_of_the_same_day_title_organiser_and_jp_repeats_the_earlier() -> None:
    assert repeated_trainings([recorded(5), recorded(3), recorded(7)]) == {5: 3, 7: 3}


def test_a_repeat_confirmed_as_attended_again_or_of_other_values_is_no_duplicate() -> None:
    assert repeated_trainings([recorded(3), recorded(5, confirmed=("training.duplicate",))]) == {}
    assert repeated_trainings([recorded(3), recorded(5, hours=8)]) == {}
    assert repeated_trainings([recorded(3), recorded(5, "2024-03-07")]) == {}
    assert repeated_trainings([recorded(3), recorded(5, organiser="BKD")]) == {}


def without(rule_id: str) -> Rules:
    return Rules([r for r in rules().all if r.id != rule_id])


def with_same(*same: str) -> Rules:
    return Rules(
        [replace(r, params={"same": list(same)}) if r.id == "training.counted_once" else r for r in rules().all]
    )


def test_the_values_compared_are_the_rules_and_left_out_it_finds_none() -> None:
    pair = [recorded(3), recorded(5, organiser="BKD")]
    assert repeated_trainings(pair, with_same("effective_date", "title", "hours")) == {5: 3}
    assert repeated_trainings([recorded(3), recorded(5)], without("training.counted_once")) == {}
    other_days = [recorded(3), recorded(5, "2024-03-07")]  # (the last day not compared: other days may repeat)
    assert repeated_trainings(other_days, with_same("title", "organiser", "hours")) == {5: 3}


def test_a_rules_file_naming_no_value_of_a_training_is_refused_naming_the_param(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rules]]\nid = "training.counted_once"\ntitle = "t"\nsource = "s"\nstatus = "M"\nvalid_from = "1974-01-01"\n'
        '[rules.params]\nsame = ["effective_date", "titel"]\n'
    )
    with pytest.raises(ConfigurationError, match=r"training.counted_once: params.same must be a list of a training"):
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


def test_the_training_view_holds_a_duplicate_once() -> None:
    rows = TrainingProjection().tuples(twice().record())["training"]
    assert sum(row[9] for row in rows) == 16  # hours


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
    assert rule_digest("training.counted_once", with_same("title", "hours")) != configured
    assert rule_digest("training.counted_once", without("training.counted_once")) != configured
    other = Rules([replace(r, params={"jp": 30}) if r.id == "training.yearly_jp" else r for r in rules().all])
    assert rule_digest("training.counted_once", other) == configured
