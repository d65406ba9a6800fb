from __future__ import annotations

from datetime import date
from pathlib import Path

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
