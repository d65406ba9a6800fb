"""Bigstore: a PostgreSQL store of 100,000 or 1,000,000 employees in minutes, by cloning a real one.

Importing a million demo employees (about 40 million events) through careerlog takes
hours on a small machine. Bigstore imports the demo export of a base size once (10,000
employees by default, with `careerlog import --migration`, then `careerlog projections
rebuild`) into the schema `scale_base_<base>_<seed>`, and then fills a target schema with
copies of it, inside PostgreSQL (INSERT ... SELECT, no round trip per row):

* copy 0 is the base itself: every stored event (employees and units) and every view row;
* copy k (1 to 99) clones every *employee's* stored events and view rows. The clone of
  NIP `ddddddddddddddd00s` (sequence 00s, s = 1 to 4 in the demo) is
  `ddddddddddddddd` + `kk` + `s`: the same birth date, TMT CPNS and sex, so the NIP still
  agrees with the record (careerlog.domain.nip), only digits 16-17 change. Every
  18-digit NIP of the base inside a stored event's JSON state (the subject's own NIP in
  references such as `SKP.2004/<nip>`, a mentor's or mentee's NIP) and inside a view
  row's text columns is replaced the same way, so mentoring pairs stay within copy k.
  Nothing else changes: topic, versions, dates, names, references and units are the
  base's. Units (subjects `UNIT:...`) are not cloned: every copy's employees work in the
  base's units.

Employees' aggregate ids are their NIPs (careerlog.application: Application[str], the
subject is the NIP; units are `UNIT:<agency>:<unit>`), and each view row belongs to one
subject and is a pure function of that subject's events (projections.framework), so a
clone's events and view rows are exactly what careerlog would have stored for an employee
with the clone's NIP. Notification ids come from the events table's own sequence, in the
base's order within each copy; the views' tracking rows are set to the last one.

Idempotent and resumable: each copy is written in one transaction together with its row
in `bigstore_copies`; a rerun adds only the missing copies. The target's indexes (and
primary keys) are dropped while copies are added and recreated from their saved
definitions (`bigstore_indexes`) at the end. `verify` reads a sample of clones back
through careerlog (their history must equal the original's, NIPs mapped, and their view
rows what the projections compute from their events; with --events-only, the views hold
copy 0 only and only its view rows are compared).

    .venv/bin/python -m bench.bigstore build --employees 1000000 --schema scale_1m
    .venv/bin/python -m bench.bigstore verify --schema scale_1m --sample 20
    .venv/bin/python -m bench.bigstore drop --schema scale_1m
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql as pgsql

from bench.common import POSTGRES_URL, demo_export
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.importing import import_file
from projections.career import CareerRecord
from projections.registry import projector, select

EVENTS = "careerlog_events"
TRACKING = "careerlog_views_tracking"
MAX_COPIES = 100  # two digits of the NIP's sequence
# A NIP of the base: 18 digits, sequence 001 to 004, not inside a longer number.
BASE_NIP = r"(?<![0-9])([0-9]{15})00([1-4])(?![0-9])"
ANY_18_DIGITS = r"(?<![0-9])([0-9]{18})(?![0-9])"
BASE_NIP_RE = re.compile(BASE_NIP)


def clone_nip(nip: str, copy: int) -> str:
    """The NIP of an employee's clone in copy `copy` (0: the employee itself)."""
    if not BASE_NIP_RE.fullmatch(nip):
        raise ValueError(f"not a base NIP (sequence 001-004): {nip!r}")
    return f"{nip[:15]}{copy:02d}{nip[17]}"


def fresh_nip(nip: str, copy: int = 0) -> str:
    """A NIP no copy uses: the sequence's last digit moved up by 5 (6 to 9)."""
    clone = clone_nip(nip, copy)
    return clone[:17] + str(int(clone[17]) + 5)


def clone_text(text: str, copy: int) -> str:
    return BASE_NIP_RE.sub(lambda m: f"{m[1]}{copy:02d}{m[2]}", text)


def base_schema(base: int, seed: int, prefix: str = "scale") -> str:
    return f"{prefix}_base_{base}_{seed}"


def settings_for(database_url: str, schema: str) -> Settings:
    return Settings(database_url=f"{database_url.split('?', 1)[0]}?schema={schema}")


