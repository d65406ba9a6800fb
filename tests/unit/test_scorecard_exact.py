"""Scorecard indicators to the exact figure on small crafted careers of KOTA-MEDAN: post appointments of
trained and untrained staff, the units rating above their caps, colleagues passed over and impact ratios.

Each scenario is projected by the real projections into its own SQLite view store (no ledger).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from statsmodels.stats.multitest import multipletests

from careerlog.domain.events import BY_KIND
from careerlog.domain.unit import Unit
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from careerlog.sqlstore import SqlStore
from projections.career import CareerRecord
from projections.merit.fairness import ALPHA, holm
from projections.scorecard import ScorecardQueries
from tests import factories as f
from tests.unit.test_merit_queries import post
from tests.unit.test_scorecard_indicators import views_of

pytestmark = pytest.mark.xdist_group("test_scorecard_exact")  # its module fixtures are built once, on one worker

TODAY = date(2026, 6, 30)
T = "T00:00:00+00:00"


def employee(sequence: int, appointed: date, sex: str = "M", **fields: Any) -> f.CareerBuilder:
    builder = f.CareerBuilder(date(1990, 1, 1), appointed, sex, **fields)
    builder.nip = f.nip(date(1990, 1, 1), appointed, sex, sequence=sequence)
    return builder


def values(card: dict[str, Any], indicator: str) -> list[tuple[Any, ...]]:
    return [(i["group"], i["numerator"], i["denominator"], i["value"]) for i in card["indicators"][indicator]["trend"]]


def scorecard(records: list[CareerRecord], path: Any, year: int) -> Iterator[dict[str, Any]]:
    store: SqlStore = views_of(records, path)
    yield ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", year, years=1)
    store.close()


# ---------------------------------------------------------------------- post appointments after training


def posts_careers() -> list[CareerRecord]:
    """Five III/a of 2018, PNS since 2019 (the outcomes compare PNS: a CPNS is out of the yearly JP): fajar and gita
    had 24 JP in 2022, the other three none. fajar is appointed to a post in 2023, gita only in 2025 (after the 24
    months), hadi (untrained) in 2023."""
    start = date(2018, 3, 1)
    fajar = employee(801, start).confirmed().add("training", f.training("2022-05-06", 24, "2022-05-02"))
    fajar.add("post_appointment", post("PENGAWAS", "2023-06-01", "IV.a"), f"2023-06-10{T}")
    gita = employee(802, start, "F").confirmed().add("training", f.training("2022-05-06", 24, "2022-05-02"))
    gita.add("post_appointment", post("PENGAWAS", "2025-03-01", "IV.a"), f"2025-03-10{T}")
    hadi = employee(803, start).confirmed()
    hadi.add("post_appointment", post("PENGAWAS", "2023-02-01", "IV.a"), f"2023-02-10{T}")
    others = (employee(804, start, "F").confirmed(), employee(805, start).confirmed())
    return [b.record() for b in (fajar, gita, hadi, *others)]


@pytest.fixture(scope="module")
def posts_card(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    yield from scorecard(posts_careers(), tmp_path_factory.mktemp("posts") / "views.db", 2022)


def test_post_appointments_within_the_window_of_trained_and_comparable_untrained_staff(
    posts_card: dict[str, Any],
) -> None:
    assert values(posts_card, "outcomes.post_appointment_trained") == [({}, 1, 2, 0.5)]  # fajar; gita too late
    assert values(posts_card, "outcomes.post_appointment_untrained") == [({}, 1, 3, 0.3333)]  # hadi
    assert posts_card["indicators"]["outcomes.post_appointment_trained"]["trend"][0]["details"] == {
        "window_months": 24,
        "window_complete": True,
    }


# ---------------------------------------------------------------------- SKP spread against the unit's rating


def rated(sequence: int, predicate: str, unit: str) -> CareerRecord:
    builder = employee(sequence, date(2015, 3, 1), unit=unit)
    return builder.add("performance_rating", f.rating(2023, predicate), f"2024-01-15{T}").record()


def unit_rated(unit_name: str, predicate: str) -> CareerRecord:
    recorded = f.recording(f.NOW)
    unit = Unit.register("KOTA-MEDAN", unit_name, date(2024, 1, 10), recorded)
    payload = {"year": 2023, "predicate": predicate, "effective_date": "2024-01-10", "reference": f"SKP-{unit_name}"}
    unit.record(BY_KIND["unit_rating"], f._parse("unit_rating", payload), recorded)
    return CareerRecord.from_events(unit.id, list(unit.collect_events()))


def skp_careers() -> list[CareerRecord]:
    """BKPSDM (rated Baik): 8 of its 10 staff Baik, over the 70% cap. Bappeda (rated Baik): 3 of 5 Baik
    and 2 Butuh Perbaikan, within the caps. Inspektorat has rated staff but no unit rating."""
    bkpsdm = ["BAIK"] * 8 + ["SANGAT_BAIK", "BUTUH_PERBAIKAN"]
    bappeda = ["BAIK"] * 3 + ["BUTUH_PERBAIKAN"] * 2
    staff = [rated(810 + i, p, "BKPSDM") for i, p in enumerate(bkpsdm)]
    staff += [rated(830 + i, p, "Bappeda") for i, p in enumerate(bappeda)]
    staff += [rated(840 + i, "SANGAT_BAIK", "Inspektorat") for i in range(5)]
    return [*staff, unit_rated("BKPSDM", "BAIK"), unit_rated("Bappeda", "BAIK")]


@pytest.fixture(scope="module")
def skp_card(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    yield from scorecard(skp_careers(), tmp_path_factory.mktemp("skp") / "views.db", 2023)


def test_units_over_the_caps_are_not_measured_of_one_regions_staff(tmp_path: Path) -> None:
    # (a unit is judged on all its staff: a region's card showed the agency's whole units, named, and their staff)
    store: SqlStore = views_of(skp_careers(), tmp_path / "views.db")
    try:
        card = ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", 2023, years=1, region="12.71")
    finally:
        store.close()
    [row] = card["indicators"]["performance.units_over_cap"]["trend"]
    assert (row["numerator"], row["denominator"], row["value"]) == (None, None, None)
    assert row["details"] == {"not_measured": "judged_on_whole_units"}
    assert not [x for x in card["findings"] if x["indicator"] == "performance.units_over_cap"]


def test_units_over_the_caps_of_their_own_rating_are_counted_of_the_units_rated(skp_card: dict[str, Any]) -> None:
    assert values(skp_card, "performance.units_over_cap") == [({}, 1, 2, 0.5)]
    assert skp_card["indicators"]["performance.units_over_cap"]["trend"][0]["details"] == {
        "units": ["KOTA-MEDAN/BKPSDM"]
    }
    [finding] = [x for x in skp_card["findings"] if x["indicator"] == "performance.units_over_cap"]
    assert finding["text"] == (
        "1 of 2 rated unit(s) in KOTA-MEDAN rated their staff above what the unit's own rating allows in 2023."
    )
    assert finding["texts"] == {
        "en": finding["text"],
        "id": "1 dari 2 unit yang dinilai di KOTA-MEDAN menilai pegawainya melebihi yang diizinkan predikat unitnya "
        "pada 2023.",
    }


# ---------------------------------------------------------------------- passed over, impact ratios


def candidate(sequence: int, sex: str, *, strong: bool = False) -> f.CareerBuilder:
    """A III/a CPNS of BKPSDM since 2010-03-01, confirmed in 2011, rated every year to 2015 (each year's rating
    recorded the next January): Baik, or Sangat Baik with 40 JP of training in 2013 (recorded then) when `strong`."""
    builder = employee(sequence, date(2010, 3, 1), sex)
    builder.add("confirmation", {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": "SK-PNS"})
    if strong:  # recorded on its day, before the 2014 round's decisions (the comparison reads what was known then)
        builder.add("training", f.training("2013-06-07", 40, "2013-06-03"))
    for year in range(2010, 2016):
        builder.add("performance_rating", f.rating(year, "SANGAT_BAIK" if strong else "BAIK"), f"{year + 1}-01-15{T}")
    return builder


def promoted(builder: f.CareerBuilder) -> CareerRecord:
    return builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}").record()


def round_careers() -> list[CareerRecord]:
    """In the 2014-04-01 round: three men promoted (one of them strong), one man not; one woman promoted,
    two not (one strong). Those not promoted are eligible again on 2014-10-01."""
    men = [promoted(candidate(850, "M")), promoted(candidate(851, "M")), promoted(candidate(852, "M", strong=True))]
    men.append(candidate(853, "M").record())
    women = [promoted(candidate(860, "F")), candidate(861, "F").record(), candidate(862, "F", strong=True).record()]
    return [*men, *women]


@pytest.fixture(scope="module")
def round_card(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    yield from scorecard(round_careers(), tmp_path_factory.mktemp("rounds") / "views.db", 2014)


def test_a_strong_colleague_not_promoted_is_passed_over_by_each_weaker_promotion(round_card: dict[str, Any]) -> None:
    # the strong woman over the three promoted with Baik and no training (not over the strong man)
    assert values(round_card, "merit.passed_over") == [({}, 3, 4, 0.75)]


def test_impact_ratios_divide_each_sexs_selection_rate_by_the_highest(round_card: dict[str, Any]) -> None:
    # pools: men 3 promoted + 1 eligible in both rounds = 5; women 1 promoted + 2 in both rounds = 5
    assert values(round_card, "merit.impact_ratio_by_sex") == [({"sex": "F"}, 1, 5, 0.3333), ({"sex": "M"}, 3, 5, 1.0)]
    women = round_card["indicators"]["merit.impact_ratio_by_sex"]["trend"][0]["details"]
    assert (women["selection_rate"], women["adverse_impact"], women["reference"]) == (0.2, True, False)
    finding = next(x for x in round_card["findings"] if x["indicator"] == "merit.impact_ratio_by_sex")
    assert finding["group"] == {"sex": "F"}
    assert finding["text"] == (  # the counts and the significance beside the ratio (docs/fairness.md)
        "Promotion impact ratio of F in KOTA-MEDAN was 0.33 in 2014 (1 of 5 promoted, against 3 of 5 of M), below the "
        "threshold of 0.8 (rule fairness.adverse_impact); the gap is not statistically significant (Holm-adjusted "
        "Fisher exact p = 0.5238): on so few it may be chance."
    )
    assert finding["threshold"] == {"below": 0.8, "above": None, "years": 1}
    assert (women["threshold"], women["min_cell"]) == (0.8, 5)  # what it was judged by


def rules_with_adverse_impact(path: Path, threshold: float, min_cell: int) -> Path:
    """The bundled rules with fairness.adverse_impact's threshold and min_cell changed."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    start = text.index('id = "fairness.adverse_impact"')
    params = text.index("threshold = 0.8\nmin_cell = 5\n", start)
    changed = f"threshold = {threshold}\nmin_cell = {min_cell}\n"
    path.write_text(text[:params] + changed + text[params + len("threshold = 0.8\nmin_cell = 5\n") :], "utf-8")
    return path


