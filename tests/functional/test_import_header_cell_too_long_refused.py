"""A header cell longer than any column's name (HEADER_CELL_LIMIT, 200 characters) is refused at once, naming its
column, its length and the limit, before it is read as a name: on the API, on the import page (in Indonesian) and by
`careerlog import`. Found by an HR tester on PostgreSQL: a header cell of 30,000 spaces before a letter held the
server 63 s (the template's marks after a name were sought by a regular expression from every position, quadratic),
eight such uploads starved every page; a 52 MB line of letters took 202 s before its refusal. A cell's length is
counted without the spaces around it (since 2026-12-07; a cell of spaces before a letter is read in time linear in
its length, textfiles.without_marks). Nothing is recorded. Both stores."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

SPACES = 30_000
FILE = f"NIP;x{' ' * SPACES}x;TMT\n{BUDI};a;2026-01-01\n"  # (its length counted between its letters)
SAID = (
    f"Column 2 of the header on line 1 is {SPACES + 2} characters long, longer than a column's name may be "
    "(200 characters)"
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def test_the_api_refuses_a_long_header_cell_naming_its_column_length_and_the_limit(world: World) -> None:
    before = world.log()
    answer = world.post(
        "/api/v1/imports?dry_run=true&kind=training",
        "hr",
        data={"file": (io.BytesIO(FILE.encode()), "h.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    [refused] = answer.get_json()["rejected"]
    assert refused["errors"]["line"][0].startswith(SAID), refused
    assert world.log() == before


def test_the_import_page_says_so_in_indonesian(world: World) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=id")
    upload = {"csrf_token": token, "kind": "training", "file": (io.BytesIO(FILE.encode()), "h.csv")}
    answer = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 422
    shown = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    assert (
        "Kolom 2 baris judul pada baris 1 sepanjang 30.002 karakter, lebih panjang daripada yang boleh untuk nama "
        "kolom (200 karakter)" in shown
    )


def test_careerlog_import_says_so_too(world: World, tmp_path: Path, store_url: str) -> None:
    path = tmp_path / "training.csv"
    path.write_text(FILE, "utf-8")
    result = CliRunner().invoke(main, ["--database-url", store_url, "import", "--kind", "training", str(path)])
    assert result.exit_code != 0
    assert SAID in result.output, result.output[-1500:]
