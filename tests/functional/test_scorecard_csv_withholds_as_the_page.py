"""The scorecard's CSV withholds exactly what its page withholds from a reader of aggregates, and its findings are
the page's (docs/scorecard.md, Who sees it: a finding resting on a withheld value is left out of the answer, the
page and the PDF; the CSV holds no finding).

Checked for a policy maker (small cells withheld) on the agency's scorecard, where the women's yearly JP share is
about Sari alone and the men's is withheld with it, and on Bappeda's, Sari alone: each value of the year the page
shows a dash (U+2013) for is a CSV row flagged `suppressed` with empty figures, and each the page shows is a row
not flagged; Sari's irregular award makes a finding the inspector is shown and the policy maker is not, on the
page and in the API's answer alike. Both stores."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_suppression import SARI, f, record
from tests.functional.test_suppression import staffed as staffed  # (the fixture)

QUERIES = ("agency=KOTA-MEDAN&year=2020&years=1", "agency=KOTA-MEDAN&year=2020&years=1&unit=Bappeda")
WITHHELD = "\u2013"  # (the page's dash for a figure not shown)
ARTICLE = re.compile(r'<article class="indicator" aria-labelledby="i-([^"]+)">(.*?)</article>', re.S)
ROW = re.compile(r'<tr>(?:<th scope="row">(.*?)</th>)?<td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>', re.S)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def awarded(staffed: World) -> World:
    """Sari (alone in Bappeda) trained 24 JP in 2020 and given the 10-year decoration five years early."""
    record(staffed, SARI, "training", f.training("2020-06-05", hours=24, start="2020-06-01"))
    record(staffed, SARI, "award", f.award("SLKS_10", "2020-08-17"))
    staffed.catch_up()
    return staffed


def text_of(cell: str) -> str:
    """A cell's text, its markup left out (a withheld value's dash is named for what it means: a span around it)."""
    return re.sub(r"<[^>]*>", "", cell).strip()


def page_values(text: str) -> dict[str, list[bool]]:
    """Each indicator's values of the year on the page, in order: whether each is withheld (its numerator and
    denominator a dash, WITHHELD, and so its value)."""
    found: dict[str, list[bool]] = {}
    for anchor, body in ARTICLE.findall(text):
        cells = [(text_of(n), text_of(d), text_of(v)) for _g, n, d, v in ROW.findall(body)]
        withheld = [n == d == WITHHELD for n, d, _v in cells]
        assert all(v == WITHHELD for (_n, _d, v), w in zip(cells, withheld, strict=True) if w), cells
        found[anchor.replace("-", ".", 1)] = withheld
    return found


def csv_values(text: str) -> dict[str, list[bool]]:
    """Each indicator's trend rows of 2020 in the CSV, in order: whether each is flagged withheld (figures empty)."""
    found: dict[str, list[bool]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if (row["scope"], row["year"]) != ("trend", "2020"):
            continue
        withheld = row["suppressed"] == "true"
        if withheld:
            assert (row["numerator"], row["denominator"], row["value"]) == ("", "", ""), row
        found.setdefault(row["indicator"], []).append(withheld)
    return found


@pytest.mark.parametrize("query", QUERIES)
def test_the_csv_withholds_what_the_page_withholds(awarded: World, query: str) -> None:
    log_in(awarded, "policy")
    page = html.unescape(awarded.client.get(f"/pages/scorecard?{query}&lang=en").get_data(as_text=True))
    shown = page_values(page)
    csv_text = awarded.get(f"/api/v1/reports/scorecard?{query}&format=csv", "policy").get_data(as_text=True)
    assert csv_values(csv_text) == {indicator: rows for indicator, rows in shown.items() if rows}
    assert any(True in rows for rows in shown.values())  # (something is withheld: the check is not empty)
    assert any(False in rows for rows in shown.values())


@pytest.mark.parametrize("query", QUERIES)
def test_a_finding_on_a_withheld_value_is_left_out_of_the_page_and_the_answer_alike(awarded: World, query: str) -> None:
    irregular = "1 of 1 award(s) in"
    exact = awarded.get(f"/api/v1/reports/scorecard?{query}", "inspector").get_json()
    assert [x["indicator"] for x in exact["findings"] if x["text"].startswith(irregular)] == ["awards.irregular"]
    card = awarded.get(f"/api/v1/reports/scorecard?{query}", "policy").get_json()
    assert not [x for x in card["findings"] if x["indicator"] == "awards.irregular"]
    [award] = card["indicators"]["awards.irregular"]["trend"]
    assert award["suppressed"] is True
    log_in(awarded, "policy")
    page = html.unescape(awarded.client.get(f"/pages/scorecard?{query}&lang=en").get_data(as_text=True))
    written = re.findall(r'<p class="finding">(.*?) <span class="help">', page, re.S)
    assert written == [x["texts"]["en"] for x in card["findings"]]
    assert irregular not in page
