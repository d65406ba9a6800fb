"""Rule merit.rounds_reach: how far past the last day a record speaks for its regular rounds are judged (merit view
40). Its `years` (2 bundled) are configurable; 0 judges no round past the horizon, as before view 40; a separation
ends the rounds whatever the reach; a value that is not a whole number from 0 to 40 is refused when read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlog.reference import BUNDLED_RULES, ConfigurationError, load_rules, rules
from projections.career import CareerRecord
from projections.merit.audit import horizon, round_tuples, rounds_end
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
        f"{path}: rule merit.rounds_reach: params.years must be a whole number from 0 to 40 (e.g. 2)"
    )
