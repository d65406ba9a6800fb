"""The units' comparisons a server keeps (projections.merit.passed_over.KeptUnits, web.kept's) are bounded: past
KEPT_UNITS the least recently used is forgotten (computed anew when asked again), and one is given only for the
inputs it was computed from."""

from __future__ import annotations

from projections.merit.passed_over import KEPT_UNITS, KeptUnits, UnitFound, inputs_digest


def found(colleague: str) -> UnitFound:
    """A unit's comparison of one decision with one pair and no colleague placed otherwise."""
    return ([[{"subject": "A", "colleague": colleague}]], [[]])


def test_kept_units_forget_the_least_recently_used_past_their_size() -> None:
    kept = KeptUnits(size=2)
    kept.put("one", b"in", found("x"))
    kept.put("two", b"in", found("y"))
    assert kept.get("one", b"in") == found("x")  # (asked for: now the most recently used)
    kept.put("three", b"in", found("z"))
    assert kept.get("two", b"in") is None  # forgotten
    assert kept.get("one", b"in") == found("x")
    assert kept.get("three", b"in") == found("z")
    assert len(kept.units) == 2


def digest(
    rules: str = "rules", version: int = 3, first: str = "2010-03-01", versions: dict[str, int] | None = None
) -> bytes:
    """`inputs_digest` of one unit: its rules' digest, its decision's version, its staff's first day there (a part of
    UnitStaff.state) and the records' last versions."""
    decisions = [{"subject": "A", "version": version, "unit": "BKPSDM"}]
    return inputs_digest(rules, decisions, ([], [("A", first)], [], []), versions or {"A": 3, "B": 12})


def test_a_kept_unit_is_given_only_for_the_inputs_it_was_computed_from() -> None:
    kept = KeptUnits()
    assert kept.units.maxsize == KEPT_UNITS
    kept.put("unit", digest(), found("B"))
    assert kept.get("unit", digest(versions={"B": 12, "A": 3})) == found("B")  # (the versions in another order)
    for other in (digest("other"), digest(version=4), digest(first="2010-03-02"), digest(versions={"A": 3, "B": 13})):
        assert kept.get("unit", other) is None
