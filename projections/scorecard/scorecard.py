"""ScorecardQueries: the scorecard of one agency over years, compared with the other agencies."""

from __future__ import annotations

from typing import Any

from projections.reading import ViewReader
from projections.scorecard.indicators import jp_share
from projections.training import TrainingQueries, bounded


class ScorecardQueries(ViewReader):
    """Plain data out: the trend of each indicator for `agency` and the same year across agencies."""

    def scorecard(self, agency: str, year: int, *, years: int = 3) -> dict[str, Any]:
        year = bounded(year, "year", 1900, self.today.year)
        years = bounded(years, "years", 1, 20)
        training = TrainingQueries(self.store, today=self.today)
        by_year = {y: [jp_share(r) for r in training.compliance(y)] for y in range(year - years + 1, year + 1)}
        trend = [i.as_dict() for y in sorted(by_year) for i in by_year[y] if i.agency == agency]
        comparison = [i.as_dict() for i in by_year[year]]
        return {
            "agency": agency,
            "year": year,
            "indicators": {"training.jp_share": {"trend": trend, "comparison": comparison}},
        }
