"""A CSV headed in Indonesian, as a BKD spreadsheet heads its columns, is read by its columns' Indonesian names
(careerlog.textfiles.HEADER_ALIASES, one table, listed in docs/import-format.md); a column of no field is refused
at line 1 naming it and listing the names accepted, and so are two columns naming one field."""

from __future__ import annotations

from pathlib import Path

from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import payload_fields
from careerlog.importing import META_KEYS, SAME_FIELD, UNKNOWN_COLUMNS_MISSING
from careerlog.textfiles import HEADER_ALIASES, WRITTEN
from tests.unit.test_import_csv_header import rows

NIP = "199001012015031002"
DOC = Path(__file__).parents[2] / "docs" / "import-format.md"


def header_refusal(text: str, kind: str = "training") -> str:
    """The one reason line 1 is refused for (nothing more is read)."""
    [(line, problem)] = rows(text, kind)
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    return reason


def test_a_bkd_training_sheet_is_read_by_its_indonesian_column_names() -> None:
    text = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat\r\n"
    text += f"{NIP};TEKNIS;Arsip Digital;BPSDM;24;04/03/2024;06/03/2024;CERT-1\r\n"
    [(line, row)] = rows(text)
    assert line == 2
    assert row == {
        "nip": NIP,
        "training_kind": "TEKNIS",
        "title": "Arsip Digital",
        "organiser": "BPSDM",
        "hours": "24",
        "start_date": "2024-03-04",
        "effective_date": "2024-03-06",
        "reference": "CERT-1",
        "kind": "training",
        WRITTEN: {"start_date": "04/03/2024", "effective_date": "06/03/2024"},  # (as written, for a refusal)
    }


def test_names_are_read_whatever_their_case_spaces_dashes_and_underscores() -> None:
    text = "nip,jam-pelajaran,TANGGAL_MULAI, tanggal  selesai ,jenis_diklat,judul,penyelenggara,no_sertifikat\n"
    text += f"{NIP},2,2024-05-01,2024-05-02,TEKNIS,Pelatihan,BPSDM,R-1\n"
    [(_, row)] = rows(text)
    assert isinstance(row, dict)
    assert (row["hours"], row["start_date"], row["effective_date"], row["reference"]) == (
        "2",
        "2024-05-01",
        "2024-05-02",
        "R-1",
    )


def test_an_unknown_column_is_refused_naming_it_and_the_names_accepted() -> None:
    text = "NIP;Jenis Diklat;Uraian;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat\r\n"
    reason = header_refusal(text + f"{NIP};TEKNIS;x;24;04/03/2024;06/03/2024;CERT-1\r\n")
    assert reason.refusal is UNKNOWN_COLUMNS_MISSING  # type: ignore[attr-defined]
    assert reason.startswith(
        "The header (the line of column names, not a row of data) names columns 'Uraian' that are no fields of "
        "training, and leaves out its required columns title (Nama Diklat"
    )
    assert "Its columns are nip, effective_date" in reason
    # (the Indonesian names as a header writes them, since 2026-12-05: nip_baru, nomor_sk before)
    assert "or by their Indonesian names NIP Baru, TMT, Tanggal, Tgl, Nomor SK" in reason  # (tgl: 2026-12-04)
    assert "JP, Jam Pelajaran, Tanggal Mulai, Tgl Mulai, Tanggal Selesai, Tgl Selesai" in reason
    assert "pangkat_baru" not in reason  # a promotion's, not a training's


def test_two_columns_naming_one_field_are_refused_naming_both() -> None:
    # (a training's, whose "Tanggal Selesai" is its last day: a rating's names no field of it since 2026-12-06)
    text = "nip,tanggal_selesai,TMT,reference,year,predicate\n" + f"{NIP},2019-12-31,2019-12-31,S-1,2019,BAIK\n"
    reason = header_refusal(text, "training")
    assert reason.refusal is SAME_FIELD  # type: ignore[attr-defined]
    assert reason == "Columns 'tanggal_selesai', 'TMT' all name effective_date; keep one. Nothing was read."


def test_every_alias_names_a_field_and_is_no_field_of_its_own() -> None:
    fields = {spec.name for cls in BY_KIND.values() for spec in payload_fields(cls)} | {*META_KEYS, "agency", "unit"}
    assert set(HEADER_ALIASES.values()) <= fields
    assert not set(HEADER_ALIASES) & fields


def test_the_import_format_lists_every_alias() -> None:
    doc = DOC.read_text()
    missing = [alias for alias, name in HEADER_ALIASES.items() if f"`{alias}`" not in doc]
    assert missing == []


def test_gol_baru_the_usual_short_form_of_golongan_baru_is_the_new_rank() -> None:
    """Found by an HR writer's pass of 2026-12-05: a "GOL BARU" column refused the whole file as no column."""
    text = f"NIP;GOL BARU;Jenis KP;TMT;Nomor SK\r\n{NIP};III/b;101;01/04/2019;KP-1\r\n"
    [(_, row)] = rows(text, "rank_promotion")
    assert isinstance(row, dict)
    assert (row["new_rank"], row["effective_date"]) == ("III/b", "2019-04-01")
