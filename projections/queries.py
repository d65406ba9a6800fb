"""The query interface of the read models: plain data in, plain data out.

The web layer reads views only through this module (and the audit queries beside it).
Every filter and sort is checked against a list of allowed columns, and every value is
passed as a parameter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta

from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.sqlstore import Row
from projections.reading import ViewReader
from projections.timeline import record_from_rows, timeline_items

ROSTER_FILTERS = (
    "agency",
    "unit",
    "region",
    "rank",
    "status",
    "sex",
    "education",
    "employment_kind",
    "post_kind",
    "recruitment_path",
)
ROSTER_SORTS = {
    "name": "name",
    "nip": "subject",
    "rank": "rank_order",
    "rank_since": "rank_since",
    "appointed_on": "appointed_on",
    "agency": "agency",
    "unit": "unit",
    "birth_date": "birth_date",
}
HEADCOUNT_FIELDS = (*ROSTER_FILTERS, "age_band")
AGE_BANDS = ((0, 25), (26, 30), (31, 35), (36, 40), (41, 45), (46, 50), (51, 55), (56, 60), (61, 200))
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "page": self.page, "per_page": self.per_page}


MAX_YEARS_IN_RANK = 60  # longer than any career


def like_literal(text: str) -> str:
    """Text for a LIKE pattern (with ESCAPE '\\'), matching itself only: % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def age_band_label(low: int, high: int) -> str:
    return f"{low}+" if high >= 200 else f"{low}-{high}"


def age_band_case(today: date) -> tuple[str, list[str]]:
    """A SQL CASE giving the age band of `birth_date` on a day, and its parameters."""
    parts, params = [], []
    for low, high in AGE_BANDS:
        # born after (today - high - 1 years) and on or before (today - low years)
        parts.append("WHEN birth_date > ? AND birth_date <= ? THEN ?")
        params += [
            (today - relativedelta(years=high + 1)).isoformat(),
            (today - relativedelta(years=low)).isoformat(),
            age_band_label(low, high),
        ]
    return "CASE " + " ".join(parts) + " ELSE 'unknown' END", params


