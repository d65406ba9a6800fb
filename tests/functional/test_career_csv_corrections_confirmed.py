"""The career record's CSV carries what the page shows of each fact's corrections and retraction: each correction's
reference (the SK of the correction) and reason, the retraction's, and every check a writer confirmed with who
confirmed it (a rank jump: promotion.one_step), in columns added after the existing ones, whose order is kept.
Before, the download had "Corrected on" and "Retracted on" alone: the reasons, references and confirmations were
on the page only."""

from __future__ import annotations

import csv
import io

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_career import corrected_and_trained

EXISTING_END = ["Corrected on (WIB)", "Retracted on (WIB)"]
ADDED = ["Correction references", "Correction reasons", "Retraction reference", "Retraction reason", "Confirmed by"]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def downloaded(world: World, lang: str) -> tuple[list[str], list[dict[str, str]]]:
    text = world.client.get(f"/pages/employees/{BUDI}/record.csv?lang={lang}").get_data(as_text=True)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter="," if lang == "en" else ";")
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_the_csv_gives_each_corrections_reference_and_reason_and_who_confirmed_the_rank_jump(world: World) -> None:
    corrected_and_trained(world)
    second = f.correction(2, "2014-06-01", new_rank="III/d")
    second["reason"] = "SK kedua"
    world.services.ledger.record(BUDI, "correction", second, actor="hr.budi", confirmed=["promotion.one_step"])
    world.catch_up()
    log_in(world, "employee")
    columns, rows = downloaded(world, "en")
    assert columns[-len(ADDED) - 4 : -2] == [*EXISTING_END, *ADDED]  # (the existing columns first, in their order)
    promotion = next(r for r in rows if r["Event"] == "Rank promotion")
    references = promotion["Correction references"].split(" | ")
    assert len(references) == 2
    assert all(r.startswith("RALAT-") for r in references)
    assert promotion["Correction reasons"] == "Salah ketik pada SK | SK kedua"
    assert promotion["Confirmed by"] == "promotion.one_step (test) | promotion.one_step (hr.budi)"
    assert promotion["Retraction reference"] == ""
    retracted = next(r for r in rows if r["Event"] == "Training" and r["Retracted on (WIB)"])
    assert retracted["Retraction reference"].startswith("BATAL-")
    assert retracted["Retraction reason"] == "Dicatat dua kali"
    assert retracted["Correction reasons"] == ""
    assert retracted["Confirmed by"] == ""


def test_the_added_columns_are_headed_in_indonesian(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "employee")
    columns, rows = downloaded(world, "id")
    assert columns[-7:-2] == [
        "Nomor SK koreksi",
        "Alasan koreksi",
        "Nomor SK pembatalan",
        "Alasan pembatalan",
        "Dikonfirmasi oleh",
    ]
    promotion = next(r for r in rows if r["Peristiwa"] == "Kenaikan pangkat")
    assert promotion["Alasan koreksi"] == "Salah ketik pada SK"
    assert promotion["Dikonfirmasi oleh"] == "promotion.one_step (test)"
