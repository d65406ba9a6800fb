"""A CSV date cell with a time of midnight, as a personnel system's export or a spreadsheet's date-and-time format
writes a day ("2024-05-06 00:00:00", "06/05/2024 0:00", "2024-05-06T00:00"), is read as that day: every such row was
refused ("Not a date the import can read"). A time other than midnight still is, shown as typed: the day it names
would be a guess. Nothing else changes."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World

HEADER = "NIP;Jenis Diklat;Judul;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def imported(world: World, *rows: str) -> dict[str, Any]:
    upload = {"file": (io.BytesIO("\r\n".join([HEADER, *rows]).encode()), "training.csv")}
    return world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()


def test_a_date_at_midnight_is_read_as_its_day(world: World) -> None:
    report = imported(
        world,
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;2024-05-06 00:00:00;2024-05-06 00:00:00;MN-1",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;07/05/2024 0:00;07/05/2024 0:00;MN-2",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;2024-05-08T00:00;2024-05-08T00:00;MN-3",
    )
    assert (report["recorded"], report["rejected"]) == (3, [])
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    days = {i["values"]["reference"]: i["values"]["start_date"] for i in items if i["kind"] == "training"}
    assert days == {"MN-1": "2024-05-06", "MN-2": "2024-05-07", "MN-3": "2024-05-08"}


def test_a_date_with_another_time_is_refused_as_typed(world: World) -> None:
    before = world.log()
    report = imported(world, f"{BUDI};TEKNIS;Arsip;BKPSDM;8;2024-05-06 08:30:00;2024-05-06;MN-4")
    assert [(sorted(p["errors"]), p["values"]) for p in report["rejected"]] == [
        (["start_date"], {"start_date": "2024-05-06 08:30:00"})
    ]
    assert world.log() == before