@pytest.mark.parametrize(("threshold", "found"), [(0.3, False), (0.34, True)])
def test_the_impact_ratio_findings_are_judged_by_the_rules_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: float, found: bool
) -> None:
    """A rules file's fairness.adverse_impact (CAREERLOG_RULES_FILE): the women's 0.3333 is a finding below its
    threshold of 0.34, none under 0.3 (as its details' adverse_impact say), where thresholds.toml's own 0.8 (and
    min_denominator 5) made one whatever the rule."""
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_with_adverse_impact(tmp_path / "rules.toml", threshold, 4)))
    card = next(scorecard(round_careers(), tmp_path / "views.db", 2014))
    women = card["indicators"]["merit.impact_ratio_by_sex"]["trend"][0]["details"]
    assert (women["adverse_impact"], women["threshold"], women["min_cell"]) == (found, threshold, 4)
    texts = [x["texts"] for x in card["findings"] if x["indicator"] == "merit.impact_ratio_by_sex"]
    assert texts == (
        [
            {
                "en": "Promotion impact ratio of F in KOTA-MEDAN was 0.33 in 2014 (1 of 5 promoted, against 3 of 5 of "
                f"M), below the threshold of {threshold} (rule fairness.adverse_impact); the gap is not statistically "
                "significant (Holm-adjusted Fisher exact p = 0.5238): on so few it may be chance.",
                "id": "Rasio dampak kenaikan pangkat kelompok F di KOTA-MEDAN sebesar 0,33 pada 2014 (1 dari 5 naik "
                "pangkat, dibandingkan 3 dari 5 pada M), di bawah ambang "
                f"{str(threshold).replace('.', ',')} (aturan fairness.adverse_impact); selisihnya tidak signifikan "
                "secara statistik (p uji eksak Fisher setelah koreksi Holm = 0,5238): dengan jumlah sekecil ini bisa "
                "jadi kebetulan.",  # (the decimal comma)
            }
        ]
        if found
        else []
    )


