"""A row's `confirm` (Konfirmasi) no longer makes the order of a file's rows change what is recorded (an earlier
session's gap): a rank promotion to III/c of 2018 confirmed as a jump from the III/a held, listed before the III/b of
2014 that bridges it (newest first, as a career page lists them), was recorded where it sat, confirmed, before the
III/b: the record then said the writer had confirmed a jump the decrees never made (`confirmed`, shown on the
timeline and the audited promotion's page), where the same rows oldest first store it confirming nothing. A row
refused without its confirmation for a rank jump is held back as any such row is and tried again after the rest of
the file, in TMT order, its confirmation used only once its record's rows can go no further without it; a jump no row
of the file bridges is still recorded confirmed. One process or two (docs/import-format.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
APPOINTMENT = {"kind": "appointment", "nip": NIP, **f.appointment()}  # III/a, TMT 2010-03-01


def promotion(rank: str, tmt: str, **overrides: Any) -> dict[str, Any]:
    return {"kind": "rank_promotion", "nip": NIP, **f.promotion(rank, tmt, reference=f"KP-{rank}"), **overrides}


def written(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    return path


def promotions(app: CareerLog) -> list[tuple[str, str, list[str]]]:
    """Each rank promotion recorded: its TMT, new rank and the checks stored as confirmed, by TMT."""
    found = [e for e in app.get_history(NIP) if e["kind"] == "rank_promotion"]
    return sorted((e["effective_date"], e["new_rank"], list(e.get("confirm") or [])) for e in found)


CONFIRMED_III_C = promotion("III/c", "2018-04-01", confirm="ya")
III_B = promotion("III/b", "2014-04-01")


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("order", ["newest first", "oldest first"])
def test_a_confirmed_promotion_a_later_row_bridges_is_recorded_confirming_nothing_in_either_order(
    database_url: str, tmp_path: Path, workers: int, order: str
) -> None:
    rows = [APPOINTMENT, CONFIRMED_III_C, III_B] if order == "newest first" else [APPOINTMENT, III_B, CONFIRMED_III_C]
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        report = import_file(app, written(tmp_path / "rows.jsonl", rows), actor="hr", workers=workers)
        assert (report.recorded, report.rejected) == (3, [])
        assert promotions(app) == [("2014-04-01", "III/b", []), ("2018-04-01", "III/c", [])]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_confirmed_jump_no_row_of_the_file_bridges_is_recorded_confirmed_with_the_rows_after_it(
    database_url: str, tmp_path: Path, workers: int
) -> None:
    """III/c of 2018 confirmed over the III/a held, and a III/d of 2022 listed before it: the III/d (one rank above
    the III/c) waits for it, and the III/c is recorded with its confirmation."""
    rows = [APPOINTMENT, promotion("III/d", "2022-04-01"), CONFIRMED_III_C]
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        report = import_file(app, written(tmp_path / "rows.jsonl", rows), actor="hr", workers=workers)
        assert (report.recorded, report.rejected) == (3, [])
        assert promotions(app) == [("2018-04-01", "III/c", ["promotion.one_step"]), ("2022-04-01", "III/d", [])]


def test_the_file_imported_again_records_nothing(app: CareerLog, tmp_path: Path) -> None:
    path = written(tmp_path / "rows.jsonl", [APPOINTMENT, CONFIRMED_III_C, III_B])
    assert import_file(app, path, actor="hr").recorded == 3
    again = import_file(app, path, actor="hr")
    assert (again.recorded, again.already_recorded, again.rejected) == (0, 3, [])


def test_an_unknown_check_confirmed_is_still_refused_beside_confirm(app: CareerLog, tmp_path: Path) -> None:
    rows = [APPOINTMENT, promotion("III/b", "2014-04-01", confirm="promotion.no_such_check")]
    [problem] = import_file(app, written(tmp_path / "rows.jsonl", rows), actor="hr").rejected
    assert (problem.line, list(problem.errors)) == (2, ["confirm"])
