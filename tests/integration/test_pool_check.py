"""The PostgreSQL pool's check of a connection it hands out: a round trip only when in doubt, never a dead one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from careerlog import sqlstore
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_datastore
from web.services import Services

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(postgres_url: str) -> Iterator[SqlStore]:
    """A store whose pool keeps a single connection, so that every checkout hands out the same one."""
    store = SqlStore(open_datastore(Settings(database_url=postgres_url, max_overflow=0), pool_size=1))
    yield store
    store.close()


@pytest.fixture
def pings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every round trip of the pool's check, counted."""
    done: list[int] = []
    ping = ConnectionPool.check_connection

    def counted(conn: Any) -> None:
        done.append(1)
        ping(conn)

    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(counted))
    return done


def backend(store: SqlStore) -> int:
    return int(store.scalar("SELECT pg_backend_pid() AS pid"))


def test_a_connection_checked_moments_ago_is_handed_out_without_a_round_trip(store: SqlStore, pings: list[int]) -> None:
    pids = {backend(store) for _ in range(20)}
    assert len(pids) == 1
    assert len(pings) == 1  # its first checkout only


def test_a_connection_idle_longer_than_the_limit_is_pinged_again(
    store: SqlStore, pings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlstore, "PING_AFTER_SECONDS", 0.2)
    backend(store)
    backend(store)
    time.sleep(0.3)
    backend(store)
    assert len(pings) == 2


def test_a_connection_whose_backend_was_terminated_moments_ago_is_replaced_not_handed_out(
    store: SqlStore, postgres_url: str, pings: list[int]
) -> None:
    first = backend(store)
    assert backend(store) == first
    with psycopg.connect(postgres_url.split("?", 1)[0], autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s, 5000)", [first])  # returns once the backend has ended

    second = backend(store)  # answered, on a fresh connection

    assert second != first
    assert len(pings) == 3  # the first connection's first checkout, its check that found it dead, the new one's


def test_the_web_services_pools_read_without_a_round_trip_per_checkout(postgres_url: str, pings: list[int]) -> None:
    services = Services.build(Settings(database_url=postgres_url, pool_size=1, max_overflow=0), follow=False)
    pings.clear()  # those of building the stores
    try:
        for _ in range(10):
            services.projector.views.sql.scalar("SELECT 1 AS one")
            services.ledger.max_notification_id()
        assert len(pings) <= 2  # at most each pool's one connection, on its first checkout since
    finally:
        services.close()
