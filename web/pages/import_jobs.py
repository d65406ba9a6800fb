"""An import too large to wait for: the import page makes a job of a file of more rows than
CAREERLOG_IMPORT_JOB_ROWS (careerlog.import_jobs, run by web.import_jobs) and sends the browser (303) to the job's
page, which shows the rows read, recorded, already recorded and refused so far, of how many, until the job is done;
then it shows the report the import page shows, with the refused rows' download. With scripts on, its script
(web/static/import_job.js) brings the counts up to date in place from `import_job_progress` every few seconds and
opens the page again once the job is done; without, the page opens itself again (a <noscript> meta refresh: axe's
meta-refresh rule, WCAG 2.2.1, is for a page that reloads under a script-enabled reader). The list of imports shows
the account's recent jobs, each one's page kept.

A job is its uploader's alone: another account, an administrator's too, is answered 404 for it (as for a job that
does not exist, telling nothing of it): its report lists the rows of the uploader's file, and the administrator sees
the jobs' table in the store (docs/operations.md)."""

from __future__ import annotations

from flask import abort, jsonify, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from careerlog.access import Action
from careerlog.accounts import Account
from careerlog.import_jobs import DONE, FAILED, QUEUED, RUNNING, Job
from web.import_jobs import job_rows, made_job, report_of
from web.pages import local_number
from web.pages.common import allowed, blp, page, services
from web.pages.refused_rows import refused_rows_file

REFRESH_SECONDS = 2  # the job's page opens itself again this often while the job runs


@blp.app_template_filter("job_state")
def job_state(state: str) -> str:
    """A job's state in the page's language."""
    return {
        QUEUED: _("waiting"),
        RUNNING: _("importing"),
        DONE: _("done"),
        FAILED: _("stopped"),
    }.get(state, state)


def start_job(
    account: Account, data: bytes, *, name: str, kind: str | None, dry_run: bool, rows: int
) -> ResponseReturnValue:
    """An import job of the upload, run in the background; the browser sent to its page (303)."""
    job = made_job(account, data, name=name, kind=kind, dry_run=dry_run, rows=rows)
    return redirect(url_for("pages.import_job", job_id=job.id), 303)


def own_job(account: Account, job_id: str) -> Job:
    """The account's job `job_id`; 404 for another's, as for one that does not exist."""
    job = services().jobs.get(job_id)
    if job is None or job.username != account.username:
        abort(404)
    return job


@blp.route("/import/jobs")
def import_jobs() -> ResponseReturnValue:
    """The account's recent imports made jobs, newest first: file, when, state and counts, each linked to its page."""
    account = allowed(Action.IMPORT)
    return page("pages/import_jobs.html", account, jobs=services().jobs.of(account.username), job_rows=job_rows())


@blp.route("/import/jobs/<job_id>")
def import_job(job_id: str) -> ResponseReturnValue:
    """A job's progress while it runs (the page refreshing itself), then its report."""
    account = allowed(Action.IMPORT)
    job = own_job(account, job_id)
    report = None
    failure = None
    if job.failure:
        failure = report_of(job.failure.encode("utf-8"))
    elif job.finished:
        kept = services().jobs.report(job.id)
        report = report_of(kept) if kept else None
    answer = page(
        "pages/import_job.html",
        account,
        job=job,
        report=report,
        failure=failure,
        refresh=None if job.finished else REFRESH_SECONDS,
    )
    return *answer, {"Cache-Control": "no-store"}


@blp.app_template_global()
def progress_shown(job: Job) -> dict[str, str]:
    """A job's counts as its page shows them, in the page's language (`import_job_progress`)."""
    return {
        "state": job_state(job.state),
        "rows": _("%(read)s of %(total)s", read=local_number(job.rows_read), total=local_number(job.rows_total)),
        "recorded": local_number(job.recorded),
        "already_recorded": local_number(job.already_recorded),
        "refused": local_number(job.refused),
    }


@blp.route("/import/jobs/<job_id>/progress")
def import_job_progress(job_id: str) -> ResponseReturnValue:
    """A job's counts so far as JSON, which its page's script asks every few seconds to show them without opening
    the page again (a browser without scripts opens it again: its <noscript> refresh); `finished` once it is done."""
    account = allowed(Action.IMPORT)
    job = own_job(account, job_id)
    return jsonify(
        finished=job.finished,
        rows_total=job.rows_total,
        rows_read=job.rows_read,
        shown=progress_shown(job),
    ), {"Cache-Control": "no-store"}


@blp.route("/import/jobs/<job_id>/refused")
def import_job_refused(job_id: str) -> ResponseReturnValue:
    """The refused rows of a finished job, as the import page's download gives them (web.pages.refused_rows)."""
    account = allowed(Action.IMPORT)
    job = own_job(account, job_id)
    body = services().jobs.refused_file(job.id) if job.refused_name else None
    if body is None or not job.refused_name:
        abort(404)
    return refused_rows_file(body, job.refused_name)
