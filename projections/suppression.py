"""Small-cell suppression: aggregate reports that cannot single a person out.

A report's row counts people (a group of a headcount, the participants of a programme...).
When that count is above zero and below the minimum cell size, the count and every figure
describing those people become None and the row says `suppressed: True`. When a report
also shows a total, one suppressed row could be recovered as the total minus the others, and
several when that difference leaves them one value each (groups of one, or each one short of
the minimum), and their sum when it is itself a small group (the withheld rows of a line together hold at
least the minimum, or no one); the smallest other non-empty row is then suppressed with them (complementary
suppression), and a total itself below the minimum is withheld. Plain data in, plain data out;
the web layer decides who gets suppressed figures (docs/security.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_MIN_CELL = 5
FLAG = "suppressed"


@dataclass(frozen=True)
class Cells:
    """What protects a report's rows: the field counting each row's people, and the fields that
    describe those people (withheld with the count)."""

    count: str
    describing: tuple[str, ...] = ()
    # fields holding a list of entries (dicts), each with figures describing those people too (withheld in each entry,
    # the entry kept): a programme's other spellings, each with its completions
    listing: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def withheld(self, row: Mapping[str, Any]) -> dict[str, Any]:
        listed = {
            name: [{**entry, **dict.fromkeys(figures)} for entry in row[name]]
            for name, figures in self.listing
            if row.get(name) is not None
        }
        return {**row, **dict.fromkeys((self.count, *self.describing)), **listed}


def small(count: float | None, min_cell: int) -> bool:
    """Whether a count of people is too small to show (zero singles no one out)."""
    return count is not None and 0 < count < min_cell


def suppress(
    rows: Sequence[Mapping[str, Any]],
    cells: Cells,
    min_cell: int,
    *,
    complementary: bool = False,
    margins: Sequence[str] = (),
    withheld: Collection[int] = (),
) -> list[dict[str, Any]]:
    """The rows with `suppressed` set, small ones withheld; `complementary` when their total is shown, or another
    report shows it. `margins`: the fields the rows are grouped by, when their sums along each field are shown
    by another report (a table by agency and sex sums to the headcount by agency): then each line of rows that
    differ in one field only is complemented, until no line holds a lone withheld row or withheld rows of one
    person each (`along_margins`, `exposed`). `withheld`: rows withheld besides the small ones (`differenced`), with
    their complements as theirs."""
    hidden = {i for i, row in enumerate(rows) if small(row[cells.count], min_cell)} | set(withheld)
    if complementary:
        hidden = along_margins(rows, cells, hidden, margins, min_cell)
    return [{**cells.withheld(row), FLAG: True} if i in hidden else {**row, FLAG: False} for i, row in enumerate(rows)]


def differenced(
    rows: Sequence[Mapping[str, Any]],
    without: Iterable[Sequence[Mapping[str, Any]]],
    cells: Cells,
    by: Sequence[str],
    min_cell: int,
    *,
    key: Callable[[Sequence[str], Mapping[str, Any]], Hashable] | None = None,
) -> set[int]:
    """The rows of a filtered report that the same report asked without one of its filters, or without one value of
    a filter given several, would give away (one step of differencing): `without` holds that report once per filter
    and per value left out (exact counts, grouped by the same `by`), and a row is given away when the same cell there
    differs from the row by a small group (the headcount of KOTA-MEDAN by rank shows IV/c 8, filtered to women 6: the
    2 men of IV/c, which the table by rank and sex withholds; by sex, ranks IV/d and IV/b show 8 women, IV/b alone 6:
    the 2 women of IV/d). A row's cell is its values of `by` as recorded, or its `key` of `by` (web.services.cell_key:
    a unit in every spelling one cell), the people of a cell's rows in a report added up: each report its callers
    give holds one row per cell (a GROUP BY's, a unit's spellings merged: `projections.training.merged_by_unit`), so
    that the sum is that row's count (tests/functional/test_suppression_differenced_one_row_per_cell.py)."""
    cell_of = key or recorded
    asked = [cell_of(by, row) for row in rows]
    found: set[int] = set()
    for report in without:
        counts: dict[Hashable, int] = {}
        for r in report:
            held = cell_of(by, r)
            counts[held] = counts.get(held, 0) + (r[cells.count] or 0)
        found |= {
            i for i, row in enumerate(rows) if small(abs(counts.get(asked[i], 0) - (row[cells.count] or 0)), min_cell)
        }
    return found


def recorded(by: Sequence[str], row: Mapping[str, Any]) -> tuple[Any, ...]:
    """A report's row as a cell of the same report asked otherwise (`differenced`): its values of `by` as recorded."""
    return tuple(row[f] for f in by)


