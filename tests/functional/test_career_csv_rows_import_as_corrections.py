"""The career record's CSV download gives each fact's record NIP and version, last (after the columns that were, in
their order), headed as an import of corrections reads them: "NIP" and "No. catatan" ("Record no." in English, as the
page names a fact's record number; until 2026-12-06 "Versi" and "Target version", a record number the English download
called a target), the NIP written ="…" as the download writes
every NIP, for a spreadsheet to keep its 18 digits. Before, the NIP was in the file's name alone and no column gave a
version, which a correction or retraction names: the download could not be made into a file of corrections. Rows of
the download, their reason, date, reference and corrected values added, import as corrections of those facts."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_career_csv_corrections_confirmed import downloaded
from tests.functional.test_import_corrected_values_read_as_cells import imported
from tests.functional.test_pages_auth import log_in

COLUMNS = {"id": ("NIP", "No. catatan"), "en": ("NIP", "Record no.")}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_downloads_rows_give_nip_and_version_and_import_as_corrections(world: World, lang: str) -> None:
    ledger = world.services.ledger
    trained = ledger.record(BUDI, "training", f.training("2024-03-06", hours=24, start="2024-03-04"), actor="test")
    world.catch_up()
    log_in(world, "hr")
    columns, rows = downloaded(world, lang)
    nip, version = COLUMNS[lang]
    assert columns[-2:] == [nip, version]
    assert {r[nip] for r in rows} == {f'="{BUDI}"'}
    assert sorted(int(r[version]) for r in rows) == list(range(1, trained.version + 1))
    [training] = [r for r in rows if r[version] == str(trained.version)]
    delimiter = ";" if lang == "id" else ","
    header = delimiter.join([nip, version, "Alasan", "Isian yang dikoreksi", "Tanggal", "Nomor SK"])
    cells = [training[nip], training[version], "Salah ketik", '{"hours": 16}', "2024-04-01", "RALAT-1"]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(cells)  # (="…" and the JSON quoted, as saved)
    report = imported(world, out.getvalue(), header=header)
    assert (report["recorded"], report["rejected"]) == (1, []), report["rejected"]
    events = [e for _, e in ledger.iter_events() if getattr(e, "corrected_fields", None)]
    assert [(e.target_version, e.corrected_fields) for e in events] == [(trained.version, {"hours": 16})]


def test_the_download_with_a_field_column_edited_is_refused_whole_and_its_nip_and_version_import_the_edit(
    world: World,
) -> None:
    """The download itself, a field column edited (its JP 24 made 16) and the four columns of a correction added,
    is no file of corrections: its header names the download's other columns, no fields of a correction, and the
    import refuses it whole, recording nothing (an edited column read as nothing would be an edit lost unseen). Its
    row's NIP and No. catatan, with the edited value written in "Isian yang dikoreksi", import as the correction. (Until
    2026-12-06 docs/import-format.md and docs/pages.md said the download's rows, given those columns, import as
    corrections.)"""
    ledger = world.services.ledger
    trained = ledger.record(BUDI, "training", f.training("2024-03-06", hours=24, start="2024-03-04"), actor="test")
    world.catch_up()
    log_in(world, "hr")
    text = world.client.get(f"/pages/employees/{BUDI}/record.csv?lang=id").get_data(as_text=True)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    [row] = [r for r in reader if r["No. catatan"] == str(trained.version)]
    assert row["Jam pelajaran (JP)"] == "24"
    row["Jam pelajaran (JP)"] = "16"  # (the edit)
    added = {"Alasan": "Salah ketik", "Tanggal": "01/04/2024", "Nomor SK": "RALAT-1", "Isian yang dikoreksi": ""}
    out = io.StringIO()
    writer = csv.DictWriter(out, [*(reader.fieldnames or []), *added], delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerow({**row, **added})
    before = world.log()
    for query in ("?kind=correction", ""):
        upload = {"file": (io.BytesIO(out.getvalue().encode("utf-8-sig")), f"riwayat-karier-{BUDI}.csv")}
        answer = world.post(f"/api/v1/imports{query}", "hr", data=upload, content_type="multipart/form-data")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        report = answer.get_json()
        assert report["recorded"] == 0
        [refused] = report["rejected"]
        assert refused["line"] == 1
        [said] = [reason for reasons in refused["errors"].values() for reason in reasons]
        assert not query or "'Jam pelajaran (JP)'" in said, said  # (its columns, once the kind is chosen)
        assert query or said.startswith("This is the career record's download, for reading"), said
    assert world.log() == before
    header = "NIP;No. catatan;Alasan;Tanggal;Nomor SK;Isian yang dikoreksi"
    corrected = json.dumps({"hours": row["Jam pelajaran (JP)"]})
    cells = [row["NIP"], row["No. catatan"], *list(added.values())[:3], corrected]
    line = io.StringIO()
    csv.writer(line, delimiter=";", lineterminator="").writerow(cells)
    report = imported(world, line.getvalue(), header=header)
    assert (report["recorded"], report["rejected"]) == (1, []), report["rejected"]
    events = [e for _, e in ledger.iter_events() if getattr(e, "corrected_fields", None)]
    assert [(e.target_version, e.corrected_fields) for e in events] == [(trained.version, {"hours": 16})]
