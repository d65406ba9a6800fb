"""The inspector's lists keep every value of a filter in their links, and refuse an argument of one value given twice.

Found on the demo: `/pages/audits?agency=KOTA-MEDAN&agency=PROV-SUMUT` listed the promotions of both agencies, but
its "Download as CSV" and "Excel (.xlsx)" links and its next page carried `agency=KOTA-MEDAN` alone (the first value
of each argument), so the file downloaded from the page was another list than the one shown (as with two promotion
kinds). And `verdict=findings&verdict=compliant`, `from` given twice, `page=1&page=2`, `min_cell` twice were read
as their first value, at 200, where the API refuses them ("Given more than once: give it once.") as the reports and
scorecard pages do. Now the links keep every value (web.pages.inspector.list_query), and the pages and their
downloads refuse a repeated argument of one value naming it (422; the list's page beside its field, the error page
for `page` and for the downloads). Both stores."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from tests.functional.conftest import BUDI, World, own_client
from tests.functional.test_pages_auth import log_in

TWICE_EN = "Given more than once: give it once."
TWICE_ID = "Diberikan lebih dari sekali"


# Its tests only read the world or are refused: one world per store for the module (world_of_each_store)
pytestmark = pytest.mark.xdist_group("test_inspector_lists_repeated_arguments")


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


@pytest.fixture
def inspector(world: World) -> World:
    log_in(world, "inspector")
    return world


def links(text: str, path: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(rf'href="({re.escape(path)}[^"]*)"', text)]


def test_the_audited_promotions_downloads_keep_every_agency_of_the_list(inspector: World) -> None:
    """Budi's promotion (KOTA-MEDAN) is in the list of KAB-KARO and KOTA-MEDAN, and in its CSV and workbook."""
    page = inspector.client.get("/pages/audits?agency=KAB-KARO&agency=KOTA-MEDAN&lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f">{BUDI}</a>" in text
    (to_csv,) = links(text, "/pages/audits.csv")
    (to_xlsx,) = links(text, "/pages/audits.xlsx")
    for link in (to_csv, to_xlsx):
        assert "agency=KAB-KARO&agency=KOTA-MEDAN" in link
    exported = inspector.client.get(to_csv)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert BUDI in {r["nip"] for r in rows}


REPEATED = [
    ("/pages/audits", "verdict=findings&verdict=compliant", "verdict"),
    ("/pages/audits", "from=2010-01-01&from=2020-01-01", "from"),
    ("/pages/audits", "rule=promotion.performance&rule=promotion.time_in_rank", "rule"),
    ("/pages/audits", "passed_over=true&passed_over=false", "passed_over"),
    ("/pages/audits/posts", "severity=low&severity=high", "severity"),
    ("/pages/audits/awards", "verdict=findings&verdict=compliant", "verdict"),
    ("/pages/fairness", "by=sex&min_cell=2&min_cell=5", "min_cell"),
    ("/pages/fairness", "by=sex&to=2020-12-31&to=2024-12-31", "to"),
]


@pytest.mark.parametrize(("path", "query", "name"), REPEATED)
def test_an_inspector_page_refuses_an_argument_of_one_value_given_twice_beside_it(
    inspector: World, path: str, query: str, name: str
) -> None:
    response = inspector.client.get(f"{path}?{query}&lang=en")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert f'id="{name}-error">{TWICE_EN}' in text  # beside its field of the form
    indonesian = inspector.client.get(f"{path}?{query}&lang=id")
    assert indonesian.status_code == 422
    assert TWICE_ID in indonesian.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/pages/audits.csv", "verdict=findings&verdict=compliant"),
        ("/pages/audits/posts.xlsx", "to=2020-12-31&to=2024-12-31"),
        ("/pages/fairness.csv", "by=sex&min_cell=2&min_cell=5"),
        ("/pages/time-to-promotion.xlsx", "by=sex&from=2000-01-01&from=2010-01-01"),
    ],
)
def test_the_inspectors_downloads_refuse_an_argument_of_one_value_given_twice(
    inspector: World, path: str, query: str
) -> None:
    response = inspector.client.get(f"{path}?{query}&lang=en")
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    assert TWICE_EN in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits/posts", "/pages/audits/awards"])
def test_a_list_refuses_its_page_given_twice_naming_it(inspector: World, path: str) -> None:
    response = inspector.client.get(f"{path}?page=1&page=2&lang=en")
    assert response.status_code == 422
    assert f"Page: {TWICE_EN}" in response.get_data(as_text=True)


