"""The import page records a file's rank promotions whatever their order (reviewA #3): Budi holds III/b since 2014;
a file listing his promotion to III/d of 2022 before the one to III/c of 2018 (newest first, as his career page
does) refused the III/d row as a jump of 2 ranks (rule promotion.one_step); oldest first, both were recorded."""

from __future__ import annotations

import io
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "NIP;Golongan Baru;Jenis KP;TMT;Nomor SK"
III_D = f"{BUDI};III/d;101;01/04/2022;KP-D"
III_C = f"{BUDI};III/c;101;01/04/2018;KP-C"


@pytest.fixture
def store_url(database_url: str) -> str:  # (both stores)
    return database_url


@pytest.mark.parametrize("rows", [[III_D, III_C], [III_C, III_D]], ids=["newest first", "oldest first"])
def test_the_import_page_records_promotions_newest_first_as_oldest_first(world: World, rows: list[str]) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=en")
    body = "\r\n".join([HEADER, *rows]).encode()
    upload = {"csrf_token": token, "kind": "rank_promotion", "file": (io.BytesIO(body), "kp.csv")}
    answer = world.client.post("/pages/import?lang=en", data=upload, content_type="multipart/form-data")
    totals = re.sub(r"\s+", "", answer.get_data(as_text=True))
    assert "<dt>Recorded</dt><dd>2</dd>" in totals
    assert "<dt>Rejected</dt><dd>0</dd>" in totals
    facts = world.services.ledger.get_employee(BUDI).active_facts()
    assert [x.values["new_rank"] for x in facts if x.kind == "rank_promotion"][-2:] == ["III/c", "III/d"]
