"""Group dimensions for the fairness and time-to-promotion statistics.

A dimension is a column of the promotion pool (or of the rank spells), except `age_band`,
which is derived from `birth_date` on a reference day (the round date, or the day a rank
spell began) with the roster's age bands (`projections.queries.AGE_BANDS`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.reference import AnyCase
from projections.queries import AGE_BANDS, age_band_label
from projections.training import group_fields

if TYPE_CHECKING:  # numpy and pandas are imported where used: every CLI process imports this
    import pandas as pd

DIMENSIONS = ("sex", "agency", "region", "education", "age_band", "recruitment_path", "employment_kind")
# the dimensions whose groups have an order of their own: listed in it (`in_natural_order`), youngest band and
# lowest level first, not by the size of their pool
ORDINAL = ("age_band", "education")
MAX_DIMENSIONS = 2
UNKNOWN = "unknown"
SEPARATOR = " / "
# The refusals of a grouping (careerlog.domain.wording)
ONE_OR_TWO = Refusal("Name one or two dimensions to group by.").reason()
AT_MOST = Refusal("At most {most} dimensions (an intersection of two), got {count}.", numbers=("most", "count"))


def dimensions(by: str | Sequence[str] | None) -> list[str]:
    """The dimensions named in `by` ("sex,agency" or a list): one or two, each known, each once."""
    if by is None:
        raise InvalidInput(ONE_OR_TWO, "by")
    # a field left empty beside a comma (`--by sex,`) refused as the API's and the pages' `by` refuse it (until
    # 2026-12-06 read as the other fields alone)
    if isinstance(by, str) and (empty := AnyCase(DIMENSIONS).empty_part([by])) is not None:
        raise InvalidInput(empty, "by")
    names = [b.strip() for b in by.split(",")] if isinstance(by, str) else [str(b).strip() for b in by]
    names = [n for n in names if n]
    if not names:
        raise InvalidInput(ONE_OR_TWO, "by")
    if len(names) > MAX_DIMENSIONS:
        raise InvalidInput(AT_MOST.reason(most=MAX_DIMENSIONS, count=len(names)), "by")
    return group_fields(names, DIMENSIONS, noun="dimension")


def source_columns(by: Sequence[str]) -> list[str]:
    """The stored columns needed for the dimensions (`birth_date` stands in for `age_band`)."""
    return ["birth_date" if d == "age_band" else d for d in by]


def age_bands(birth_dates: pd.Series, on: pd.Series) -> pd.Series:
    """The age band (whole years of age on `on`, counted as careerlog.ages counts them) of each birth date; 'unknown'
    where either is missing."""
    import numpy as np
    import pandas as pd

    born = pd.to_datetime(birth_dates, errors="coerce")
    day = pd.to_datetime(on, errors="coerce")
    # a 29 February birthday falls on 28 February in a common year (careerlog.ages.whole_years, as the roster's bands)
    birthday = born.dt.day.where(~((born.dt.month == 2) & (born.dt.day == 29) & ~day.dt.is_leap_year), 28)
    before_birthday = (day.dt.month < born.dt.month) | ((day.dt.month == born.dt.month) & (day.dt.day < birthday))
    age = day.dt.year - born.dt.year - before_birthday.astype(int)
    highs = [high for _, high in AGE_BANDS]
    labels = [age_band_label(low, high) for low, high in AGE_BANDS]
    index = np.searchsorted(highs, age.fillna(-1).to_numpy(), side="left")
    band = pd.Series(np.array(labels, dtype=object)[np.minimum(index, len(labels) - 1)], index=birth_dates.index)
    return band.where(age.notna() & (age >= 0), UNKNOWN)


def group_labels(values: pd.Series) -> pd.Series:
    """Each value's label in a group: `unknown` where missing or "", else its text."""
    return values.fillna(UNKNOWN).astype(str).replace("", UNKNOWN)


def add_group(frame: pd.DataFrame, by: Sequence[str], on: str) -> pd.DataFrame:
    """`frame` with a column per dimension (age band from `birth_date` on column `on`) and a `group` label."""
    out = frame.copy()
    if "age_band" in by:
        out["age_band"] = age_bands(out["birth_date"], out[on])
    for d in by:
        out[d] = group_labels(out[d])
    out["group"] = out[by[0]] if len(by) == 1 else out[by[0]] + SEPARATOR + out[by[1]]
    return out


def rounded(value: float | None, places: int = 4) -> float | None:
    """A finite float rounded for output, or None; never -0.0 (a shortfall of -1e-15 at a rate equal to the
    reference's read "-0" on the page and -0.0 in the downloads)."""
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), places) + 0.0


def rounded_apart(value: float | None, *limits: float | None, places: int = 4) -> float | None:
    """`rounded`, with more places where fewer would put the value on the other side of one of `limits` than it is
    (or on it): an impact ratio of 0.79996 is 0.79996, not 0.8 beside its flag "under 0.8"; 0.7996 stays 0.7996."""
    if value is None or not math.isfinite(value):
        return None
    for limit in limits:
        while limit is not None and (round(float(value), places) < limit) != (value < limit) and places < 15:
            places += 1
    return round(float(value), places) + 0.0  # (never -0.0, as `rounded`)


def p_value(value: float | None) -> float | None:
    """p-values keep 4 significant digits (0.001946), so small ones stay readable."""
    if value is None or not math.isfinite(value):
        return None
    return float(f"{value:.4g}")


def _orders() -> dict[str, dict[str, int]]:
    """Each ordinal dimension's groups by their place: the age bands as the roster's (AGE_BANDS), the education
    levels as the reference table orders them (SD first, S-3 last)."""
    from careerlog.reference import reference

    return {
        "age_band": {age_band_label(low, high): place for place, (low, high) in enumerate(AGE_BANDS)},
        "education": {level.code: int(level["order"]) for level in reference().education},
    }


def natural_key(by: Sequence[str]) -> Callable[[str], tuple[Any, ...]] | None:
    """The sort key of a group's label (`add_group`'s, "F / S-1") in the natural order of its ordinal
    dimensions (ORDINAL), each other dimension by its code, an ordinal value no order holds (`unknown`) after
    its dimension's others; None when no dimension of `by` is ordinal."""
    if not any(d in ORDINAL for d in by):
        return None
    orders: Mapping[str, dict[str, int]] = _orders()

    def key(group: str) -> tuple[Any, ...]:
        parts = group.split(SEPARATOR, len(by) - 1)
        places = []
        for dimension, part in zip(by, parts, strict=False):
            order = orders.get(dimension)
            places.append((0, part) if order is None else (order.get(part, len(order) + 1000), part))
        return tuple(places)

    return key


def in_natural_order(groups: list[dict[str, Any]], by: Sequence[str]) -> list[dict[str, Any]]:
    """The groups (each a dict with its `group` label) in the natural order of an ordinal grouping (age bands
    from the youngest, education from SD; `natural_key`), a small cell in its place; as given otherwise."""
    key = natural_key(by)
    return groups if key is None else sorted(groups, key=lambda g: key(str(g["group"])))
