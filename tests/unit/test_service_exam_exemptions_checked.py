"""promotion.service_exam's exemptions (`exempt_education`, `exempt_training`) name education levels and training
kinds by their codes: a custom rules file misspelling one ("S1", "Diklatpim IV") exempted no one, silently, as the
params were not checked. A rules file naming no such code is now refused at start naming the rule and the param
(PARAM_CHECKS); the bundled rules read."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.reference import BUNDLED_RULES, ConfigurationError, load_rules

BUNDLED_EDUCATION = 'exempt_education = { "UD_I" = "S-1", "UD_II" = "S-2" }'
BUNDLED_TRAINING = (
    'exempt_training = { "UD_I" = ["PKP", "PKA", "PKN_II", "PKN_I"], "UD_II" = ["PKA", "PKN_II", "PKN_I"] }'
)


@pytest.mark.parametrize(
    ("bundled", "written", "param"),
    [
        (BUNDLED_EDUCATION, 'exempt_education = { "UD_I" = "S1", "UD_II" = "S-2" }', "exempt_education"),
        (BUNDLED_EDUCATION, 'exempt_education = { "UD_3" = "S-1" }', "exempt_education"),
        (BUNDLED_TRAINING, 'exempt_training = { "UD_I" = ["Diklatpim IV"] }', "exempt_training"),
        (BUNDLED_TRAINING, 'exempt_training = { "UD_I" = "PKP" }', "exempt_training"),
    ],
)
def test_a_service_exam_exemption_naming_no_code_is_refused_naming_the_rule_and_param(
    tmp_path: Path, bundled: str, written: str, param: str
) -> None:
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    assert bundled in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(bundled, written), encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(path)
    assert str(refused.value).startswith(
        f"{path}: rule promotion.service_exam (version 1, from 2000-01-01): params.{param} must be a table of exam"
    )


def test_the_bundled_service_exam_exemptions_read() -> None:
    book = load_rules(Path(BUNDLED_RULES))
    assert book is not None
