"""Two refusals of an HR officer's CSV import said less than they knew: a NIP cell `1.99607E+17` (Excel's scientific
notation) was said to keep "15 of its 18 digits" though the cell holds 6, and a JP written `24,5` got "Not a valid
integer." without naming JP or that JP are whole lesson hours. Both now say so, in English and in Indonesian."""

from __future__ import annotations

import io

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
ROWS = [
    HEADER,
    "1.99607E+17;Budi Siregar;TEKNIS;Arsip A;BKPSDM;8;01/10/2021;02/10/2021;N-1",
    f'{BUDI};Budi Siregar;TEKNIS;Arsip B;BKPSDM;"24,5";01/11/2021;05/11/2021;N-2',
]


def imported(world: World, lang: str) -> str:
    log_in(world, "hr")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "kind": "training"}
    data["file"] = (io.BytesIO(("\r\n".join(ROWS) + "\r\n").encode()), "pelatihan.csv")  # type: ignore[assignment]
    answer = world.client.post(f"/pages/import?lang={lang}", data=data, content_type="multipart/form-data")
    return answer.get_data(as_text=True)


def test_the_import_names_scientific_notation_and_whole_jp_in_english(world: World) -> None:
    page = imported(world, "en")
    assert "1.99607E+17 is a NIP a spreadsheet wrote in scientific notation" in page
    assert "which keeps only 6 of its 18 digits: the NIP&#39;s digits are lost" in page
    assert "15 of its 18" not in page
    assert "Not a whole number of lesson hours: JP are counted in whole lesson hours" in page


def test_the_import_names_scientific_notation_and_whole_jp_in_indonesian(world: World) -> None:
    page = imported(world, "id")
    assert "1.99607E+17 adalah NIP yang ditulis lembar kerja dalam notasi ilmiah" in page
    assert "yang hanya menyimpan 6 dari 18 digitnya: digit NIP-nya hilang" in page
    assert "Bukan bilangan bulat jam pelajaran: JP dihitung dalam jam pelajaran utuh" in page
    assert "Bukan bilangan bulat yang sah" not in page
