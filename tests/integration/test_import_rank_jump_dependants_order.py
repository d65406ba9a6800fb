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

import dataclasses
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.employee import RANK_JUMP
from careerlog.domain.ledger import NO_FACT
from careerlog.domain.wording import IMPORT_WORDED
from careerlog.importing import ImportReport, RowProblem, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)
# (the two workers' cases share one import per store: a module fixture, built once, on one worker)
TWO_WORKERS = pytest.mark.xdist_group("test_import_rank_jump_dependants_order_two_workers")

SORTED_NIP, AWKWARD_NIP = f.nip(), f.nip()  # (the same file in TMT order, and in another: one record each)
APPOINTMENT = {"kind": "appointment", **f.appointment()}  # III/a, TMT 2010-03-01

Rows = list[dict[str, Any]]


def row(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, **payload}


def written(path: Path, nip: str, rows: Rows) -> Path:
    return written_records(path, [(nip, rows)])


def written_records(path: Path, records: list[tuple[str, Rows]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps({"nip": nip, **r}) + b"\n" for nip, rows in records for r in rows))
    return path


def record(app: CareerLog, nip: str) -> list[Any]:
    """Every fact of a record: its version, kind, values as corrected, corrections and retraction; its events."""
    employee = app.get_employee(nip)
    facts = [(x.version, x.kind, x.values, x.corrected_by, x.retracted_by) for x in employee.facts.values()]
    return [*facts, len(employee.events)]


def same_file(database_url: str, tmp_path: Path, in_tmt_order: Rows, awkward: Rows) -> ImportReport:
    """Import the rows in TMT order for one employee, in the awkward order for another, in one process: the same
    record (asserted); the awkward file's report (its import again asserted to record nothing, every row already
    recorded)."""
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        expected = import_file(app, written(tmp_path / "sorted.jsonl", SORTED_NIP, in_tmt_order), actor="hr")
        report = import_file(app, written(tmp_path / "awkward.jsonl", AWKWARD_NIP, awkward), actor="hr")
        assert (report.recorded, report.already_recorded) == (expected.recorded, expected.already_recorded)
        assert refused(report, AWKWARD_NIP) == refused(expected, SORTED_NIP)
        assert record(app, AWKWARD_NIP) == record(app, SORTED_NIP)
        again = import_file(app, tmp_path / "awkward.jsonl", actor="hr")
        assert (again.recorded, again.already_recorded) == (0, report.recorded + report.already_recorded)
        assert refused(again, AWKWARD_NIP) == refused(report, AWKWARD_NIP)
        assert record(app, AWKWARD_NIP) == record(app, SORTED_NIP)
    return report


def refused(report: ImportReport, nip: str) -> list[tuple[str | None, dict[str, list[str]]]]:
    """Each row of the record refused: its kind, and each field's reasons (the record's NIP left out), in any order
    of lines."""
    rows = [
        (p.kind, {k: [str(r).replace(nip, "NIP") for r in v] for k, v in p.errors.items()})
        for p in report.rejected
        if p.subject == nip
    ]
    return sorted(rows, key=repr)


@dataclasses.dataclass(frozen=True)
class CaseImported:
    """One case's record in the files imported together with two workers (`two_workers`)."""

    expected: list[Any]  # the record of the rows in TMT order
    expected_refused: list[Any]
    record: list[Any]  # the record of the rows in the awkward order, after their import and after it again
    record_again: list[Any]
    refused: list[Any]
    refused_again: list[Any]
    rejected: list[RowProblem]  # the rows refused, lines counted from the case's first line (1)

    @property
    def recorded(self) -> int:
        """How many of the case's rows were recorded: its record's events (one per row recorded)."""
        return int(self.record[-1])

    def check(self) -> None:
        """As same_file checks for one record: the same record, refusals, and nothing recorded again."""
        assert self.refused == self.expected_refused
        assert self.record == self.expected
        assert self.refused_again == self.refused
        assert self.record_again == self.expected


@dataclasses.dataclass(frozen=True)
class TogetherImported:
    cases: dict[str, CaseImported]
    counts: tuple[int, int]  # the awkward file's rows recorded and already recorded
    expected_counts: tuple[int, int]  # the file in TMT order's
    again_counts: tuple[int, int]  # the awkward file's imported again


B = row("rank_promotion", f.promotion("III/b", "2014-04-01"))
C = row("rank_promotion", f.promotion("III/c", "2018-04-01"))  # version 3 in TMT order
CORRECTED = row("correction", f.correction(3, "2024-02-01", effective_date="2018-10-01"))
RETRACTED = row("retraction", f.retraction(3, "2024-02-01"))
CORRECTED_EARLY = row("correction", f.correction(3, "2017-06-01", effective_date="2018-10-01"))  # before C's TMT
CHANGES = {"correction": CORRECTED, "retraction": RETRACTED, "early": CORRECTED_EARLY}
WHERE = {"change first": 0, "change between": 1, "change last": 2}


