"""The import jobs' table (careerlog.import_jobs) on either store, by configuration: a job made, claimed by one
process at a time under a lease, its counts written, taken up by another process once the lease lapses, finished
(its upload dropped, its report and refused rows kept), listed per account; with CAREERLOG_ENCRYPTION_KEY its bytes
are stored encrypted."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from careerlog.config import Settings
from careerlog.import_jobs import DONE, LEASE_SECONDS, QUEUED, RUNNING, TABLE, ImportJobs, open_import_jobs
from careerlog.sqlstore import open_store
from tests.integration.test_accounts_copy import KEY

UPLOAD = b"NIP;Nama Diklat\n198609262010031001;Arsip\n"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=[None, KEY], ids=["plain", "encrypted"])
def jobs(request: pytest.FixtureRequest, database_url: str) -> Iterator[ImportJobs]:
    settings = Settings(database_url=database_url, encryption_key=request.param)
    store = open_store(settings)
    found = open_import_jobs(settings, store)
    found.clock = Clock()
    try:
        yield found
    finally:
        store.close()


def stored_upload(jobs: ImportJobs, job: str) -> bytes:
    with jobs.store.statements() as sql:
        return base64.b64decode(sql.scalar(f"SELECT upload FROM {TABLE} WHERE id = ?", [job]))


def test_a_job_is_run_by_one_process_and_taken_up_again_once_its_lease_lapses(jobs: ImportJobs) -> None:
    clock = jobs.clock
    assert isinstance(clock, Clock)
    job = jobs.create("hr", "diklat.csv", UPLOAD, kind="training", dry_run=False, language="id", rows=1)
    assert (job.state, job.rows_total, job.runs) == (QUEUED, 1, 0)
    assert jobs.waiting() == (job.id, None)
    assert jobs.claim(job.id, "a")
    assert not jobs.claim(job.id, "b")  # (its lease holds)
    assert jobs.waiting() == (None, clock.now + LEASE_SECONDS)
    assert jobs.beat(job.id, "a", {"rows_read": 1, "recorded": 1})
    assert not jobs.beat(job.id, "b")
    clock.now += LEASE_SECONDS / 2
    assert jobs.beat(job.id, "a")
    clock.now += LEASE_SECONDS - 1
    assert not jobs.claim(job.id, "b")  # (written again by its process: held still)
    clock.now += 2  # (its process gone: nothing written since)
    assert jobs.waiting() == (job.id, None)
    assert jobs.claim(job.id, "b")
    taken = jobs.get(job.id)
    assert taken is not None
    assert (taken.state, taken.runs, taken.rows_read, taken.recorded) == (RUNNING, 2, 0, 0)
    assert not jobs.finish(job.id, "a", report=b"{}", counts={})  # (the lease lost: left to its new owner)
    assert jobs.upload(job.id) == UPLOAD
    counts = {"rows_read": 1, "recorded": 0, "already_recorded": 1, "refused": 0}
    assert jobs.finish(job.id, "b", report=b'{"rows": 1}', counts=counts, refused_file=b"x", refused_name="d.csv")
    done = jobs.get(job.id)
    assert done is not None
    assert done.state == DONE
    assert done.finished
    assert done.already_recorded == 1
    assert jobs.upload(job.id) is None
    assert jobs.report(job.id) == b'{"rows": 1}'
    assert jobs.refused_file(job.id) == b"x"
    assert jobs.waiting() == (None, None)
    assert not jobs.claim(job.id, "c")  # (done: never run again)


def test_a_job_whose_process_stops_is_let_go_to_be_taken_up_at_once(jobs: ImportJobs) -> None:
    job = jobs.create("hr", "diklat.csv", UPLOAD, kind="training", dry_run=False, language="id", rows=1)
    assert jobs.claim(job.id, "a")
    assert not jobs.release(job.id, "b")  # (another's lease: held still)
    assert not jobs.claim(job.id, "b")
    assert jobs.release(job.id, "a")  # (its process stops gracefully)
    assert jobs.waiting() == (job.id, None)
    assert jobs.claim(job.id, "b")
    taken = jobs.get(job.id)
    assert taken is not None
    assert (taken.state, taken.runs) == (RUNNING, 2)


def test_an_accounts_jobs_are_listed_newest_first_and_no_one_elses(jobs: ImportJobs) -> None:
    first = jobs.create("hr", "a.csv", UPLOAD, kind=None, dry_run=True, language="en", rows=1)
    jobs.create("hr-karo", "b.csv", UPLOAD, kind=None, dry_run=False, language="id", rows=1)
    last = jobs.create("hr", "c.csv", UPLOAD, kind=None, dry_run=False, language="id", rows=1)
    assert [j.id for j in jobs.of("hr")] == [last.id, first.id]
    assert jobs.of("hr")[1].dry_run
    assert jobs.get("no-such-job") is None


def test_the_upload_is_encrypted_at_rest_with_the_stores_key(jobs: ImportJobs) -> None:
    job = jobs.create("hr", "diklat.csv", UPLOAD, kind=None, dry_run=False, language="id", rows=1)
    raw = stored_upload(jobs, job.id)
    if jobs.cipher is None:
        assert raw == UPLOAD
    else:
        assert b"198609262010031001" not in raw
        assert raw != UPLOAD
        assert jobs.upload(job.id) == UPLOAD


def test_the_table_is_made_once(database_url: str) -> None:
    settings = Settings(database_url=database_url)
    store = open_store(settings)
    try:
        made = open_import_jobs(settings, store)
        assert not made.tables_missing()
        open_import_jobs(settings, store).create("hr", "a.csv", UPLOAD, kind=None, dry_run=False, language="id", rows=1)
        assert len(made.of("hr")) == 1
    finally:
        store.close()
