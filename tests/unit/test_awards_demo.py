"""Awards in the demo: long-service decorations for most of those who qualify, achievement awards
to high performers, and each injected irregular award listed with the rule it breaks."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from careerlog.demo import Demo, generate

pytestmark = pytest.mark.xdist_group("test_awards_demo")  # its module fixtures are built once, on one worker

TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def demo() -> Demo:
    return generate(300, 2, TODAY)


def test_the_demo_confers_each_long_service_decoration_and_achievement_awards(demo: Demo) -> None:
    kinds = Counter(r.payload["award_kind"] for r in demo.records() if r.kind == "award")
    assert {"SLKS_10", "SLKS_20", "SLKS_30", "PEGAWAI_TELADAN"} <= set(kinds)
    assert kinds["SLKS_10"] > kinds["SLKS_20"] > kinds["SLKS_30"]


def test_a_decoration_is_conferred_on_17_august_by_a_decree_dated_before(demo: Demo) -> None:
    awards = [r for r in demo.records() if r.kind == "award"]
    assert {(r.eff.month, r.eff.day) for r in awards} == {(8, 17)}
    assert all(date.fromisoformat(r.payload["decree_date"]) < r.eff for r in awards)


def test_each_kind_of_irregular_award_is_injected_and_listed_with_its_rule(demo: Demo) -> None:
    listed = {(e["type"], tuple(e["rules"])) for e in demo.irregular_awards}
    assert listed == {
        ("award_too_early", ("awards.long_service_years",)),
        ("award_under_penalty", ("awards.long_service_penalty",)),
        ("award_to_low_performer", ("awards.achievement_performance",)),
    }
    references = {(r.subject, r.reference) for r in demo.records() if r.kind == "award"}
    assert all((e["nip"], e["reference"]) in references for e in demo.irregular_awards)


def test_irregular_awards_are_kept_apart_from_the_merit_audits_list(demo: Demo) -> None:
    assert not [e for e in demo.irregularities if str(e["type"]).startswith("award")]
    assert generate(300, 2, TODAY).irregular_awards == demo.irregular_awards
