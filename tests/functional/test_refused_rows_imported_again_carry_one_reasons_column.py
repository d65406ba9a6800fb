"""A refused-rows file (the import page's download), mended in a spreadsheet and imported again, on the page or with
`careerlog import`: its reasons column is careerlog's own, named so in either language ("Alasan penolakan
(careerlog)", "Refusal reasons (careerlog)"), read as no data, and a new download of the rows still refused
carries that one column with the new reasons alone, in its place; HR's own note columns (Keterangan, Catatan) stay
as written. Before, the reasons went in a column Keterangan (then Catatan, Ket, then one unnamed, as the file had
them), which the importer could not tell from HR's notes: each round trip added a column and kept the stale ones
(report-hrhunt item 3)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import imported, refused_download
from tests.integration.test_cli import run

COLUMN = {"id": "Alasan penolakan (careerlog)", "en": "Refusal reasons (careerlog)"}
NOTED = {
    "id": "Alasan penolakan dari impor sebelumnya (kolom careerlog): tidak dibaca sebagai data, tidak dicatat.",
    "en": "The reasons an earlier import gave for refusing the row (careerlog's column): not read as data, "
    "not recorded.",
}
HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Keterangan"
GOOD = f"{BUDI};TEKNIS;Arsip;BKPSDM;8;15/11/2021;19/11/2021;GOOD-1;dari BKD"
BAD_DAY = f"{BUDI};TEKNIS;Arsip dinamis;BKPSDM;8;15/11/2021;31/11/2021;BAD-1;cek tanggal"
NO_HOURS = f"{BUDI};TEKNIS;Arsip statis;BKPSDM;;01/03/2022;04/03/2022;BAD-2;"
LANGUAGES = [("id", "id"), ("en", "id"), ("id", "en")]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(text.lstrip("\ufeff").splitlines(), delimiter=";"))


def written(rows: list[list[str]]) -> str:
    """The rows as a spreadsheet saves them again (semicolons, CRLF)."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def first_download(world: World, lang: str) -> list[list[str]]:
    _name, text = refused_download(world, imported(world, "\r\n".join([HEADER, GOOD, BAD_DAY, NO_HOURS]), lang=lang))
    rows = rows_of(text)
    assert rows[0] == [*HEADER.split(";"), COLUMN[lang]]
    return rows


def mended(rows: list[list[str]]) -> list[list[str]]:
    """The day fixed; the hours typed, wrongly ("delapan"): the second row is refused again, for another reason."""
    day, hours = (list(r) for r in rows[1:])
    day[6], hours[4] = "30/11/2021", "delapan"
    return [rows[0], day, hours]


@pytest.mark.parametrize(("first", "again"), LANGUAGES)
def test_a_refused_rows_file_imported_again_gives_one_reasons_column_with_the_new_reasons(
    world: World, first: str, again: str
) -> None:
    rows = mended(first_download(world, first))
    stale = rows[2][-1]
    page = imported(world, written(rows), lang=again, name="diklat-ditolak.csv")
    totals = re.sub(r"\s+", "", page)
    assert re.search(r"<dd>1</dd><dt>[^<]+</dt><dd>0</dd><dt>[^<]+</dt><dd>1</dd></dl>", totals), totals
    assert f"{COLUMN[first]}: {NOTED[again]}" in page.replace("&#39;", "'")
    _name, text = refused_download(world, page)
    header, *refused = rows_of(text)
    assert header == [*HEADER.split(";"), COLUMN[again]]  # one reasons column; HR's Keterangan as it was
    assert len(refused) == 1
    assert refused[0][:-1] == rows[2][:-1]  # the row as mended
    assert "delapan" in refused[0][-1]  # the new reason alone
    assert refused[0][-1] != stale


def test_the_reasons_column_keeps_its_place_among_columns_hr_added_after_it(world: World) -> None:
    rows = mended(first_download(world, "id"))
    rows = [[*rows[0], "Catatan"], [*rows[1], "sudah dicek"], [*rows[2], "tanya BKD"]]
    page = imported(world, written(rows), name="diklat-ditolak.csv")
    header, *refused = rows_of(refused_download(world, page)[1])
    assert header == [*HEADER.split(";"), COLUMN["id"], "Catatan"]
    assert len(refused) == 1
    assert refused[0][:-2] == rows[2][:-2]
    assert "delapan" in refused[0][-2]
    assert refused[0][-1] == "tanya BKD"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_careerlog_import_of_a_refused_rows_file_reads_no_data_of_its_reasons_column(
    world: World, store_url: str, lang: str, tmp_path: Path
) -> None:
    rows = mended(first_download(world, lang))
    path = tmp_path / "pelatihan-ditolak.csv"
    path.write_text("\ufeff" + written(rows), encoding="utf-8", newline="")
    report = tmp_path / "report.json"
    result = run(store_url, "import", str(path), "--report", str(report))
    assert result.exit_code == 1, result.output
    assert f"note: line 1: {COLUMN[lang]}: {NOTED['en']}" in result.output
    answer = json.loads(report.read_text())
    assert answer["recorded"] == 1
    assert [(r["line"], sorted(r["errors"])) for r in answer["rejected"]] == [(3, ["hours"])]
    assert not any(COLUMN[lang] in json.dumps(r) for r in answer["rejected"])
