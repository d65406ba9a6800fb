"""A training's JP written with its unit in full or with a full stop ("2 jam pelajaran", "2 Jp.") is read as the
number, as "24 JP" is; a number followed by words that are no unit read ("2 jam") is told the words are not read, and
one in full-width digits (U+FF12, as an East Asian input method types it) to write digits 0-9, in English and in
Indonesian, on an import (the record form reads with the same functions). Found by an exploratory tester
(2026-12-07): all three were refused "Not a whole number ... (24, not 24,5)", as if a fraction. Both stores."""

from __future__ import annotations

import html
import io
import re

import pytest

from careerlog.domain.payload import HOURS_NOT_DIGITS, HOURS_NOT_WHOLE, HOURS_UNIT
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_date_not_in_calendar import imported
from tests.functional.test_pages_auth import csrf_token, log_in

UNIT_ID = "Bukan jumlah jam pelajaran: kata-kata sesudah angkanya tidak terbaca"
DIGITS_ID = "Tidak ditulis dengan angka 0-9: tulis JP sebagai bilangan bulat dengan angka 0-9 (24)"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def csv_of(*hours: str) -> str:
    rows = []
    for n, written in enumerate(hours):
        row = {"nip": BUDI, **f.training(f"2024-05-{n + 10:02d}", reference=f"JP-{n}"), "hours": written}
        rows.append(row)
    return ",".join(rows[0]) + "\r\n" + "".join(",".join(str(v) for v in r.values()) + "\r\n" for r in rows)


def test_jp_written_with_the_unit_in_full_or_with_a_full_stop_is_read_as_the_number(world: World) -> None:
    report = imported(world, csv_of("2 jam pelajaran", "2 Jp.", "3 JAM PELAJARAN", "4 JP"), "training.csv")
    assert (report["recorded"], report["rejected"]) == (4, [])
    hours = [i["hours"] for i in world.get(f"/api/v1/employees/{BUDI}/events").get_json()["items"] if i.get("hours")]
    assert sorted(hours)[-4:] == [2, 2, 3, 4]


def test_jp_written_with_a_stop_after_each_letter_or_ending_a_sentence_is_read_as_the_number(world: World) -> None:
    """ "2 J.P." and "2 jam pelajaran." were refused as words not read until later on 2026-12-07 (HOURS_UNIT)."""
    report = imported(world, csv_of("5 J.P.", "6 jam pelajaran.", "7 j.p"), "training.csv")
    assert (report["recorded"], report["rejected"]) == (3, [])
    hours = [i["hours"] for i in world.get(f"/api/v1/employees/{BUDI}/events").get_json()["items"] if i.get("hours")]
    assert sorted(hours)[-3:] == [5, 6, 7]


def test_jp_followed_by_other_words_or_in_other_digits_is_told_what_is_not_read(world: World) -> None:
    report = imported(world, csv_of("2 jam", "\uff12", "\uff12 JP", "24.5", "delapan"), "training.csv")
    assert [p["errors"]["hours"] for p in report["rejected"]] == [
        [HOURS_UNIT],
        [HOURS_NOT_DIGITS],
        [HOURS_NOT_DIGITS],
        [HOURS_NOT_WHOLE],
        [HOURS_NOT_WHOLE],
    ]


def test_the_import_page_says_so_in_indonesian(world: World) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=id")
    upload = {
        "csrf_token": token,
        "dry_run": "y",
        "file": (io.BytesIO(csv_of("2 jam", "\uff12").encode()), "training.csv"),
    }
    answer = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    shown = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    assert UNIT_ID in shown
    assert DIGITS_ID in shown
    assert "24, bukan 24,5" not in shown
