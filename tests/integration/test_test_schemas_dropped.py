"""A test's PostgreSQL schema is dropped after it even when the server then takes no more connections.

Schemas of the tests (`t_*`, `t_world_*`, `t_made_*`, `x_pgro_*`) were found after runs that were not killed,
holding the marker of the store's encryption alone (`store_encryption`): a command started on the test's schema
made it and recorded its marker at start, then the server refused the fixture's connection that was to drop it
("too many clients already": other test processes' pools and servers), and the drop never ran. The fixtures now
drop on a connection opened before the test (tests.conftest.schemas_dropped), and a made store whose making failed
is dropped at once (tests.stores.LentSchema), not lent half made to the next test and kept.
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from careerlog.config import Settings
from tests.conftest import POSTGRES_URL, fresh_schema
from tests.stores import LentSchema

pytestmark = pytest.mark.postgres

FULL = psycopg.OperationalError("connection failed: FATAL:  sorry, too many clients already")


def there(schema: str) -> bool:
    with psycopg.connect(POSTGRES_URL) as conn:
        return conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is not None


def refuse_connections(*args: Any, **kwargs: Any) -> psycopg.Connection:
    raise FULL


def test_a_fresh_schema_is_dropped_when_the_server_refuses_new_connections_by_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fresh_schema() as url:
        schema = url.rpartition("schema=")[2]
        Settings(database_url=url).prepare()  # (a command's start: the schema made, its marker recorded)
        assert there(schema)
        monkeypatch.setattr(psycopg, "connect", refuse_connections)
    monkeypatch.undo()
    assert not there(schema)


def test_a_made_store_whose_making_failed_is_dropped_and_not_lent_to_the_next_test() -> None:
    made: list[str] = []

    def make_half(url: str) -> None:
        """A store's making stopped after its start (its schema and marker made) by a server out of connections."""
        made.append(url.rpartition("schema=")[2])
        Settings(database_url=url).prepare()
        raise FULL

    lent: LentSchema[None] = LentSchema(make_half, "t_half")
    try:
        for _ in range(2):  # (the next test's lend makes a store again, not lends the half made one)
            with pytest.raises(psycopg.OperationalError, match="too many clients"), lent.lend():
                pass
        assert len(made) == 2
        assert [schema for schema in made if there(schema)] == []
    finally:
        lent.drop()
