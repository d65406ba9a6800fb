"""The import page's jobs run in the background: a thread of the web process (gunicorn's gthread worker) imports each
job of the store's `import_jobs` table (careerlog.import_jobs) under a lease it writes again as it works, keeping the
counts so far for the job's page, then its report and its refused rows' file; the uploaded bytes are dropped.

One long-lived thread a process (`JobRunner.start`), started once: in a gunicorn worker by its post_worker_init hook
(web.cli), after the fork, never in the master; under any WSGI server by the first request the process serves (the
app's first before_request hook, and web.fastreads for the reads it answers: a request is always served after the
fork, so a worker of `gunicorn -w 2 'web:create_app()'` starts it too, and the master, serving none, never does); and
by the first job the process makes (`JobRunner.kick`, which wakes it after). It takes the jobs waiting, the oldest
first, then waits until a job is made here, a lease it saw lapses, or LOOK_EVERY seconds pass; it stops with the
app's services (`JobRunner.stop`, gunicorn's worker_exit hook), letting go of the lease of the job it ran. A job
whose process died (a worker restarted, killed, its host gone) keeps its lease until it lapses
(careerlog.import_jobs.LEASE_SECONDS); then the next thread that looks takes it up and imports the file again from
its first row: the rows the first run recorded are reported as already recorded, nothing recorded twice.

The report is kept as JSON, each reason with its refusal's English template and values (careerlog.domain.wording:
`Reason`), so that its page says it in the reader's language as the import page does; the refused rows' file is
written when the job ends, in the language of the page or API request that uploaded it (careerlog's reasons column
named in it; an API request's by its Accept-Language, English by default)."""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import socket
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from flask_babel import force_locale, get_locale

from careerlog.accounts import DISABLED, Account
from careerlog.domain.errors import InvalidInput
from careerlog.domain.ledger import CORRECTED_TO, KEY_RETRACTED, RECORDED_AS, RECORDED_WITH, RESENT_RETRACTED
from careerlog.domain.wording import REFUSALS, Reason, Refusal, fill
from careerlog.import_jobs import LEASE_SECONDS, RUNS, Job
from careerlog.importing import KEY_RERUN_RETRACTED, RERUN_RETRACTED

if TYPE_CHECKING:
    from web.services import Services

log = logging.getLogger(__name__)
# The refused rows' file of an upload (its bytes, its name, the report's rejected rows) and its download's name, None
# when there are none: the import page's (web.pages.refused_rows.refused_file), given by the app factory
RefusedFile = Callable[[bytes, str, list[Mapping[str, Any]]], tuple[bytes, str] | None]
# Said of a job that stopped on an error of careerlog's own (the error logged; the rows recorded before it stay)
STOPPED = Refusal(
    "The import stopped on an unexpected error: the rows recorded before it stay recorded. Import the file again to "
    "record the rest (a row already recorded is not recorded twice), or ask your administrator."
).reason()
# Said of a job taken up once more than careerlog.import_jobs.RUNS: each run stopped before it was done
REPEATED = Refusal(
    "The import stopped {runs} times before it was done and is not taken up again: the rows recorded before stay "
    "recorded. The file may be too large to import at once: split it into smaller files and import each, or ask your "
    "administrator."
)
# Said beside a refusal raised once rows were recorded (a refusal of the file as a whole stops it mid-way)
KEPT = Refusal(
    "The rows recorded before it stopped ({count}) stay recorded: import the file again once it is put right to "
    "record the rest (a row already recorded is not recorded twice).",
    numbers=("count",),
)
BEAT_EVERY = LEASE_SECONDS / 4  # seconds between a running job's writes of its lease
COUNTS_EVERY = 1.0  # the counts so far written at most once a second


