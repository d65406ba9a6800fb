"""A retraction of a promotion that leaves a later promotion moving more ranks than its kind allows (III/a, III/b,
III/c by regular promotions, the III/b one retracted: the III/c one now moves 2 ranks above III/a) was recorded
without a word, although recording that III/c promotion so is refused unless confirmed (promotion.one_step). It is
refused beside `target_version`, naming the later promotion, until the writer confirms it, as a correction making
such a step is: the API, an imported row (its confirm column) and the record form alike. So is a correction of an
earlier promotion's rank or of the appointment's rank leaving a later promotion so (it was recorded too), refused
beside the corrected field."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import orjson
import pytest

import careerlog.application as application
from careerlog.application import CONFIRMING_KINDS, CareerLog, Migration
from careerlog.domain.employee import CORRECTION_JUMP, RETRACTION_JUMP, RETRACTION_JUMP_REFUSED
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import IMPORT_WORDED
from careerlog.importing import import_file
from careerlog.reference import Rules, rules
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()


def promoted(app: CareerLog) -> int:
    """III/a (TMT 2010-03-01), III/b (2014-04-01), III/c (2018-04-01): the III/b promotion's version."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    middle = app.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="hr").version
    app.record(NIP, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="hr")
    return middle


def ranks(app: CareerLog) -> list[str]:
    return [x.values["new_rank"] for x in app.get_employee(NIP).active_facts() if x.kind == "rank_promotion"]


def refusal(app: CareerLog, payload: dict[str, Any], **options: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "retraction", payload, actor="hr", **options)
    return refused.value


def test_retracting_the_middle_promotion_is_refused_beside_the_target_until_confirmed(app: CareerLog) -> None:
    middle = promoted(app)
    retraction = f.retraction(middle, "2019-01-02")
    errors = refusal(app, retraction).errors
    [reason] = errors["target_version"]
    assert list(errors) == ["target_version"]
    assert reason.refusal is RETRACTION_JUMP  # type: ignore[attr-defined]
    assert str(reason).startswith(
        "Retracting it leaves the promotion of 2018-04-01 (version 3) to III/c 2 ranks above III/a, held since "
        "2010-03-01, and a 101 promotion moves up by at most 1"
    )
    assert ranks(app) == ["III/b", "III/c"]
    assert app.record(NIP, "retraction", retraction, actor="hr", confirmed=["promotion.one_step"]).created
    assert ranks(app) == ["III/c"]
    assert not app.record(NIP, "retraction", retraction, actor="hr").created  # (sent again: already recorded)


def test_retracting_the_last_promotion_or_another_fact_is_recorded_unasked(app: CareerLog) -> None:
    promoted(app)
    training = app.record(NIP, "training", f.training("2019-05-10"), actor="hr").version
    app.record(NIP, "retraction", f.retraction(training, "2019-06-01"), actor="hr")
    app.record(NIP, "retraction", f.retraction(3, "2019-06-01"), actor="hr")
    assert ranks(app) == ["III/b"]


def test_a_jump_recorded_confirmed_is_not_asked_again(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "rank_promotion", f.promotion("III/c", "2014-04-01"), actor="hr", confirmed=["promotion.one_step"])
    training = app.record(NIP, "training", f.training("2015-05-10"), actor="hr").version
    app.record(NIP, "retraction", f.retraction(training, "2015-06-01"), actor="hr")
    later = app.record(NIP, "rank_promotion", f.promotion("III/d", "2018-04-01"), actor="hr").version
    app.record(NIP, "retraction", f.retraction(later, "2019-06-01"), actor="hr")
    assert ranks(app) == ["III/c"]


def test_a_rule_set_to_refuse_refuses_a_confirmed_retraction(app: CareerLog, monkeypatch: pytest.MonkeyPatch) -> None:
    middle = promoted(app)
    book = Rules(
        dataclasses.replace(r, params={**r.params, "on_record": "refuse"}) if r.id == "promotion.one_step" else r
        for r in rules().all
    )
    monkeypatch.setattr(application, "rules", lambda: book)
    confirmed = refusal(app, f.retraction(middle, "2019-01-02"), confirmed=["promotion.one_step"])
    [reason] = confirmed.errors["target_version"]
    assert reason.refusal is RETRACTION_JUMP_REFUSED  # type: ignore[attr-defined]
    assert ranks(app) == ["III/b", "III/c"]