def sliced(
    slices: Mapping[Any, Mapping[str, Any]],
    asked: Collection[Any],
    cells: Cells,
    min_cell: int,
    *,
    withheld: Collection[Any] = (),
) -> bool:
    """Whether a report filtered to the values `asked` of one field is withheld as a slice of the same report without
    that filter: `slices` holds that report once per value of the field (each a row of `cells`), which add up to it as
    the rows of a table by that field to its total, so they are suppressed as that table's rows would be (`suppress`,
    complementary), and the report is withheld when a value it is filtered to is (a mentoring report of 45 mentees,
    filtered to each of its 5 focuses: the focus of 3 withheld and shown beside the other four, 45 less their sum was
    its 3 people's sessions and ratings). `withheld`: the values that table withholds besides its small ones (a
    value the same table without another filter differs from by a small group), with their complements."""
    keys = sorted(slices, key=lambda key: (key is None, str(key)))
    hidden = [i for i, key in enumerate(keys) if key in withheld]
    shown = suppress([slices[key] for key in keys], cells, min_cell, complementary=True, withheld=hidden)
    return any(row[FLAG] for key, row in zip(keys, shown, strict=True) if key in asked)


def along_margins(
    rows: Sequence[Mapping[str, Any]], cells: Cells, hidden: set[int], margins: Sequence[str], min_cell: int
) -> set[int]:
    """`hidden` with a complement in every line of the table (its rows alike in every field but one, which sum
    to a row of the table by the other fields) and in the whole table (its total) whose withheld rows a reader
    could work out (`exposed`), repeated until none is: a withheld row is then never a shown sum minus the rows
    shown beside it, nor one of several small groups that the sum minus the rows shown leaves one way only. A table
    by several fields (of at most AUDITED_ROWS rows) is then audited across its lines too (`pinned`): lines merged
    (by an empty cell and other sums) leave none of its rows withheld for themselves one number only."""
    lines: list[list[int]] = [list(range(len(rows)))]
    for field in margins:
        others = [m for m in margins if m != field]
        grouped: dict[tuple[Any, ...], list[int]] = {}
        for i, row in enumerate(rows):
            grouped.setdefault(tuple(row[m] for m in others), []).append(i)
        lines += grouped.values()
    first = set(hidden)
    hidden = closed(rows, cells, lines, hidden, min_cell)
    if len(margins) < 2:
        # (a table by one field: its one line's check is exact, and a complement a later one covered is shown again)
        return pruned(rows, cells, lines, first, hidden, min_cell)
    # (by several: lines together give what no line does, a complement covered line by line may still be needed
    # across lines (a review's audit by linear programs found one, 2026-12-06), so every complement stays withheld;
    # and the whole table is audited, each withheld row bounded by every line's sum, an empty cell a 0 (`pinned`): each
    # row withheld for itself but those the sums pin with every row withheld, whose lines' sums are the tables by the
    # other fields' cells, withheld there (KAB-DELISERDANG's 1 man on study leave, beside no woman on it, is the table
    # by status's cell), not here)
    targets = set(first) if len(rows) <= AUDITED_ROWS and len(hidden) > 1 else set()
    everything = set(range(len(rows)))
    while targets and (lost := pinned(rows, cells, lines, everything, targets, min_cell)) is not None:
        targets.discard(lost)
    while (found := pinned(rows, cells, lines, hidden, targets, min_cell)) is not None:
        extra = unpinning(rows, cells, lines, hidden, found, min_cell)
        if extra is None:
            break
        hidden = closed(rows, cells, lines, hidden | {extra}, min_cell)
    return hidden


def closed(
    rows: Sequence[Mapping[str, Any]], cells: Cells, lines: Sequence[Sequence[int]], hidden: set[int], min_cell: int
) -> set[int]:
    """`hidden` with a complement in every line whose withheld rows are worked out (`exposed`), until none is."""
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = hidden.intersection(line)
            if exposed(rows, cells, inside, min_cell):
                extra = complement([rows[i] for i in line], cells, {line.index(i) for i in inside})
                if extra:
                    hidden.add(line[next(iter(extra))])
                    changed = True
    return hidden