def test_filters_of_several_values_are_still_read(inspector: World) -> None:
    for query in ("agency=KOTA-MEDAN&agency=KAB-KARO", "kind=101&kind=201", "by=sex&by=agency"):
        path = "/pages/fairness" if query.startswith("by") else "/pages/audits"
        assert inspector.client.get(f"{path}?{query}&lang=en").status_code == 200


def selected(text: str, name: str) -> tuple[bool, list[str]]:
    """Whether the filter form's select of `name` is a multiple one, and the values it shows selected."""
    found = re.search(rf'<select id="f-{name}" name="{name}"([^>]*)>(.*?)</select>', text, re.S)
    assert found, name
    return "multiple" in found.group(1), re.findall(r'<option value="([^"]*)" selected>', found.group(2))


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/pages/audits?agency=KOTA-MEDAN&agency=KAB-KARO&kind=101&kind=201", ("agency", "kind")),
        ("/pages/audits/awards?agency=KOTA-MEDAN&agency=KAB-KARO&kind=SLKS_10&kind=SLKS_20", ("agency", "kind")),
        ("/pages/audits/study-leaves?employment_kind=PNS&employment_kind=PPPK", ("employment_kind",)),
        ("/pages/fairness?by=sex&agency=KOTA-MEDAN&agency=KAB-KARO", ("agency",)),
        ("/pages/reports/headcount?agency=KOTA-MEDAN&agency=KAB-KARO", ("agency",)),
    ],
)
def test_the_filter_form_shows_every_value_the_list_reads(inspector: World, path: str, names: tuple[str, ...]) -> None:
    # the list read both agencies (both kinds), its links kept them, but the form's select showed the first alone,
    # so the form sent again (another filter changed) dropped the others unseen
    answer = inspector.client.get(path)
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    given = re.findall(r"([a-z_]+)=([^&]+)", path.split("?")[1])
    for name in names:
        asked = [value for key, value in given if key == name]
        multiple, shown = selected(text, name)
        assert multiple
        assert sorted(shown) == sorted(asked)


def test_a_filter_of_one_value_keeps_its_single_select(inspector: World) -> None:
    text = inspector.client.get("/pages/audits?agency=KOTA-MEDAN").get_data(as_text=True)
    assert selected(text, "agency") == (False, ["KOTA-MEDAN"])
    assert selected(text, "kind") == (False, [])


FILTERED_BY_UNIT = ["/pages/audits", "/pages/audits/awards", "/pages/audits/study-leaves", "/pages/fairness"]


@pytest.mark.parametrize("path", FILTERED_BY_UNIT)
def test_the_filter_form_shows_every_unit_the_list_reads_each_in_its_own_labelled_input(
    inspector: World, path: str
) -> None:
    # the list read both units; the form's text input showed the first alone, and sent again dropped the other
    # (two units some employee was placed in: a unit no one was is refused naming it, 142609a9)
    answer = inspector.client.get(f"{path}?unit=BKPSDM&unit=Bappeda&lang=en")
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    inputs = re.findall(r'<input type="text" id="(f-unit[^"]*)" name="unit" value="([^"]*)"', text)
    assert inputs == [("f-unit", "BKPSDM"), ("f-unit-2", "Bappeda")]
    assert '<label for="f-unit-2">Unit (2)</label>' in text
    single = inspector.client.get(f"{path}?unit=BKPSDM").get_data(as_text=True)
    assert re.findall(r'<input type="text" id="(f-unit[^"]*)" name="unit"', single) == ["f-unit"]


def test_the_filter_form_keeps_every_agency_asked_for_though_none_has_staff(inspector: World) -> None:
    # the agency asked for is offered beside those with staff (the form shows the filter applied); of two asked for,
    # the first alone was, so an agency without staff now (its audits remain) was dropped when the form was sent again
    assert '<option value="PROV-SUMUT"' not in inspector.client.get("/pages/audits").get_data(as_text=True)
    for query in ("agency=KOTA-MEDAN&agency=PROV-SUMUT", "agency=PROV-SUMUT&agency=KOTA-MEDAN"):
        multiple, shown = selected(inspector.client.get(f"/pages/audits?{query}").get_data(as_text=True), "agency")
        assert multiple
        assert sorted(shown) == ["KOTA-MEDAN", "PROV-SUMUT"]