@pytest.mark.parametrize("p_values", [[0.03], [0.07], [0.01, 0.04, 0.2]])
def test_the_holm_adjustment_of_the_impact_ratios_is_statsmodels_own(p_values: list[float]) -> None:
    reject, adjusted, _, _ = multipletests(p_values, alpha=ALPHA, method="holm")
    assert holm(p_values) == ([bool(r) for r in reject], [float(a) for a in adjusted])


def test_a_regions_card_compares_mentees_with_colleagues_in_the_region_alone(tmp_path: Path) -> None:
    # (the never-mentored colleagues were the whole agency's: one placed in 12.07 counted on a 12.71 card)
    start = date(2018, 3, 1)
    mentor = employee(851, start, region="12.71")
    mentee = employee(852, start, region="12.71")
    mentee.add(
        "mentoring_start",
        {"mentor_nip": mentor.nip, "focus": "Audit", "effective_date": "2022-02-01", "reference": "SK-1"},
    )
    elsewhere = employee(853, start, region="12.07")
    store: SqlStore = views_of([b.record() for b in (mentor, mentee, elsewhere)], tmp_path / "views.db")
    try:
        queries = ScorecardQueries(store, today=TODAY)
        region = queries.scorecard("KOTA-MEDAN", 2023, years=1, region="12.71")
        whole = queries.scorecard("KOTA-MEDAN", 2023, years=1)
    finally:
        store.close()
    assert [d for _, _, d, _ in values(whole, "outcomes.promotion_unmentored")] == [2]
    assert [d for _, _, d, _ in values(region, "outcomes.promotion_unmentored")] == [1]
    assert [d for _, _, d, _ in values(region, "outcomes.promotion_mentored")] == [1]
