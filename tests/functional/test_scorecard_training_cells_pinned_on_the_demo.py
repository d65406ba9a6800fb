"""The scorecard's training cells a reader of aggregates is shown, pinned on a small demo (200 employees, seed 1, three
agencies with staff and two without, six years; a national reporter and a policy maker of region 12; an agency's
whole, one of its units, one of its regions): the values the training compliance withholds
(Services.compliance_withheld), the scorecard withholding them too, beside the training values shown and withheld in
all. Pinned before the judging was read from one compliance read per year (2026-12-07; until then about 7 x (years +
agencies - 1) training compliance reports per scorecard, each read its own query), so that the faster judging is
proven to show and withhold exactly the same cells. And, on the same demo, the merit counts by rule that the scorecard
reads in one query grouped by rule (since 2026-12-07; until then one count per rule, 26 a scope and year) are each
rule's count of the audit's lists. Both stores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from careerlog.domain.errors import InvalidInput
from careerlog.reference import rules
from projections.merit.queries import PASSED_OVER, AuditQueries
from projections.scorecard.merit import DECISION_RULES
from tests.functional.test_suppression_unions_refused import INSPECTOR, demo_served, get
from web import kept

pytestmark = pytest.mark.xdist_group("test_scorecard_training_cells_pinned_on_the_demo")  # (one demo per store)

# Each request's (training values, of them withheld, those withheld as the training compliance withholds them and that
# the scorecard's own suppression alone would show), the same to a national reporter and to a policy maker of region 12
# (the demo is all in region 12). An agency of no staff (KAB-KARO) has every year's whole withheld (the training
# compliance refuses or lists none). Since 2026-12-07 the scorecard's own suppression withholds a share whose numerator
# or rest is 1-4 people too (docs/security.md "A group's attribute"), so more are withheld, and fewer of them by the
# training compliance alone, than pinned before (KOTA-MEDAN 2025: 224 of 265 withheld, 194 before)


def of_no_staff(agency: str) -> list[str]:
    """The whole values of an agency of no staff, each year of the trend of 2020-2025."""
    return [
        f"training.{name} trend {agency} {year}"
        for name in ("hours_per_employee", "jp_share")
        for year in range(2020, 2026)
    ]


PINNED: dict[str, tuple[int, int, list[str]]] = {
    "agency=KOTA-MEDAN&year=2025&years=6": (
        265,
        231,
        [
            # (since the training compliance's filtered answers are slices of its tables without the filter,
            # 2026-12-07: KOTA-MEDAN's 2024 met, 27 of 35, withheld `by=agency`, and III/d's of 2021 and 2022,
            # withheld `by=agency,rank`; and the JP per employee withheld with a met withheld, which they bound;
            # 224 before)
            "training.hours_per_employee trend KOTA-MEDAN 2021",
            "training.hours_per_employee trend KOTA-MEDAN 2022",
            "training.hours_per_employee trend KOTA-MEDAN 2024",
            "training.jp_share trend KOTA-MEDAN 2024",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank trend KOTA-MEDAN 2020 rank=IV/b",
            "training.jp_share_by_rank trend KOTA-MEDAN 2021 rank=III/d",
            "training.jp_share_by_rank trend KOTA-MEDAN 2022 rank=III/d",
            "training.jp_share_by_region trend KOTA-MEDAN 2024 region=12.71",
        ],
    ),
    "agency=KAB-KARO&year=2025&years=6": (
        111,
        84,
        [
            *of_no_staff("KAB-KARO"),
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
        ],
    ),
    "agency=KAB-DELISERDANG&year=2025&years=6": (
        265,
        226,
        [
            # (its 2021 met withheld `by=agency` since 2026-12-07, and the JP per employee of a met withheld, as
            # above: 222 before)
            "training.hours_per_employee trend KAB-DELISERDANG 2021",
            "training.hours_per_employee trend KAB-DELISERDANG 2022",
            "training.jp_share trend KAB-DELISERDANG 2021",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2020 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2020 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=III/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=IV/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2021 rank=IV/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2022 rank=IV/c",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=III/b",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2024 rank=IV/a",
            "training.jp_share_by_rank trend KAB-DELISERDANG 2025 rank=III/d",
            "training.jp_share_by_region trend KAB-DELISERDANG 2021 region=12.07",
        ],
    ),
    "agency=KOTA-MEDAN&unit=Dinas+Pendidikan&year=2024&years=4": (
        159,
        142,
        [
            # (and the JP per employee withheld with the met, since 2026-12-07: 136 before)
            "training.hours_per_employee comparison KOTA-MEDAN 2024",
            "training.hours_per_employee comparison PROV-SUMUT 2024",
            "training.hours_per_employee trend KOTA-MEDAN 2021",
            "training.hours_per_employee trend KOTA-MEDAN 2022",
            "training.hours_per_employee trend KOTA-MEDAN 2023",
            "training.hours_per_employee trend KOTA-MEDAN 2024",
            # (since training compliance's attribute rule, 2026-12-07: Dinas Pendidikan's 2024 met, which the
            # scorecard's own rule withheld in the trend, is withheld by the training compliance too, and a value the
            # training compliance withholds is named without its scope: the comparison's KOTA-MEDAN 2024, 27 of 35,
            # withheld with it, 134 before)
            "training.jp_share comparison KOTA-MEDAN 2024",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=IV/a",
            "training.jp_share_by_region comparison KOTA-MEDAN 2024 region=12.71",
        ],
    ),
    "agency=PROV-SUMUT&region=12.71&year=2024&years=4": (
        102,
        81,
        [
            # (the comparison's KOTA-MEDAN 2024, 27 of 35, withheld `by=agency` as PROV-SUMUT's complement, since
            # 2026-12-07: shown, with the PNS' 107 of 126 it gave PROV-SUMUT's 42 of 46, and its JP per employee with
            # it; 78 before)
            "training.hours_per_employee comparison KOTA-MEDAN 2024",
            "training.jp_share comparison KOTA-MEDAN 2024",
            "training.hours_per_employee comparison PROV-SUMUT 2024",
            "training.hours_per_employee trend PROV-SUMUT 2021",
            "training.hours_per_employee trend PROV-SUMUT 2022",
            "training.hours_per_employee trend PROV-SUMUT 2023",
            "training.hours_per_employee trend PROV-SUMUT 2024",
            "training.jp_share trend PROV-SUMUT 2021",
            "training.jp_share trend PROV-SUMUT 2022",
            "training.jp_share trend PROV-SUMUT 2023",
            "training.jp_share trend PROV-SUMUT 2024",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=III/b",
            "training.jp_share_by_rank comparison KAB-DELISERDANG 2024 rank=IV/a",
            "training.jp_share_by_region comparison KOTA-MEDAN 2024 region=12.71",
        ],
    ),
}
ASKED = [(who, asked) for who in ("reporter", "policy") for asked in PINNED]


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
    answers = [get(app, f"/api/v1/reports/scorecard?{asked}", f"clt_demo-{who}") for who, asked in ASKED]
    assert [answer.status_code for answer in answers] == [200] * len(ASKED)
    return [training_values(answer.get_json()) for answer in answers]


def test_the_training_cells_shown_and_withheld_are_those_pinned(demo: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    judged = cards(demo)
    monkeypatch.setattr(type(demo.extensions["careerlog"]), "compliance_withheld", lambda *args: set())
    demo.extensions.pop(kept.EXTENSION, None)  # (the scorecards kept: judged anew, without the training compliance)
    alone = cards(demo)
    demo.extensions.pop(kept.EXTENSION, None)
    for (who, asked), new, old in zip(ASKED, judged, alone, strict=True):
        values, withheld, by_compliance = PINNED[asked]
        assert (len(new), sum(new.values())) == (values, withheld), (who, asked)
        assert sorted(key for key, hidden in new.items() if hidden and not old[key]) == sorted(by_compliance), asked
        assert {key for key, hidden in old.items() if hidden} <= {key for key, hidden in new.items() if hidden}


SCOPES: list[dict[str, Any]] = [
    {},
    {"agency": ("KOTA-MEDAN",)},
    {"agency": ("KOTA-MEDAN",), "unit": ("Dinas Pendidikan",)},
    {"agency": ("PROV-SUMUT",), "region": ("12", "12.71")},
]


def test_the_findings_counted_by_rule_in_one_query_are_each_rules_own_count(demo: Flask) -> None:
    audit = AuditQueries(demo.extensions["careerlog"].projector.views.sql)
    rule_ids = [r for r in rules().ids if r.startswith(DECISION_RULES)]
    found = set()
    for scope in SCOPES:
        for year in (2021, 2023, 2025):
            period = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
            grouped = audit.decisions_count_by_rule(scope, [*rule_ids, PASSED_OVER], **period)
            alone = {r: audit.decisions_count(scope, rule=r, **period) for r in [*rule_ids, PASSED_OVER]}
            assert grouped == alone, (scope, year)
            found |= {r for r, n in grouped.items() if n}
    assert len(found) >= 3, found  # (rules with findings in these scopes and years: the counts compared are not all 0)
    with pytest.raises(InvalidInput) as refused:
        audit.decisions_count_by_rule({}, ["promotion.no_such_rule"])
    assert list(refused.value.errors) == ["rule"]
    # the scorecard's counts are those: an inspector's (exact figures) KOTA-MEDAN of 2025
    card = get(demo, "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2025&years=1", INSPECTOR).get_json()
    shown = {i["group"]["rule"]: i["numerator"] for i in card["indicators"]["merit.findings_by_rule"]["trend"]}
    (recorded_after,) = card["indicators"]["merit.recorded_after_decision"]["trend"]
    shown["evidence.recorded_after"] = recorded_after["numerator"]
    assert shown == audit.decisions_count_by_rule(SCOPES[1], rule_ids, start="2025-01-01", end="2025-12-31")