def pinned(
    rows: Sequence[Mapping[str, Any]],
    cells: Cells,
    lines: Sequence[Sequence[int]],
    hidden: set[int],
    targets: Collection[int],
    min_cell: int,
) -> int | None:
    """The first of the withheld rows `targets` (by position) that the table's shown rows and the sums of all its lines
    together leave one whole number of people only, else None: the audit of a statistics office's table builder
    (tau-argus's), over the withheld rows, each at least 1 (a group listed counts someone), every line's sum known (the
    table by the other fields' row, or its total) and a cell the table does not list none (an empty cell, a structural
    zero: the rows are the occupied cells). So lines merged are audited as well as lines alone: on the demo of 2,000
    (seed 1) KAB-KARO's 4 deceased women, withheld beside the three large agencies' deceased in their column and beside
    its own active and retired in its row, were the women of every status less the three agencies' totals, less the
    active and the retired of KAB-KARO and KOTA-BINJAI together (each column's total less the rows shown): KOTA-BINJAI
    has no deceased, so the two agencies' rows were one line, the deceased alone withheld in it. The targets are the
    rows withheld for themselves (small, or withheld by another table), not their complements: a complement the sums
    pin tells no more than the sums do."""
    # (numpy and scipy imported here, not at the module's top: the pages and the API start without them loaded,
    # tests/unit/test_cli_imports.py, and a table by one field is never audited)
    import numpy as np

    withheld = sorted(hidden)
    at = {i: k for k, i in enumerate(withheld)}
    # (a line of one row sums to that row alone: the table by the other fields shows it or withholds it as this one
    # does, judged across tables, not here; a line of fewer than `min_cell` people sums to a small cell of that table,
    # which it withholds)
    summed = [
        line for line in lines if len(line) > 1 and not small(sum(rows[i][cells.count] or 0 for i in line), min_cell)
    ]
    equations = np.zeros((len(summed), len(withheld)))
    for r, line in enumerate(summed):
        for i in hidden.intersection(line):
            equations[r, at[i]] = 1.0
    counts = np.array([float(rows[i][cells.count] or 0) for i in withheld])
    lowest = [k for k in range(len(withheld)) if counts[k] <= 1.0]  # (groups of 1: at their least)
    asked = [at[i] for i in sorted(set(targets) & hidden)]
    # (a row is pinned when no move of the withheld rows keeping every line's sum changes it, the rows at their least
    # (a group of 1) not lowered: the null space of the lines' sums says which rows a move changes at all, the same with
    # every row at its least held there which rows a move changes with none of those lowered, and, for the others, two
    # linear programs over the cone of such moves which of them can be raised and which lowered)
    if not asked:
        return None
    free = moves(equations, [])
    if any(not free[k] for k in asked):
        return withheld[next(k for k in asked if not free[k])]
    if not lowest:
        return None
    loose = moves(equations, lowest)
    for k in asked:
        if not loose[k] and not movable_in_cone(equations, lowest, [k]):
            return withheld[k]
    return None


def moves(equations: Any, fixed: Sequence[int]) -> Any:
    """Which variables some solution of `equations` x = 0 with the `fixed` ones 0 changes (the null space's support)."""
    import numpy as np
    from scipy.linalg import null_space

    held = np.eye(equations.shape[1])[list(fixed)] if fixed else np.zeros((0, equations.shape[1]))
    free = null_space(np.vstack([equations, held]))
    return np.abs(free).max(axis=1) > 1e-9 if free.size else np.zeros(equations.shape[1], dtype=bool)


def movable_in_cone(equations: Any, lowest: Sequence[int], asked: Sequence[int]) -> set[int]:
    """Which of the variables `asked` some solution d of `equations` d = 0 with d >= 0 on `lowest` changes: two
    linear programs each, the most it can be raised and lowered, by at most 1."""
    import numpy as np
    from scipy.optimize import linprog

    n = equations.shape[1]
    found: set[int] = set()
    for k in asked:
        for sign in (1.0, -1.0):
            cost = np.zeros(n)
            cost[k] = -sign
            limits = [(0.0, 1.0) if j in lowest else (-1.0, 1.0) for j in range(n)]
            result = linprog(cost, A_eq=equations, b_eq=np.zeros(equations.shape[0]), bounds=limits, method="highs")
            if result.status == 0 and -result.fun > 1e-7:
                found.add(k)
                break
    return found


def unpinning(
    rows: Sequence[Mapping[str, Any]],
    cells: Cells,
    lines: Sequence[Sequence[int]],
    hidden: set[int],
    target: int,
    min_cell: int,
) -> int | None:
    """The complement for a withheld row `pinned` found: the smallest shown non-empty row with which that row is no
    longer pinned (of the TRIED smallest), else the smallest (another round audits again); None when none is left."""
    shown = sorted(
        (i for i in range(len(rows)) if i not in hidden and (rows[i][cells.count] or 0) > 0),
        key=lambda i: (rows[i][cells.count], i),
    )
    for i in shown[:TRIED]:
        if pinned(rows, cells, lines, hidden | {i}, {target}, min_cell) is None:
            return i
    return shown[0] if shown else None


# The most rows of a table `along_margins` audits across its lines (`pinned`): a larger one is judged line by line
# alone, its audit's linear programs too slow for a request (KOTA-MEDAN's table by agency, unit and status of the
# demo of 2,000, 224 rows, 30 s; a sweep of the demo of 500 by unit timed out at 64)
AUDITED_ROWS = 40
# The complements `unpinning` tries, the smallest first, before it takes the smallest and audits again
TRIED = 4


def pruned(
    rows: Sequence[Mapping[str, Any]],
    cells: Cells,
    lines: Sequence[Sequence[int]],
    first: set[int],
    hidden: set[int],
    min_cell: int,
) -> set[int]:
    """`hidden` without the complements a later one made needless: each complement, the largest first, shown again
    when no line it is in is then worked out (`exposed`); asked of a table by one field alone (`along_margins`: by
    several, lines together may still need it, as the example below did). A complement is taken line by line, so
    one taken early (Inspektorat's 10 beside Bappeda's 2 and Dinas Sosial's 1 in a column of a table by unit and status)
    may be covered by one taken later for another line (RSUD's 16 active, beside its 3 retired and 1 deceased, in the
    same column): the first then withheld a large figure that protected nothing."""
    hidden = set(hidden)
    held: dict[int, list[Sequence[int]]] = {i: [] for i in hidden - first}
    for line in lines:
        for i in held.keys() & set(line):
            held[i].append(line)
    for i in sorted(hidden - first, key=lambda i: (-(rows[i][cells.count] or 0), -i)):
        kept = hidden - {i}
        if not any(exposed(rows, cells, kept.intersection(line), min_cell) for line in held[i]):
            hidden = kept
    return hidden


