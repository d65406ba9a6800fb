"""Written findings for a policy maker: indicators past a configurable threshold, each tied to its indicator."""

from __future__ import annotations

import os
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal, format_scientific

from careerlog.config import ConfigurationError
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.reference import from_environment, reference
from projections.merit.groups import rounded_apart
from projections.scorecard.indicators import Indicator

THRESHOLDS_ENV = "CAREERLOG_SCORECARD_FILE"
DEFAULT_FILE = Path(__file__).with_name("thresholds.toml")


# The indicators a rule judges (their details name its `threshold` and `min_cell`: projections.scorecard.merit): the
# impact ratios, by rule fairness.adverse_impact. A threshold of theirs that sets no `below` (nor `above`) is the
# rule's threshold in force (each year's), one with no `min_denominator` the smallest group compared (the rule's
# min_cell, or the settings' min_cell when set).
RULE_JUDGED = frozenset(
    {"merit.impact_ratio_by_sex", "merit.impact_ratio_by_region", "merit.impact_ratio_by_education"}
)


@dataclass(frozen=True)
class Threshold:
    """When an indicator makes a finding: below or above a value for `years` years running (for an indicator a rule
    judges, `RULE_JUDGED`, given neither: below the rule's threshold)."""

    indicator: str
    text: str
    below: float | None = None
    above: float | None = None
    years: int = 1
    min_denominator: float | None = None  # None: 0 (an indicator a rule judges: its details' min_cell)
    text_id: str | None = None  # the text in Indonesian

    @property
    def by_rule(self) -> bool:
        """Below the threshold of the rule that judges the indicator (none set here)."""
        return self.below is None and self.above is None

    def below_of(self, item: Indicator) -> float | None:
        """The value `item` must be under: this threshold's `below`, else the rule's it was judged by."""
        if self.by_rule:
            threshold = item.details.get("threshold")
            return None if threshold is None else float(threshold)
        return self.below

    def smallest(self, item: Indicator) -> float:
        """The fewest cases a value of `item` must rest on: `min_denominator`, else the rule's (or 0)."""
        if self.min_denominator is not None:
            return self.min_denominator
        return float(item.details.get("min_cell", 0)) if self.indicator in RULE_JUDGED else 0

    def crosses(self, item: Indicator) -> bool:
        if item.value is None or (item.denominator or 0) < self.smallest(item):
            return False
        below = self.below_of(item)
        if below is not None and item.value < below:
            return True
        return self.above is not None and item.value > self.above

    @property
    def limit(self) -> float | None:
        """The value set here (None: the rule's, which each value of the indicator names)."""
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
# (one a rule judges may give neither: the rule's threshold)
BELOW_OR_ABOVE_AT_MOST = Refusal("Give at most one of below and above.").reason()


def parse_settings(data: Mapping[str, Any]) -> Settings:
    base = data.get("settings", {})
    thresholds = []
    for i, row in enumerate(data.get("findings", [])):
        if "below" in row and "above" in row:
            raise InvalidInput(
                BELOW_OR_ABOVE_AT_MOST if row.get("indicator") in RULE_JUDGED else BELOW_OR_ABOVE, f"findings[{i}]"
            )
        if "below" not in row and "above" not in row and row.get("indicator") not in RULE_JUDGED:
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


def percent_or_number(
    indicator_id: str, value: float | None, limits: Iterable[float | None] = (), language: str = "en"
) -> str:
    """A value as a finding's text writes it: a share as a whole percentage, a number to 2 places; with more places
    where those would put it on the other side of one of `limits` (its thresholds) than it is: "0.7996, below four
    fifths", not "0.8, below four fifths". In `language`'s numbers (`number_text`): Indonesian "0,7996", "69,5%"."""
    apart = rounded_apart(value, *limits, places=2)
    if value is None or apart is None:
        return "-"
    share = "share" in indicator_id or indicator_id in SHARES
    if apart == round(value, 2):  # as ever
        return number_text(float(f"{value * 100:.0f}"), language) + "%" if share else number_text(apart, language)
    return number_text(apart * 100, language) + "%" if share else number_text(apart, language)


