"""Rank promotions, corrections and retractions a release before de1d018 stored (class version 1: no `class_version`, no
`confirmed`), and appointments, trainings, placements and post appointments a release before 2026-12-05 stored (their
version 1, alike), and penalties, exams and degrees a release before 2026-12-06 stored (alike), read back unchanged
beside a version-2 promotion the writer confirmed, on both stores, with the store encrypted
(CAREERLOG_ENCRYPTION_KEY: the mapper's upcasters) and not (the projections' plain row readers, `UPCAST_DEFAULTS`):
the history is the one read before they were rewritten, the timeline view caught up gives the rows a rebuild gives,
and an export imported by a migration into another store (re-saved as version 2) exports the same lines, history and
timeline rows again. Review of de1d018 (its own test rewrote one unencrypted promotion)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import orjson
import pytest
from eventsourcing.cipher import AESCipher

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.exporting import export_events
from careerlog.importing import import_file
from careerlog.sqlstore import open_store
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f
from tests.conftest import fresh_schema

NIP = f.nip()
ONE_STEP = ("promotion.one_step",)
# an appointment, a promotion, a training, a correction, a retraction, a placement, a post appointment, a penalty, an
# exam, a degree
STORED_AS_VERSION_1 = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]


def rewritten_as_version_1(app: CareerLog, settings: Settings, versions: list[int]) -> None:
    """The events of `versions` stored again as a release before de1d018 (2026-12-05: an appointment, training,
    placement, post appointment) stored them (encrypted alike)."""
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    cipher = app.mapper.cipher
    sql = open_store(settings)
    try:
        with sql.transaction() as write:
            for version in versions:
                where = f"FROM {table} WHERE originator_id = ? AND originator_version = ?"
                data = bytes(write.scalar(f"SELECT state {where}", (NIP, version)))
                state = orjson.loads(cipher.decrypt(data) if cipher else data)
                assert (state.pop("class_version"), state.pop("confirmed")) == (2, [])
                data = orjson.dumps(state)
                write.execute(
                    f"UPDATE {table} SET state = ? WHERE originator_id = ? AND originator_version = ?",
                    (cipher.encrypt(data) if cipher else data, NIP, version),
                )
    finally:
        sql.close()


def timeline_rows(settings: Settings, app: CareerLog, *, rebuilt: bool) -> list[dict[str, Any]]:
    worker = Projector(settings, all_projections(), app=app)
    try:
        worker.catch_up()
        if rebuilt:
            worker.rebuild(["timeline"])
        rows = worker.views.sql.query("SELECT * FROM timeline WHERE subject = ? ORDER BY version", (NIP,))
        return [{k: v for k, v in dict(row).items() if k != "position"} for row in rows]
    finally:
        worker.close()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_version_1_amendments_read_back_unchanged_and_are_resaved_alike(
    database_url: str, tmp_path: Path, encrypted: bool
) -> None:
    key = AESCipher.create_key(32) if encrypted else None
    settings = Settings(database_url=database_url, encryption_key=key)
    with CareerLog.from_settings(settings) as app:
        app.record(NIP, "appointment", f.appointment(), actor="hr")  # III/a
        app.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01", reference="KP-B"), actor="hr")  # v2
        jump = f.promotion("III/d", "2018-04-01", reference="KP-D")  # v3: two ranks up, confirmed (version 2)
        app.record(NIP, "rank_promotion", jump, actor="hr-2", confirmed=ONE_STEP)
        app.record(NIP, "training", f.training("2019-05-01"), actor="hr")  # v4
        app.record(NIP, "correction", f.correction(2, "2019-06-01", reference="KP-B2"), actor="hr")  # v5
        app.record(NIP, "retraction", f.retraction(4, "2019-07-01"), actor="hr")  # v6
        moved = {"agency": "KOTA-MEDAN", "unit": "Dinas Sosial", "region": "12.71"}
        app.record(NIP, "placement", {**moved, "effective_date": "2020-01-02", "reference": "MUT-1"}, actor="hr")  # v7
        post = {"post_kind": "PELAKSANA", "title": "Analis", "unit": "Dinas Sosial", "assignment": "DEFINITIVE"}
        app.record(NIP, "post_appointment", {**post, "effective_date": "2020-02-03", "reference": "JAB-1"}, actor="hr")
        penalty = {"level": "LIGHT", "penalty_kind": "TEGURAN_LISAN", "effective_date": "2021-03-01"}
        app.record(NIP, "penalty", {**penalty, "reference": "HD-1"}, actor="hr")  # v9
        app.record(NIP, "exam", {"exam": "UD_I", "effective_date": "2021-04-01", "reference": "UD-1"}, actor="hr")
        degree = {"level": "S-1", "field_of_study": "Hukum", "institution": "USU", "effective_date": "2021-05-01"}
        app.record(NIP, "education", {**degree, "reference": "IJZ-1"}, actor="hr")  # v11
        history = app.get_history(NIP)
        rewritten_as_version_1(app, settings, STORED_AS_VERSION_1)
    assert [row.get("confirm") for row in history] == [None, None, list(ONE_STEP), *[None] * 8]
    with CareerLog.from_settings(settings) as app:
        assert app.get_history(NIP) == history
        read = {e.originator_version: getattr(e, "confirmed", None) for e in app.events.get(NIP)}
        assert read == {1: (), 2: (), 3: ONE_STEP, **dict.fromkeys(range(4, 12), ())}
        caught_up = timeline_rows(settings, app, rebuilt=False)
        assert timeline_rows(settings, app, rebuilt=True) == caught_up
        exported = io.BytesIO()
        export_events(app, exported)
    assert [orjson.loads(line).get("confirm") for line in exported.getvalue().splitlines()] == [
        None,
        None,
        list(ONE_STEP),
        *[None] * 8,
    ]
    dump = tmp_path / "export.jsonl"
    dump.write_bytes(exported.getvalue())
    other: contextlib.AbstractContextManager[str] = (
        fresh_schema() if database_url.startswith("postgres") else contextlib.nullcontext(f"sqlite:///{tmp_path}/o.db")
    )
    with other as url:
        resaved = Settings(database_url=url, encryption_key=key)
        with CareerLog.from_settings(resaved) as target:
            kept = import_file(target, dump, actor="admin", migration=True)
            assert kept.ok, kept.rejected
            again = io.BytesIO()
            export_events(target, again)
            assert again.getvalue() == exported.getvalue()
            assert target.get_history(NIP) == history
            assert timeline_rows(resaved, target, rebuilt=False) == caught_up
