"""The roster read page by page after a cursor (`after`) as well as by page number, on both stores,
with its totals counted once per view position."""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import orjson
import pytest

from careerlog.access import expand_regions
from careerlog.config import Settings
from careerlog.keyset import decode_cursor
from projections.framework import Projector
from projections.queries import ROSTER_SORTS, Queries
from projections.roster import ROSTER, RosterProjection
from projections.roster_paging import INTEGER_SORTS, RosterOrder, page_read
from tests import factories as f
from tests.functional.conftest import World, appointment_of, own_client, served_world

ROSTER_PATH = "/api/v1/employees"
SORTS = [*ROSTER_SORTS, *(f"-{s}" for s in ROSTER_SORTS)]
GRADES = ("IX", "V", "VII")  # (the PPPK's grades, by their NIPs' order)
# The tests that only read the staffed world read one recorded once per store for the module (`shared`), on one
# worker; a test that records, or counts what its reads logged, has a staffed world of its own (`staffed`).
pytestmark = pytest.mark.xdist_group("test_roster_paging")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def staffed(world: World) -> World:
    """The world staffed (staff) in a store of the test's own."""
    return staff(world)


@pytest.fixture(scope="module")
def shared_world(shared_database_url: str) -> Iterator[World]:
    with served_world(shared_database_url) as world:
        yield staff(world)


@pytest.fixture
def shared(shared_world: World) -> World:
    """The world staffed (staff), recorded once per store for the module: for a test that only reads it."""
    return own_client(shared_world)


def staff(world: World) -> World:
    """Nine more in KOTA-MEDAN: PNS with the same rank and unit (ties), and PPPK of grades out of NIP order."""
    ledger = world.services.ledger
    for n in range(6):
        nip = f.nip(date(1985 + n % 2, 5, 5), date(2012, 1, 1), "F", sequence=800 + n)
        ledger.record(nip, "appointment", appointment_of(nip, name=f"Tie {n % 2}", unit="Bappeda"), actor="test")
    for n, grade in enumerate(GRADES):
        born = date(1991, 2, 2 + n)
        nip = f.pppk_nip(born, 2022, "M")
        payload = f.appointment(born, date(2022, 3, 1), "M", name=f"Kontrak {n}", employment_kind="PPPK", rank=grade)
        ledger.record(nip, "appointment", {**payload, "recruitment_path": "PPPK"}, actor="test")
    world.catch_up()
    return world


def pages(world: World, query: str, who: str = "admin") -> list[dict[str, Any]]:
    """Every page of the roster, each read after the cursor of the one before."""
    answers = [world.get(f"{ROSTER_PATH}?{query}", who).get_json()]
    while answers[-1]["next"] is not None:
        answers.append(world.get(f"{ROSTER_PATH}?{query}&after={answers[-1]['next']}", who).get_json())
    return answers


