"""The scorecard's training cells a reader of aggregates is shown, pinned on a small demo (200 employees, seed 1, five
agencies, six years; a national reporter and a policy maker of region 12; an agency's whole, one of its units, one of
its regions): the values the training compliance withholds (Services.compliance_withheld), the scorecard withholding
them too, beside the training values shown and withheld in all. Pinned before the judging was read from one compliance
read per year (2026-12-07; until then about 7 x (years + agencies - 1) training compliance reports per scorecard, each
with its own reads), so that the faster judging is proven to show and withhold exactly the same cells. Both stores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tests.functional.test_suppression_unions_refused import demo_served, get
from web import kept

pytestmark = pytest.mark.xdist_group("test_scorecard_training_cells_pinned_on_the_demo")  # (one demo per store)

# (reader, request): (training values, of them withheld, those withheld as the training compliance withholds them and
# that the scorecard's own suppression alone would show)
PINNED: dict[tuple[str, str], tuple[int, int, list[str]]] = {
    ("reporter", "agency=KOTA-MEDAN&year=2025&years=6"): (
        265,
        194,
        [
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=II/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=IV/b",
            "training.jp_share_by_rank comparison KOTA-MEDAN 2025 rank=IV/b",
            "training.jp_share_by_rank comparison PROV-SUMUT 2025 rank=III/a",
            "training.jp_share_by_rank trend KOTA-MEDAN 2020 rank=IV/b",
            "training.jp_share_by_rank trend KOTA-MEDAN 2021 rank=IV/a",
            "training.jp_share_by_rank trend KOTA-MEDAN 2025 rank=IV/b",
        ],
    ),
    ("reporter", "agency=KAB-KARO&year=2025&years=6"): (
        111,
        75,
        [
            "training.hours_per_employee trend KAB-KARO 2020",
            "training.hours_per_employee trend KAB-KARO 2021",
            "training.hours_per_employee trend KAB-KARO 2022",
            "training.hours_per_employee trend KAB-KARO 2023",
            "training.hours_per_employee trend KAB-KARO 2024",
            "training.hours_per_employee trend KAB-KARO 2025",
            "training.jp_share trend KAB-KARO 2020",
            "training.jp_share trend KAB-KARO 2021",
            "training.jp_share trend KAB-KARO 2022",
            "training.jp_share trend KAB-KARO 2023",
            "training.jp_share trend KAB-KARO 2024",
            "training.jp_share trend KAB-KARO 2025",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=II/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=IV/b",
            "training.jp_share_by_rank comparison KOTA-MEDAN 2025 rank=IV/b",
            "training.jp_share_by_rank comparison PROV-SUMUT 2025 rank=III/a",
        ],
    ),
    ("reporter", "agency=KAB-DELISERDANG&year=2025&years=6"): (
        265,
        195,
        [
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=II/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=IV/b",
            "training.jp_share_by_rank comparison KOTA-MEDAN 2025 rank=IV/b",
            "training.jp_share_by_rank comparison PROV-SUMUT 2025 rank=III/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2020 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2020 rank=III/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2020 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=III/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=IV/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=IV/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2023 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2023 rank=III/d",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2023 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=II/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=III/d",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=II/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=IV/b",
        ],
    ),
    ("policy", "agency=KOTA-MEDAN&year=2025&years=6"): (
        265,
        194,
        [
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=II/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=IV/b",
            "training.jp_share_by_rank comparison KOTA-MEDAN 2025 rank=IV/b",
            "training.jp_share_by_rank comparison PROV-SUMUT 2025 rank=III/a",
            "training.jp_share_by_rank trend KOTA-MEDAN 2020 rank=IV/b",
            "training.jp_share_by_rank trend KOTA-MEDAN 2021 rank=IV/a",
            "training.jp_share_by_rank trend KOTA-MEDAN 2025 rank=IV/b",
        ],
    ),
    ("policy", "agency=KAB-KARO&year=2025&years=6"): (
        111,
        75,
        [
            "training.hours_per_employee trend KAB-KARO 2020",
            "training.hours_per_employee trend KAB-KARO 2021",
            "training.hours_per_employee trend KAB-KARO 2022",
            "training.hours_per_employee trend KAB-KARO 2023",
            "training.hours_per_employee trend KAB-KARO 2024",
            "training.hours_per_employee trend KAB-KARO 2025",
            "training.jp_share trend KAB-KARO 2020",
            "training.jp_share trend KAB-KARO 2021",
            "training.jp_share trend KAB-KARO 2022",
            "training.jp_share trend KAB-KARO 2023",
            "training.jp_share trend KAB-KARO 2024",
            "training.jp_share trend KAB-KARO 2025",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=II/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=IV/b",
            "training.jp_share_by_rank comparison KOTA-MEDAN 2025 rank=IV/b",
            "training.jp_share_by_rank comparison PROV-SUMUT 2025 rank=III/a",
        ],
    ),
    ("policy", "agency=KAB-DELISERDANG&year=2025&years=6"): (
        265,
        195,
        [
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=II/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=IV/b",
            "training.jp_share_by_rank comparison KOTA-MEDAN 2025 rank=IV/b",
            "training.jp_share_by_rank comparison PROV-SUMUT 2025 rank=III/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2020 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2020 rank=III/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2020 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=III/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=IV/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=IV/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2023 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2023 rank=III/d",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2023 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=II/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=III/d",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=II/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=IV/b",
        ],
    ),
    ("reporter", "agency=KOTA-MEDAN&unit=Dinas+Pendidikan&year=2024&years=4"): (
        159,
        116,
        [
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=II/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=III/d",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=IV/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=IV/b",
            "training.jp_share_by_rank comparison KOTA-MEDAN 2024 rank=IV/a",
            "training.jp_share_by_rank comparison PROV-SUMUT 2024 rank=III/a",
            "training.jp_share_by_sex comparison KOTA-MEDAN 2024 sex=F",
            "training.jp_share_by_sex comparison KOTA-MEDAN 2024 sex=M",
        ],
    ),
    ("policy", "agency=PROV-SUMUT&region=12.71&year=2024&years=4"): (
        102,
        68,
        [
            "training.hours_per_employee comparison PROV-SUMUT 2024",
            "training.hours_per_employee trend PROV-SUMUT 2021",
            "training.hours_per_employee trend PROV-SUMUT 2022",
            "training.hours_per_employee trend PROV-SUMUT 2023",
            "training.hours_per_employee trend PROV-SUMUT 2024",
            "training.jp_share comparison PROV-SUMUT 2024",
            "training.jp_share trend PROV-SUMUT 2021",
            "training.jp_share trend PROV-SUMUT 2022",
            "training.jp_share trend PROV-SUMUT 2023",
            "training.jp_share trend PROV-SUMUT 2024",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=II/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=III/d",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=IV/a",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=IV/b",
            "training.jp_share_by_rank comparison PROV-SUMUT 2024 rank=III/a",
        ],
    ),
}


@pytest.fixture(scope="module")
def demo(shared_database_url: str) -> Iterator[Flask]:
    with demo_served(shared_database_url, employees=200, seed=1) as app:
        yield app


def training_values(card: dict[str, Any]) -> dict[str, bool]:
    """Each training value of a scorecard by its place (indicator, trend or comparison, agency, year, group): withheld
    or not."""
    found = {}
    for key, item in card["indicators"].items():
        for scope in ("trend", "comparison") if key.startswith("training.") else ():
            for value in item[scope]:
                group = " ".join(f"{k}={v}" for k, v in sorted(value["group"].items()))
                found[f"{key} {scope} {value['agency']} {value['year']} {group}".strip()] = value["suppressed"]
    return found


def cards(app: Flask) -> list[dict[str, bool]]:
    """The training values of every pinned request."""
    answers = [get(app, f"/api/v1/reports/scorecard?{asked}", f"clt_demo-{who}") for who, asked in PINNED]
    assert [answer.status_code for answer in answers] == [200] * len(PINNED)
    return [training_values(answer.get_json()) for answer in answers]


def test_the_training_cells_shown_and_withheld_are_those_pinned(demo: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    judged = cards(demo)
    monkeypatch.setattr(type(demo.extensions["careerlog"]), "compliance_withheld", lambda *args: set())
    demo.extensions.pop(kept.EXTENSION, None)  # (the scorecards kept: judged anew, without the training compliance)
    alone = cards(demo)
    demo.extensions.pop(kept.EXTENSION, None)
    for (asked, (values, withheld, by_compliance)), new, old in zip(PINNED.items(), judged, alone, strict=True):
        assert (len(new), sum(new.values())) == (values, withheld), asked
        assert sorted(key for key, hidden in new.items() if hidden and not old[key]) == by_compliance, asked
        assert {key for key, hidden in old.items() if hidden} <= {key for key, hidden in new.items() if hidden}
