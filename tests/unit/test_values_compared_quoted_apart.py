"""Values a refusal compares (one typed, one recorded) are quoted so that their difference shows
(careerlog.domain.errors.quoted_apart): whole up to COMPARED_LENGTH characters, where `quoted` cuts each at 40 and two
values differing past their 39th character read alike; past that, each from a little before the first character that
differs, "…" on either side. An invisible character in one is named as `quoted` names it."""

from __future__ import annotations

from careerlog.domain.errors import COMPARED_BEFORE, COMPARED_LENGTH, quoted, quoted_apart

DECREE = "800.1.11.1/KEP.1234/BKPSDM-KAB.BANDUNG/XI/2026"


def test_two_values_differing_past_the_40th_character_are_quoted_whole() -> None:
    typed = DECREE.replace("/XI/", "/XII/")
    assert quoted(typed) == quoted(DECREE)  # (cut alike)
    assert quoted_apart(typed, DECREE) == [repr(typed), repr(DECREE)]


def test_values_longer_than_the_bound_are_shown_from_just_before_their_difference() -> None:
    same = "x" * 500
    shown = quoted_apart(same + "A" + "y" * 500, same + "B")
    before = "x" * COMPARED_BEFORE
    assert shown == [f"'…{before}A{'y' * (COMPARED_LENGTH - COMPARED_BEFORE - 3)}…'", f"'…{before}B'"]
    assert len(shown[0]) == COMPARED_LENGTH + 2  # (with its quotes)


def test_values_differing_early_are_cut_at_the_bound_from_their_start() -> None:
    assert quoted_apart("a" * 300, "b") == [f"'{'a' * (COMPARED_LENGTH - 1)}…'", "'b'"]


def test_several_values_are_shown_from_where_the_first_differs_from_any() -> None:
    base = "z" * 400
    [typed, one, other] = quoted_apart(base + "1", base + "2", "z" * 250 + "3")
    assert other == f"'…{'z' * COMPARED_BEFORE}3'"  # (from where the third differs, before the second does)
    assert typed == f"'…{'z' * (COMPARED_BEFORE + 150)}1'"
    assert one == f"'…{'z' * (COMPARED_BEFORE + 150)}2'"


def test_an_invisible_character_is_named() -> None:
    assert quoted_apart("Siti\u00a0Aminah", "Siti Aminah") == ["'Siti(U+00A0 no-break space)Aminah'", "'Siti Aminah'"]
