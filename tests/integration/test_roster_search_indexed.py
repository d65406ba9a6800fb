"""The roster's search by name or NIP is read through an index of trigrams on both stores (PostgreSQL: the GIN index
roster_search of pg_trgm; SQLite: the FTS5 table roster_search, kept in step with the roster by triggers), and finds
exactly what the search by scan found before: the same rows, in the same order, the same count, on every page by
number and after every cursor, for texts of any length (under 3 characters, which no trigram index can serve, by
scan as before), with accents, apostrophes, LIKE's wildcards and FTS5's query syntax typed in them. Before, every
search read the whole roster for its page and its count (`name_folded LIKE '%...%'`): at a million rows a search for
a name held by a few read a million rows."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from typing import Any

import psycopg
import psycopg.errors
import pytest

import projections.queries as queries_module
import projections.trigrams as trigrams
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_store
from projections.framework import Projector
from projections.queries import Queries, RosterPage
from projections.roster import ROSTER, RosterProjection, folded
from tests import factories as f
from tests.integration.test_projections import clock, ledger, populate, projector
from tests.integration.test_rebuild_jobs import more_careers

__all__ = ["clock", "ledger", "projector"]  # the fixtures of test_projections, used here too

FIRST = ["Muhammad", "Siti", "Nur", "José", "Jose\u0301", "Nu'man", "Ma\u2019ruf", "Renée", "Ayu", "I Wayan", None]
LAST = ["Siregar", "Nasution", "Ma'ruf", "D\u2019Souza", "Putri", "Sirégar", "Harahap", "100%_Lubis", 'Sa"id', ""]
SEARCHES = [
    *["Siregar", "sir", "si", "s", "sirégar", "SIREGAR", "ma'ruf", "MA\u2019RUF", "ma\u02bcr", "jose", "josé", "ren"],
    *["e s", "  nur   putri ", "nur putri", "d'souza", "d\u2018s", "ayu ", "1988", "19880512 2015", "198", "19", "1"],
    *["%", "100%", "%_l", "a_b", "_", '"', 'sa"i', 'a"', "nur*", "a:b", "NEAR", "(sir", "x^y", "AND", "OR nur", "{"],
    *["zzz", "\u0301", "é", "ab\\", "\\", "--", "'", "''", "i wayan", "WAYAN SIR"],
    # words anywhere in the name, in any order, titles and br. aside (since 2026-12-05): a short word beside a long one
    *["siregar muhammad", "Dr. Siti br Siregar", "nur, putri", "ma'ruf si", "br", "dr.", "wayan i", "s siregar"],
]


def roster_rows(count: int, seed: int = 5) -> list[tuple[Any, ...]]:
    """Rows of the roster's columns in order: names of the pieces above (names alike, names without a name), NIPs
    of 18 digits, agencies and regions, the other columns empty."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = None if first is None else f"{first} {last}".strip()
        nip = (
            f"19{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.choice(['12', '05'])}20{rng.randint(10, 15)}01{i:04d}"
        )
        row: dict[str, Any] = dict.fromkeys(ROSTER.column_names)
        row.update(
            subject=nip,
            name=name,
            name_folded=None if name is None else folded(name),
            agency=rng.choice(["A1", "A2", None]),
            region=rng.choice(["1201", "1275", "3171", None]),
            rank_order=rng.choice([3, 7, None]),
            status="ACTIVE",
        )
        rows.append(tuple(row[c] for c in ROSTER.column_names))
    return rows


@pytest.fixture
def store(settings: Settings) -> Iterator[SqlStore]:
    """A store whose views are made (the roster empty, its search index there), holding 400 roster rows written as
    the views' writes write them (through the triggers, on SQLite)."""
    Projector(settings, [RosterProjection()]).close()
    opened = open_store(settings)
    with opened.transaction() as sql:
        sql.insert("roster", ROSTER.column_names, roster_rows(400))
        if sql.dialect == "postgres":
            sql.execute("ANALYZE roster")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def through_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite reads every search of 3 characters or more through the FTS5 index, however many rows it finds (by
    default only one finding few: `test_sqlite_reads_a_text_many_names_hold_by_scan`)."""
    monkeypatch.setattr(queries_module, "FTS_SHARE_AT_MOST", 0)


def walked(queries: Queries, search: str, **options: Any) -> list[RosterPage]:
    """Every page of a search: the first two by number, then the rest after cursors."""
    pages = [
        queries.roster(search=search, per_page=7, **options),
        queries.roster(search=search, page=2, per_page=7, **options),
    ]
    following = pages[0].next
    while following is not None:
        page = queries.roster(search=search, per_page=7, after=following, **options)
        pages.append(page)
        following = page.next
    return pages


def by_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Searches read as before: the search a condition of the roster's WHERE, read by scan."""
    monkeypatch.setattr(queries_module, "search_source", lambda *args: None)


