"""Import jobs: a large file uploaded on the import page, imported in the background, its report kept.

A file of more rows than the page imports while the browser waits (CAREERLOG_IMPORT_JOB_ROWS) is stored as a job in
a table of careerlog's own beside the events, `import_jobs` (made as the accounts' tables are, on SQLite and
PostgreSQL): who uploaded it, its name, the kind chosen, whether a dry run, the page's language, its state (`queued`,
`running`, `done`, `failed`), its counts so far (rows read, recorded, already recorded, refused, of how many), and
while it waits or runs the uploaded bytes. A process runs it (web.import_jobs: a thread of the web worker) under a
lease: it takes the job by writing its own name and a time LEASE_SECONDS ahead (`claim`), and writes that time again
while it works (`beat`); a job whose lease has lapsed, its process gone (a worker restarted or killed), is taken up
again by another and imported anew from its first row. An import records a row once: the rows the first run recorded
are reported as already recorded. A job is run RUNS times at most: taken once more, it is finished failed, saying it
stopped repeatedly, and its upload dropped (a file that gets its process killed, out of memory, each time it is read
is not read again and again).

Once done, the job keeps its report and the file of its refused rows (what the report and its download need) and
drops the uploaded bytes (`finish`). The upload, the report and the refused rows hold personal data (NIPs, names,
decisions): with CAREERLOG_ENCRYPTION_KEY set each is encrypted with the store's key, as the events are (AES-GCM,
careerlog.persistence), and stored as base64 text."""

from __future__ import annotations

import base64
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from careerlog.config import Settings
from careerlog.sqlstore import Row, SqlStore, created_name

TABLE = "import_jobs"
DDL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (id TEXT PRIMARY KEY, username TEXT NOT NULL, name TEXT NOT NULL, "
    "kind TEXT, dry_run INTEGER NOT NULL, language TEXT NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL, "
    "finished_at TEXT, lease_owner TEXT, lease_until DOUBLE PRECISION, runs INTEGER NOT NULL, "
    "rows_total INTEGER NOT NULL, rows_read INTEGER NOT NULL, recorded INTEGER NOT NULL, "
    "already_recorded INTEGER NOT NULL, refused INTEGER NOT NULL, upload TEXT, report TEXT, refused_file TEXT, "
    "refused_name TEXT, failure TEXT)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_username ON {TABLE} (username, created_at)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_state ON {TABLE} (state)",
)
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
UNFINISHED = (QUEUED, RUNNING)
LEASE_SECONDS = 60.0  # a job's process writes its lease again every LEASE_SECONDS / 4 (web.import_jobs)
# The most times a job is run: taken a time more (its process gone each time, as one a file gets killed out of
# memory), it is finished failed, its upload dropped, not run again (web.import_jobs)
RUNS = 3
LISTED = 20  # the recent imports an account's list shows
COLUMNS = (
    "id, username, name, kind, dry_run, language, state, created_at, finished_at, lease_owner, lease_until, runs, "
    "rows_total, rows_read, recorded, already_recorded, refused, refused_name, failure"
)


@dataclass(frozen=True)
class Job:
    """An import job as its pages show it (the stored bytes apart: `ImportJobs.upload`, `report`, `refused_file`)."""

    id: str
    username: str
    name: str
    kind: str | None
    dry_run: bool
    language: str
    state: str
    created_at: str
    finished_at: str | None
    runs: int
    rows_total: int
    rows_read: int
    recorded: int
    already_recorded: int
    refused: int
    refused_name: str | None
    failure: str | None

    @property
    def finished(self) -> bool:
        return self.state not in UNFINISHED


def job_id() -> str:
    """A job's id: the time in nanoseconds then 64 random bits (hex), not to be guessed from another's."""
    return f"{time.time_ns():016x}{secrets.token_hex(8)}"


