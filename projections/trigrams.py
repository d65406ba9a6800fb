"""PostgreSQL's trigram indexes (the pg_trgm extension) for the views' searches anywhere in a text.

The roster's search by name (projections.queries: `name_folded LIKE '%...%' OR subject LIKE '%...%'`) can be read
through a GIN index of the columns' trigrams (`Table.searched`), its LIKE conditions as written: LIKE is
PostgreSQL's own operator, which pg_trgm's operator class gin_trgm_ops serves (a bitmap scan of the index for each
side of the OR; PostgreSQL checks each row found against the pattern again, so the rows are those a scan finds).
The extension is one per database, in one schema:
careerlog uses it wherever it is, and creates it in `public` when it is not there (a trusted extension since
PostgreSQL 13: a role with CREATE on the database and on `public` may). The index names the operator class with that
schema (`"public".gin_trgm_ops`), so a store in a schema of its own (`?schema=`, its search path that schema alone)
finds it. Without the extension, nor the right to create it, careerlog works as before (a search reads the whole
roster) and says so once in its log; docs/operations.md says how an operator creates it.
"""

from __future__ import annotations

import logging
from typing import Any

import psycopg
import psycopg.errors

from careerlog.config import Settings

log = logging.getLogger(__name__)

EXTENSION = "pg_trgm"
CREATED_IN = "public"  # where careerlog creates the extension when the database has none
TRIGRAM_LOCK_ID = 7_312_302  # pg_advisory_lock key taken while the extension is created (beside SCHEMA_LOCK_ID)

_FOUND: dict[tuple[Any, ...], str] = {}  # database -> the extension's schema, once found (it stays)
_WARNED: set[tuple[Any, ...]] = set()  # databases whose missing extension this process has logged


def quoted(identifier: str) -> str:
    """An identifier quoted for SQL (a schema's name)."""
    return '"' + identifier.replace('"', '""') + '"'


def extension_schema(conn: psycopg.Connection[Any]) -> str | None:
    """The schema pg_trgm is installed in, in the connection's database; None when it is not."""
    row = conn.execute(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = %s",
        (EXTENSION,),
    ).fetchone()
    return None if row is None else str(row[0])


def trigram_schema(settings: Settings) -> str | None:
    """The schema of pg_trgm in the store's PostgreSQL database, the extension created (in `public`) if it is not
    there; None (logged once a database by this process) when it is not and cannot be: no right to create it, or
    not installed on the server. Processes starting together take turns (an advisory lock), and a twin that made it
    meanwhile outside careerlog (CREATE EXTENSION IF NOT EXISTS is not safe against a concurrent one: a unique
    violation in the catalog) is found, not an error."""
    pg = settings.postgres()
    key = (pg["host"], pg["port"], pg["dbname"])
    if key in _FOUND:
        return _FOUND[key]
    with settings.connect_postgres() as conn:
        found = extension_schema(conn)
        if found is None:
            found = _create(conn, key)
    if found is not None:
        _FOUND[key] = found
    return found


def _create(conn: psycopg.Connection[Any], key: tuple[Any, ...]) -> str | None:
    conn.execute("SELECT pg_advisory_lock(%s)", (TRIGRAM_LOCK_ID,))
    try:
        found = extension_schema(conn)  # made by the process that held the lock before
        if found is not None:
            return found
        try:
            conn.execute(f"CREATE EXTENSION IF NOT EXISTS {EXTENSION} SCHEMA {quoted(CREATED_IN)}")
        except (psycopg.errors.UniqueViolation, psycopg.errors.DuplicateObject):
            pass  # made at the same moment by a session outside careerlog's turns
        except psycopg.Error as e:
            if key not in _WARNED:
                _WARNED.add(key)
                log.warning(
                    "PostgreSQL's %s extension is not in the database %s and careerlog could not create it (%s): "
                    "the roster's search by name reads the whole roster. An operator creates it once for the "
                    "database: CREATE EXTENSION IF NOT EXISTS %s SCHEMA %s (docs/operations.md).",
                    EXTENSION,
                    key[2],
                    str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__,
                    EXTENSION,
                    CREATED_IN,
                )
            return None
        return extension_schema(conn)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (TRIGRAM_LOCK_ID,))
