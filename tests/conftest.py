"""Fixtures shared by every tier: stores on SQLite and PostgreSQL, chosen by configuration only."""

from __future__ import annotations

import gc
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest

from careerlog.application import CareerLog, Clock, utc_now
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore
from projections.framework import Projector
from projections.registry import all_projections

if TYPE_CHECKING:
    from tests.stores import LentSchema

POSTGRES_URL = os.environ.get("CAREERLOG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


def postgres_available() -> str | None:
    """None when the test server answers, else the reason it does not."""
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except psycopg.Error as e:
        return str(e).strip()


# Whether the test server has answered this process (require_postgres): asked no more once it has.
POSTGRES_ANSWERED: list[bool] = []


def require_postgres() -> None:
    """Fail in CI, skip elsewhere, when the PostgreSQL test server is missing.

    Asked by a connection of its own until the server first answers in this process, not again after: every PostgreSQL
    test asked it (each functional test lent a world, each new schema), and a connection cost the test 5-30 ms of wall
    and the server a process of its own (about 3,800 tests a run). A server gone after it answered fails the test that
    meets it (its own connection refused), as in CI; outside CI such a test is no longer skipped."""
    if POSTGRES_ANSWERED:
        return
    problem = postgres_available()
    if problem is None:
        POSTGRES_ANSWERED.append(True)
        return
    message = f"PostgreSQL at {POSTGRES_URL} is not available: {problem}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


TMPFS = Path("/dev/shm")
TMPFS_FREE_AT_LEAST = 4 << 30


MADE_STORE = (
    "made_store: the test's PostgreSQL store (database_url, postgres_url) is an empty one made before and lent to"
    " it, not a new schema (tests/conftest.py, lent_postgres_url): only for a test that does not check what making"
    " or first opening a store does"
)


DISCLOSURE_MARK = (
    "disclosure(method): the app's CAREERLOG_DISCLOSURE for the tests of this module or test (tests/functional/"
    "conftest.py): `withhold` for those asserting the headcount's withholding (the default), `perturb` for cell keys'"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MADE_STORE)
    config.addinivalue_line("markers", DISCLOSURE_MARK)
    in_memory(config)
    fewer_collections_in_tests()
    # `careerlog serve` refuses to start without it under CAREERLOG_DISCLOSURE=perturb (an opt-in; the default is
    # withhold): the tests' servers, started in processes of their own, inherit it
    os.environ.setdefault("CAREERLOG_CELL_KEY_SECRET", "the tests' cell-key secret, 32 characters or more")
    # One connection opened at first per pool (the overflow, 8, as configured by default): every CLI run and server of
    # the tests holds 2 at rest, not 8 (psycopg_pool opens a pool's minimum at once), so that two pytest workers'
    # servers, forked processes and module worlds stay within PostgreSQL's 100 connections (the fifth session of
    # 2026-12-06's stop CI ran out of them). Tests of the pool settings' own words set them as they need.
    os.environ.setdefault("CAREERLOG_DB_POOL_SIZE", "1")


def in_memory(config: pytest.Config) -> None:
    """The tests' files (their SQLite stores above all) in memory, on /dev/shm, not on the disk.

    Each SQLite commit waits for the disk (fsync): making the functional tests' small world (about
    100 commits) took 0.40-0.43 s of wall on /tmp here, 0.16-0.31 s on /dev/shm, with the same CPU.
    What the tests check does not change: a killed process loses nothing a page cache holds either
    way, and no test cuts the power. pytest keeps its usual numbered directories (the last three
    runs'), under /dev/shm/pytest-of-<user>. Not when --basetemp or PYTEST_DEBUG_TEMPROOT is given,
    when CAREERLOG_TEST_TMP=disk, or without 4 GB free there.
    """
    if config.option.basetemp or "PYTEST_DEBUG_TEMPROOT" in os.environ:
        return
    if os.environ.get("CAREERLOG_TEST_TMP") == "disk" or not os.access(TMPFS, os.W_OK):
        return
    if shutil.disk_usage(TMPFS).free >= TMPFS_FREE_AT_LEAST:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(TMPFS)  # read by pytest's tmp_path_factory


# Allocations between collections of the youngest generation in a test process (Python's default: 700).
TESTS_YOUNG_THRESHOLD = 50_000


def fewer_collections_in_tests() -> None:
    """The collector's youngest generation collected every 50,000 allocations in the test processes, not 700.

    Each functional test makes an app (a Flask app, its URL map, its services: tens of thousands of objects in
    reference cycles) that lives through the test: at 700 allocations a collection, it outlived the young
    generations' collections and reached the oldest, where only a full collection, walking every object of the
    process (the modules, the made worlds and demos of module fixtures), frees it. 25 test modules (309 tests, -n 0)
    spent 6.6 s of CPU in the collector, 5.3 s of it in 25 full collections; at 50,000 the apps mostly die young
    (3.2 s, 7 full collections). Nothing is left uncollected, only collected later. The thresholds of the older
    generations are left as they are; careerlog's own (careerlog.importing.fewer_collections, a rebuild's) raise
    the youngest's further and put this one back. The servers and commands the tests start run with Python's."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, TESTS_YOUNG_THRESHOLD), middle, old)


UNGROUPED = pytest.StashKey[bool]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `--dist loadgroup`, note the tests marked xdist_group that xdist could not group.

    Such a group shares one expensive set-up per worker (the browser tests' demo site); pytest 9.2
    silently broke the grouping (pytest-xdist issue 1386), which doubled that set-up unnoticed.
    """
    if getattr(config.option, "loadgroup", False):
        for item in items:
            item.stash[UNGROUPED] = bool(item.get_closest_marker("xdist_group")) and "@" not in item.nodeid


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.stash.get(UNGROUPED, False):
        pytest.fail(
            "--dist loadgroup did not group this test marked xdist_group onto one worker: "
            "this pytest-xdist does not work with this pytest (see the pytest pin in setup.cfg)"
        )


@contextmanager
def schemas_dropped(*schemas: str) -> Iterator[psycopg.Connection]:
    """`schemas` of the test database dropped (CASCADE) at the end, on a connection opened first and held until then
    (autocommit, yielded: a fixture drops its roles on it too).

    A connection opened only at the end was refused when the server had no more to give ("too many clients
    already": other test processes' pools and servers): the drop never ran, and the test's schema stayed, holding
    what the test left (a command refused after its start had made only the schema and the marker of its
    encryption, `store_encryption`: stray schemas of that table alone were found after runs)."""
    conn = psycopg.connect(POSTGRES_URL, autocommit=True)
    try:
        yield conn
    finally:
        if conn.closed or conn.broken:  # (its backend ended meanwhile)
            conn = psycopg.connect(POSTGRES_URL, autocommit=True)
        with conn:
            for schema in schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def fresh_schema() -> Iterator[str]:
    """The URL of a new schema in the test database, dropped afterwards (`schemas_dropped`)."""
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with schemas_dropped(schema):
        yield f"{POSTGRES_URL}?schema={schema}"


@pytest.fixture(scope="session")
def made_stores() -> Iterator[dict[tuple[object, ...], LentSchema[None]]]:
    """The empty stores this process made (tests.stores), by what they were made of; dropped at the end."""
    made: dict[tuple[object, ...], LentSchema[None]] = {}
    yield made
    for store in made.values():
        store.drop()


@pytest.fixture(scope="session")
def made_copies() -> Iterator[dict[tuple[object, ...], Path | LentSchema[None]]]:
    """The stores this process made for `tests.stores.copy_of_made` (a file, or a lent schema), by name and what
    they were made of; the schemas dropped at the end."""
    made: dict[tuple[object, ...], Path | LentSchema[None]] = {}
    yield made
    for store in made.values():
        if not isinstance(store, Path):
            store.drop()


@contextmanager
def lent_postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A PostgreSQL store of the test's own: a new schema, or, for a test marked `made_store`, an empty made one.

    Making a store's hundred tables and indexes costs the PostgreSQL server 0.3 s of CPU and the test about 1 s of
    wall. A test marked `made_store` (its module's `pytestmark`) gets instead a schema this worker made once
    (tests.stores.make_empty_store: the ledger, every view and the accounts opened on it, nothing recorded), put
    back as made after the test: its rows deleted, the made rows (the views' versions and rules' digests) copied in
    again, its sequences set back; dropped and made again when the test changed its tables. Opening the ledger, the
    views or the accounts on it then finds their tables there and writes no DDL.

    Mark only a test that does not check what making or first opening a store does: not one about a store's tables
    being created, views being made (filling from a log already written), versions or rules changed, migrations of
    the schema, a schema named or dropped, or careerlog's environment (CAREERLOG_*) set within the test (the store
    was made under the environment the test started with). Unmarked tests get a new schema, as before.

    SQLite stores stay new files (sqlite_url): making one's tables on /dev/shm took 0.020 s of CPU, opening a
    copy of a made one 0.011 s and copying it 0.001 s, too little to be worth it."""
    if request.node.get_closest_marker("made_store") is None:
        with fresh_schema() as url:
            yield url
        return
    from tests.stores import LentSchema, made_key, make_empty_store

    made = request.getfixturevalue("made_stores")
    store = made.setdefault(made_key("postgres"), LentSchema(make_empty_store, "t_made"))
    with store.lend() as (url, _):
        yield url


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A schema of the test's own in the test database (`lent_postgres_url`), dropped or put back afterwards."""
    with lent_postgres_url(request) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/careerlog.db"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """The same scenario on each store, by configuration only."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))


STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def shared_store(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A new store of the kind ("sqlite" or "postgres") for a module fixture: a file in a new directory, or a new
    schema dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('shared')}/careerlog.db"
        return
    with fresh_schema() as url:
        yield url


@pytest.fixture(scope="module", params=STORES)
def shared_database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One store of each kind per module, for module fixtures whose tests only read what they recorded. A module
    needing two such stores (two worlds) makes its own fixtures of `STORES` with `shared_store`."""
    with shared_store(request.param, tmp_path_factory) as url:
        yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@contextmanager
def projected(
    database_url: str, record: Callable[[CareerLog], object], clock: Clock = utc_now, batch_size: int = 1000
) -> Iterator[SqlStore]:
    """The views of a store once `record` has recorded into it and every projection has caught up."""
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings, clock=clock) as ledger:
        worker = Projector(settings, all_projections(), app=ledger, batch_size=batch_size)
        try:
            record(ledger)
            worker.catch_up()
            yield worker.views.sql
        finally:
            worker.close()


@pytest.fixture
def app(settings: Settings) -> Iterator[CareerLog]:
    ledger = CareerLog.from_settings(settings)
    yield ledger
    ledger.close()
