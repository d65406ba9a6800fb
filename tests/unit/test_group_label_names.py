"""A fairness or report group is named by its reference name, with its code only when the name does not spell it:
"Laki-laki (M)", "Sarjana (S-1)", but "Umum", "Honorer" and "Ikatan dinas", not "Ikatan dinas (IKATAN_DINAS)" (found
on the demo's fairness page by recruitment path: the code's underscore kept it from matching its own name)."""

from __future__ import annotations

import pytest

from web.pages.labels import code_name


@pytest.mark.parametrize(
    ("code", "field", "shown"),
    [
        ("IKATAN_DINAS", "recruitment_path", "Ikatan dinas"),
        ("UMUM", "recruitment_path", "Umum"),
        ("DISABILITAS", "recruitment_path", "Khusus disabilitas"),
        ("M", "sex", "Laki-laki (M)"),
    ],
)
def test_a_group_reads_as_its_name_with_the_code_only_when_the_name_does_not_spell_it(
    code: str, field: str, shown: str
) -> None:
    assert code_name(code, field) == shown
