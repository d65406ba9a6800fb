"""A role's CONNECTION LIMIT used up, on a real PostgreSQL role (the other tests patch the pool to refuse): careerlog's
message quotes PostgreSQL's own words ("too many connections for role ...") and names that limit and its remedy,
not the server's max_connections."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.conftest import POSTGRES_URL

pytestmark = [pytest.mark.postgres, pytest.mark.made_store]


@pytest.fixture
def limited_role() -> Iterator[str]:
    """A role of the test's own that may hold one connection (LOGIN CONNECTION LIMIT 1), dropped afterwards."""
    name = f"careerlog_limit_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{name}" LOGIN CONNECTION LIMIT 1')
        try:
            yield name
        finally:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,))
            admin.execute(f'DROP ROLE "{name}"')


def as_role(url: str, role: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{role}@{parts.hostname}:{parts.port or 5432}"))


def test_a_command_past_a_real_roles_connection_limit_names_that_limit_in_postgresqls_words(
    postgres_url: str, limited_role: str
) -> None:
    url = as_role(postgres_url, limited_role)
    with psycopg.connect(as_role(POSTGRES_URL, limited_role)):  # (its one connection, held)
        result = CliRunner().invoke(main, ["info"], env={"CAREERLOG_DATABASE_URL": f"{url}&connect_timeout=1"})
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert f'too many connections for role "{limited_role}"' in said, said
    assert f"The role {limited_role}'s CONNECTION LIMIT is used up" in said, said
    assert f'raise the role\'s limit (ALTER ROLE "{limited_role}" CONNECTION LIMIT n)' in said, said
    assert "max_connections used up" not in said, said
    assert "Traceback" not in result.output
