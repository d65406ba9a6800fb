"""A stand-in for no number ("-", "0", "tidak ada", "n/a") is told from a reference, and a reference is never taken for
one: a number with a 0 in it, a short code, a word with an accent (careerlog.domain.payload.placeholder)."""

from __future__ import annotations

import pytest

from careerlog.domain.payload import placeholder


@pytest.mark.parametrize(
    "text", ["-", "\u2014", "\u2013", "0", "000", "0/0", "...", "tidak ada", "Tidak Ada", "n/a", "N.A.", "nihil"]
)
def test_a_stand_in_for_none_is_no_number(text: str) -> None:
    assert placeholder(text)


@pytest.mark.parametrize("text", ["SK-LAIN", "CERT-0", "KP-12", "800/123/BKD/2024", "No. 0", "Café", "COACH/1", "TB"])
def test_a_reference_is_not_taken_for_a_stand_in(text: str) -> None:
    assert not placeholder(text)