@contextlib.contextmanager
def connect(settings: Settings) -> Iterator[psycopg.Connection[Any]]:
    with settings.connect_postgres() as conn:
        conn.autocommit = True
        conn.execute("SET synchronous_commit TO off")
        conn.execute("SET maintenance_work_mem TO '1GB'")
        yield conn


def schema_exists(conn: psycopg.Connection[Any], schema: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is not None


def tables_of(conn: psycopg.Connection[Any], schema: str) -> list[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s AND table_type = 'BASE TABLE'",
        (schema,),
    ).fetchall()
    return sorted(r[0] for r in rows)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ----------------------------------------------------------------------------- the base


def ensure_base(database_url: str, base: int, seed: int, prefix: str = "scale") -> Settings:
    """The base store: the demo export imported and every view rebuilt, once (marked done)."""
    schema = base_schema(base, seed, prefix)
    settings = settings_for(database_url, schema)
    with connect(settings) as conn:
        if schema_exists(conn, schema) and "bigstore_base" in tables_of(conn, schema):
            return settings
        conn.execute(pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(pgsql.Identifier(schema)))
    log(f"base {schema}: importing the demo export of {base} employees")
    app = CareerLog.from_settings(settings)
    try:
        result = import_file(app, demo_export(base, seed), actor="bench", migration=True)
        if not result.ok:
            raise SystemExit(f"the demo export did not import cleanly: {result.summary()}")
    finally:
        app.close()
    log(f"base {schema}: rebuilding every view")
    worker = projector(settings)
    try:
        worker.rebuild()
    finally:
        worker.close()
    with connect(settings) as conn:
        check_base(conn, schema)
        conn.execute(pgsql.SQL("CREATE TABLE {}.bigstore_base (done TIMESTAMPTZ)").format(pgsql.Identifier(schema)))
        conn.execute(pgsql.SQL("INSERT INTO {}.bigstore_base VALUES (now())").format(pgsql.Identifier(schema)))
    return settings


def check_base(conn: psycopg.Connection[Any], schema: str) -> None:
    """Refuse a base the NIP mapping cannot clone: every 18-digit number in it is a base NIP."""
    s = pgsql.Identifier(schema)
    odd = conn.execute(
        pgsql.SQL(
            "SELECT originator_id FROM {}.{} WHERE originator_id NOT LIKE 'UNIT:%%' AND originator_id !~ {} LIMIT 3"
        ).format(s, pgsql.Identifier(EVENTS), pgsql.Literal("^[0-9]{15}00[1-4]$"))
    ).fetchall()
    if odd:
        raise SystemExit(f"base {schema}: NIPs outside sequence 001-004 cannot be cloned: {odd}")
    strangers = conn.execute(
        pgsql.SQL(
            "SELECT DISTINCT m[1] FROM {}.{}, regexp_matches(convert_from(state, 'UTF8'), {}, 'g') AS m "
            "EXCEPT SELECT originator_id FROM {}.{} LIMIT 3"
        ).format(s, pgsql.Identifier(EVENTS), pgsql.Literal(ANY_18_DIGITS), s, pgsql.Identifier(EVENTS))
    ).fetchall()
    if strangers:
        raise SystemExit(f"base {schema}: 18-digit numbers in stored events that are no employee's NIP: {strangers}")


# ----------------------------------------------------------------------------- the target


def build(
    database_url: str,
    schema: str,
    employees: int,
    base: int,
    seed: int,
    prefix: str = "scale",
    *,
    reverse: bool = False,
    events_only: bool = False,
    min_free_gb: float = 12,
) -> Settings:
    copies = employees // base
    if copies * base != employees or not 1 <= copies <= MAX_COPIES:
        raise SystemExit(f"--employees: a multiple of the base ({base}) up to {MAX_COPIES} times, got {employees}")
    base_settings = ensure_base(database_url, base, seed, prefix)
    target = settings_for(database_url, schema)
    src = base_settings.postgres()["schema"]
    with connect(target) as conn:
        s = pgsql.Identifier(schema)
        if not schema_exists(conn, schema) or "bigstore_copies" not in tables_of(conn, schema):
            # careerlog creates the target's tables as for a new store (events, views, tracking);
            # not again later: it would create the indexes dropped while copies are written
            CareerLog.from_settings(target).close()
            projector(target).close()
        conn.execute(
            pgsql.SQL(
                "CREATE TABLE IF NOT EXISTS {}.bigstore_copies (copy INTEGER PRIMARY KEY, at TIMESTAMPTZ)"
            ).format(s)
        )
        conn.execute(
            pgsql.SQL(
                "CREATE TABLE IF NOT EXISTS {}.bigstore_indexes "
                "(tbl TEXT, name TEXT PRIMARY KEY, constraint_def TEXT, index_def TEXT)"
            ).format(s)
        )
        done = {r[0] for r in conn.execute(pgsql.SQL("SELECT copy FROM {}.bigstore_copies").format(s))}
        missing = [k for k in range(copies) if k not in done]
        loaded = [EVENTS, *view_tables()]
        cloned = [EVENTS] if events_only else loaded  # copies 1 and up; copy 0 is the whole base
        check_disk(conn, src, cloned, len(missing), min_free_gb)
        pending = conn.execute(pgsql.SQL("SELECT count(*) FROM {}.bigstore_indexes").format(s)).fetchone()
        if not missing and pending and not pending[0]:
            return target  # complete: the views may have moved on since (a benchmark's import)
        if missing:
            drop_indexes(conn, schema, loaded)
            columns = {t: text_columns(conn, src, t) for t in loaded}
            for k in reversed(missing) if reverse else missing:
                started = time.perf_counter()
                with conn.transaction():
                    # another build of the same schema (a second process) may be writing this copy
                    claimed = conn.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s), %s)", (schema, k))
                    taken = conn.execute(pgsql.SQL("SELECT 1 FROM {}.bigstore_copies WHERE copy = %s").format(s), (k,))
                    if not _true(claimed) or taken.fetchone():
                        continue
                    conn.execute(pgsql.SQL("INSERT INTO {}.bigstore_copies VALUES (%s, now())").format(s), (k,))
                    for table in loaded if k == 0 else cloned:
                        insert_copy(conn, src, schema, table, columns[table], k)
                log(f"{schema}: copy {k + 1}/{copies} in {time.perf_counter() - started:.1f} s")
        written = conn.execute(pgsql.SQL("SELECT count(*) FROM {}.bigstore_copies").format(s)).fetchone()
        if not written or written[0] < copies:
            log(f"{schema}: another build is still writing copies; run build again when it has ended")
            return target
        conn.execute("SELECT pg_advisory_lock(hashtext(%s), -1)", (schema,))  # one process finishes
        restore_indexes(conn, schema)
        head = conn.execute(
            pgsql.SQL("SELECT max(notification_id) FROM {}.{}").format(s, pgsql.Identifier(EVENTS))
        ).fetchone()[0]
        with conn.transaction():
            for p in select():
                conn.execute(
                    pgsql.SQL("DELETE FROM {}.{} WHERE application_name = %s").format(s, pgsql.Identifier(TRACKING)),
                    (p.name,),
                )
                conn.execute(
                    pgsql.SQL("INSERT INTO {}.{} (application_name, notification_id) VALUES (%s, %s)").format(
                        s, pgsql.Identifier(TRACKING)
                    ),
                    (p.name, head),
                )
        for table in loaded:
            conn.execute(pgsql.SQL("ANALYZE {}.{}").format(s, pgsql.Identifier(table)))
    log(f"{schema}: {copies * base} employees, {head} events")
    return target