OPTIONS: list[dict[str, Any]] = [
    {},
    {"descending": True},
    {"sort": "rank"},
    {"sort": "agency", "filters": {"region": ["1201", "1275"]}},
    {"sort": "name", "filters": {"agency": "A1"}},
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: "-".join(map(str, o.values())) or "name")
def test_a_search_through_the_trigram_index_finds_what_the_scan_found(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch, options: dict[str, Any]
) -> None:
    queries = Queries(store)
    indexed = {q: walked(queries, q, **options) for q in SEARCHES}
    by_scan(monkeypatch)
    scanned = {q: walked(Queries(store), q, **options) for q in SEARCHES}
    assert indexed == scanned
    assert sum(pages[0].total for pages in indexed.values()) > 400  # the searches find something


def plan(store: SqlStore, statement: str, params: list[Any]) -> str:
    """The statement's plan; on PostgreSQL as for a roster too large to read whole cheaper than through an index
    (enable_seqscan off: 400 rows fit in a few pages, which the planner rightly reads whole)."""
    with store.transaction(commit=False) as sql:
        if sql.dialect == "postgres":
            sql.execute("SET LOCAL enable_seqscan = off")
            return "\n".join(r["QUERY PLAN"] for r in sql.query(f"EXPLAIN {statement}", params))
        return "\n".join(r["detail"] for r in sql.query(f"EXPLAIN QUERY PLAN {statement}", params))


@pytest.mark.parametrize("search", ["Siregar", "ma'ruf", "19880512", "sir"])
def test_a_search_of_three_characters_or_more_reads_the_trigram_index(store: SqlStore, search: str) -> None:
    asked = Queries(store)._roster_request({}, search=search)
    page, count = asked.first_read(), (f"SELECT COUNT(*) AS n FROM {asked.source}{asked.where}", asked.params)
    for statement, params in (page, count):
        found = plan(store, statement, params)
        if store.dialect == "postgres":
            assert "Bitmap Index Scan on roster_search" in found, found
        else:
            assert "VIRTUAL TABLE INDEX" in found, found
            assert "SCAN roster_search VIRTUAL TABLE" in found, found


def test_a_search_of_two_characters_reads_the_roster_as_before(store: SqlStore) -> None:
    asked = Queries(store)._roster_request({}, search="si")
    assert asked.source == "roster"
    assert "name_folded LIKE" in asked.where


