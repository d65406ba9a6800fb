"""The API's fairness and time-to-promotion CSVs give each interval as two number columns, `<name>_low` and
`<name>_high`, in its place, as the pages' downloads do: the API's fairness CSV wrote `impact_ratio_ci` as the text
"[0.8194, 0.885]" in one cell, which a spreadsheet can neither sort nor compare with 0.8. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_audits_and_reports import promote_rina
from tests.functional.test_pages_fairness_pool import rates
from tests.functional.test_statistics_downloads_carry_the_tests_and_the_rounds import rows_of


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_api_fairness_csv_gives_the_impact_ratios_interval_as_two_number_cells(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = rates()
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: answer)
    text = world.get("/api/v1/audits/fairness?by=sex&min_cell=1&format=csv", "inspector").get_data(as_text=True)
    header, rows = rows_of(text)
    assert "impact_ratio_ci" not in header
    at = header.index("impact_ratio")
    assert header[at + 1 : at + 3] == ["impact_ratio_low", "impact_ratio_high"]
    [low, high] = next(g["impact_ratio_ci"] for g in answer["groups"] if g["group"] == "F")
    assert (float(rows["F"]["impact_ratio_low"]), float(rows["F"]["impact_ratio_high"])) == (low, high)
    assert (rows["M"]["impact_ratio_low"], rows["M"]["impact_ratio_high"]) == ("", "")  # the reference: none
    assert all(not cell.startswith("[") for row in rows.values() for cell in row.values()), rows


def test_the_api_time_to_promotion_csv_gives_every_interval_as_two_number_cells(world: World) -> None:
    promote_rina(world)
    url = "/api/v1/audits/time-to-promotion?by=sex&min_cell=1"
    answer = world.get(url, "inspector").get_json()
    header, rows = rows_of(world.get(f"{url}&format=csv", "inspector").get_data(as_text=True))
    for name in ("incidence_4y", "incidence_8y", "hazard_ratio"):
        assert f"{name}_ci" not in header
        at = header.index(f"{name}_low")
        assert header[at + 1] == f"{name}_high"
    for group in answer["groups"]:
        for name in ("incidence_4y", "incidence_8y", "hazard_ratio"):
            interval = group[f"{name}_ci"] or [None, None]
            row = rows[group["group"]]
            assert (row[f"{name}_low"], row[f"{name}_high"]) == tuple("" if v is None else str(v) for v in interval)


def test_an_empty_api_fairness_csv_is_headed_by_the_intervals_bounds(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: {**rates(), "groups": []})
    text = world.get("/api/v1/audits/fairness?by=sex&min_cell=1&format=csv", "inspector").get_data(as_text=True)
    header = text.splitlines()[0].split(",")
    assert "impact_ratio_ci" not in header, header
    assert {"impact_ratio_low", "impact_ratio_high"} <= set(header), header
