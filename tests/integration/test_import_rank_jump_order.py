"""A file's row order does not change what its import records (reviewA #3): an appointment at III/a, then a 101
promotion to III/c of 2018, then one to III/b of 2014 (newest first, as the career page lists them) refused the III/c
row as a jump of 2 ranks (rule promotion.one_step), while the same rows oldest first were all recorded. A rank
promotion refused for its rank jump alone is now tried again once the rest of the file is in, each record's in TMT
order: the same records either way, in one process or two, and a real jump is still refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.employee import RANK_JUMP
from careerlog.domain.wording import IMPORT_WORDED
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
APPOINTMENT = {"kind": "appointment", "nip": NIP, **f.appointment()}  # III/a, TMT 2010-03-01


def promotion(rank: str, tmt: str) -> dict[str, Any]:
    return {"kind": "rank_promotion", "nip": NIP, **f.promotion(rank, tmt, reference=f"KP-{rank}")}


def written(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    return path


def ranks(app: CareerLog) -> list[tuple[str, str]]:
    facts = app.get_employee(NIP).active_facts()
    return sorted((str(x.values["effective_date"]), x.values["new_rank"]) for x in facts if x.kind == "rank_promotion")


NEWEST_FIRST = [APPOINTMENT, promotion("III/d", "2022-04-01"), promotion("III/c", "2018-04-01")]
NEWEST_FIRST.append(promotion("III/b", "2014-04-01"))


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("order", ["newest first", "oldest first"])
def test_promotions_newest_first_are_recorded_as_oldest_first(
    database_url: str, tmp_path: Path, workers: int, order: str
) -> None:
    rows = NEWEST_FIRST if order == "newest first" else [NEWEST_FIRST[0], *reversed(NEWEST_FIRST[1:])]
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        report = import_file(app, written(tmp_path / "rows.jsonl", rows), actor="hr", workers=workers)
        assert (report.recorded, report.rejected) == (4, [])
        assert ranks(app) == [("2014-04-01", "III/b"), ("2018-04-01", "III/c"), ("2022-04-01", "III/d")]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_jump_no_row_of_the_file_bridges_is_still_refused_on_its_line(
    database_url: str, tmp_path: Path, workers: int
) -> None:
    rows = [APPOINTMENT, promotion("IV/a", "2022-04-01"), promotion("III/b", "2014-04-01")]
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        report = import_file(app, written(tmp_path / "rows.jsonl", rows), actor="hr", workers=workers)
        [problem] = report.rejected
        assert (report.recorded, problem.line) == (2, 2)
        assert [r.refusal for r in problem.errors["new_rank"]] == [IMPORT_WORDED[RANK_JUMP]]  # type: ignore[attr-defined]
        assert str(problem.errors["new_rank"][0]).startswith("IV/a is 3 ranks above III/b, held since 2014-04-01")
        assert ranks(app) == [("2014-04-01", "III/b")]


def test_a_dry_run_reports_the_rows_newest_first_as_recorded(app: CareerLog, tmp_path: Path) -> None:
    report = import_file(app, written(tmp_path / "rows.jsonl", NEWEST_FIRST), actor="hr", dry_run=True)
    assert (report.recorded, report.rejected) == (4, [])
    assert app.max_notification_id() == 0
