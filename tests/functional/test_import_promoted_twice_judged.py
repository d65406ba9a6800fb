"""Two rows of one import promoting Budi to III/c, the first's TMT 14 months into III/b (against
promotion.time_in_rank, recorded with a warning), the second's the decree's: the second is refused naming the first
line, its version and both TMTs, and what the audit finds of the first (tests/integration/
test_import_promoted_twice_in_file.py), on the API and in Indonesian on the import page."""

from __future__ import annotations

import html
import io
import re

import orjson

from careerlog.importing import PROMOTED_TWICE_IN_FILE
from tests import factories as f
from tests.functional.conftest import BUDI, World, confirm_world_pns
from tests.functional.test_pages_auth import csrf_token, log_in

ROWS = b"".join(
    orjson.dumps({"nip": BUDI, "kind": "rank_promotion", **f.promotion("III/c", day)}) + b"\n"
    for day in ("2015-06-01", "2018-04-01")
)


def test_the_api_names_the_first_line_and_what_the_audit_finds_of_it(world: World) -> None:
    confirm_world_pns(world)
    upload = {"file": (io.BytesIO(ROWS), "rows.jsonl")}
    body = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert body["recorded"] == 1, body
    [row] = body["rejected"]
    assert row["line"] == 2
    first, *judged = row["errors"]["new_rank"]
    items = world.get(f"/api/v1/employees/{BUDI}/events", "admin").get_json()["items"]
    [version] = [e["version"] for e in items if e["kind"] == "rank_promotion" and e["effective_date"] == "2015-06-01"]
    assert first == PROMOTED_TWICE_IN_FILE.reason(
        line=1, new_rank="III/c", version=version, first="2015-06-01", tmt="2018-04-01"
    )
    assert any(
        "promotion.time_in_rank" in said and said.startswith("Line 1's promotion (TMT 2015-06-01)") for said in judged
    ), judged


def test_the_import_page_says_it_in_indonesian(world: World) -> None:
    confirm_world_pns(world)
    log_in(world, "hr")
    upload = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (io.BytesIO(ROWS), "rows.jsonl")}
    page = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page.get_data(as_text=True))))
    assert "Baris 1 berkas ini mencatat kenaikan pangkat pegawai ini ke III/c" in shown
    assert "Kenaikan pangkat baris 1 (TMT" in shown
