"""A PostgreSQL role granted only USAGE on the store's schema and SELECT on its tables (an operator's reporting, audit
and monitoring jobs, least privilege: docs/operations.md, A read-only role) runs every command that only reads, exit
0, and changes nothing in the schema. Before, each failed with "permission denied for schema": opening the store ran
CREATE TABLE/INDEX IF NOT EXISTS (the library's tables, careerlog's indexes, the client keys' owners, the views'
tracking table), which PostgreSQL refuses a role without CREATE on the schema even when the table is there. Views
behind the log cannot catch up under such a role: the audits warn so, naming the role, and answer. A command that
writes is refused naming the role and the privilege it lacks, exit 1 (it was "The database could not be used:
permission denied for schema ...", as if the database were down).

The commands are walked from the click groups, as tests/integration/test_every_reading_command_refuses_a_missing_store
walks them: a command added later that only reads is held to it too."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result

from careerlog.access import Scope
from careerlog.accounts import open_accounts
from careerlog.cli import main
from careerlog.config import Settings
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f
from tests.conftest import POSTGRES_URL, require_postgres, schemas_dropped
from tests.integration.test_every_reading_command_refuses_a_missing_store import READING

pytestmark = pytest.mark.postgres

# The commands that only read: those refusing a store not there, but `projections rebuild`, which writes the views
ONLY_READING = [name for name in READING if name != "projections rebuild"]

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=71)
# The arguments a command needs to answer (exit 0) on the store `made` records
ARGUMENTS = {
    "export": ["{out}"],
    "history": [BUDI],
    "audit promotion": [BUDI, "1"],
    "report scorecard": ["--agency", "KOTA-MEDAN", "--year", "2024"],
}


def invoke(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": url})


def as_role(url: str, role: str) -> str:
    """`url` connecting as `role` (no password: the test server trusts local connections)."""
    return url.replace("postgres@", f"{role}@", 1)


def made(url: str) -> None:
    """A store holding BUDI's appointment, its views made and caught up, then a training recorded with no worker
    running (the views one event behind the log), an account with a token."""
    settings = Settings(database_url=url)
    worker = Projector(settings, all_projections())
    try:
        worker.app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        worker.catch_up()
        worker.app.record(BUDI, "training", f.training("2016-01-08", hours=16, start="2016-01-07"), actor="hr")
    finally:
        worker.close()
    accounts = open_accounts(settings)
    try:
        accounts.create("siti", display_name="Siti Lubis", role="admin", scope=Scope(True, (), ()), password=None)
        accounts.issue_token("siti")
    finally:
        accounts.store.close()


def schema_state(schema: str) -> dict[str, str]:
    """Every relation of the schema (tables, indexes, sequences, types' tables) with its kind, and each table's rows'
    digest, read as the superuser."""
    state: dict[str, str] = {}
    with psycopg.connect(POSTGRES_URL) as conn:
        relations = conn.execute(
            "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s",
            (schema,),
        ).fetchall()
        for name, kind in relations:
            state[name] = kind
            if kind == "r":
                digest = "md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"
                rows = f'SELECT {digest} FROM "{schema}"."{name}" t'
                state[name] += ":" + str(conn.execute(rows).fetchone()[0])  # type: ignore[index]
    return state


@pytest.fixture
def reader() -> Iterator[tuple[str, str]]:
    """A store in a schema of its own, and a role `x_pgro_reader_...` granted USAGE on the schema and SELECT on its
    tables alone: (the store's URL as the superuser, as the role); both dropped at the end."""
    require_postgres()
    tag = uuid.uuid4().hex[:8]
    schema, role = f"x_pgro_{tag}", f"x_pgro_reader_{tag}"
    url = f"{POSTGRES_URL}?schema={schema}"
    with schemas_dropped(schema) as conn:  # (on a connection held from now: dropped after the role)
        try:
            made(url)
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
            conn.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
            conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"')
            yield url, as_role(url, role)
        finally:
            dropped_roles(conn, role)


def dropped_roles(conn: psycopg.Connection, *roles: str) -> None:
    """`roles` dropped where there, their privileges (default ones too) and what they own first."""
    for role in roles:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


def arguments(name: str, tmp_path: Path) -> list[str]:
    return [*name.split(), *(a.format(out=tmp_path / "backup.jsonl") for a in ARGUMENTS.get(name, []))]


def test_every_reading_command_runs_under_a_role_granted_usage_and_select_alone_changing_nothing(
    reader: tuple[str, str], tmp_path: Path
) -> None:
    url, read_only = reader
    schema = url.rpartition("schema=")[2]
    before = schema_state(schema)
    for name in ONLY_READING:
        result = invoke(read_only, *arguments(name, tmp_path))
        assert result.exit_code == 0, (name, result.output)
        assert "permission denied" not in result.output, name
        assert schema_state(schema) == before, f"careerlog {name} changed the schema"
    assert (tmp_path / "backup.jsonl").read_text().count("\n") == 2  # (both events, read as the role)
    assert "Siti Lubis" in invoke(read_only, "accounts", "list").output
    assert "siti" in invoke(read_only, "tokens", "list", "--account", "siti").output


def test_an_audit_under_a_read_only_role_warns_that_its_views_cannot_catch_up_there_and_answers(
    reader: tuple[str, str],
) -> None:
    url, read_only = reader
    role = read_only.partition("://")[2].partition("@")[0]
    result = invoke(read_only, "audit", "promotions")
    assert result.exit_code == 0, result.output
    assert (
        "Warning: the view merit is 1 event behind the log (at event 1 of 2): these results leave out the records "
        f"since, and the role {role} may only read the store, so its views cannot catch up here. Catch up as a role "
        "that may write it (`careerlog projections run --once`, or start the projection workers), then run the "
        "command again.\n"
    ) in result.stderr
    assert "Warning" in invoke(url, "audit", "promotions").stderr  # (as the owner: the usual advice, to catch up)
    assert "may only read" not in invoke(url, "audit", "promotions").stderr


CREATE = "CREATE on the schema {schema} (this command makes the tables it writes to when they are missing)"


@pytest.mark.parametrize(
    ("command", "lacks"),
    [
        (["record", BUDI, "training", *(f"{k}={v}" for k, v in f.training("2017-01-08").items())], CREATE),
        (["projections", "run", "--once"], CREATE),
        (["projections", "rebuild", "merit"], CREATE),
        (["accounts", "disable", "siti"], "the privilege to write to the table accounts (INSERT, UPDATE and DELETE)"),
    ],
    ids=["record", "projections run", "projections rebuild", "accounts disable"],
)
def test_a_writing_command_under_a_read_only_role_is_refused_naming_the_privilege_it_lacks(
    reader: tuple[str, str], command: list[str], lacks: str
) -> None:
    url, read_only = reader
    schema = url.rpartition("schema=")[2]
    role = read_only.partition("://")[2].partition("@")[0]
    before = schema_state(schema)
    result = invoke(read_only, *command)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith(f"Error: PostgreSQL refused the role {role} (permission denied for "), result.output
    assert f"): it lacks {lacks.format(schema=schema)}. This command writes to the store" in result.output
    assert "runs the commands that only read: info, export, history, audit, report" in result.output
    assert schema_state(schema) == before


def test_a_reading_command_under_a_role_without_select_on_a_table_is_refused_naming_the_table(
    reader: tuple[str, str],
) -> None:
    """A table made after the role's GRANT (a view made again by an upgrade) without ALTER DEFAULT PRIVILEGES: the
    command names the role and the table it may not read, exit 1, not "The database could not be used"."""
    url, read_only = reader
    role = read_only.partition("://")[2].partition("@")[0]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'REVOKE SELECT ON "{url.rpartition("schema=")[2]}".accounts FROM "{role}"')
    result = invoke(read_only, "accounts", "list")
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"Error: PostgreSQL refused the role {role} (permission denied for table accounts): it lacks SELECT on "
        "accounts. This command only reads the store, which needs USAGE on the store's schema and SELECT on its "
        "tables (docs/operations.md, A read-only role). Nothing was changed.\n"
    )