def check_disk(conn: psycopg.Connection[Any], src: str, tables: list[str], copies: int, min_free_gb: float) -> None:
    """Refuse copies that would leave less than `min_free_gb` free where PostgreSQL keeps its data."""
    row = conn.execute(
        "SELECT sum(pg_total_relation_size(format('%%I.%%I', %s::text, t)::regclass)) FROM unnest(%s::text[]) AS t",
        (src, tables),
    ).fetchone()
    per_copy = int(row[0]) if row and row[0] else 0
    data = conn.execute("SHOW data_directory").fetchone()
    where = data[0] if data and Path(data[0]).exists() else "/"
    free = shutil.disk_usage(where).free
    need = per_copy * copies * 1.1
    if free - need < min_free_gb * 1e9:
        raise SystemExit(
            f"{copies} copies need about {need / 1e9:.1f} GB and {free / 1e9:.1f} GB are free: "
            f"that would leave less than {min_free_gb} GB (--min-free-gb)"
        )


def _true(cursor: psycopg.Cursor[Any]) -> bool:
    row = cursor.fetchone()
    return bool(row and row[0])


def view_tables() -> list[str]:
    return [t.name for p in select() for t in p.tables]


def text_columns(conn: psycopg.Connection[Any], schema: str, table: str) -> dict[str, str]:
    rows = conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = %s AND table_name = %s AND column_name <> 'notification_id' ORDER BY ordinal_position",
        (schema, table),
    ).fetchall()
    return dict(rows)


