"""A file of a kind the import does not take (`--kind unit_registration`: a unit's registration is made with the
unit's first appointment or by the record form, never recorded from a row) is refused as an unknown kind, its true
reason, not as a header leaving out `nip`. Until 2026-12-06 columns_left_out took every kind but unit_rating to be
an employee's and refused `agency,unit,effective_date,reference` as "leaves out required columns of
unit_registration: nip ...", where before each row was "Unknown kind 'unit_registration'"."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import columns_left_out, read_csv

HEADER = "agency,unit,effective_date,reference"
ROWS = "KOTA-MEDAN,Bidang Arsip,2024-01-02,REG-1\r\n"


@pytest.mark.parametrize("kind", ["unit_registration", "mentee_assigned", "mentee_released"])
def test_a_header_of_a_kind_the_import_does_not_take_is_not_refused_for_its_columns(kind: str) -> None:
    assert columns_left_out(HEADER.split(","), kind) is None


def test_a_file_of_unit_registrations_is_read_not_refused_for_its_header() -> None:
    found = list(read_csv(io.BytesIO((HEADER + "\r\n" + ROWS).encode()), "unit_registration"))
    problems = [problem for _, problem, _ in found if isinstance(problem, InvalidInput)]
    said = " ".join(str(reason) for problem in problems for reasons in problem.errors.values() for reason in reasons)
    assert "leaves out required columns" not in said, said