def test_a_view_made_again_is_read_under_the_role_given_default_privileges_as_documented(
    reader: tuple[str, str],
) -> None:
    """docs/operations.md, A read-only role: a view's tables made again after the GRANT (a rebuild, an upgrade) are
    refused to the role, naming a table, unless ALTER DEFAULT PRIVILEGES grants it SELECT on the tables made later."""
    url, read_only = reader
    schema = url.rpartition("schema=")[2]
    role = read_only.partition("://")[2].partition("@")[0]
    assert invoke(url, "projections", "rebuild", "merit").exit_code == 0
    refused = invoke(read_only, "audit", "promotions")
    assert refused.exit_code == 1, refused.output
    assert f"Error: PostgreSQL refused the role {role} (permission denied for table " in refused.output
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"')
        conn.execute(
            f'ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA "{schema}" GRANT SELECT ON TABLES TO "{role}"'
        )
    assert invoke(url, "projections", "rebuild", "merit").exit_code == 0
    read = invoke(read_only, "audit", "promotions")
    assert read.exit_code == 0, read.output
    assert "Warning" not in read.stderr  # (caught up by the rebuild)


def test_a_reading_role_not_granted_the_encryption_marker_reads_the_store_by_its_first_event(
    reader: tuple[str, str], tmp_path: Path
) -> None:
    """A reports' role granted SELECT before the store's `store_encryption` was made (a store of an earlier release
    upgraded, no default privileges): the key is checked against the first event, as before, not refused."""
    url, as_reader = reader
    schema = url.partition("?schema=")[2]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        role = as_reader.partition("://")[2].partition("@")[0]
        conn.execute(f'REVOKE SELECT ON "{schema}".store_encryption FROM "{role}"')
    result = invoke(as_reader, "export", str(tmp_path / "backup.jsonl"))
    assert result.exit_code == 0, result.output
    assert BUDI in (tmp_path / "backup.jsonl").read_text()


