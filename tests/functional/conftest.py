"""A small civil service behind the Flask test client: three employees, an account per role.

Functional tests run on SQLite; a module overrides `store_url` with `database_url` to run
on both stores. Employees are recorded through CareerLog.record, never the demo.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher, profiles
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from careerlog.access import Scope
from careerlog.config import Settings
from tests import factories as f
from tests.conftest import lent_postgres_url
from tests.functional.worlds import SqliteWorld, Tokens
from tests.stores import LentSchema, made_key
from web import create_app
from web.services import Services

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=701)  # KOTA-MEDAN
SARI = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=702)  # KOTA-MEDAN
RINA = f.nip(date(1972, 7, 7), date(1998, 3, 1), "F", sequence=703)  # KAB-KARO
MISSING = f.nip(date(1980, 2, 2), date(2005, 3, 1), "M", sequence=704)  # never appointed

ROLES = ("admin", "hr", "hr_karo", "inspector", "inspector_medan", "reporter", "policy", "policy_karo", "employee")


def appointment_of(nip: str, **overrides: Any) -> dict[str, Any]:
    born = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    appointed = date(int(nip[8:12]), int(nip[12:14]), 1)
    return f.appointment(born, appointed, "M" if nip[14] == "1" else "F", **overrides)


@dataclass
class World:
    """The app, its client and services, and a token for each account."""

    app: Flask
    client: FlaskClient
    services: Services
    tokens: dict[str, str] = field(default_factory=dict)

    def call(self, method: str, path: str, who: str | None = "admin", **kwargs: Any) -> TestResponse:
        headers = dict(kwargs.pop("headers", {}))
        if who is not None:
            headers["Authorization"] = f"Bearer {self.tokens[who]}"
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, path: str, who: str | None = "admin", **kwargs: Any) -> TestResponse:
        return self.call("GET", path, who, **kwargs)

    def post(self, path: str, who: str | None = "admin", **kwargs: Any) -> TestResponse:
        return self.call("POST", path, who, **kwargs)

    def catch_up(self) -> None:
        self.services.projector.catch_up()

    def log(self) -> list[tuple[int, str, int]]:
        """The whole event log: (position, subject, version) of every event."""
        return [(n, e.originator_id, e.originator_version) for n, e in self.services.ledger.iter_events()]


@pytest.fixture
def store_url(sqlite_url: str) -> str:
    return sqlite_url


WORLD_TOKENS = pytest.StashKey[dict[str, str]]()


@pytest.fixture(scope="session")
def made_worlds() -> Iterator[dict[tuple[object, ...], SqliteWorld | LentSchema[Tokens]]]:
    """The worlds this process made (tests.functional.worlds), by what they were made of; dropped at the end."""
    made: dict[tuple[object, ...], SqliteWorld | LentSchema[Tokens]] = {}
    yield made
    for world in made.values():
        if isinstance(world, LentSchema):
            world.drop()


def made_world(url: str) -> dict[str, str]:
    """The world made in the store at `url`, with the tables an app's first request makes: its import jobs' table
    (web.import_jobs: the process's jobs' thread, started by the first request, makes it when missing). Without it
    the first request of each test lent the PostgreSQL world made that table, the schema's tables were no longer
    the world's, and the schema was dropped and the world made again for the next test (tests.stores.LentSchema)."""
    with served_app(url, dict(TEST_CONFIG)) as flask_app:
        flask_app.extensions["careerlog"].jobs  # noqa: B018  # (the property makes the table when missing)
        return build_world(flask_app, flask_app.test_client()).tokens