def encoded(value: Any) -> Any:
    """A report's value as JSON holds it: a Reason as its template and values (`decoded` makes it again)."""
    if type(value) is Reason:
        return {"$reason": value.refusal.text, "params": [[n, encoded(v)] for n, v in value.params], "kind": value.kind}
    if isinstance(value, Mapping):
        return {str(k): encoded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encoded(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


# The former wordings of the refusals of a retracted fact's row (careerlog.importing.RERUN_RETRACTED,
# KEY_RERUN_RETRACTED, the ledger's RESENT_RETRACTED and KEY_RETRACTED), which the reports of jobs imported before
# 2026-12-07's hold: each read as the refusal now (`former`), which a page says in its reader's language, where their
# English was shown as it was. The first wording named the fact in the sentence ("was recorded with these values as
# version {version}, which version {by} retracted: ..."); the one of some hours on 2026-12-07 named it apart
# ({recorded}: `FORMER_PARTS`), its retraction after it ("{recorded}, which version {by} retracted: ...").
RETRACTED_NOW = {RERUN_RETRACTED: RECORDED_WITH, KEY_RERUN_RETRACTED: RECORDED_WITH, RESENT_RETRACTED: RECORDED_WITH,
                 KEY_RETRACTED: RECORDED_AS}  # fmt: skip
# ... the parts naming the fact of the wording of some hours, as they were (the retraction then after them)
FORMER_PARTS = {
    part.text.removesuffix(", which version {by} retracted").removesuffix("; version {by} retracted it"): part
    for part in (RECORDED_WITH, RECORDED_AS, CORRECTED_TO)
}
_FORMER_TEXT = {part: text for text, part in FORMER_PARTS.items()}
FORMER_WORDINGS: dict[str, tuple[Refusal, Refusal | None]] = {
    r.text.replace("{recorded}:", f"{named}, which version {{by}} retracted:"): (
        r,
        part if named != "{recorded}" else None,
    )
    for r, part in RETRACTED_NOW.items()
    for named in ("{recorded}", _FORMER_TEXT[part])
}


def former(value: Mapping[str, Any]) -> Reason | None:
    """A reason kept in a former wording of a retracted fact's refusal (FORMER_WORDINGS) as the refusal now, or None
    when it is none (or does not read so)."""
    found = FORMER_WORDINGS.get(value["$reason"])
    if found is None:
        return None
    refusal, part = found
    params = {str(n): v for n, v in value["params"]}
    inner = params.get("recorded")
    if part is not None:  # (the first wording: the fact's version in the sentence)
        recorded = part.reason(version=params.get("version"), by=params.get("by"))
    elif isinstance(inner, dict) and (named := FORMER_PARTS.get(inner.get("$reason", ""))) is not None:
        recorded = named.reason(version=dict(inner["params"]).get("version"), by=params.get("by"))
    else:
        return None
    kept = {n: decoded(v) for n, v in params.items() if n not in ("recorded", "version", "by")}
    return Reason(refusal, refusal.reason(**kept, recorded=recorded).params, value.get("kind"))


def decoded(value: Any) -> Any:
    if isinstance(value, dict):
        if "$reason" in value:
            refusal = REFUSALS.get(value["$reason"])
            if refusal is None and (now := former(value)) is not None:
                return now
            params = tuple((str(n), decoded(v)) for n, v in value["params"])
            if refusal is None:  # (a wording changed by a later release: its English as it was)
                return fill(str(value["$reason"]), dict(params))
            return Reason(refusal, params, value.get("kind"))
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return value


def report_bytes(report: Mapping[str, Any]) -> bytes:
    return json.dumps(encoded(report), ensure_ascii=False).encode("utf-8")


def report_of(data: bytes) -> dict[str, Any]:
    found = decoded(json.loads(data.decode("utf-8")))
    assert isinstance(found, dict)
    return found


class JobStopped(Exception):
    """The process running a job stops: the job is left as it is, to be taken up again."""


# Seconds the thread of a process with no job to run waits before it looks again (a job a process that died left,
# its lease lapsed; one made by this process wakes it at once: `JobRunner.kick`)
LOOK_EVERY = LEASE_SECONDS / 2
RUNNERS: weakref.WeakSet[JobRunner] = weakref.WeakSet()  # (each made anew in a child process: `forked`)


class JobRunner:
    """The process's thread running import jobs (one at a time), for the app `app`: one long-lived thread a process,
    started once (`start`: by gunicorn's post_worker_init hook in a worker, web.cli, by the first request the process
    serves, or on the first job the process makes, `kick`), stopped gracefully with the app's services (`stop`); a
    job's refused rows' file written by `refused_file`."""

    def __init__(self, app: Flask, services: Services, *, refused_file: RefusedFile):
        self.app = app
        self.services = services
        self.refused_file = refused_file
        self.pid = -1
        self.owner = ""  # the name its leases are written under: host, process, random (`start`)
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        RUNNERS.add(self)

    def forked(self) -> None:
        """In a child process (gunicorn's worker of an app made in its master): the parent's thread is not this
        process's, and its lock and events are made anew (a lock the parent held at the fork is held for ever)."""
        self.pid, self.thread = -1, None
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopping = threading.Event()

    def start(self) -> None:
        """The process's thread started, once (a no-op once it runs, or once the process stops): cheap enough to be
        called before every request (an attribute or two and the process's id)."""
        thread = self.thread
        if (thread is not None and thread.is_alive() and self.pid == os.getpid()) or self.stopping.is_set():
            return
        with self.lock:
            if self.thread is not None and self.thread.is_alive() and self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.owner = f"{socket.gethostname()}:{self.pid}:{secrets.token_hex(4)}"
            self.thread = threading.Thread(target=self.run, name="careerlog-import-jobs", daemon=True)
            self.thread.start()

    def kick(self) -> None:
        """Look for jobs now (a job just made): the thread started if it is not yet, else woken."""
        self.start()
        self.wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop taking jobs; the one running stops after its batch being written (waited for up to `timeout`
        seconds: within gunicorn's graceful timeout), its lease let go, to be taken up at once by the next process
        that looks."""
        self.stopping.set()
        self.wake.set()
        thread = self.thread
        if thread is not None and thread is not threading.current_thread() and self.pid == os.getpid():
            thread.join(timeout)

    def run(self) -> None:
        """Until the process stops: the jobs waiting run, then a wait until one is made (`kick`), a lease on one
        lapses, or LOOK_EVERY seconds have passed (a job of a process that died)."""
        while not self.stopping.is_set():
            try:
                soonest = self.take_jobs()
            except Exception:  # (a store that cannot be read or written now: looked at again in a while)
                log.exception("import jobs: the table could not be read or written")
                soonest = None
            wait = LOOK_EVERY if soonest is None else min(max(0.05, soonest - time.time()), LOOK_EVERY)
            self.wake.wait(wait)
            self.wake.clear()

    def take_jobs(self) -> float | None:
        """Run the jobs waiting, the oldest first, until none is left to take now or the process stops; the soonest a
        lease on a job another process holds lapses (None for no such job)."""
        jobs = self.services.jobs
        while not self.stopping.is_set():
            self.wake.clear()  # (a job made from here on wakes the wait after it)
            job, soonest = jobs.waiting()
            if job is None:
                return soonest
            if jobs.claim(job, self.owner):
                self.run_job(job)
        return None

    def run_job(self, job_id: str) -> None:
        jobs = self.services.jobs
        counts: dict[str, int] = {"rows_read": 0, "recorded": 0, "already_recorded": 0, "refused": 0}
        done = threading.Event()
        written = [0.0]

        held = [True]

        def beat_now() -> None:  # the lease written again, the counts so far with it
            try:
                held[0] = jobs.beat(job_id, self.owner, dict(counts)) and held[0]
            except Exception:  # (the store out of reach a moment, "database is locked": written at the next beat)
                log.warning("import job %s: its lease could not be written", job_id, exc_info=True)

        def beating() -> None:  # while the import works
            while not done.wait(BEAT_EVERY):
                beat_now()

        def progress(now: dict[str, int]) -> None:
            counts.update(now)
            if time.monotonic() - written[0] >= COUNTS_EVERY:
                written[0] = time.monotonic()
                beat_now()
            if self.stopping.is_set() or not held[0]:  # (the process stops, or another took the job: left to it,
                raise JobStopped  # this one's batches recorded whole)

        beat = threading.Thread(target=beating, name=f"careerlog-import-job-{job_id}", daemon=True)
        beat.start()
        try:
            job = jobs.get(job_id)
            if job is None:
                return
            with self.app.app_context(), force_locale(job.language):
                try:
                    if job.runs > RUNS:  # (each run stopped before it was done: not read again)
                        raise InvalidInput(REPEATED.reason(runs=RUNS), "file")
                    data = jobs.upload(job_id)  # (one that cannot be read, its key changed: the job stopped)
                    if data is None:
                        raise InvalidInput(STOPPED, "_schema")
                    account = self.services.accounts.get(job.username)
                    if account.disabled:  # (disabled since the upload: nothing of it recorded in its name)
                        raise InvalidInput(DISABLED, "_schema")  # (of the run, not a field of the file)
                    found = self.services.import_file(
                        account,
                        io.BytesIO(data),
                        name=job.name,
                        fmt=None,
                        kind=job.kind,
                        dry_run=job.dry_run,
                        progress=progress,
                    )
                except InvalidInput as e:
                    done.set()
                    errors = dict(e.errors)
                    if counts["recorded"] and not job.dry_run:  # (refused mid-way: the rows before it stay)
                        errors["_schema"] = [*errors.get("_schema", []), KEPT.reason(count=counts["recorded"])]
                    jobs.finish(job_id, self.owner, report=None, counts=counts, failure=report_bytes(errors).decode())
                    return
                counts.update(
                    rows_read=int(found["rows"]),
                    recorded=int(found["recorded"]),
                    already_recorded=int(found["already_recorded"]),
                    refused=len(found["rejected"]),
                )
                refused = self.refused_file(data, job.name, found["rejected"])
                done.set()
                jobs.finish(
                    job_id,
                    self.owner,
                    report=report_bytes(found),
                    counts=counts,
                    refused_file=refused[0] if refused else None,
                    refused_name=refused[1] if refused else None,
                )
        except JobStopped:
            log.info("import job %s left: this process stops, or another took it up", job_id)
            if self.stopping.is_set():  # (let go: the next process takes it up at once, not once its lease lapses)
                done.set()
                beat.join(5)  # (no beat after it to hold the lease again)
                try:
                    jobs.release(job_id, self.owner)
                except Exception:  # (its lease then lapses within LEASE_SECONDS)
                    log.warning("import job %s: its lease could not be let go", job_id, exc_info=True)
        except Exception:
            if self.stopping.is_set():  # (the store closed under it as the process stops: taken up again)
                log.info("import job %s left to be taken up again: this process stops", job_id, exc_info=True)
                return
            log.exception("import job %s stopped", job_id)
            done.set()
            failure = report_bytes({"_schema": [STOPPED]}).decode()
            try:
                jobs.finish(job_id, self.owner, report=None, counts=counts, failure=failure)
            except Exception:
                log.exception("import job %s: its failure could not be written", job_id)
        finally:
            done.set()
            beat.join(5)


def job_rows() -> int:
    """The most rows an import (the page's, the API's) imports while its request waits (CAREERLOG_IMPORT_JOB_ROWS);
    a file of more is made a job."""
    return int(current_app.config["CAREERLOG_IMPORT_JOB_ROWS"])


# The fewest bytes a row of data takes (its NIP's 18 digits): a text file of fewer bytes than this many a row over
# CAREERLOG_IMPORT_JOB_ROWS is imported while the request waits, its rows not counted first (a workbook, compressed,
# always is counted)
ROW_BYTES = 18


def may_be_a_job(data: bytes, name: str) -> bool:
    """Whether an upload may hold more rows than CAREERLOG_IMPORT_JOB_ROWS (then they are counted)."""
    return name.lower().endswith(".xlsx") or len(data) > job_rows() * ROW_BYTES


def runner() -> JobRunner:
    found = current_app.extensions["careerlog_jobs"]
    assert isinstance(found, JobRunner)
    return found


def made_job(
    account: Account, data: bytes, *, name: str, kind: str | None, dry_run: bool, rows: int, language: str | None = None
) -> Job:
    """An import job of the upload `data` (of `rows` rows), run in the background by the process's thread, woken;
    its refused rows' file and the report's wording in the request's language: `language` (the API's, by its
    Accept-Language: web.languages.api_language), else the page's. Until 2026-12-07 an API job's was the pages'
    default, Indonesian, whatever the request asked (the API's default is English)."""
    language = language or str(get_locale() or "id")
    job = runner().services.jobs.create(
        account.username, name, data, kind=kind, dry_run=dry_run, language=language, rows=rows
    )
    runner().kick()  # (the process's thread started, or woken)
    return job


def forked() -> None:
    for runner in list(RUNNERS):
        runner.forked()


os.register_at_fork(after_in_child=forked)
