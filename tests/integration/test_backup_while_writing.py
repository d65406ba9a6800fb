"""A store's own online backup, taken while careerlog records and a worker keeps the views, restores whole.

docs/operations.md, "Backups and restore": SQLite's online backup API and `pg_dump` take a
consistent copy while the service runs; the views come back with their tracking positions, so
a worker resumes. Here the copy is taken while a thread records events and another keeps the
views: the restored log is a prefix of the live one, and the restored views, caught up from
their own positions (past the gap `pg_dump` may leave in the positions, by recording one more
event), equal a rebuild of the restored log.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f
from tests.integration.test_backup_restore import comparable, new_database  # noqa: F401 (a fixture)
from tests.integration.test_properties import exported, opened

EMPLOYEES = 300


def born(i: int) -> date:
    return date(1970 + i % 20, 1 + i % 12, 1 + i % 28)


def nip_of(i: int) -> str:
    return f.nip(born(i), date(2010, 3, 1), "F", sequence=i + 1)


def record(settings: Settings, recorded: list[int], stop: threading.Event) -> None:
    """Appoint employees one after another, each with a training, until stopped."""
    with CareerLog.from_settings(settings) as ledger:
        for i in range(EMPLOYEES):
            if stop.is_set():
                return
            nip = nip_of(i)
            ledger.record(nip, "appointment", f.appointment(born(i), date(2010, 3, 1), "F"), actor="hr")
            ledger.record(nip, "training", f.training("2012-05-04"), actor="hr")
            recorded.append(i)


def keep_views(settings: Settings, stop: threading.Event) -> None:
    worker = Projector(settings, all_projections(), batch_size=7)
    try:
        while not stop.is_set():
            if worker.catch_up() == 0:
                stop.wait(0.01)
    finally:
        worker.close()


def back_up_while_writing(live: Settings, take_backup: Callable[[], None]) -> None:
    stop, recorded = threading.Event(), list[int]()
    threads = [
        threading.Thread(target=record, args=(live, recorded, stop)),
        threading.Thread(target=keep_views, args=(live, stop)),
    ]
    for thread in threads:
        thread.start()
    try:
        while len(recorded) < 40 and threads[0].is_alive():
            threading.Event().wait(0.02)
        take_backup()
        while len(recorded) < 80 and threads[0].is_alive():
            threading.Event().wait(0.02)
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)


def check_restored(live: Settings, restored: Settings) -> None:
    with opened(live) as store:
        live_export = exported(store.ledger)
    with opened(restored) as store:
        export = exported(store.ledger)
        assert export.count(b"\n") >= 80  # the copy holds what was recorded before it
        assert live_export.startswith(export)
        assert len(live_export) > len(export)  # and was taken while recording went on
        new = nip_of(EMPLOYEES + 1)
        store.ledger.record(new, "appointment", f.appointment(born(EMPLOYEES + 1), date(2010, 3, 1), "F"), actor="hr")
        store.projector.catch_up()
        resumed = comparable(store)
        assert any(row["subject"] == new for row in resumed["roster"])
        store.projector.rebuild()
        assert comparable(store) == resumed


def test_a_sqlite_online_backup_taken_while_writing_restores_whole(tmp_path: Path) -> None:
    live = Settings(database_url=f"sqlite:///{tmp_path}/live.db")

    def take_backup() -> None:
        with sqlite3.connect(tmp_path / "live.db") as source, sqlite3.connect(tmp_path / "copy.db") as copy:
            source.backup(copy)
        source.close()
        copy.close()

    back_up_while_writing(live, take_backup)
    check_restored(live, Settings(database_url=f"sqlite:///{tmp_path}/copy.db"))


@pytest.mark.postgres
def test_a_pg_dump_taken_while_writing_restores_whole(postgres_url: str, new_database: str, tmp_path: Path) -> None:  # noqa: F811
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is not installed")
    live = Settings(database_url=postgres_url)
    base, _, schema = postgres_url.partition("?schema=")
    dump = tmp_path / "careerlog.dump"

    def take_backup() -> None:
        subprocess.run(["pg_dump", "--format=custom", f"--schema={schema}", f"--file={dump}", base], check=True)

    back_up_while_writing(live, take_backup)
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={new_database}", str(dump)], check=True)
    check_restored(live, Settings(database_url=f"{new_database}?schema={schema}"))
