"""The career record's CSV download imported as corrections (or retractions) is refused naming exactly which columns to
rename to what, which to add and which to remove, in the download's own language's column names, in English and
Indonesian (careerlog.importing.CAREER_DOWNLOAD_HEADERS). By design its field columns are not read as corrections: its
TMT and decree number columns are the fact's own (a correction has its own date and decree: read as the correction's
they would record each correction under the fact's decree), and a correction names each value it changes. Until
2026-12-06 the refusal named the download's columns as no fields of the kind, "did you mean Nomor Sertifikat ('Nomor
SK atau sertifikat')?", which followed would have recorded the corrections under the facts' own decree numbers. The
refusal followed step by step (download, edit, rename, add, remove, import) records the edit alone. On both stores."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest

from careerlog.domain.errors import quoted
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

COLUMNS = {  # (NIP, version, the fact's TMT, its decree number, a field column, the edited one) by language
    "id": (
        "NIP",
        "No. catatan",
        "Tanggal berlaku (TMT)",
        "Nomor SK atau sertifikat",
        "Pangkat baru",
        "Jam pelajaran (JP)",
    ),
    "en": (
        "NIP",
        "Record no.",
        "Effective date (TMT)",
        "Reference (decree or certificate number)",
        "New rank",
        "Lesson hours (JP)",
    ),
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def trained(world: World) -> int:
    outcome = world.services.ledger.record(
        BUDI, "training", f.training("2024-03-06", hours=24, start="2024-03-04"), actor="test"
    )
    world.catch_up()
    return outcome.version


def download(world: World, lang: str) -> bytes:
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{BUDI}/record.csv?lang={lang}")
    assert answer.status_code == 200
    return answer.get_data()


def import_answer(world: World, data: bytes, kind: str) -> dict[str, Any]:
    upload = {"file": (io.BytesIO(data), f"riwayat-karier-{BUDI}.csv")}
    answer = world.post(f"/api/v1/imports?kind={kind}", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report: dict[str, Any] = answer.get_json()
    return report


def header_refusal(report: dict[str, Any]) -> str:
    assert report["recorded"] == 0, report
    [refused] = report["rejected"]
    [said] = refused["errors"]["line"]
    assert isinstance(said, str)
    return said


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_download_as_corrections_is_refused_naming_each_column_to_rename_add_and_remove(
    world: World, lang: str
) -> None:
    trained(world)
    data = download(world, lang)
    nip, version, tmt, decree, field, edited = COLUMNS[lang]
    before = world.log()
    said = header_refusal(import_answer(world, data, "correction"))
    assert said.startswith(
        "The header is the career record's download, which is no file of corrections as it stands, so nothing was "
        f"read. To import its rows as corrections: keep '{nip}' and '{version}'; rename '{tmt}' to Tanggal and "
        f"'{decree}' to Nomor SK, each holding the correction's own date and decree number (in the download they are "
        "the fact's TMT and decree); add the columns Alasan (the reason) and Isian yang dikoreksi (each value "
        'changed, by its field, as JSON: {"hours": 16}, an edited cell of the download is not read); and remove the '
        "columns "
    ), said
    removed = said.split("and remove the columns ")[1]
    named = set(re.findall(r"'([^']*)'", removed))
    assert {field, edited} <= named
    assert not {nip, version, tmt, decree} & named
    retraction = header_refusal(import_answer(world, data, "retraction"))
    assert retraction.startswith("The header is the career record's download, which is no file of retractions")
    assert "add the column Alasan (the reason); and remove the columns " in retraction
    assert "Isian yang dikoreksi" not in retraction
    assert world.log() == before


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_fact_columns_are_named_as_the_header_types_them(world: World, lang: str) -> None:
    """(a code review, 2026-12-06) the TMT and decree columns typed in another case and spacing were named as the
    download names them: "rename 'Tanggal berlaku (TMT)'", a column the header did not have, and the typed one listed
    under the columns to remove."""
    trained(world)
    data = download(world, lang).decode("utf-8-sig")
    _, _, tmt, decree, _, _ = COLUMNS[lang]
    typed_tmt, typed_decree = tmt.upper(), "  " + decree.lower().replace(" ", "  ")
    first, rest = data.split("\r\n", 1)
    header = first.replace(tmt, typed_tmt).replace(decree, typed_decree)
    said = header_refusal(import_answer(world, f"{header}\r\n{rest}".encode("utf-8-sig"), "correction"))
    # (each quoted as every refusal quotes a value: cut to 40 characters, since 2026-12-07)
    assert f"rename {quoted(typed_tmt)} to Tanggal and {quoted(typed_decree.strip())} to Nomor SK" in said, said
    named = set(re.findall(r"'([^']*)'", said.split("and remove the columns ")[1]))
    assert not {tmt, decree, typed_tmt, typed_decree.strip()} & named


def imported_on_the_page(world: World, kind: str) -> str:
    """The import page's text, in Indonesian, after importing Budi's download (a training in it) as `kind`."""
    trained(world)
    data = download(world, "id")
    token = csrf_token(world.client, "/pages/import?lang=id")
    upload = {"csrf_token": token, "kind": kind, "file": (io.BytesIO(data), f"riwayat-karier-{BUDI}.csv")}
    answer = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))


def test_the_import_page_says_it_in_indonesian(world: World) -> None:
    text = imported_on_the_page(world, "correction")
    assert (
        "Baris judul kolomnya adalah unduhan riwayat karier, yang apa adanya bukan berkas koreksi, jadi tidak ada yang "
        "dibaca. Untuk mengimpor baris-barisnya sebagai koreksi: pertahankan 'NIP' dan 'No. catatan'; ganti nama "
        "'Tanggal berlaku (TMT)' menjadi Tanggal dan 'Nomor SK atau sertifikat' menjadi Nomor SK"
    ) in text, text[-3000:]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_refusal_followed_imports_the_edit_alone(world: World, lang: str) -> None:
    """Download, edit the training's JP 24 to 16, then do as the refusal says: keep NIP and the version, rename the
    TMT and decree columns to Tanggal and Nomor SK (the correction's own), add Alasan and Isian yang dikoreksi, remove
    the rest: the correction of the hours alone is recorded, nothing else changed."""
    version = trained(world)
    data = download(world, lang)
    nip, version_column, tmt, decree, _, edited = COLUMNS[lang]
    delimiter = ";" if lang == "id" else ","
    said = header_refusal(import_answer(world, data, "correction"))
    removed = re.findall(r"'([^']*)'", said.split("and remove the columns ")[1])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))
    [row] = [r for r in rows if r[version_column] == str(version)]
    row[edited] = "16"  # (the edit, in the download's cell)
    for column in removed:
        del row[column]
    row["Tanggal"], row["Nomor SK"] = row.pop(tmt) and "2024-04-01", row.pop(decree) and "RALAT-JP-1"
    row |= {"Alasan": "Salah ketik JP", "Isian yang dikoreksi": '{"hours": 16}'}
    out = io.StringIO()
    writer = csv.DictWriter(out, list(row), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row)
    before = world.log()
    report = import_answer(world, out.getvalue().encode("utf-8-sig"), "correction")
    assert (report["recorded"], report["rejected"]) == (1, []), report
    assert world.log()[: len(before)] == before
    events = [e for _, e in world.services.ledger.iter_events() if getattr(e, "corrected_fields", None)]
    assert [(e.target_version, e.corrected_fields, e.reference) for e in events] == [
        (version, {"hours": 16}, "RALAT-JP-1")
    ]
    assert sorted(row) == sorted([nip, version_column, "Tanggal", "Nomor SK", "Alasan", "Isian yang dikoreksi"])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_download_with_no_kind_chosen_is_refused_in_a_few_words(world: World, lang: str) -> None:
    """Imported with no kind chosen (the download's name names none), it was refused with the generic "The kind of the
    file's rows is not known", naming none of its columns to change (an HR tester, 2026-12-06), then with the kind to
    choose and the corrections' whole guidance, one long paragraph (another HR tester, 2026-12-06): it is now told in
    a few words that it imports as it is in no way, pointing to the download that imports again and to the kind that
    makes it a file of corrections."""
    trained(world)
    data = download(world, lang)
    before = world.log()
    upload = {"file": (io.BytesIO(data), f"riwayat-karier-{BUDI}.csv")}
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report = answer.get_json()
    assert report["recorded"] == 0, report
    [refused] = report["rejected"]
    [said] = refused["errors"]["kind"]
    assert said == (
        "This is the career record's download, for reading: no file to import as it is, so nothing was read. To "
        "import an employee's facts again, download them from the career page as JSON Lines (\"Download the facts "
        'to import again"); to correct facts with this file, choose correction and import it again: the refusal '
        "then names each column to change."
    ), said
    assert world.log() == before


def test_the_import_page_says_it_with_no_kind_chosen_in_indonesian(world: World) -> None:
    text = imported_on_the_page(world, "")  # (no kind chosen)
    assert (
        "Berkas ini adalah unduhan riwayat karier, untuk dibaca: bukan berkas yang dapat diimpor apa adanya, jadi "
        "tidak ada yang dibaca. Untuk mengimpor lagi fakta-fakta seorang pegawai, unduh fakta-fakta itu dari halaman "
        "riwayat kariernya sebagai JSON Lines"
    ) in text, text[-3000:]
