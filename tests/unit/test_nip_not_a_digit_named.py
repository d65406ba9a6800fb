"""A NIP of 18 characters one of which is not a digit was refused "Must be 18 digits, got '19760616200410100x'", which
reads as a count of its characters, 18 (HR tester, 2026-12-07): the character that is not a digit 0-9 is named, at
every entry point that reads a NIP (careerlog.domain.nip.not_a_nip); a NIP of another length is refused as before."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.nip import NOT_18_DIGITS, NOT_A_DIGIT, nip_as_typed, parse_nip


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("19760616200410100x", "Must be 18 digits: 'x' is not a digit 0-9, in '19760616200410100x'."),
        ("1976O616200410100", "Must be 18 digits, got '1976O616200410100'."),  # (17 characters: a count)
        ("19760616 200410 1 00x", "Must be 18 digits: 'x' is not a digit 0-9, in '19760616 200410 1 00x'."),
        ("1976061620041010O1", "Must be 18 digits: 'O' is not a digit 0-9, in '1976061620041010O1'."),
        ("1976061620041010011", "Must be 18 digits, got '1976061620041010011'."),
    ],
)
def test_a_nip_not_of_18_digits_is_refused_naming_what_is_wrong(typed: str, said: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_nip(typed)
    [reason] = refused.value.errors["nip"]
    assert reason == said
    assert reason.refusal is (NOT_A_DIGIT if "is not a digit" in said else NOT_18_DIGITS)  # type: ignore[attr-defined]


def test_a_reason_quoted_as_typed_keeps_the_character_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_nip("19760616200410100x")
    typed = "19760616 200410 1 00x"  # (as the ledger was given it, its spaces left out)
    assert nip_as_typed(refused.value.errors["nip"], typed) == [
        f"Must be 18 digits: 'x' is not a digit 0-9, in {typed!r}."
    ]
