"""Written findings for a policy maker: indicators past a configurable threshold, each tied to its indicator."""

from __future__ import annotations

import os
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from careerlog.config import ConfigurationError
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.reference import from_environment
from projections.merit.groups import rounded_apart
from projections.scorecard.indicators import Indicator

THRESHOLDS_ENV = "CAREERLOG_SCORECARD_FILE"
DEFAULT_FILE = Path(__file__).with_name("thresholds.toml")


@dataclass(frozen=True)
class Threshold:
    """When an indicator makes a finding: below or above a value for `years` years running."""

    indicator: str
    text: str
    below: float | None = None
    above: float | None = None
    years: int = 1
    min_denominator: float = 0
    text_id: str | None = None  # the text in Indonesian

    def crosses(self, item: Indicator) -> bool:
        if item.value is None or (item.denominator or 0) < self.min_denominator:
            return False
        if self.below is not None and item.value < self.below:
            return True
        return self.above is not None and item.value > self.above

    @property
    def limit(self) -> float | None:
        return self.below if self.below is not None else self.above


@dataclass(frozen=True)
class Settings:
    """The scorecard's settings and its thresholds."""

    window_months: int
    earlier_years: int
    high_performer_score: int
    min_cell: int | None  # fairness: None (not set) the min_cell of rule fairness.adverse_impact
    thresholds: tuple[Threshold, ...]


BELOW_OR_ABOVE = Refusal("Give exactly one of below and above.").reason()  # (careerlog.domain.wording)


def parse_settings(data: Mapping[str, Any]) -> Settings:
    base = data.get("settings", {})
    thresholds = []
    for i, row in enumerate(data.get("findings", [])):
        if ("below" in row) == ("above" in row):
            raise InvalidInput(BELOW_OR_ABOVE, f"findings[{i}]")
        thresholds.append(Threshold(**row))
    return Settings(
        window_months=int(base.get("window_months", 24)),
        earlier_years=int(base.get("earlier_years", 2)),
        high_performer_score=int(base.get("high_performer_score", 5)),
        min_cell=int(base["min_cell"]) if "min_cell" in base else None,
        thresholds=tuple(thresholds),
    )


@cache
def _load(path: str) -> Settings:
    with open(path, "rb") as fh:
        return parse_settings(tomllib.load(fh))


def settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """The scorecard settings: CAREERLOG_SCORECARD_FILE, else the bundled thresholds.toml."""
    if path:
        return _load(str(path))
    configured = os.environ.get(THRESHOLDS_ENV)
    return from_environment(THRESHOLDS_ENV, configured, _checked) if configured else _load(DEFAULT_FILE)


def _checked(path: str) -> Settings:
    """`_load`, a setting that does not read (InvalidInput: `findings[0]: ...`) refused as a ConfigurationError."""
    try:
        return _load(path)
    except InvalidInput as e:
        raise ConfigurationError(e.describe()) from None


def group_label(group: Mapping[str, Any]) -> str:
    return ", ".join(str(v) for v in group.values())


def percent_or_number(indicator_id: str, value: float | None, limits: Iterable[float | None] = ()) -> str:
    """A value as a finding's text writes it: a share as a whole percentage, a number to 2 places; with more places
    where those would put it on the other side of one of `limits` (its thresholds) than it is: "0.7996, below four
    fifths", not "0.8, below four fifths"."""
    apart = rounded_apart(value, *limits, places=2)
    if value is None or apart is None:
        return "-"
    share = "share" in indicator_id or indicator_id in SHARES
    if apart == round(value, 2):  # as ever
        return f"{value:.0%}" if share else f"{apart:g}"
    return f"{apart * 100:g}%" if share else f"{apart:g}"


def limits_of(indicator_id: str, config: Settings | None = None) -> tuple[float | None, ...]:
    """The values the thresholds of `indicator_id` compare it with (the configured scorecard settings')."""
    return tuple(t.limit for t in (config or settings()).thresholds if t.indicator == indicator_id)


SHARES = frozenset(
    {
        "training.least_trained_reached",
        "merit.clean_promotions",
        "awards.to_high_performers",
        "awards.irregular",
    }
)


def series(trend: Iterable[Indicator]) -> dict[tuple[str, tuple[tuple[str, Any], ...]], list[Indicator]]:
    grouped: dict[tuple[str, tuple[tuple[str, Any], ...]], list[Indicator]] = defaultdict(list)
    for item in trend:
        grouped[item.key].append(item)
    return {k: sorted(v, key=lambda i: i.year) for k, v in grouped.items()}


def findings(trend: Sequence[Indicator], year: int, thresholds: Iterable[Threshold]) -> list[dict[str, Any]]:
    """Findings of one agency's trend: each threshold crossed in each of its last `years` years up to `year`."""
    by_series = series(trend)
    found = []
    for threshold in thresholds:
        for (indicator_id, _), items in sorted(by_series.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
            if indicator_id != threshold.indicator:
                continue
            wanted = {i.year: i for i in items if year - threshold.years < i.year <= year}
            if len(wanted) == threshold.years and all(threshold.crosses(i) for i in wanted.values()):
                found.append(written(threshold, [wanted[y] for y in sorted(wanted)]))
    return found


def written(threshold: Threshold, items: list[Indicator]) -> dict[str, Any]:
    last = items[-1]
    years = [i.year for i in items]
    values = ", ".join(percent_or_number(last.id, i.value, [threshold.limit]) for i in items)
    fill = {
        "agency": last.agency,
        "group": group_label(last.group),
        "years": ", ".join(str(y) for y in years) if len(years) > 1 else str(years[0]),
        "count": len(years),
        "values": values,
        "threshold": f"{threshold.limit:g}",
        "numerator": f"{last.numerator:g}" if last.numerator is not None else "-",
        "denominator": f"{last.denominator:g}" if last.denominator is not None else "-",
    }
    text = threshold.text.format(**fill)
    return {
        "indicator": last.id,
        "agency": last.agency,
        "group": last.group,
        "years": years,
        "values": [i.value for i in items],
        "threshold": {"below": threshold.below, "above": threshold.above, "years": threshold.years},
        "text": text,
        "texts": {"en": text, "id": (threshold.text_id or threshold.text).format(**fill)},
        "rows": last.rows,
        "link": last.link,
    }