def _job(row: Row) -> Job:
    return Job(
        id=str(row["id"]),
        username=str(row["username"]),
        name=str(row["name"]),
        kind=row["kind"],
        dry_run=bool(row["dry_run"]),
        language=str(row["language"]),
        state=str(row["state"]),
        created_at=str(row["created_at"]),
        finished_at=row["finished_at"],
        runs=int(row["runs"]),
        rows_total=int(row["rows_total"]),
        rows_read=int(row["rows_read"]),
        recorded=int(row["recorded"]),
        already_recorded=int(row["already_recorded"]),
        refused=int(row["refused"]),
        refused_name=row["refused_name"],
        failure=row["failure"],
    )


class ImportJobs:
    """The import jobs of a SQL store (SQLite or PostgreSQL); `cipher` (the store's key's, None without one)
    encrypts the upload, the report and the refused rows; `clock` gives seconds since the epoch (leases)."""

    def __init__(self, store: SqlStore, cipher: Any = None, clock: Callable[[], float] = time.time):
        self.store = store
        self.cipher = cipher
        self.clock = clock

    # ------------------------------------------------------------------ schema

    def create_tables(self) -> None:
        with self.store.transaction() as sql:
            sql.create_missing(DDL)

    def tables_missing(self) -> bool:
        names = [name for name in map(created_name, DDL) if name]
        with self.store.statements() as sql:
            return bool(set(names) - sql.relation_names(names))

    # ------------------------------------------------------------------ bytes at rest

    def sealed(self, data: bytes | None) -> str | None:
        """Bytes as stored: encrypted with the store's key when it has one, as base64 text."""
        if data is None:
            return None
        return base64.b64encode(self.cipher.encrypt(data) if self.cipher is not None else data).decode("ascii")

    def opened(self, text: str | None) -> bytes | None:
        if text is None:
            return None
        data = base64.b64decode(text)
        return self.cipher.decrypt(data) if self.cipher is not None else data

    # ------------------------------------------------------------------ jobs

    def create(
        self, username: str, name: str, data: bytes, *, kind: str | None, dry_run: bool, language: str, rows: int
    ) -> Job:
        """A job queued for the upload `data` (of `rows` rows, as read when it was uploaded)."""
        found = job_id()
        now = datetime.now(UTC).isoformat()
        with self.store.transaction() as sql:
            sql.execute(
                f"INSERT INTO {TABLE} (id, username, name, kind, dry_run, language, state, created_at, runs, "
                "rows_total, rows_read, recorded, already_recorded, refused, upload) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, 0, 0, 0, ?)",
                [found, username, name, kind, int(dry_run), language, QUEUED, now, rows, self.sealed(data)],
            )
        job = self.get(found)
        assert job is not None
        return job

    def get(self, job: str) -> Job | None:
        with self.store.statements() as sql:
            rows = sql.query(f"SELECT {COLUMNS} FROM {TABLE} WHERE id = ?", [job])
        return _job(rows[0]) if rows else None

    def of(self, username: str, limit: int = LISTED) -> list[Job]:
        """An account's most recent jobs, newest first."""
        with self.store.statements() as sql:
            rows = sql.query(
                f"SELECT {COLUMNS} FROM {TABLE} WHERE username = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                [username, limit],
            )
        return [_job(row) for row in rows]

    def waiting(self) -> tuple[str | None, float | None]:
        """A job to take now (queued, or its lease lapsed), else the soonest a running job's lease lapses (None
        when no job is unfinished)."""
        now = self.clock()
        with self.store.statements() as sql:
            rows = sql.query(
                f"SELECT id, lease_until FROM {TABLE} WHERE state IN (?, ?) ORDER BY created_at, id",
                list(UNFINISHED),
            )
        soonest: float | None = None
        for row in rows:
            until = row["lease_until"]
            if until is None or float(until) <= now:
                return str(row["id"]), None
            soonest = float(until) if soonest is None else min(soonest, float(until))
        return None, soonest

    def claim(self, job: str, owner: str) -> bool:
        """Take `job` for `owner` if it is unfinished and no lease on it holds (one statement: of two processes
        claiming it, one wins)."""
        now = self.clock()
        with self.store.transaction() as sql:
            taken = sql.query(
                f"UPDATE {TABLE} SET state = ?, lease_owner = ?, lease_until = ?, runs = runs + 1, rows_read = 0, "
                "recorded = 0, already_recorded = 0, refused = 0 "
                "WHERE id = ? AND state IN (?, ?) AND (lease_until IS NULL OR lease_until <= ?) RETURNING id",
                [RUNNING, owner, now + LEASE_SECONDS, job, *UNFINISHED, now],
            )
        return bool(taken)

    def upload(self, job: str) -> bytes | None:
        with self.store.statements() as sql:
            return self.opened(sql.scalar(f"SELECT upload FROM {TABLE} WHERE id = ?", [job]))

    def beat(self, job: str, owner: str, counts: dict[str, int] | None = None) -> bool:
        """Hold the lease LEASE_SECONDS more and write the counts so far; False when the lease is another's."""
        sets, values = ["lease_until = ?"], [self.clock() + LEASE_SECONDS]
        for column, value in (counts or {}).items():
            assert column in ("rows_read", "recorded", "already_recorded", "refused")
            sets.append(f"{column} = ?")
            values.append(value)
        with self.store.transaction() as sql:
            held = sql.query(
                f"UPDATE {TABLE} SET {', '.join(sets)} WHERE id = ? AND lease_owner = ? AND state = ? RETURNING id",
                [*values, job, owner, RUNNING],
            )
        return bool(held)

    def release(self, job: str, owner: str) -> bool:
        """Let go of `job`, its process stopping gracefully: its lease lapsed now, for the next process to take it up
        at once (not LEASE_SECONDS later); False when the lease is another's."""
        with self.store.transaction() as sql:
            let_go = sql.query(
                f"UPDATE {TABLE} SET lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = ? RETURNING id",
                [job, owner, RUNNING],
            )
        return bool(let_go)

    def finish(
        self,
        job: str,
        owner: str,
        *,
        report: bytes | None,
        counts: dict[str, int],
        refused_file: bytes | None = None,
        refused_name: str | None = None,
        failure: str | None = None,
    ) -> bool:
        """The job done (or failed, `failure` saying why): its report and refused rows kept, the upload dropped.
        Written only while `owner` holds the job (a process that lost its lease leaves it to the one that took it)."""
        with self.store.transaction() as sql:
            done = sql.query(
                f"UPDATE {TABLE} SET state = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL, "
                "upload = NULL, report = ?, refused_file = ?, refused_name = ?, failure = ?, rows_read = ?, "
                "recorded = ?, already_recorded = ?, refused = ? "
                "WHERE id = ? AND lease_owner = ? AND state = ? RETURNING id",
                [
                    FAILED if failure else DONE,
                    datetime.now(UTC).isoformat(),
                    self.sealed(report),
                    self.sealed(refused_file),
                    refused_name,
                    failure,
                    counts.get("rows_read", 0),
                    counts.get("recorded", 0),
                    counts.get("already_recorded", 0),
                    counts.get("refused", 0),
                    job,
                    owner,
                    RUNNING,
                ],
            )
        return bool(done)

    def report(self, job: str) -> bytes | None:
        with self.store.statements() as sql:
            return self.opened(sql.scalar(f"SELECT report FROM {TABLE} WHERE id = ?", [job]))

    def refused_file(self, job: str) -> bytes | None:
        with self.store.statements() as sql:
            return self.opened(sql.scalar(f"SELECT refused_file FROM {TABLE} WHERE id = ?", [job]))


def store_cipher(settings: Settings) -> Any:
    """The cipher of the store's key (CAREERLOG_ENCRYPTION_KEY), None without one."""
    if not settings.encryption_key:
        return None
    from eventsourcing.cipher import AESCipher
    from eventsourcing.utils import Environment

    return AESCipher(Environment(env={"CIPHER_KEY": settings.encryption_key}))


def open_import_jobs(settings: Settings, store: SqlStore) -> ImportJobs:
    """The import jobs of the configured database, their table made on first use."""
    jobs = ImportJobs(store, store_cipher(settings))
    if not settings.only_reads and jobs.tables_missing():
        with settings.schema_lock():
            jobs.create_tables()
    return jobs
