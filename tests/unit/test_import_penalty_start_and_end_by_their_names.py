"""A file of penalties heading its end "Tanggal Selesai" had that column read as the penalty's effective date (its
start), as a training's last day is (tester, 2026-12-05: `NIP,Jenis Hukuman,Tingkat Hukuman,Tanggal Selesai,Nomor SK`
recorded a penalty starting on its end), and one heading "Tanggal Mulai" and "Tanggal Selesai" was refused. For a
penalty "Tanggal Selesai" (Tgl, TMT Selesai) is its end and "Tanggal Mulai" its effective date
(textfiles.KIND_HEADER_ALIASES); a training's "Tanggal Selesai" is its effective date as before."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import read_csv

NIP = "199001012015031002"


def rows(text: str, kind: str | None) -> list[object]:
    return [row for _, row, _ in read_csv(io.BytesIO(text.encode()), kind)]


@pytest.mark.parametrize("end", ["Tanggal Selesai", "Tgl Selesai", "TMT Selesai", "Tgl. Selesai"])
def test_a_penalty_end_headed_selesai_is_read_as_its_end(end: str) -> None:
    [row] = rows(
        f"NIP;TMT;Nomor SK;Tingkat Hukuman;Jenis Hukuman;{end}\r\n{NIP};03/05/2020;HD-1;LIGHT;X;03/11/2020\r\n",
        "penalty",
    )
    assert isinstance(row, dict)
    assert row["effective_date"] == "2020-05-03"
    assert row["end_date"] == "2020-11-03"


@pytest.mark.parametrize("start", ["Tanggal Mulai", "Tgl Mulai", "TMT Mulai"])
def test_a_penalty_headed_mulai_and_selesai_is_read_as_its_start_and_end(start: str) -> None:
    header = f"NIP;Jenis Hukuman;Tingkat Hukuman;{start};Tanggal Selesai;Nomor SK"
    text = f"{header}\r\n{NIP};X;LIGHT;03/05/2020;03/11/2020;HD-5\r\n"
    [row] = rows(text, "penalty")
    assert isinstance(row, dict)
    assert (row["effective_date"], row["end_date"]) == ("2020-05-03", "2020-11-03")


def test_a_penalty_headed_selesai_alone_is_no_penalty_starting_on_its_end() -> None:
    [refused] = rows(
        f"NIP,Jenis Hukuman,Tingkat Hukuman,Tanggal Selesai,Nomor SK\r\n{NIP},X,LIGHT,2020-11-03,HD-6\r\n", "penalty"
    )
    # (its start left out: the header is refused naming it, once, since 2026-12-06; each row was refused for it before)
    assert isinstance(refused, InvalidInput)
    [reason] = refused.errors["line"]
    assert "leaves out required columns of penalty: effective_date (TMT" in reason, reason


def test_a_training_end_headed_selesai_is_still_its_effective_date() -> None:
    text = (
        "NIP;Jenis Diklat;Nama Diklat;Tanggal Mulai;Tanggal Selesai;Penyelenggara;JP;Nomor Sertifikat\r\n"
        f"{NIP};TEKNIS;Arsip;01/03/2025;04/03/2025;;;\r\n"  # (the cells left empty: a short row is refused)
    )
    [row] = rows(text, "training")
    assert isinstance(row, dict)
    assert (row["start_date"], row["effective_date"]) == ("2025-03-01", "2025-03-04")


def test_a_penalty_row_of_a_file_of_several_kinds_reads_selesai_as_its_end() -> None:
    """A file of several kinds (a kind column) reads its header as no one kind's: a penalty's row takes its
    "Tanggal Mulai" as its effective date and "Tanggal Selesai" as its end, a training's row as before."""
    text = (
        "NIP;kind;Jenis Hukuman;Tingkat Hukuman;Jenis Diklat;Nama Diklat;Tanggal Mulai;Tanggal Selesai\r\n"
        f"{NIP};penalty;X;LIGHT;;;03/05/2020;03/11/2020\r\n"
        f"{NIP};training;;;TEKNIS;Arsip;01/03/2025;04/03/2025\r\n"
    )
    penalty, training = rows(text, None)
    assert isinstance(penalty, dict)
    assert isinstance(training, dict)
    assert (penalty["effective_date"], penalty["end_date"]) == ("2020-05-03", "2020-11-03")
    assert "start_date" not in penalty
    assert (training["start_date"], training["effective_date"]) == ("2025-03-01", "2025-03-04")


def test_a_penalty_row_of_a_file_of_several_kinds_with_tmt_and_tanggal_mulai_is_refused_naming_both() -> None:
    text = f"NIP;kind;TMT;Tanggal Mulai;Jenis Hukuman\r\n{NIP};penalty;03/05/2020;04/05/2020;X\r\n"
    [row] = rows(text, None)
    assert isinstance(row, InvalidInput)
    assert "Columns 'TMT', 'Tanggal Mulai' all name effective_date" in row.errors["line"][0]
