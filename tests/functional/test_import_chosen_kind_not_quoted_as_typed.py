"""A row refused for its kind, in a file of no kind column (the kind chosen on the page, or read from the file's name),
quotes no cell for it: the kind was never a cell of the file (careerlog.textfiles.Written.kind_given). Found by an HR
tester: until 2026-12-06 a PPPK's rank promotion in an .xlsx imported as rank promotions ended "(tertulis:
rank_promotion)", quoting the kind chosen on the page. A kind column's cell is still quoted as typed."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import openpyxl
import pytest

from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token, log_in

BORN, APPOINTED = date(1990, 7, 7), date(2016, 3, 1)
PPPK = f.pppk_nip(BORN, APPOINTED.year, "F")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def workbook(*rows: list[object]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def import_page(world: World, data: bytes, name: str, **fields: str) -> str:
    log_in(world, "hr")
    upload = {"csrf_token": csrf_token(world.client, "/pages/import"), **fields, "file": (io.BytesIO(data), name)}
    page = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page.get_data(as_text=True))))


def test_a_pppks_rank_promotion_refused_quotes_no_chosen_kind(world: World) -> None:
    pppk = f.appointment(BORN, APPOINTED, "F", employment_kind="PPPK", rank="IX", recruitment_path="PPPK")
    world.services.ledger.record(PPPK, "appointment", pppk, actor="test")
    header = ["NIP", "Pangkat Baru", "Jenis Kenaikan Pangkat", "TMT", "Nomor SK"]
    row = [PPPK, "III/b", "101", date(2020, 4, 1), "KP-PPPK-1"]
    for data, name, fields in (
        (workbook(header, row), "kp.xlsx", {"kind": "rank_promotion"}),  # (chosen on the page)
        (workbook(header, row), "kenaikan_pangkat.xlsx", {}),  # (read from the file's name)
    ):
        shown = import_page(world, data, name, **fields)
        assert "kenaikan pangkat berlaku bagi PNS." in shown, shown
        assert "tertulis: rank_promotion" not in shown, shown
    typed = workbook(["kind", *header], ["Kenaikan Pangkat", *row])
    shown = import_page(world, typed, "data.xlsx")
    assert "kenaikan pangkat berlaku bagi PNS. (tertulis: Kenaikan Pangkat)" in shown, shown
