"""On PostgreSQL too, no issued token is stored: every row of every careerlog table is read raw."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from tests.functional.conftest import World


@pytest.fixture
def store_url(postgres_url: str) -> str:
    return postgres_url


def raw_rows(url: str) -> str:
    """Every row of every table in the store's schema, as text."""
    base, _, schema = url.partition("?schema=")
    dumped = []
    with psycopg.connect(base) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
        ).fetchall()
        for (table,) in tables:
            rows = conn.execute(sql.SQL("SELECT * FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
            dumped += [repr(row) for row in rows.fetchall()]
    assert dumped
    return "\n".join(dumped)


@pytest.mark.postgres
def test_no_issued_token_appears_in_any_postgres_table(world: World, store_url: str) -> None:
    everything = raw_rows(store_url)
    assert "admin" in everything  # the accounts are there
    for token in world.tokens.values():
        assert token not in everything
        assert token.removeprefix("clt_") not in everything
