"""The units known in an agency name a unit recorded in several spellings by one of them, capitals first, whatever
order the views give them in: the hint of rule unit.new said 'dinas sosial' beside 'Dinas Sosial' (the last read)."""

from types import SimpleNamespace

import pytest

from careerlog.application import CareerLog
from careerlog.domain.unit import unit_key


@pytest.mark.parametrize("order", [["Dinas Sosial", "dinas sosial"], ["dinas  sosial", "Dinas Sosial"]])
def test_a_unit_in_several_spellings_is_named_by_its_capitalised_one(order: list[str]) -> None:
    ledger = SimpleNamespace(_units_read={})
    known = CareerLog._agency_units(ledger, "KOTA-MEDAN", lambda agency: list(order))  # type: ignore[arg-type]
    assert known == {unit_key("Dinas Sosial"): "Dinas Sosial"}
