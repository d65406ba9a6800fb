"""`careerlog report scorecard`: the agency scorecard on the command line (JSON, CSV or a text summary)."""

from __future__ import annotations

import json
from typing import Any

import click
from click.core import ParameterSource

from careerlog.cli import FILLED, Context, friendly_errors, pass_context
from careerlog.cli_dates import YearToThisYear
from careerlog.cli_numbers import WholeNumber
from careerlog.domain.ledger import latest_today
from careerlog.visible import echo_as_is, json_on_terminal, on_terminal, stdout_is_terminal
from projections.mentoring import MentoringProjection
from projections.merit.audit import MeritProjection
from projections.merit.cli import csv_text, judged_alike, table_text
from projections.roster import RosterProjection
from projections.scorecard.awards import AwardsProjection
from projections.scorecard.scorecard import ScorecardQueries
from projections.store import open_view_store
from projections.training import FIRST_YEAR, TrainingProjection

MAX_TREND_YEARS = 20  # (ScorecardQueries.scorecard refuses more, as the API's `years`)

report_group = click.Group("report", help="Aggregate reports for policy makers (no personal data).")

# `unit` and `region` beside `agency`: a trend row's are the scorecard's (of a unit or region: which one the values are
# of; empty for the whole agency's), a comparison row's empty (each agency's whole staff)
COLUMNS = (
    "indicator",
    "scope",
    "agency",
    "unit",
    "region",
    "year",
    "group",
    "numerator",
    "denominator",
    "value",
    "rows",
    "suppressed",
    "untested",
)


def flat_rows(card: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per measured value: the trend of the scope (its unit and region named on each row), then the
    comparison across agencies (their whole staff: no unit or region)."""
    rows = []
    for indicator_id, item in card["indicators"].items():
        for scope in ("trend", "comparison"):
            for i in item[scope]:
                rows.append(
                    {
                        "indicator": indicator_id,
                        "scope": scope,
                        "agency": i["agency"],
                        "unit": card.get("unit") if scope == "trend" else None,
                        "region": card.get("region") if scope == "trend" else None,
                        "year": i["year"],
                        "group": "; ".join(f"{k}={v}" for k, v in i["group"].items()),
                        "numerator": i["numerator"],
                        "denominator": i["denominator"],
                        "value": i["value"],
                        "rows": json.dumps(i["rows"]["filter"], ensure_ascii=False, sort_keys=True),
                        # withheld from a reader of aggregates (a denominator below the smallest cell, or its
                        # complement), told apart from a value there is none of, as every report's row is
                        "suppressed": bool(i.get("suppressed")),
                        # why an impact ratio compared no group (its value then empty): `fewer_than_two_groups` or
                        # `nobody_promoted`, as details.untested says it; empty for every other value (since 2026-12-05)
                        "untested": (i.get("details") or {}).get("untested"),
                    }
                )
    return rows


def summary(card: dict[str, Any]) -> str:
    mine = [r for r in flat_rows(card) if r["scope"] == "trend" and r["year"] == card["year"]]
    lines = [table_text(mine, ("indicator", "group", "numerator", "denominator", "value"))]
    lines.append("")
    lines.append(f"Findings ({len(card['findings'])}):")
    lines += [on_terminal(f"- {f['text']} [{f['indicator']}]") for f in card["findings"]] or ["- none"]
    return "\n".join(lines)


@report_group.command("scorecard")
@click.option("--agency", required=True, type=FILLED, help="Agency code (careerlog reference agencies).")
@click.option(
    "--year",
    type=YearToThisYear(min=FIRST_YEAR),
    default=lambda: latest_today().year,
    help="The year reported, at most this year (default: this year).",
)
@click.option(
    "--years",
    type=WholeNumber(min=1, max=MAX_TREND_YEARS),
    default=3,
    show_default=True,
    help="Years of trend, ending with --year.",
)
@click.option("--unit", type=FILLED, help="Only this unit of the agency.")
@click.option("--region", type=FILLED, help="Only this region.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@pass_context
@friendly_errors
def scorecard_command(
    obj: Context, /, agency: str, year: int, years: int, unit: str | None, region: str | None, fmt: str
) -> None:
    """The scorecard of career-development policy: every indicator (definition, numerator, denominator,
    value and the rows behind it) with its trend and the comparison across agencies, and the findings
    written from it. Indicators are defined in docs/scorecard.md."""
    if year - years + 1 < FIRST_YEAR:  # a usage error before the store is opened, as --year's own range
        reason = (
            f"The trend would reach back to {year - years + 1}, before {FIRST_YEAR}: "
            f"at most {year - FIRST_YEAR + 1} for {year}."
        )
        if click.get_current_context().get_parameter_source("years") is ParameterSource.DEFAULT:
            # --years not given: the --year given is the one out of range (its range with the default trend)
            reason = (
                f"{year} is not in the range {FIRST_YEAR + years - 1}<=x<={latest_today().year} with the default "
                f"--years {years}: the trend would reach back to {year - years + 1}, before {FIRST_YEAR} "
                f"(or give --years, at most {year - FIRST_YEAR + 1} for {year})."
            )
            raise click.BadParameter(reason, param_hint="'--year'")
        raise click.BadParameter(reason, param_hint="'--years'")
    # the views its indicators read (decisions and unit ratings, awards, training, rank spells, mentoring)
    judged_alike(
        obj, MeritProjection(), AwardsProjection(), TrainingProjection(), RosterProjection(), MentoringProjection()
    )
    card = ScorecardQueries(open_view_store(obj.settings).sql).scorecard(
        agency, year, years=years, unit=unit, region=region
    )
    if fmt == "json":
        click.echo(json_on_terminal(json.dumps(card, ensure_ascii=False, indent=2)))
    elif fmt == "csv":
        echo_as_is(csv_text(flat_rows(card), COLUMNS, shown=stdout_is_terminal()))
    else:
        click.echo(summary(card))
