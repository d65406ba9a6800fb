"""A filter of codes given with a code left empty beside a comma (`agency=KAB-KARO,`, `agency=,KAB-KARO`,
`agency=KAB-KARO,,KOTA-MEDAN`) is refused by every page and download that takes it, beside the field, in the API's
words (careerlog.reference.EMPTY_PART), as the API refuses it: a 422 naming the field.

Before, the pages read it as its other codes alone (`agency=KAB-KARO,` a table of KAB-KARO, 200, and a CSV or
workbook of it) while /api/v1/... refused it, "Not one of the known values: '' (see GET
/api/v1/reference/agencies)". The page is the one it is for any other refused filter value (an unknown agency):
the form again, the reason beside the field, 422; a download the 422 page naming the field. (The
refusal comes before any read of the store: SQLite alone.)"""

from __future__ import annotations

import pytest

from careerlog.reference import reference
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

# (who reads it, the page or download): every page taking a filter of codes (the roster is read through the API alone;
# the scorecard takes one agency and one region, below)
PAGES = [
    ("reporter", "/pages/reports/headcount"),
    ("reporter", "/pages/reports/training"),
    ("reporter", "/pages/reports/programmes"),
    ("reporter", "/pages/reports/mentoring"),
    ("inspector", "/pages/audits"),
    ("inspector", "/pages/audits/posts"),
    ("inspector", "/pages/audits/appointments"),
    ("inspector", "/pages/audits/awards"),
    ("inspector", "/pages/audits/study-leaves"),
    ("inspector", "/pages/audits/passed-over"),
    ("inspector", "/pages/fairness"),
]
DOWNLOADS = [
    ("reporter", "/pages/reports/headcount.csv"),
    ("reporter", "/pages/reports/training.xlsx"),
    ("reporter", "/pages/reports/programmes.csv"),
    ("reporter", "/pages/reports/mentoring.xlsx"),
    ("inspector", "/pages/audits.csv"),
    ("inspector", "/pages/audits/posts.xlsx"),
    ("inspector", "/pages/audits/appointments.csv"),
    ("inspector", "/pages/audits/passed-over.csv"),
    ("inspector", "/pages/fairness.csv"),
    ("inspector", "/pages/fairness.xlsx"),
    ("inspector", "/pages/time-to-promotion.csv"),
]
LEFT_EMPTY = ["KAB-KARO,", ",KAB-KARO", "KAB-KARO,,KOTA-MEDAN", "KAB-KARO, "]


def get(world: World, who: str, path: str, query: str) -> tuple[int, str]:
    log_in(world, who)
    answer = world.client.get(f"{path}?{query}&lang=en")
    return answer.status_code, answer.get_data().decode(errors="replace")  # (a workbook or PDF: bytes)


def said(value: str) -> str:
    """The reason as a page shows it (its quote marks escaped)."""
    return f"An empty code in &#39;{value}&#39;: write a code on each side of every comma."


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_every_page_refuses_a_code_left_empty_beside_the_field(world: World, who: str, path: str) -> None:
    status, page = get(world, who, path, "agency=KAB-KARO,")
    assert status == 422, page[-600:]
    assert f'<span class="error" id="agency-error">{said("KAB-KARO,")}</span>' in page


@pytest.mark.parametrize(("who", "path"), DOWNLOADS)
def test_every_download_refuses_it_with_a_422_naming_the_field(world: World, who: str, path: str) -> None:
    status, page = get(world, who, path, "agency=KAB-KARO,")
    assert status == 422, page[-600:]
    assert f"Agency: {said('KAB-KARO,')}" in page


@pytest.mark.parametrize("value", LEFT_EMPTY)
def test_a_code_left_empty_anywhere_is_refused(world: World, value: str) -> None:
    status, page = get(world, "reporter", "/pages/reports/headcount", f"agency={value}")
    assert status == 422
    assert said(value) in page


def test_the_reason_is_said_in_indonesian(world: World) -> None:
    log_in(world, "reporter")
    page = world.client.get("/pages/reports/headcount?agency=KAB-KARO,&lang=id").get_data(as_text=True)
    assert "Ada kode kosong dalam &#39;KAB-KARO,&#39;: tulis kode di kedua sisi setiap koma." in page


def test_an_empty_region_beside_a_comma_is_refused_too(world: World) -> None:
    status, page = get(world, "reporter", "/pages/reports/headcount", "region=12,")
    assert status == 422
    assert f'<span class="error" id="region-error">{said("12,")}</span>' in page


def test_a_list_kind_left_empty_beside_a_comma_is_refused(world: World) -> None:
    kind = reference().promotion_kinds.codes[0]
    status, page = get(world, "inspector", "/pages/audits", f"kind={kind},")
    assert status == 422
    assert f'<span class="error" id="kind-error">{said(f"{kind},")}</span>' in page


def test_an_unknown_code_beside_an_empty_one_is_named_too(world: World) -> None:
    status, page = get(world, "reporter", "/pages/reports/headcount", "agency=KOTA-MEDN,")
    assert status == 422
    assert f"{said('KOTA-MEDN,')} Not a known code: &#39;KOTA-MEDN&#39;" in page


@pytest.mark.parametrize(("who", "path"), PAGES + DOWNLOADS)
def test_the_agency_alone_still_answers(world: World, who: str, path: str) -> None:
    status, page = get(world, who, path, "agency=KAB-KARO")
    assert status == 200, page[-600:]


def test_an_agency_left_blank_in_the_form_still_reads_all(world: World) -> None:
    status, _page = get(world, "reporter", "/pages/reports/headcount", "agency=")
    assert status == 200


@pytest.mark.parametrize("value", LEFT_EMPTY)
@pytest.mark.parametrize("path", ["/api/v1/employees?per_page=5", "/api/v1/reports/headcount?by=agency"])
def test_the_api_refuses_it_in_the_same_words(world: World, path: str, value: str) -> None:
    answer = world.get(f"{path}&agency={value}", "inspector")
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    shown = repr(value)
    assert answer.get_json()["errors"] == {
        "agency": [f"An empty code in {shown}: write a code on each side of every comma."]
    }


@pytest.mark.parametrize("path", ["/pages/scorecard", "/pages/scorecard.pdf"])
def test_the_scorecard_refuses_it_as_its_one_unknown_agency_as_before(world: World, path: str) -> None:
    """The scorecard reads one agency (its API's `agency` too): `KAB-KARO,` is refused as the agency 'KAB-KARO,',
    as its API refuses it, not as a list of codes it does not take."""
    status, page = get(world, "inspector", path, "agency=KAB-KARO,&year=2024")
    assert status == 422
    assert "Unknown agency &#39;KAB-KARO,&#39;" in page
    assert "An empty code" not in page
