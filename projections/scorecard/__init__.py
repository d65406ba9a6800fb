"""The agency scorecard for career-development policy (issue 9): indicators built from the read models."""

from projections.scorecard.indicators import Indicator
from projections.scorecard.scorecard import ScorecardQueries

__all__ = ["Indicator", "ScorecardQueries"]
