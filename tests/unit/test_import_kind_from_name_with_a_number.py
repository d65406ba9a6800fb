"""A file named after a kind with a number written on (hukdis2.csv, training2.csv) was of no kind ("The kind of the
file's rows is not known") while hukdis.csv and training 2024.csv were read as theirs (tester, 2026-12-05): a digit
after the kind's name goes on as a year or a suffix does; a letter still makes another word."""

from __future__ import annotations

import pytest

from careerlog.importing import kind_from_name


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("hukdis2.csv", "penalty"),
        ("training2.csv", "training"),
        ("diklat_2025.csv", "training"),
        ("training-jan.csv", "training"),
        ("Diklat2025.xlsx", "training"),
        ("pelatihan2.csv", "training"),  # (held no kind until 2026-12-05)
        ("hukdis.csv", "penalty"),
    ],
)
def test_a_kind_name_followed_by_a_number_or_a_suffix_is_that_kind(name: str, kind: str) -> None:
    assert kind_from_name(name) == kind


@pytest.mark.parametrize("name", ["trainingx.csv", "hukdisan.csv", "diklatku2.csv"])
def test_a_kind_name_run_into_other_letters_is_no_kind(name: str) -> None:
    assert kind_from_name(name) is None
