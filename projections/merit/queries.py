"""Plain-data queries over the merit tables: the audited promotions and one decision's findings."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import queue
import threading
from array import array
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from operator import itemgetter
from typing import Any, ClassVar

import orjson
from psycopg.rows import tuple_row

from careerlog.domain.errors import InvalidInput, NotFound, quoted
from careerlog.domain.wording import Refusal, Template
from careerlog.keyset import Keyset, Paged, Paging, page_and_next
from careerlog.reference import Reference, Rule, Rules, reference, rules
from careerlog.sqlstore import Sql, SqlStore
from projections.career import CareerRecord
from projections.merit.distribution import GradeInflationQueries
from projections.merit.rules import SEVERITY_ORDER, evidence_json
from projections.reading import ViewReader, plain_day
from projections.roster_paging import RosterTotals, position_read
from projections.training import filter_clauses, units_shown, where_sql

DECISION_FILTERS = {
    "nip": "d.subject",
    "agency": "d.agency",
    "unit": "d.unit",
    "region": "d.region",
    "kind": "d.kind",
    "level": "d.level",
    "verdict": "d.verdict",
}
DECISION_COLUMNS = (
    "subject, version, decision, reference, kind, tmt, recorded_at, agency, unit, region, "
    "rank_before, rank_after, level, title, corrected, verdict, finding_count, max_severity"
)
DECISION_TYPES = ("promotion", "post", "appointment")
FINDING_COLUMNS = ("rule", "severity", "source", "status", "message", "evidence")
VERDICTS = ("compliant", "findings")
# A decision's verdict filter: also `not_judged` (verdict NULL: no rule of its kind in force on its date, merit
# view 43), which neither `compliant` nor `findings` lists
NOT_JUDGED = "not_judged"
# A listed decision the lists do not compare with its colleagues (a 202 promotion or a managerial post: its own page
# does, `compared_alone`) whose rule checks found nothing: not known `compliant` until its page compares it, so a list
# reads `not_compared` for it and `verdict=compliant` leaves it out (until 2026-12-06 a list read `compliant` where
# the page could read `findings`); `verdict=not_compared` lists those alone.
NOT_COMPARED = "not_compared"
DECISION_VERDICTS = (*VERDICTS, NOT_JUDGED, NOT_COMPARED)
PASSED_OVER = "merit.passed_over"
PASSED_OVER_COUNT = "passed_over_count"  # the listed decisions' column after DECISION_COLUMNS
# The refusals of an audit's request (careerlog.domain.wording)
NOT_A_DATE = Refusal("Must be a date YYYY-MM-DD, got {value}.")
BEFORE_FROM = Refusal("Must not be before 'from' ({first}), got {last}.", dates=("first", "last"))
UNKNOWN_VERDICT = Refusal("Unknown verdict {verdict}; one of {known}.")
UNKNOWN_DECISION = Refusal("Unknown decision; one of {known}.")
UNKNOWN_SEVERITY = Refusal("Unknown severity; one of {known}.")
NOT_AUDITED = Refusal("No audited decision {version} of {nip}.")
KEPT_ROUNDS = "<kept rounds>"  # in a total's key, for the kept rounds' parameters (AuditQueries.total)


def iso_day(value: str | None, name: str) -> str | None:
    """The day written YYYY-MM-DD (`plain_day`, as the API and the pages read it: not 20200101 nor 2020-W01-1),
    None when not given; InvalidInput naming `name` otherwise."""
    if not value:
        return None
    try:
        return plain_day(value).isoformat()
    except ValueError:
        raise InvalidInput(NOT_A_DATE.reason(value=repr(value)), name) from None


def period(start: Any, end: Any, day: Callable[[Any, str], str | None] = iso_day) -> tuple[str | None, str | None]:
    """A checked period (`from`, `to`, both inclusive, either open, each read by `day`): a `to` before the `from` is
    refused naming `to`, as the API refuses it, never read as a period holding nothing."""
    first, last = day(start, "from"), day(end, "to")
    if first and last and first > last:
        raise InvalidInput(BEFORE_FROM.reason(first=first, last=last), "to")
    return first, last


def period_clauses(column: str, start: str | None, end: str | None) -> tuple[list[str], list[str]]:
    """SQL clauses (and their parameters) keeping `column` within [start, end] (a checked `period`); either may be
    open."""
    clauses, params = [], []
    for bound, op in zip(period(start, end), (">=", "<="), strict=True):
        if bound:
            clauses.append(f"{column} {op} ?")
            params.append(bound)
    return clauses, params


FINDING_FIELDS = FINDING_COLUMNS[:-1]  # all but the evidence


def with_finding_rules(store: SqlStore, shown: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page of listed decisions, each with its `findings` named by their rules alone (`{"rule": ...}`, by rule: the
    rules it fired, as the lists' downloads name them), read for those with findings only, in one statement;
    with_passed_over adds merit.passed_over to them as to a decision's whole findings."""
    keys = sorted({row["subject"] for row in shown if row.get("finding_count")})
    fired: dict[tuple[str, int], list[dict[str, Any]]] = {}
    if keys:
        rows = store.query(
            f"SELECT subject, version, rule FROM findings WHERE subject IN ({', '.join('?' * len(keys))}) "
            "ORDER BY subject, version, rule",
            keys,
        )
        for row in rows:
            fired.setdefault((row["subject"], row["version"]), []).append({"rule": row["rule"]})
    return [{**row, "findings": fired.get((row["subject"], row["version"]), [])} for row in shown]


