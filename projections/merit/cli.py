"""`careerlog audit ...`: the merit audit and fairness statistics on the command line."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import click

from careerlog.access import expand_regions
from careerlog.cli import FILLED, Context, friendly_errors, pass_context
from careerlog.cli_dates import Day, YearToThisYear, period_in_order
from careerlog.cli_numbers import WholeNumber
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.reference import filter_code
from careerlog.spreadsheet import defused
from careerlog.visible import echo_as_is, json_on_terminal, on_terminal, say, stdout_is_terminal
from projections.framework import (
    NewerViews,
    OlderViews,
    Projection,
    lags_of,
    newer_views,
    older_views,
    positions_read,
    rebuilds_running,
    refills_of,
    refuse_judged_otherwise,
    stalled_rebuild,
    views_made,
)
from projections.merit.audit import MeritProjection, decision_history
from projections.merit.distribution import GradeInflationQueries, with_excess
from projections.merit.fairness import (
    COUNTS,
    DEFAULT_MIN_CELL,
    MAX_MIN_CELL,
    NOBODY_PROMOTED,
    PERSON,
    ROUND,
    FairnessQueries,
    with_pool,
)
from projections.merit.passed_over import PASSED_OVER_CSV_COLUMNS, every_passed_over, flat_pair, ledger_records
from projections.merit.passed_over import colleagues_of as decision_colleagues
from projections.merit.queries import (
    APPOINTMENT_RULES,
    DECISION_VERDICTS,
    VERDICTS,
    AuditQueries,
    comparison_evidence,
    judged_by,
    period,
    with_colleagues,
)
from projections.merit.study_leave import StudyLeaveProjection
from projections.merit.study_leave_queries import StudyLeaveQueries
from projections.roster import RosterProjection
from projections.scorecard.scorecard import UNKNOWN_AGENCY, UNKNOWN_REGION
from projections.store import open_view_store
from projections.training import UNKNOWN_FILTER_OF, TrainingProjection
from projections.units import with_unit_spellings

audit_group = click.Group("audit", help="Audit promotions against the rules and compare groups.")

FAIRNESS_COLUMNS = (
    "group",
    "eligible",
    "promoted",
    "selection_rate",
    "impact_ratio",
    "impact_ratio_ci",
    "adverse_impact",
    "z",
    "p_z",
    "p_fisher",
    "p_fisher_adjusted",
    "significant",
    "shortfall",
    "mh_odds_ratio",
    "p_cmh",
    "suppressed",
    "promoted_out_of_rule",  # of the promoted, those not eligible: the eligible alone are pool - promoted_out_of_rule
    "pool",  # the same number as `eligible` (deprecated), correctly named (docs/fairness.md)
    "untested",  # why nothing is compared (fewer than two groups shown), as a CSV row carries it: after `pool`
    "count",  # how the pool was counted (round or person), as a CSV row carries it: last
)
TIME_COLUMNS = (
    "group",
    "n",
    "promoted",
    "censored",
    "separated",
    "median_years",
    "incidence_4y",
    "incidence_4y_ci",
    "incidence_8y",
    "incidence_8y_ci",
    "suppressed",
    "untested",  # why there is no log-rank test or Cox model (fewer than two groups shown)
)


def fairness_queries(obj: Context) -> FairnessQueries:
    return FairnessQueries(open_view_store(obj.settings).sql)


def period_and_scope(options: dict[str, str | None]) -> tuple[str | None, str | None, dict[str, str]]:
    """The --from/--to period and the --agency/--region/--unit scope given on the command line."""
    start, end = options.pop("start", None), options.pop("end", None)
    return start, end, known_places({k: v for k, v in options.items() if v})


# the options naming a code of a reference table (read by their filters' one reader, careerlog.reference.filter_codes),
# and their refusals (`careerlog report scorecard`'s)
PLACE_REFUSALS = {"agency": UNKNOWN_AGENCY, "region": UNKNOWN_REGION}


def known_places(options: dict[str, Any]) -> dict[str, Any]:
    """The options, their --agency and --region each a code of its reference table in any letter case, read as the
    code (careerlog.reference.AnyCase, as the API's filters take them: --agency kota-medan is KOTA-MEDAN): another (a
    misspelt code, a name) is refused naming it (exit 1), never answered with an empty list or no groups, which would
    read as "nothing found there". The unit is free text. A region then covers the regions inside it, as the API's
    filter and an account's scope do (careerlog.access.narrow): --region 12 is the province's staff with its
    regencies' and cities' (12.71...); the options are changed in place."""
    for name, refusal in PLACE_REFUSALS.items():
        value = options.get(name)
        if value:
            code = filter_code(name, value)
            if code is None:
                raise InvalidInput(refusal.reason(**{name: repr(value)}), name)
            options[name] = code
    if options.get("region"):
        options["region"] = sorted(expand_regions([options["region"]]))
    if options.get("unit"):  # in any letter case or spacing, as the API reads it; an unknown one refused (exit 1)
        context = click.get_current_context(silent=True)
        if context is not None and isinstance(context.obj, Context):
            options.update(with_unit_spellings(open_view_store(context.obj.settings).sql, options))
    return options


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
        return json.dumps(value, ensure_ascii=False)  # (a unit-year's counts and caps: JSON, as the API's CSV)
    if isinstance(value, list):
        return "[" + ", ".join(cell(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def csv_cell(value: Any, *, shown: bool = False) -> str:
    """A value as a CSV cell: as the table shows it, a text a spreadsheet would run as a formula defused; `shown` (the
    CSV goes to a terminal: careerlog.visible.stdout_is_terminal), its control characters visible, as the table's."""
    text = defused(cell(value))
    return on_terminal(text) if shown else text