def exposed(rows: Sequence[Mapping[str, Any]], cells: Cells, inside: set[int], min_cell: int) -> bool:
    """Whether the withheld rows `inside` a line are worked out from its sum (a total, a row of another report)
    minus the rows shown: one alone is that difference; several, when the difference is the least or the most
    their number of small cells can hold, are each one person or each one short of the minimum (a group listed
    counts at least one, and a reader takes a withheld group for a small one: Bappeda and Dinas Pendidikan
    withheld beside BKPSDM's 7 of a shown 9 are one each; beside BKPSDM's 12 of a shown 20, with a minimum of 5,
    four each). And, the standard secondary-suppression condition, when together they hold fewer people than the
    minimum (none excepted): their sum is then a small group published by subtraction (a unit's 20 beside its 16
    active: its 3 retired and 1 deceased, withheld each, were 4 people not active, a group the headcount by unit
    withholds). Any other difference leaves each of them more than one value, and their sum no small group."""
    if not inside:
        return False
    people = sum(rows[i][cells.count] or 0 for i in inside)
    return len(inside) == 1 or people in (len(inside), len(inside) * (min_cell - 1)) or small(people, min_cell)


def complement(rows: Sequence[Mapping[str, Any]], cells: Cells, hidden: set[int]) -> set[int]:
    """The smallest other non-empty row (none when there is none)."""
    others = [i for i, row in enumerate(rows) if i not in hidden and (row[cells.count] or 0) > 0]
    return {min(others, key=lambda i: (rows[i][cells.count], i))} if others else set()


def total(value: int, min_cell: int) -> int | None:
    """A total of people, withheld when it is itself a small cell."""
    return None if small(value, min_cell) else value


def withhold(row: Mapping[str, Any], cells: Cells, min_cell: int) -> dict[str, Any]:
    """One row's figures about a sub-group (e.g. the colleagues it is compared with) withheld when
    that sub-group is small; the row's own `suppressed` flag is left as it is."""
    return cells.withheld(row) if small(row[cells.count], min_cell) else dict(row)


# ---------------------------------------------------------------------- attributes of a group's people


def telling(numerator: float | None, denominator: float | None, min_cell: int, *, rest: bool = True) -> bool:
    """Whether a figure counting the people of a group who have an attribute (`numerator`: promoted, with a finding,
    meeting the 20 JP...) of the group (`denominator`) tells that attribute of someone: the threshold rule of
    statistical offices for proportions, the numerator or the rest of the group (`rest`: the denominator less it)
    between 1 and `min_cell` - 1 (1 of 8 appointed without open selection: the unit's one director; 4 of 5
    promoted: the 1 not). None and a full group (8 of 8, 0 of 8) tell it of no one in particular (docs/security.md
    "Small cells")."""
    if numerator is None or denominator is None:
        return False
    return small(numerator, min_cell) or (rest and small(denominator - numerator, min_cell))