def insert_copy(
    conn: psycopg.Connection[Any], src: str, dst: str, table: str, columns: dict[str, str], copy: int
) -> None:
    """One copy of a table's rows from the base into the target, NIPs mapped (copy 0 as is)."""
    key = "originator_id" if table == EVENTS else "subject"
    names = pgsql.SQL(", ").join(map(pgsql.Identifier, columns))
    if copy == 0:
        values: pgsql.Composable = names
        where: pgsql.Composable = pgsql.SQL("")
    else:
        replacement = pgsql.Literal(rf"\1{copy:02d}\2")

        def mapped(name: str, kind: str) -> pgsql.Composable:
            col = pgsql.Identifier(name)
            if kind == "text":
                return pgsql.SQL("regexp_replace({}, {}, {}, 'g')").format(col, pgsql.Literal(BASE_NIP), replacement)
            if kind == "bytea":
                return pgsql.SQL("convert_to(regexp_replace(convert_from({}, 'UTF8'), {}, {}, 'g'), 'UTF8')").format(
                    col, pgsql.Literal(BASE_NIP), replacement
                )
            return col

        values = pgsql.SQL(", ").join(mapped(n, k) for n, k in columns.items())
        where = pgsql.SQL("WHERE {} NOT LIKE 'UNIT:%%'").format(pgsql.Identifier(key))
    order = pgsql.SQL("ORDER BY notification_id") if table == EVENTS else pgsql.SQL("")
    conn.execute(
        pgsql.SQL("INSERT INTO {}.{} ({}) SELECT {} FROM {}.{} {} {}").format(
            pgsql.Identifier(dst), pgsql.Identifier(table), names, values,
            pgsql.Identifier(src), pgsql.Identifier(table), where, order,
        )
    )  # fmt: skip


def drop_indexes(conn: psycopg.Connection[Any], schema: str, tables: list[str]) -> None:
    """Save the definitions of the tables' indexes and primary keys, then drop them (one transaction)."""
    s = pgsql.Identifier(schema)
    found = conn.execute(
        "SELECT c.relname, i.relname, pg_get_constraintdef(con.oid), pg_get_indexdef(i.oid) "
        "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_constraint con ON con.conindid = i.oid AND con.contype IN ('p', 'u') "
        "WHERE n.nspname = %s AND c.relname = ANY(%s)",
        (schema, tables),
    ).fetchall()
    with conn.transaction():
        for table, name, constraint_def, index_def in found:
            conn.execute(
                pgsql.SQL("INSERT INTO {}.bigstore_indexes VALUES (%s, %s, %s, %s)").format(s),
                (table, name, constraint_def, index_def),
            )
            if constraint_def:
                conn.execute(
                    pgsql.SQL("ALTER TABLE {}.{} DROP CONSTRAINT {}").format(
                        s, pgsql.Identifier(table), pgsql.Identifier(name)
                    )
                )
            else:
                conn.execute(pgsql.SQL("DROP INDEX {}.{}").format(s, pgsql.Identifier(name)))


def restore_indexes(conn: psycopg.Connection[Any], schema: str) -> None:
    s = pgsql.Identifier(schema)
    saved = conn.execute(pgsql.SQL("SELECT tbl, name, constraint_def, index_def FROM {}.bigstore_indexes").format(s))
    for table, name, constraint_def, index_def in saved.fetchall():
        started = time.perf_counter()
        with conn.transaction():
            if constraint_def:
                conn.execute(
                    pgsql.SQL("ALTER TABLE {}.{} ADD CONSTRAINT {} {}").format(
                        s, pgsql.Identifier(table), pgsql.Identifier(name), pgsql.SQL(constraint_def)
                    )
                )
            else:
                conn.execute(pgsql.SQL(index_def))
            conn.execute(pgsql.SQL("DELETE FROM {}.bigstore_indexes WHERE name = %s").format(s), (name,))
        log(f"{schema}: index {name} in {time.perf_counter() - started:.1f} s")


# ----------------------------------------------------------------------------- checks


