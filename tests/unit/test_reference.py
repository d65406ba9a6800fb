from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.config import ConfigurationError
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV, load_rules, reference, rules


def test_the_rank_ladder_runs_from_i_a_to_iv_e_with_siasn_codes() -> None:
    ranks = reference().ranks
    assert ranks.codes[0] == "I/a"
    assert ranks.codes[-1] == "IV/e"
    assert len(ranks) == 17
    assert ranks.normalise("41") == "IV/a"


def test_education_sets_the_starting_rank_and_the_regular_ceiling() -> None:
    s1 = reference().education["S1"]
    assert (s1["start"], s1["ceiling"]) == ("III/a", "III/d")


def test_the_rule_in_force_depends_on_the_date() -> None:
    before = rules().in_force("promotion.dates", date(2023, 10, 1))
    after = rules().in_force("promotion.dates", date(2024, 2, 1))
    assert before is not None
    assert after is not None
    assert before.params["months"] == [4, 10]
    assert after.params["months"] == [2, 4, 6, 8, 10, 12]


def test_every_rule_names_a_source_and_a_status() -> None:
    for rule in rules().all:
        assert rule.source
        assert rule.status in {"S", "M", "I"}


def test_a_replacement_rules_file_changes_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rules]]\nid = "promotion.time_in_rank"\ntitle = "t"\nsource = "s"\nstatus = "M"\n'
        'valid_from = "2000-01-01"\n[rules.params]\nyears = { "101" = 5 }\n'
    )
    assert load_rules(path).param("promotion.time_in_rank", date(2020, 1, 1), "years") == {"101": 5}


def test_the_configured_rules_follow_the_environment_each_call(tmp_path: Path, monkeypatch: Any) -> None:
    """`rules()` is cached by the value of CAREERLOG_RULES_FILE it reads: setting, changing or
    removing the variable takes effect at the next call, and each file's rules are one object."""
    from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV

    monkeypatch.delenv(RULES_FILE_ENV, raising=False)
    bundled = rules()
    assert rules() is bundled is rules(BUNDLED_RULES)
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text(Path(BUNDLED_RULES).read_text().replace('title = "', 'title = "1 ', 1))
    second.write_text(Path(BUNDLED_RULES).read_text().replace('title = "', 'title = "2 ', 1))
    monkeypatch.setenv(RULES_FILE_ENV, str(first))
    assert rules().all[0].title.startswith("1 ")
    assert rules() is rules() is rules(first)
    monkeypatch.setenv(RULES_FILE_ENV, str(second))
    assert rules().all[0].title.startswith("2 ")
    assert rules() is rules(str(second))
    monkeypatch.setenv(RULES_FILE_ENV, "")
    assert rules() is bundled
    monkeypatch.delenv(RULES_FILE_ENV)
    assert rules() is bundled


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[meta\n", "Expected ']'"),
        ("[meta]\nsource = 'x'\n", "no [[rules]] in it"),
        (
            "[[rules]]\nid = 'promotion.rating'\ntitle = 't'\nsource = 's'\nstatus = 'M'\n",
            "rule promotion.rating: no valid_from",
        ),
        (
            "[[rules]]\nid = 'promotion.rating'\ntitle = 't'\nsource = 's'\nstatus = 'M'\nvalid_from = '2017-13-01'\n",
            "rule promotion.rating (version 1, from 2017-13-01): valid_from '2017-13-01' is not a day (YYYY-MM-DD)",
        ),
    ],
    ids=["toml", "no-rules", "no-field", "bad-day"],
)
def test_a_rules_file_that_does_not_read_is_named_with_what_is_wrong(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(path)
    assert str(refused.value).startswith(f"{path}: ")
    assert said in str(refused.value)


ADVERSE_IMPACT = 'id = "fairness.adverse_impact"'


def with_adverse_impact(params: str) -> str:
    """The bundled rules with fairness.adverse_impact's params replaced by `params` (TOML lines)."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    start = text.index("[rules.params]", text.index(ADVERSE_IMPACT))
    end = text.index("[[rules]]", start)
    return f"{text[:start]}[rules.params]\n{params}\n\n{text[end:]}"


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ("threshold = 0.0", "params.threshold must be a number above 0 and at most 1 (the four fifths: 0.8), got 0.0"),
        ("threshold = 80", "params.threshold must be a number above 0 and at most 1 (the four fifths: 0.8), got 80"),
        ("threshold = 'four fifths'", "params.threshold must be a number above 0 and at most 1"),
        ("threshold = nan", "params.threshold must be a number above 0 and at most 1"),
        ("alpha = 1.0", "params.alpha must be a number between 0 and 1, both excluded (e.g. 0.05), got 1.0"),
        ("alpha = 0", "params.alpha must be a number between 0 and 1, both excluded (e.g. 0.05), got 0"),
        ("alpha = -0.05", "params.alpha must be a number between 0 and 1"),
        ("min_cell = 0", "params.min_cell must be a whole number of at least 1 (e.g. 5), got 0"),
        ("min_cell = 2.5", "params.min_cell must be a whole number of at least 1 (e.g. 5), got 2.5"),
        ("min_cell = true", "params.min_cell must be a whole number of at least 1 (e.g. 5), got True"),
    ],
)
def test_a_rules_file_with_a_nonsense_fairness_param_is_refused_naming_the_rule_and_param(
    tmp_path: Path, params: str, said: str
) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(with_adverse_impact(params), encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(path)
    assert str(refused.value).startswith(f"{path}: rule fairness.adverse_impact (version 1, from 1974-01-01): {said}")


def test_a_rules_file_with_sensible_fairness_params_reads(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(with_adverse_impact("threshold = 1\nalpha = 0.01\nmin_cell = 1"), encoding="utf-8")
    rule = load_rules(path).in_force("fairness.adverse_impact", date(2020, 1, 1))
    assert rule is not None
    assert dict(rule.params) == {"threshold": 1, "alpha": 0.01, "min_cell": 1}


def test_a_nonsense_fairness_param_in_the_configured_rules_file_names_the_variable(
    tmp_path: Path, monkeypatch: Any
) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(with_adverse_impact("alpha = 5"), encoding="utf-8")
    monkeypatch.setenv(RULES_FILE_ENV, str(path))
    with pytest.raises(ConfigurationError) as refused:
        rules()
    assert str(refused.value) == (
        f"{RULES_FILE_ENV}: {path}: rule fairness.adverse_impact (version 1, from 1974-01-01): "
        "params.alpha must be a number between 0 and 1, both excluded (e.g. 0.05), got 5"
    )
