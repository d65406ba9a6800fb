"""A cell written with the rupiah sign or closed by ",-" is read by its parts (careerlog.textfiles.rupiah_parts): the
sign (the longest: "Rp." before "Rp"; "IDR" with no letter after it), the amount, the closing ",-", spaces around each
left out. Until 2026-12-07 a regular expression read them whose spaces around its lazy amount were cubic in a run of
spaces: a cost cell of 2,000 spaces between two letters took 36 seconds. The parts read are those it read."""

from __future__ import annotations

import pytest

from careerlog.textfiles import rupiah_amount, rupiah_parts, signed_dash


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Rp. 1.500.000,-", ("Rp.", "1.500.000", ",-")),
        (" rp1.500.000 ", ("rp", "1.500.000", "")),
        ("IDR 1.500.000", ("IDR", "1.500.000", "")),
        ("IDRX 5", ("", "IDRX 5", "")),
        ("2.500.000 ,-", ("", "2.500.000", ",-")),
        ("Rp ,-", ("Rp", ",-", "")),
        ("Rp.", ("Rp", ".", "")),
        ("Rp", ("", "Rp", "")),
        ("x" + " " * 5000 + "y", ("", "x" + " " * 5000 + "y", "")),
        ("   ", None),
        ("Rp 1\n000", None),
    ],
)
def test_a_cells_rupiah_sign_amount_and_closing_dash_are_its_parts(text: str, parts: tuple[str, ...] | None) -> None:
    assert rupiah_parts(text) == parts


def test_an_amount_needs_its_sign_or_dash_and_a_dash_alone_is_no_amount() -> None:
    assert rupiah_amount("Rp. 2.500.000,-") == "2.500.000"
    assert rupiah_amount("2.500.000") is None
    assert rupiah_amount("Rp -") is None
    assert signed_dash("IDR \u2013")
    assert not signed_dash("-")
