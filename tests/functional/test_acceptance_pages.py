"""Pages say what is wrong: an upload over the size limit is a 413 page naming the limit.

The acceptance pass of 2026-12-01 found the import page answering a file over
CAREERLOG_MAX_UPLOAD_MB with a page titled "413 (413)" and nothing more.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token, log_in

LIMIT = 1024 * 1024 // 4  # 0.25 MB (below 500 KB the test client keeps the body in memory, not in a file)


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {"TESTING": True, "CAREERLOG_WAIT_SECONDS": 5.0, "MAX_CONTENT_LENGTH": LIMIT}


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize(
    ("lang", "title", "limit"),
    [
        ("id", "Berkas terlalu besar", "paling besar 0,25 MB"),
        ("en", "The file is too large", "at most 0.25 MB"),
    ],
)
def test_an_import_over_the_size_limit_is_a_413_page_naming_the_limit(
    world: World, lang: str, title: str, limit: str
) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    before = world.log()
    upload = {"csrf_token": token, "file": (io.BytesIO(b"x" * (LIMIT + 1)), "events.jsonl")}
    answer = world.client.post("/pages/import", data=upload)
    assert answer.status_code == 413
    page = text(answer.get_data(as_text=True))
    assert title in page
    assert limit in page
    assert "CAREERLOG_MAX_UPLOAD_MB" in page
    assert world.log() == before


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits/awards", "/pages/audits.csv"])
@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("id", "Tidak boleh sebelum 1 Jan 2025, awal periode."),
        ("en", "Must not be before Jan 1, 2025, the start of the period."),
    ],
)
def test_a_period_ending_before_it_starts_is_a_422_page_saying_so(
    world: World, path: str, lang: str, reason: str
) -> None:
    log_in(world, "inspector")
    answer = world.client.get(f"{path}?from=2025-01-01&to=2020-01-01&lang={lang}")
    assert answer.status_code == 422
    assert reason in text(answer.get_data(as_text=True))
