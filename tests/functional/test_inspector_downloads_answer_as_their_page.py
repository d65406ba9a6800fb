"""The inspector pages' downloads answer as their page and are headed as the API's CSV.

An exploratory tester (an inspector of one agency asking for another) found /pages/audits and /pages/fairness
answering 403 but /pages/audits.csv, /pages/audits.xlsx and /pages/fairness.csv 422 "The request is not valid"
(docs/pages.md says 403); and /pages/audits.csv headed `subject,version,...`, without the `id` and `judged` of the
API's CSV (`id,nip,version,...,judged,...`), though docs/api.md says the page downloads are headed so too. The
downloads now answer 403 as their page does, and the audited decisions' downloads are the API's rows and columns
(one schema: web.api.audit_schemas.DecisionSchema). Both stores."""

from __future__ import annotations

import csv
import io

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_posts import posted  # noqa: F401  # (post appointments besides the promotions)
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


OUTSIDE = "agency=KAB-KARO"  # inspector_medan reads KOTA-MEDAN alone


@pytest.mark.parametrize(
    ("page", "downloads"),
    [
        ("/pages/audits", ("/pages/audits.csv", "/pages/audits.xlsx")),
        ("/pages/audits/posts", ("/pages/audits/posts.csv", "/pages/audits/posts.xlsx")),
        ("/pages/audits/appointments", ("/pages/audits/appointments.csv", "/pages/audits/appointments.xlsx")),
        (
            "/pages/fairness",
            (
                "/pages/fairness.csv",
                "/pages/fairness.xlsx",
                "/pages/time-to-promotion.csv",
                "/pages/time-to-promotion.xlsx",
            ),
        ),
    ],
)
def test_an_agency_outside_the_scope_is_a_403_on_the_page_and_its_downloads(
    world: World, page: str, downloads: tuple[str, ...]
) -> None:
    log_in(world, "inspector_medan")
    assert world.client.get(f"{page}?{OUTSIDE}&lang=en").status_code == 403
    for download in downloads:
        answer = world.client.get(f"{download}?{OUTSIDE}&lang=en")
        assert answer.status_code == 403, download
        assert "KAB-KARO is outside your scope" in answer.get_data(as_text=True), download


def test_another_error_of_a_download_is_still_a_422(world: World) -> None:
    log_in(world, "inspector_medan")
    assert world.client.get("/pages/audits.csv?agency=NOPE").status_code == 422
    assert world.client.get("/pages/fairness.csv?by=nope").status_code == 422


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))  # (the page's CSV opens with a BOM, for Excel)


@pytest.mark.parametrize(("page", "api"), [("audits", "promotions"), ("audits/posts", "posts")])
def test_the_audited_decisions_csv_is_the_apis(posted: World, page: str, api: str) -> None:  # noqa: F811
    log_in(posted, "inspector")
    ours = rows(posted.client.get(f"/pages/{page}.csv").get_data(as_text=True))
    theirs = rows(posted.get(f"/api/v1/audits/{api}?format=csv&per_page=100", "inspector").get_data(as_text=True))
    assert ours[0] == theirs[0]
    assert ours[0][:3] == ["id", "nip", "version"]
    assert "judged" in ours[0]
    assert sorted(ours[1:]) == sorted(theirs[1:])
    assert len(ours) > 1


def test_the_workbook_heads_the_apis_columns_in_words(world: World) -> None:
    from openpyxl import load_workbook

    log_in(world, "inspector")
    answer = world.client.get("/pages/audits.xlsx?lang=en")
    sheet = load_workbook(io.BytesIO(answer.get_data())).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["Decision (NIP-version)", "NIP", "Version"]
    assert "Judged (a rule of its kind in force)" in header
