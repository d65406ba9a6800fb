"""The units' subjects (`CareerLog.unit_subjects`, read on each unit of work's first rating of a unit named in
another spelling) are read from a partial index of the units' registrations, not by scanning the whole log; a store
made before the index gets it when opened."""

from __future__ import annotations

from careerlog.application import CareerLog, unit_subjects_statement
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore
from tests import factories as f


def index_name(app: CareerLog) -> str:
    return f"{app.recorder.events_table_name}_unit_registrations".lower()  # type: ignore[attr-defined]


def plan(app: CareerLog) -> str:
    """The store's plan of the units' query: EXPLAIN QUERY PLAN (SQLite), EXPLAIN (PostgreSQL) with sequential scans
    priced out, as on a big store (on a store of a few rows a scan of its one page is as cheap)."""
    statement = unit_subjects_statement(app.recorder.events_table_name)  # type: ignore[attr-defined]
    with SqlStore(app.recorder.datastore).transaction(commit=False) as sql:  # type: ignore[attr-defined]
        if sql.dialect == "postgres":
            sql.execute("SET LOCAL enable_seqscan = off")
            rows = sql.query(f"EXPLAIN {statement}")
        else:
            rows = sql.query(f"EXPLAIN QUERY PLAN {statement}")
    return "\n".join(str(list(row.values())[-1]) for row in rows)


def test_units_are_read_from_the_index_of_their_registrations(database_url: str) -> None:
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        app.rate_unit("KOTA-MEDAN", "Dinas Kesehatan", f.rating(2023), actor="hr")
        app.rate_unit("KOTA-MEDAN", "unit kecil", f.rating(2023), actor="hr")
        assert app.unit_subjects() == ["UNIT:KOTA-MEDAN:Dinas Kesehatan", "UNIT:KOTA-MEDAN:unit kecil"]
        shown = plan(app)
        assert index_name(app) in shown.lower(), shown
        assert "Seq Scan" not in shown, shown
        assert "sqlite_autoindex" not in shown, shown


def test_a_store_made_before_the_index_gets_it_when_opened(database_url: str) -> None:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        app.rate_unit("KOTA-MEDAN", "Dinas Kesehatan", f.rating(2023), actor="hr")
        with SqlStore(app.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
            sql.execute(f"DROP INDEX {index_name(app)}")
            assert sql.relation_names([index_name(app)]) == set()
    with CareerLog.from_settings(settings) as app:
        with SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            assert sql.relation_names([index_name(app)]) == {index_name(app)}
        assert index_name(app) in plan(app).lower()
        assert app.unit_subjects() == ["UNIT:KOTA-MEDAN:Dinas Kesehatan"]
