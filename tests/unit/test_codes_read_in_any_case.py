"""The filters' one rule (careerlog.reference.AnyCase): a code in any letter case, the spaces around it aside, is the
code as its table writes it; a spelling that is no code in any case, or several codes differing only by case, is
none (never guessed); no alias or name is read. No table of asn.toml holds two codes differing only by case, nor do
the tables a filter reads together (a rank filter's ranks and PPPK grades, a level's eselons and functional levels)."""

from __future__ import annotations

import pytest

from careerlog.reference import AnyCase, reference
from web.api.schemas import FILTER_TABLES


@pytest.mark.parametrize(
    ("table", "typed", "code"),
    [
        ("agencies", "kota-medan", "KOTA-MEDAN"),
        ("agencies", " Kota-Medan\t", "KOTA-MEDAN"),
        ("ranks", "iii/a", "III/a"),
        ("ranks", "III/A", "III/a"),
        ("post_kinds", "pengawas", "PENGAWAS"),
        ("sexes", "m", "M"),
        ("education", "s-1", "S-1"),
        ("statuses", "unpaid_leave", "UNPAID_LEAVE"),
    ],
)
def test_a_code_in_any_case_is_read_as_the_code(table: str, typed: str, code: str) -> None:
    assert reference().table(table).any_case.read(typed) == code


@pytest.mark.parametrize(
    ("table", "typed"), [("agencies", "Pemerintah Kota Medan"), ("ranks", "III - a"), ("sexes", "")]
)
def test_a_name_an_alias_or_another_spelling_is_no_code(table: str, typed: str) -> None:
    codes = reference().table(table)
    assert codes.any_case.read(typed) is None
    assert codes.any_case.read_or_as_typed(typed) == typed  # (refused as typed)


def test_codes_differing_only_by_case_are_each_read_as_written_and_never_guessed() -> None:
    codes = AnyCase(["Ab", "AB", "cd"])
    assert (codes.read("Ab"), codes.read(" AB "), codes.read("CD")) == ("Ab", "AB", "cd")
    assert codes.read("ab") is None
    assert codes.read("aB") is None


def test_no_filter_reads_codes_differing_only_by_case() -> None:
    read_together = [[c for t in tables for c in reference().table(t).codes] for tables in FILTER_TABLES.values()]
    read_together += [reference().table(name).codes for name in reference().names] + [reference().post_levels()]
    for codes in read_together:
        assert len({c.casefold() for c in codes}) == len(codes)
