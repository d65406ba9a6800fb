"""The merit benchmark reads a clone's record from the ledger under its original NIP, with every loader the
passed-over comparison asks of it (whole records, ratings, records of the measured kinds)."""

from __future__ import annotations

from collections.abc import Sequence

from bench.bench_merit import original_records
from projections.career import CareerRecord
from projections.merit.passed_over import measured_of, ratings_of


class Ledger:
    """A record loader that says which NIPs each of its readers was asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, list[str]]] = []

    def __call__(self, subjects: Sequence[str]) -> dict[str, CareerRecord]:
        self.asked.append(("records", list(subjects)))
        return {s: CareerRecord(s, []) for s in subjects}

    def ratings(self, subjects: Sequence[str]) -> dict[str, object]:
        self.asked.append(("ratings", list(subjects)))
        return {s: f"rated {s}" for s in subjects}

    def measured(self, subjects: Sequence[str]) -> dict[str, CareerRecord]:
        self.asked.append(("measured", list(subjects)))
        return {s: CareerRecord(s, []) for s in subjects}


def test_a_clones_records_of_the_measured_kinds_are_read_under_its_original_nip() -> None:
    ledger = Ledger()
    load = original_records(ledger)
    measured = measured_of(load)
    assert measured is not None
    found = measured(["1990~2", "1990", "1991~1"])
    assert ledger.asked == [("measured", ["1990", "1991"])]
    assert {s: r.subject for s, r in found.items()} == {"1990~2": "1990~2", "1990": "1990", "1991~1": "1991~1"}
    rated = ratings_of(load)
    assert rated is not None
    assert rated(["1990~2"]) == {"1990~2": "rated 1990"}
    assert set(load(["1991~1"])) == {"1991~1"}


def test_a_loader_without_measured_records_gives_none() -> None:
    class Plain(Ledger):
        measured = None  # type: ignore[assignment]

    assert measured_of(original_records(Plain())) is None
    assert ratings_of(original_records(Plain())) is not None