def table_text(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """The rows as a table for the terminal: each value's control characters visible (on_terminal), so that the only
    newlines are those ending its lines."""
    cells = [[on_terminal(cell(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def csv_text(rows: list[dict[str, Any]], columns: tuple[str, ...], *, shown: bool = False) -> str:
    """The rows as CSV, their texts as recorded, or with their control characters visible (`shown`: csv_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(r.get(c), shown=shown) for c in columns] for r in rows)
    return out.getvalue().rstrip("\n")


def emit(
    result: dict[str, Any], rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str, notes: str | list[str]
) -> None:
    """The result as JSON, CSV (as recorded: a machine's format, but on a terminal) or a table and its notes (`notes`: a
    line, or the lines), the texts of the table, the notes and CSV on a terminal shown with their control characters
    visible (careerlog.visible)."""
    if fmt == "json":
        click.echo(json_on_terminal(json.dumps(result, ensure_ascii=False, indent=2)))
    elif fmt == "csv":
        echo_as_is(csv_text(rows, columns, shown=stdout_is_terminal()))
    else:
        click.echo(table_text(rows, columns))
        for line in [notes] if isinstance(notes, str) else notes:
            say(line)


F = TypeVar("F", bound=Callable[..., Any])


def place_and_period(day: str) -> list[Any]:
    """The options --agency, --unit, --region and the period's --from and --to (`day`: what they bound), each refused
    given empty (FILLED), never read as no filter; a day not written YYYY-MM-DD, and a --from after today (every
    audit's, as the API refuses it: projections.reading.after_today; until 2026-12-06 the statistics' alone), is a
    usage error naming its option (careerlog.cli_dates), as a --to before the --from is (`period_in_order`, which the
    decorators using these options apply)."""
    return [
        click.option("--agency", type=FILLED, help="Only this agency."),
        click.option("--unit", type=FILLED, help="Only this unit."),
        click.option("--region", type=FILLED, help="Only this region."),
        click.option(
            "--from",
            "start",
            type=Day(until_today=True),
            help=f"First {day} (YYYY-MM-DD, at most today).",
        ),
        click.option("--to", "end", type=Day(), help=f"Last {day} (YYYY-MM-DD)."),
    ]


# A list's or a statistic's output: a table to read, JSON or CSV
table_format = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")


def period_options(options: list[Any]) -> Callable[[F], F]:
    """The click `options` (`place_and_period`'s among them) as one decorator, the command's --to checked against
    its --from (`period_in_order`)."""

    def decorate(func: F) -> F:
        func = period_in_order(func)
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def place_and_period_options(day: str) -> Callable[[F], F]:
    """`place_and_period`'s options as one decorator."""
    return period_options(place_and_period(day))


def common_options(func: Any) -> Any:
    """The statistics' options (fairness's and time to promotion's: their --from at most today, as they count no
    round and no waiting after today)."""
    return period_options(
        [
            click.option(
                "--by", default="sex", type=FILLED, show_default=True, help="One dimension, or two for intersections."
            ),
            *place_and_period("day of the period"),
            click.option(
                "--min-cell",
                default=None,
                type=WholeNumber(min=1, max=MAX_MIN_CELL),
                help="Smallest group reported  [default: the min_cell of rule fairness.adverse_impact, "
                f"{DEFAULT_MIN_CELL} by the bundled rules]",
            ),
            table_format,
        ]
    )(func)


def counted_and_untested_lines(result: dict[str, Any], counted: str, untested: str) -> list[str]:
    """The lines of the selection rates (`counted` "pools") or of time to promotion ("rank spells") saying whom they
    count (`employment_kinds`: PNS only) and, when nothing is compared (`untested`: fewer than two groups shown,
    grouped by employment_kind PNS alone; or nobody in them promoted), why: `untested` begins that line."""
    kinds = " and ".join(result["employment_kinds"])
    lines = [f"{counted} of {kinds} only: PPPK hold contract grades, never promoted in rank (docs/fairness.md)"]
    if result["untested"] == NOBODY_PROMOTED:
        lines.append(f"{untested}: nobody in the groups shown was promoted)")
    elif result["untested"]:
        lines.append(f"{untested}: they need two groups of at least {result['min_cell']})")
    return lines


@audit_group.command("fairness")
@common_options
@click.option(
    "--count",
    type=click.Choice(COUNTS),
    default=ROUND,
    show_default=True,
    help="round: a person once per round they were in its pool; person: once in the period, in the group of their "
    "first eligible round of it (no CMH test).",
)
@pass_context
@friendly_errors
def fairness_command(
    obj: Context, /, by: str, fmt: str, min_cell: int | None, count: str, **options: str | None
) -> None:
    """Selection rates of the promotion rounds per group: the four-fifths rule, z, Fisher and CMH tests.

    Dimensions: sex, agency, region, education, age_band, recruitment_path, employment_kind;
    `--by sex,agency` gives their intersections. See docs/fairness.md.
    """
    judged_alike(obj, MeritProjection(), RosterProjection())
    start, end, scope = period_and_scope(options)
    result = fairness_queries(obj).fairness(by, start=start, end=end, scope=scope, min_cell=min_cell, count=count)
    result = {**result, "groups": with_pool(result["groups"])}
    counted = (
        "counted by person: each once in the period, in the group of their first eligible round"
        if count == PERSON
        else "counted by round: a person once per round"
    )
    notes = [
        f"reference: {result['reference'] or '-'}; rounds: {result['rounds']}; {counted}; "
        f"Fisher p adjusted ({result['correction']}); groups under {result['min_cell']} suppressed",
        f"adverse impact: a ratio under {result['four_fifths']}; significant: adjusted p at most {result['alpha']} "
        f"(rule {result['rule']}, version from {result['rule_from'] or '- (none in force: the bundled values)'})",
        f"impact_ratio_ci: the {result['impact_ratio_ci_level'] * 100:g}% interval (1 - alpha)",
    ]
    past = result.get("past_retirement")
    if past and past["records"]:
        notes.append(
            f"in the pools, records past their expected end of service with no separation recorded ({past['rule']}, "
            f"status {past['rule_status']}): {past['records']}, with {past['rounds']} rounds after it counted, "
            f"{past['promoted']} promoted; their rounds stop at that day but those promoted in (merit.rounds_reach, "
            "docs/fairness.md)"
        )
    notes += counted_and_untested_lines(result, "pools", "impact ratios: - (no comparison")
    emit(result, result["groups"], FAIRNESS_COLUMNS, fmt, notes)


@audit_group.command("time-to-promotion")
@common_options
@pass_context
@friendly_errors
def time_to_promotion_command(obj: Context, /, by: str, fmt: str, min_cell: int | None, **options: str | None) -> None:
    """Years in rank until promotion per group: Kaplan-Meier medians, those who left, the cumulative incidence of
    promotion by 4 and 8 years (leaving competing), log-rank test and Cox hazard ratios; intervals at 1 - alpha of
    rule fairness.adverse_impact."""
    views_read(obj, RosterProjection(), TrainingProjection())
    start, end, scope = period_and_scope(options)
    result = fairness_queries(obj).time_to_promotion(by, start=start, end=end, scope=scope, min_cell=min_cell)
    logrank, cox = result["logrank"], result["cox"]
    lines = counted_and_untested_lines(result, "rank spells", "log-rank: - (no test nor Cox model")
    lines.append(f"intervals (incidence, Cox): the {result['ci_level'] * 100:g}% ones (1 - alpha)")
    if start:
        lines.append(
            f"from {start}: {result['entered_late']} rank spells begun before it enter at their years in rank then"
            " (delayed entry); incidence by 4 and 8 years of those begun from it alone"
        )
    if logrank and logrank["chi2"] is None:  # (statsmodels' variance singular: docs/fairness.md; "chi2 None" before)
        lines.append(
            f"log-rank: not computable (df {logrank['df']}): one of the groups shown had no rank spell at risk at any"
            " time in rank at which someone was promoted"
        )
    elif logrank:
        lines.append(f"log-rank: chi2 {logrank['chi2']}, df {logrank['df']}, p {logrank['p']}")
    if cox:
        errors = cox.get("standard_errors", "")
        lines.append(
            f"Cox (reference {cox['reference_group']}, adjusted for {', '.join(cox['covariates'])};"
            f" standard errors {errors.replace('_', ' ')}):"
        )
        lines += [f"  {t['term']}: HR {t['hazard_ratio']} {cell(t['ci'])} p {t['p']}" for t in cox["terms"]]
        lines += [f"  {message}" for message in [*cox.get("warnings", []), *filter(None, [cox.get("error")])]]
    emit(result, result["groups"], TIME_COLUMNS, fmt, lines)


# The audited decisions' lists' columns, in a table and in CSV: some of the fields the JSON holds, by the same names,
# the API's (projections.merit.schemas.DecisionSchema: the employee's NIP is `nip`, the views' `subject`)
PROMOTION_COLUMNS = (
    "tmt",
    "nip",
    "version",
    "kind",
    "rank_before",
    "rank_after",
    "agency",
    "unit",
    "verdict",
    "finding_count",
    "max_severity",
    "passed_over_count",
)


POST_COLUMNS = (
    "tmt",
    "nip",
    "version",
    "kind",
    "level",
    "title",
    "rank_before",
    "agency",
    "unit",
    "verdict",
    "finding_count",
    "max_severity",
    "passed_over_count",
)
DECISION_COLUMNS = ("decision", *PROMOTION_COLUMNS[:6], "level", "title", *PROMOTION_COLUMNS[6:])
MIN_YEAR = 1900  # a rating year: from it to this year, as the API's `year` (web.api.fields.a_past_year)
MAX_VERSION = 999_999_999  # an audited decision's version (the API's decision id: at most 9 digits)
INFLATION_COLUMNS = ("year", "agency", "unit", "unit_predicate", "rated", "counts", "exceeded", "severity")


def audit_queries(obj: Context) -> AuditQueries:
    return AuditQueries(open_view_store(obj.settings).sql)


def decision_options(func: Any) -> Any:
    """The audited decisions' lists' options."""
    return period_options(
        [
            *place_and_period("TMT"),
            click.option(
                "--rule", type=FILLED, help="Only decisions with a finding of this rule (e.g. promotion.time_in_rank)."
            ),
            click.option(
                "--severity", type=click.Choice(["low", "medium", "high"]), help="Only findings at least this severe."
            ),
            click.option(
                "--verdict",
                type=click.Choice(list(DECISION_VERDICTS)),
                help="Only compliant decisions, those with findings (merit.passed_over among them), or those not "
                "judged (dated before any rule of their kind).",
            ),
            click.option(
                "--passed-over/--not-passed-over",
                "passed_over",
                default=None,
                help="Only the regular (101) promotions that passed over a clearly stronger colleague, or the others.",
            ),
            table_format,
        ]
    )(func)


def emit_decisions(audit: AuditQueries, options: dict[str, Any], columns: tuple[str, ...], fmt: str) -> None:
    """The audited decisions as a table, or streamed as CSV or JSON: a CSV or JSON list of every
    decision in the country is written a page at a time, never held in memory whole."""
    filters = known_places({k: v for k, v in options.items() if k not in CRITERIA})
    criteria = {k: v for k, v in options.items() if k in CRITERIA}
    statement, params = audit.decisions_sql(filters, **criteria)
    if fmt == "table":
        judge = audit.judging()
        rows = [named_as_listed(judge(r)) for r in audit.store.query(statement, params)]
        flagged = sum(1 for r in rows if r["verdict"] == "findings")
        passed = sum(1 for r in rows if r["passed_over_count"])
        emit(
            {}, rows, columns, fmt, f"{len(rows)} decisions, {flagged} with findings, {passed} passed over a colleague"
        )
        return
    if fmt == "csv":
        # (each_decision: read in keyset batches, each a short read of its own, so a slow reader of the output, a
        # pager, holds no transaction open: until 2026-12-07 one query's, which PostgreSQL ended after 30 s idle)
        decisions = audit.each_decision(filters, **criteria)
        shown = stdout_is_terminal()
        echo_as_is(csv_lines([columns]), nl=False)
        while rows := list(itertools.islice(decisions, 10000)):
            listed = map(named_as_listed, rows)
            echo_as_is(csv_lines([csv_cell(r.get(c), shown=shown) for c in columns] for r in listed), nl=False)
        return
    from projections.merit.schemas import DecisionSchema  # (marshmallow: only for JSON)

    schema = DecisionSchema()  # the API's: the same names and types (`nip`, `corrected` true or false)
    # (with its findings, as the API's list reads them: the rules each fired, `rules` and `rule_titles`)
    for chunk in json_list("decisions", map(schema.dump, audit.each_decision(filters, **criteria))):
        click.echo(json_on_terminal(chunk), nl=False)


def named_as_listed(row: dict[str, Any]) -> dict[str, Any]:
    """A listed decision's row (`decisions_sql`'s, judged) with its NIP under the name its table, CSV and JSON give
    it, the API's `nip` (the view's `subject`)."""
    row["nip"] = row["subject"]
    return row


CRITERIA = ("decision", "start", "end", "rule", "severity", "passed_over")
# The command line has no list of CPNS appointments alone: `audit promotions --with-posts` lists them among every
# decision (the API's and pages' own list: queries.OTHER_DECISIONS_RULE).
APPOINTMENTS_LISTED = Refusal(
    "Rule {rule} judges CPNS appointments, not the decisions of this list: they are listed with every audited "
    "decision by careerlog audit promotions --with-posts --rule {rule}.",
    quotes=("rule",),
)


def appointments_listed_apart(options: dict[str, Any]) -> None:
    """InvalidInput naming `rule` when it is a CPNS appointment's rule asked of the list of promotions alone or of
    post appointments, saying which command lists them (the queries' refusal names the web's list)."""
    rule = options.get("rule")
    if rule in APPOINTMENT_RULES and judged_by(rule):
        raise InvalidInput(APPOINTMENTS_LISTED.reason(rule=rule), "rule")


def csv_lines(rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def json_list(key: str, items: Iterator[dict[str, Any]]) -> Iterator[str]:
    """`json.dumps({key: list(items)}, ensure_ascii=False, indent=2)` and a newline, written item by item."""
    first = next(items, None)
    if first is None:
        yield json.dumps({key: []}, ensure_ascii=False, indent=2) + "\n"
        return
    yield "{\n  " + json.dumps(key) + ": [\n"
    for n, item in enumerate(itertools.chain([first], items)):
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("" if n == 0 else ",\n") + "    " + text
    yield "\n  ]\n}\n"


@audit_group.command("promotions")
@decision_options
@click.option("--with-posts", is_flag=True, help="Post and CPNS appointments too (all audited decisions).")
@pass_context
@friendly_errors
def promotions_command(obj: Context, /, fmt: str, with_posts: bool, **options: str | None) -> None:
    """Every rank promotion with its verdict: compliant, or the number and worst severity of its findings."""
    judged_alike(obj)
    if not with_posts:
        appointments_listed_apart(options)
    options["decision"] = None if with_posts else "promotion"
    emit_decisions(audit_queries(obj), options, DECISION_COLUMNS if with_posts else PROMOTION_COLUMNS, fmt)


@audit_group.command("posts")
@decision_options
@pass_context
@friendly_errors
def posts_command(obj: Context, /, fmt: str, **options: str | None) -> None:
    """Every definitive post appointment with its verdict (post.* rules, evidence recorded after)."""
    judged_alike(obj)
    if options.get("passed_over") is not None:  # the lists compare no post's colleagues: it found none, or all
        known = "agency, unit, region, from, to, rule, severity, verdict"
        raise InvalidInput(UNKNOWN_FILTER_OF.reason(known=known), "passed_over")
    appointments_listed_apart(options)
    options["decision"] = "post"
    emit_decisions(audit_queries(obj), options, POST_COLUMNS, fmt)


# The audited study leaves' list's columns, in a table and in CSV, by the API's names and types
# (web.api.study_leave_schemas.AuditedStudyLeaveSchema: the NIP `nip`, `judged` true or false; `study_leave_as_listed`)
STUDY_LEAVE_LIST_COLUMNS = (
    "start_date",
    "nip",
    "version",
    "kind",
    "employment_kind",
    "pns_since",
    "pns_years",
    "agency",
    "unit",
    "judged",
    "verdict",
    "finding_count",
    "max_severity",
)


@audit_group.command("study-leaves")
@period_options(
    [
        *place_and_period("day study leave starts"),
        click.option(
            "--rule",
            type=FILLED,
            help="Only starts with a finding of this rule (study_leave.*, evidence.recorded_after).",
        ),
        click.option(
            "--severity", type=click.Choice(["low", "medium", "high"]), help="Only findings at least this severe."
        ),
        click.option(
            "--verdict", type=click.Choice(list(VERDICTS)), help="Only compliant starts, or those with findings."
        ),
        table_format,
    ]
)
@pass_context
@friendly_errors
def study_leaves_command(obj: Context, /, fmt: str, **options: str | None) -> None:
    """Every start of study leave (tugas belajar) with its verdict: a year as PNS, no medium or severe penalty in force,
    nothing it rests on recorded after it (study_leave.* rules, evidence.recorded_after; docs/audit.md)."""
    judged_alike(obj, StudyLeaveProjection())
    criteria = {k: options.pop(k) for k in ("start", "end", "rule", "severity", "verdict")}
    filters = known_places({k: v for k, v in options.items() if v})
    leaves = [
        study_leave_as_listed(s)
        for s in StudyLeaveQueries(open_view_store(obj.settings).sql).study_leaves(filters, **criteria)
    ]
    flagged = sum(1 for s in leaves if s["verdict"] == "findings")
    notes = f"{len(leaves)} starts of study leave, {flagged} with findings"
    if fmt == "table":
        lines = [f"  {s['id']} {f['rule']} ({f['severity']}): {f['message']}" for s in leaves for f in s["findings"]]
        lines.append(notes)
    emit({"study_leaves": leaves}, leaves, STUDY_LEAVE_LIST_COLUMNS, fmt, lines if fmt == "table" else notes)


def study_leave_as_listed(row: dict[str, Any]) -> dict[str, Any]:
    """An audited start of study leave (the view's row, with its findings) by the names and types the API's list gives
    it (web.api.study_leave_schemas.AuditedStudyLeaveSchema): its id `{nip}-{version}`, its NIP `nip` (the view's
    `subject`), `judged` and `corrected` true or false (the view's 1 or 0). Until 2026-12-06 the command's table, CSV
    and JSON said `subject` and 1."""
    listed = {"id": f"{row['subject']}-{row['version']}", "nip": row["subject"]}
    listed.update((name, value) for name, value in row.items() if name != "subject")
    for name in ("judged", "corrected"):
        if listed.get(name) is not None:
            listed[name] = bool(listed[name])
    return listed


@audit_group.command("grade-inflation")
@click.option("--agency", type=FILLED, help="Only this agency.")
@click.option("--unit", type=FILLED, help="Only this unit.")
@click.option("--from", "start", type=YearToThisYear(min=MIN_YEAR), help="First rating year.")
@click.option("--to", "end", type=YearToThisYear(min=MIN_YEAR), help="Last rating year.")
@table_format
@period_in_order
@pass_context
@friendly_errors
def grade_inflation_command(obj: Context, /, fmt: str, start: int | None, end: int | None, **scope: str | None) -> None:
    """Units whose staff ratings of a year spread beyond what the unit's own rating allows."""
    judged_alike(obj)
    queries = GradeInflationQueries(open_view_store(obj.settings).sql)
    found = [with_excess(u) for u in queries.grade_inflation(known_places(scope), start=start, end=end)]
    emit({"units": found}, found, INFLATION_COLUMNS, fmt, f"{len(found)} unit-years with grade inflation")


def judged_alike(obj: Context, *projections: Projection) -> None:
    """Refuse (exit 1) a command reading views built under rules (the merit view's, unless named) in a shell
    whose rules differ from those the rows were judged by (`view_configurations`): what the command asks of the
    rules at query time (merit.passed_over's comparison and count, a severity, a rule in force, a unit's rating
    caps) is asked of this process's rules, the rows' verdicts, rounds and eligibility were judged by the rules of
    the process that made them, and no process holds another's rules: a shell whose CAREERLOG_RULES_FILE differs
    answered by both, in silence (projections.framework.ViewJudgedOtherwise names CAREERLOG_RULES_FILE and both
    digests).

    First (views_read) the views the command reads must be made, and a warning says when one is being filled."""
    projections = projections or (MeritProjection(),)
    views_read(obj, *projections)
    refuse_judged_otherwise(open_view_store(obj.settings).sql, projections)


def views_read(obj: Context, *projections: Projection) -> None:
    """Refuse (exit 1, nothing made) a command reading a view of `projections` that the store has not made
    (ViewsNotMade names those this command reads, and the rebuild to run); warn on standard error when one of them
    is being filled or rebuilt (refilled after a change of the rules, a new version): its rows are part of the
    records only, so the command's results are incomplete (a rebuild that stopped before it finished named, with the
    rebuild to run: until 2026-12-05 it said to run the command again once the view was ready, which it never
    would be); or when one is ready but behind the log (no worker has
    applied the events since: an import with no worker running), naming the lag and the catch-up. A view a newer
    release made (a higher version) is refused (NewerViews, exit 1), as `projections status`, `run` and `serve`
    refuse it; so is one an older release made (a lower version: OlderViews, exit 1) until a worker of this release
    makes it again, as the server answers no read of it meanwhile (until 2026-12-06 its rows were read as this
    release's, without a word)."""
    views_made(obj.app.recorder.datastore, projections)  # type: ignore[attr-defined]
    views = open_view_store(obj.settings)
    if newer := newer_views(views.sql, projections):  # as `projections status`, `run` and `serve` refuse it
        raise NewerViews(obj.settings, newer)
    if older := older_views(views.sql, projections):  # as the server answers no read of it (503) until made again
        raise OlderViews(older)
    refills = refills_of(views.sql, views.tracking_table, projections)
    rebuilding = [r.name for r in refills if r.state == "rebuilding"]
    running = rebuilds_running(obj.settings, views.sql, rebuilding)
    for refill in refills:
        if refill.name in rebuilding and refill.name not in running:  # (one stopped: no run of the command mends it)
            click.echo(
                f"Warning: the view {refill.name} holds only part of the records: these results are incomplete. "
                f"{stalled_rebuild([refill.name])} Then run the command again.",
                err=True,
            )
            continue
        click.echo(
            f"Warning: the view {refill.describe()} is being filled and holds only part of the records: these "
            "results are incomplete. Run the command again once `careerlog projections status` shows it ready.",
            err=True,
        )
    catches_up: bool | None = None  # (asked once, of the first view behind)
    for lag in lags_of(views.sql, views.tracking_table, projections, obj.app.max_notification_id()):
        if obj.settings.reads_in_place:  # (read-only: nothing may catch the views up here)
            click.echo(
                f"Warning: the view {lag.describe()}: these results leave out the records since, and the store "
                "is read in place, read-only, so its views cannot catch up here. Catch up on a writable copy "
                "(`careerlog projections run --once`), or on the store it was copied from before copying it again.",
                err=True,
            )
            continue
        catches_up = views.catches_up_here() if catches_up is None else catches_up
        if not catches_up:  # (a read-only role: docs/operations.md, A read-only role)
            click.echo(
                f"Warning: the view {lag.describe()}: these results leave out the records since, and the role "
                f"{obj.settings.postgres()['user']} may only read the store, so its views cannot catch up here. "
                "Catch up as a role that may write it (`careerlog projections run --once`, or start the projection "
                "workers), then run the command again.",
                err=True,
            )
            continue
        click.echo(
            f"Warning: the view {lag.describe()}: these results leave out the records since. Catch up with "
            "`careerlog projections run --once` (or start the projection workers), then run the command again.",
            err=True,
        )


# A decision's verdict when none: not judged, no rule of its own kind in force on its date (the pages' words; the
# API's `judged` false). Until 2026-12-06 the command wrote Python's `None`.
NOT_JUDGED = "not judged: no rule in force then"


def merit_behind(obj: Context, nip: str) -> bool:
    """Whether the merit view has yet to apply the record's last event the log holds: the audited decision's `behind`,
    as the API gives it (its rows older than the corrections and confirmations read from the log)."""
    views = open_view_store(obj.settings)
    found = views.sql.query(*positions_read(views.tracking_table, [MeritProjection.name]))
    position = int(found[0]["n"]) if found and found[0]["n"] is not None else 0
    return position < obj.app.last_notification_id(nip)


@audit_group.command("promotion")
@click.argument("nip")
@click.argument("version", type=WholeNumber(min=1, max=MAX_VERSION))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@pass_context
@friendly_errors
def promotion_command(obj: Context, /, nip: str, version: int, fmt: str) -> None:
    """One promotion's findings with the evidence (each fact's effective and recorded time)."""
    from careerlog.domain.nip import eighteen_digits, normalise_nip, not_a_nip

    typed, nip = nip, normalise_nip(nip)  # (as `history` reads it: '1965 1106 ...' was "No audited decision")
    if not eighteen_digits(nip):
        raise InvalidInput(not_a_nip(typed), "nip")
    judged_alike(obj)
    behind = merit_behind(obj, nip)  # (read before the rows, as the API reads it: web.services.Services.audit)
    result = {**audit_queries(obj).promotion(nip, version), "behind": behind}
    result["passed_over"], result["recorded_later"] = decision_colleagues(
        open_view_store(obj.settings).sql, ledger_records(obj.app), result
    )
    colleagues = sorted({p["colleague"] for p in result["passed_over"]})
    with_colleagues(result, result["passed_over"], comparison_evidence(ledger_records(obj.app), result, colleagues))
    result.update(decision_history(ledger_records(obj.app), result))
    from projections.merit.schemas import AuditSchema, ComparedMeasuresSchema  # (marshmallow: only here)

    if fmt == "json":  # the API's decision (GET /api/v1/audits/promotions/{nip}-{version}): `nip`, `id`, `judged`
        click.echo(json_on_terminal(json.dumps(AuditSchema().dump(result), ensure_ascii=False, indent=2)))
        return
    # each comparison as the API's decision and the passed-over list write it: JP, days and education whole numbers
    compared = ComparedMeasuresSchema()
    for row in result["passed_over"]:
        row["comparison"] = compared.dump(row["comparison"])
    if result["decision"] == "promotion":
        change = f"{result['rank_before']} -> {result['rank_after']}"
    elif result["decision"] == "appointment":  # a CPNS appointment: its kind the entry education
        change = f"at {result['rank_after']}"
    else:
        change = f"{result['level'] or ''} {result['title']} (rank {result['rank_before']})"
    say(
        f"{result['subject']} v{result['version']} {result['decision']} {result['kind']} {change} "
        f"TMT {result['tmt']} recorded {result['recorded_at']}: {result['verdict'] or NOT_JUDGED}"
    )
    for finding in result["findings"]:
        say(f"- {finding['rule']} ({finding['severity']}, {finding['status']}; {finding['source']})")
        say(f"  {finding['message']}")
        for fact in finding["evidence"]:
            say(
                f"  * v{fact['version']} {fact['kind']} effective {fact['effective_date']} "
                f"recorded {fact['recorded_at']} {fact['reference']}"
            )
    for row in result["confirmations"]:
        amends = f" of v{row['target_version']}" if row["target_version"] is not None else ""
        say(
            f"- rank jump confirmed by the writer ({', '.join(row['confirmed'])}): v{row['version']} {row['kind']}"
            f"{amends} recorded {row['recorded_at']} by {row['recorded_by']} {row['reference']}"
        )
    for rating in result["inflated_ratings"]:
        unit = rating["unit_finding"]
        say(
            f"- relied on the {rating['year']} rating {rating['predicate']}, given in {unit['agency']} {unit['unit']} "
            f"whose ratings exceed its {unit['unit_predicate']} caps ({unit['rule']})"
        )
    for row in result["passed_over"]:
        say(f"- merit.passed_over ({row['severity']}): colleague {row['colleague']} clearly stronger")
        for measure, values in row["comparison"].items():
            say(f"  {measure}: " + ", ".join(f"{who} {value}" for who, value in values.items()))
    for row in result["recorded_later"]:
        placed = (
            "placed in the unit at this rank only by a record made after the decision: not compared"
            if row["placed"] == "here"
            else "in the unit at this rank as known before the decision, placed elsewhere since: compared as known then"
        )
        say(f"- colleague {row['colleague']} {placed}")


# The passed-over pairs' columns in a table (the JSON's names too; the CSV's are passed_over.PASSED_OVER_CSV_COLUMNS):
# the employee's NIP `nip`, as the audited decisions' lists name it (DecisionSchema's, the API's), where the views say
# `subject` (until 2026-12-06 the command did too)
PASSED_OVER_COLUMNS = ("tmt", "nip", "version", "decision", "kind", "rank", "agency", "unit", "colleague", "severity")
RECORDED_LATER_COLUMNS = ("tmt", "nip", "version", "decision", "kind", "colleague", "placed")


@audit_group.command("passed-over")
@place_and_period_options("TMT")
@table_format
@pass_context
@friendly_errors
def passed_over_command(obj: Context, /, fmt: str, start: str | None, end: str | None, **scope: str | None) -> None:
    """Decisions with an eligible, clearly stronger colleague of the same unit and rank who was not chosen."""
    judged_alike(obj)
    known_places(scope)
    store = open_view_store(obj.settings).sql
    checked = period(start, end)
    found, later = every_passed_over(store, ledger_records(obj.app), scope, checked[0], checked[1])
    from projections.merit.schemas import PassedOverListSchema  # (marshmallow: only here)

    listed = PassedOverListSchema().dump({"passed_over": found, "recorded_later": later})  # (as the API)
    if fmt == "csv":  # (the API's CSV: the comparison flat, and the decision's version and page)
        rows = [flat_pair(pair) for pair in listed["passed_over"]]
        echo_as_is(csv_text(rows, PASSED_OVER_CSV_COLUMNS, shown=stdout_is_terminal()))
        return
    emit(listed, found, PASSED_OVER_COLUMNS, fmt, f"{len(found)} decision/colleague pairs")
    if fmt == "table" and later:
        click.echo()
        say(
            "Colleagues of the 202 promotions and posts placed otherwise by a record made after the decision "
            "(elsewhere: in the unit at the rank as known before the decision, compared so; here: only by the "
            "later record, not compared):"
        )
        click.echo(table_text(later, RECORDED_LATER_COLUMNS))
