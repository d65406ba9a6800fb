"""An import job's report is kept as JSON (web.import_jobs) and read back as the import page's report was: each
reason with its refusal (the same template object, so the page words it in the reader's language) and its values,
a worded value a reason again; a reason whose wording a later release changed reads as its English."""

from __future__ import annotations

from datetime import date

from careerlog.domain.wording import Reason
from careerlog.importing import NO_ROWS
from web.import_jobs import STOPPED, report_bytes, report_of


def test_a_report_reads_back_with_its_reasons_and_their_refusals() -> None:
    reason = Reason(NO_ROWS, (("name", STOPPED),))  # (a worded value: a reason in a reason)
    report = {"rows": 2, "dry_run": False, "rejected": [{"line": 3, "errors": {"nip": [reason, "plain"]}}]}
    back = report_of(report_bytes(report))
    found = back["rejected"][0]["errors"]["nip"]
    assert found == [reason, "plain"]
    assert back["rows"] == 2
    assert back["dry_run"] is False
    assert type(found[0]) is Reason
    assert found[0].refusal is NO_ROWS
    assert type(dict(found[0].params)["name"]) is Reason


def test_a_reason_of_a_wording_no_longer_known_reads_as_its_english() -> None:
    kept = report_bytes({"errors": [NO_ROWS.reason(name="'a.csv'")]}).replace(
        NO_ROWS.text.encode(), b"Old words for {name}."
    )
    assert report_of(kept) == {"errors": ["Old words for 'a.csv'."]}


def test_other_values_are_kept_as_their_text() -> None:
    assert report_of(report_bytes({"day": date(2024, 1, 2), "kinds": ("a", "b")})) == {
        "day": "2024-01-02",
        "kinds": ["a", "b"],
    }


def test_the_failure_of_a_job_is_a_refusal_the_pages_translate() -> None:
    assert report_of(report_bytes({"file": [STOPPED]}))["file"][0].refusal is STOPPED.refusal
