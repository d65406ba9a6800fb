"""Bulk import and export on each store: per-row reports, re-runs, dry runs, round trips."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog, event_row
from careerlog.config import Settings
from careerlog.exporting import export_events
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

MENTOR = f.nip(date(1975, 2, 3), date(2000, 3, 1), "M", sequence=11)
MENTEE = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=12)


def rows() -> list[dict[str, Any]]:
    """A small but complete file: good rows, bad rows, a mentoring pair, a unit rating, corrections."""
    return [
        {"kind": "appointment", "nip": MENTOR, **f.appointment(date(1975, 2, 3), date(2000, 3, 1), "M")},
        {"kind": "appointment", "nip": MENTEE, **f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F")},
        {"kind": "rank_promotion", "nip": MENTOR, **f.promotion("III/b", "2004-04-01", reference="KP-A")},
        {"kind": "rank_promotion", "nip": MENTOR, **f.promotion("III/a", "2008-04-01", reference="KP-B")},
        {"kind": "training", "nip": MENTEE, **f.training("2020-01-03", hours=16, start="2020-01-02", reference="C1")},
        {"kind": "correction", "nip": MENTEE, **f.correction(2, "2020-02-01", hours=12)},
        {
            "kind": "mentoring_start",
            "nip": MENTEE,
            "mentor_nip": MENTOR,
            "focus": "Kepemimpinan",
            "effective_date": "2020-03-02",
            "reference": "MNT-1",
        },
        {"kind": "unit_rating", "agency": "KOTA-MEDAN", "unit": "BKPSDM", **f.rating(2023, reference="U-23")},
        {"kind": "performance_rating", "nip": f.nip(), **f.rating(2020)},
        {"kind": "no_such_kind", "nip": MENTEE, "effective_date": "2020-01-01", "reference": "X"},
    ]


def write_jsonl(path: Path, items: list[dict[str, Any]], extra: bytes = b"") -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in items) + extra)
    return path


def test_good_rows_are_recorded_and_each_bad_row_is_reported_by_line(app: CareerLog, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "events.jsonl", rows(), b"{not json\n")
    report = import_file(app, path, actor="hr")
    assert (report.rows, report.recorded, report.already_recorded) == (11, 7, 0)
    problems = {p.line: p.errors for p in report.rejected}
    assert set(problems) == {4, 9, 10, 11}
    assert "demotion" in problems[4]["new_rank"][0]
    assert "has been appointed" in problems[9]["nip"][0]
    assert "Unknown kind" in problems[10]["kind"][0]
    assert "no JSON object careerlog can read" in problems[11]["line"][0]


def test_re_running_the_same_file_records_nothing_new(app: CareerLog, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "events.jsonl", rows())
    import_file(app, path, actor="hr")
    before = app.max_notification_id()
    again = import_file(app, path, actor="hr")
    assert (again.recorded, again.already_recorded) == (0, 7)
    assert app.max_notification_id() == before


def test_a_dry_run_checks_every_row_and_records_nothing(app: CareerLog, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "events.jsonl", rows())
    report = import_file(app, path, actor="hr", dry_run=True)
    assert (report.recorded, len(report.rejected)) == (7, 3)
    assert app.max_notification_id() == 0


def test_small_batches_give_the_same_result_as_one(app: CareerLog, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "events.jsonl", rows())
    report = import_file(app, path, actor="hr", batch_size=1)
    assert (report.recorded, len(report.rejected)) == (7, 3)


def test_recorded_times_are_refused_outside_a_migration_import(app: CareerLog, tmp_path: Path) -> None:
    """(a row carrying one after a first row of none: refused alone; a first row carrying one is an export's, the
    file refused whole: test_import_of_an_export_without_migration.py)"""
    second = {**rows()[1], "recorded_at": "2001-01-01T00:00:00+00:00"}
    report = import_file(app, write_jsonl(tmp_path / "e.jsonl", [rows()[0], second]), actor="hr")
    assert "migration import" in report.rejected[0].errors["recorded_at"][0]
    assert (report.recorded, len(report.rejected)) == (1, 1)


def test_a_migration_import_keeps_recorded_times_and_marks_them_migrated(app: CareerLog, tmp_path: Path) -> None:
    first = {**rows()[0], "recorded_at": "2000-03-20T02:00:00+00:00", "recorded_by": "simpeg"}
    import_file(app, write_jsonl(tmp_path / "e.jsonl", [first]), actor="admin", migration=True)
    [row] = app.get_history(MENTOR)
    assert (row["recorded_at"], row["recorded_by"], row["migrated"]) == (
        "2000-03-20T02:00:00+00:00",
        "simpeg",
        True,
    )


def test_csv_files_hold_one_kind_each(app: CareerLog, tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", rows()[:2])
    import_file(app, tmp_path / "a.jsonl", actor="hr")
    csv_path = tmp_path / "training.csv"
    csv_path.write_text(
        "nip,training_kind,title,organiser,hours,start_date,effective_date,reference,cost\n"
        f"{MENTEE},TEKNIS,Arsip,BKPSDM,8,2021-05-03,2021-05-03,C-9,\n"
        f"{MENTEE},TEKNIS,Arsip,BKPSDM,-8,2021-05-04,2021-05-04,C-10,\n"
    )
    report = import_file(app, csv_path, actor="hr")
    assert report.recorded == 1
    assert report.rejected[0].line == 3
    assert "hours" in report.rejected[0].errors


# the mentee's mentoring start (version 4) retracted: the system retracts the mentor's MenteeAssigned with it
RETRACTED_MENTORING = [{"kind": "retraction", "nip": MENTEE, **f.retraction(4, "2020-04-01")}]


# then the mentee's record voided (docs/events.md, "Voiding a record"): its training, then its appointment, retracted
VOIDED_MENTEE = [
    *RETRACTED_MENTORING,
    {"kind": "retraction", "nip": MENTEE, **f.retraction(2, "2020-04-02")},
    {"kind": "retraction", "nip": MENTEE, **f.retraction(1, "2020-04-02"), "confirm_nip": MENTEE},
]


# then the voided NIP appointed afresh (AppointedAgain: its owner's appointment, after the void), and a training of it
APPOINTED_AFRESH = [
    *VOIDED_MENTEE,
    {
        "kind": "appointment",
        "nip": MENTEE,
        **f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F", name="Pemilik NIP", reference="SK-PEMILIK"),
    },
    {"kind": "training", "nip": MENTEE, **f.training("2021-01-05", reference="C2")},
]


@pytest.mark.parametrize(
    "later",
    [[], RETRACTED_MENTORING, VOIDED_MENTEE, APPOINTED_AFRESH],
    ids=["mentoring", "mentoring-retracted", "mentee-voided", "mentee-appointed-afresh"],
)
def test_export_then_import_into_the_other_store_is_exact(
    app: CareerLog, tmp_path: Path, other_store: Settings, later: list[dict[str, Any]]
) -> None:
    first = import_file(app, write_jsonl(tmp_path / "e.jsonl", rows() + later), actor="hr")
    assert first.recorded == 7 + len(later), first.rejected
    exported = io.BytesIO()
    written = export_events(app, exported)
    dump = tmp_path / "export.jsonl"
    dump.write_bytes(exported.getvalue())
    with CareerLog.from_settings(other_store) as target:
        report = import_file(target, dump, actor="admin", migration=True)
        assert report.ok, report.rejected
        assert report.recorded == written
        again = io.BytesIO()
        export_events(target, again)
        assert again.getvalue() == exported.getvalue()
        assert target.get_history(MENTOR) == app.get_history(MENTOR)
        assert target.get_history(MENTEE) == app.get_history(MENTEE)
        assert [type(e) for e in target.get_events(MENTEE)] == [type(e) for e in app.get_events(MENTEE)]
        assert target.max_notification_id() == app.max_notification_id()


def test_an_export_made_before_derived_retractions_were_left_out_still_imports(
    app: CareerLog, tmp_path: Path, other_store: Settings
) -> None:
    """Exports made before 332884c also hold the system's retraction of the mentor's MenteeAssigned: the import
    makes it again with the mentee's retraction, and takes the exported row as already recorded."""
    first = import_file(app, write_jsonl(tmp_path / "e.jsonl", rows() + RETRACTED_MENTORING), actor="hr")
    assert first.recorded == 8, first.rejected
    old_export = b"".join(
        orjson.dumps(event_row(event)) + b"\n" for _, event in app.iter_events() if type(event).RECORDABLE
    )
    current = io.BytesIO()
    written = export_events(app, current)
    assert len(old_export.splitlines()) == written + 1  # the system's retraction on the mentor's record
    dump = tmp_path / "old-export.jsonl"
    dump.write_bytes(old_export)
    with CareerLog.from_settings(other_store) as target:
        report = import_file(target, dump, actor="admin", migration=True)
        assert report.ok, report.rejected
        assert (report.recorded, report.already_recorded) == (written, 1)
        again = io.BytesIO()
        export_events(target, again)
        assert again.getvalue() == current.getvalue()
        assert target.get_history(MENTOR) == app.get_history(MENTOR)
        assert target.get_history(MENTEE) == app.get_history(MENTEE)
        assert [type(e) for e in target.get_events(MENTEE)] == [type(e) for e in app.get_events(MENTEE)]
        assert target.max_notification_id() == app.max_notification_id()


def test_an_export_line_names_its_subject_kind_version_and_recorded_time(app: CareerLog, tmp_path: Path) -> None:
    import_file(app, write_jsonl(tmp_path / "e.jsonl", rows()[:1]), actor="hr")
    out = io.BytesIO()
    export_events(app, out)
    row = json.loads(out.getvalue().splitlines()[0])
    assert {"kind", "nip", "version", "recorded_at", "recorded_by", "migrated"} <= set(row)


@pytest.fixture
def other_store(database_url: str, request: pytest.FixtureRequest) -> Settings:
    """The store the current test does not run on: SQLite to PostgreSQL and back."""
    name = "postgres_url" if database_url.startswith("sqlite") else "sqlite_url"
    return Settings(database_url=str(request.getfixturevalue(name)))
