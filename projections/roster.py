"""Roster: one row per employee with where they stand now (rank, post, unit, status...).

Years in rank, years of service and age bands change with the calendar, not with events,
so the row keeps the dates and the queries compute the years for the day they are asked.
"""

from __future__ import annotations

import operator
import unicodedata
from datetime import date
from typing import Any

from careerlog.reference import rank_order
from careerlog.sqlstore import Row
from projections.career import CareerRecord, PostSpell, day_iso, pns_from
from projections.framework import Table, TupleProjection

ROSTER = Table(
    "roster",
    (
        ("subject", "TEXT"),
        ("name", "TEXT"),
        ("sex", "TEXT"),
        ("birth_date", "TEXT"),
        ("employment_kind", "TEXT"),
        ("confirmed", "INTEGER"),
        ("status", "TEXT"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("region", "TEXT"),
        ("rank", "TEXT"),
        ("rank_order", "INTEGER"),
        ("rank_since", "TEXT"),
        ("appointed_on", "TEXT"),
        ("education", "TEXT"),
        ("post_kind", "TEXT"),
        ("post_level", "TEXT"),
        ("post_title", "TEXT"),
        ("recruitment_path", "TEXT"),
        ("separated_on", "TEXT"),
        ("last_recorded_at", "TEXT"),
        ("post_assignment", "TEXT"),
        ("name_folded", "TEXT"),
    ),
    ("subject",),
    # The filters' columns, then one (column, subject) per sort of the roster (projections.queries.ROSTER_SORTS):
    # pages read in order through these, and after a cursor from where it points (projections.roster_paging).
    # Indexes are named by position (roster_ix<i>): add new ones at the end.
    indexes=(
        ("agency", "unit"),
        ("agency", "rank_order"),
        ("region",),
        ("status",),
        ("name",),
        ("name", "subject"),
        ("rank_order", "subject"),
        ("rank_since", "subject"),
        ("appointed_on", "subject"),
        ("agency", "subject"),
        ("unit", "subject"),
        ("birth_date", "subject"),
        # A scope's roster sorted by name (the default): one agency, or one province's regions (an expression, as
        # projections.queries.PROVINCE writes it, and the region to filter the province's codes in the index).
        ("agency", "name", "subject"),
        ("substr(region, 1, 2)", "name", "subject", "region"),
        # A province's roster sorted by agency: without it the (agency, subject) index was read from its first
        # agency until a page of the province's rows came by (1.4 s a page at a million rows).
        ("substr(region, 1, 2)", "agency", "subject", "region"),
    ),
    # The search by name or NIP (projections.queries: `name_folded LIKE '%...%' OR subject LIKE '%...%'`), read
    # through an index of the two columns' trigrams, roster_search (Table.search_ddl): PostgreSQL's GIN index (pg_trgm,
    # projections.trigrams), SQLite's FTS5 table; neither a new column nor a refill of the view.
    searched=("name_folded", "subject"),
)


SPELLS = Table(
    "spells",
    (
        ("subject", "TEXT"),
        ("seq", "INTEGER"),
        ("start_date", "TEXT"),
        ("end_date", "TEXT"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("region", "TEXT"),
        ("rank", "TEXT"),
        ("post_kind", "TEXT"),
        ("education", "TEXT"),
        ("employment_kind", "TEXT"),
        ("sex", "TEXT"),
        ("status", "TEXT"),
        ("performance_before", "REAL"),
        ("pns_from", "TEXT"),
    ),
    ("subject", "seq"),
    # (region, unit, agency): the units placed in a region scope's regions (projections.units.distinct_units, a seek
    # a unit where the plain DISTINCT read every spell of the regions)
    indexes=(("agency", "unit", "start_date"), ("start_date", "end_date"), ("region", "unit", "agency")),
)


class RosterProjection(TupleProjection):
    """Where each employee stands now (roster) and stood over time (spells)."""

    name = "roster"
    # 3: spells' performance_before (the SKP scores of the two years before a period began); 4: roster's
    # post_assignment (whether the post shown is the definitive one or an acting one: eligibility's level_top);
    # 5: spells' pns_from (the day a PNS-track employee is a PNS, no longer a CPNS: the 20 JP staff of a year);
    # 6: roster's name_folded (the name as the search matches it, alike on both stores: `folded`); 7: spells' pns_from
    # NULL without a confirmation recorded (a CPNS, however long ago appointed), no longer the end of the probation year
    # 8: a starting rank stored before 2026-12-05 as typed ("iii/a") read as its code (III/a: one headcount group)
    # 9: roster's name_folded without accents and with one apostrophe (Jose with an acute accent as jose, Ma'ruf
    # written with U+2019 as ma'ruf: `folded`)
    # 10: roster's rank_order of a PPPK grade (`rank_order`): after every PNS rank, by grade; it was NULL, the grades
    # in no order under sort=rank (V, IX, V, IX, VII, X: by NIP)
    version = 10
    tables = (ROSTER, SPELLS)

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        if record.appointment is None:
            return {}
        return {"roster": [roster_tuple(record)], "spells": spell_tuples(record)}


def spell_rows(record: CareerRecord) -> list[Row]:
    """Periods of employment in which agency, unit, region, rank, post, education and status hold.

    A period ends (exclusive) where the next begins; the last ends at separation, or is
    open (NULL) while the employee serves. Answers "who was where, at which rank, on D".
    `performance_before` is the employee's SKP score of the two years before the period began
    (`performance_before`): time to promotion's Cox covariate, known at a rank's start. `pns_from`, on every row
    of a PNS-track employee, is the day they are a PNS, no longer a CPNS (`projections.career.pns_from`: their
    confirmation's effective date; None without one, a CPNS, and for a PPPK): the 20 JP staff of a year are those with
    it on or before the counting day.
    """
    return SPELLS.as_rows(spell_tuples(record))


def spell_tuples(record: CareerRecord) -> list[tuple[Any, ...]]:
    """`spell_rows` as tuples of the table's columns in order."""
    start = record.appointed_on
    if start is None:
        return []
    end = record.separated_on
    changes = {start}
    changes |= {
        f.effective_date
        for f in record.of_kind(
            "placement", "rank_promotion", "education", "status_change", "study_leave_start", "study_leave_end"
        )
    }
    changes |= {s.start for s in record.posts} | {s.end for s in record.posts if s.end}
    days = sorted(d for d in changes if d >= start and (end is None or d < end))
    kept: list[tuple[date, tuple[Any, ...]]] = []  # each period's first day and state
    previous: tuple[Any, ...] | None = None
    for day in days:
        placement = record.placement_on(day) or ("", "", "")
        rank = record.rank_on(day)
        post = record.definitive_post_on(day)
        state = (
            *placement,
            rank[0] if rank else None,
            post.post_kind if post else None,
            record.education_on(day),
            record.status_on(day),
        )
        if state == previous:
            continue
        kept.append((day, state))
        previous = state
    if not kept:
        return []
    subject, kind, sex = record.subject, record.employment_kind, record.profile("sex")
    confirmed = pns_from(record.confirmed_on) if kind == "PNS" else None  # a PPPK is never one; a CPNS not yet
    pns = day_iso(confirmed) if confirmed is not None else None
    starts = [day_iso(day) for day, _ in kept]
    ends = [*starts[1:], day_iso(end) if end is not None else None]
    return [
        (subject, seq, first, last, *state[:6], kind, sex, state[6], performance_before(record, day), pns)
        for seq, (first, last, (day, state)) in enumerate(zip(starts, ends, kept, strict=True), 1)
    ]


# the rating years before a period's start whose scores `performance_before` averages: those promotion.performance
# reads for a regular (101) promotion (careerlog/reference/rules.toml)
YEARS_BEFORE = 2


def performance_before(record: CareerRecord, day: date) -> float | None:
    """The mean SKP score (Sangat Baik 5 ... Sangat Kurang 1) of the employee's ratings of the `YEARS_BEFORE` years
    before `day`'s year, None without any (a newcomer): known when a period beginning on `day` began, whatever
    came of it (time to promotion's Cox covariate, docs/fairness.md)."""
    scores = [s for n in range(1, YEARS_BEFORE + 1) if (s := record.rating_score(day.year - n)) is not None]
    return sum(scores) / len(scores) if scores else None


def roster_row(record: CareerRecord) -> Row:
    """The `roster` row: where the employee stands now."""
    return ROSTER.as_row(roster_tuple(record))


def roster_tuple(record: CareerRecord) -> tuple[Any, ...]:
    """`roster_row` as a tuple of the table's columns in order."""

    today = date.max
    rank = record.rank_on(today)
    placement = record.placement_on(today) or ("", "", "")
    shown = current_post(record)
    separation = record.separation
    rank_code = rank[0] if rank else None
    name = record.profile("name")
    return (
        record.subject,
        name,
        record.profile("sex"),
        _iso(record.birth_date),
        record.employment_kind,
        int(record.confirmed_on is not None or record.employment_kind == "PPPK"),
        separation.get("status") if separation else record.status_on(today),
        placement[0],
        placement[1],
        placement[2],
        rank_code,
        rank_order(rank_code),
        _iso(rank[1]) if rank else None,
        _iso(record.appointed_on),
        record.education_on(today),
        shown.post_kind if shown else None,
        shown.level if shown else None,
        shown.fact.get("title") if shown else None,
        record.profile("recruitment_path"),
        _iso(record.separated_on),
        max(map(_RECORDED_AT, record.entries)).isoformat(),
        shown.assignment if shown else None,
        folded(name) if isinstance(name, str) else None,
    )


# The marks written for an apostrophe in a name (Ma'ruf, Nu'man, Ja'far): the ASCII one, the typographic quotes
# a word processor turns it into (U+2018, U+2019), the modifier letters (U+02BC apostrophe, U+02BB turned comma,
# U+02BE and U+02BF, the half rings of a transliterated hamza and 'ain), the grave accent, the acute accent (U+00B4)
# and the prime (U+2032) typed for it: a search matches any of them as any other (`folded`).
APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u02be\u02bf`\u00b4\u2032"
_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))


def folded(text: str) -> str:
    """Text as a search matches it, whatever the case of its letters, their accents, the mark written for an
    apostrophe and the Unicode form: its apostrophes as one (APOSTROPHES, before the decomposition, which reads an
    acute accent U+00B4 as a space and a combining accent), in its compatibility form decomposed (NFKD: a full-width
    letter as the letter, an accented letter as the letter and its combining accents, whether it came composed, NFC,
    or decomposed, NFD), casefolded (Ö as ö, ß as ss) and decomposed again (casefolding İ gives i and a combining
    dot; Unicode's toNFKC_Casefold reads it so), without the combining marks (é as e, Ñ as n), in
    Python, so that both stores match alike (SQLite's LOWER folds ASCII letters only; PostgreSQL's follows the
    database's locale; neither drops accents). An ASCII text (most names here) has nothing to decompose and casefolds
    as it lowers: about 0.4 us a name so, where the whole fold takes 1 to 10 (a million rows filled again)."""
    if text.isascii():
        return text.lower().replace("`", "'")  # the one mark of APOSTROPHES in ASCII besides the apostrophe
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text.translate(_APOSTROPHE)).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_APOSTROPHE)


def current_post(record: CareerRecord) -> PostSpell | None:
    """The post held now, or the last one held before separation (definitive first: an acting one, Plt, Plh or Pj,
    only when no definitive post is held; the roster's `post_assignment` says which)."""
    last_day = record.separated_on
    held = [s for s in record.posts if s.end is None or (last_day is not None and s.end == last_day)]
    definitive = [s for s in held if s.assignment == "DEFINITIVE"]
    chosen = definitive or held
    return chosen[-1] if chosen else None


_RECORDED_AT = operator.attrgetter("recorded_at")


def _iso(day: date | None) -> str | None:
    return day_iso(day) if day else None
