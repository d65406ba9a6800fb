"""A CSV row whose kind column names another kind than the one chosen for the file (`--kind`, the import page's kind,
the API's `kind`: "Event kind of every row of a CSV file") is refused naming `kind`, and nothing of it is recorded.
Until 2026-12-04 the row's own kind was taken silently: an HR administrator importing a file as trainings recorded
the rank promotions its rows named. A kind read from the file's name is a guess, and the kind column still says
each row's kind there; a row of the chosen kind is recorded as before. Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import OTHER_KIND_CHOSEN, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
CSV = (  # (also tests/functional/test_import_kind_chosen_served.py)
    "kind,nip,training_kind,title,organiser,hours,start_date,new_rank,promotion_kind,effective_date,reference\n"
    "rank_promotion,{nip},,,,,,III/b,101,2019-04-01,KC-1\n"
    "training,{nip},TEKNIS,Arsip,BKPSDM,8,2021-10-01,,,2021-10-02,KC-2\n"
)


def kinds(app: CareerLog, nip: str) -> list[str]:
    employee = app.get_employee(nip)
    assert employee is not None
    return [fact.kind for fact in employee.active_facts()]


def test_a_row_of_another_kind_than_the_one_chosen_is_refused_naming_kind(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "berkas.csv"
    path.write_text(CSV.format(nip=NIP), encoding="utf-8")
    report = import_file(app, path, actor="hr", kind="training")
    assert report.recorded == 1
    [problem] = report.rejected
    reason = OTHER_KIND_CHOSEN.reason(row="rank_promotion", chosen="training")
    assert (problem.line, problem.errors) == (2, {"kind": [reason]})
    assert problem.values == {"kind": "rank_promotion"}
    assert kinds(app, NIP) == ["appointment", "training"]


def test_a_kind_cell_written_by_its_name_is_shown_as_typed(app: CareerLog, tmp_path: Path) -> None:
    """Found by an HR writer's pass of 2026-12-05: a kind cell "Kenaikan Pangkat" refused as another kind than the
    file's was shown as "rank_promotion" (the code it was read as), where every other refusal shows its cell as
    typed."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "berkas.csv"
    path.write_text(CSV.format(nip=NIP).replace("rank_promotion,", "Kenaikan Pangkat,"), encoding="utf-8")
    report = import_file(app, path, actor="hr", kind="training", dry_run=True)
    [problem] = report.rejected
    reason = OTHER_KIND_CHOSEN.reason(row="rank_promotion", chosen="training")
    assert (problem.line, problem.errors) == (2, {"kind": [reason]})
    assert problem.values == {"kind": "Kenaikan Pangkat"}


def test_a_kind_read_from_the_file_name_leaves_each_row_its_kind_column(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "training.csv"
    path.write_text(CSV.format(nip=NIP), encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.rejected) == (2, [])
    assert sorted(kinds(app, NIP)) == ["appointment", "rank_promotion", "training"]
