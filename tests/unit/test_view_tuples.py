"""The merit and roster views give their rows as tuples of their tables' columns in order
(`Projection.gives_tuples`), which the rebuild writes as they are: their rows are those tuples by
column name, and the functions giving one table's dicts give the same rows."""

from __future__ import annotations

from datetime import date

from projections.career import CareerRecord
from projections.framework import Projection
from projections.merit.audit import MeritProjection, audit_promotion, promotion_rounds
from projections.roster import RosterProjection, roster_row, spell_rows
from tests import factories as f

T = "T00:00:00+00:00"


def career() -> f.CareerBuilder:
    """A III/a CPNS of 2010-03-01, confirmed, rated, promoted twice (with a rating recorded late)."""
    builder = f.CareerBuilder().add(
        "confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    )
    builder.add("performance_rating", f.rating(2012), f"2013-01-15{T}")
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")
    builder.add("performance_rating", f.rating(2013), f"2014-06-01{T}")  # after the decision: a finding
    builder.add("rank_promotion", f.promotion("III/c", "2018-10-01"), f"2018-10-10{T}")
    return builder


def check_tuples(projection: Projection, record: CareerRecord) -> dict[str, list[dict[str, object]]]:
    tuples, rows = projection.tuples(record), projection.rows(record)
    columns = {t.name: t.column_names for t in projection.tables}
    assert projection.gives_tuples
    assert set(tuples) == set(rows)
    for table, found in tuples.items():
        assert all(isinstance(row, tuple) and len(row) == len(columns[table]) for row in found)
        assert [list(row) for row in rows[table]] == [columns[table]] * len(found)  # keys in column order
        assert [tuple(row.values()) for row in rows[table]] == found
    return rows


def test_the_merit_view_gives_its_rows_as_tuples_in_column_order() -> None:
    record = career().record()
    rows = check_tuples(MeritProjection(), record)
    assert {table for table, found in rows.items() if found} >= {"decisions", "findings", "promotion_rounds"}
    decided = [(d["decision"], d["verdict"]) for d in rows["decisions"]]
    assert decided == [("promotion", "findings"), ("promotion", "findings"), ("appointment", "compliant")]
    audited = [audit_promotion(record, fact) for fact in record.promotions()]
    assert [d for d, _ in audited] == rows["decisions"][:2]
    assert [r for _, found in audited for r in found] == rows["findings"]
    assert promotion_rounds(record, record.separated_on or date(2018, 10, 10)) == rows["promotion_rounds"]


def test_the_roster_view_gives_its_rows_as_tuples_in_column_order() -> None:
    builder = career().add("status_change", f.status("CLTN", "2020-01-01"), f"2020-01-05{T}")
    record = builder.record()
    rows = check_tuples(RosterProjection(), record)
    assert rows["roster"] == [roster_row(record)]
    assert rows["spells"] == spell_rows(record)
    assert [(s["seq"], s["start_date"], s["end_date"], s["rank"], s["status"]) for s in rows["spells"]] == [
        (1, "2010-03-01", "2014-04-01", "III/a", "ACTIVE"),
        (2, "2014-04-01", "2018-10-01", "III/b", "ACTIVE"),
        (3, "2018-10-01", "2020-01-01", "III/c", "ACTIVE"),
        (4, "2020-01-01", None, "III/c", "UNPAID_LEAVE"),
    ]
