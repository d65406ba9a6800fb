"""An import row's Konfirmasi cell as HR writes a yes ("Iya", "ok", "v", a check mark) confirms what the import asks
of the row, and any other word is refused saying that ya works. Until 2026-12-05 "Iya" was refused as "Iya is no check
to confirm; one of: promotion.one_step, ...", silent on ya (found by an HR tester)."""

from __future__ import annotations

import pytest

from careerlog.domain.employee import ONE_STEP
from careerlog.domain.errors import InvalidInput
from careerlog.importing import confirmed


@pytest.mark.parametrize("word", ["ya", "Iya", " IYA ", "y", "Yes", "ok", "OK", "v", "x", "\u2713", "1", "true", True])
def test_a_yes_confirms_what_the_import_asks_of_the_row(word: object) -> None:
    assert confirmed(word, "rank_promotion") == frozenset((ONE_STEP,))


@pytest.mark.parametrize("word", ["tidak", "Tdk", "no", "n", "0", "false", False, ""])
def test_a_no_confirms_nothing(word: object) -> None:
    assert confirmed(word, "rank_promotion") == frozenset()


def test_a_check_by_name_is_read_as_the_api_reads_it() -> None:
    assert confirmed("promotion.one_step", "correction") == frozenset((ONE_STEP,))


@pytest.mark.parametrize("word", ["oke", "sip", "promotion.two_steps"])
def test_any_other_word_is_refused_saying_ya_works(word: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        confirmed(word, "rank_promotion")
    [said] = raised.value.errors["confirm"]
    assert said.startswith(f"{word} is neither a yes nor a check to confirm: write ya (or iya, "), said
    assert "tidak (or no) to confirm nothing" in said, said
    assert "promotion.one_step, placement.leaves_scope" in said, said