def change_case(change: dict[str, Any], where: int) -> tuple[Rows, Rows]:
    """The rows in TMT order, and newest first with the change at `where`."""
    newest_first = [C, B]
    newest_first.insert(where, change)
    return [APPOINTMENT, B, C, change], [APPOINTMENT, *newest_first]


P_203 = row("rank_promotion", f.promotion("III/c", "2018-04-01", "203"))  # by degree: moves any number of ranks
TO_101 = row("correction", f.correction(2, "2024-02-01", promotion_kind="101"))  # III/a to III/c by a 101: a jump
# the III/c promotion by degree corrected to a 101 before the III/b row between
CORRECTION_BRIDGED = [APPOINTMENT, P_203, B, TO_101], [APPOINTMENT, P_203, TO_101, B]
C_101 = row("rank_promotion", f.promotion("III/c", "2018-04-01"))
TO_203 = row("correction", f.correction(3, "2024-01-15", promotion_kind="203"))
DROPPED = row("retraction", f.retraction(2, "2024-02-01"))
# the III/b promotion retracted before the row correcting the III/c one to a 203
RETRACTION_LIFTED = [APPOINTMENT, B, C_101, TO_203, DROPPED], [APPOINTMENT, B, C_101, DROPPED, TO_203]
UNKNOWN = row("correction", f.correction(9, "2024-03-01", effective_date="2018-10-01"))
# a correction of a version no row records, and a correction making a jump no row bridges
NOTHING_LIFTS = [APPOINTMENT, P_203, TO_101, UNKNOWN], [APPOINTMENT, UNKNOWN, P_203, TO_101]

CASES: dict[str, tuple[Rows, Rows]] = {
    **{f"{w}-{c}": change_case(change, where) for w, where in WHERE.items() for c, change in CHANGES.items()},
    "correction bridged": CORRECTION_BRIDGED,
    "retraction lifted": RETRACTION_LIFTED,
    "nothing lifts": NOTHING_LIFTS,
}


