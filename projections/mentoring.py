"""Mentoring: every mentoring relationship and session, from the mentee's record.

The mentee's record holds the relationship (`MentoringStarted`, `MentoringEnded`) and its
sessions (`MentoringSessionHeld`); the mentor's `MenteeAssigned`/`MenteeReleased` only
mirror them, so rows come from the mentee alone and "whom does X mentor" is a query on
the `mentor_nip` column. The view also keeps every employee's yearly SKP score, so that
mentees' outcomes can be compared with those of colleagues who were never mentored (JP
come from the training view, ranks and posts from the roster's spells).

docs/views.md gives the exact definition of every number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from careerlog.application import NOT_APPOINTED
from careerlog.domain.errors import InvalidInput, NotFound, quoted
from careerlog.domain.wording import Refusal
from careerlog.reference import reference
from careerlog.sqlstore import Row, Sql
from projections.career import CareerRecord, Fact, predicate_score
from projections.framework import Table, TupleProjection
from projections.reading import ViewReader
from projections.training import (
    DEFAULT_WINDOW_MONTHS,
    Member,
    SpellIndex,
    bounded,
    comparable,
    filter_clauses,
    filter_values,
    load_spells,
    promoted_count,
    ratio,
    slice_value,
    strictly_wider,
    where_sql,
    window,
    window_complete,
)

MENTORING = Table(
    "mentoring",
    (
        ("subject", "TEXT"),
        ("version", "INTEGER"),
        ("reference", "TEXT"),
        ("mentor_nip", "TEXT"),
        ("focus", "TEXT"),
        ("start_date", "TEXT"),
        ("end_date", "TEXT"),
        ("end_reason", "TEXT"),
        ("sessions", "INTEGER"),
        ("minutes", "INTEGER"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("region", "TEXT"),
        ("rank", "TEXT"),
    ),
    ("subject", "version"),
    indexes=(("mentor_nip",), ("agency", "unit"), ("start_date",)),
)

MENTORING_SESSIONS = Table(
    "mentoring_sessions",
    (
        ("subject", "TEXT"),
        ("version", "INTEGER"),
        ("relationship", "INTEGER"),
        ("mentor_nip", "TEXT"),
        ("session_date", "TEXT"),
        ("topic", "TEXT"),
        ("minutes", "INTEGER"),
    ),
    ("subject", "version"),
    indexes=(("mentor_nip",),),
)

MENTORING_RATINGS = Table(
    "mentoring_ratings",
    (("subject", "TEXT"), ("year", "INTEGER"), ("predicate", "TEXT"), ("score", "INTEGER")),
    ("subject", "year"),
)

RELATIONSHIP_FILTERS = {
    "agency": "agency",
    "unit": "unit",
    "region": "region",
    "rank": "rank",
    "focus": "focus",
    "mentor_nip": "mentor_nip",
    "mentee_nip": "subject",
}
NOT_A_DATE = Refusal("Must be a date.").reason()  # (careerlog.domain.wording)
UNKNOWN_FOCUS = Refusal("Unknown focus {focus}: no mentoring of that focus was ever recorded there.")
DEFAULT_OUTCOME_YEARS = 2
MAX_OUTCOME_YEARS = 10


@dataclass(frozen=True)
class Relationship:
    """A mentoring received: from its start until its end (inclusive; None while open)."""

    mentor: str
    start: date
    end: date | None
    fact: Fact
    end_fact: Fact | None

    def covers(self, mentor: str, day: date) -> bool:
        return self.mentor == mentor and self.start <= day and (self.end is None or day <= self.end)


class MentoringProjection(TupleProjection):
    """Mentoring relationships and sessions (mentee's side) and every employee's yearly SKP score."""

    name = "mentoring"
    version = 2  # 2: the rank held read as its code, of a starting rank stored before 2026-12-05 as typed ("iii/a")
    tables = (MENTORING, MENTORING_SESSIONS, MENTORING_RATINGS)

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        if record.appointment is None:
            return {}
        relationships = relationships_of(record)
        sessions = [(fact, owner(relationships, fact)) for fact in record.of_kind("mentoring_session")]
        return {
            "mentoring": [relationship_row(record, r, [f for f, o in sessions if o is r]) for r in relationships],
            "mentoring_sessions": [session_row(record, fact, o) for fact, o in sessions],
            "mentoring_ratings": rating_rows(record),
        }


def relationships_of(record: CareerRecord) -> list[Relationship]:
    ends = record.of_kind("mentoring_end")
    found = []
    for mentor, start, end, fact in record.mentoring_spells():
        end_fact = None
        if end is not None:
            end_fact = next((f for f in ends if f.get("mentor_nip") == mentor and f.effective_date == end), None)
        found.append(Relationship(mentor, start, end, fact, end_fact))
    return found


def owner(relationships: Sequence[Relationship], session: Fact) -> Relationship | None:
    """The relationship a session belongs to: the latest one with its mentor open on its day."""
    open_then = [r for r in relationships if r.covers(session.get("mentor_nip"), session.effective_date)]
    return open_then[-1] if open_then else None


def relationship_row(record: CareerRecord, relationship: Relationship, sessions: Sequence[Fact]) -> tuple[Any, ...]:
    """A mentoring's row: the values of MENTORING's columns in order."""
    agency, unit, region = record.placement_on(relationship.start) or (None, None, None)
    rank = record.rank_on(relationship.start)
    return (
        record.subject,  # subject
        relationship.fact.version,  # version
        relationship.fact.reference,  # reference
        relationship.mentor,  # mentor_nip
        relationship.fact.get("focus"),  # focus
        relationship.start.isoformat(),  # start_date
        relationship.end.isoformat() if relationship.end else None,  # end_date
        relationship.end_fact.get("reason") if relationship.end_fact else None,  # end_reason
        len(sessions),  # sessions
        sum(int(f.get("minutes") or 0) for f in sessions),  # minutes
        agency,  # agency
        unit,  # unit
        region,  # region
        rank[0] if rank else None,  # rank
    )


def session_row(record: CareerRecord, fact: Fact, relationship: Relationship | None) -> tuple[Any, ...]:
    """A session's row: the values of MENTORING_SESSIONS' columns in order."""
    minutes = fact.get("minutes")
    return (
        record.subject,  # subject
        fact.version,  # version
        relationship.fact.version if relationship else None,  # relationship
        fact.get("mentor_nip"),  # mentor_nip
        fact.effective_date.isoformat(),  # session_date
        fact.get("topic"),  # topic
        None if minutes is None else int(minutes),  # minutes
    )


def rating_rows(record: CareerRecord) -> list[tuple[Any, ...]]:
    """The yearly SKP rows: the values of MENTORING_RATINGS' columns (subject, year, predicate, score)."""
    ref, subject = reference(), record.subject
    return [
        (subject, year, fact.values.get("predicate"), predicate_score(ref, fact.values.get("predicate")))
        for year, fact in sorted(record.ratings.items())
    ]


# ---------------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class Outcomes:
    """A group's outcomes: promotions within the window, JP and SKP scores in the years after."""

    count: int
    promoted: int
    person_years: int
    hours: int
    rated_years: int
    score_total: int

    @property
    def promotion_rate(self) -> float | None:
        return None if not self.count else self.promoted / self.count

    @property
    def jp_per_year(self) -> float | None:
        return None if not self.person_years else self.hours / self.person_years

    @property
    def mean_rating(self) -> float | None:
        return None if not self.rated_years else self.score_total / self.rated_years

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "promoted": self.promoted,
            "promotion_rate": ratio(self.promoted, self.count),
            "person_years": self.person_years,
            "jp_per_year": ratio(self.hours, self.person_years, 2),
            "rated_years": self.rated_years,
            "mean_rating": ratio(self.score_total, self.rated_years),
        }