def number_text(value: float, language: str = "en") -> str:
    """A number of a finding's text (at most 6 significant digits, as Python's `g` writes it): English as Python
    writes it ("0.9", "1234", "0.0123457", "1.23457e+06"), another language the same digits in its own numbers
    (Babel's: Indonesian "0,9", "1.234", "0,0123457", "1,23457E6"), as the scorecard page shows the values beside it.
    The digits are `g`'s, never rounded again: a pattern's own rounding wrote 1234567 as "1.234.570" and dropped the
    seventh decimal of 0.0123457 and all of 1e-7's."""
    written = f"{value:g}"
    if language == "en":
        return written
    digits = Decimal(written)
    if "e" in written:  # (as `g` writes an exponent: from 1e-05 and 1e+06 on)
        return str(format_scientific(digits, "0.#####E0", locale=language, decimal_quantization=False))
    return str(format_decimal(digits, "#,##0.#####", locale=language, decimal_quantization=False))


# A list of a finding's values and thresholds in each language: the Indonesian decimal comma would read "2,5, 2,8" as
# four numbers
LIST_SEPARATORS = {"en": ", ", "id": "; "}


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


def findings(
    trend: Sequence[Indicator],
    year: int,
    thresholds: Iterable[Threshold],
    unit: str | None = None,
    region: str | None = None,
) -> list[dict[str, Any]]:
    """Findings of one agency's trend (of its `unit` or `region`, when the scorecard is of one): each threshold
    crossed in each of its last `years` years up to `year`."""
    by_series = series(trend)
    found = []
    for threshold in thresholds:
        for (indicator_id, _), items in sorted(by_series.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
            if indicator_id != threshold.indicator:
                continue
            wanted = {i.year: i for i in items if year - threshold.years < i.year <= year}
            if len(wanted) == threshold.years and all(threshold.crosses(i) for i in wanted.values()):
                found.append(written(threshold, [wanted[y] for y in sorted(wanted)], unit, region))
    return found


# What a finding of an impact ratio states beside it (rule fairness.adverse_impact, docs/fairness.md): the counts of
# the group and of the group it is compared with, and whether the gap is significant by the Holm-adjusted Fisher exact
# test ({p}: the adjusted p-value in the language's numbers)
COMPARED = {
    "en": (
        " ({promoted} of {eligible} promoted, against {ref_promoted} of {ref_eligible} of {reference})",
        " ({promoted} of {eligible} promoted)",
    ),
    "id": (
        " ({promoted} dari {eligible} naik pangkat, dibandingkan {ref_promoted} dari {ref_eligible} pada {reference})",
        " ({promoted} dari {eligible} naik pangkat)",
    ),
}
SIGNIFICANCE = {
    "en": {
        True: "; the gap is statistically significant (Holm-adjusted Fisher exact p = {p})",
        False: "; the gap is not statistically significant (Holm-adjusted Fisher exact p = {p}): on so few it may be "
        "chance",
    },
    "id": {
        True: "; selisihnya signifikan secara statistik (p uji eksak Fisher setelah koreksi Holm = {p})",
        False: "; selisihnya tidak signifikan secara statistik (p uji eksak Fisher setelah koreksi Holm = {p}): "
        "dengan jumlah sekecil ini bisa jadi kebetulan",
    },
}


def compared_with(item: Indicator, language: str) -> dict[str, str]:
    """The fields of a finding's text that state what an impact ratio rests on (its `details`; docs/fairness.md: the
    counts beside every rate, and a gap on small numbers may not be significant): `{counts}`, the group's promoted of
    eligible and those of the group it is compared with, and `{significance}`, whether the gap is significant by the
    Holm-adjusted Fisher p; each empty where the indicator does not say (another indicator's, a group not tested)."""
    details = item.details or {}
    if item.id not in RULE_JUDGED or item.numerator is None or item.denominator is None:
        return {"counts": "", "significance": ""}
    texts = COMPARED.get(language, COMPARED["en"])
    values = {"promoted": number_text(item.numerator, language), "eligible": number_text(item.denominator, language)}
    reference = details.get("reference_group")
    if reference is not None and details.get("reference_eligible") is not None:
        counts = texts[0].format(
            **values,
            reference=reference,
            ref_promoted=number_text(details["reference_promoted"], language),
            ref_eligible=number_text(details["reference_eligible"], language),
        )
    else:
        counts = texts[1].format(**values)
    p, significant = details.get("p_fisher_adjusted"), details.get("significant")
    significance = ""
    if p is not None and isinstance(significant, bool):
        significance = SIGNIFICANCE.get(language, SIGNIFICANCE["en"])[significant].format(
            p=number_text(float(p), language)
        )
    return {"counts": counts, "significance": significance}


# How a finding's text names the level its values are of, as its `{agency}`, by language: an agency by its code
# ("KOTA-MEDAN"); a unit by the word and its name, with its agency ("unit Bappeda, KOTA-MEDAN"); a region by the word,
# its code and name, after the agency whose staff there it counts ("KOTA-MEDAN in region 12.71 (Kota Medan)"); a
# unit's staff in a region both. Until 2026-12-05 a region's findings named the agency alone, as if the values were
# the whole agency's, and a unit's its name without saying it is a unit.
LEVELS = {
    "en": {"unit": "unit {unit}, {agency}", "region": "{where} in region {region}"},
    "id": {"unit": "unit {unit}, {agency}", "region": "{where} di wilayah {region}"},
}


def region_text(region: str) -> str:
    """A region as a finding names it: its code and, where the reference table has it, its name ("12.71 (Kota
    Medan)")."""
    known = reference().regions.rows.get(region)
    return f"{region} ({known.name})" if known is not None and known.name else region


def where(agency: str, unit: str | None, region: str | None = None, language: str = "en") -> str:
    """Whose values a finding's text names as its `{agency}` (LEVELS), in `language`: the agency; a unit's scorecard
    the unit and its agency; a region's the agency's staff in the region, whose findings are not the agency's."""
    levels = LEVELS.get(language, LEVELS["en"])
    named = agency if unit is None else levels["unit"].format(unit=unit, agency=agency)
    return named if region is None else levels["region"].format(where=named, region=region_text(region))


def written(
    threshold: Threshold, items: list[Indicator], unit: str | None = None, region: str | None = None
) -> dict[str, Any]:
    last = items[-1]
    years = [i.year for i in items]
    # the thresholds crossed: this one's, or the rule's of each year (one, unless the rule changed between them)
    limits = sorted(
        {limit for i in items if (limit := threshold.below_of(i) if threshold.by_rule else threshold.limit) is not None}
    )

    def fill(language: str) -> dict[str, Any]:
        """The text's fields with their numbers in `language`'s (number_text)."""
        listed = LIST_SEPARATORS[language].join
        crossed = [threshold.below_of(i) for i in items]
        return {
            "agency": where(last.agency, unit, region, language),
            "group": group_label(last.group),
            "years": ", ".join(str(y) for y in years) if len(years) > 1 else str(years[0]),
            "count": len(years),
            "values": listed(
                percent_or_number(last.id, i.value, [below, threshold.above], language)
                for i, below in zip(items, crossed, strict=True)
            ),
            "threshold": listed(number_text(limit, language) for limit in limits),
            "numerator": number_text(last.numerator, language) if last.numerator is not None else "-",
            "denominator": number_text(last.denominator, language) if last.denominator is not None else "-",
            **compared_with(last, language),
        }

    text = threshold.text.format(**fill("en"))
    return {
        "indicator": last.id,
        "agency": last.agency,
        "group": last.group,
        "years": years,
        "values": [i.value for i in items],
        "threshold": {
            "below": threshold.below_of(last) if threshold.by_rule else threshold.below,
            "above": threshold.above,
            "years": threshold.years,
        },
        "text": text,
        "texts": {"en": text, "id": (threshold.text_id or threshold.text).format(**fill("id"))},
        "rows": last.rows,
        "link": last.link,
        "links": list(last.links) if last.links else ([last.link] if last.link else []),
    }
