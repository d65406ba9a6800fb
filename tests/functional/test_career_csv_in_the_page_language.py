"""The career record's CSV, and its refusal, in the page's language (exploratory tester as an employee, 2026-12-05).

The file was named `riwayat-karier-<nip>.csv` on the English page too; an employee asking for another person's
record.csv with a client's Accept (curl's */*) got a problem+json titled "Not Found", "Nothing matches the given URI",
whatever the page's language. A browser gets the error page in its language (web.pages.errors.client_download)."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import log_in


@pytest.mark.parametrize(("lang", "name"), [("en", "career-record"), ("id", "riwayat-karier")])
def test_the_record_csv_is_named_in_the_page_language(world: World, lang: str, name: str) -> None:
    log_in(world, "employee")
    answer = world.client.get(f"/pages/employees/{BUDI}/record.csv?lang={lang}")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == f'attachment; filename="{name}-{BUDI}.csv"'


@pytest.mark.parametrize(
    ("lang", "title", "detail"),
    [
        ("en", "Page not found", "There is nothing here, or it is outside what you may see."),
        ("id", "Halaman tidak ditemukan", None),
    ],
)
def test_another_persons_record_csv_is_refused_in_the_page_language(
    world: World, lang: str, title: str, detail: str | None
) -> None:
    log_in(world, "employee")
    answer = world.client.get(f"/pages/employees/{SARI}/record.csv?lang={lang}", headers={"Accept": "*/*"})
    assert (answer.status_code, answer.mimetype) == (404, "application/problem+json")
    body = answer.get_json()
    assert body["type"] == "urn:careerlog:problem:not-found"
    assert body["title"] == title
    assert body["detail"] != "Nothing matches the given URI"
    if detail is not None:
        assert body["detail"] == detail
    page = world.client.get(f"/pages/employees/{SARI}/record.csv?lang={lang}", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert f"<title>{title} · careerlog</title>" in page.get_data(as_text=True)
