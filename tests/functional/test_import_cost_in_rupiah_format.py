"""A training's cost written as an Indonesian spreadsheet's currency format writes it ("Rp1.500.000,00", "Rp 2.500.000",
and "Rp1500000" in a file separated by commas) is read as the rupiah amount: the column is a cost in rupiah, and a
spreadsheet saves a cell as it shows it. Before, each such row was refused ("cost: Not a valid number."). A cell of
no amount after the currency ("Rp -", an accounting format's zero) is still refused, shown as typed. Nothing else
changes: an amount without Rp reads as before."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World

HEADER = "NIP;Jenis Diklat;Judul;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat;Biaya"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def imported(world: World, text: str, name: str = "training.csv") -> dict[str, Any]:
    upload = {"file": (io.BytesIO(text.encode()), name)}
    return world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()


def costs(world: World) -> dict[str, Decimal]:
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    return {i["values"]["reference"]: Decimal(i["values"]["cost"]) for i in items if i["kind"] == "training"}


def test_a_cost_in_rupiah_format_is_read_as_the_amount(world: World) -> None:
    rows = [
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;06/05/2024;06/05/2024;RP-1;Rp1.500.000,00",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;07/05/2024;07/05/2024;RP-2;Rp 2.500.000",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;08/05/2024;08/05/2024;RP-3;rp. 750.000,50",
    ]
    report = imported(world, "\r\n".join([HEADER, *rows]))
    assert (report["recorded"], report["rejected"]) == (3, [])
    comma = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference,cost\n"
    comma += f"{BUDI},TEKNIS,Arsip,BKPSDM,8,2024-05-09,2024-05-09,RP-4,Rp1500000\n"
    assert imported(world, comma)["recorded"] == 1
    assert costs(world) == {
        "RP-1": Decimal("1500000"),
        "RP-2": Decimal("2500000"),
        "RP-3": Decimal("750000.5"),
        "RP-4": Decimal("1500000"),
    }


def test_a_cost_written_by_hand_with_rp_dot_and_a_closing_dash_is_read(world: World) -> None:
    """Found by an HR writer's pass of 2026-12-05: "Rp. 2.500.000,-" (the whole rupiah closed by ",-", as Indonesians
    write an amount by hand) was refused as no number."""
    rows = [
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;10/05/2024;10/05/2024;RP-6;Rp. 2.500.000,-",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;11/05/2024;11/05/2024;RP-7;750.000,-",
    ]
    report = imported(world, "\r\n".join([HEADER, *rows]))
    assert (report["recorded"], report["rejected"]) == (2, [])
    assert costs(world) == {"RP-6": Decimal("2500000"), "RP-7": Decimal("750000")}


def test_a_currency_of_no_amount_is_refused_as_typed(world: World) -> None:
    """A currency sign alone is refused as typed ("Rp -", a sign and a dash, means no cost since 2026-12-06, as "-"
    alone does: an Indonesian spreadsheet's way of writing none)."""
    before = world.log()
    report = imported(world, "\r\n".join([HEADER, f"{BUDI};TEKNIS;Arsip;BKPSDM;8;06/05/2024;06/05/2024;RP-5;Rp"]))
    assert [(p["errors"], p["values"]) for p in report["rejected"]] == [
        ({"cost": ["Not a valid number."]}, {"cost": "Rp"})
    ]
    assert world.log() == before
