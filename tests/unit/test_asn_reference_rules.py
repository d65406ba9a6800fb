"""The shared reference (asn-career-rules.md) against the code that encodes it: the cases where they differed."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.reference import reference
from tests import factories as f


@pytest.mark.parametrize("written", ["15", "UNDER_PENALTY"])
def test_siasn_legal_status_15_under_disciplinary_penalty_is_recorded_and_keeps_the_employee_in_post(
    written: str,
) -> None:
    """The reference lists SIASN kedudukanHukum 15, under disciplinary penalty, among the legal statuses [S]: a status
    change to it (by its code or its SIASN number, as 02 for CLTN) is recorded; the employee stays in service."""
    builder = f.CareerBuilder().confirmed()
    builder.add("status_change", f.status(written, "2024-03-01"))
    record = builder.record()
    assert record.status_on(date(2024, 3, 1)) == "UNDER_PENALTY"
    assert record.active_on(date(2024, 3, 1))
    assert reference().statuses["UNDER_PENALTY"]["siasn"] == "15"
