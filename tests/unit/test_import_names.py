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


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Siti Rahma", "Dr. Siti Rahma, S.E., M.M."),
        ("Dr. Siti Rahma, S.E., M.M.", "siti rahma"),
        ("Siti Rahma", "Hj. Siti Rahma"),
        ("Siti Rahma", "Hajjah Siti Rahma SE MM"),
        ("Hj. Siti Rahma, S.E.", "H. Siti Rahma M.Ak"),
        ("Siti Rahma Amd", "Ns Siti Rahma, A.Md.Kep."),
        ("Siti Rahma", "SitiRahma"),
        ("Nur'aini Lubis", "Nuraini Lubis"),
        ("Ma\u2019ruf Amin", "MA'RUF AMIN"),
    ],
)
def test_a_name_with_titles_honorifics_or_punctuation_is_the_same(recorded: str, written: str) -> None:
    assert same_name(recorded, written)


@pytest.mark.parametrize("written", ["Dr. Siti Aminah, S.E., M.M.", "Hj. Rahma Siregar", "Siti Rahmawati"])
def test_another_persons_name_with_titles_is_not(written: str) -> None:
    assert not same_name("Siti Rahma", written)