def documented_statements() -> tuple[list[str], list[str]]:
    """The two SQL blocks of docs/operations.md, "A read-only role" (the superuser's, the store owner's), statement by
    statement (their comments left out)."""
    text = (Path(__file__).parents[2] / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text.split("## A read-only role (PostgreSQL)", 1)[1].split("\n## ", 1)[0]
    blocks = [part.split("```", 1)[0] for part in section.split("```sql\n")[1:]]
    assert len(blocks) == 2, blocks
    superuser, owner = (
        [s.strip() for s in " ".join(x for x in b.splitlines() if not x.lstrip().startswith("--")).split(";")]
        for b in blocks
    )
    return [s for s in superuser if s], [s for s in owner if s]


def test_the_documented_steps_run_as_written_by_a_superuser_and_the_stores_owner() -> None:
    """docs/operations.md, A read-only role, run as written on a store made by a writing role that is no superuser
    (First start: it owns what it makes, and has no CREATEROLE): the role made by a superuser (until 2026-12-05 the
    section said "as a superuser or `careerlog`", and `careerlog` was refused, "permission denied to create role"),
    the grants by the store's owner; the reports' role then runs a command that only reads, also after a rebuild made
    a view's tables again (ALTER DEFAULT PRIVILEGES FOR ROLE the owner)."""
    require_postgres()
    tag = uuid.uuid4().hex[:8]
    schema, owner, reports = f"x_pgdoc_{tag}", f"x_pgdoc_owner_{tag}", f"x_pgdoc_reports_{tag}"
    names = {"careerlog_reports": reports, "careerlog_medan": schema, "DATABASE careerlog": "DATABASE test"}
    statements = []
    by_superuser, by_owner = documented_statements()
    assert len(by_superuser) == 1
    for statement in by_superuser + by_owner:
        for documented, here in names.items():
            statement = statement.replace(documented, here)
        statements.append(statement.replace("FOR ROLE careerlog ", f"FOR ROLE {owner} "))
    assert statements[0].startswith(f"CREATE ROLE {reports} ")
    url = as_role(f"{POSTGRES_URL}?schema={schema}", owner)
    with schemas_dropped(schema) as admin:
        try:
            admin.execute(f'CREATE ROLE "{owner}" LOGIN')  # (First start's writing role: no CREATEROLE)
            admin.execute(f'GRANT CREATE ON DATABASE test TO "{owner}"')
            made(url)
            refused = pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied to create role")
            with psycopg.connect(as_role(POSTGRES_URL, owner), autocommit=True) as conn, refused:
                conn.execute(statements[0])
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:  # the role, by a superuser
                conn.execute(statements[0])
            with psycopg.connect(as_role(POSTGRES_URL, owner), autocommit=True) as conn:  # the grants, by the owner
                for statement in statements[1:]:
                    conn.execute(statement)
            read_only = as_role(url, reports)
            read = invoke(read_only, "audit", "promotions")
            assert read.exit_code == 0, read.output
            assert invoke(url, "projections", "rebuild", "merit").exit_code == 0
            again = invoke(read_only, "audit", "promotions")
            assert again.exit_code == 0, again.output
            assert "refused" not in again.output
        finally:
            dropped_roles(admin, reports, owner)
