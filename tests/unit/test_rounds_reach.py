"""Rule merit.rounds_reach: how far past the last day a record speaks for its regular rounds are judged (merit view
40). Its `years` (2 bundled) are configurable; 0 judges no round past the horizon, as before view 40; a separation
ends the rounds whatever the reach; a value that is not a whole number from 0 to 40 is refused when read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlog.reference import BUNDLED_RULES, ConfigurationError, load_rules, rules
from projections.career import CareerRecord
from projections.merit.audit import earlier_round_tuples, horizon, retirement_stop, round_tuples, rounds_end
from projections.merit.rules import PromotionJudge
from tests import factories as f

REACH = 'id = "merit.rounds_reach"'


def with_reach(params: str) -> str:
    """The bundled rules with merit.rounds_reach's params replaced by `params` (TOML lines)."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    start = text.index("[rules.params]", text.index(REACH))
    end = text.index("[[rules]]", start)
    return f"{text[:start]}[rules.params]\n{params}\n\n{text[end:]}"


def quiet_builder() -> f.CareerBuilder:
    """Rank III/c from 2022-10-01 (eligible from 2026-10-01), rated Baik to 2025, nothing recorded after 2026-06-01."""
    builder = f.CareerBuilder(appointed=date(2005, 3, 1), rank="III/b", education="S-2").confirmed()
    builder.add("rank_promotion", f.promotion("III/c", "2022-10-01"))
    for year in range(2018, 2026):
        builder.add("performance_rating", f.rating(year), recorded="2026-06-01T02:00:00+00:00")
    return builder


def round_days(record: CareerRecord, path: Path | None = None) -> list[str]:
    book = rules() if path is None else load_rules(path)
    return [row[1] for row in round_tuples(record, None, PromotionJudge(record, book)) if row[1] >= "2026"]


def test_the_rounds_reach_past_the_horizon_by_the_rules_years(tmp_path: Path) -> None:
    record = quiet_builder().record()
    assert horizon(record) == date(2026, 6, 1)
    assert rounds_end(record) == date(2028, 6, 1)
    assert round_days(record) == ["2026-10-01", "2026-12-01"]  # 2027's read a 2026 rating the record lacks
    path = tmp_path / "rules.toml"
    path.write_text(with_reach("years = 0"), encoding="utf-8")
    assert round_days(record, path) == []  # as before merit view 40: no round after the horizon


def test_a_separation_ends_the_rounds_whatever_the_reach() -> None:
    record = quiet_builder().add("status_change", f.status("RETIREMENT_AGE", "2026-11-01")).record()
    assert rounds_end(record) == date(2026, 11, 1)
    assert round_days(record) == ["2026-10-01"]


@pytest.mark.parametrize("years", ["-1", "41", "1.5", "true", "'two'"])
def test_a_reach_that_is_not_a_whole_number_of_years_is_refused(tmp_path: Path, years: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(with_reach(f"years = {years}"), encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(path)
    assert str(refused.value).startswith(
        f"{path}: rule merit.rounds_reach (version 1, from 1974-01-01): "
        "params.years must be a whole number from 0 to 40 (e.g. 2)"
    )


def retired_builder() -> f.CareerBuilder:
    """Born 1960-08-20 (58 on 2018-08-20: expected end of service 2018-08-31, an administrative post), rank III/c from
    2012-04-01, rated Baik to 2025 (a migration import recorded 2026-06-01), no separation recorded."""
    builder = f.CareerBuilder(birth=date(1960, 8, 20), appointed=date(1988, 3, 1), rank="III/b", education="S-2")
    builder.confirmed().add("rank_promotion", f.promotion("III/c", "2012-04-01"))
    for year in range(2012, 2026):
        builder.add("performance_rating", f.rating(year), recorded="2026-06-01T02:00:00+00:00")
    return builder


def all_round_days(record: CareerRecord, path: Path | None = None) -> list[str]:
    book = rules() if path is None else load_rules(path)
    return [row[1] for row in round_tuples(record, None, PromotionJudge(record, book)) if row[1] >= "2018"]


def test_the_rounds_stop_at_the_expected_end_of_service(tmp_path: Path) -> None:
    record = retired_builder().record()
    assert retirement_stop(record, rules(), rounds_end(record)) == date(2018, 9, 1)
    assert all_round_days(record) == ["2018-04-01"]  # not 2018-10-01 on: in all likelihood retired
    assert earlier_round_tuples(record) == [] or all(r[1] < "2018-09-01" for r in earlier_round_tuples(record))
    path = tmp_path / "rules.toml"
    path.write_text(with_reach("years = 2\nstop_at_retirement = false"), encoding="utf-8")
    assert all_round_days(record, path)[:3] == ["2018-04-01", "2018-10-01", "2019-04-01"]  # as before merit view 42


def test_a_promotion_past_the_expected_end_keeps_its_round() -> None:
    record = retired_builder().add("rank_promotion", f.promotion("III/d", "2019-04-01")).record()
    assert all_round_days(record) == ["2018-04-01", "2019-04-01"]  # (its round; none after it, promoted or not)


@pytest.mark.parametrize("value", ["1", "'yes'"])
def test_a_stop_at_retirement_that_is_not_true_or_false_is_refused(tmp_path: Path, value: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(with_reach(f"years = 2\nstop_at_retirement = {value}"), encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(path)
    assert (
        "rule merit.rounds_reach (version 1, from 1974-01-01): params.stop_at_retirement must be true or false"
        in str(refused.value)
    )
