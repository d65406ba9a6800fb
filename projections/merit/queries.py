"""Plain-data queries over the merit tables: the audited promotions and one decision's findings."""

from __future__ import annotations

import contextlib
import json
import queue
import threading
from collections.abc import Callable, Iterator
from datetime import date
from operator import itemgetter
from typing import Any, ClassVar

import orjson
from psycopg.rows import tuple_row

from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.reference import reference, rules
from careerlog.sqlstore import Row, Sql, SqlStore
from projections.merit.distribution import GradeInflationQueries
from projections.merit.rules import SEVERITY_ORDER
from projections.reading import ViewReader
from projections.roster_paging import RosterTotals
from projections.training import filter_clauses, where_sql

DECISION_FILTERS = {
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
DECISION_TYPES = ("promotion", "post")
FINDING_COLUMNS = ("rule", "severity", "source", "status", "message", "evidence")


def iso_day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInput(f"Must be a date YYYY-MM-DD, got {value!r}.", name) from None


def period_clauses(column: str, start: str | None, end: str | None) -> tuple[list[str], list[str]]:
    """SQL clauses (and their parameters) keeping `column` within [start, end]; either may be open."""
    clauses, params = [], []
    for bound, op in ((iso_day(start, "from"), ">="), (iso_day(end, "to"), "<=")):
        if bound:
            clauses.append(f"{column} {op} ?")
            params.append(bound)
    return clauses, params


class CountedList(ViewReader):
    """A view's list read by page: given the views' `tracking_table`, its totals are counted once per
    filter while the view (`view`, the projection's name) stays at one position in the log, as the
    roster's are (RosterTotals), instead of on every page."""

    view: ClassVar[str]

    def __init__(self, store: SqlStore, *, today: date | None = None, tracking_table: str | None = None):
        super().__init__(store, today=today)
        self.tracking_table = tracking_table
        self.totals = RosterTotals()

    def total(self, sql: Sql, source: str, where: str, params: list[Any]) -> int:
        """COUNT(*) of `source` (a table and its alias) with the WHERE clause, or the total counted at
        the view's present position."""
        return self.totals.count(sql, self.tracking_table, self.view, source, where, params)

    def page_of(
        self, select: str, source: str, where: str, params: list[Any], page: int, per_page: int
    ) -> tuple[list[Row], int]:
        """One page of a list: the rows of `select` (its WHERE and ORDER BY included, the order total)
        read with LIMIT and OFFSET, and how many rows of `source` match `where` in all."""
        with self.store.statements() as sql:
            rows = sql.query(f"{select} LIMIT ? OFFSET ?", [*params, per_page, (page - 1) * per_page])
            return rows, self.total(sql, source, where, params)


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
    ) -> list[dict[str, Any]]:
        """Rank promotions with TMT in [start, end], optionally only those with a finding of a rule
        or of at least a severity (low, medium, high). Filters: agency, unit, region, kind, level,
        verdict (compliant, findings)."""
        return self.decisions(filters, decision="promotion", start=start, end=end, rule=rule, severity=severity)

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
    ) -> list[dict[str, Any]]:
        """Audited decisions of one type (`promotion`, `post`) or both (None)."""
        return self.store.query(*self.decisions_sql(filters, decision, start, end, rule, severity))

    def decisions_page(
        self, filters: dict[str, Any] | None = None, *, page: int, per_page: int, **options: str | None
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of `decisions` (filtered as it is: decision, start, end, rule, severity), the rows
        `decisions(...)[(page - 1) * per_page : page * per_page]` read with LIMIT and OFFSET, and how
        many decisions match in all (COUNT)."""
        where, params = self.decisions_where(filters, **options)
        return self.page_of(decisions_select(where), "decisions d", where, params, page, per_page)

    def decisions_count(self, filters: dict[str, Any] | None = None, **options: str | None) -> int:
        """How many decisions `decisions` lists (filtered as it is), counted by the database."""
        where, params = self.decisions_where(filters, **options)
        with self.store.statements() as sql:
            return self.total(sql, "decisions d", where, params)

    def decisions_where(
        self,
        filters: dict[str, Any] | None,
        decision: str | None = None,
        start: str | None = None,
        end: str | None = None,
        rule: str | None = None,
        severity: str | None = None,
    ) -> tuple[str, list[Any]]:
        """The WHERE clause of `decisions` (over `decisions d`) and its parameters."""
        clauses, params = filter_clauses(filters, DECISION_FILTERS)
        if decision is not None:
            if decision not in DECISION_TYPES:
                raise InvalidInput(f"Unknown decision; one of {', '.join(DECISION_TYPES)}.", "decision")
            clauses.append("d.decision = ?")
            params.append(decision)
        period, bounds = period_clauses("d.tmt", start, end)
        clauses += period
        params += bounds
        if severity:
            if severity not in SEVERITY_ORDER:
                raise InvalidInput(f"Unknown severity; one of {', '.join(SEVERITY_ORDER)}.", "severity")
            wanted = [s for s, n in SEVERITY_ORDER.items() if n >= SEVERITY_ORDER[severity]]
            clauses.append(f"d.max_severity IN ({', '.join('?' * len(wanted))})")
            params += wanted
        if rule:
            clauses.append(
                "EXISTS (SELECT 1 FROM findings f WHERE f.subject = d.subject AND f.version = d.version AND f.rule = ?)"
            )
            params.append(rule)
        return where_sql(clauses), params

    def decisions_sql(
        self, filters: dict[str, Any] | None, *criteria: str | None, with_findings: bool = False, **options: str | None
    ) -> tuple[str, list[Any]]:
        """The query of `decisions` (its criteria as `decisions_where` takes them) and its parameters;
        with each decision's findings (`finding_` columns, one row per finding, in the order of their
        rules) when asked. (subject, version) is the table's primary key: the order is total, so a page
        by LIMIT and OFFSET is a slice of the whole list."""
        where, params = self.decisions_where(filters, *criteria, **options)
        return decisions_select(where, with_findings=with_findings), params

    def each_decision(
        self, filters: dict[str, Any] | None = None, *, page: int = 10000, **options: str | None
    ) -> Iterator[dict[str, Any]]:
        """Every audited decision (filtered as `decisions`) with its findings, from one query (the
        decisions joined with their findings, in order) read a page at a time, so that memory
        holds one page however many there are. The rows are read as tuples: one dict is made per
        decision and one per finding (most decisions have none), not one per row read; on PostgreSQL
        the next page is read while this one is used (`read_ahead`)."""
        statement, params = self.decisions_sql(filters, **options, with_findings=True)
        names = [c.strip() for c in DECISION_COLUMNS.split(",")]  # the SELECT's first columns, then FINDING_COLUMNS
        identity = itemgetter(names.index("subject"), names.index("version"))
        width = len(names)
        rule = width + FINDING_COLUMNS.index("rule")
        current: dict[str, Any] | None = None
        key: tuple[Any, ...] = ()
        findings: list[dict[str, Any]] = []
        for rows in streamed(self.store, statement, params, page, tuples=True, ahead=True):
            for row in rows:
                if (found := identity(row)) != key:
                    if current is not None:
                        yield current
                    key, findings = found, []
                    current = dict(zip(names, row, strict=False))  # the decision's columns: zip stops at the last name
                    current["findings"] = findings
                if row[rule] is not None:
                    finding = dict(zip(FINDING_COLUMNS, row[width:], strict=True))
                    finding["evidence"] = orjson.loads(finding["evidence"])
                    findings.append(finding)
        if current is not None:
            yield current

    def promotion(self, nip: str, version: int) -> dict[str, Any]:
        """One decision (promotion or post) with its findings and their evidence, and the ratings it
        relied on that were given in a unit-year with grade inflation (NotFound when not audited)."""
        rows = self.store.query(
            f"SELECT {DECISION_COLUMNS} FROM decisions WHERE subject = ? AND version = ?", (nip, version)
        )
        if not rows:
            raise NotFound(f"No audited decision {version} of {nip}.")
        findings = self.store.query(
            "SELECT rule, severity, source, status, message, evidence FROM findings "
            "WHERE subject = ? AND version = ? ORDER BY rule",
            (nip, version),
        )
        decision = rows[0]
        years = rated_years(decision)
        inflated = GradeInflationQueries(self.store, today=self._today).inflated_ratings(nip, years)
        return {
            **decision,
            "findings": [{**f, "evidence": json.loads(f["evidence"])} for f in findings],
            "inflated_ratings": inflated,
        }


def decisions_select(where: str, *, with_findings: bool = False) -> str:
    """The SELECT of `decisions` with its WHERE clause, in the list's order (see `decisions_sql`).

    With the findings, a decision's are looked up only when it has some: its `finding_count` is the
    number of its `findings` rows (both written together from the same checks, `decision_rows`), and
    most decisions have none (97% of the demo's). Otherwise the key sought is NULL, which matches no
    row and which neither database looks up in the index (PostgreSQL's Memoize answers those from
    its cache; at 100,000 employees 12,000 lookups instead of 516,000, the server's part of the
    stream 4.0 -> 1.6 s)."""
    columns = ", ".join(f"d.{c.strip()}" for c in DECISION_COLUMNS.split(","))
    joined = order = ""
    if with_findings:
        columns += "".join(f", f.{c} AS finding_{c}" for c in FINDING_COLUMNS)
        joined = (
            " LEFT JOIN findings f ON f.subject = CASE WHEN d.finding_count > 0 THEN d.subject END"
            " AND f.version = d.version"
        )
        order = ", f.rule"
    return f"SELECT {columns} FROM decisions d{joined}{where} ORDER BY d.tmt, d.subject, d.version{order}"


def streamed(
    store: SqlStore, statement: str, params: list[Any], size: int, *, tuples: bool = False, ahead: bool = False
) -> Iterator[list[Any]]:
    """A query's rows a page at a time: on PostgreSQL through a server-side cursor (a client-side
    one holds the whole result), on SQLite as its cursor steps through them. Each row a dict, or
    with `tuples` a tuple of the SELECT's columns in order (no dict made per row). With `ahead`, on
    PostgreSQL the next page is fetched (`read_ahead`) while the caller works on this one."""
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
    colleagues of the same agency, unit and rank on the round date, not promoted, clearly stronger."""

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
        rows = self.store.query(
            "SELECT p.subject, p.round_date, p.agency, p.unit, p.rank, p.performance, p.training_jp, "
            "p.days_in_rank, p.education, o.subject AS o_subject, o.performance AS o_performance, "
            "o.training_jp AS o_training_jp, o.days_in_rank AS o_days_in_rank, o.education AS o_education "
            "FROM promotion_rounds p JOIN promotion_rounds o ON o.round_date = p.round_date "
            "AND o.agency = p.agency AND o.unit = p.unit AND o.rank = p.rank AND o.eligible = 1 AND o.promoted = 0"
            f"{where_sql(clauses)} ORDER BY p.round_date, p.subject, o.subject",
            params,
        )
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
        return found
