"""The inspector's page of audited study leaves: each start of study leave (tugas belajar) with its verdict and
findings, in Indonesian or English, filtered as the API's list; linked from the menu. On both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_study_leave_audit import on_leave, store_url

__all__ = ["on_leave", "store_url"]  # Budi: a penalty in force; Sari: a penalty recorded after; Rina: compliant

STUDY_LEAVES = "/pages/audits/study-leaves"


def test_the_page_lists_each_start_with_its_findings_in_english(on_leave: World) -> None:
    log_in(on_leave, "inspector")
    page = on_leave.client.get(f"{STUDY_LEAVES}?lang=en").get_data(as_text=True)
    assert "<h1>Audited study leaves</h1>" in page
    assert "3 starts of study leave" in page
    assert "<strong>study_leave.penalty</strong>" in page
    assert "penalties barring study leave in force on Sep 1, 2020: 1" in page
    assert "<strong>evidence.recorded_after</strong>" in page
    assert all(nip in page for nip in (BUDI, SARI, RINA))
    assert "/pages/audits/study-leaves" in on_leave.client.get("/pages/?lang=en").get_data(as_text=True)


def test_the_page_is_in_indonesian_by_default_and_filters_within_the_scope(on_leave: World) -> None:
    log_in(on_leave, "inspector_medan")
    page = on_leave.client.get(STUDY_LEAVES).get_data(as_text=True)
    assert "<h1>Tugas belajar yang diaudit</h1>" in page
    assert RINA not in page  # another agency's
    compliant = on_leave.client.get(f"{STUDY_LEAVES}?verdict=findings&rule=evidence.recorded_after").get_data(
        as_text=True
    )
    assert SARI in compliant
    assert BUDI not in compliant


@pytest.mark.parametrize("query", ["colour=red", "agency=kota-medann", "verdict=maybe", "rule=post.education"])
def test_a_bad_filter_is_refused_on_the_page(on_leave: World, query: str) -> None:
    log_in(on_leave, "inspector")
    assert on_leave.client.get(f"{STUDY_LEAVES}?{query}").status_code == 422


def test_only_auditors_see_the_page(on_leave: World) -> None:
    log_in(on_leave, "hr")
    assert on_leave.client.get(STUDY_LEAVES).status_code == 403
