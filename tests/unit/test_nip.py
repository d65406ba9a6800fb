from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.nip import nip_mismatches, parse_nip


def test_a_pns_nip_tells_birth_date_tmt_sex_and_sequence() -> None:
    nip = parse_nip("19860926 201505 1 001")
    assert nip.value == "198609262015051001"
    assert nip.employment_kind == "PNS"
    assert nip.birth_date == date(1986, 9, 26)
    assert (nip.appointed_year, nip.appointed_month) == (2015, 5)
    assert nip.sex == "M"
    assert nip.sequence == 1
    assert nip.display == "19860926 201505 1 001"


def test_a_pppk_number_is_told_apart_by_digit_13() -> None:
    nip = parse_nip("199001152022212005")
    assert nip.employment_kind == "PPPK"
    assert nip.appointed_year == 2022
    assert nip.contract_count == 1
    assert nip.sex == "F"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("12345", "18 digits"),
        ("19860926201505100A", "18 digits"),
        ("19860231201505 1001", "not a real birth date"),
        ("198609262015131001", "month) must be 01-12"),
        ("198609262015053001", "sex) must be 1 or 2"),
        ("198609262015051000", "may not be 000"),
        ("199001152022202005", "contract count) must be 1-9"),
    ],
)
def test_a_malformed_nip_is_rejected_with_its_reason(raw: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as e:
        parse_nip(raw)
    assert reason in e.value.errors["nip"][0]


def test_recorded_facts_that_contradict_the_nip_are_named() -> None:
    nip = parse_nip("198609262015051001")
    errors = nip_mismatches(
        nip, employment_kind="PNS", birth_date=date(1986, 9, 27), sex="F", appointed_on=date(2015, 6, 1)
    )
    assert set(errors) == {"birth_date", "sex", "effective_date"}


def test_a_matching_appointment_has_no_mismatch() -> None:
    nip = parse_nip("198609262015051001")
    assert not nip_mismatches(
        nip, employment_kind="PNS", birth_date=date(1986, 9, 26), sex="M", appointed_on=date(2015, 5, 1)
    )