def outcome_years(member: Member, index: SpellIndex, years: int, today: date) -> list[int]:
    """The `years` calendar years after the member's start year that have ended and in which
    the member was in post on 31 December."""
    span = range(member.day.year + 1, member.day.year + years + 1)
    return [y for y in span if y < today.year and index.in_post(member.subject, date(y, 12, 31))]


def outcomes(
    members: Sequence[Member],
    index: SpellIndex,
    hours: Mapping[tuple[str, int], int],
    scores: Mapping[tuple[str, int], int],
    *,
    months: int,
    years: int,
    today: date,
) -> Outcomes:
    person_years = [(m.subject, y) for m in members for y in outcome_years(m, index, years, today)]
    rated = [scores[key] for key in person_years if key in scores]
    return Outcomes(
        count=len(members),
        promoted=promoted_count(members, index, months),
        person_years=len(person_years),
        hours=sum(hours.get(key, 0) for key in person_years),
        rated_years=len(rated),
        score_total=sum(rated),
    )


def difference(a: float | None, b: float | None, places: int = 4) -> float | None:
    return None if a is None or b is None else round(a - b, places)


def yearly_values(sql: Sql, statement: str, subjects: Sequence[str]) -> dict[tuple[str, int], int]:
    """(subject, year) -> value, for the employees named (read 500 at a time)."""
    found: dict[tuple[str, int], int] = {}
    for start in range(0, len(subjects), 500):
        chunk = subjects[start : start + 500]
        rows = sql.query(statement.format(within=f"subject IN ({', '.join('?' * len(chunk))})"), chunk)
        found.update({(r["subject"], int(r["year"])): int(r["value"]) for r in rows})
    return found


