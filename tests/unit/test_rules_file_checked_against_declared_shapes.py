"""Every rule of a rules file is checked when read against its declared shape (careerlog.reference.PARAM_CHECKS):
its id, its params' names, each value's type and range, its status. Until 2026-12-06 only the params of ten rules
were: `"101" = "four"` in promotion.time_in_rank was listed by `careerlog rules` and stopped `projections run` with
a ValueError (exit 70), the merit, awards and study leave views left filling; `years = "eighteen"`, `-18`, `18.5`,
`1800`, a misspelt `yeras` (the default read instead), an unknown rule id and a status "X" were read silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.reference import BUNDLED_RULES, PARAM_CHECKS, ConfigurationError, load_rules

BUNDLED = Path(BUNDLED_RULES).read_text(encoding="utf-8")
TIME_IN_RANK = 'years = { "101" = 4, "202" = 2, "203" = 1, "201" = 1, "206" = 1 }'
MIN_AGE = 'id = "appointment.min_age"'


def min_age(line: str) -> str:
    """The bundled rules with appointment.min_age's `years = 18` written as `line`."""
    start = BUNDLED.index(MIN_AGE)
    at = BUNDLED.index("years = 18", start)
    return BUNDLED[:at] + line + BUNDLED[at + len("years = 18") :]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            BUNDLED.replace(TIME_IN_RANK, TIME_IN_RANK.replace('"101" = 4', '"101" = "four"'), 1),
            "rule promotion.time_in_rank (version 1, from 2000-01-01): params.years must be a table whose keys are "
            "codes of the table promotion_kinds, each a whole number from 1 to 40, got {'101': 'four'",
        ),
        (
            BUNDLED.replace(TIME_IN_RANK, TIME_IN_RANK.replace('"101" = 4', '"110" = 4'), 1),
            "rule promotion.time_in_rank (version 1, from 2000-01-01): params.years must be a table whose keys are "
            "codes of the table promotion_kinds",
        ),
        (
            min_age('years = "eighteen"'),
            "rule appointment.min_age (version 1, from 1974-01-01): params.years must be a whole number from 14 to 30, "
            "got 'eighteen'",
        ),
        (min_age("years = -18"), "rule appointment.min_age (version 1, from 1974-01-01): params.years must be"),
        (min_age("years = 18.5"), "params.years must be a whole number from 14 to 30, got 18.5"),
        (min_age("years = 1800"), "params.years must be a whole number from 14 to 30, got 1800"),
        (
            min_age("yeras = 18"),
            "rule appointment.min_age (version 1, from 1974-01-01): no such param params.yeras (the rule's params "
            "are: years)",
        ),
        (
            BUNDLED.replace('id = "promotion.dates"', 'id = "promotion.nosuch"', 1),
            "rule promotion.nosuch (version 1, from 2000-01-01): no such rule 'promotion.nosuch' (the rules are",
        ),
        (
            BUNDLED.replace('status = "I"', 'status = "X"', 1),
            "status must be S (confirmed), M (believed) or I (an inference), got 'X'",
        ),
        (
            BUNDLED.replace('valid_from = "1974-01-01"', 'valid_form = "1974-01-01"', 1),
            "no such field valid_form",
        ),
        (
            BUNDLED.replace('severity = "high"', 'severity = "urgent"', 1),
            "severity must be one of info, low, medium, high, got 'urgent'",
        ),
    ],
    ids=[
        "years-four",
        "unknown-kind",
        "eighteen",
        "negative",
        "fraction",
        "1800",
        "misspelt-param",
        "unknown-rule",
        "status-X",
        "misspelt-field",
        "severity",
    ],
)
def test_a_rule_of_another_shape_is_refused_naming_the_file_rule_version_param_and_reason(
    tmp_path: Path, text: str, said: str
) -> None:
    assert text != BUNDLED
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(path)
    assert str(refused.value).startswith(f"{path}: rule ")
    assert said in str(refused.value)


def test_the_second_version_is_named_by_its_number_and_day(tmp_path: Path) -> None:
    at = BUNDLED.index(TIME_IN_RANK, BUNDLED.index(TIME_IN_RANK) + 1)
    path = tmp_path / "rules.toml"
    path.write_text(BUNDLED[:at] + TIME_IN_RANK.replace("= 4", "= 0") + BUNDLED[at + len(TIME_IN_RANK) :])
    with pytest.raises(
        ConfigurationError, match=r"promotion.time_in_rank \(version 2, from 2024-01-01\): params.years"
    ):
        load_rules(path)


def test_the_bundled_rules_read_and_every_rule_of_them_has_a_declared_shape() -> None:
    book = load_rules(Path(BUNDLED_RULES))
    assert set(book.ids) == set(PARAM_CHECKS)