def test_the_index_follows_the_rows_written_deleted_and_changed(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The views' writes delete a subject's rows and insert them again (a catch-up), and a row changed in place
    (UPDATE) is found by its new name only."""
    rows = roster_rows(400)
    names = ROSTER.column_names
    renamed = [
        tuple(
            "Budi Sirégar-Baru" if c == "name" else "budi siregar-baru" if c == "name_folded" else v
            for c, v in zip(names, r, strict=True)
        )
        for r in rows[:50]
    ]
    with store.transaction() as sql:
        sql.execute(f"DELETE FROM roster WHERE subject IN ({', '.join('?' * 100)})", [r[0] for r in rows[:100]])
        sql.insert("roster", names, renamed)
        sql.execute(
            "UPDATE roster SET name = 'Ayu Tambunan', name_folded = 'ayu tambunan' WHERE subject = ?", (rows[200][0],)
        )
    queries = Queries(store)
    assert queries.roster(search="siregar-baru", per_page=100).total == 50
    assert [i["nip"] for i in queries.roster(search="tambunan").items] == [rows[200][0]]
    indexed = {q: walked(queries, q) for q in [*SEARCHES, "siregar-baru", "tambunan"]}
    by_scan(monkeypatch)
    assert indexed == {q: walked(Queries(store), q) for q in [*SEARCHES, "siregar-baru", "tambunan"]}


@pytest.mark.postgres
def test_without_pg_trgm_the_search_reads_the_roster_and_says_so_once(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A database without the extension, where careerlog may not create it (here: one the server does not have):
    the views are made without the index, a search finds what it found before, and the log says why once."""
    settings = Settings(database_url=postgres_url)
    monkeypatch.setattr(trigrams, "EXTENSION", "pg_trgm_not_installed")
    monkeypatch.setattr(trigrams, "_FOUND", {})
    monkeypatch.setattr(trigrams, "_WARNED", set())
    with caplog.at_level(logging.WARNING, logger="projections.trigrams"):
        Projector(settings, [RosterProjection()]).close()
        Projector(settings, [RosterProjection()]).close()
    said = [r.getMessage() for r in caplog.records if r.name == "projections.trigrams"]
    assert len(said) == 1, said
    assert "CREATE EXTENSION IF NOT EXISTS pg_trgm_not_installed SCHEMA public" in said[0], said
    opened = open_store(settings)
    try:
        with opened.transaction() as sql:
            sql.insert("roster", ROSTER.column_names, roster_rows(100))
            assert not sql.relation_names(["roster_search"])
        folded_names = [r[ROSTER.column_names.index("name_folded")] or "" for r in roster_rows(100)]
        assert Queries(opened).roster(search="siregar").total == sum("siregar" in n for n in folded_names) > 0
    finally:
        opened.close()


@pytest.mark.postgres
def test_an_extension_made_meanwhile_by_another_session_is_used_not_an_error(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CREATE EXTENSION IF NOT EXISTS racing a twin outside careerlog's turns fails on the catalog's unique index:
    the extension the twin made is found."""
    settings = Settings(database_url=postgres_url)
    with settings.connect_postgres() as conn:
        made = trigrams.extension_schema(conn)  # (the test database has it: the other tests made it)
    assert made is not None
    monkeypatch.setattr(trigrams, "_FOUND", {})
    looks = iter([None, None])  # not there, twice (before the turn and in it); then as the twin left it
    real = trigrams.extension_schema

    def looked(conn: psycopg.Connection[Any]) -> str | None:
        return next(looks, None) or real(conn)

    class Raced(psycopg.Connection):  # type: ignore[type-arg]
        def execute(self, query: Any, *args: Any, **kwargs: Any) -> Any:
            if str(query).startswith("CREATE EXTENSION"):
                raise psycopg.errors.UniqueViolation("duplicate key value violates unique constraint")
            return super().execute(query, *args, **kwargs)

    connect = Settings.connect_postgres

    def raced(self: Settings) -> psycopg.Connection[Any]:
        conn = connect(self)
        conn.__class__ = Raced
        return conn

    monkeypatch.setattr(trigrams, "extension_schema", looked)
    monkeypatch.setattr(Settings, "connect_postgres", raced)
    assert trigrams.trigram_schema(settings) == made


def test_a_store_made_before_the_index_gets_it_of_its_rows_when_the_views_next_start(
    settings: Settings, store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store whose roster was made by a release without the index (its rows there, no index): the next start
    makes it of the rows there (SQLite: filled from them), with no refill of the view."""
    with store.transaction() as sql:
        for statement in ROSTER.drop_search_ddl(sql.dialect):
            sql.execute(statement)
        assert not sql.relation_names(["roster_search"])
    Projector(settings, [RosterProjection()]).close()
    with store.transaction() as sql:
        assert sql.relation_names(["roster_search"]) == {"roster_search"}
        assert sql.scalar("SELECT COUNT(*) AS n FROM roster") == 400  # not made again
    asked = Queries(store)._roster_request({}, search="siregar")
    assert asked.source != "roster"
    indexed = {q: walked(Queries(store), q) for q in SEARCHES}
    by_scan(monkeypatch)
    assert indexed == {q: walked(Queries(store), q) for q in SEARCHES}


def test_a_rebuild_makes_the_index_again_once_the_rows_are_in(
    ledger: CareerLog, clock: f.Clock, projector: Projector, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(ledger, clock)
    more_careers(ledger, clock, 6)
    projector.catch_up()
    store = open_store(projector.settings)
    try:
        searches = ["", "198", "sir", "budi", "putri", "1980", "xyz", "200503"]
        caught_up = {q: walked(Queries(store), q) for q in searches}
        assert any(pages[0].total for q, pages in caught_up.items() if q)
        projector.rebuild(["roster"])
        with store.transaction() as sql:
            assert sql.relation_names(["roster_search"]) == {"roster_search"}
        assert {q: walked(Queries(store), q) for q in searches} == caught_up
        by_scan(monkeypatch)
        assert {q: walked(Queries(store), q) for q in searches} == caught_up
    finally:
        store.close()


def test_sqlite_reads_a_text_many_names_hold_by_scan(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the FTS5 index each row found costs three lookups in the count and again in the page, where the scan
    stops a page at its 51st match: SQLite reads a search through it only when it finds at most 1 in 50 of the
    roster's rows (PostgreSQL always, its bitmap scan reading the rows found in the table's order)."""
    monkeypatch.setattr(queries_module, "FTS_SHARE_AT_MOST", 50)
    many, few = (
        Queries(store)._roster_request({}, search="siregar"),
        Queries(store)._roster_request({}, search="19880512"),
    )
    assert Queries(store).roster(search="siregar").total > 400 / 50
    assert few.source != "roster"
    assert (many.source == "roster") == (store.dialect == "sqlite")