def lists_own(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pages with each `next` read as the roster's own cursor: a page's is bound to the query's filters
    (web.api.paging.bound_cursor), which differ where a scope reads as a filter asked."""
    return [{**a, "next": a["next"] and decode_cursor(a["next"])[2]} for a in answers]


def nips(answers: list[dict[str, Any]]) -> list[str]:
    return [item["nip"] for answer in answers for item in answer["items"]]


def test_reading_after_each_cursor_gives_the_rows_of_the_numbered_pages_in_every_sort(shared: World) -> None:
    everyone = shared.get(f"{ROSTER_PATH}?per_page=500").get_json()["items"]
    assert len(everyone) == 12
    for sort in SORTS:
        by_cursor = pages(shared, f"sort={sort}&per_page=5")
        numbered = [shared.get(f"{ROSTER_PATH}?sort={sort}&per_page=5&page={n}").get_json() for n in (1, 2, 3)]
        assert nips(by_cursor) == nips(numbered), sort
        assert sorted(nips(by_cursor)) == sorted(i["nip"] for i in everyone)
        assert [a["page"] for a in by_cursor] == [1, None, None]
        assert [a["total"] for a in by_cursor] == [12, 12, 12]
        assert by_cursor[-1]["next"] is None
        assert numbered[-1]["next"] is None


def test_pppk_grades_come_after_every_pns_rank_in_their_own_order(shared: World) -> None:
    """A PPPK's grade, shown in `rank`, had no rank order (NULL): under sort=rank the grades came last by NIP, IX, V,
    VII. They come after every PNS rank, in the grades' order (I to XVII), and first, highest first, descending;
    read by pages after a cursor alike."""
    ranks = [i["rank"] for i in shared.get(f"{ROSTER_PATH}?sort=rank&per_page=500").get_json()["items"]]
    assert ranks[-3:] == ["V", "VII", "IX"]
    assert not set(GRADES) & set(ranks[:-3])
    walked = [i["rank"] for a in pages(shared, "sort=rank&per_page=2") for i in a["items"]]
    assert walked == ranks
    descending = shared.get(f"{ROSTER_PATH}?sort=-rank&per_page=500").get_json()["items"]
    assert [i["rank"] for i in descending][:3] == ["IX", "VII", "V"]
    assert [i["rank"] for a in pages(shared, "sort=-rank&per_page=2") for i in a["items"]] == [
        i["rank"] for i in descending
    ]
    ties = [i["nip"] for i in descending if i["name"] == "Tie 0"]
    assert ties == sorted(ties, reverse=True)  # equal values: by NIP, in the same direction


def test_a_cursor_walk_stays_within_the_readers_scope(shared: World) -> None:
    seen = pages(shared, "sort=-rank_since&per_page=4", "hr_karo")
    assert [(a["total"], len(a["items"])) for a in seen] == [(1, 1)]
    medan = pages(shared, "sort=-rank_since&per_page=4", "hr")
    assert {i["agency"] for a in medan for i in a["items"]} == {"KOTA-MEDAN"}
    assert len(nips(medan)) == medan[0]["total"] == 11


def test_a_page_read_after_a_cursor_is_in_the_access_log(staffed: World) -> None:
    first = staffed.get(f"{ROSTER_PATH}?sort=name&per_page=4", "inspector").get_json()
    second = staffed.get(f"{ROSTER_PATH}?sort=name&per_page=4&after={first['next']}", "inspector").get_json()
    logged = staffed.services.accounts.access_log({"nip": nips([second])}, page=1, per_page=50)[0]
    assert sorted(e.nip for e in logged if e.action == "roster") == sorted(nips([second]))


NUL = "\x00"


def cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(list(parts))).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        (f"sort=rank&after={cursor('name', False, 'Budi', '1')}", "same sort"),
        (f"sort=rank&after={cursor('rank', True, 3, '1')}", "same sort"),
        (f"sort=rank&after={cursor('rank', False, {'x': 1}, '1')}", "same sort"),
        ("sort=rank&after=not-a-cursor", "same sort"),
        (f"page=2&after={cursor('name', False, 'Budi', '1')}", "either page or after"),
        # hand-made values no row holds (on PostgreSQL a 503 before: NUL in text, or types it cannot compare)
        (f"sort=name&after={cursor('name', False, 'Budi' + NUL, '1')}", "same sort"),
        (f"sort=nip&after={cursor('nip', False, '1', '1' + NUL)}", "same sort"),
        (f"sort=name&after={cursor('name', False, 5, '1')}", "same sort"),
        (f"sort=rank&after={cursor('rank', False, 'III/a', '1')}", "same sort"),
        (f"sort=rank&after={cursor('rank', False, True, '1')}", "same sort"),
        (f"sort=rank&after={cursor('rank', False, 2**63, '1')}", "same sort"),
    ],
)
def test_a_cursor_this_list_did_not_give_is_refused_naming_after(shared: World, query: str, reason: str) -> None:
    answer = shared.get(f"{ROSTER_PATH}?{query}")
    assert answer.status_code == 422
    assert reason in answer.get_json()["errors"]["after"][0]


def test_a_total_is_counted_once_per_view_position_and_again_when_the_view_moves(staffed: World) -> None:
    queries = staffed.services.queries
    assert staffed.get(f"{ROSTER_PATH}?unit=Bappeda", "hr").get_json()["total"] == 7
    [(key, (position, total))] = [(k, v) for k, v in queries.totals._found.items() if "Bappeda" in k[2]]
    assert total == 7
    queries.totals.put(key, position, 99)  # what a stale count would answer: shown while the view stays
    assert staffed.get(f"{ROSTER_PATH}?unit=Bappeda", "hr").get_json()["total"] == 99
    nip = f.nip(date(1992, 3, 3), date(2016, 1, 1), "M", sequence=899)
    staffed.services.ledger.record(nip, "appointment", appointment_of(nip, unit="Bappeda"), actor="test")
    staffed.catch_up()
    assert staffed.get(f"{ROSTER_PATH}?unit=Bappeda", "hr").get_json()["total"] == 8


def test_a_cursors_value_is_checked_against_the_type_of_each_sorts_column() -> None:
    types = dict(ROSTER.columns)
    assert {column for column in ROSTER_SORTS.values() if types[column] == "INTEGER"} == INTEGER_SORTS
    assert {types[column] for column in ROSTER_SORTS.values()} <= {"INTEGER", "TEXT"}


def test_every_sort_of_the_roster_reads_through_an_index_on_its_column_and_the_nip() -> None:
    indexed = set(ROSTER.indexes)
    for column in ROSTER_SORTS.values():
        assert column == "subject" or (column, "subject") in indexed, column


def test_sqlite_reads_a_page_after_a_cursor_in_index_order(sqlite_url: str) -> None:
    views = Projector(Settings(database_url=sqlite_url), [RosterProjection()])
    try:
        for sort, descending in itertools.product(("name", "rank_order", "birth_date"), (False, True)):
            direction = "DESC" if descending else "ASC"
            plan = views.views.sql.query(
                f"EXPLAIN QUERY PLAN SELECT * FROM roster WHERE {sort} IS NOT NULL AND ({sort}, subject) > (?, ?) "
                f"ORDER BY {sort} {direction}, subject {direction} LIMIT 5",
                ("x", "y"),
            )
            details = " ".join(str(r["detail"]) for r in plan)
            assert "USING INDEX" in details, details
            assert "TEMP B-TREE" not in details, details
    finally:
        views.close()


PAGE_FILTERS = [{}, {"unit": ["Bappeda"]}, {"agency": ["KOTA-MEDAN"], "status": ["ACTIVE"]}, {"rank": ["IX"]}]


def test_a_page_by_number_gives_the_rows_the_offset_read_gives_in_every_sort_and_filter(shared: World) -> None:
    """Past page 1 the page's NIPs are read first and then only their rows (a deferred join): on SQLite joined to
    them, on PostgreSQL read by them as an array (no join to plan); the same rows, all their columns, in the same
    order as the plain OFFSET read gave, on both stores."""
    queries = shared.services.queries
    postgres = queries.store.dialect == "postgres"
    deferred = "= ANY(ARRAY(SELECT subject FROM " if postgres else "JOIN (SELECT subject FROM "
    options = [{}, {"search": "tie"}, {"min_years_in_rank": 2.0}]
    for sort, filters, more in itertools.product(ROSTER_SORTS, PAGE_FILTERS, options):
        for descending, page in itertools.product((False, True), range(1, 6)):
            asked = queries._roster_request(filters, sort=sort, descending=descending, page=page, per_page=3, **more)
            statement, params = asked.first_read()  # (from the rows a search found: search_source)
            assert (f"{deferred}{asked.source}" in statement) == (page > 1), statement
            assert ("JOIN" in statement) == (page > 1 and not postgres), statement
            with queries.store.statements() as sql:
                offset_read = sql.query(
                    f"SELECT * FROM {asked.source}{asked.where} ORDER BY {asked.order.sql()} LIMIT ? OFFSET ?",
                    [*asked.params, 4, (page - 1) * 3],
                )
                assert sql.query(statement, params) == offset_read, (sort, descending, page, filters, more)
            answer = queries.roster(filters, sort=sort, descending=descending, page=page, per_page=3, **more)
            assert [i["nip"] for i in answer.items] == [r["subject"] for r in offset_read[:3]]
            assert (answer.next is None) == (len(offset_read) <= 3)


def test_postgres_skips_a_page_by_numbers_offset_in_an_index_only_scan_of_the_sorts_index(postgres_url: str) -> None:
    """Each sort's deferred read finds the page's NIPs by an index-only scan of its (column, subject) index (the
    primary key for the NIP), skipping the offset there, and reads their rows by the primary key (no join)."""
    views = Projector(Settings(database_url=postgres_url), [RosterProjection()])
    try:
        columns = [c for c in ROSTER.column_names if c != "subject"]
        rows = []
        for n in range(2000):  # enough rows for the planner to prefer the indexes to a sort of those it skips
            values = {c: f"{c}-{n % 37:02d}" for c in columns} | {"rank_order": n % 17, "confirmed": 1}
            rows.append([f"{n:018d}", *(values[c] for c in columns)])
        with views.views.sql.transaction() as sql:
            sql.executemany(ROSTER.insert_statement(), rows)
        with Settings(database_url=postgres_url).connect_postgres() as conn:
            conn.execute(f'VACUUM (ANALYZE) "{Settings(database_url=postgres_url).postgres()["schema"]}".roster')
        indexes = {columns: f"roster_ix{i}" for i, columns in enumerate(ROSTER.indexes)}
        for column, descending in itertools.product(ROSTER_SORTS.values(), (False, True)):
            statement, params = page_read("", [], RosterOrder(column, descending), 51, 100, "postgres")
            plan = " ".join(str(r["QUERY PLAN"]) for r in views.views.sql.query(f"EXPLAIN {statement}", params))
            index = "roster_pkey" if column == "subject" else indexes[(column, "subject")]
            assert f"Index Only Scan {'Backward ' if descending else ''}using {index} on roster" in plan, plan
            assert "Index Cond: (subject = ANY ($0))" in plan, plan  # the rows by the primary key
            assert "Join" not in plan, plan
            assert "Nested Loop" not in plan, plan
    finally:
        views.close()


SCOPES = [
    {"region": sorted(expand_regions(["12"]))},  # a province's scope: its 34 region codes
    {"region": ["12.71", "12.06", "12.71"], "status": ["ACTIVE"]},  # two regencies (one named twice), and a filter
    {"region": ["12.71", "31"]},  # two provinces
    {"agency": ["KOTA-MEDAN"]},
    {"agency": ["KAB-KARO", "KOTA-MEDAN"]},
]


def test_a_scoped_roster_gives_the_rows_of_its_filter_in_every_sort_by_number_and_after_each_cursor(
    shared: World,
) -> None:
    """Sorted by name or agency, a region filter whose codes share their first two characters (a province's) is
    read by them (`substr(region, 1, 2) = ?`, for the roster's indexes on it): the same rows, all their columns, in
    the same order as the filter alone gives, by page number and after each cursor, on both stores; other sorts
    and filters read as before."""
    queries = shared.services.queries
    for sort, filters, descending in itertools.product(ROSTER_SORTS, SCOPES, (False, True)):
        where, params = queries._roster_where(filters, None, None, None)
        order = RosterOrder(ROSTER_SORTS[sort], descending)
        with queries.store.statements() as sql:
            everyone = sql.query(f"SELECT * FROM roster{where} ORDER BY {order.sql()}", params)
        assert len(everyone) >= 6, filters
        one_province = len({v[:2] for v in filters.get("region", [])}) == 1
        for page in range(1, 6):
            asked = queries._roster_request(filters, sort=sort, descending=descending, page=page, per_page=3)
            statement, params = asked.first_read()
            by_province = "substr(region, 1, 2) = ? AND COALESCE(region IN" in statement
            assert by_province == (sort in ("name", "agency") and one_province), statement
            with queries.store.statements() as sql:
                assert sql.query(statement, params) == everyone[(page - 1) * 3 : page * 3 + 1], (sort, filters, page)
        walked, after = [], None
        while True:
            answer = queries.roster(filters, sort=sort, descending=descending, per_page=3, after=after)
            walked += [item["nip"] for item in answer.items]
            assert answer.total == len(everyone)
            if answer.next is None:
                break
            after = answer.next
        assert walked == [r["subject"] for r in everyone], (sort, descending, filters)


def test_a_region_scoped_reader_pages_as_the_same_filter_asked_by_an_administrator(shared: World) -> None:
    """The region-12 inspector's roster is the administrator's filtered by the province's codes: every page by
    number and after a cursor, in every sort, the same answer."""
    codes = "&".join(f"region={code}" for code in sorted(expand_regions(["12"])))
    for sort in ("name", "-name", "nip", "-rank"):
        scoped = pages(shared, f"sort={sort}&per_page=4", "inspector")
        assert lists_own(scoped) == lists_own(pages(shared, f"sort={sort}&per_page=4&{codes}"))
        for n in (1, 2, 3):
            query = f"sort={sort}&per_page=4&page={n}"
            assert lists_own([shared.get(f"{ROSTER_PATH}?{query}", "inspector").get_json()]) == (
                lists_own([shared.get(f"{ROSTER_PATH}?{query}&{codes}").get_json()])
            )


def test_postgres_reads_a_scoped_page_by_name_from_the_scopes_name_index(postgres_url: str) -> None:
    """One agency, or one province's regions, sorted by name: the page read in order from the roster's index on
    (agency, name, subject) or (substr(region, 1, 2), name, subject, region), no sort of the rows, a page by
    number's offset skipped in an index-only scan, a page after a cursor started at the cursor in the index."""
    scopes = [
        ({"agency": ["A-3"]}, ("agency", "name", "subject")),
        (PROVINCE_12, ("substr(region, 1, 2)", "name", "subject", "region")),
    ]
    assert_scoped_pages_read_in_index_order(postgres_url, "name", scopes, "Name 01000")


def test_postgres_reads_a_provinces_page_by_agency_from_the_provinces_agency_index(postgres_url: str) -> None:
    """One province's regions sorted by agency: read in order from the roster's index on (substr(region, 1, 2),
    agency, subject, region) as by name, not from the (agency, subject) index's first agency until a page of the
    province's rows comes by (1.4 s a page at a million rows)."""
    scopes = [(PROVINCE_12, ("substr(region, 1, 2)", "agency", "subject", "region"))]
    assert_scoped_pages_read_in_index_order(postgres_url, "agency", scopes, "A-1")


PROVINCE_12 = {"region": ["12", "12.01", "12.02", "12.03", "12.04", "12.05", "12.06"]}


def assert_scoped_pages_read_in_index_order(
    postgres_url: str, column: str, scopes: list[tuple[dict[str, list[str]], tuple[str, ...]]], cursor_value: str
) -> None:
    """Each scope sorted by `column`, both directions: the first page by an index scan of the scope's index and no
    sort, page 4 by an index-only scan of it, a page after a cursor at `cursor_value` started there in the index."""
    views = Projector(Settings(database_url=postgres_url), [RosterProjection()])
    try:
        columns = [c for c in ROSTER.column_names if c != "subject"]
        rows = []
        for n in range(3000):  # enough rows for the planner to prefer the indexes to a sort (half in province 12)
            values = {c: f"{c}-{n % 37:02d}" for c in columns} | {"rank_order": n % 17, "confirmed": 1}
            region = ("12" if n % 2 == 0 else f"{n % 30 + 13}") + ("" if n % 3 == 0 else f".{n % 7:02d}")
            values |= {"agency": f"A-{n % 4}", "region": region, "name": f"Name {n * 7919 % 3001:05d}"}
            rows.append([f"{n:018d}", *(values[c] for c in columns)])
        with views.views.sql.transaction() as sql:
            sql.executemany(ROSTER.insert_statement(), rows)  # in one round trip (a pipeline), not one per row
        with Settings(database_url=postgres_url).connect_postgres() as conn:
            conn.execute(f'VACUUM (ANALYZE) "{Settings(database_url=postgres_url).postgres()["schema"]}".roster')
        indexes = {columns: f"roster_ix{i}" for i, columns in enumerate(ROSTER.indexes)}
        reader = views.views.sql
        queries = Queries(reader)
        for filters, indexed in scopes:
            index = indexes[indexed]
            for descending, page in itertools.product((False, True), (1, 4)):
                asked = queries._roster_request(filters, sort=column, descending=descending, page=page)
                statement, params = asked.first_read()
                plan = " ".join(str(r["QUERY PLAN"]) for r in reader.query(f"EXPLAIN {statement}", params))
                scan = "Index Only Scan" if page > 1 else "Index Scan"
                assert f"{scan} {'Backward ' if descending else ''}using {index} on roster" in plan, plan
                if page == 1:
                    assert "Sort  (cost" not in plan, plan  # no sort of the rows (nor an incremental one)
            cursor = RosterOrder(column, False).next_cursor({column: cursor_value, "subject": "0" * 18}, column)
            asked = queries._roster_request(filters, sort=column, after=cursor)
            statement, params = asked.first_read()
            plan = " ".join(str(r["QUERY PLAN"]) for r in reader.query(f"EXPLAIN {statement}", params))
            assert f" {index} " in plan, plan  # the cursor is where the scan of the index starts
            assert re.search(rf"Index Cond: \((?:(?!Filter:).)*ROW\({column}, subject\) >", plan), plan
    finally:
        views.close()
