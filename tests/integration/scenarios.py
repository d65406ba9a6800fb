"""Hypothesis strategies for sequences of career commands, built from the test factories.

A scenario appoints a few employees and then draws facts, corrections, retractions and
mentoring for them, with a catch-up of the views between some of the steps. The steps are
plausible but not all valid: the ledger refuses those that cannot be true (a demotion, a
correction of a missing field...), which is part of what a scenario exercises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from careerlog.application import CareerLog
from careerlog.domain.errors import CareerlogError
from projections.framework import Projector
from tests import factories as f

PEOPLE = (
    (date(1986, 9, 26), date(2010, 3, 1), "M", {"name": "Budi Siregar"}),
    (date(1990, 1, 1), date(2015, 5, 1), "F", {"name": "Sari Nasution", "unit": "Bappeda"}),
    (
        date(1972, 7, 7),
        date(1998, 3, 1),
        "F",
        {"name": "Rina Ginting", "agency": "KAB-KARO", "region": "12.06", "rank": "III/b"},
    ),
)
NIPS = tuple(f.nip(born, appointed, sex, sequence=900 + i) for i, (born, appointed, sex, _) in enumerate(PEOPLE))
PLACES = (("KOTA-MEDAN", "12.71"), ("KAB-KARO", "12.06"), ("PROV-SUMUT", "12"))
RECORDING_STARTS = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Step:
    """One command for the employee NIPS[who], and whether the views catch up after it."""

    who: int
    kind: str
    payload: dict[str, Any]
    catch_up: bool = False


def appointments() -> list[Step]:
    return [
        Step(i, "appointment", f.appointment(born, appointed, sex, reference=f"SK-CPNS-{i}", **extra))
        for i, (born, appointed, sex, extra) in enumerate(PEOPLE)
    ]


days = st.dates(min_value=date(2011, 1, 1), max_value=date(2025, 12, 31))
refs = st.integers(min_value=1, max_value=30).map(str)
versions = st.integers(min_value=1, max_value=10)


def _training(day: date, hours: int, ref: str) -> dict[str, Any]:
    return f.training(day.isoformat(), hours=hours, reference=f"CERT-{ref}")


def _promotion(rank: str, year: int, ref: str) -> dict[str, Any]:
    return f.promotion(rank, f"{year}-04-01", reference=f"KP-{ref}")


def _rating(year: int, predicate: str, ref: str) -> dict[str, Any]:
    return f.rating(year, predicate, reference=f"SKP-{ref}")


def _placement(place: tuple[str, str], day: date, ref: str) -> dict[str, Any]:
    agency, region = place
    return {"agency": agency, "unit": "Inspektorat", "region": region, "effective_date": day.isoformat(),
            "reference": f"MUT-{ref}"}  # fmt: skip


def _mentoring(mentor: int, day: date, ref: str) -> dict[str, Any]:
    return {"mentor_nip": NIPS[mentor], "focus": "Kepemimpinan", "effective_date": day.isoformat(),
            "reference": f"MNT-{ref}"}  # fmt: skip


def _correction(target: int, fields: dict[str, Any], day: date) -> dict[str, Any]:
    return f.correction(target, day.isoformat(), **fields)


corrected_fields = st.one_of(
    st.builds(dict, hours=st.integers(min_value=1, max_value=80)),
    st.builds(dict, predicate=st.sampled_from(["SANGAT_BAIK", "BAIK", "KURANG"])),
    st.builds(dict, title=st.sampled_from(["Arsip", "Kearsipan Digital"])),
)

payloads: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "training": st.builds(_training, days, st.integers(min_value=1, max_value=120), refs),
    "rank_promotion": st.builds(
        _promotion, st.sampled_from(["III/b", "III/c", "III/d", "IV/a"]), st.integers(2011, 2025), refs
    ),
    "performance_rating": st.builds(
        _rating, st.integers(2011, 2025), st.sampled_from(["SANGAT_BAIK", "BAIK", "KURANG"]), refs
    ),
    "placement": st.builds(_placement, st.sampled_from(PLACES), days, refs),
    "status_change": st.builds(
        lambda status, day: f.status(status, day.isoformat()),
        st.sampled_from(["UNPAID_LEAVE", "ACTIVE", "RETIRED"]),
        days,
    ),
    "mentoring_start": st.builds(_mentoring, st.integers(0, len(NIPS) - 1), days, refs),
    "correction": st.builds(_correction, versions, corrected_fields, days),
    "retraction": st.builds(lambda target, day: f.retraction(target, day.isoformat()), versions, days),
}


@st.composite
def steps(draw: st.DrawFn) -> Step:
    kind = draw(st.sampled_from(sorted(payloads)))
    return Step(draw(st.integers(0, len(NIPS) - 1)), kind, draw(payloads[kind]), draw(st.booleans()))


def scenarios(max_steps: int = 14) -> st.SearchStrategy[list[Step]]:
    """The appointments, then up to max_steps drawn commands."""
    return st.lists(steps(), max_size=max_steps).map(lambda drawn: appointments() + drawn)


def play(ledger: CareerLog, clock: f.Clock, scenario: list[Step], projector: Projector | None = None) -> int:
    """Record the scenario one command a minute; catch up where it says; return how many were recorded."""
    recorded = 0
    for minute, step in enumerate(scenario):
        clock.now = RECORDING_STARTS + timedelta(minutes=minute)
        try:
            ledger.record(NIPS[step.who], step.kind, step.payload, actor="hr")
        except CareerlogError:
            continue
        recorded += 1
        if step.catch_up and projector is not None:
            projector.catch_up()
    return recorded


FIXED = [
    *appointments(),
    Step(0, "rank_promotion", _promotion("III/b", 2014, "1"), catch_up=True),
    Step(0, "training", _training(date(2016, 1, 8), 16, "2")),
    Step(0, "correction", _correction(3, {"hours": 12}, date(2017, 2, 1)), catch_up=True),
    Step(1, "mentoring_start", _mentoring(0, date(2020, 3, 2), "3")),
    Step(2, "performance_rating", _rating(2020, "BAIK", "4"), catch_up=True),
    Step(1, "placement", _placement(PLACES[2], date(2021, 7, 1), "5")),
    Step(2, "retraction", f.retraction(2, "2021-08-01")),
    Step(2, "status_change", f.status("RETIRED", "2024-10-01"), catch_up=True),
]
