"""The programmes report counts a programme whose id different agencies' HR staff recorded in other letter case or
spacing (`DIKLAT-PIM IV`, `diklat-pim iv`, `DIKLAT-PIM  IV`) as one programme, by the ledger's reference key
(careerlog.domain.ledger.reference_key): one row, under the spelling most of its trainings use, its other spellings
listed with their trainings. Before, each spelling was a row of its own, the participants, hours, costs and ratings
divided between them. Two really different programmes stay two. Both stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.sqlstore import SqlStore
from projections.training import TrainingQueries
from tests import factories as f
from tests.conftest import projected

pytestmark = pytest.mark.xdist_group("test_programme_spellings")  # its module fixture is built once, on one worker

TODAY = date(2026, 6, 30)
MEDAN = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71"}
SUMUT = {"agency": "PROV-SUMUT", "unit": "Inspektorat", "region": "12"}
PEOPLE = {
    "ani": MEDAN,
    "bayu": MEDAN,
    "citra": MEDAN,
    "dedi": MEDAN,
    "eka": MEDAN,
    "fajar": SUMUT,
    "gita": MEDAN,
    "hana": MEDAN,
}
NIP = {name: f.nip(date(1990, 1, 1 + i), date(2015, 3, 1), "F", sequence=60 + i) for i, name in enumerate(PEOPLE)}
PIM = "DIKLAT-PIM IV"


def populate(app: CareerLog) -> None:
    """Eight employees of III/a appointed in 2015 (Fajar in PROV-SUMUT, the others in KOTA-MEDAN). DIKLAT-PIM IV as
    KOTA-MEDAN records it: Ani (a cost), Bayu, Eka and Fajar on 10 May 2023; as another agency's staff record it:
    `diklat-pim iv` for Citra (a cost) and Eka on 20 June 2023, `DIKLAT-PIM  IV` for Hana on 1 March 2024. Dedi took
    DIKLAT-PIM III, another programme, and Gita no DIKLAT-PIM; their Latsar is recorded `LATSAR CPNS` (Dedi's) and
    `Latsar CPNS` (Gita's). Feedback: Ani 4/5, Bayu 2/3 (on DIKLAT-PIM IV), Citra 5/4 (on diklat-pim iv), Eka 5/5
    on DIKLAT-PIM IV and 3/3 on diklat-pim iv."""

    def rec(name: str, kind: str, payload: dict[str, Any]) -> None:
        app.record(NIP[name], kind, payload, actor="hr")

    def course(name: str, end: str, programme: str, hours: int = 30, **extra: Any) -> None:
        rec(name, "training", f.training(end, hours, start_of(end), programme_id=programme, **extra))

    def feedback(name: str, programme: str, rating: int, relevance: int, day: str) -> None:
        given = {"programme_id": programme, "rating": rating, "relevance": relevance}
        rec(name, "training_feedback", {**given, "effective_date": day, "reference": f"EVAL-{name}-{day}"})

    for name, place in PEOPLE.items():
        rec(
            name,
            "appointment",
            f.appointment(date(1990, 1, 1 + list(PEOPLE).index(name)), date(2015, 3, 1), "F", rank="III/a", **place),
        )
    for name in ("ani", "bayu", "eka", "fajar"):
        course(name, "2023-05-10", PIM, **({"cost": "3000000"} if name == "ani" else {}))
    course("citra", "2023-06-20", "diklat-pim iv", cost="1000000")
    course("eka", "2023-06-20", "diklat-pim iv")
    course("hana", "2024-03-01", "DIKLAT-PIM  IV", hours=12)
    course("dedi", "2023-05-10", "DIKLAT-PIM III")
    course("dedi", "2016-02-01", "LATSAR CPNS")  # one training in each spelling: a tie
    course("gita", "2016-02-01", "Latsar CPNS")
    feedback("ani", PIM, 4, 5, "2023-05-11")
    feedback("bayu", PIM, 2, 3, "2023-05-11")
    feedback("citra", "diklat-pim iv", 5, 4, "2023-06-21")
    feedback("eka", PIM, 5, 5, "2023-05-11")
    feedback("eka", "diklat-pim iv", 3, 3, "2023-06-21")


def start_of(end: str) -> str:
    """A training's first day: five days ending on `end` (30 JP is more than a day's)."""
    return (date.fromisoformat(end) - timedelta(days=4)).isoformat()


@pytest.fixture(scope="module")
def populated(shared_database_url: str) -> Iterator[SqlStore]:
    with projected(shared_database_url, populate, clock=f.Clock(datetime.fromisoformat("2026-06-01T02:00Z"))) as views:
        yield views


@pytest.fixture
def queries(populated: SqlStore) -> TrainingQueries:
    return TrainingQueries(populated, today=TODAY)


def test_three_spellings_of_one_programme_are_one_row_with_summed_figures_and_the_spellings_listed(
    queries: TrainingQueries,
) -> None:
    pim3, pim4, _latsar = queries.programmes()
    assert pim4 == {
        "programme_id": PIM,  # 4 of its 7 trainings
        "other_spellings": [
            {"programme_id": "diklat-pim iv", "completions": 2},
            {"programme_id": "DIKLAT-PIM  IV", "completions": 1},
        ],
        "participants": 6,  # Eka once, though recorded in two spellings
        "completions": 7,
        "hours": 192,
        "first_end": "2023-05-10",
        "last_end": "2024-03-01",
        "costed_completions": 2,
        "total_cost": 4000000.0,
        "costed_hours": 60,
        "cost_per_jp": 66666.67,
        # one opinion per participant: Eka's two (5/5, 3/3) are one of 4/4
        "feedback_count": 4,
        "mean_rating": 3.75,  # (4 + 2 + 5 + 4) / 4
        "mean_relevance": 4.0,  # (5 + 3 + 4 + 4) / 4
        # comparable: Dedi and Gita (KOTA-MEDAN III/a, never in the programme in any spelling); nobody promoted
        "window_months": 24,
        "promotable": 6,  # none a PPPK
        "promoted": 0,
        "promotion_rate": 0.0,
        "comparable": 2,
        "comparable_promoted": 0,
        "comparable_promotion_rate": 0.0,
        "promotion_rate_difference": 0.0,
        "window_complete": True,
    }
    assert (pim3["programme_id"], pim3["participants"], pim3["other_spellings"]) == ("DIKLAT-PIM III", 1, [])


def test_two_really_different_programmes_stay_two(queries: TrainingQueries) -> None:
    found = queries.programmes({"year": 2023})
    assert [(p["programme_id"], p["participants"], p["completions"]) for p in found] == [
        ("DIKLAT-PIM III", 1, 1),
        (PIM, 5, 6),  # Hana's 2024 training not among them
    ]


@pytest.mark.parametrize("named", ["diklat-pim iv", "DIKLAT-PIM  IV", " Diklat-Pim IV ", "DIKLAT-PIMIV"])
def test_a_programme_filter_names_every_spelling_of_it(queries: TrainingQueries, named: str) -> None:
    assert queries.programmes({"programme_id": named}) == [p for p in queries.programmes() if p["programme_id"] == PIM]


def test_a_programme_filter_of_two_programmes_or_of_none_recorded(queries: TrainingQueries) -> None:
    both = queries.programmes({"programme_id": ["diklat-pim iii", "diklat-pim iv"]})
    assert [p["programme_id"] for p in both] == ["DIKLAT-PIM III", PIM]
    assert queries.programmes({"programme_id": "DIKLAT-PIM II"}) == []
    assert queries.programmes({"programme_id": "DIKLAT PIM IV"}) == []  # a hyphen is no spacing


def test_a_participant_in_a_spelling_outside_the_filters_is_no_comparable_colleague(queries: TrainingQueries) -> None:
    """Hana took the programme in 2024, as `DIKLAT-PIM  IV`: she is not compared with the participants of 2023."""
    [pim4] = queries.programmes({"year": 2023, "programme_id": PIM})
    assert (pim4["other_spellings"], pim4["comparable"]) == ([{"programme_id": "diklat-pim iv", "completions": 2}], 2)


def test_a_tie_is_shown_under_the_first_spelling_in_code_point_order(queries: TrainingQueries) -> None:
    latsar = queries.programmes()[-1]
    assert (latsar["programme_id"], latsar["other_spellings"], latsar["participants"]) == (
        "LATSAR CPNS",  # capitals before small letters
        [{"programme_id": "Latsar CPNS", "completions": 1}],
        2,
    )