@dataclass(frozen=True)
class Attribute:
    """A figure of a report's row counting the people of its group with an attribute (`numerator` of
    `denominator`), withheld with the figures derived from it (`describing`) when it tells that attribute of
    someone (`telling`); the group's count itself is left as it is."""

    numerator: str
    denominator: str
    describing: tuple[str, ...] = ()

    def withhold(self, row: Mapping[str, Any], min_cell: int) -> dict[str, Any]:
        if telling(row.get(self.numerator), row.get(self.denominator), min_cell):
            return self.withheld(row)
        return dict(row)

    def withheld(self, row: Mapping[str, Any]) -> dict[str, Any]:
        return {**row, **dict.fromkeys((self.numerator, *self.describing))}

    def differenced(self, row: Mapping[str, Any], wider: Iterable[Mapping[str, Any]], min_cell: int) -> dict[str, Any]:
        """The row of a filtered answer with its figure withheld, as `withhold`, also when the same group of an answer
        without one of its filters (each of `wider`, exact counts) less it tells the attribute of the people left
        out (`telling`: of the mentees of a unit's report 9 promoted of 14, of the agency's 10 of 20: the other 6 had
        1 promoted), as a statistics office's table builder judges a query against the ones it differs from by one
        filter. The filtered answer's is the figure withheld: whichever is asked first, the pair is the same."""
        if row.get(self.numerator) is None or row.get(self.denominator) is None:
            return dict(row)
        for other in wider:
            left_out = abs((other[self.denominator] or 0) - row[self.denominator])
            if telling(abs((other[self.numerator] or 0) - row[self.numerator]), left_out, min_cell):
                return self.withheld(row)
        return dict(row)

    def tells(self, row: Mapping[str, Any], min_cell: int) -> bool:
        """Whether the row's numerator, or the rest of its group, tells the attribute of someone (`telling`)."""
        return telling(row[self.numerator], row[self.denominator], min_cell)

    def as_value(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """The row with its numerator and denominator as a scorecard value's (`attribute_complements` reads them)."""
        return {**row, "numerator": row[self.numerator], "denominator": row[self.denominator]}


# The people each aggregate report counts, and the figures that describe them.
HEADCOUNT = Cells("count")
COMPLIANCE = Cells("staff", ("met", "share", "hours", "average_hours"))
# the staff meeting the yearly JP, of a group's staff: withheld (with its share) when it or the rest of the group is a
# small group (`telling`: 2 of 30 met, the scorecard's training.jp_share_by_rank of the same cell withheld), and in
# complements along the lines of the table (`attribute_withheld`); the staff shown (since 2026-12-07). Their JP with
# it: the JP bound the met (no more met it than the JP over the target: SLTA's 6 staff of 89 JP, 4 at most), as a
# statistics office withholds a cell's magnitudes with its count
COMPLIANCE_MET = Attribute("met", "staff", ("share", "hours", "average_hours"))
# a training compliance row's flag: its `met` and `share` withheld (with the row, or alone)
MET_FLAG = "met_suppressed"
PROGRAMME = Cells(
    "participants",
    (
        "completions",
        "hours",
        "first_end",
        "last_end",
        "costed_completions",
        "total_cost",
        "costed_hours",
        "cost_per_jp",
        "feedback_count",
        "mean_rating",
        "mean_relevance",
        "promotable",
        "promoted",
        "promotion_rate",
        "promotion_rate_difference",
        # (their comparable colleagues too: the colleagues of the participants' agencies and ranks on the days of
        # their trainings, beside a withheld count, told of whom the withheld people were; until 2026-12-07 shown)
        "comparable",
        "comparable_promoted",
        "comparable_promotion_rate",
    ),
    (("other_spellings", ("completions",)),),
)
PROGRAMME_FEEDBACK = Cells("feedback_count", ("mean_rating", "mean_relevance"))
# the participants who can be promoted in rank (not a PPPK): the promotion rate's people
PROGRAMME_PROMOTABLE = Cells("promotable", ("promoted", "promotion_rate", "promotion_rate_difference"))
PROGRAMME_COMPARABLE = Cells(
    "comparable", ("comparable_promoted", "comparable_promotion_rate", "promotion_rate_difference")
)
# the participants promoted, of those who can be, and their comparable colleagues promoted, of them: each withheld
# when it or the rest of its group is a small group (`telling`), with the rates and the difference it gives
PROGRAMME_PROMOTED = Attribute("promoted", "promotable", ("promotion_rate", "promotion_rate_difference"))
PROGRAMME_COMPARABLE_PROMOTED = Attribute(
    "comparable_promoted", "comparable", ("comparable_promotion_rate", "promotion_rate_difference")
)
MENTORING = Cells("mentees", ("count", "open", "mentors", "sessions", "minutes"))
MENTORING_OUTCOMES = Cells(
    "count", ("promoted", "promotion_rate", "person_years", "jp_per_year", "rated_years", "mean_rating")
)

# the mentees (or their peers) promoted of those counted: withheld as PROGRAMME_PROMOTED (the report's `difference`
# with it, web.services.Services.mentoring_report)
MENTORING_PROMOTED = Attribute("promoted", "count", ("promotion_rate",))


def difference_withheld(items: Sequence[Mapping[str, Any]], difference: Mapping[str, Any]) -> tuple[str, ...]:
    """The figures of the mentoring report's `difference` (mentees less peers) withheld beside its outcome groups
    (`items`, judged): all of them when a group is withheld (the peers' figures and the difference gave the mentees'),
    its promotion rate when a group's promoted is (MENTORING_PROMOTED: one rate less the difference gives the other),
    else none. Its row in the report page's downloads says `suppressed` when any is (until 2026-12-07 false beside a
    promotion rate withheld so)."""
    if any(item[FLAG] for item in items):
        return tuple(difference)
    if any(
        item[MENTORING_PROMOTED.numerator] is None and item[MENTORING_PROMOTED.denominator] is not None
        for item in items
    ):
        return MENTORING_PROMOTED.describing
    return ()


def difference_row(
    items: Sequence[Mapping[str, Any]], difference: Mapping[str, Any], group: str = "difference"
) -> dict[str, Any]:
    """The mentoring report's `difference` as a row after its outcome groups (`items`), named `group`: its figures
    in the groups' columns, `suppressed` when any of them is withheld (difference_withheld). The report page's CSV
    and workbook and the API's CSV (since 2026-12-07; until then its groups' rows alone) end so."""
    return {**difference, "group": group, "suppressed": bool(difference_withheld(items, difference))}


# ---------------------------------------------------------------------- the scorecard

# a value is about its `people` (projections.scorecard.indicators.Indicator.people), whatever its denominator counts:
# the JP of one person's trainings, the opinions of two, the decisions or awards of three are withheld alike
SCORECARD_VALUE = Cells("people", ("numerator", "denominator", "value"))
PEOPLE = "people"
SCORECARD_SCOPES = ("trend", "comparison")
# An indicator withheld for an agency and year whenever a value of another is (projections.scorecard.merit):
# evidence.recorded_after's denominator is the promotions and the posts together, a promotion rule's the promotions
# and a post rule's the posts, so one less another gave a rule's withheld denominator (until 2026-12-06). The trained
# staff's outcomes (promotion and post appointment) count of the staff who met the yearly JP, training.jp_share's
# numerator: withheld with it (until 2026-12-07 their denominator showed the 15 of KOTA-MEDAN's 18 who met it, which
# the share and the training compliance withheld: 3 missed it); the untrained staff's count of those who missed it
# (those of the trained staff's ranks), the share's denominator less its numerator, which they bound alike: withheld
# with it too (since 2026-12-07, later that day)
WITHHELD_WITH = {
    "merit.recorded_after_decision": "merit.findings_by_rule",
    **{
        f"outcomes.{outcome}_{group}": "training.jp_share"
        for outcome in ("promotion", "post_appointment")
        for group in ("trained", "untrained")
    },
}
# The dimensions of the impact ratios: each splits the same pool of an agency and year (a group unknown included)
IMPACT_DIMENSIONS = ("sex", "region", "education")
IMPACT = tuple(f"merit.impact_ratio_by_{dim}" for dim in IMPACT_DIMENSIONS)
# The indicators whose numerator counts people (or their decisions, awards) of the denominator with an attribute: a
# value is withheld too when it tells that attribute of someone (`telling`: the numerator, or the rest of the
# denominator where it is the group's rest, between 1 and the minimum; True: the rest judged). Not judged so: JP,
# ratings and rupiah (no one's attribute counted), the awards per 1,000 staff (an award is conferred by a published
# decree) and the units over the SKP caps (units, not people); merit.passed_over counts pairs of a promotion and a
# colleague passed over, more than its denominator at times: its numerator alone is judged (docs/security.md)
ATTRIBUTES = {
    "merit.clean_promotions": True,
    "merit.findings_by_rule": True,
    "merit.recorded_after_decision": True,
    "merit.passed_over": False,
    **dict.fromkeys(IMPACT, True),
    "awards.to_high_performers": True,
    "awards.irregular": True,
    **{
        f"outcomes.{name}": True
        for name in (
            "promotion_trained",
            "promotion_untrained",
            "promotion_mentored",
            "promotion_unmentored",
            "post_appointment_trained",
            "post_appointment_untrained",
        )
    },
    "training.jp_share": True,
    **{f"training.jp_share_by_{dim}": True for dim in ("rank", "sex", "region")},
    "training.least_trained_reached": True,
}
# The indicators whose groups' numerators and denominators add up to a value the scorecard shows, or could: a group
# withheld for its numerator gets complements (`attribute_complements`), so that it is not that sum less the groups
# shown beside it. jp_share_by_rank's of an agency and year add up to its training.jp_share; an impact ratio's groups
# of one dimension add up to the agency and year's pool, which the scorecard does not state but another dimension's
# groups do whenever every one of them is shown (F 2 of 25 withheld by sex was the 32 of 85 of the regions, all shown,
# less M's 30 of 60: until 2026-12-07 each dimension was judged alone). The pool is taken as shown, as a statistics
# office protects one-way tables of one population linked by their total: each against that total, whether or not
# another table gives it (their only link; withholding a group of every other dimension to hide it instead would still
# leave one dimension's withheld groups less another's a known figure, and another answer, another year's trend or
# scope, shows the same pool). Others' groups add up to nothing shown (a decision has findings of several rules): a
# value withheld alone
ADDED_UP = {*(f"training.jp_share_by_{dim}" for dim in ("rank", "sex", "region")), *IMPACT}
# each value's figures beside a group's (an agency and year's): the rest of its denominator, and a numerator
REST = "rest"
NUMERATOR = Cells("numerator")
NOT_COUNTED = Cells(REST)
# A value's details giving another value's figures: the impact ratios' the reference group's counts, training's
# outcomes the difference of the two promotion rates (one rate less it gives the other's); left out (None) where that
# other value is withheld (until 2026-12-07 shown)
REFERENCE_DETAILS = ("reference_promoted", "reference_eligible")
# An impact ratio beside its reference group withheld: its value (the ratio) and every detail comparing it with that
# group are left out too, the group's own counts and selection rate shown. The ratio is the group's rate over the
# reference's, so the rate shown over the ratio was the reference's rate (shown until 2026-12-07); the Fisher p of
# the group's counts against the reference's, and its Holm-adjusted p, are each one equation the reference's two
# counts solve; and the comparison's `reference`, `adverse_impact` and `significant` go with it. `untested` says
# why: REFERENCE_WITHHELD, as the fairness audit says why it compares no group (projections.merit.fairness.untested)
COMPARING = (
    "reference",
    "adverse_impact",
    "p_fisher",
    "p_fisher_adjusted",
    "significant",
    "reference_group",
    *REFERENCE_DETAILS,
)
REFERENCE_WITHHELD = "reference_withheld"
UNTESTED = "untested"
PAIRED = {
    "outcomes.promotion_trained": "outcomes.promotion_untrained",
    "outcomes.promotion_untrained": "outcomes.promotion_trained",
}


def scorecard(card: Mapping[str, Any], min_cell: int, *, withheld: Collection[str] = ()) -> dict[str, Any]:
    """A scorecard whose values about fewer than `min_cell` people (their `people`, whatever their denominator
    counts) are withheld with their details, and whose findings resting on such a value are left out: a finding
    withheld but listed would still tell its claim (programme X rated below 3 two years running) by being there.
    `withheld`: the values (`value_key`) withheld besides the small ones, with complements as theirs (the cells another
    report withholds: web.services.Services.compliance_withheld, the training compliance's)."""
    judged = {
        key: {scope: scorecard_values(item[scope], min_cell, key, withheld) for scope in SCORECARD_SCOPES}
        for key, item in card["indicators"].items()
    }
    for dependent, source in WITHHELD_WITH.items():
        if dependent in judged and source in judged:
            for scope in SCORECARD_SCOPES:
                judged[dependent][scope] = withheld_where(judged[dependent][scope], judged[source][scope])
    for scope in SCORECARD_SCOPES:
        unreferenced(judged, scope)
    indicators = {
        key: {**item, **{scope: [shown_value(v) for v in judged[key][scope]] for scope in SCORECARD_SCOPES}}
        for key, item in card["indicators"].items()
    }
    hidden = {
        value_key(key, v["agency"], v["year"], v["group"])
        for key, item in indicators.items()
        for v in item["trend"]
        if v[FLAG]
    }
    shown = [
        {**f, FLAG: False}
        for f in card["findings"]
        if not resting_on(f, hidden) and not comparing_with_withheld(f, card["indicators"], hidden)
    ]
    return {**card, "indicators": indicators, "findings": shown}


def comparing_with_withheld(
    found: Mapping[str, Any], indicators: Mapping[str, Mapping[str, Any]], hidden: set[str]
) -> bool:
    """Whether a finding on an impact ratio compares its group with a reference group whose value is withheld: its
    text states the reference's promoted of eligible ("against 20 of 22 of M", findings.compared_with, of its last
    year's value), written before the values were judged."""
    indicator = found["indicator"]
    if indicator not in IMPACT or not found["group"] or not found["years"]:
        return False
    year, group = found["years"][-1], found["group"]
    for v in indicators.get(indicator, {}).get("trend", []):
        if v["agency"] == found["agency"] and v["year"] == year and v["group"] == group:
            reference = (v.get("details") or {}).get("reference_group")
            dim = next(iter(group))
            return reference is not None and value_key(indicator, found["agency"], year, {dim: reference}) in hidden
    return False


def withheld_where(values: Sequence[dict[str, Any]], source: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The values, each withheld whose agency and year has a value of `source` withheld (WITHHELD_WITH)."""
    places = {(v["agency"], v["year"]) for v in source if v[FLAG]}
    return [{**SCORECARD_VALUE.withheld(v), FLAG: True} if (v["agency"], v["year"]) in places else v for v in values]


def shown_value(value: Mapping[str, Any]) -> dict[str, Any]:
    found = {k: v for k, v in value.items() if k != PEOPLE}
    return {**found, "details": {}} if value[FLAG] else found


def scorecard_values(
    values: Sequence[Mapping[str, Any]], min_cell: int, indicator: str = "", withheld: Collection[str] = ()
) -> list[dict[str, Any]]:
    """An indicator's values, its groups of one agency and year (which add up to the indicator
    without groups) suppressed together, each with a complement; `withheld` (`value_key`s of `indicator`) besides the
    small ones."""
    parts: dict[tuple[str, int], list[int]] = {}
    for i, v in enumerate(values):
        parts.setdefault((v["agency"], v["year"]), []).append(i)
    found: list[dict[str, Any]] = [dict(v) for v in values]
    rest = ATTRIBUTES.get(indicator)
    for indices in parts.values():
        part = [values[i] for i in indices]
        given = [n for n, i in enumerate(indices) if withheld and value_key_of(indicator, values[i]) in withheld]
        rows = suppress(part, SCORECARD_VALUE, min_cell, complementary=True, withheld=given)
        told = (
            set()
            if rest is None
            else {n for n, v in enumerate(part) if telling(v["numerator"], v["denominator"], min_cell, rest=rest)}
        )
        if told:
            # (a group's attribute: complements where the groups add up to a value shown, ADDED_UP, else none: their
            # people are no fewer for it, and their numerators add up to nothing shown)
            hidden = told | {n for n, row in enumerate(rows) if row[FLAG]}
            if indicator in ADDED_UP:
                hidden = attribute_complements(part, hidden, min_cell)
            rows = suppress(part, SCORECARD_VALUE, min_cell, withheld=hidden)
        for i, row in zip(indices, rows, strict=True):
            found[i] = row
    return found


def attribute_complements(
    part: Sequence[Mapping[str, Any]],
    hidden: set[int],
    min_cell: int,
    *,
    judged: Sequence[Cells] = (SCORECARD_VALUE, NUMERATOR, NOT_COUNTED),
    margins: Sequence[str] = (),
) -> set[int]:
    """`hidden` with the complements that keep a group's withheld values from being worked out of the others and
    their sum (jp_share_by_rank's of an agency and year add up to its jp_share): by their people, their numerators
    and the rest of their denominators alike (`judged`; `along_margins`, each in turn until none adds one), so that a
    value withheld for its numerator (1 of 6 met the 20 JP) is not the shown total less the ranks shown beside it.
    `margins`: the fields the rows are grouped by, each line of rows alike in all fields but one summing to a row of
    another report (`along_margins`: the training compliance's, `attribute_withheld`)."""
    rows = [{**v, REST: rest_of(v)} for v in part]
    while True:
        before = set(hidden)
        for cells in judged:
            hidden = along_margins(rows, cells, hidden, margins, min_cell)
        if hidden == before:
            return hidden


def attribute_withheld(
    rows: Sequence[Mapping[str, Any]],
    shown: Sequence[Mapping[str, Any]],
    attribute: Attribute,
    min_cell: int,
    *,
    margins: Sequence[str] = (),
    flag: str = MET_FLAG,
    withheld: Collection[int] = (),
) -> list[dict[str, Any]]:
    """A table's rows as shown (`shown`: `suppress`'s answer for `rows`, the exact figures) with `attribute`'s figures
    withheld (None, `flag` true) where they tell it of someone (`telling`: 2 of 30 met the 20 JP, or 28 of 30), and
    in complements where a row does: by the numerators and the rest of the denominators along every line of the table
    whose sum another report shows (`margins`, `attribute_complements`), the rows withheld whole counted as withheld
    for it, so that a value withheld is not a sum shown less the rows shown beside it. A complement keeps its count of
    people and the rest of its figures: those are judged by the small-cell rule (`suppress`). A row withheld whole
    has `flag` true too. `withheld`: rows whose figures are withheld besides those that tell (a cell another table
    withholds: web.services.Services.training_compliance's `met_sliced`), with complements as theirs."""
    whole = {i for i, row in enumerate(shown) if row[FLAG]}
    told = {i for i, row in enumerate(rows) if i not in whole and attribute.tells(row, min_cell)}
    # (the rows withheld whole judged too, together with the others withheld, whether or not a row's own tells: their
    # mets and rests summed are the line's shown less the rows shown, and a small one tells; until 2026-12-07 judged
    # only beside a row's own telling, so KAB-DELISERDANG's 13 units withheld whole for their staff, beside Dinas
    # Pendidikan's 12 of 18 shown, were its 32 of 41 less that: 20 of 23, the 3 who missed it)
    hidden = whole | told | set(withheld)
    if hidden:
        values = [attribute.as_value(row) for row in rows]
        hidden = attribute_complements(values, hidden, min_cell, judged=(NUMERATOR, NOT_COUNTED), margins=margins)
    return [
        {**row, **dict.fromkeys((attribute.numerator, *attribute.describing)), flag: True}
        if i in hidden
        else {**row, flag: False}
        for i, row in enumerate(shown)
    ]


def rest_of(value: Mapping[str, Any]) -> float | None:
    """The denominator less the numerator of a value (None where either is)."""
    if value["numerator"] is None or value["denominator"] is None:
        return None
    rest: float = max(value["denominator"] - value["numerator"], 0)
    return rest


def unreferenced(judged: dict[str, dict[str, list[dict[str, Any]]]], scope: str) -> None:
    """The details giving a withheld value's figures (REFERENCE_DETAILS, PAIRED) left out of the values beside it."""
    for key, scopes in judged.items():
        values = scopes[scope]
        if key in IMPACT:
            hidden = {(v["agency"], v["year"], json.dumps(v["group"], sort_keys=True)) for v in values if v[FLAG]}
            for v in values:
                dim = next(iter(v["group"]), None)
                reference = v["details"].get("reference_group")
                if dim and (v["agency"], v["year"], json.dumps({dim: reference}, sort_keys=True)) in hidden:
                    v["value"] = None
                    v["details"] = {**v["details"], **dict.fromkeys(COMPARING), UNTESTED: REFERENCE_WITHHELD}
    for key, other in PAIRED.items():
        if key in judged and other in judged:
            places = {(v["agency"], v["year"]) for v in judged[other][scope] if v[FLAG]}
            judged[key][scope] = [
                {**v, "details": {**v["details"], "difference": None}}
                if (v["agency"], v["year"]) in places and "difference" in v["details"]
                else v
                for v in judged[key][scope]
            ]


def value_key(indicator: str, agency: str, year: int, group: Mapping[str, Any]) -> str:
    return json.dumps([indicator, agency, year, group], sort_keys=True, default=str)


def value_key_of(indicator: str, value: Mapping[str, Any]) -> str:
    """A value of an indicator (the scorecard's answer) as `value_key` names it."""
    return value_key(indicator, value["agency"], value["year"], value["group"])


def resting_on(found: Mapping[str, Any], hidden: set[str]) -> bool:
    """Whether a finding rests on a withheld value (`hidden`, of `value_key`) in any of its years."""
    return any(
        value_key(found["indicator"], found["agency"], year, found["group"]) in hidden for year in found["years"]
    )
