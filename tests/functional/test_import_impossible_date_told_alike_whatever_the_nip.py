"""A CSV row whose date is written day first but is no day of the calendar (31/09/2026) or of a two-digit year
(17/08/26) is told so by a scoped import (an HR administrator's) whether its NIP is in the records or not: "No such day
in the calendar, read day first ..." and the forms a date may take, in English and in Indonesian. Found by an
exploratory tester (2026-12-07): a NIP not in the records was told "Not a valid date (expected YYYY-MM-DD):
'31/09/2026'" (the scope's check words a row as if its record did not exist, without the import's wording). Both
stores."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_date_not_in_calendar import CSV_FORMS, file_of, imported
from tests.functional.test_pages_auth import csrf_token, log_in

UNKNOWN = f.nip(date(1990, 1, 1), date(2015, 3, 1), "M", sequence=7)
NO_SUCH_DAY = "No such day in the calendar, read day first (day, month, year): check the day and the month."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def refused(world: World, nip: str, day: str) -> dict[str, list[str]]:
    [problem] = imported(world, file_of("training.csv", day).replace(BUDI, nip), "training.csv")["rejected"]
    errors: dict[str, list[str]] = problem["errors"]
    return errors


@pytest.mark.parametrize("nip", [BUDI, UNKNOWN], ids=["known", "unknown"])
def test_a_day_first_date_of_no_calendar_day_is_told_so_whatever_the_nip(world: World, nip: str) -> None:
    errors = refused(world, nip, "31/09/2026")
    assert (errors["start_date"], errors["effective_date"]) == ([NO_SUCH_DAY], [NO_SUCH_DAY])
    assert ("nip" in errors) == (nip == UNKNOWN)


@pytest.mark.parametrize("nip", [BUDI, UNKNOWN], ids=["known", "unknown"])
def test_a_two_digit_year_is_told_the_forms_whatever_the_nip(world: World, nip: str) -> None:
    errors = refused(world, nip, "17/08/26")
    assert errors["effective_date"][0].startswith(CSV_FORMS), errors


def test_the_import_page_says_so_in_indonesian_for_a_nip_not_in_the_records(world: World) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=id")
    data = file_of("training.csv", "31/09/2026").replace(BUDI, UNKNOWN)
    upload = {"csrf_token": token, "dry_run": "y", "file": (io.BytesIO(data.encode()), "training.csv")}
    answer = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    shown = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    assert "Tidak ada hari seperti itu di kalender, dibaca dengan hari lebih dahulu" in shown, shown[-3000:]
    assert "expected YYYY-MM-DD" not in shown