@pytest.fixture
def sqlite_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A SQLite store in the test's directory: a copy of the world's when the test asks for the world."""
    path = tmp_path / "careerlog.db"
    if "world" in request.fixturenames:
        made = request.getfixturevalue("made_worlds")
        key = made_key("sqlite")
        if key not in made:
            made[key] = SqliteWorld.make(request.getfixturevalue("tmp_path_factory").mktemp("world"), made_world)
        world = made[key]
        assert isinstance(world, SqliteWorld)
        world.copy_to(path)
        request.node.stash[WORLD_TOKENS] = world.tokens
    return f"sqlite:///{path}"


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A PostgreSQL store of the test's own: the world's schema, lent, when the test asks for the world, else
    as the other tiers' (tests/conftest.py, lent_postgres_url)."""
    if "world" not in request.fixturenames:
        with lent_postgres_url(request) as url:
            yield url
        return
    made = request.getfixturevalue("made_worlds")
    world = made.setdefault(made_key("postgres"), LentSchema(made_world, "t_world"))
    assert isinstance(world, LentSchema)
    with world.lend() as (url, tokens):
        request.node.stash[WORLD_TOKENS] = tokens
        yield url


TEST_WAIT_SECONDS = 5.0
TEST_CONFIG = {"TESTING": True, "CAREERLOG_WAIT_SECONDS": TEST_WAIT_SECONDS}
# Passwords are hashed with Argon2id still, at argon2-cffi's cheapest parameters (its profile for tests):
# these tests log in hundreds of times, and the production parameters cost about 0.3 s of CPU a log-in.
# The production hasher is what the integration and browser tests use.
TEST_HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)


@pytest.fixture
def test_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {**TEST_CONFIG, **disclosure_of(request.node)}


def disclosure_of(node: pytest.Item | pytest.Collector) -> dict[str, str]:
    """The CAREERLOG_DISCLOSURE a test or module pins with the `disclosure` mark (`withhold` for the tests asserting
    the headcount's withholding, the default, pinned; `perturb` for the cell-key tests), else nothing (the default)."""
    mark = node.get_closest_marker("disclosure")
    return {"CAREERLOG_DISCLOSURE": mark.args[0]} if mark else {}


@pytest.fixture
def app(store_url: str, test_config: dict[str, Any]) -> Iterator[Flask]:
    with served_app(store_url, test_config) as flask_app:
        yield flask_app


# No process follows a PostgreSQL store's log in these tests (the app follows only a SQLite store's, web.services;
# there `careerlog projections run` does, and here the test's own catch_up): a read that waits for the views to reach
# a write (a correction form, `wait_for`, the career page's alignment) can only find them there already or wait the
# whole CAREERLOG_WAIT_SECONDS for nothing, 5 s a wait (one test waited 30 s of its 30.5), and answer as it does once
# the wait is given up. A test that did not choose its own wait gets this one on PostgreSQL; one that starts a
# follower (test_both_stores) sets the longer wait back.
NOTHING_FOLLOWS_WAIT_SECONDS = 0.5


@contextmanager
def served_app(store_url: str, test_config: dict[str, Any]) -> Iterator[Flask]:
    if store_url.startswith("postgresql") and test_config.get("CAREERLOG_WAIT_SECONDS") == TEST_WAIT_SECONDS:
        test_config = {**test_config, "CAREERLOG_WAIT_SECONDS": NOTHING_FOLLOWS_WAIT_SECONDS}
    # (the pool's size as tests/conftest.py sets it for every test process, 1: Settings made from a URL alone took the
    # default, 4, and an app on PostgreSQL held some ten connections of the server's 100 (a review, 2026-12-08))
    pool = int(os.environ.get("CAREERLOG_DB_POOL_SIZE", "4"))
    flask_app = create_app(Settings(database_url=store_url, pool_size=pool), test_config=test_config)
    flask_app.extensions["careerlog"].accounts.hasher = TEST_HASHER
    try:
        yield flask_app
    finally:
        flask_app.extensions["careerlog"].close()


