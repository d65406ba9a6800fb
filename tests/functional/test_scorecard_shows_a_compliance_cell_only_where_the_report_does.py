"""The scorecard's training cells (training.jp_share, hours_per_employee, jp_share_by_rank/sex/region) are cells of the
training compliance: a reader of aggregates sees one only where the training compliance, asked by that reader, shows
the same cell (Services.compliance_withheld), so that the two reports together disclose no more than the training
compliance alone. Until 2026-12-07 each withheld on its own: a tester's KOTA-MEDAN 2025 scorecard showed II/a 3 of 5
and IV/c 5 of 5, which the training compliance by rank withheld as complements, and its whole 97 of 114 less the ranks
shown told that exactly one of the 12 staff of the four small ranks missed 20 JP. Both stores."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, appointment_of, confirm_world_pns
from tests.functional.test_suppression import record
from web import kept

pytestmark = pytest.mark.disclosure("withhold")

SCORECARD = "/api/v1/reports/scorecard"
COMPLIANCE = "/api/v1/reports/training-compliance"
# KOTA-MEDAN's staff of 2020 besides Budi (III/b, met) and Sari (III/a): (rank, education, people, met). III/a's 5
# beside KAB-KARO's Rina (III/a): the national III/a less KOTA-MEDAN's is her alone, so the training compliance by rank
# of KOTA-MEDAN withholds it; II/a and II/c small; III/b 7 of 7 (shown until 2026-12-07: KOTA-MEDAN's 14 of 18 tells)
STAFF = (("III/a", "S-1", 4, 2), ("II/a", "SLTA", 3, 3), ("II/c", "D-III", 3, 2), ("III/b", "S-2", 6, 6))
# KAB-KARO's besides Rina: enough that the table by agency shows KOTA-MEDAN (of a rank KOTA-MEDAN has none of)
KARO = ("III/c", "S-3", 5)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def trained(world: World) -> World:
    return staffed(world, (BUDI, SARI), STAFF, 800)


def staffed(
    world: World, trained: tuple[str, ...], staff: tuple[tuple[str, str, int, int], ...], sequence: int
) -> World:
    """The world's PNS confirmed, `trained` of them meeting 20 JP in 2020, KOTA-MEDAN's `staff` beside them (rank,
    education, people, met) and KAB-KARO's (KARO), numbered from `sequence`."""
    confirm_world_pns(world)
    for nip in trained:
        record(world, nip, "training", f.training("2020-06-05", hours=24, start="2020-06-01"))
    for rank, education, people, met in staff:
        for n in range(people):
            sequence += 1
            nip = f.nip(date(1990, 1, 1 + n), date(2015, 3, 1), "M", sequence=sequence)
            record(world, nip, "appointment", appointment_of(nip, rank=rank, education=education))
            record(world, nip, "confirmation", f.confirmation("2016-03-01"))
            if n < met:
                record(world, nip, "training", f.training("2020-06-05", hours=24, start="2020-06-01"))
    rank, education, people = KARO
    for n in range(people):
        sequence += 1
        nip = f.nip(date(1988, 2, 1 + n), date(2014, 3, 1), "F", sequence=sequence)
        place = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
        record(world, nip, "appointment", appointment_of(nip, rank=rank, education=education, **place))
        record(world, nip, "confirmation", f.confirmation("2015-03-01"))
    world.catch_up()
    return world


def by_rank(card: dict[str, Any]) -> dict[str, tuple[Any, Any, bool]]:
    values = card["indicators"]["training.jp_share_by_rank"]["trend"]
    return {v["group"]["rank"]: (v["numerator"], v["denominator"], v["suppressed"]) for v in values}


def compliance(world: World, who: str, **asked: str) -> dict[str, Any]:
    answer = world.get(f"{COMPLIANCE}?{urlencode({'year': 2020, **asked})}", who)
    assert answer.status_code == 200, answer.get_json()
    return dict(answer.get_json())


