"""Two rows of one import file promoting one employee to the same rank (a row typed twice, its TMT mended in the
second): the first was recorded and the second refused "III/b is the rank already held since 2011-04-01: a promotion
names a rank above it.", naming neither the line that recorded it nor what to do, though the second's TMT may be the
decree's (the first's too early for the rules: a year in III/a where four are asked). A stream cannot refuse the
first before it reads the second: it is recorded, and the second is refused naming that line, its version and both
TMTs, saying how to keep the row whose TMT the decree gives (correct the version's TMT, or remove this row), and, when
the audit flags the first line's promotion, which rule it breaks. The command, a dry run and the API alike; both
stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import PROMOTED_TWICE_IN_DRY_RUN, PROMOTED_TWICE_IN_FILE, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
HEADER = "NIP;Golongan Baru;Jenis KP;TMT;Nomor SK"


def sheet(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "rank_promotion.csv"
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("dry_run", [False, True], ids=["recorded", "dry run"])
def test_a_second_row_promoting_to_the_same_rank_names_the_first_line_and_the_mend(
    app: CareerLog, tmp_path: Path, dry_run: bool
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")  # III/a, TMT 2010-03-01
    path = sheet(tmp_path, f"{NIP};III/b;101;01/04/2011;KP-1", f"{NIP};III/b;101;01/04/2014;KP-2")
    report = import_file(app, path, actor="hr", dry_run=dry_run)
    assert report.recorded == 1
    [problem] = report.rejected
    assert problem.line == 3
    [reason, *judged] = problem.errors["new_rank"]
    if dry_run:  # (nothing recorded: no version to correct, one of the rows to remove)
        assert reason == PROMOTED_TWICE_IN_DRY_RUN.reason(
            line=2, new_rank="III/b", first="2011-04-01", tmt="2014-04-01"
        )
        assert "version" not in reason
    else:
        assert reason == PROMOTED_TWICE_IN_FILE.reason(
            line=2, new_rank="III/b", version=2, first="2011-04-01", tmt="2014-04-01"
        )
        assert "correct version 2's TMT to 2014-04-01" in reason
    assert judged == []  # (no audit without the views: tests/functional/test_import_promoted_twice_judged.py)
    if not dry_run:
        facts = app.get_employee(NIP).active_facts()  # type: ignore[union-attr]
        assert [x.values["new_rank"] for x in facts if x.kind == "rank_promotion"] == ["III/b"]


def test_a_rank_held_before_the_file_is_refused_as_before(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="hr")
    report = import_file(app, sheet(tmp_path, f"{NIP};III/b;101;01/04/2015;KP-3"), actor="hr")
    [problem] = report.rejected
    assert problem.errors["new_rank"] == ["III/b is the rank already held since 2014-04-01: a promotion names a rank "
                                          "above it."]  # fmt: skip


def test_a_second_row_to_the_same_rank_before_the_firsts_tmt_names_the_first_line_alike(
    app: CareerLog, tmp_path: Path
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = sheet(tmp_path, f"{NIP};III/b;101;01/04/2014;KP-1", f"{NIP};III/b;101;01/04/2011;KP-2")
    report = import_file(app, path, actor="hr")
    [problem] = report.rejected
    assert (problem.line, problem.errors["new_rank"]) == (
        3,
        [PROMOTED_TWICE_IN_FILE.reason(line=2, new_rank="III/b", version=2, first="2014-04-01", tmt="2011-04-01")],
    )


def rows(tmp_path: Path, *written: dict[str, object]) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps({"nip": NIP, **row}) + "\n" for row in written), encoding="utf-8")
    return path


def test_the_row_named_is_the_one_whose_promotion_holds_the_rank_not_one_retracted(
    app: CareerLog, tmp_path: Path
) -> None:
    """Line 1's promotion to III/b (version 2) retracted by line 2 and given again by line 3 (version 4): line 4's,
    to III/b again, named line 1 and version 2, retracted, with line 3's TMT (until 2026-12-07), the mend it gave a
    correction of a retracted version. It names line 3, version 4."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")  # III/a, TMT 2010-03-01
    path = rows(
        tmp_path,
        {"kind": "rank_promotion", **f.promotion("III/b", "2011-04-01")},
        {"kind": "retraction", **f.retraction(2, "2011-05-01")},
        {"kind": "rank_promotion", **f.promotion("III/b", "2012-04-01")},
        {"kind": "rank_promotion", **f.promotion("III/b", "2014-04-01")},
    )
    report = import_file(app, path, actor="hr")
    assert report.recorded == 3
    [problem] = report.rejected
    assert (problem.line, problem.errors["new_rank"]) == (
        4,
        [PROMOTED_TWICE_IN_FILE.reason(line=3, new_rank="III/b", version=4, first="2012-04-01", tmt="2014-04-01")],
    )


def test_a_rank_held_otherwise_once_the_files_promotion_to_it_is_retracted_is_refused_as_before(
    app: CareerLog, tmp_path: Path
) -> None:
    """Line 1's promotion to III/b (version 2) retracted by line 2, and the appointment corrected to III/b by line 3:
    line 4's promotion to III/b is refused as the rank held since the appointment, naming no line of the file (the
    retracted row's is not the promotion holding it)."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")  # III/a, TMT 2010-03-01
    path = rows(
        tmp_path,
        {"kind": "rank_promotion", **f.promotion("III/b", "2011-04-01")},
        {"kind": "retraction", **f.retraction(2, "2011-05-01")},
        {  # (above S-1's III/a: confirmed, asked since 2026-12-07)
            "kind": "correction",
            **f.correction(1, "2011-05-02", rank="III/b"),
            "confirm": ["appointment.starting_rank"],
        },
        {"kind": "rank_promotion", **f.promotion("III/b", "2014-04-01")},
    )
    report = import_file(app, path, actor="hr")
    assert report.recorded == 3, report.rejected
    [problem] = report.rejected
    assert (problem.line, problem.errors["new_rank"]) == (
        4,
        ["III/b is the rank already held since 2010-03-01: a promotion names a rank above it."],
    )


@pytest.mark.parametrize("dry_run", [False, True], ids=["recorded", "dry run"])
def test_a_second_row_to_the_same_rank_held_back_for_a_rank_jump_names_the_first_line_alike(
    app: CareerLog, tmp_path: Path, dry_run: bool
) -> None:
    """Line 2, to III/b again with a TMT when II/d was held (a jump too), is held back for the jump and refused once
    the rest of the file is in: it was refused "III/b is not below III/b, ..." (until 2026-12-07), naming neither the
    first line's row nor the mend, as a row not held back is."""
    app.record(NIP, "appointment", f.appointment(rank="II/d"), actor="hr")  # II/d, TMT 2010-03-01
    path = rows(
        tmp_path,
        {"kind": "rank_promotion", **f.promotion("III/b", "2014-04-01"), "confirm": "promotion.one_step"},
        {"kind": "rank_promotion", **f.promotion("III/b", "2012-04-01")},
    )
    report = import_file(app, path, actor="hr", dry_run=dry_run)
    assert report.recorded == 1
    [problem] = report.rejected
    said = (
        PROMOTED_TWICE_IN_DRY_RUN.reason(line=1, new_rank="III/b", first="2014-04-01", tmt="2012-04-01")
        if dry_run
        else PROMOTED_TWICE_IN_FILE.reason(line=1, new_rank="III/b", version=2, first="2014-04-01", tmt="2012-04-01")
    )
    assert problem.line == 2
    assert said in problem.errors["new_rank"]
