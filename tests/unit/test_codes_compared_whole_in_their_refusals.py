"""A code typed as a name longer than 40 characters (an agency's full name, "Kementerian Pendayagunaan Aparatur Negara
dan Reformasi Birokrasi") is quoted whole in the refusal that sets it beside the code it may be, as the refusals
comparing a value typed with one recorded quote theirs (careerlog.domain.errors.quoted_apart, up to 200 characters):
until 2026-12-07 it was cut at 40, "'Kementerian Pendayagunaan Aparatur Nega…'", hiding the typo it is about."""

from __future__ import annotations

import pytest

from careerlog.access import parse_scope
from careerlog.domain.errors import InvalidInput
from careerlog.domain.payload import unknown_code

NAME = "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"  # (KEMENPANRB's, 65 characters)
TYPO = NAME.replace("Birokrasi", "Birokrsai")


def test_a_long_name_near_an_agency_is_quoted_whole_beside_it() -> None:
    assert unknown_code(TYPO, "agencies") == (
        f"Unknown code {TYPO!r} (did you mean KEMENPANRB ({NAME})?); see the agencies reference table."
    )


def test_a_scopes_agency_written_by_its_long_name_is_quoted_whole() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_scope(national=False, agencies=[NAME], regions=[])
    assert refused.value.errors == {
        "agencies": [f"Unknown code {NAME!r} (did you mean KEMENPANRB?); see the agencies reference table."]
    }