YEARLY_JP = "SELECT subject, year, SUM(counted_hours) AS value FROM training WHERE {within} GROUP BY subject, year"
YEARLY_SCORES = "SELECT subject, year, score AS value FROM mentoring_ratings WHERE {within}"


# ---------------------------------------------------------------------- queries


# A mentor's side of a mentoring, in the mentor's own record: each names the mentee (mentee_nip).
MENTOR_SIDE = frozenset({"mentee_assigned", "mentee_released"})


def mentees_named(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """The mentees a mentor's record shows, in order, each once: the `mentee_nip` of each MenteeAssigned and
    MenteeReleased among a timeline's items (their fields under `values`) or a history's rows (their fields
    beside `kind`). A read showing them shows someone else's mentoring (docs/security.md, "Access log: which
    reads")."""
    named: dict[str, None] = {}
    for item in items:
        if item.get("kind") in MENTOR_SIDE:
            mentee = item.get("values", item).get("mentee_nip")
            if mentee:
                named.setdefault(str(mentee))
    return list(named)


class MentoringQueries(ViewReader):
    """Reads of the mentoring view (with the training view and the roster's spells): plain data out."""

    def mentoring_of(self, nip: str) -> dict[str, Any]:
        """Who mentors an employee and whom the employee mentors, each with the sessions held."""
        with self.store.transaction(commit=False) as sql:
            if not sql.query("SELECT subject FROM roster WHERE subject = ?", (nip,)):
                raise NotFound(NOT_APPOINTED.reason(nip=nip))
            mentors = self._with_sessions(sql, "subject", nip)
            mentees = self._with_sessions(sql, "mentor_nip", nip)
        return {"nip": nip, "mentored_by": mentors, "mentoring": mentees}

    @staticmethod
    def _with_sessions(sql: Sql, column: str, nip: str) -> list[dict[str, Any]]:
        # `column` is one of two constants of this class, never input.
        rows = sql.query(f"SELECT * FROM mentoring WHERE {column} = ? ORDER BY start_date, subject, version", (nip,))
        sessions = sql.query(
            "SELECT subject, relationship, session_date, topic, minutes FROM mentoring_sessions "
            f"WHERE {column} = ? ORDER BY session_date, version",
            (nip,),
        )
        items = []
        for row in rows:
            item = relationship_item(row)
            item["session_list"] = [
                {"date": s["session_date"], "topic": s["topic"], "minutes": s["minutes"]}
                for s in sessions
                if s["subject"] == row["subject"] and s["relationship"] == row["version"]
            ]
            items.append(item)
        return items

    def places(self, filters: Mapping[str, Any] | None) -> set[tuple[str | None, str | None]]:
        """The agencies and regions of the mentoring relationships under `filters` (at their start), each pair once:
        where the wider answers its promoted is judged against are (web.services.Services.wider_answers)."""
        clauses, params = filter_clauses(filters, RELATIONSHIP_FILTERS)
        rows = self.store.query(f"SELECT DISTINCT agency, region FROM mentoring{where_sql(clauses)}", params)
        return {(r["agency"], r["region"]) for r in rows}

    def known_focus(self, filters: Mapping[str, Any]) -> None:
        """InvalidInput naming `focus` for a focus filter's value no mentoring was ever recorded with, within the
        filters' agency and region (a reader's scope): an answer filtered by it would be all zeros, read as no
        mentoring (until 2026-12-06 `focus=bogus` answered so), as an unknown unit is refused."""
        place = {k: filters[k] for k in ("agency", "region") if filters.get(k)}
        for focus in filter_values(filters.get("focus")):
            clauses, params = filter_clauses({**place, "focus": [focus]}, RELATIONSHIP_FILTERS)
            if not self.store.query(f"SELECT 1 AS found FROM mentoring{where_sql(clauses)} LIMIT 1", params):
                raise InvalidInput(UNKNOWN_FOCUS.reason(focus=quoted(str(focus))), "focus")

    def relationships(
        self, filters: Mapping[str, Any] | None = None, *, open_on: date | None = None
    ) -> list[dict[str, Any]]:
        """Mentoring relationships matching the filters (the mentee's agency, unit, region and rank
        at the start), optionally only those open on a day."""
        clauses, params = filter_clauses(filters, RELATIONSHIP_FILTERS)
        if open_on is not None:
            if not isinstance(open_on, date):
                raise InvalidInput(NOT_A_DATE, "open_on")
            clauses += ["start_date <= ?", "(end_date IS NULL OR end_date >= ?)"]
            params += [open_on.isoformat(), open_on.isoformat()]
        rows = self.store.query(
            f"SELECT * FROM mentoring{where_sql(clauses)} ORDER BY start_date, subject, version", params
        )
        return [relationship_item(r) for r in rows]

    def relationship_totals(self, filters: Mapping[str, Any] | None = None) -> dict[str, int]:
        """Counts over the mentoring relationships matching the filters, in one aggregate query: how many, how many
        still open, their mentees and mentors, their sessions and minutes (`relationships` added up)."""
        clauses, params = filter_clauses(filters, RELATIONSHIP_FILTERS)
        [row] = self.store.query(f"SELECT {RELATIONSHIP_TOTALS} FROM mentoring{where_sql(clauses)}", params)
        return totals_of(row)

    def relationship_totals_by(self, filters: Mapping[str, Any] | None, field: str) -> dict[Any, dict[str, int]]:
        """`relationship_totals` per slice of the relationships by one of the filters' fields (`slice_value`: a unit
        in every spelling one slice, counted once across its spellings), under the same filters."""
        column = RELATIONSHIP_FILTERS[field]
        clauses, params = filter_clauses(filters, RELATIONSHIP_FILTERS)
        with self.store.transaction(commit=False) as sql:
            rows = sql.query(
                f"SELECT {column} AS value, {RELATIONSHIP_TOTALS} FROM mentoring{where_sql(clauses)} GROUP BY {column}",
                params,
            )
            spelt: dict[Any, list[Any]] = {}
            for r in rows:
                spelt.setdefault(slice_value(field, r["value"]), []).append(r)
            found = {value: totals_of(group[0]) for value, group in spelt.items() if len(group) == 1}
            for value, group in spelt.items():
                if len(group) > 1:  # (one unit in several spellings: its mentees and mentors each counted once)
                    named = [r["value"] for r in group]
                    within = [*clauses, f"{column} IN ({', '.join('?' * len(named))})"]
                    [row] = sql.query(
                        f"SELECT {RELATIONSHIP_TOTALS} FROM mentoring{where_sql(within)}", [*params, *named]
                    )
                    found[value] = totals_of(row)
        return found

    def mentoring_outcomes(
        self,
        filters: Mapping[str, Any] | None = None,
        *,
        window_months: int = DEFAULT_WINDOW_MONTHS,
        years: int = DEFAULT_OUTCOME_YEARS,
        wider: Sequence[Mapping[str, Any]] = (),
        spells: dict[tuple[str, ...], SpellIndex] | None = None,
    ) -> dict[str, Any]:
        """Mentees' promotions, JP and SKP scores after their first mentoring started, against
        colleagues of the same agency and rank on that day who were never mentored. `wider`: other filters (the same
        report without one of its filters, or under its people's agency or region: web.services.Services.wider_answers)
        whose mentees' and peers' counts and promoted are answered beside (`wider`), of those alone whose mentees are
        every mentee of this answer and more (`strictly_wider`: one of the same people tells nothing more, nor one
        of the same people as another), read in the same transaction from one load of the spells. This answer's own
        figures are read as from the spells of its own mentees' agencies alone (`SpellIndex.among`), whatever the
        wider answers' agencies (a mentee's post of no agency held by those ever in theirs). `spells`: the spells
        loaded, by their agencies, kept by the caller for its other reports of one request (the scorecard's judging:
        the same agencies' spells read once, where until 2026-12-07 each report read them again)."""
        months = window(window_months)
        span = bounded(years, "years", 1, MAX_OUTCOME_YEARS)
        clauses, params = filter_clauses(filters, RELATIONSHIP_FILTERS)
        with self.store.transaction(commit=False) as sql:
            mentees = first_mentoring(sql, clauses, params)
            others = strictly_wider(
                mentees, (first_mentoring(sql, *filter_clauses(other, RELATIONSHIP_FILTERS)) for other in wider)
            )
            mentored = {r["subject"] for r in sql.query("SELECT DISTINCT subject FROM mentoring")}
            own = {m.agency for m in mentees if m.agency}
            agencies = tuple(sorted(own.union(m.agency for other in others for m in other if m.agency)))
            kept = {} if spells is None else spells
            if agencies not in kept:
                kept[agencies] = load_spells(sql, agencies)
            everyone = kept[agencies]
            index = everyone.among(everyone.subjects_of(own)) if others else everyone
            peers = comparable(mentees, mentored, index)
            # (the values of the people compared alone, of those ever in the agencies: the index's; until 2026-12-06
            # every employee's ever in them, most of them neither mentees nor their peers)
            compared = sorted({m.subject for m in [*mentees, *peers]}.intersection(index.by_subject))
            hours = yearly_values(sql, YEARLY_JP, compared)
            scores = yearly_values(sql, YEARLY_SCORES, compared)
        got = outcomes(mentees, index, hours, scores, months=months, years=span, today=self.today)
        baseline = outcomes(peers, index, hours, scores, months=months, years=span, today=self.today)
        return {
            "window_months": months,
            "years": span,
            "mentees": got.to_dict(),
            "peers": baseline.to_dict(),
            "difference": {
                "promotion_rate": difference(got.promotion_rate, baseline.promotion_rate),
                "jp_per_year": difference(got.jp_per_year, baseline.jp_per_year, 2),
                "mean_rating": difference(got.mean_rating, baseline.mean_rating),
            },
            "window_complete": window_complete([*mentees, *peers], months, self.today),
            **({"wider": [promoted_of(other, mentored, everyone, months) for other in others]} if wider else {}),
        }


def promoted_of(mentees: Sequence[Member], mentored: set[str], index: SpellIndex, months: int) -> dict[str, Any]:
    """The mentees' and their peers' counts and promoted within `months` (`MentoringQueries.mentoring_outcomes`'s
    `wider`): what a report's promoted is judged against (suppression.Attribute.differenced)."""
    peers = comparable(mentees, mentored, index)
    return {
        group: {"count": len(members), "promoted": promoted_count(members, index, months)}
        for group, members in (("mentees", mentees), ("peers", peers))
    }


# Counts over mentoring relationships (MentoringQueries.relationship_totals): a mentor NULL counts as one mentor, as
# a set of the relationships' mentors holds None once
RELATIONSHIP_TOTALS = (
    "COUNT(*) AS count, SUM(CASE WHEN end_date IS NULL THEN 1 ELSE 0 END) AS open, COUNT(DISTINCT subject) AS mentees, "
    "COUNT(DISTINCT mentor_nip) + MAX(CASE WHEN mentor_nip IS NULL THEN 1 ELSE 0 END) AS mentors, "
    "SUM(sessions) AS sessions, SUM(minutes) AS minutes"
)


def totals_of(row: Row) -> dict[str, int]:
    """A row of RELATIONSHIP_TOTALS as counts (none matching: every count 0)."""
    return {name: int(row[name] or 0) for name in ("count", "open", "mentees", "mentors", "sessions", "minutes")}


def first_mentoring(sql: Sql, clauses: Sequence[str], params: Sequence[Any]) -> list[Member]:
    """Each mentee once, on the start of their first mentoring matching the filters."""
    rows = sql.query(
        f"SELECT subject, start_date, agency, rank FROM mentoring{where_sql(clauses)} "
        "ORDER BY subject, start_date, version",
        params,
    )
    first: dict[str, Member] = {}
    for r in rows:
        first.setdefault(
            r["subject"], Member(r["subject"], date.fromisoformat(r["start_date"]), r["agency"], r["rank"])
        )
    return list(first.values())


def relationship_item(row: Row) -> dict[str, Any]:
    return {
        "mentee_nip": row["subject"],
        "mentor_nip": row["mentor_nip"],
        "version": int(row["version"]),
        "reference": row["reference"],
        "focus": row["focus"],
        "start_date": row["start_date"],
        "end_date": row["end_date"],
        "end_reason": row["end_reason"],
        "open": row["end_date"] is None,
        "sessions": int(row["sessions"]),
        "minutes": int(row["minutes"]),
        "agency": row["agency"],
        "unit": row["unit"],
        "region": row["region"],
        "rank": row["rank"],
    }
