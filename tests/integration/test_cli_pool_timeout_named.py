"""A command whose PostgreSQL pool cannot get a connection in time (psycopg_pool's PoolTimeout: the server out of
connections, max_connections used up) said only "The database could not be used: couldn't get a connection after
5.00 sec", naming no cause nor remedy. It now says the server may be out of connections, and names the pool settings
that size careerlog's share of them, with this process's values (docs/operations.md, Stores)."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from psycopg_pool import ConnectionPool, PoolTimeout

from careerlog.cli import main

pytestmark = pytest.mark.postgres


def test_a_pool_that_gets_no_connection_names_max_connections_and_the_pool_settings(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = CliRunner().invoke(main, ["projections", "run", "--once"], env={"CAREERLOG_DATABASE_URL": postgres_url})
    assert made.exit_code == 0, made.output

    def out_of_connections(self: ConnectionPool, timeout: float | None = None) -> Any:
        raise PoolTimeout("couldn't get a connection after 5.00 sec")  # (psycopg_pool's own words)

    monkeypatch.setattr(ConnectionPool, "getconn", out_of_connections)
    env = {"CAREERLOG_DATABASE_URL": postgres_url, "CAREERLOG_DB_POOL_SIZE": "2", "CAREERLOG_DB_MAX_OVERFLOW": "3"}
    result = CliRunner().invoke(main, ["info"], env=env)
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert said.startswith("Error: The database could not be used: couldn't get a connection after 5.00 sec (")
    assert (
        "No connection to PostgreSQL could be opened in time: the server may be out of connections (its "
        "max_connections used up by careerlog's processes and others: see pg_stat_activity), or slow to answer. Each "
        "careerlog process holds up to 11 (2 x (CAREERLOG_DB_POOL_SIZE 2 + CAREERLOG_DB_MAX_OVERFLOW 3) + 1): raise "
        "the server's max_connections, or lower both settings in every careerlog process's environment "
        "(docs/operations.md, Stores)."
    ) in said
    assert "Traceback" not in result.output
