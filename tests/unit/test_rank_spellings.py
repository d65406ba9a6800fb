"""A golongan is written in many ways in the spreadsheets a BKD keeps and the systems it exports from: "III/b" and
the SIASN code "32", but also "3b", "III-b", "III b", "IIIb", "III / b". Each is read as the rank it names, in a
record and in an import; a spelling of no rank is still refused naming the field."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import RankPromoted
from careerlog.domain.payload import parse_payload
from careerlog.reference import reference


@pytest.mark.parametrize(
    "written", ["III/b", "iii/b", "32", "3b", "3B", "3/b", "III-b", "III b", "IIIb", "III / b", "III.b"]
)
def test_a_golongan_written_any_common_way_is_the_rank(written: str) -> None:
    assert reference().table("ranks").normalise(written) == "III/b"


def test_every_rank_has_its_arabic_and_dashed_spellings() -> None:
    ranks = reference().table("ranks")
    for code in ranks.codes:
        roman, letter = code.split("/")
        arabic = str(("I", "II", "III", "IV").index(roman) + 1)
        for written in (f"{arabic}{letter}", f"{roman}-{letter}", f"{roman}{letter}", f"{roman} {letter}"):
            assert ranks.normalise(written) == code


def test_a_promotion_to_a_rank_written_so_is_read_and_a_wrong_one_refused_by_field() -> None:
    values = {"new_rank": "3c", "promotion_kind": "101", "effective_date": "2018-04-01", "reference": "KP-1"}
    assert parse_payload(RankPromoted, values)["new_rank"] == "III/c"
    with pytest.raises(InvalidInput) as e:
        parse_payload(RankPromoted, {**values, "new_rank": "3f"})
    assert list(e.value.errors) == ["new_rank"]