class Queries(ViewReader):
    """Reads of the views, for the API, the pages and the command line."""

    # ------------------------------------------------------------------ timeline

    def timeline(self, nip: str, *, as_of: date | None = None, known_at: datetime | None = None) -> dict[str, Any]:
        """The career as it stood on `as_of`, as it was known at `known_at`."""
        rows = self.store.query("SELECT * FROM timeline WHERE subject = ? ORDER BY version", (nip,))
        if not rows:
            raise NotFound(f"No employee with NIP {nip} has been appointed.")
        record = record_from_rows(nip, rows)
        if known_at is not None:
            record = record.known_at(known_at)
        return {
            "nip": nip,
            "as_of": as_of.isoformat() if as_of else None,
            "known_at": known_at.isoformat() if known_at else None,
            "items": timeline_items(record, as_of),
        }

    # ------------------------------------------------------------------ roster

    def employee(self, nip: str) -> dict[str, Any]:
        rows = self.store.query("SELECT * FROM roster WHERE subject = ?", (nip,))
        if not rows:
            raise NotFound(f"No employee with NIP {nip} has been appointed.")
        return self._roster_item(rows[0])

    def roster(
        self,
        filters: Mapping[str, Any] | None = None,
        *,
        search: str | None = None,
        sort: str = "name",
        descending: bool = False,
        page: int = 1,
        per_page: int = 50,
        min_years_in_rank: float | None = None,
        age_band: str | None = None,
    ) -> Page:
        """Employees matching the filters, sorted and paginated."""
        where, params = self._roster_where(filters or {}, search, min_years_in_rank, age_band)
        if sort not in ROSTER_SORTS:
            raise InvalidInput(f"Unknown sort {sort!r}; one of {', '.join(ROSTER_SORTS)}.", "sort")
        if page < 1:
            raise InvalidInput("Must be at least 1.", "page")
        if not 1 <= per_page <= MAX_PAGE_SIZE:
            raise InvalidInput(f"Must be between 1 and {MAX_PAGE_SIZE}.", "per_page")
        order = f"{ROSTER_SORTS[sort]} {'DESC' if descending else 'ASC'}, subject"
        with self.store.transaction(commit=False) as sql:
            total = int(sql.scalar(f"SELECT COUNT(*) AS n FROM roster{where}", params))
            rows = sql.query(
                f"SELECT * FROM roster{where} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, per_page, (page - 1) * per_page],
            )
        return Page([self._roster_item(r) for r in rows], total, page, per_page)

    def headcount(self, by: Sequence[str], filters: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Counts of employees by any of the roster's fields (and age band)."""
        if not by:
            raise InvalidInput("Name at least one field to count by.", "by")
        unknown = [b for b in by if b not in HEADCOUNT_FIELDS]
        if unknown:
            raise InvalidInput(f"Unknown field {unknown[0]!r}; one of {', '.join(HEADCOUNT_FIELDS)}.", "by")
        where, params = self._roster_where(filters or {}, None, None, None)
        case, case_params = age_band_case(self.today)
        columns = [f"{case} AS age_band" if b == "age_band" else b for b in by]
        select_params = case_params if "age_band" in by else []
        group = ", ".join(by)
        rows = self.store.query(
            f"SELECT {', '.join(columns)}, COUNT(*) AS count FROM roster{where} GROUP BY {group} ORDER BY {group}",
            [*select_params, *params],
        )
        return rows

    def _roster_where(
        self,
        filters: Mapping[str, Any],
        search: str | None,
        min_years_in_rank: float | None,
        age_band: str | None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for name, value in filters.items():
            if name not in ROSTER_FILTERS:
                raise InvalidInput(f"Unknown filter; one of {', '.join(ROSTER_FILTERS)}.", name)
            if value is None or value == "":
                continue
            values = list(value) if isinstance(value, (list, tuple)) else [value]
            clauses.append(f"{name} IN ({', '.join('?' * len(values))})")
            params += [str(v) for v in values]
        if search:
            clauses.append("(LOWER(name) LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\')")
            pattern = "%" + like_literal(search.strip().lower()) + "%"
            params += [pattern, pattern]
        if min_years_in_rank is not None:
            if not 0 <= min_years_in_rank <= MAX_YEARS_IN_RANK:
                raise InvalidInput(f"Must be between 0 and {MAX_YEARS_IN_RANK}.", "min_years_in_rank")
            months = round(min_years_in_rank * 12)
            clauses.append("rank_since <= ?")
            params.append((self.today - relativedelta(months=months)).isoformat())
        if age_band:
            clauses.append(self._age_clause(age_band, params))
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _age_clause(self, band: str, params: list[Any]) -> str:
        for low, high in AGE_BANDS:
            if age_band_label(low, high) == band:
                params += [
                    (self.today - relativedelta(years=high + 1)).isoformat(),
                    (self.today - relativedelta(years=low)).isoformat(),
                ]
                return "birth_date > ? AND birth_date <= ?"
        labels = ", ".join(age_band_label(lo, hi) for lo, hi in AGE_BANDS)
        raise InvalidInput(f"Unknown age band; one of {labels}.", "age_band")

    def _roster_item(self, row: Row) -> dict[str, Any]:
        today = self.today
        item = {k: v for k, v in row.items() if k not in ("subject", "rank_order")}
        item["nip"] = row["subject"]
        item["confirmed"] = bool(row["confirmed"])
        end = date.fromisoformat(row["separated_on"]) if row["separated_on"] else today
        item["years_in_rank"] = _years(row["rank_since"], end)
        item["years_of_service"] = _years(row["appointed_on"], end)
        age = relativedelta(today, date.fromisoformat(row["birth_date"])).years if row["birth_date"] else None
        item["age_band"] = next(
            (age_band_label(lo, hi) for lo, hi in AGE_BANDS if age is not None and lo <= age <= hi), "unknown"
        )
        return item


def _years(day: str | None, end: date) -> float | None:
    if not day:
        return None
    return round((end - date.fromisoformat(day)).days / 365.25, 1)
