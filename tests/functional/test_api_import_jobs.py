"""`POST /api/v1/imports` of a file of more rows than CAREERLOG_IMPORT_JOB_ROWS, asked with `Prefer: respond-async`
(RFC 7240), answers 202 with the job's URL in Location, as the import page answers 303 to its page (web.api.imports):
`GET /api/v1/imports/{job_id}` gives its state and counts so far, then the report a smaller file's upload answers
with; the job is its uploader's alone (404 to another account, as one that does not exist). Without the preference
every upload is answered 200 with its report, v1's contract (a build of 2026-12-07 answered a large file 202
unasked); a smaller file, a header refused, a format given against the name and a CSV answer asked stay synchronous
even with it."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from careerlog.import_jobs import FAILED, QUEUED
from tests.functional.conftest import World
from tests.functional.test_import_jobs import FILE, HEADER, ROWS, finished, store_url, test_config, trainings

__all__ = ["store_url", "test_config"]  # the page's jobs' fixtures: both stores, three rows a job


ASYNC = {"Prefer": "respond-async"}


def posted(
    world: World,
    body: str = FILE,
    name: str = "diklat.csv",
    query: str = "kind=training",
    headers: dict[str, str] | None = None,
    **kw: Any,
) -> Any:
    """The file uploaded by hr, asking a job by `Prefer: respond-async` unless `headers` say otherwise."""
    upload = {"file": (io.BytesIO(body.encode()), name)}
    return world.post(
        f"/api/v1/imports?{query}",
        "hr",
        data=upload,
        content_type="multipart/form-data",
        headers=ASYNC if headers is None else headers,
        **kw,
    )


def test_a_large_upload_is_answered_202_and_its_job_gives_the_report_once_done(world: World) -> None:
    answer = posted(world)
    assert answer.status_code == 202
    job = answer.get_json()
    assert answer.headers["Location"] == f"/api/v1/imports/{job['id']}"
    assert answer.headers["Preference-Applied"] == "respond-async"
    assert answer.headers["Retry-After"] == "5"
    assert (job["state"], job["file_name"], job["kind"], job["dry_run"]) == (QUEUED, "diklat.csv", "training", False)
    assert (job["rows_total"], job["report"], job["errors"]) == (3, None, None)
    finished(world, job["id"])
    done = world.get(answer.headers["Location"], "hr")
    assert done.status_code == 200
    found = done.get_json()
    counts = (found["state"], found["runs"], found["rows_read"], found["recorded"], found["refused"])
    assert counts == ("done", 1, 3, 2, 1)
    assert (found["id"], found["file_name"], found["rows_total"], found["errors"]) == (job["id"], "diklat.csv", 3, None)
    report = found["report"]
    assert (report["rows"], report["recorded"], report["already_recorded"]) == (3, 2, 0)
    assert [(p["line"], list(p["errors"])) for p in report["rejected"]] == [(3, ["effective_date"])]
    assert sorted(trainings(world)) == ["JOB-1", "JOB-3"]
    again = posted(world, query="kind=training&dry_run=true")  # (the same file, as a dry run)
    assert again.status_code == 202
    finished(world, again.get_json()["id"])
    dry = world.get(again.headers["Location"], "hr").get_json()
    # (the report's shape is the synchronous answer's: the same fields, a smaller file's)
    small = posted(world, body=HEADER + ROWS.splitlines(keepends=True)[0], query="kind=training&dry_run=true")
    assert small.status_code == 200
    assert set(dry["report"]) == set(small.get_json())
    assert (dry["dry_run"], dry["report"]["already_recorded"], dry["report"]["recorded"]) == (True, 2, 0)


def test_without_prefer_respond_async_a_large_upload_is_answered_200_with_its_report(world: World) -> None:
    """(v1's contract: a client that does not ask for a job gets the report, however large the file.)"""
    answer = posted(world, headers={})
    assert answer.status_code == 200
    assert "Preference-Applied" not in answer.headers
    report = answer.get_json()
    assert (report["rows"], report["recorded"], report["already_recorded"]) == (3, 2, 0)
    assert [(p["line"], list(p["errors"])) for p in report["rejected"]] == [(3, ["effective_date"])]
    assert sorted(trainings(world)) == ["JOB-1", "JOB-3"]
    another = posted(world, query="kind=training&dry_run=true", headers={"Prefer": "return=minimal, wait=10"})
    assert another.status_code == 200  # (other preferences are not respond-async)
    assert another.get_json()["already_recorded"] == 2
    username = world.get("/api/v1/me", "hr").get_json()["account"]["username"]
    assert world.services.jobs.of(username) == []


def test_prefer_respond_async_is_read_among_other_preferences_in_any_case(world: World) -> None:
    answer = posted(world, headers={"Prefer": "wait=10, Respond-Async; x=1"})
    assert answer.status_code == 202
    assert answer.headers["Preference-Applied"] == "respond-async"
    finished(world, answer.get_json()["id"])


def test_a_job_is_its_uploaders_alone(world: World) -> None:
    job = posted(world).get_json()["id"]
    other = world.get(f"/api/v1/imports/{job}", "hr_karo")
    missing = world.get("/api/v1/imports/0123456789abcdef0123456789abcdef", "hr_karo")
    assert other.status_code == missing.status_code == 404
    assert other.get_json()["detail"].replace(job, "X") == missing.get_json()["detail"].replace(
        "0123456789abcdef0123456789abcdef", "X"
    )
    assert world.get(f"/api/v1/imports/{job}", "admin").status_code == 404  # (an administrator's too)
    assert world.get(f"/api/v1/imports/{job}", "inspector").status_code == 403  # (a role that does not import)
    finished(world, job)


def test_smaller_files_a_refused_header_and_a_csv_answer_stay_synchronous(world: World) -> None:
    small = posted(world, body=HEADER + "".join(ROWS.splitlines(keepends=True)[:2]))
    assert small.status_code == 200
    assert small.get_json()["recorded"] == 1
    header = posted(world, body="NIP;Apa\n" + "x" * 40 + ";y\n" * 3)
    assert header.status_code == 200
    assert header.get_json()["file_refused"] is True
    as_csv = posted(world, query="kind=training&format=csv")
    assert as_csv.status_code == 200
    assert as_csv.mimetype == "text/csv"
    named_otherwise = posted(
        world, body=HEADER + ROWS.replace("JOB-", "TXT-"), name="diklat.txt", query="kind=training&file_format=csv"
    )
    assert named_otherwise.status_code == 200
    assert named_otherwise.get_json()["rows"] == 3
    assert world.services.jobs.of(world.get("/api/v1/me", "hr").get_json()["account"]["username"]) == []


def test_a_failed_job_says_why_by_field(world: World) -> None:
    username = world.get("/api/v1/me", "hr").get_json()["account"]["username"]
    job = world.services.jobs.create(
        username, "diklat.txt", FILE.encode(), kind=None, dry_run=False, language="en", rows=3
    )
    world.app.extensions["careerlog_jobs"].kick()
    finished(world, job.id)
    found = world.get(f"/api/v1/imports/{job.id}", "hr").get_json()
    assert (found["state"], found["report"]) == (FAILED, None)
    [reason] = found["errors"]["file"]
    assert reason.startswith("Cannot tell the format of 'diklat.txt'")


def test_a_running_job_gives_its_counts_so_far_and_no_report(world: World) -> None:
    username = world.services.accounts.authenticate(world.tokens["hr"]).account.username  # (no request yet: the
    jobs = world.services.jobs  # worker's thread, started by the first, finds the job held)
    job = jobs.create(username, "diklat.csv", FILE.encode(), kind="training", dry_run=False, language="en", rows=3)
    assert jobs.claim(job.id, "another-worker")  # (held: it stays running while the test reads it)
    assert jobs.beat(job.id, "another-worker", {"rows_read": 2, "recorded": 1, "refused": 1})
    found = world.get(f"/api/v1/imports/{job.id}", "hr").get_json()
    shown = {k: found[k] for k in ("state", "rows_total", "rows_read", "recorded", "already_recorded", "refused")}
    assert shown == {
        "state": "running",
        "rows_total": 3,
        "rows_read": 2,
        "recorded": 1,
        "already_recorded": 0,
        "refused": 1,
    }
    assert (found["report"], found["errors"], found["finished_at"]) == (None, None, None)


@pytest.mark.parametrize(
    ("asked", "column", "file_name"),
    [
        ({}, "Refusal reasons (careerlog)", "diklat-rejected.csv"),
        ({"Accept-Language": "id-ID, en;q=0.5"}, "Alasan penolakan (careerlog)", "diklat-ditolak.csv"),
    ],
)
def test_an_api_jobs_refused_rows_are_written_in_the_requests_language(
    world: World, asked: dict[str, str], column: str, file_name: str
) -> None:
    """The API's language (Accept-Language, English by default: docs/api.md "Errors"), not the pages' default:
    until 2026-12-07 a job uploaded through the API with no Accept-Language wrote its refused rows in Indonesian."""
    answer = posted(world, headers={**ASYNC, **asked})
    assert answer.status_code == 202
    job = answer.get_json()["id"]
    finished(world, job)
    stored, body = world.services.jobs.get(job), world.services.jobs.refused_file(job)  # (its page's download)
    assert stored is not None
    assert body is not None
    assert stored.refused_name == file_name
    header = next(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert header[-1] == column