def test_the_scorecard_withholds_a_rank_the_training_compliance_withholds(trained: World) -> None:
    """The tester's case: the rank the training compliance withholds (III/a, 3 of 5) no longer shown by the scorecard,
    so that its whole less the ranks shown no longer tells how many of the small ranks' staff missed 20 JP."""
    asked = f"{SCORECARD}?agency=KOTA-MEDAN&year=2020&years=1"
    report = compliance(trained, "reporter", by="rank", agency="KOTA-MEDAN")
    shown = {r["rank"]: (r["met"], r["staff"], r["suppressed"]) for r in report["items"]}
    assert shown["III/a"] == (None, None, True)  # (KAB-KARO's Rina alone besides KOTA-MEDAN's 5)
    # (III/b's 7 of 7 withheld since 2026-12-07: KOTA-MEDAN's 14 of 18, which its ranks add up to, tells the 4 who
    # missed 20 JP, withheld `by=agency`, and so is every rank's of it: Services.met_sliced)
    assert shown["III/b"] == (None, 7, False)
    card = trained.get(asked, "reporter").get_json()
    ranks = by_rank(card)
    assert ranks["III/a"] == (None, None, True)  # 3 of 5 until 2026-12-07
    assert ranks["II/a"] == ranks["II/c"] == (None, None, True)
    assert ranks["III/b"] == (None, None, True)  # (7 of 7 until 2026-12-07, as the training compliance's)
    # every rank the scorecard shows, the training compliance shows alike
    for rank, (met, staff, withheld) in ranks.items():
        assert withheld or shown[rank] == (met, staff, False)
    # an inspector (a reader of records) sees every figure, as before
    exact = by_rank(trained.get(asked, "inspector").get_json())
    assert exact["III/a"] == (3, 5, False)


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_every_training_cell_the_scorecard_shows_the_training_compliance_shows(trained: World, who: str) -> None:
    """Each training value shown (the trend's and the comparison's) is a row the training compliance shows the reader
    with the same figures: by rank, sex and region, and the agency's whole."""
    card = trained.get(f"{SCORECARD}?agency=KOTA-MEDAN&year=2020&years=1", who).get_json()
    for dim in ("rank", "sex", "region"):
        for scope in ("trend", "comparison"):
            for value in card["indicators"][f"training.jp_share_by_{dim}"][scope]:
                if value["suppressed"]:
                    continue
                for by in (dim, f"agency,{dim}"):
                    rows = compliance(trained, who, by=by, agency=value["agency"])["items"]
                    [row] = [r for r in rows if r[dim] == value["group"][dim]]
                    assert (row["met"], row["staff"], row["suppressed"]) == (
                        value["numerator"],
                        value["denominator"],
                        False,
                    )
    for scope in ("trend", "comparison"):
        for value in card["indicators"]["training.jp_share"][scope]:
            if not value["suppressed"]:
                [row] = compliance(trained, who, by="agency", agency=value["agency"])["items"]
                shown = (row["met"], row["staff"], row["suppressed"])
                assert shown == (value["numerator"], value["denominator"], False)