def test_a_migration_keeps_the_retraction_its_log_holds(app: CareerLog) -> None:
    middle = promoted(app)
    migration = Migration(f.NOW, "admin", True)
    app.record(NIP, "retraction", f.retraction(middle, "2019-01-02"), actor="hr", migration=migration)
    assert ranks(app) == ["III/c"]


def test_an_imported_retraction_is_refused_and_recorded_with_a_confirm_column(app: CareerLog, tmp_path: Path) -> None:
    assert "retraction" in CONFIRMING_KINDS  # (the import page and the API's schema offer the confirm column)
    middle = promoted(app)
    path = tmp_path / "rows.jsonl"
    row = {"kind": "retraction", "nip": NIP, **f.retraction(middle, "2019-01-02")}
    path.write_text(orjson.dumps(row).decode() + "\n", encoding="utf-8")
    [problem] = import_file(app, path, actor="hr").rejected
    # (as an import words it: a yes in the row's Konfirmasi column confirms it too)
    assert [r.refusal for r in problem.errors["target_version"]] == [IMPORT_WORDED[RETRACTION_JUMP]]  # type: ignore[attr-defined]
    path.write_text(orjson.dumps({**row, "confirm": "promotion.one_step"}).decode() + "\n", encoding="utf-8")
    assert import_file(app, path, actor="hr").recorded == 1
    assert ranks(app) == ["III/c"]


def test_correcting_an_earlier_promotion_into_a_later_ones_jump_is_refused_until_confirmed(app: CareerLog) -> None:
    """III/a, a 101 to III/c in 2014 (confirmed), a 101 to III/d in 2018: the 2014 one corrected to III/b leaves
    the III/d one 2 ranks above III/b, never confirmed."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    first = app.record(
        NIP, "rank_promotion", f.promotion("III/c", "2014-04-01"), actor="hr", confirmed=["promotion.one_step"]
    ).version
    app.record(NIP, "rank_promotion", f.promotion("III/d", "2018-04-01"), actor="hr")
    fix = f.correction(first, "2019-01-02", new_rank="III/b")
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", fix, actor="hr")
    [reason] = refused.value.errors["corrected_fields.new_rank"]
    assert reason.refusal is CORRECTION_JUMP  # type: ignore[attr-defined]
    assert str(reason).startswith(
        "Correcting it leaves the promotion of 2018-04-01 (version 3) to III/d 2 ranks above III/b"
    )
    assert ranks(app) == ["III/c", "III/d"]
    app.record(NIP, "correction", fix, actor="hr", confirmed=["promotion.one_step"])
    assert ranks(app) == ["III/b", "III/d"]


def test_correcting_the_appointments_rank_into_a_promotions_jump_is_refused_beside_it(app: CareerLog) -> None:
    promoted(app)
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(1, "2019-01-02", rank="II/d"), actor="hr")
    [reason] = refused.value.errors["corrected_fields.rank"]
    assert str(reason).startswith(
        "Correcting it leaves the promotion of 2014-04-01 (version 2) to III/b 2 ranks above II/d"
    )
    assert ranks(app) == ["III/b", "III/c"]


def test_correcting_a_promotions_kind_into_a_jump_is_refused_beside_the_kind(app: CareerLog) -> None:
    """A 203 (by degree, not judged) from III/a to III/c, corrected to a 101: the jump was named beside
    corrected_fields.new_rank, which that correction (and its form) does not hold."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    version = app.record(NIP, "rank_promotion", f.promotion("III/c", "2014-04-01", kind="203"), actor="hr").version
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(version, "2019-01-02", promotion_kind="101"), actor="hr")
    assert list(refused.value.errors) == ["corrected_fields.promotion_kind"]
