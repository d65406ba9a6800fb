"""An import's `confirm` (Konfirmasi) column as HR fills one labelled "Konfirmasi lompatan pangkat" (reviewA #9):
"ya", "1" or "x" was refused as "ya is no check to confirm", and a confirmation on a kind that confirms nothing (a
training) was accepted and ignored. A yes-value now confirms the rank jump (promotion.one_step) of a rank promotion
(a correction, a retraction), a no-value nothing, check names as before; on a row of a kind confirming nothing (an
education) it is refused beside `confirm`, naming the column. Since 2026-12-05 a training's yes confirms that it is
another training (training.duplicate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import NOTHING_TO_CONFIRM, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
HEADER = "NIP;Golongan Baru;Jenis KP;TMT;Nomor SK;Konfirmasi"


def ranks(app: CareerLog) -> list[str]:
    return [x.values["new_rank"] for x in app.get_employee(NIP).active_facts() if x.kind == "rank_promotion"]


@pytest.mark.parametrize("cell", ["ya", "Ya", "Y", "yes", "1", "x", "X", "TRUE", " ya ", "promotion.one_step"])
def test_a_yes_in_the_konfirmasi_column_confirms_a_rank_jump(app: CareerLog, tmp_path: Path, cell: str) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")  # III/a
    path = tmp_path / "rank_promotion.csv"
    path.write_text(f"{HEADER}\r\n{NIP};III/c;101;01/04/2014;KP-J;{cell}\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.rejected) == (1, [])
    assert ranks(app) == ["III/c"]


@pytest.mark.parametrize("cell", ["tidak", "no", "0"])
def test_a_no_in_the_konfirmasi_column_confirms_nothing(app: CareerLog, tmp_path: Path, cell: str) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "rank_promotion.csv"
    path.write_text(f"{HEADER}\r\n{NIP};III/c;101;01/04/2014;KP-J;{cell}\r\n", encoding="utf-8")
    [problem] = import_file(app, path, actor="hr").rejected
    assert list(problem.errors) == ["new_rank"]
    assert ranks(app) == []


@pytest.mark.parametrize("cell", ["ya", "promotion.one_step"])
def test_a_confirmation_on_a_row_of_a_kind_confirming_nothing_is_refused_naming_the_column(
    app: CareerLog, tmp_path: Path, cell: str
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "status.csv"  # (a degree's was until 2026-12-06: it is asked fact.duplicate now)
    header = "nip;kind;status;effective_date;reference;confirm"
    path.write_text(f"{header}\r\n{NIP};status_change;UNPAID_LEAVE;15/11/2021;CLTN-1;{cell}\r\n", "utf-8")
    report = import_file(app, path, actor="hr")
    [problem] = report.rejected
    assert problem.errors == {"confirm": [NOTHING_TO_CONFIRM]}
    assert "Konfirmasi (confirm) column" in str(NOTHING_TO_CONFIRM)
    assert report.recorded == 0


@pytest.mark.parametrize("cell", ["ya", "training.duplicate"])
def test_a_yes_on_a_training_row_confirms_it_is_another_training(app: CareerLog, tmp_path: Path, cell: str) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(
        NIP, "training", f.training("2021-11-16", start="2021-11-15", title="Arsip", organiser="BKPSDM"), actor="hr"
    )
    path = tmp_path / "training.csv"
    header = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Konfirmasi"
    path.write_text(f"{header}\r\n{NIP};TEKNIS;Arsip;BKPSDM;8;15/11/2021;16/11/2021;SRT-1;{cell}\r\n", "utf-8")
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.rejected) == (1, [])


def test_every_confirmable_refusal_of_an_import_says_ya_in_the_konfirmasi_column_confirms_it(
    app: CareerLog, tmp_path: Path
) -> None:
    """A rank jump's and a recorded training's refusals (like the in-file training's) name the Konfirmasi column: until
    2026-12-05 they named the check alone ("confirm it (confirm: promotion.one_step) and send it again")."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(
        NIP, "training", f.training("2021-11-16", start="2021-11-15", title="Arsip", organiser="BKPSDM"), actor="hr"
    )
    jump = tmp_path / "rank_promotion.csv"
    jump.write_text(f"{HEADER}\r\n{NIP};III/c;101;01/04/2014;KP-J;\r\n", encoding="utf-8")
    training = tmp_path / "training.csv"
    header = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
    training.write_text(f"{header}\r\n{NIP};TEKNIS;Arsip;BKPSDM;8;15/11/2021;16/11/2021;SRT-1\r\n", "utf-8")
    [jumped] = import_file(app, jump, actor="hr").rejected
    [repeated] = import_file(app, training, actor="hr").rejected
    for said in (jumped.errors["new_rank"][0], repeated.errors["reference"][0]):
        assert "or ya in the Konfirmasi column) and import the row again" in said, said