def test_the_scorecard_discloses_nothing_it_did_not_before(trained: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Old and new answers over the scorecard's requests: every figure shown now was shown before (the scorecard
    judged without the training compliance's cells, `compliance_withheld` answering none)."""
    requests = [
        (who, f"{SCORECARD}?{urlencode({'agency': agency, 'year': year, 'years': years})}")
        for who in ("reporter", "policy")
        for agency in ("KOTA-MEDAN", "KAB-KARO")
        for year, years in ((2020, 1), (2021, 3))
    ]
    new = [trained.get(path, who).get_json() for who, path in requests]
    monkeypatch.setattr(type(trained.services), "compliance_withheld", lambda *args: set())
    trained.app.extensions.pop(kept.EXTENSION, None)  # (the scorecards kept: judged anew)
    old = [trained.get(path, who).get_json() for who, path in requests]
    assert any(figures(n) < figures(o) for n, o in zip(new, old, strict=True))  # (III/a: fewer shown)
    for n, o in zip(new, old, strict=True):
        assert figures(n) <= figures(o)
        assert [x["indicator"] for x in n.get("findings", [])] == [
            x["indicator"] for x in o.get("findings", []) if x in n["findings"]
        ]


def figures(card: dict[str, Any]) -> set[tuple[Any, ...]]:
    """Every figure a scorecard shows: each value's numerator, denominator and value, and its details, by its place."""
    if "indicators" not in card:
        return set()
    found = set()
    for key, item in card["indicators"].items():
        for scope in ("trend", "comparison"):
            for v in item[scope]:
                place = (key, scope, v["agency"], v["year"], tuple(sorted(v["group"].items())))
                for name in ("numerator", "denominator", "value"):
                    if v[name] is not None:
                        found.add((*place, name, v[name]))
                found |= {(*place, "details", k, str(d)) for k, d in v["details"].items() if d is not None}
    return found


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_the_trained_staffs_outcomes_are_withheld_with_their_share(trained: World, who: str) -> None:
    """outcomes.promotion_trained and post_appointment_trained count of the staff who met the yearly JP, the share's
    numerator: withheld where the share is (until 2026-12-07 their denominator showed KOTA-MEDAN's 15 of the 18 staff
    the training compliance shows, whose `met` it withholds: 3 missed 20 JP); an inspector keeps them."""
    asked = f"{SCORECARD}?agency=KOTA-MEDAN&year=2020&years=1"
    [row] = compliance(trained, who, by="agency", agency="KOTA-MEDAN")["items"]
    assert (row["staff"], row["met"], row["met_suppressed"]) == (18, None, True)
    card = trained.get(asked, who).get_json()

    def trend(card: dict[str, Any], indicator: str) -> tuple[Any, ...]:
        [value] = card["indicators"][indicator]["trend"]
        return value["numerator"], value["denominator"], value["suppressed"]

    assert trend(card, "training.jp_share") == (None, None, True)
    for indicator in ("outcomes.promotion_trained", "outcomes.post_appointment_trained"):
        assert trend(card, indicator) == (None, None, True)  # (0 of 15 until 2026-12-07)
        assert trend(trained.get(asked, "inspector").get_json(), indicator) == (0, 15, False)


# KOTA-MEDAN's staff of 2020 besides Budi (III/b, met) and Sari (III/a): (rank, education, people, met). II/a's one
# person, in a rank where nobody met 20 JP, is no comparable untrained colleague: the agency's staff less its met less
# the untrained staff was her, whom the training compliance by rank withholds (a reporter's KOTA-MEDAN 2026 on the demo
# of 2,000: 369 staff, 317 met, 51 untrained, until 2026-12-07)
LONE = (("III/b", "S-2", 10, 5), ("III/a", "S-1", 6, 3), ("II/a", "SLTA", 1, 0))
UNTRAINED = ("outcomes.promotion_untrained", "outcomes.post_appointment_untrained")


@pytest.fixture
def lone(world: World) -> World:
    return staffed(world, (BUDI,), LONE, 850)


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_the_untrained_staff_are_withheld_where_a_ranks_met_is(lone: World, who: str) -> None:
    """outcomes.promotion_untrained and post_appointment_untrained count those who missed 20 JP in a rank where a
    colleague met it: beside the share's staff and met they told how many missed it in the ranks where nobody met it,
    which the training compliance by rank withholds (II/a, 0 of 1). Withheld wherever a rank's `met` of the card's
    population is (until 2026-12-07 shown: 9 untrained of 19 staff, 9 met); an inspector keeps them."""
    asked = f"{SCORECARD}?agency=KOTA-MEDAN&year=2020&years=1"
    ranks = {r["rank"]: r for r in compliance(lone, who, by="rank", agency="KOTA-MEDAN")["items"]}
    assert ranks["II/a"]["suppressed"]
    assert ranks["II/a"]["met"] is None
    card = lone.get(asked, who).get_json()
    exact = lone.get(asked, "inspector").get_json()

    def trend(card: dict[str, Any], indicator: str) -> tuple[Any, ...]:
        [value] = card["indicators"][indicator]["trend"]
        return value["numerator"], value["denominator"], value["suppressed"]

    assert trend(card, "training.jp_share") == (9, 19, False)  # (the share shown: its bound no longer told)
    for indicator in UNTRAINED:
        assert trend(card, indicator) == (None, None, True)
        assert trend(exact, indicator)[1:] == (9, False)  # (19 staff less 9 met less II/a's 1)
