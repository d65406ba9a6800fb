"""A value whose length alone is more edits from a code (or a known unit's word) than a typo may be is no typo of it,
and is not compared letter by letter: a query filter of 3,000 letters was compared with every code (`word_edits`, a
3,000-row table each), 1.8 s of a server's CPU a request (test_refusals_quote_long_values_cut took 50 s a store). The
answers are those the whole comparison gives."""

from __future__ import annotations

import itertools

import pytest

from careerlog.domain import unit
from careerlog.domain.unit import edits_within, near_codes, typo_of, word_edits

WORDS = ["", "a", "ab", "ba", "abc", "acb", "kota", "kotta", "medan", "medn", "pendidikan", "pendidkan", "pndidkn"]


def test_edits_within_answers_as_the_whole_comparison_does() -> None:
    for a, b in itertools.product(WORDS, repeat=2):
        for most in (0, 1, 2, 3):
            edits = word_edits(a, b)
            assert edits_within(a, b, most) == (edits if edits <= most else None), (a, b, most)


def test_a_value_of_thousands_of_letters_is_compared_with_no_code(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[str, str]] = []
    real = unit.word_edits

    def counted(a: str, b: str) -> int:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(unit, "word_edits", counted)
    codes = ["KOTA-MEDAN", "KAB-KARO", "KOTA-BINJAI"]
    assert near_codes("Q" * 3000, codes) == []
    assert typo_of("dinas " + "q" * 3000, "dinas sosial") is None
    assert compared == []
    assert near_codes("kota-medn", codes) == ["KOTA-MEDAN"]  # (a typo still compared, and found)
    assert typo_of("dinas sosil", "dinas sosial") == 1
    assert ("sosil", "sosial") in compared
