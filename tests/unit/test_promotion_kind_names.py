"""A spreadsheet of promotions often writes the jenis KP by its name ("Reguler", "Anumerta") rather than the SIASN code
(101, 211). A name that stands for exactly one promotion kind is read as that kind; "Pilihan" alone stands for four
(201, 202, 203, 206) and is still refused naming the field: the administrator writes the code or the whole name."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import RankPromoted
from careerlog.domain.payload import parse_payload
from careerlog.reference import reference

VALUES = {"new_rank": "III/c", "effective_date": "2018-04-01", "reference": "KP-1"}


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Reguler", "101"),
        ("REGULER", "101"),
        ("reguler", "101"),
        ("Pilihan: jabatan struktural", "201"),
        ("Pilihan jabatan fungsional", "202"),
        ("Pilihan: penyesuaian ijazah", "203"),
        ("Pilihan: prestasi luar biasa", "206"),
        ("Anumerta", "211"),
        ("Pengabdian", "212"),
        ("Pengabdian (menjelang pensiun)", "212"),
    ],
)
def test_a_promotion_kind_written_by_its_name_is_read_as_its_code(written: str, code: str) -> None:
    assert parse_payload(RankPromoted, {**VALUES, "promotion_kind": written})["promotion_kind"] == code


@pytest.mark.parametrize("written", ["Pilihan", "Kenaikan pangkat"])
def test_a_name_of_several_kinds_or_of_none_is_refused_naming_the_field(written: str) -> None:
    with pytest.raises(InvalidInput) as e:
        parse_payload(RankPromoted, {**VALUES, "promotion_kind": written})
    assert list(e.value.errors) == ["promotion_kind"]


def test_every_name_of_a_promotion_kind_is_read_as_that_kind_alone() -> None:
    kinds = reference().table("promotion_kinds")
    for code in kinds.codes:
        assert kinds.normalise(kinds.rows[code].name) == code


def test_no_spelling_of_a_promotion_kind_is_also_a_spelling_of_another() -> None:
    import tomllib
    from pathlib import Path

    import careerlog.reference

    rows = tomllib.loads((Path(careerlog.reference.__file__).parent / "asn.toml").read_text())["promotion_kinds"]
    spellings = [s.upper() for row in rows for s in {row["code"], *row.get("aliases", ()), row.get("siasn") or ""} if s]
    assert len(spellings) == len(set(spellings))


def test_a_name_of_several_kinds_is_refused_naming_each_kind_it_could_be() -> None:
    with pytest.raises(InvalidInput) as e:
        parse_payload(RankPromoted, {**VALUES, "promotion_kind": "Pilihan"})
    [reason] = e.value.errors["promotion_kind"]
    assert reason == (
        "'Pilihan' is the start of the names of several codes of the promotion_kinds reference table "
        "(201 Pilihan: jabatan struktural; 202 Pilihan: jabatan fungsional; 203 Pilihan: penyesuaian ijazah; "
        "206 Pilihan: prestasi luar biasa): write the code or the whole name."
    )
