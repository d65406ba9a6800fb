"""An account's scope naming an agency no code is spelled, near one (`careerlog accounts create --agency
KAB-DELI-SERDANG`), was refused "Unknown code 'KAB-DELI-SERDANG'; see the agencies reference table." with none of the
"did you mean KAB-DELISERDANG" an import's agency cell is answered with (careerlog.domain.payload.unknown_code, the
one near-miss wording, now shared): found by the HR explorer. A code far from every one is refused as before."""

from __future__ import annotations

import pytest

from careerlog.access import parse_scope
from careerlog.domain.errors import InvalidInput
from careerlog.domain.payload import unknown_code


def refused(**codes: list[str]) -> list[str]:
    with pytest.raises(InvalidInput) as e:
        parse_scope(national=False, agencies=codes.get("agencies", []), regions=codes.get("regions", []))
    [(_, reasons)] = e.value.errors.items()
    return list(reasons)


def test_an_agency_near_a_code_is_refused_suggesting_it_as_an_import_does() -> None:
    [reason] = refused(agencies=["KAB-DELI-SERDANG"])
    assert "did you mean KAB-DELISERDANG" in reason, reason
    assert reason == unknown_code("KAB-DELI-SERDANG", "agencies")  # (the import's wording, one text)


def test_a_region_of_a_zero_left_out_names_the_codes_it_may_be() -> None:
    [reason] = refused(regions=["12.1"])
    assert reason == unknown_code("12.1", "regions"), reason


def test_an_agency_far_from_every_code_is_refused_as_unknown() -> None:
    assert refused(agencies=["ATLANTIS"]) == ["Unknown code 'ATLANTIS'; see the agencies reference table."]
