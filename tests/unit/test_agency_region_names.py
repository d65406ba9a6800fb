"""An agency and a region (and a code of the tables BY_NAME: "Diklat Teknis", "Jabatan Administrator", "Ahli Muda",
"Ringan", "Aktif") are read by their names too, as a BKD sheet writes them: "Pemerintah Kota Medan" is
KOTA-MEDAN and "Kota Medan" is 12.71 (in any case), where an import's appointment or placement row so written was
refused ("Unknown code 'Pemerintah Kota Medan'; see the agencies reference table", 38 agencies and 71 regions that no
HR page lists). A name is unique in its table, so it reads as one code; the code is what is stored."""

from __future__ import annotations

import pytest

from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import parse_payload
from careerlog.reference import BY_NAME, reference


@pytest.mark.parametrize(
    ("table", "written", "code"),
    [
        ("agencies", "Pemerintah Kota Medan", "KOTA-MEDAN"),
        ("agencies", "PEMERINTAH KOTA MEDAN", "KOTA-MEDAN"),
        ("agencies", "Badan Kepegawaian Negara", "BKN"),
        ("regions", "Kota Medan", "12.71"),
        ("regions", "kota medan", "12.71"),
        ("regions", "Sumatera Utara", "12"),
        ("training_kinds", "Diklat Teknis", "TEKNIS"),
        ("training_kinds", "E-Learning", "E_LEARNING"),
        ("post_kinds", "Jabatan Administrator", "ADMINISTRATOR"),
        ("functional_levels", "ahli muda", "AHLI_MUDA"),
        ("penalty_levels", "Ringan", "LIGHT"),
        ("education", "Sekolah Dasar", "SD"),
        ("statuses", "Aktif", "ACTIVE"),
    ],
)
def test_an_agency_or_region_is_read_by_its_name(table: str, written: str, code: str) -> None:
    assert reference().table(table).normalise(written) == code


def test_a_placement_written_with_names_records_the_codes() -> None:
    values = {
        "effective_date": "2021-01-04",
        "reference": "PL-1",
        "agency": "Pemerintah Kota Medan",
        "unit": "Dinas Kesehatan",
        "region": "Kota Medan",
    }
    read = parse_payload(BY_KIND["placement"], values)
    assert (read["agency"], read["region"]) == ("KOTA-MEDAN", "12.71")


def test_every_name_is_one_code() -> None:
    for name in ("agencies", "regions", *BY_NAME):
        table = reference().table(name)
        assert len({code.name.upper() for code in table}) == len(table)
