"""A refusal quoting a value names the invisible characters in it (those the NIP reader and rule training.duplicate
ignore: errors.INVISIBLE_NAMES) and a no-break space, so that HR sees what is there: found by an exploratory tester
(2026-12-07), a refusal quoted 'Pelatihan\\xa0SPBE “digital”\\u200b', as Python writes it. Other characters repr
escapes (a control character) and a backslash of the text itself are quoted as before."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import INVISIBLE_NAMES, quoted


def test_a_zero_width_space_and_a_no_break_space_are_named() -> None:
    assert quoted("Pelatihan\u00a0SPBE “digital”\u200b") == (
        "'Pelatihan(U+00A0 no-break space)SPBE “digital”(U+200B zero-width space)'"
    )


@pytest.mark.parametrize("character", list(INVISIBLE_NAMES))
def test_each_invisible_character_is_named_with_its_code_point(character: str) -> None:
    assert quoted(f"SK{character}1") == f"'SK(U+{ord(character):04X} {INVISIBLE_NAMES[character]})1'"


def test_a_backslash_written_in_the_text_and_other_escapes_stay_as_repr_writes_them() -> None:
    assert quoted("a\\u200b\u200b") == "'a\\\\u200b(U+200B zero-width space)'"
    assert quoted("tab\there\x00") == repr("tab\there\x00")
    assert quoted("it's") == repr("it's")
