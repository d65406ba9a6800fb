"""A file named as Indonesian HR name their lists (diklat.csv, README's own example; mutasi.xlsx, SKP 2024.csv,
"Riwayat Jabatan.xlsx") holds the kind it names, as one named after the pages' Indonesian name does
(careerlog.importing.COMMON_KIND_NAMES). Until 2026-12-05 diklat.xlsx was of no kind: the import page said "Choose
the kind of event ...", though Pelatihan_2025.xlsx was read. A kind column's cell reads the same names."""

from __future__ import annotations

import pytest

from careerlog.importing import COMMON_KIND_NAMES, INDONESIAN_KIND_NAMES, kind_from_name, read_kind_cell
from careerlog.textfiles import WRITTEN


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("diklat.csv", "training"),
        ("diklat.xlsx", "training"),
        ("Diklat 2025.xlsx", "training"),
        ("DIKLAT (1).CSV", "training"),
        ("Riwayat Diklat.xlsx", "training"),
        ("kenaikan pangkat.xlsx", "rank_promotion"),
        ("KP 2025.csv", "rank_promotion"),
        ("jabatan.xlsx", "post_appointment"),
        ("Riwayat Jabatan.xlsx", "post_appointment"),
        ("pengangkatan_dalam_jabatan.csv", "post_appointment"),
        ("berakhirnya_jabatan.csv", "post_end"),
        ("mutasi.xlsx", "placement"),
        ("SKP 2024.csv", "performance_rating"),
        ("hukuman disiplin.xlsx", "penalty"),
        ("hukdis.csv", "penalty"),
        ("pengangkatan_pns.csv", "confirmation"),
        ("pengangkatan.csv", "appointment"),
        ("ujian_dinas.csv", "exam"),
        ("Pelatihan_2025.xlsx", "training"),
    ],
)
def test_a_file_named_as_indonesian_hr_name_their_lists_holds_that_kind(name: str, kind: str) -> None:
    assert kind_from_name(name) == kind


@pytest.mark.parametrize("name", ["diklatku.csv", "data.xlsx", "tugas_belajar.csv", "berkas-2024.csv"])
def test_a_file_of_no_kinds_name_holds_no_kind(name: str) -> None:
    assert kind_from_name(name) is None


@pytest.mark.parametrize(
    ("cell", "kind"), [("Diklat", "training"), ("MUTASI", "placement"), ("skp", "performance_rating")]
)
def test_a_kind_cell_reads_the_common_names_too(cell: str, kind: str) -> None:
    row = {"kind": cell}
    read_kind_cell(row)
    assert row["kind"] == kind
    assert row[WRITTEN]["kind"] == cell


def test_no_common_name_is_another_kinds_name() -> None:
    assert not set(COMMON_KIND_NAMES) & set(INDONESIAN_KIND_NAMES.values())
