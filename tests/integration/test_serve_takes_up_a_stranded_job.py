"""A job a killed worker left `running` (its lease lapsed) is taken up by a served process, with no upload and no
kick: by `careerlog serve`'s worker as it boots (gunicorn's post_worker_init starts its thread), and by a worker of
plain `gunicorn 'web:create_app()'` (docs/operations.md) once it serves its first request, never by its master.
Until the second build of 2026-12-07 such a worker never started the thread unless it made a job itself, and the job
stayed `running` for ever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from careerlog.accounts import open_accounts
from careerlog.config import Settings
from careerlog.import_jobs import TABLE, ImportJobs, Job, open_import_jobs
from tests.integration.conftest import cookie_client, status
from tests.processes import free_port, serve, wait_until

FILE = (
    "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat\n"
    "199001012015031001;TEKNIS;Arsip;BKPSDM;8;15/11/2021;19/11/2021;JOB-1\n"
)


def stranded(database_url: str) -> str:
    """A store with an administrator and a job of theirs a killed worker left running, its lease lapsed: its id."""
    settings = Settings(database_url=database_url)
    accounts = open_accounts(settings)
    try:
        accounts.create("ops", display_name="Ops", role="admin", password=None)
        jobs = open_import_jobs(settings, accounts.store)
        job = jobs.create("ops", "diklat.csv", FILE.encode(), kind="training", dry_run=True, language="en", rows=1)
        assert jobs.claim(job.id, "a-killed-worker")
        with jobs.store.transaction() as sql:
            sql.execute(f"UPDATE {TABLE} SET lease_until = ? WHERE id = ?", [0.0, job.id])
    finally:
        accounts.store.close()
    return job.id


def job_now(database_url: str, job_id: str) -> Job:
    settings = Settings(database_url=database_url)
    accounts = open_accounts(settings)
    try:
        found = ImportJobs(accounts.store, None).get(job_id)
    finally:
        accounts.store.close()
    assert found is not None
    return found


def test_careerlog_serve_takes_up_a_job_a_killed_worker_left(database_url: str, tmp_path: Path) -> None:
    job_id = stranded(database_url)
    server, _ = serve(database_url, tmp_path / "serve.log", "--workers", "1")
    try:
        assert wait_until(lambda: job_now(database_url, job_id).finished, timeout=120), server.output()
    finally:
        server.close()
    done = job_now(database_url, job_id)
    assert (done.state, done.runs, done.rows_read) == ("done", 2, 1)


def test_a_plain_gunicorn_worker_takes_it_up_from_its_first_request(database_url: str, tmp_path: Path) -> None:
    job_id = stranded(database_url)
    port = free_port()
    env = {**os.environ, "CAREERLOG_DATABASE_URL": database_url, "CAREERLOG_SECRET_KEY": "k" * 40}
    with (tmp_path / "gunicorn.log").open("wb") as log:
        server = subprocess.Popen(
            [Path(sys.executable).parent / "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "web:create_app()"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            assert wait_until(lambda: b"Booting worker" in (tmp_path / "gunicorn.log").read_bytes(), timeout=120)
            assert job_now(database_url, job_id).state == "running"  # (no request yet)
            login = f"http://127.0.0.1:{port}/pages/login"
            assert wait_until(lambda: status(cookie_client(), login) == 200, timeout=120)
            assert wait_until(lambda: job_now(database_url, job_id).finished, timeout=60), (
                tmp_path / "gunicorn.log"
            ).read_text()
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(10)
    done = job_now(database_url, job_id)
    assert (done.state, done.runs, done.rows_read) == ("done", 2, 1)
