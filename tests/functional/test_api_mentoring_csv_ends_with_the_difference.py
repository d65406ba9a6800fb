"""The API's mentoring report as CSV is its JSON's rows cell for cell, the mentees' and the peers', then the
`difference`'s (group `difference`), `suppressed` when any of its figures is withheld, as the report page's CSV and
workbook end (until 2026-12-07 the API's CSV held the two groups alone). A reporter's withheld cells are empty in
both; an inspector's shown. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_mentoring_promoted_differenced import MENTORING, csv_reader, mentees_of
from tests.functional.test_suppression import staffed as staffed  # (the fixture)
from web.api.common import cell


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(("who", "withheld"), [("reporter", "true"), ("inspector", "false")])
def test_the_mentoring_csv_is_its_jsons_groups_and_difference_cell_for_cell(
    staffed: World, who: str, withheld: str
) -> None:
    mentees_of(staffed, "BKPSDM", 14, 9, 600)
    mentees_of(staffed, "", 6, 1, 640, karo=True)  # (KOTA-MEDAN's promoted, 9 of 14, less the 10 of 20 told KARO's)
    staffed.catch_up()
    query = f"{MENTORING}?agency=KOTA-MEDAN"
    found = staffed.get(query, who).get_json()
    answer = staffed.get(f"{query}&format=csv", who)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    rows = csv_reader(answer.get_data(as_text=True))
    assert [row["group"] for row in rows] == ["mentees", "peers", "difference"]
    for item, row in zip(found["items"], rows, strict=False):
        assert row == {column: cell(value) for column, value in item.items()}, item["group"]
    difference = rows[-1]
    assert {column: difference.pop(column) for column in found["difference"]} == {
        column: cell(value) for column, value in found["difference"].items()
    }
    assert difference.pop("suppressed") == withheld  # (its promotion rate withheld from a reporter)
    assert set(difference.values()) == {"difference", ""}  # (the groups' other columns empty on its row)
    assert (found["difference"]["promotion_rate"] is None) == (who == "reporter")
