from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.config import ConfigurationError
from careerlog.reference import load_rules, reference, rules


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
            "rule promotion.rating: valid_from '2017-13-01' is not a day (YYYY-MM-DD)",
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