def with_findings_of(store: SqlStore, table: str, shown: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The listed rows (each of a `subject` and `version`), each with its findings (by rule) from `table` (a view's
    table of the `findings` columns: the awards', the study leaves') and their evidence, decoded from JSON."""
    subjects = sorted({row["subject"] for row in shown})
    found: dict[tuple[str, int], list[dict[str, Any]]] = {}
    if subjects:
        rows = store.query(
            f"SELECT subject, version, {', '.join(FINDING_FIELDS)}, evidence FROM {table} "
            f"WHERE subject IN ({', '.join('?' * len(subjects))}) ORDER BY subject, version, rule",
            subjects,
        )
        for row in rows:
            finding = {k: row[k] for k in FINDING_FIELDS}
            found.setdefault((row["subject"], row["version"]), []).append(
                {**finding, "evidence": json.loads(row["evidence"])}
            )
    return [{**row, "findings": found.get((row["subject"], row["version"]), [])} for row in shown]


# The lists' order (audit.DECISION_ORDER, an index's) and their pages' cursors (careerlog.keyset): the audited
# promotions', posts' and CPNS appointments' are three lists, each refusing the others' cursors (which would read
# them from another list's place: the posts after a promotion's TMT, every post before it skipped in silence).
DECISIONS_KEYSET = Keyset(
    "decisions", ("d.tmt", "d.subject", "d.version"), ("tmt", "subject", "version"), (date, str, int)
)
DECISION_KEYSETS = {
    "promotion": replace(DECISIONS_KEYSET, name="promotions"),
    "post": replace(DECISIONS_KEYSET, name="posts"),
    "appointment": replace(DECISIONS_KEYSET, name="appointments"),
}


def keyset_of(decision: str | None) -> Keyset:
    """The keyset of the list of one decision type (`promotion`, `post`, `appointment`), or of all decisions (None)."""
    return DECISION_KEYSETS.get(decision or "", DECISIONS_KEYSET)


class CountedList(ViewReader):
    """A view's list read by page: given the views' `tracking_table`, its totals are counted once per
    filter while the view (`view`, the projection's name) stays at one position in the log, as the
    roster's are (RosterTotals), instead of on every page."""

    view: ClassVar[str]

    def __init__(self, store: SqlStore, *, today: date | None = None, tracking_table: str | None = None):
        super().__init__(store, today=today)
        self.tracking_table = tracking_table
        self.totals = RosterTotals()
        self.rounds = PassedRounds()

    def total(self, sql: Sql, source: str, where: str, params: list[Any]) -> int:
        """COUNT(*) of `source` (a table and its alias) with the WHERE clause, or the total counted at
        the view's present position."""
        return self.totals.count(sql, self.tracking_table, self.view, source, where, params)

    def page_of(
        self,
        select: Callable[[str], str],
        source: str,
        where: str,
        params: list[Any],
        paging: Paging,
        wrap: Callable[[str], str] | None = None,
    ) -> Paged:
        """One page of a list: the rows of `select(where)` (the statement with that WHERE clause and the order of
        `paging.keyset`, a total one) read with LIMIT and OFFSET, or after a cursor (`paging.after`) with LIMIT
        alone (and read through `wrap`, a statement around that one, if given), one more than the page to know
        whether a page follows; the cursor of the page after it; and how many rows of `source` match `where` in
        all (whatever the cursor)."""
        keyset, per_page = paging.keyset, paging.per_page
        cursor_where, cursor_params = keyset.condition(where, paging.after)
        paged = f"{select(cursor_where)} LIMIT ? OFFSET ?"
        with self.store.statements() as sql:
            rows = sql.query(wrap(paged) if wrap else paged, [*params, *cursor_params, per_page + 1, paging.offset()])
            total = self.total(sql, source, where, params)
        shown, following = page_and_next(rows, per_page, keyset)
        return Paged(shown, total, following)


MOVED_READ = 500  # the listed decisions whose key moved out of their batch's range, read by subject this many at a time


@dataclass(frozen=True)
class KeyBatch:
    """A batch of listed decisions' keys, held compactly (about 27 bytes a decision, an 18-character NIP and its
    separator and an 8-byte version: a million decisions in about 27 MB, where tuples of them would take 150): their
    subjects joined by a separator no NIP holds and their versions in an array, in the order listed, and the last
    key (TMT, subject, version) the batch's range ends at."""

    last: tuple[Any, ...]
    subjects: str
    versions: array[int]

    def keys(self) -> list[tuple[str, int]]:
        """The batch's (subject, version), in the order listed."""
        return list(zip(self.subjects.split(KEY_SEPARATOR), self.versions, strict=True))


KEY_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class ListedKeys:
    """The keys of every decision a list's filters select, as one statement read them (one consistent read: a
    stream lists them first, `AuditQueries.each_decision`), in batches of `page`; `total` how many."""

    total: int
    batches: list[KeyBatch]

    @classmethod
    def read(cls, store: SqlStore, source: str, where: str, params: list[Any], page: int) -> ListedKeys:
        """The keys of the decisions of `source` that `where` selects, in the list's order (the index in that
        order read alone, `decisions_ix4`, or `decisions_ix5` by decision type), `page` to a batch."""
        statement = f"SELECT d.tmt, d.subject, d.version FROM {source}{where} ORDER BY {DECISIONS_KEYSET.order_by()}"
        subject, version = itemgetter(1), itemgetter(2)
        batches = [
            KeyBatch(tuple(rows[-1]), KEY_SEPARATOR.join(map(subject, rows)), array("q", map(version, rows)))
            for rows in streamed(store, statement, params, page, tuples=True)
        ]
        return cls(sum(len(b.versions) for b in batches), batches)


class Listed(Iterator[dict[str, Any]]):
    """A stream of listed decisions (`AuditQueries.each_decision`) and how many were listed (`total`)."""

    def __init__(self, total: int, rows: Generator[dict[str, Any]]) -> None:
        self.total = total
        self._rows = rows

    def __next__(self) -> dict[str, Any]:
        return next(self._rows)

    def close(self) -> None:
        """Stop reading (a stream left early: the batch being read ahead is waited for, its connection given back)."""
        self._rows.close()


class AuditQueries(CountedList):
    """The audited decisions (tables `decisions` and `findings`): rank promotions and posts."""

    view = "merit"

    def promotions(
        self,
        filters: dict[str, Any] | None = None,
        *,
        start: str | None = None,
        end: str | None = None,
        rule: str | None = None,
        severity: str | None = None,
        passed_over: bool | None = None,
    ) -> list[dict[str, Any]]:
        """Rank promotions with TMT in [start, end], optionally only those with a finding of a rule
        or of at least a severity (low, medium, high), or that passed over a clearly stronger
        colleague (True) or did not (False). Filters: agency, unit, region, kind, level, verdict
        (compliant, findings)."""
        return self.decisions(
            filters, decision="promotion", start=start, end=end, rule=rule, severity=severity, passed_over=passed_over
        )

    def posts(self, filters: dict[str, Any] | None = None, **options: Any) -> list[dict[str, Any]]:
        """Definitive post appointments, filtered like `promotions` (`kind` is the post kind)."""
        return self.decisions(filters, decision="post", **options)

    def decisions(
        self,
        filters: dict[str, Any] | None = None,
        *,
        decision: str | None = None,
        start: str | None = None,
        end: str | None = None,
        rule: str | None = None,
        severity: str | None = None,
        passed_over: bool | None = None,
    ) -> list[dict[str, Any]]:
        """Audited decisions of one type (`promotion`, `post`) or both (None), each with its
        `passed_over_count` and judged with it (`with_passed_over`)."""
        rounds = self.passed_rounds()
        statement, params = self.decisions_sql(
            filters, decision, start, end, rule, severity, passed_over=passed_over, rounds=rounds
        )
        judge = self.judging(rounds)
        return [judge(row) for row in self.store.query(statement, params)]

    def judging(self, rounds: Passed | None = None) -> Callable[[dict[str, Any]], dict[str, Any]]:
        """A function judging listed decisions (rows of `decisions_sql`) with merit.passed_over: each
        gets its `passed_over_count` (`count_of`, from `passed_over_counts` read once here) and is
        judged with it (`with_passed_over`). One query for a whole list or stream, instead of a
        count per decision in it (at 100,000 employees: the rounds' 2,770 such decisions in about
        0.2 s, against some 10 s for a correlated count per decision of the stream)."""
        counts = (rounds or self.passed_rounds()).counts

        def judge(row: dict[str, Any]) -> dict[str, Any]:
            row[PASSED_OVER_COUNT] = count_of(row, counts)
            return as_listed(with_passed_over(row))

        return judge

    def decisions_page(
        self,
        filters: dict[str, Any] | None = None,
        *,
        page: int,
        per_page: int,
        after: str | None = None,
        **options: Any,
    ) -> Paged:
        """One page of `decisions` (filtered as it is: decision, start, end, rule, severity,
        passed_over), the rows `decisions(...)[(page - 1) * per_page : page * per_page]` read with
        LIMIT and OFFSET, or the `per_page` after the cursor `after` (a page's `next`, keyset_of the decision type:
        by TMT, NIP and version), and how many decisions match in all (COUNT). Each row's `passed_over_count`
        is looked up in the kept rounds (`passed_rounds`) given the views' tracking table, else counted
        for the page's rows only (`counted_page`), not all the rounds read for one page."""
        rounds = self.passed_rounds() if self.tracking_table is not None else None
        source, where, params = self.decisions_where(filters, rounds=rounds, **options)
        paging = Paging(keyset_of(options.get("decision")), page, per_page, after)

        def select(where: str) -> str:
            return decisions_select(where, counted=False, source=source)

        if rounds is None:
            found = self.page_of(select, source, where, params, paging, counted_page)
        else:
            found = self.page_of(select, source, where, params, paging)
            for row in found.rows:
                row[PASSED_OVER_COUNT] = count_of(row, rounds.counts)
        rows = with_finding_rules(self.store, found.rows)  # (the rules each fired: `rules`, as each_decision's)
        return Paged([as_listed(with_passed_over(row)) for row in rows], found.total, found.next)

    def total(self, sql: Sql, source: str, where: str, params: list[Any]) -> int:
        """COUNT(*) as `CountedList.total`; a total of the kept rounds (its parameters `Keys`,
        `KeysText`) is kept by the position they were read at, only when that is the view's present
        position, and its key holds a mark in their place, not the rounds."""
        kept = [p for p in params if isinstance(p, (Keys, KeysText))]
        if not kept or self.tracking_table is None:
            return super().total(sql, source, where, params)
        position = sql.scalar(*position_read(self.tracking_table, self.view))
        key = (source, where, tuple(KEPT_ROUNDS if isinstance(p, (Keys, KeysText)) else p for p in params))
        found = self.totals.get(key, position) if position is not None else None
        if found is None:
            found = int(sql.scalar(f"SELECT COUNT(*) AS n FROM {source}{where}", list(params)))
            if position is not None and all(p.position == position for p in kept):
                self.totals.put(key, position, found)
        return found

    def passed_rounds(self) -> Passed:
        """The rounds that passed over a clearly stronger colleague (`passed_over_counts`): (subject,
        round date) and how many. Given the views' `tracking_table`, read once per position of the
        merit view and kept (`PassedRounds`) while the view stays there, instead of the rounds'
        self-join in every statement of every filtered page and count (PostgreSQL at 100,000
        employees: about 0.5 s each)."""
        return self.rounds.read(self.store, self.tracking_table, self.view)

    def decisions_count(self, filters: dict[str, Any] | None = None, **options: Any) -> int:
        """How many decisions `decisions` lists (filtered as it is), counted by the database."""
        source, where, params = self.decisions_where(filters, **options)
        with self.store.statements() as sql:
            return self.total(sql, source, where, params)

    def decisions_count_by_rule(
        self, filters: dict[str, Any] | None, rule_ids: Iterable[str], **options: Any
    ) -> dict[str, int]:
        """How many decisions `decisions` lists (filtered as it is) with a finding of each of `rule_ids`, each count
        `decisions_count(filters, rule=...)`'s, each rule refused as it refuses it: the rules' `findings` rows
        counted by one query grouped by rule (merit.passed_over, which no `findings` row holds, counted alone). The
        scorecard counted each rule's with a query of its own (26 rules: 78 statements for a scope's three years)."""
        wanted = list(dict.fromkeys(rule_ids))
        for rule in wanted:
            checked_rule(rule, options.get("decision"))
        found = dict.fromkeys(wanted, 0)
        if PASSED_OVER in found:
            found[PASSED_OVER] = self.decisions_count(filters, rule=PASSED_OVER, **options)
        grouped = [r for r in wanted if r != PASSED_OVER]
        if not grouped:
            return found
        source, where, params = self.decisions_where(filters, **options)
        # (a decision's findings hold a rule once: `findings`' key is the subject, version and rule)
        clause = f"f.rule IN ({', '.join('?' * len(grouped))})"
        where = f"{where} AND {clause}" if where else f" WHERE {clause}"
        rows = self.store.query(
            f"SELECT f.rule AS rule, COUNT(*) AS n FROM {source} "
            f"JOIN findings f ON f.subject = d.subject AND f.version = d.version{where} GROUP BY f.rule",
            [*params, *grouped],
        )
        found.update({row["rule"]: int(row["n"]) for row in rows})
        return found

    def decisions_where(
        self,
        filters: dict[str, Any] | None,
        decision: str | None = None,
        start: str | None = None,
        end: str | None = None,
        rule: str | None = None,
        severity: str | None = None,
        passed_over: bool | None = None,
        rounds: Passed | None = None,
    ) -> tuple[str, str, list[Any]]:
        """The rows `decisions` reads (`decisions d`, or a UNION ALL of two parts of it as `d`, see
        `either`), the WHERE clause over them and the parameters of both. The verdict, the
        severity and the rule count the merit.passed_over finding of a regular (101) promotion that
        passed over a clearly stronger colleague (`passed_over_in`, the kept rounds), which no
        `findings` row holds; `passed_over` keeps only those (True) or only the others (False). `rounds`:
        the kept rounds when read already (else read when a clause needs them)."""
        filters = dict(filters or {})
        verdicts = filters.pop("verdict", None)
        clauses, params = filter_clauses(filters, DECISION_FILTERS)
        found: list[Passed] = [rounds] if rounds is not None else []
        source, source_params = "decisions d", list[Any]()

        def passed(negated: bool = False, into: list[Any] = params) -> str:
            """The clause (its parameters added `into` the list): `d` passed a colleague over, by the kept
            rounds."""
            if not found:
                found.append(self.passed_rounds())
            clause, values = passed_over_in(found[0], self.store.dialect, negated=negated)
            into.extend(values)
            return clause

        if verdicts:
            wanted = set(verdicts if isinstance(verdicts, (list, tuple, set, frozenset)) else [verdicts])
            if unknown := wanted - set(DECISION_VERDICTS):
                raise InvalidInput(
                    UNKNOWN_VERDICT.reason(verdict=quoted(sorted(unknown)[0]), known=", ".join(DECISION_VERDICTS)),
                    "verdict",
                )
            alone = compared_alone_sql()
            if wanted == {"findings"}:
                source = either("d.verdict = 'findings'", f"{passed(into=source_params)} AND {NOT_FINDINGS}")
            elif wanted == {NOT_JUDGED}:
                clauses.append("d.verdict IS NULL")  # (never passed over: `passed_over_counts` compares judged ones)
            elif wanted == {NOT_COMPARED}:
                clauses.append(f"(d.verdict = 'compliant' AND {alone})")  # (never a 101: not passed over in a round)
            elif wanted != set(DECISION_VERDICTS):
                # each verdict wanted as the list reads it, in the order the parameters are added
                either_of: dict[str, Callable[[], str]] = {
                    "findings": lambda: f"(d.verdict = 'findings' OR ({passed()} AND {NOT_FINDINGS}))",
                    "compliant": lambda: f"(d.verdict = 'compliant' AND NOT {alone} AND {passed(negated=True)})",
                    NOT_JUDGED: lambda: "d.verdict IS NULL",
                    NOT_COMPARED: lambda: f"(d.verdict = 'compliant' AND {alone})",
                }
                clauses.append("(" + " OR ".join(either_of[v]() for v in DECISION_VERDICTS if v in wanted) + ")")
        if decision is not None:
            if decision not in DECISION_TYPES:
                raise InvalidInput(UNKNOWN_DECISION.reason(known=", ".join(DECISION_TYPES)), "decision")
            clauses.append("d.decision = ?")
            params.append(decision)
        period, bounds = period_clauses("d.tmt", start, end)
        clauses += period
        params += bounds
        if severity:
            if severity not in SEVERITY_ORDER:
                raise InvalidInput(UNKNOWN_SEVERITY.reason(known=", ".join(SEVERITY_ORDER)), "severity")
            wanted_severities = [s for s, n in SEVERITY_ORDER.items() if n >= SEVERITY_ORDER[severity]]
            marks = ", ".join("?" * len(wanted_severities))
            case = rule_case(rules(), "severity")
            if source == "decisions d":
                source_params += wanted_severities * 2
                severe = f"{case} IN ({marks}) AND {passed(into=source_params)}"
                source = either(
                    f"d.max_severity IN ({marks})", f"{severe} AND COALESCE(d.max_severity, '') NOT IN ({marks})"
                )
                source_params += wanted_severities
            else:
                params += wanted_severities * 2
                clauses.append(f"(d.max_severity IN ({marks}) OR ({case} IN ({marks}) AND {passed()}))")
        if rule:
            checked_rule(rule, decision)
        if rule == PASSED_OVER:
            clauses.append(passed())
        elif rule:
            clauses.append(
                "EXISTS (SELECT 1 FROM findings f WHERE f.subject = d.subject AND f.version = d.version AND f.rule = ?)"
            )
            params.append(rule)
        if passed_over is not None:
            clauses.append(passed(negated=not passed_over))
        return source, where_sql(clauses), source_params + params

    def decisions_sql(
        self, filters: dict[str, Any] | None, *criteria: Any, with_findings: bool = False, **options: Any
    ) -> tuple[str, list[Any]]:
        """The query of `decisions` (its criteria as `decisions_where` takes them) and its parameters;
        with each decision's findings (`finding_` columns, one row per finding, in the order of their
        rules) when asked. (subject, version) is the table's primary key: the order is total, so a page
        by LIMIT and OFFSET is a slice of the whole list. Its rows are judged with merit.passed_over
        by `judging()`."""
        source, where, params = self.decisions_where(filters, *criteria, **options)
        return decisions_select(where, with_findings=with_findings, counted=False, source=source), params

    def each_decision(self, filters: dict[str, Any] | None = None, *, page: int = 10000, **options: Any) -> Listed:
        """Every audited decision (filtered as `decisions`) with its findings, in the list's order, each exactly once:
        the decisions listed at the start (`ListedKeys`: one statement reads the keys, TMT, NIP and version, of every
        decision the filters select, which is how many in all, `total`), then read in batches of `page` of them,
        each batch its own short read (on PostgreSQL a transaction of its own, its connection back in the pool
        between batches), so that no transaction stays open while the caller (a client reading a download slowly)
        takes the rows. (Until 2026-12-07 one query and its transaction were held open for the whole stream:
        PostgreSQL ended the session after idle_in_transaction_session_timeout, 30 s, and a slow client got a 200 with
        a CSV cut off.) A batch reads its range of the list's order (after the batch before's last key listed, up
        to its own: the index in the list's order, read from it alone) and keeps the decisions it listed; one
        listed there whose TMT was corrected since, its key moved out of the range, is read by its primary key (a
        decision's subject and version never change). Each listed decision comes once, at its place in the list
        as listed, as it stands when its batch is read (a corrected TMT with its correction); one recorded since is
        not in it, nor one retracted or gone out of the filters (or the reader's scope) since: the rows are then
        fewer than `total`. (Until 2026-12-07 a batch was the `page` decisions after the last key read: a decision
        whose TMT was corrected during the stream came twice, or not at all.) The keys listed are held in memory,
        about 27 bytes a decision (compactly: `KeyBatch`), each batch's let go once it is read, the rows a batch or
        two; the rows are read as tuples:
        one dict is made per decision and one per finding (most decisions have none), not one per row read; the
        next batch is read while this one is used (`read_ahead`)."""
        rounds = self.passed_rounds()
        source, where, params = self.decisions_where(filters, **options, rounds=rounds)
        judge = self.judging(rounds)
        names = [c.strip() for c in DECISION_COLUMNS.split(",")]  # the SELECT's first columns, then FINDING_COLUMNS
        identity = itemgetter(names.index("subject"), names.index("version"))
        width = len(names)
        rule = width + FINDING_COLUMNS.index("rule")
        listed = ListedKeys.read(self.store, source, where, params, page)

        def read(clause: str, values: list[Any]) -> list[tuple[Any, ...]]:
            """The rows of the decisions `clause` (added to the filters' WHERE) selects, with their findings (a
            decision's row, and one per finding), in the list's order. Read whole here: the read's transaction ends
            before the rows are handed on."""
            clause = f"{where} AND {clause}" if where else f" WHERE {clause}"
            inner = decisions_select(clause, counted=False, source=source)
            statement = decisions_select("", with_findings=True, counted=False, source=f"({inner}) d")
            return [
                row for rows in streamed(self.store, statement, [*params, *values], page, tuples=True) for row in rows
            ]

        def by_decision(rows: list[tuple[Any, ...]]) -> dict[tuple[str, int], list[tuple[Any, ...]]]:
            """The rows by their decision's (subject, version)."""
            decisions: dict[tuple[str, int], list[tuple[Any, ...]]] = {}
            for row in rows:
                decisions.setdefault(identity(row), []).append(row)
            return decisions

        # (each batch's keys let go once its batch is read: until then every batch listed was held to the end)
        total, batches = listed.total, deque(listed.batches)
        del listed
        # (the TMT bounded on its own too on PostgreSQL alone, its plan as before; SQLite, given it, searched the
        # index by TMT alone and read a batch's whole TMT day: `Keyset.after`)
        first_alone = self.store.dialect == "postgres"
        before: tuple[Any, ...] = ()  # the last key listed in the batch before

        def batch() -> list[tuple[Any, ...]]:
            """The next batch's decisions, each row a decision's or one of its findings', in the order listed."""
            nonlocal before
            if not batches:
                return []
            keys = batches.popleft()
            clause, values = DECISIONS_KEYSET.up_to(keys.last, first_alone=first_alone)
            if before:
                after, bound = DECISIONS_KEYSET.after(before, first_alone=first_alone)
                clause, values = f"{after} AND {clause}", [*bound, *values]
            before = keys.last
            wanted = keys.keys()
            rows = read(clause, values)
            if list(dict.fromkeys(map(identity, rows))) == wanted:  # (as listed: nothing moved in or out since)
                return rows
            decisions = by_decision(rows)
            moved = sorted({subject for subject, version in wanted if (subject, version) not in decisions})
            for first in range(0, len(moved), MOVED_READ):  # (their TMT corrected since they were listed)
                some = moved[first : first + MOVED_READ]
                found = by_decision(read(f"d.subject IN ({', '.join('?' * len(some))})", list(some)))
                decisions.update((key, its) for key, its in found.items() if key not in decisions)
            return [row for key in wanted for row in decisions.get(key, ())] or [()]

        def each() -> Generator[dict[str, Any]]:
            current: dict[str, Any] | None = None
            key: tuple[Any, ...] = ()
            findings: list[dict[str, Any]] = []
            for rows in read_ahead(batch):
                for row in rows:
                    if not row:  # (a batch whose decisions are all gone since listed)
                        continue
                    if (found := identity(row)) != key:
                        if current is not None:
                            yield judge(current)
                        key, findings = found, []
                        current = dict(zip(names, row, strict=False))  # the decision's columns: zip stops at the last
                        current[PASSED_OVER_COUNT] = None  # in the lists' order of columns; `judge` counts it
                        current["findings"] = findings
                    if row[rule] is not None:
                        finding = dict(zip(FINDING_COLUMNS, row[width:], strict=True))
                        finding["evidence"] = orjson.loads(finding["evidence"])
                        findings.append(finding)
            if current is not None:
                yield judge(current)

        return Listed(total, each())

    def decisions_of(self, nip: str) -> list[dict[str, Any]]:
        """The audited decisions of one employee, by version: each one's `version` (the fact's in their record),
        `decision` (promotion, post or appointment) and where it was decided (`agency`, `region`: whose audits reach
        it), what the career page links each decision to its decision's page by (one read of the table's primary
        key)."""
        return self.store.query(
            "SELECT version, decision, agency, region FROM decisions WHERE subject = ? ORDER BY version", (nip,)
        )

    def promotion(
        self,
        nip: str,
        version: int,
        *,
        placed_in: Sequence[str] | None = None,
        agencies: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """One decision (promotion or post) with its findings and their evidence, and the ratings it
        relied on that were given in a unit-year with grade inflation (NotFound when not audited): to a reader
        scoped by region (`placed_in`, its regions) only those of a unit-year the grade-inflation list lists to it,
        every rated member of its staff placed in them (GradeInflationQueries.grade_inflation), as the counts tell
        each one's rating; to a reader scoped by agency (`agencies`) only those given in a unit of its agencies."""
        rows = self.store.query(f"{decisions_select(' WHERE d.subject = ? AND d.version = ?')}", (nip, version))
        if not rows:
            raise NotFound(NOT_AUDITED.reason(version=version, nip=nip))
        findings = self.store.query(
            "SELECT rule, severity, source, status, message, evidence FROM findings "
            "WHERE subject = ? AND version = ? ORDER BY rule",
            (nip, version),
        )
        decision = rows[0]
        years = rated_years(decision)
        inflated = GradeInflationQueries(self.store, today=self._today).inflated_ratings(
            nip, years, placed_in=placed_in, agencies=agencies
        )
        return with_passed_over(
            {
                **decision,
                "findings": [{**f, "evidence": json.loads(f["evidence"])} for f in findings],
                "inflated_ratings": inflated,
            }
        )


def sql_text(value: Any) -> str:
    """A value of the rules or reference files as an SQL literal (text quoted, numbers as they are)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def in_force_sql(version: Rule, day: str) -> str:
    """SQL: `version` is in force on `day` (an ISO date column), as Rule.in_force_on."""
    since = f"{day} >= {sql_text(version.valid_from.isoformat())}"
    return since if version.valid_to is None else f"{since} AND {day} < {sql_text(version.valid_to.isoformat())}"


def rule_case(book: Rules, what: str, day: str = "d.tmt") -> str:
    """SQL: merit.passed_over's `what` on `day` (its `severity`, or a parameter: `min_better`) in the
    version in force then (the first in file order, as Rules.in_force), NULL when none is."""
    versions = book.versions(PASSED_OVER)
    if not versions:
        return "NULL"
    values = [v.severity if what == "severity" else int(v.params.get(what, 2)) for v in versions]
    whens = " ".join(f"WHEN {in_force_sql(v, day)} THEN {sql_text(x)}" for v, x in zip(versions, values, strict=True))
    return f"(CASE {whens} END)"


def stronger_sql(book: Rules, ref: Reference) -> str:
    """SQL: the colleague's round `o` is clearly stronger than the promoted one's `p` under the
    merit.passed_over in force on the round date (`clearly_stronger` on `measures`: performance,
    training JP, days in rank, the education's order; false when no version is in force)."""
    orders = " ".join(
        f"WHEN {sql_text(code)} THEN {int(row['order'])}"
        for code, row in ref.education.rows.items()
        if row.get("order")
    )

    def measured(side: str) -> tuple[str, ...]:
        return (
            f"COALESCE({side}.performance, 0)",
            f"COALESCE({side}.training_jp, 0)",
            f"{side}.days_in_rank",
            f"(CASE {side}.education {orders} ELSE 0 END)" if orders else "0",
        )

    (perf, train, days, edu), (my_perf, my_train, my_days, my_edu) = measured("o"), measured("p")
    better = " + ".join(f"(CASE WHEN {a} > {b} THEN 1 ELSE 0 END)" for a, b in ((train, my_train), (days, my_days)))
    better += f" + (CASE WHEN {edu} > {my_edu} THEN 1 ELSE 0 END)"
    return (
        f"{perf} > {my_perf} AND {train} >= {my_train} AND {days} >= {my_days} AND {edu} >= {my_edu}"
        f" AND 1 + {better} >= {rule_case(book, 'min_better', 'p.round_date')}"
    )


# A colleague's round as known before the promotion `p` was recorded: the final record's round when nothing
# it reads was recorded since, else the earlier state standing then (`earlier_rounds`, projections/merit/audit.py
# `earlier_round_tuples`: the round as known before each later moment, while eligible); the promoted round is
# measured as known then (`round_tuple`)
KNOWN_THEN = "o.known_from < p.decided_at"
EARLIER_THEN = f"{KNOWN_THEN} AND p.decided_at <= o.known_until"
# A regular (101) promotion's round (`p`, promoted) and its colleagues' (`o`: the same round date,
# agency, unit in any spelling (`unit_key`, merit view 49) and rank, eligible and not promoted, as known then), as
# `PassedOverQueries` joins them:
# `{rounds}` is `promotion_rounds` with KNOWN_THEN or `earlier_rounds` with EARLIER_THEN (`COLLEAGUE_ROUNDS`),
# the two read apart (each by its index) and added
ROUND_COLLEAGUES = (
    "promotion_rounds p {join} {rounds} o ON o.round_date = p.round_date AND o.agency = p.agency"
    " AND o.unit_key = p.unit_key AND o.rank = p.rank AND o.eligible = 1 AND o.promoted = 0 AND {then}"
    " AND {stronger}"
)
COLLEAGUE_ROUNDS = (("promotion_rounds", KNOWN_THEN), ("earlier_rounds", EARLIER_THEN))


def round_colleagues(join: str, stronger: str) -> list[str]:
    """`ROUND_COLLEAGUES` of the final rounds and of the earlier states."""
    return [ROUND_COLLEAGUES.format(join=join, rounds=r, then=then, stronger=stronger) for r, then in COLLEAGUE_ROUNDS]


REGULAR = "101"
REGULAR_PROMOTION = f"d.decision = 'promotion' AND COALESCE(d.kind, '') = '{REGULAR}'"


class Keys(list[str]):
    """The kept rounds' keys as a parameter (a PostgreSQL array), with the merit view's position
    they were read at (None when not kept): `AuditQueries.total` keys a total by that position,
    not by the list (at a million employees some 28,000 NIPs, which a total's key would hold)."""

    position: int | None = None


class KeysText(str):
    """The kept rounds' keys as a JSON array (a SQLite parameter), with their position (`Keys`)."""

    position: int | None = None


class Passed:
    """The rounds that passed over a clearly stronger colleague (`passed_over_counts`): `counts` by
    (subject, TMT of the round's promotion), and the same keys as the parameters of `passed_over_in` (`Keys`,
    `KeysText`), read at the merit view's `position` (None when not kept)."""

    def __init__(self, counts: dict[tuple[str, str], int], position: int | None = None):
        self.counts = counts
        keys = sorted(counts)
        self.subjects, self.days = Keys(k[0] for k in keys), Keys(k[1] for k in keys)
        self.json = KeysText(json.dumps([list(k) for k in keys]))
        for value in (self.subjects, self.days, self.json):
            value.position = position


def passed_over_in(passed: Passed, dialect: str, *, negated: bool = False) -> tuple[str, list[Any]]:
    """SQL (and its parameters): decision `d` is a regular (101) promotion that passed over a clearly
    stronger colleague (its merit.passed_over finding): its (subject, TMT) is one of the rounds that
    did (`passed`, `AuditQueries.passed_rounds`), given as parameters (PostgreSQL: two arrays, SQLite:
    a JSON array) instead of the rounds' self-join in the statement. With `negated`, it is not."""
    values: list[Any]
    if dialect == "postgres":
        keys, values = "SELECT s, t FROM unnest(?::text[], ?::text[]) AS k(s, t)", [passed.subjects, passed.days]
    else:
        keys = "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)"
        values = [passed.json]
    clause = f"({REGULAR_PROMOTION} AND (d.subject, d.tmt) IN ({keys}))"
    return (f"NOT {clause}" if negated else clause), values


NOT_FINDINGS = "COALESCE(d.verdict, '') <> 'findings'"


def either(one: str, other: str) -> str:
    """SQL: the decisions (as `d`) matching `one` or `other` (which excludes those matching `one`): a
    UNION ALL of the two, each found by its own index (`decisions_ix2` by verdict, `decisions_ix4`
    from the kept rounds), the list's other conditions applied to both (PostgreSQL pushes them into
    each). `one OR other` over the table was a walk of every promotion's row (PostgreSQL: a BitmapOr
    whose side of the rounds was every promotion, at 100,000 employees 313,500 rows in 14,000 pages
    for 2,770 of them)."""
    return f"(SELECT * FROM decisions d WHERE {one} UNION ALL SELECT * FROM decisions d WHERE {other}) d"


class PassedRounds:
    """The rounds that passed someone over (`passed_over_counts`) as read at one position of the merit
    view, with the rules and reference they were judged by. The view is a function of the log up to
    its position, so the set read there is exact for as long as the view stays there: it is kept
    only when the position read before and after reading it is the same (the projector writes a
    view's rows and its position in one transaction), and read again once the position moves. Each
    process keeps its own (nothing shared between workers); threads share it under a lock."""

    def __init__(self) -> None:
        self._kept: tuple[tuple[Any, ...], Passed] | None = None
        self._lock = threading.Lock()

    def read(self, store: SqlStore, tracking_table: str | None, view: str) -> Passed:
        """The rounds at the view's present position (read now when there is no `tracking_table`)."""
        if tracking_table is None:
            return Passed(passed_over_counts(store))
        key = (self.position(store, tracking_table, view), rules(), reference())
        with self._lock:
            kept = self._kept
        if kept is not None and key[0] is not None and kept[0] == key:
            return kept[1]
        counts = passed_over_counts(store)
        if key[0] is None or self.position(store, tracking_table, view) != key[0]:
            return Passed(counts)  # the view moved while they were read: not kept
        passed = Passed(counts, key[0])
        with self._lock:
            self._kept = (key, passed)
        return passed

    @staticmethod
    def position(store: SqlStore, tracking_table: str, view: str) -> int | None:
        with store.statements() as sql:
            found = sql.scalar(*position_read(tracking_table, view))
        return None if found is None else int(found)


@functools.lru_cache(maxsize=16)
def passed_over_count(book: Rules, ref: Reference) -> str:
    """SQL: how many clearly stronger colleagues decision `d` passed over (`count_of`, for one
    decision); NULL when the lists do not compare it (not a 101 promotion, merit.passed_over not in
    force on its TMT). A correlated subquery per regular promotion: its round (the one its TMT counts in, `tmt`: merit
    view 34) by the primary key's subject,
    joined with the colleagues of the round (`promotion_rounds_ix0`), plus those of their earlier states standing
    when it was recorded (`earlier_rounds_ix0`)."""
    counted = " + ".join(
        f"(SELECT COUNT(*) FROM {colleagues} WHERE p.subject = d.subject AND p.tmt = d.tmt AND p.promoted = 1)"
        for colleagues in round_colleagues("JOIN", stronger_sql(book, ref))
    )
    judged = "d.verdict IS NOT NULL"  # not judged: no rule of its own in force on its TMT (merit view 43)
    compared = f"{REGULAR_PROMOTION} AND {judged} AND {rule_case(book, 'min_better')} IS NOT NULL"
    return f"(CASE WHEN {compared} THEN {counted} END)"


def passed_over_counts(store: SqlStore) -> dict[tuple[str, str], int]:
    """Every regular promotion whose round passed over a clearly stronger colleague, (subject, TMT: the round's
    `tmt`, its round date or a day after it, merit view 34), with how many: one uncorrelated query of the rounds'
    self-join."""
    counts: dict[tuple[str, str], int] = {}
    for colleagues in round_colleagues("JOIN", stronger_sql(rules(), reference())):
        rows = store.query(
            f"SELECT p.subject, p.tmt, COUNT(*) AS n FROM {colleagues} WHERE p.promoted = 1 GROUP BY p.subject, p.tmt"
        )
        for r in rows:
            key = (r["subject"], r["tmt"])
            counts[key] = counts.get(key, 0) + int(r["n"])
    return counts


@functools.lru_cache(maxsize=4096)
def compared_on(book: Rules, tmt: str) -> bool:
    """Whether merit.passed_over is in force on a TMT in `book` (the lists compare 101 promotions then)."""
    return book.in_force(PASSED_OVER, date.fromisoformat(tmt)) is not None


def count_of(decision: dict[str, Any], counts: dict[tuple[str, str], int]) -> int | None:
    """`passed_over_count` of a listed decision, from `passed_over_counts`: as the SQL counts it."""
    if (
        decision["decision"] != "promotion"
        or decision["kind"] != REGULAR
        or decision.get("verdict") is None  # not judged: no rule of its own in force on its TMT (merit view 43)
        or not compared_on(rules(), decision["tmt"])
    ):
        return None
    return counts.get((decision["subject"], decision["tmt"]), 0)


PASSED_OVER_FINDING = Template(
    "Eligible colleagues of the same unit and rank clearly stronger, not chosen on {day}: {count}",
    ("day",),
    (),
    ("count",),
)


def with_passed_over(decision: dict[str, Any], colleagues: list[str] | None = None) -> dict[str, Any]:
    """A listed decision (with its `passed_over_count`) as judged with merit.passed_over: when it
    passed over a clearly stronger colleague, the finding is counted (verdict `findings`, one more
    finding, the worst severity) and, when its `findings` are there, added in the order of their
    rules, with the decision itself as evidence and the colleagues (their NIPs) when known."""
    count = decision.get(PASSED_OVER_COUNT)
    found = decision.get("findings")
    if not count or (found is not None and any(f["rule"] == PASSED_OVER for f in found)):
        return decision  # none passed over, or judged so already
    day = date.fromisoformat(decision["tmt"])
    rule = rules().in_force(PASSED_OVER, day)
    if rule is None:
        return decision
    worst = decision.get("max_severity")
    decision["verdict"] = "findings"
    decision["finding_count"] = int(decision.get("finding_count") or 0) + 1
    if worst is None or SEVERITY_ORDER.get(rule.severity, 0) > SEVERITY_ORDER.get(worst, 0):
        decision["max_severity"] = rule.severity
    if found is not None:
        evidence = [
            {
                "subject": decision["subject"],
                "version": decision["version"],
                "kind": "rank_promotion" if decision["decision"] == "promotion" else "post_appointment",
                "effective_date": decision["tmt"],
                "recorded_at": decision["recorded_at"],
                "reference": decision.get("reference"),
            }
        ]
        finding = {
            "rule": PASSED_OVER,
            "severity": rule.severity,
            "source": rule.source,
            "status": rule.status,
            "message": PASSED_OVER_FINDING(count=count, day=day).text,
            "evidence": evidence,
        }
        if colleagues is not None:
            finding["colleagues"] = list(colleagues)
        found.append(finding)
        found.sort(key=lambda f: f["rule"])
    return decision


def compared_alone(decision: dict[str, Any]) -> bool:
    """Whether a decision's own page compares it and the lists do not: a 202 promotion or a managerial
    post appointment (DecisionPassedOverQueries); 201 and 203 promotions and the other posts are not
    judged (their `passed_over_count` stays null)."""
    if decision["decision"] == "promotion":
        return bool(decision["kind"] == "202")
    return any(k.code == decision["kind"] and k.get("managerial") for k in reference().post_kinds)


def compared_alone_sql() -> str:
    """SQL: decision `d` is one `compared_alone` (a 202 promotion or a managerial post appointment)."""
    managerial = ", ".join(sql_text(k.code) for k in reference().post_kinds if k.get("managerial"))
    # (asn.toml may list no managerial post kind: `IN ()` is no SQL)
    posts = f"d.kind IN ({managerial})" if managerial else "FALSE"
    return f"((d.decision = 'promotion' AND d.kind = '202') OR (d.decision = 'post' AND {posts}))"


def as_listed(decision: dict[str, Any]) -> dict[str, Any]:
    """A listed decision as a list can judge it: one its own page alone compares with its colleagues
    (`compared_alone`) whose rule checks found nothing reads `not_compared` (NOT_COMPARED), not `compliant`."""
    if decision.get("verdict") == "compliant" and compared_alone(decision):
        decision["verdict"] = NOT_COMPARED
    return decision


def without_passed_over(decision: dict[str, Any]) -> None:
    """A decision with its `findings` as its rule checks judged it: a merit.passed_over finding taken out, and
    the verdict, count and worst severity of the others."""
    found = decision.get("findings")
    if found is None or not any(f["rule"] == PASSED_OVER for f in found):
        return
    found = decision["findings"] = [f for f in found if f["rule"] != PASSED_OVER]
    severities = [f["severity"] for f in found]
    decision["verdict"] = "findings" if found else "compliant"
    decision["finding_count"] = len(found)
    decision["max_severity"] = max(severities, key=lambda s: SEVERITY_ORDER.get(s, 0)) if severities else None


def with_colleagues(
    decision: dict[str, Any], passed: list[dict[str, Any]], evidence: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """One decision's page (`promotion`) with the colleagues it passed over (`passed_over_of`: each side as
    known before it, read from the ledger; the lists compare a 101 over the rounds, which may leave out a
    colleague, and do not compare a 202 or a post): its `passed_over_count` is theirs, and its
    merit.passed_over finding names them (`colleagues`), with `evidence` (the facts their
    comparison rests on) after the decision's own."""
    colleagues = sorted({p["colleague"] for p in passed})
    if (
        colleagues
        or decision.get(PASSED_OVER_COUNT) is not None
        or (
            compared_alone(decision) and decision.get("verdict") is not None  # (not judged: not compared either)
        )
    ):
        decision[PASSED_OVER_COUNT] = len(colleagues)
    without_passed_over(decision)  # the lists' finding (a 101's, over the rounds): the page's colleagues decide
    with_passed_over(decision, colleagues)
    for finding in decision.get("findings") or []:
        if finding["rule"] == PASSED_OVER:
            finding["colleagues"] = colleagues
            finding["evidence"] = [*finding["evidence"][:1], *(evidence or [])]
    return decision


def comparison_evidence(
    records: Callable[[Sequence[str]], dict[str, CareerRecord]], decision: dict[str, Any], colleagues: Sequence[str]
) -> list[dict[str, Any]]:
    """The facts the promoted (or appointed) and each colleague passed over were measured by, the
    promoted's first (merit.passed_over's performance and training years before the TMT's year: the
    ratings of those years and the trainings ending in them; the fact of the rank held before the TMT,
    days in rank; the education facts by the TMT), with subject, version, effective and recorded time:
    of the record as known before the decision was recorded, as the comparison reads each side (for a
    regular (101) promotion, the rounds: a colleague compared had it all recorded by then)."""
    day = date.fromisoformat(decision["tmt"])
    rule = rules().in_force(PASSED_OVER, day)
    if rule is None or not colleagues:
        return []
    rated = {day.year - n for n in range(1, int(rule.params.get("performance_years", 2)) + 1)}
    trained = {day.year - n for n in range(1, int(rule.params.get("training_years", 2)) + 1)}
    moment = datetime.fromisoformat(decision["recorded_at"])
    found: list[dict[str, Any]] = []
    subjects = [decision["subject"], *colleagues]
    loaded = records(subjects)
    for subject in subjects:
        record = loaded.get(subject)
        if record is None:
            continue
        known = record.known_before(moment)
        facts = [f for y, f in sorted(known.ratings.items()) if y in rated]
        facts += [f for f in known.of_kind("training") if f.effective_date.year in trained]
        held = known.rank_before(day)
        facts += [*([held[2]] if held else []), *known.education_facts(day)]
        found += evidence_json(subject, tuple({f.version: f for f in facts}.values()))  # each fact once
    return found


UNKNOWN_RULE = Refusal(
    "Unknown rule: {rule}. Decisions are judged by the promotion.*, post.*, appointment.starting_rank, "
    "evidence.recorded_after and merit.passed_over rules of the rules file (docs/rules.md).",
    quotes=("rule",),  # (as given: cut, as careerlog.domain.errors.cut cuts a quoted value)
)
NOT_A_DECISION_RULE = Refusal(
    "Rule {rule} is in the rules file but judges no audited decision (skp.* rules judge a unit's ratings: the grade "
    "inflation audit). Decisions are judged by the promotion.*, post.*, appointment.starting_rank, "
    "evidence.recorded_after and merit.passed_over rules (docs/rules.md).",
    quotes=("rule",),
)
# a CPNS appointment's rules (its list: `audit promotions --with-posts`, /api/v1/audits/appointments)
APPOINTMENT_RULES = ("appointment.starting_rank",)
# The rules each list of decisions is judged by, by decision type: a post rule never finds a promotion, nor a
# promotion rule a post; the lists compare the colleagues of regular (101) promotions only, so merit.passed_over finds
# no post appointment in them (each one's own page compares them); a CPNS appointment is judged by its start alone.
# The lists of one type refuse the others' rules.
LIST_RULES = {
    "promotion": ("promotion.", "evidence.recorded_after", PASSED_OVER),
    "post": ("post.", "evidence.recorded_after"),
    "appointment": APPOINTMENT_RULES,  # (the rule reads the appointment alone: no evidence.recorded_after)
}
DECISION_RULES = tuple(dict.fromkeys(itertools.chain.from_iterable(LIST_RULES.values())))
OTHER_DECISIONS_RULE = {
    "promotion": Refusal(
        "Rule {rule} does not judge rank promotions: their list is filtered by the promotion.*, "
        "evidence.recorded_after and merit.passed_over rules (post.* rules: the list of post appointments).",
        quotes=("rule",),
    ),
    "post": Refusal(
        "Rule {rule} does not judge post appointments in their list: it is filtered by the post.* and "
        "evidence.recorded_after rules (merit.passed_over: on each appointment's own page).",
        quotes=("rule",),
    ),
    "appointment": Refusal(
        "Rule {rule} does not judge CPNS appointments: their list is filtered by the appointment.starting_rank rule.",
        quotes=("rule",),
    ),
}


# A CPNS appointment's rule asked of the promotions' or posts' list (the API's and pages'): the appointments have a
# list of their own (the command line's own refusal, which names its command: projections.merit.cli)
APPOINTMENTS_APART = Refusal(
    "Rule {rule} judges CPNS appointments, not the decisions of this list: they have a list of their own, the audited "
    "CPNS appointments.",
    quotes=("rule",),
)


def checked_rule(rule: str, decision: str | None = None) -> None:
    """InvalidInput naming `rule` when decisions (of type `decision`, when given) are not judged by it."""
    if not judged_by(rule):
        # (a rule of the file that judges something else, as skp.distribution judges a unit's ratings, is named so)
        refusal = NOT_A_DECISION_RULE if rule in rules().ids else UNKNOWN_RULE
        raise InvalidInput(refusal.reason(rule=rule), "rule")
    if rule in APPOINTMENT_RULES and decision in ("promotion", "post"):
        raise InvalidInput(APPOINTMENTS_APART.reason(rule=rule), "rule")
    if decision is not None and not rule.startswith(LIST_RULES[decision]):
        raise InvalidInput(OTHER_DECISIONS_RULE[decision].reason(rule=rule), "rule")


def judged_by(rule: str) -> bool:
    """Whether `rule` is a rule of the configured rules file that decisions are judged by (the lists' filter)."""
    return rule.startswith(DECISION_RULES) and rule in rules().ids


def counted_page(paged: str) -> str:
    """A page of decisions (`decisions_select(..., counted=False)` with its LIMIT and OFFSET) with
    each one's `passed_over_count`, counted for the rows of the page only: in the page's statement
    itself PostgreSQL would count it for every row the OFFSET skips (0.3 ms each)."""
    count = passed_over_count(rules(), reference())
    return f"SELECT d.*, {count} AS {PASSED_OVER_COUNT} FROM ({paged}) d ORDER BY d.tmt, d.subject, d.version"


def decisions_select(
    where: str, *, with_findings: bool = False, counted: bool = True, source: str = "decisions d"
) -> str:
    """The SELECT of `decisions` with its WHERE clause, in the list's order (see `decisions_sql`).

    With the findings, a decision's are looked up only when it has some: its `finding_count` is the
    number of its `findings` rows (both written together from the same checks, `decision_rows`), and
    most decisions have none (97% of the demo's). Otherwise the key sought is NULL, which matches no
    row and which neither database looks up in the index (PostgreSQL's Memoize answers those from
    its cache; at 100,000 employees 12,000 lookups instead of 516,000, the server's part of the
    stream 4.0 -> 1.6 s). Each decision has its `passed_over_count` (`passed_over_count`) unless
    not `counted` (a page counts it around its LIMIT, `counted_page`, or from the kept rounds)."""
    columns = ", ".join(f"d.{c.strip()}" for c in DECISION_COLUMNS.split(","))
    if counted:
        columns += f", {passed_over_count(rules(), reference())} AS {PASSED_OVER_COUNT}"
    joined = order = ""
    if with_findings:
        columns += "".join(f", f.{c} AS finding_{c}" for c in FINDING_COLUMNS)
        joined = (
            " LEFT JOIN findings f ON f.subject = CASE WHEN d.finding_count > 0 THEN d.subject END"
            " AND f.version = d.version"
        )
        order = ", f.rule"
    return f"SELECT {columns} FROM {source}{joined}{where} ORDER BY d.tmt, d.subject, d.version{order}"


def streamed(
    store: SqlStore, statement: str, params: list[Any], size: int, *, tuples: bool = False, ahead: bool = False
) -> Iterator[list[Any]]:
    """A query's rows a page at a time: on PostgreSQL through a server-side cursor (a client-side
    one holds the whole result), on SQLite as its cursor steps through them. Each row a dict, or
    with `tuples` a tuple of the SELECT's columns in order (no dict made per row). With `ahead`, on
    PostgreSQL the next page is fetched (`read_ahead`) while the caller works on this one. The store's
    read guard (a view being filled: SqlStore.guard) sees the statement first."""
    if store.guard is not None:
        store.guard(None, statement)
    if store.dialect == "postgres":
        with store.transaction(commit=False) as sql:
            cursor: Any = sql.cursor  # psycopg's, made for this transaction
            if tuples:
                cursor.row_factory = tuple_row
            sql.execute(f"DECLARE streamed NO SCROLL CURSOR FOR {statement}", params)
            fetch = f"FETCH {int(size)} FROM streamed"

            def page() -> list[Any]:
                cursor.execute(fetch)
                rows: list[Any] = cursor.fetchall()
                return rows if tuples else [dict(row) for row in rows]

            yield from read_ahead(page) if ahead else iter(page, [])
            return
    with store.statements() as sql:
        cursor = sql.cursor  # sqlite3's, made for this block
        if tuples:
            cursor.row_factory = None
        sql.execute(statement, params)
        while rows := cursor.fetchmany(size):
            yield rows if tuples else [dict(row) for row in rows]


def read_ahead(page: Callable[[], list[Any]]) -> Iterator[list[Any]]:
    """The pages `page()` returns, up to the first empty one, each asked for in a thread while the
    caller works on the one before: the database finds the next rows (and the client receives them)
    as the caller builds its answer from these, instead of each waiting for the other. At most two
    pages wait (one taken, one fetched). The thread alone uses the connection until it has ended:
    an error in it is raised here, and a caller that stops early waits for the page being fetched."""
    pages: queue.Queue[list[Any] | BaseException] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def fetch() -> None:
        try:
            while not stop.is_set():
                rows = page()
                pages.put(rows)
                if not rows:
                    return
        except BaseException as error:  # handed to the caller's thread
            pages.put(error)

    thread = threading.Thread(target=fetch, name="read_ahead", daemon=True)
    thread.start()
    try:
        while rows := pages.get():
            if isinstance(rows, BaseException):
                raise rows
            yield rows
    finally:
        stop.set()
        while thread.is_alive():  # a page it is putting is taken, so that it sees `stop`
            with contextlib.suppress(queue.Empty):
                pages.get_nowait()
            thread.join(0.01)


def rated_years(decision: dict[str, Any]) -> list[int]:
    """The rating years a decision relied on (promotion.performance / post.performance)."""
    day = date.fromisoformat(decision["tmt"])
    rule_id = "promotion.performance" if decision["decision"] == "promotion" else "post.performance"
    years = rules().param(rule_id, day, "years", {}).get(decision["kind"])
    return [day.year - n for n in range(1, int(years) + 1)] if years else []


MEASURES = ("performance", "training_jp", "days_in_rank", "education")


def measures(row: dict[str, Any]) -> tuple[float, float, int, int]:
    order = int(reference().education[row["education"]]["order"]) if row["education"] else 0
    return (float(row["performance"] or 0.0), float(row["training_jp"] or 0.0), int(row["days_in_rank"]), order)


def clearly_stronger(
    theirs: tuple[float, float, int, int], mine: tuple[float, float, int, int], min_better: int
) -> bool:
    """At least as strong on every measure, stronger on `min_better` of them, performance among them
    (the four measures unpacked: no generator per call, asked about every better colleague)."""
    performance, training, days, education = theirs
    my_performance, my_training, my_days, my_education = mine
    if performance <= my_performance or training < my_training or days < my_days or education < my_education:
        return False
    return 1 + (training > my_training) + (days > my_days) + (education > my_education) >= min_better


class PassedOverQueries(ViewReader):
    """merit.passed_over over the `promotion_rounds` rows: per regular (101) promotion, the eligible
    colleagues of the same agency, unit (in any letter case or spacing: `unit_key`) and rank on the round date, not
    promoted, clearly stronger (each pair with the round date and the promotion's TMT, `tmt`: a TMT off a round date
    counts in the last round before it), each unit shown under its spelling most listed (`units_shown`)."""

    def passed_over(
        self, filters: dict[str, Any] | None = None, *, nip: str | None = None, round_date: str | None = None
    ) -> list[dict[str, Any]]:
        clauses, params = filter_clauses(filters, {"agency": "p.agency", "unit": "p.unit", "region": "p.region"})
        if nip:
            clauses.append("p.subject = ?")
            params.append(nip)
        if round_date:
            clauses.append("p.round_date = ?")
            params.append(iso_day(round_date, "round_date"))
        clauses.append("p.promoted = 1")
        # only a colleague at least as strong on performance (and stronger), training and days in rank
        # can be clearly stronger: the rows of the others are not read (the rule below decides)
        clauses.append(
            "COALESCE(o.performance, 0) > COALESCE(p.performance, 0) "
            "AND COALESCE(o.training_jp, 0) >= COALESCE(p.training_jp, 0) AND o.days_in_rank >= p.days_in_rank"
        )
        rows = [
            row
            for rounds, then in COLLEAGUE_ROUNDS  # the final rounds and the earlier states, never both of one colleague
            for row in self.store.query(
                "SELECT p.subject, p.round_date, p.tmt, p.agency, p.unit, p.rank, p.performance, p.training_jp, "
                "p.days_in_rank, p.education, o.subject AS o_subject, o.performance AS o_performance, "
                "o.training_jp AS o_training_jp, o.days_in_rank AS o_days_in_rank, o.education AS o_education "
                f"FROM promotion_rounds p JOIN {rounds} o ON o.round_date = p.round_date AND o.agency = p.agency "
                "AND o.unit_key = p.unit_key AND o.rank = p.rank AND o.eligible = 1 AND o.promoted = 0"
                f" AND {then}{where_sql(clauses)}",
                params,
            )
        ]
        rows.sort(key=itemgetter("round_date", "subject", "o_subject"))
        found = []
        for row in rows:
            day = date.fromisoformat(row["round_date"])
            rule = rules().in_force("merit.passed_over", day)
            if rule is None:
                continue
            mine = measures(row)
            theirs = measures({m: row[f"o_{m}"] for m in MEASURES})
            if clearly_stronger(theirs, mine, int(rule.params.get("min_better", 2))):
                found.append(
                    {
                        "subject": row["subject"],
                        "round_date": row["round_date"],
                        "tmt": row["tmt"],
                        "agency": row["agency"],
                        "unit": row["unit"],
                        "rank": row["rank"],
                        "colleague": row["o_subject"],
                        "severity": rule.severity,
                        "comparison": {
                            m: {"promoted": a, "colleague": b} for m, a, b in zip(MEASURES, mine, theirs, strict=True)
                        },
                    }
                )
        return units_shown(found)
