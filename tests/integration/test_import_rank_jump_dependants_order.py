"""The order of a file's rows does not change what its import records, for the rows that depend on a rank promotion
tried again after the rest of the file (f187645) and for corrections and retractions refused for a rank jump.

Before: a promotion refused for its rank jump alone (rule promotion.one_step: III/c of 2018 above the III/a held, the
III/b of 2014 further down the file) was tried again after the rest of the file, but its correction or retraction,
met before then, was refused as correcting no fact (`target_version`); and a correction or retraction refused for a
rank jump was refused for good, while the row lifting that jump came later in the file. Now those rows too are held
back and tried again, each record's in TMT order, until a try records none of its rows: the same records as the
file in TMT order, in one process or two, and a row still refused then is named on its line with its field and
reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.employee import RANK_JUMP
from careerlog.domain.ledger import NO_FACT
from careerlog.importing import ImportReport, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

SORTED_NIP, AWKWARD_NIP = f.nip(), f.nip()  # (the same file in TMT order, and in another: one record each)
APPOINTMENT = {"kind": "appointment", **f.appointment()}  # III/a, TMT 2010-03-01


def row(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, **payload}


def written(path: Path, nip: str, rows: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps({"nip": nip, **r}) + b"\n" for r in rows))
    return path


def record(app: CareerLog, nip: str) -> list[Any]:
    """Every fact of a record: its version, kind, values as corrected, corrections and retraction; its events."""
    employee = app.get_employee(nip)
    facts = [(x.version, x.kind, x.values, x.corrected_by, x.retracted_by) for x in employee.facts.values()]
    return [*facts, len(employee.events)]


def same_file(
    database_url: str, tmp_path: Path, in_tmt_order: list[dict[str, Any]], awkward: list[dict[str, Any]], **options: Any
) -> ImportReport:
    """Import the rows in TMT order for one employee, in the awkward order for another: the same record (asserted);
    the awkward file's report (its import again asserted to record nothing, every row already recorded)."""
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        expected = import_file(app, written(tmp_path / "sorted.jsonl", SORTED_NIP, in_tmt_order), actor="hr")
        report = import_file(app, written(tmp_path / "awkward.jsonl", AWKWARD_NIP, awkward), actor="hr", **options)
        assert (report.recorded, report.already_recorded) == (expected.recorded, expected.already_recorded)
        assert refused(report, AWKWARD_NIP) == refused(expected, SORTED_NIP)
        assert record(app, AWKWARD_NIP) == record(app, SORTED_NIP)
        again = import_file(app, tmp_path / "awkward.jsonl", actor="hr", **options)
        assert (again.recorded, again.already_recorded) == (0, report.recorded + report.already_recorded)
        assert refused(again, AWKWARD_NIP) == refused(report, AWKWARD_NIP)
        assert record(app, AWKWARD_NIP) == record(app, SORTED_NIP)
    return report


def refused(report: ImportReport, nip: str) -> list[tuple[str | None, dict[str, list[str]]]]:
    """Each row refused: its kind, and each field's reasons (the record's NIP left out), in any order of lines."""
    rows = [
        (p.kind, {k: [str(r).replace(nip, "NIP") for r in v] for k, v in p.errors.items()}) for p in report.rejected
    ]
    return sorted(rows, key=repr)


B = row("rank_promotion", f.promotion("III/b", "2014-04-01"))
C = row("rank_promotion", f.promotion("III/c", "2018-04-01"))  # version 3 in TMT order
CORRECTED = row("correction", f.correction(3, "2024-02-01", effective_date="2018-10-01"))
RETRACTED = row("retraction", f.retraction(3, "2024-02-01"))
CORRECTED_EARLY = row("correction", f.correction(3, "2017-06-01", effective_date="2018-10-01"))  # before C's TMT


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("change", [CORRECTED, RETRACTED, CORRECTED_EARLY], ids=["correction", "retraction", "early"])
@pytest.mark.parametrize("where", [0, 1, 2], ids=["change first", "change between", "change last"])
def test_the_change_of_a_promotion_tried_again_is_recorded_as_in_tmt_order(
    database_url: str, tmp_path: Path, workers: int, change: dict[str, Any], where: int
) -> None:
    """The promotion to III/c comes before the III/b one (newest first), and its correction or retraction (of
    version 3, which it is in TMT order and gets when tried again) before, between or after them: all recorded, as
    the same rows in TMT order are (before: the change was refused, `target_version` naming no fact)."""
    newest_first = [C, B]
    newest_first.insert(where, change)
    report = same_file(
        database_url, tmp_path, [APPOINTMENT, B, C, change], [APPOINTMENT, *newest_first], workers=workers
    )
    assert (report.recorded, report.rejected) == (4, [])


