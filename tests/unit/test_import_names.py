"""The name a spreadsheet writes beside a NIP is the recorded one when the words of the one are among the other's,
whatever their case, punctuation and academic or religious titles (gelar)."""

from __future__ import annotations

import pytest

from careerlog.names import same_name


@pytest.mark.parametrize(
    "written",
    [
        "Budi Siregar",
        "BUDI SIREGAR",
        "Budi Siregar, S.Kom., M.Si.",
        "Drs. H. Budi Siregar",
        "Budi Siregar S.Kom",
        "budi  siregar ",
        "Budi",  # a name cut short by a narrow column
    ],
)
def test_the_same_name_in_another_spelling_is_the_same(written: str) -> None:
    assert same_name("Budi Siregar", written)


@pytest.mark.parametrize("written", ["Siti Aminah", "Budi Santoso", "Andi Siregar"])
def test_another_name_is_not(written: str) -> None:
    assert not same_name("Budi Siregar", written)


def test_a_cell_of_no_letters_checks_nothing() -> None:
    assert same_name("Budi Siregar", "-")