@pytest.fixture(scope="module")
def two_workers(shared_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> TogetherImported:
    """Every case's rows in TMT order, each case one record, imported in one process; the same cases' awkward rows,
    each case another record, imported with two workers, then imported again with two workers."""
    tmp = tmp_path_factory.mktemp("two_workers")
    nips = {case: (f.nip(), f.nip()) for case in CASES}
    first_lines, line = {}, 1
    for case, (_, awkward) in CASES.items():
        first_lines[case], line = line, line + len(awkward)
    in_tmt_order = [(nips[case][0], rows) for case, (rows, _) in CASES.items()]
    awkward = [(nips[case][1], rows) for case, (_, rows) in CASES.items()]
    with CareerLog.from_settings(Settings(database_url=shared_database_url)) as app:
        expected = import_file(app, written_records(tmp / "sorted.jsonl", in_tmt_order), actor="hr")
        report = import_file(app, written_records(tmp / "awkward.jsonl", awkward), actor="hr", workers=2)
        records = {case: record(app, nips[case][1]) for case in CASES}
        again = import_file(app, tmp / "awkward.jsonl", actor="hr", workers=2)
        cases = {
            case: CaseImported(
                expected=record(app, sorted_nip),
                expected_refused=refused(expected, sorted_nip),
                record=records[case],
                record_again=record(app, nip),
                refused=refused(report, nip),
                refused_again=refused(again, nip),
                rejected=[
                    dataclasses.replace(p, line=p.line - first_lines[case] + 1)
                    for p in report.rejected
                    if p.subject == nip
                ],
            )
            for case, (sorted_nip, nip) in nips.items()
        }
    return TogetherImported(
        cases,
        (report.recorded, report.already_recorded),
        (expected.recorded, expected.already_recorded),
        (again.recorded, again.already_recorded),
    )


@TWO_WORKERS
def test_the_cases_imported_by_two_workers_count_their_rows_as_in_tmt_order_and_none_again(
    two_workers: TogetherImported,
) -> None:
    """The report of all the cases' awkward rows imported by two workers counts the rows recorded and already
    recorded as the same rows in TMT order; imported again, every row is already recorded, none recorded; and each
    case's record counts its rows recorded (its events), so the file's count is the cases' counts added up."""
    assert two_workers.counts == two_workers.expected_counts
    assert two_workers.again_counts == (0, sum(two_workers.counts))
    assert two_workers.counts[0] == sum(case.recorded for case in two_workers.cases.values())


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("where", WHERE.values(), ids=WHERE.keys())
def test_the_change_of_a_promotion_tried_again_is_recorded_as_in_tmt_order(
    database_url: str, tmp_path: Path, change: dict[str, Any], where: int
) -> None:
    """The promotion to III/c comes before the III/b one (newest first), and its correction or retraction (of
    version 3, which it is in TMT order and gets when tried again) before, between or after them: all recorded, as
    the same rows in TMT order are (before: the change was refused, `target_version` naming no fact)."""
    report = same_file(database_url, tmp_path, *change_case(change, where))
    assert (report.recorded, report.rejected) == (4, [])


@TWO_WORKERS
@pytest.mark.parametrize("change", CHANGES.keys())
@pytest.mark.parametrize("where", WHERE.keys())
def test_the_change_of_a_promotion_tried_again_by_two_workers_is_recorded_as_in_tmt_order(
    two_workers: TogetherImported, change: str, where: str
) -> None:
    """As test_the_change_of_a_promotion_tried_again_is_recorded_as_in_tmt_order, the file imported by two
    workers."""
    case = two_workers.cases[f"{where}-{change}"]
    case.check()
    assert (case.recorded, case.rejected) == (4, [])


def test_a_correction_refused_for_a_jump_a_later_row_bridges_is_recorded_as_in_tmt_order(
    database_url: str, tmp_path: Path
) -> None:
    """The III/c promotion recorded as by degree (203) is corrected to a regular one (101), before the row of the
    III/b promotion between (2014): recorded, as with the III/b row first (before: refused for its jump of 2 ranks,
    beside corrected_fields.promotion_kind)."""
    report = same_file(database_url, tmp_path, *CORRECTION_BRIDGED)
    assert (report.recorded, report.rejected) == (4, [])


@TWO_WORKERS
def test_a_correction_refused_for_a_jump_a_later_row_bridges_is_recorded_by_two_workers_as_in_tmt_order(
    two_workers: TogetherImported,
) -> None:
    case = two_workers.cases["correction bridged"]
    case.check()
    assert (case.recorded, case.rejected) == (4, [])


def test_a_retraction_refused_for_a_jump_a_later_row_lifts_is_recorded_as_in_tmt_order(
    database_url: str, tmp_path: Path
) -> None:
    """The III/b promotion is retracted, which leaves the III/c one 2 ranks above the III/a held, before the row
    correcting that one to a promotion by degree (203, any number of ranks), dated before the retraction: recorded,
    as in the order of their dates (before: the retraction was refused beside target_version)."""
    report = same_file(database_url, tmp_path, *RETRACTION_LIFTED)
    assert (report.recorded, report.rejected) == (5, [])


@TWO_WORKERS
def test_a_retraction_refused_for_a_jump_a_later_row_lifts_is_recorded_by_two_workers_as_in_tmt_order(
    two_workers: TogetherImported,
) -> None:
    case = two_workers.cases["retraction lifted"]
    case.check()
    assert (case.recorded, case.rejected) == (5, [])


def still_refused_on_their_lines(recorded: int, rejected: list[RowProblem]) -> None:
    """Two rows of the four recorded; the correction of version 9 (line 2) refused naming target_version, the one
    to a 101 (line 4) naming corrected_fields.promotion_kind and the jump of 2 ranks."""
    first, second = rejected
    assert (recorded, first.line, second.line) == (2, 2, 4)
    assert [r.refusal for r in first.errors["target_version"]] == [NO_FACT]  # type: ignore[attr-defined]
    assert [r.refusal for r in second.errors["corrected_fields.promotion_kind"]] == [IMPORT_WORDED[RANK_JUMP]]  # type: ignore[attr-defined]
    assert str(second.errors["corrected_fields.promotion_kind"][0]).startswith("III/c is 2 ranks above III/a")


def test_changes_no_row_of_the_file_lifts_are_still_refused_on_their_lines(database_url: str, tmp_path: Path) -> None:
    """A correction making a jump no row bridges, and one of a version no row records, are tried again and refused
    on their lines naming the field and the reason, as the same rows in TMT order are."""
    report = same_file(database_url, tmp_path, *NOTHING_LIFTS)
    still_refused_on_their_lines(report.recorded, report.rejected)


@TWO_WORKERS
def test_changes_no_row_of_the_file_lifts_are_still_refused_by_two_workers_on_their_lines(
    two_workers: TogetherImported,
) -> None:
    case = two_workers.cases["nothing lifts"]
    case.check()
    still_refused_on_their_lines(case.recorded, case.rejected)


def test_a_dry_run_reports_the_rows_in_another_order_as_recorded(app: CareerLog, tmp_path: Path) -> None:
    rows = [APPOINTMENT, C, CORRECTED, B]
    report = import_file(app, written(tmp_path / "rows.jsonl", AWKWARD_NIP, rows), actor="hr", dry_run=True)
    assert (report.recorded, report.rejected) == (4, [])
    assert [seen.line for seen in report.recorded_listed] == [1, 2, 3, 4]
    assert app.max_notification_id() == 0