P_203 = row("rank_promotion", f.promotion("III/c", "2018-04-01", "203"))  # by degree: moves any number of ranks
TO_101 = row("correction", f.correction(2, "2024-02-01", promotion_kind="101"))  # III/a to III/c by a 101: a jump


@pytest.mark.parametrize("workers", [1, 2])
def test_a_correction_refused_for_a_jump_a_later_row_bridges_is_recorded_as_in_tmt_order(
    database_url: str, tmp_path: Path, workers: int
) -> None:
    """The III/c promotion recorded as by degree (203) is corrected to a regular one (101), before the row of the
    III/b promotion between (2014): recorded, as with the III/b row first (before: refused for its jump of 2 ranks,
    beside corrected_fields.promotion_kind)."""
    rows = [APPOINTMENT, P_203, TO_101, B]
    report = same_file(database_url, tmp_path, [APPOINTMENT, P_203, B, TO_101], rows, workers=workers)
    assert (report.recorded, report.rejected) == (4, [])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_retraction_refused_for_a_jump_a_later_row_lifts_is_recorded_as_in_tmt_order(
    database_url: str, tmp_path: Path, workers: int
) -> None:
    """The III/b promotion is retracted, which leaves the III/c one 2 ranks above the III/a held, before the row
    correcting that one to a promotion by degree (203, any number of ranks), dated before the retraction: recorded,
    as in the order of their dates (before: the retraction was refused beside target_version)."""
    c_101 = row("rank_promotion", f.promotion("III/c", "2018-04-01"))
    to_203 = row("correction", f.correction(3, "2024-01-15", promotion_kind="203"))
    dropped = row("retraction", f.retraction(2, "2024-02-01"))
    rows = [APPOINTMENT, B, c_101, dropped, to_203]
    report = same_file(database_url, tmp_path, [APPOINTMENT, B, c_101, to_203, dropped], rows, workers=workers)
    assert (report.recorded, report.rejected) == (5, [])


@pytest.mark.parametrize("workers", [1, 2])
def test_changes_no_row_of_the_file_lifts_are_still_refused_on_their_lines(
    database_url: str, tmp_path: Path, workers: int
) -> None:
    """A correction making a jump no row bridges, and one of a version no row records, are tried again and refused
    on their lines naming the field and the reason, as the same rows in TMT order are."""
    unknown = row("correction", f.correction(9, "2024-03-01", effective_date="2018-10-01"))
    rows = [APPOINTMENT, unknown, P_203, TO_101]
    report = same_file(database_url, tmp_path, [APPOINTMENT, P_203, TO_101, unknown], rows, workers=workers)
    first, second = report.rejected
    assert (report.recorded, first.line, second.line) == (2, 2, 4)
    assert [r.refusal for r in first.errors["target_version"]] == [NO_FACT]  # type: ignore[attr-defined]
    assert [r.refusal for r in second.errors["corrected_fields.promotion_kind"]] == [RANK_JUMP]  # type: ignore[attr-defined]
    assert str(second.errors["corrected_fields.promotion_kind"][0]).startswith("III/c is 2 ranks above III/a")


def test_a_dry_run_reports_the_rows_in_another_order_as_recorded(app: CareerLog, tmp_path: Path) -> None:
    rows = [APPOINTMENT, C, CORRECTED, B]
    report = import_file(app, written(tmp_path / "rows.jsonl", AWKWARD_NIP, rows), actor="hr", dry_run=True)
    assert (report.recorded, report.rejected) == (4, [])
    assert [seen.line for seen in report.recorded_listed] == [1, 2, 3, 4]
    assert app.max_notification_id() == 0
