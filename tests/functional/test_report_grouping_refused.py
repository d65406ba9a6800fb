"""A report page refuses a `by` the API refuses: an empty field between its commas, or more than four fields.

Before, `/pages/reports/headcount?by=agency,` (a comma too many) answered 200 with the table by agency, and
`by=agency,unit,rank,sex,education` a table of five groupings, where the API's `by` refuses both (422: the empty
value is no known field; 1 to 4 fields). The page now refuses them with the reason beside the grouping, in the page's
language, and so do its CSV and Excel downloads; an empty field in the API's words since 2026-12-06 ("An empty code
in 'agency,': ...", EMPTY_PART, as a code filter's; before, "Unknown field ''"). Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

FIVE = "agency,unit,rank,sex,education"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def reporter(world: World) -> World:
    log_in(world, "inspector")
    return world


@pytest.mark.parametrize(
    ("report", "by", "english", "indonesian"),
    [
        (
            "headcount",
            "agency,",
            "An empty code in &#39;agency,&#39;: write a code on each side of every comma.",
            "Ada kode kosong dalam &#39;agency,&#39;: tulis kode di kedua sisi setiap koma.",
        ),
        (
            "headcount",
            ",",
            "An empty code in &#39;,&#39;: write a code on each side of every comma.",
            "Ada kode kosong dalam &#39;,&#39;",
        ),
        (
            "training",
            "agency,,sex",
            "An empty code in &#39;agency,,sex&#39;: write a code on each side of every comma.",
            "Ada kode kosong dalam &#39;agency,,sex&#39;",
        ),
        ("headcount", FIVE, "Must be between 1 and 4, got 5.", "Harus antara 1 dan 4, diisi 5."),
        (
            "training",
            "agency,unit,rank,sex,region",
            "Must be between 1 and 4, got 5.",
            "Harus antara 1 dan 4, diisi 5.",
        ),
    ],
)
def test_a_report_page_refuses_an_empty_grouping_field_or_more_than_four_naming_the_reason(
    reporter: World, report: str, by: str, english: str, indonesian: str
) -> None:
    for lang, reason in (("en", english), ("id", indonesian)):
        response = reporter.client.get(f"/pages/reports/{report}?by={by}&lang={lang}")
        assert response.status_code == 422
        text = response.get_data(as_text=True)
        assert reason in text
        assert 'id="by-error"' in text  # beside the grouping field
        for extension in ("csv", "xlsx"):
            download = reporter.client.get(f"/pages/reports/{report}.{extension}?by={by}&lang={lang}")
            assert download.status_code == 422


@pytest.mark.parametrize("report", ["headcount", "training"])
def test_a_report_page_still_groups_by_four_fields(reporter: World, report: str) -> None:
    response = reporter.client.get(f"/pages/reports/{report}?by=agency,unit,rank,sex&lang=en")
    assert response.status_code == 200
