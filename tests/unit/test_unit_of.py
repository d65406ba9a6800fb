"""A unit's subject read back into its agency code and name (careerlog.domain.unit.unit_of), as every reader of a
unit's record (the API's unit reads, the import format's rows, the distribution audit, the demo) reads it."""

from __future__ import annotations

import pytest

from careerlog.application import subject_of, unit_subject
from careerlog.domain.errors import InvalidInput
from careerlog.domain.unit import unit_of


@pytest.mark.parametrize("name", ["Dinas Kesehatan", "Sekretariat/Tata Usaha", "Bagian: Umum", "A:B/C: D"])
def test_a_units_subject_reads_back_as_its_agency_and_its_whole_name(name: str) -> None:
    assert unit_of(unit_subject("KOTA-MEDAN", name)) == ("KOTA-MEDAN", name)


def test_a_unit_key_typed_short_reads_its_missing_parts_as_empty_and_is_refused_naming_the_field() -> None:
    assert unit_of("UNIT:KOTA-MEDAN") == ("KOTA-MEDAN", "")
    assert unit_of("UNIT:") == ("", "")
    with pytest.raises(InvalidInput) as refused:
        subject_of("UNIT:KOTA-MEDAN", "unit_rating")
    assert set(refused.value.errors) == {"unit"}