@pytest.fixture(scope="module")
def shared_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world on SQLite for a module whose tests only read it (each test gets its own client)."""
    config = {**TEST_CONFIG, **disclosure_of(request.node)}
    with served_world(f"sqlite:///{tmp_path_factory.mktemp('world')}/careerlog.db", config) as world:
        yield world


@contextmanager
def served_world(url: str, config: dict[str, Any] | None = None) -> Iterator[World]:
    """The world (build_world) recorded into the store at `url`, served by an app of its own: for a module fixture
    whose tests only read it, each with a client of its own (own_client)."""
    with served_app(url, dict(config or TEST_CONFIG)) as flask_app:
        yield build_world(flask_app, flask_app.test_client())


@pytest.fixture(scope="module")
def world_of_each_store(request: pytest.FixtureRequest, shared_database_url: str) -> Iterator[World]:
    """The world (build_world) recorded once per module in a store of each kind (shared_database_url), served by one
    app under TEST_CONFIG, the module's WORLD_CONFIG (a dict, when it has one) and its disclosure: for a module running
    on both stores whose tests only read the world or are refused (nothing recorded, no account changed), each test
    through a client of its own (`own_client`). Such a module names its tests' `world` so and is marked with an
    xdist_group of its own, so that `--dist loadgroup` builds it on one worker, not on each."""
    config = {**TEST_CONFIG, **getattr(request.module, "WORLD_CONFIG", {}), **disclosure_of(request.node)}
    with served_world(shared_database_url, config) as world:
        yield world


def own_client(shared: World) -> World:
    """The shared world with a client (a browser, so a session) of a test's own and no log-in attempts counted.

    The log-in limit (5 a minute per address and user name, counted in the world's store) would otherwise count
    the log-ins of every test of the module together, all as the same user from 127.0.0.1, and refuse the sixth
    that came within a minute with a 429: that test then read the page as nobody."""
    shared.services.accounts.forget_hits()
    return replace(shared, client=shared.app.test_client())


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def world(request: pytest.FixtureRequest, app: Flask, client: FlaskClient) -> World:
    """The three employees and the accounts: the store's copy of them, or recorded now into a store of the test's."""
    tokens = request.node.stash.get(WORLD_TOKENS, None)
    if tokens is None:
        return build_world(app, client)
    return World(app, client, app.extensions["careerlog"], dict(tokens))


def confirm_world_pns(world: World) -> None:
    """Record Budi's, Sari's and Rina's confirmations as PNS (a year after their appointments), for a test meaning them
    PNS: the world records none, so all three are CPNS (Budi's 2014 promotion the audit's promotion.no_probation)."""
    ledger = world.services.ledger
    ledger.record(BUDI, "confirmation", f.confirmation("2011-03-01"), actor="test")
    ledger.record(SARI, "confirmation", f.confirmation("2016-05-01"), actor="test")
    ledger.record(RINA, "confirmation", f.confirmation("1999-03-01"), actor="test")
    world.catch_up()


def build_world(app: Flask, client: FlaskClient) -> World:
    """Record the three employees and make an account and token per role."""
    services: Services = app.extensions["careerlog"]
    ledger = services.ledger
    ledger.record(BUDI, "appointment", appointment_of(BUDI, name="Budi Siregar"), actor="test")
    ledger.record(BUDI, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="test")
    ledger.record(SARI, "appointment", appointment_of(SARI, name="Sari Nasution", unit="Bappeda"), actor="test")
    ledger.record(
        RINA,
        "appointment",
        appointment_of(RINA, name="Rina Ginting", agency="KAB-KARO", region="12.06", unit="Dinas Pendidikan"),
        actor="test",
    )
    accounts = services.accounts
    scopes = {
        "admin": ("admin", Scope(national=True), None),
        "hr": ("hr", Scope(agencies=("KOTA-MEDAN",)), None),
        "hr_karo": ("hr", Scope(agencies=("KAB-KARO",)), None),
        "inspector": ("inspector", Scope(regions=("12",)), None),
        "inspector_medan": ("inspector", Scope(agencies=("KOTA-MEDAN",)), None),
        "reporter": ("reporter", Scope(national=True), None),
        "policy": ("policy", Scope(regions=("12",)), None),
        "policy_karo": ("policy", Scope(agencies=("KAB-KARO",)), None),
        "employee": ("employee", Scope(), BUDI),
    }
    built = World(app, client, services)
    for name, (role, scope, nip) in scopes.items():
        username = name.replace("_", "-")
        accounts.create(username, display_name=name.title(), role=role, scope=scope, nip=nip)
        built.tokens[name] = accounts.issue_token(username, days=30).token
    built.catch_up()
    return built
