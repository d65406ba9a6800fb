"""A promotion moving more ranks above the rank held than its kind allows (a regular promotion from III/a straight to
III/c) was recorded without a word. The rule (promotion.one_step, M: a regular promotion goes one rank up, PP 99/2000
"setingkat lebih tinggi", not stated in the reference) is believed, not confirmed, and a decree may make such a
step: the recording is refused beside `new_rank`, naming the rank held and how far the kind moves, unless the writer
confirms it (`confirm: promotion.one_step`), in the API, an imported row and the record form alike. A kind the rule
does not name (a 203 promotion by degree, to the new degree's starting rank) is recorded as before; `on_record =
"refuse"` refuses even a confirmed one, `"record"` records it unasked; a migration keeps what the log holds."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import orjson
import pytest

import careerlog.application as application
from careerlog.application import CareerLog, Migration
from careerlog.domain.employee import RANK_JUMP, RANK_JUMP_REFUSED
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import IMPORT_WORDED
from careerlog.importing import import_file
from careerlog.reference import Rules, rules
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()


def appointed(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")  # III/a, TMT 2010-03-01


def refusal(app: CareerLog, payload: dict[str, Any], **options: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "rank_promotion", payload, actor="hr", **options)
    return refused.value


def ranks(app: CareerLog) -> list[str]:
    return [x.values["new_rank"] for x in app.get_employee(NIP).active_facts() if x.kind == "rank_promotion"]


def test_a_regular_promotion_two_ranks_up_is_refused_beside_the_new_rank_until_confirmed(app: CareerLog) -> None:
    appointed(app)
    jump = f.promotion("III/c", "2014-04-01")
    [reason] = refusal(app, jump).errors["new_rank"]
    assert reason.refusal is RANK_JUMP  # type: ignore[attr-defined]
    assert str(reason).startswith("III/c is 2 ranks above III/a, held since 2010-03-01, and a 101 promotion moves")
    assert ranks(app) == []
    assert app.record(NIP, "rank_promotion", jump, actor="hr", confirmed=["promotion.one_step"]).created
    assert ranks(app) == ["III/c"]
    assert not app.record(NIP, "rank_promotion", jump, actor="hr").created  # (sent again: already recorded)


def test_one_rank_up_and_a_promotion_by_degree_are_recorded_unasked(app: CareerLog) -> None:
    appointed(app)
    app.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="hr")
    app.record(NIP, "rank_promotion", f.promotion("IV/a", "2016-04-01", kind="203"), actor="hr")
    assert ranks(app) == ["III/b", "IV/a"]


def test_an_unknown_confirmation_is_refused_naming_the_field(app: CareerLog) -> None:
    appointed(app)
    errors = refusal(app, f.promotion("III/b", "2014-04-01"), confirmed=["yes"]).errors
    assert list(errors) == ["confirm"]


def configured(monkeypatch: pytest.MonkeyPatch, **params: Any) -> None:
    book = Rules(
        dataclasses.replace(r, params={**r.params, **params}) if r.id == "promotion.one_step" else r
        for r in rules().all
    )
    monkeypatch.setattr(application, "rules", lambda: book)


def test_a_rule_set_to_refuse_refuses_a_confirmed_jump(app: CareerLog, monkeypatch: pytest.MonkeyPatch) -> None:
    appointed(app)
    configured(monkeypatch, on_record="refuse")
    [reason] = refusal(app, f.promotion("III/c", "2014-04-01"), confirmed=["promotion.one_step"]).errors["new_rank"]
    assert reason.refusal is RANK_JUMP_REFUSED  # type: ignore[attr-defined]


def test_a_rule_set_to_record_records_a_jump_unasked(app: CareerLog, monkeypatch: pytest.MonkeyPatch) -> None:
    appointed(app)
    configured(monkeypatch, on_record="record")
    app.record(NIP, "rank_promotion", f.promotion("III/c", "2014-04-01"), actor="hr")
    assert ranks(app) == ["III/c"]


def test_a_migration_keeps_the_jump_its_log_holds(app: CareerLog) -> None:
    appointed(app)
    migration = Migration(f.NOW, "admin", True)
    app.record(NIP, "rank_promotion", f.promotion("III/c", "2014-04-01"), actor="hr", migration=migration)
    assert ranks(app) == ["III/c"]


def test_a_correction_making_a_promotion_a_jump_is_refused_until_confirmed(app: CareerLog) -> None:
    appointed(app)
    version = app.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="hr").version
    fix = {"target_version": version, "reason": "salah ketik", "corrected_fields": {"new_rank": "III/d"}}
    fix |= {"effective_date": "2014-05-01", "reference": "KOR-1"}
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", fix, actor="hr")
    assert list(refused.value.errors) == ["corrected_fields.new_rank"]
    app.record(NIP, "correction", fix, actor="hr", confirmed=["promotion.one_step"])
    assert ranks(app) == ["III/d"]


def test_an_imported_row_is_refused_and_recorded_with_a_confirm_column(app: CareerLog, tmp_path: Path) -> None:
    appointed(app)
    path = tmp_path / "rank_promotion.csv"
    header = "NIP;Golongan Baru;Jenis KP;TMT;Nomor SK"
    path.write_text(f"{header}\r\n{NIP};III/c;101;01/04/2014;KP-J\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    [problem] = report.rejected
    assert [r.refusal for r in problem.errors["new_rank"]] == [IMPORT_WORDED[RANK_JUMP]]  # type: ignore[attr-defined]
    path.write_text(f"{header};Konfirmasi\r\n{NIP};III/c;101;01/04/2014;KP-J;promotion.one_step\r\n", encoding="utf-8")
    assert import_file(app, path, actor="hr").recorded == 1
    assert ranks(app) == ["III/c"]


def test_an_imported_jump_is_named_with_its_unreadable_cells(app: CareerLog, tmp_path: Path) -> None:
    appointed(app)
    row = {"kind": "rank_promotion", "nip": NIP, **f.promotion("III/c", "2014-04-01"), "reference": ["KP"]}
    path = tmp_path / "rows.jsonl"
    path.write_bytes(orjson.dumps(row) + b"\n")
    [problem] = import_file(app, path, actor="hr").rejected
    assert sorted(problem.errors) == ["new_rank", "reference"]
