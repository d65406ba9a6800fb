"""A `?schema=` name in a PostgreSQL CAREERLOG_DATABASE_URL that careerlog does not take is refused saying what a name
it takes is: 1 to 63 lower-case letters a-z, digits 0-9 and underscores, not starting with a digit. Before, the
message said only "invalid schema name 'hunt-ops_c'", leaving the operator to guess whether the dash, the length or
the case was at fault. Every command stops, exit 1, before it connects: nothing is created. (A schema is
PostgreSQL's alone: a SQLite URL takes no parameter, tests/integration/test_database_url_checked.py.)"""

from __future__ import annotations

import psycopg
import pytest

from tests.conftest import POSTGRES_URL, require_postgres
from tests.integration.test_database_url_checked import COMMANDS, careerlog, refused

SAID = (
    "a schema's name is 1 to 63 lower-case letters a-z, digits 0-9 and underscores, not starting with a digit "
    "(e.g. ?schema=careerlog_medan)"
)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", ["hunt-ops_c", "Medan", "1medan", "m" * 64, "ops%20c"])
def test_a_schema_name_careerlog_does_not_take_is_refused_saying_what_it_takes(command: list[str], name: str) -> None:
    result = careerlog(command, f"postgresql://careerlog@127.0.0.1:1/careerlog?schema={name}")
    refused(result, "invalid schema name", SAID)


@pytest.mark.postgres
def test_nothing_is_created_for_a_refused_schema_name() -> None:
    require_postgres()
    result = careerlog(["projections", "run", "--once"], f"{POSTGRES_URL}?schema=hunt-ops_c")  # (a command that makes)
    refused(result, "invalid schema name 'hunt-ops_c': " + SAID)
    with psycopg.connect(POSTGRES_URL) as conn:
        assert conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'hunt-ops_c'").fetchone() is None


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", ["pg_catalog", "pg_toast", "pg_temp", "pg_careerlog", "information_schema"])
def test_a_schema_of_postgresql_s_own_is_refused(command: list[str], name: str) -> None:
    """(An import, even a dry run, made careerlog's tables in information_schema; in pg_catalog and pg_toast the
    server refused it as a change of its catalog, and pg_temp was a traceback, a name reserved.)"""
    result = careerlog(command, f"postgresql://careerlog@127.0.0.1:1/careerlog?schema={name}")
    refused(result, f"the schema {name!r} is PostgreSQL's own (pg_... and information_schema): name a schema of ")


@pytest.mark.parametrize("name", ["careerlog", "_ops", "hunt_ops_c", "m" * 63, "pgsql", "information"])
def test_a_name_as_said_is_taken(name: str) -> None:
    from careerlog.config import Settings

    assert Settings(database_url=f"postgresql://h/db?schema={name}").postgres()["schema"] == name
