"""The inspector's awards page: each award with the awards audit's findings, in Indonesian or English."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_api_awards import three_awards
from tests.functional.test_pages_auth import log_in

AWARDS = "/pages/audits/awards"


@pytest.fixture
def awarded(world: World) -> World:
    return three_awards(world)


def test_the_awards_findings_are_in_indonesian_by_default(awarded: World) -> None:
    log_in(awarded, "inspector_medan")
    page = awarded.client.get(AWARDS).get_data(as_text=True)
    assert "<h1>Penghargaan yang diaudit</h1>" in page
    assert "SLKS_20 memerlukan masa kerja 20 tahun; masa kerja 10 tahun pada 17 Agu 2020" in page
    assert "<strong>awards.long_service_years</strong>" in page
    assert "2 penghargaan" in page
    assert "needs 20 years" not in page
    assert RINA not in page  # another agency's award


def test_the_awards_findings_are_in_english_on_request(awarded: World) -> None:
    log_in(awarded, "inspector")
    page = awarded.client.get(f"{AWARDS}?lang=en").get_data(as_text=True)
    assert "<h1>Audited awards</h1>" in page
    assert "SLKS_20 needs 20 years of service; 10 served at Aug 17, 2020" in page
    assert "SLKS_30 needs 30 years of service; 21 served at Aug 17, 2019" in page
    assert "3 awards" in page


def test_the_awards_page_filters_by_kind_verdict_period_and_agency(awarded: World) -> None:
    log_in(awarded, "inspector")

    def shown(query: str) -> set[str]:
        page = awarded.client.get(f"{AWARDS}?{query}").get_data(as_text=True)
        return {nip for nip in (BUDI, SARI, RINA) if nip in page}

    assert shown("kind=SLKS_10") == {SARI}
    assert shown("verdict=findings") == {BUDI, RINA}
    assert shown("from=2020-01-01&to=2020-12-31") == {BUDI}
    assert shown("agency=KAB-KARO") == {RINA}


def test_a_bad_date_is_shown_beside_its_field(awarded: World) -> None:
    log_in(awarded, "inspector")
    response = awarded.client.get(f"{AWARDS}?from=2020-13-01&lang=en")
    assert response.status_code == 422
    # (a day of the form the calendar has not: as the API says it, since 2026-12-07)
    assert "No such day in the calendar, read as YYYY-MM-DD" in response.get_data(as_text=True)
    other = awarded.client.get(f"{AWARDS}?from=2020/01/01&lang=en")
    assert other.status_code == 422
    assert "Must be a date YYYY-MM-DD." in other.get_data(as_text=True)


def test_the_menu_links_the_awards_page_for_auditors_only(awarded: World) -> None:
    log_in(awarded, "inspector")
    assert f'href="{AWARDS}"' in awarded.client.get("/pages/audits").get_data(as_text=True)
    log_in(awarded, "hr")
    assert awarded.client.get(AWARDS).status_code == 403
