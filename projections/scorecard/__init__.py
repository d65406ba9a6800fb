"""The scorecard of career-development policy (issue 9): indicators built from the read models,
their trend, the comparison between agencies, and written findings; and the awards audit."""

from projections.scorecard.indicators import Indicator
from projections.scorecard.scorecard import ScorecardQueries

__all__ = ["Indicator", "ScorecardQueries"]
