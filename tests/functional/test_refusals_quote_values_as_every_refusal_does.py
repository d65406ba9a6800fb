"""A pasted name that differs from the one recorded, a code as written, and an import's header and cell refusals quote
the value as every other refusal does (careerlog.domain.errors.quoted): an invisible character or a no-break space in
it named where it stands, a value of more than 40 characters cut ending in "…". Until 2026-12-07 they quoted it as
Python writes it ('Siti\\xa0Aminah', a column 'Tanggal\\u200bMulai'), which HR could not read. Both stores."""

from __future__ import annotations

import io

import pytest

from tests.functional.conftest import BUDI, World

ROW = f"{BUDI};{{name}};TEKNIS;Arsip;BKPSDM;8;04/03/2024;04/03/2024;{{ref}}"
HEADER = "NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def imported(world: World, text: str) -> dict:
    data = {"file": (io.BytesIO(text.encode()), "training.csv")}
    answer = world.post("/api/v1/imports?dry_run=true", "hr", data=data, content_type="multipart/form-data")
    return answer.get_json()


def test_a_pasted_name_that_differs_names_its_no_break_space_and_is_cut(world: World) -> None:
    long = "Siti Aminah binti Abdul Rahman Harahap Nasution Lubis"
    report = imported(
        world,
        "\r\n".join([HEADER, ROW.format(name="Siti\u00a0Aminah", ref="Q-1"), ROW.format(name=long, ref="Q-2")]),
    )
    [pasted, cut] = [problem["errors"]["name"][0] for problem in report["rejected"]]
    assert pasted.startswith("'Siti(U+00A0 no-break space)Aminah' is not the name recorded for NIP"), pasted
    assert "\\xa0" not in pasted
    assert cut.startswith(f"'{long[:39]}…' is not the name recorded"), cut


def test_a_header_refusal_names_an_invisible_character_in_a_column(world: World) -> None:
    header = HEADER.replace("Penyelenggara", "Penye\u200blenggara")
    answer = imported(world, "\r\n".join([header, ROW.format(name="Budi Siregar", ref="Q-3")]))
    said = str(answer)
    assert "'Penye(U+200B zero-width space)lenggara'" in said, said
    assert "\\u200b" not in said
