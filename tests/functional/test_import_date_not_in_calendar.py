"""A date written YYYY-MM-DD that is no day of the calendar (2026-11-31, 2026-02-29) is refused as such in an import,
as a day-first 31/02/2021 is, not as a form the import cannot read; and a JSON Lines file, which reads YYYY-MM-DD
alone, is told that form, not a CSV file's day-first forms too. Before, both were told "Not a date the import can
read. ...; in a CSV file, day first too: ..."."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

NO_SUCH_DAY = "No such day in the calendar, read as YYYY-MM-DD (year, month, day): check the day and the month."
JSONL_FORM = "Not a date the import can read. Write dates as YYYY-MM-DD (2021-08-17)."
CSV_FORMS = "Not a date the import can read. Write dates as YYYY-MM-DD (2021-08-17); in a CSV file or a workbook, day"


def imported(world: World, data: str, name: str) -> dict[str, Any]:
    answer = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(data.encode()), name)}, content_type="multipart/form-data"
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    report: dict[str, Any] = answer.get_json()
    return report


def file_of(name: str, day: str) -> str:
    row = {"nip": BUDI, **f.training(day, reference=f"D-{day}")}
    if name.endswith(".jsonl"):
        return orjson.dumps({"kind": "training", **row}).decode() + "\n"
    return ",".join(row) + "\r\n" + ",".join(str(v) for v in row.values()) + "\r\n"


@pytest.mark.parametrize("day", ["2026-11-31", "2026-02-29", "2026-13-01"])
@pytest.mark.parametrize("name", ["training.csv", "training.jsonl"])
def test_a_day_of_no_calendar_is_refused_as_such(world: World, name: str, day: str) -> None:
    [refused] = imported(world, file_of(name, day), name)["rejected"]
    assert refused["errors"] == {"start_date": [NO_SUCH_DAY], "effective_date": [NO_SUCH_DAY]}


def test_a_jsonl_date_of_another_form_is_told_its_one_form(world: World) -> None:
    [refused] = imported(world, file_of("training.jsonl", "17/08/2021"), "training.jsonl")["rejected"]
    assert refused["errors"] == {"start_date": [JSONL_FORM], "effective_date": [JSONL_FORM]}
    [refused] = imported(world, file_of("training.csv", "kemarin"), "training.csv")["rejected"]
    assert refused["errors"]["effective_date"][0].startswith(CSV_FORMS)  # (a CSV file is told its forms, as before)


@pytest.mark.parametrize("name", ["training.csv", "training.jsonl"])
def test_a_date_of_other_digits_is_told_its_form_not_the_calendar(world: World, name: str) -> None:
    """Arabic-Indic digits (2026-11-17 so written) are of the form YYYY-MM-DD by `\\d` but no date the import reads: the
    problem is the digits, not the day (before, "No such day in the calendar")."""
    [refused] = imported(world, file_of(name, "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0661\u0667"), name)["rejected"]
    assert NO_SUCH_DAY not in refused["errors"]["effective_date"]
    assert refused["errors"]["effective_date"][0].startswith(JSONL_FORM if name.endswith(".jsonl") else CSV_FORMS)


def test_the_import_page_says_so_in_indonesian(world: World) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=id")
    data = file_of("training.jsonl", "2026-02-29") + file_of("training.jsonl", "17/08/2021")
    upload = {"csrf_token": token, "dry_run": "y", "file": (io.BytesIO(data.encode()), "training.jsonl")}
    answer = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    shown = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    assert (
        "Tidak ada hari seperti itu di kalender, dibaca sebagai TTTT-BB-HH (tahun, bulan, hari): periksa hari dan "
        "bulannya." in shown
    )
    assert "Bukan tanggal yang dapat dibaca impor. Tulis tanggal sebagai TTTT-BB-HH (2021-08-17)." in shown
    assert "CSV" not in shown.split("Bukan tanggal")[1][:200]


def test_careerlog_import_says_so_too(world: World, tmp_path: Path, store_url: str) -> None:
    path = tmp_path / "training.jsonl"
    path.write_text(file_of("training.jsonl", "2026-11-31") + file_of("training.jsonl", "31/12/2021"), "utf-8")
    result = CliRunner().invoke(main, ["--database-url", store_url, "import", str(path)])
    assert result.exit_code != 0
    assert f"effective_date: {NO_SUCH_DAY}" in result.output
    assert f"effective_date: {JSONL_FORM}" in result.output
    assert "CSV" not in result.output