def verify(database_url: str, schema: str, base: int, seed: int, sample: int, prefix: str = "scale") -> int:
    """Read a sample of clones back through careerlog; return how many were compared."""
    base_settings = settings_for(database_url, base_schema(base, seed, prefix))
    target = settings_for(database_url, schema)
    with connect(target) as conn:
        copies = sorted(r[0] for r in conn.execute(
            pgsql.SQL("SELECT copy FROM {}.bigstore_copies").format(pgsql.Identifier(schema))))  # fmt: skip
        nips = [r[0] for r in conn.execute(
            pgsql.SQL("SELECT DISTINCT originator_id FROM {}.{} WHERE originator_id NOT LIKE 'UNIT:%%'").format(
                pgsql.Identifier(base_settings.postgres()["schema"]), pgsql.Identifier(EVENTS)))]  # fmt: skip
        roster = conn.execute(pgsql.SQL("SELECT count(*) FROM {}.roster").format(pgsql.Identifier(schema))).fetchone()
    # an events-only build (--events-only): the views hold the base's employees, copy 0
    views_of = copies if roster and roster[0] > len(nips) else [0]
    rng = random.Random(7)
    chosen = [(rng.choice(nips), rng.choice(copies)) for _ in range(sample)]
    original_app, clone_app = CareerLog.from_settings(base_settings), CareerLog.from_settings(target)
    views = projector(target, app=clone_app)
    try:
        for nip, k in chosen:
            clone = clone_nip(nip, k)
            expected = [_mapped(e, k) for e in original_app.get_history(nip)]
            got = clone_app.get_history(clone)
            if got != expected:
                raise SystemExit(f"{schema}: the history of {clone} (copy {k} of {nip}) differs from the original's")
            if k not in views_of:
                continue
            record = CareerRecord.from_events(clone, clone_app.get_events(clone))
            with views.views.reading() as sql:
                for projection in views.projections:
                    for table in projection.tables:
                        stored = sql.query(f"SELECT * FROM {table.name} WHERE subject = ?", (clone,))
                        fresh = projection.rows(record).get(table.name, [])
                        if _rows(stored, table.column_names) != _rows(fresh, table.column_names):
                            raise SystemExit(f"{schema}: view {table.name} of {clone} differs from its recomputation")
    finally:
        views.close()
        clone_app.close()
        original_app.close()
    return len(chosen)


def _mapped(value: Any, copy: int) -> Any:
    if isinstance(value, str):
        return clone_text(value, copy)
    if isinstance(value, dict):
        return {k: _mapped(v, copy) for k, v in value.items()}
    if isinstance(value, list):
        return [_mapped(v, copy) for v in value]
    return value


def _rows(rows: list[dict[str, Any]], names: list[str]) -> list[tuple[Any, ...]]:
    def plain(v: Any) -> Any:
        return f"{v:.5g}" if isinstance(v, float) else v  # REAL columns keep about 7 digits

    return sorted((tuple(plain(r.get(n)) for n in names) for r in rows), key=repr)


def drop(database_url: str, schema: str) -> None:
    with connect(settings_for(database_url, schema)) as conn:
        conn.execute(pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(pgsql.Identifier(schema)))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("action", choices=("build", "verify", "drop"))
    p.add_argument("--schema", required=True, help="the target schema")
    p.add_argument(
        "--employees", type=int, default=100_000, help="build: employees in the target (a multiple of the base)"
    )
    p.add_argument("--base", type=int, default=10_000, help="employees of the demo export cloned (default 10000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sample", type=int, default=20, help="verify: clones compared (default 20)")
    p.add_argument("--events-only", action="store_true", help="build: clone the events only (views: the base's)")
    p.add_argument("--min-free-gb", type=float, default=12, help="build: refuse to leave less free (default 12)")
    p.add_argument("--reverse", action="store_true", help="build: write the copies last first (a second process)")
    p.add_argument("--prefix", default="scale", help="the base is the schema <prefix>_base_<base>_<seed>")
    p.add_argument("--database-url", default=POSTGRES_URL)
    args = p.parse_args(argv)
    if args.action == "build":
        build(
            args.database_url, args.schema, args.employees, args.base, args.seed, args.prefix,
            reverse=args.reverse, events_only=args.events_only, min_free_gb=args.min_free_gb,
        )  # fmt: skip
    elif args.action == "verify":
        n = verify(args.database_url, args.schema, args.base, args.seed, args.sample, args.prefix)
        print(f"{args.schema}: {n} clones read back through careerlog equal their originals (NIPs mapped)")
    else:
        drop(args.database_url, args.schema)


if __name__ == "__main__":
    main()
