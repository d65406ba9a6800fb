"""The record each client key (idempotency key: the API's Idempotency-Key, `careerlog record --client-key`, an import's
client_key) was first used for by its writer, across records: a key is one request's of its writer (the account, or the
CLI's `--actor`: the events' `recorded_by`), so one sent again by that writer for another record is refused naming it
(careerlog.domain.ledger.KEY_ELSEWHERE), never recorded a second time there. Keys are kept per writer: another
writer's use of a key in another record (within one, the record's own key is judged, whoever sends it) is neither told
(a writer could learn from a 409 what was recorded in a record out of its scope, under a key made of a NIP) nor
blocks; until 2026-12-07 one table held every writer's keys (`client_key_owners`,
FORMER_KEY_OWNERS, dropped when this one is made).

Kept in a table of its own beside the events, `client_key_owners_by_writer`: the digest of the writer and the key
(SHA-256: a key may hold anything the client put in it, and an encrypted store keeps its events' texts unread; a key
that can be guessed, a NIP say, is found from its digest by hashing candidates, so the digest hides only a key that
cannot: docs/security.md) and the record's subject. A key is judged once the command's NIP reads and its record is the
writer's to write (a writer is told nothing of a key's use through a record out of its scope), and becomes its record's,
within a unit of work, once a command made events under it (a refused row's key stays free). It is claimed in the
transaction that writes its events (`Claims.take`, from the recorders of careerlog.persistence): the first writer of a
key to commit wins, a second finds the first's owner, its whole write rolled back, and is refused when its write is
decided again; a write that fails leaves its keys unclaimed. Filled from the log when first made (a store of an earlier
release), in the transaction that makes it: each key's first record for each writer, as the log holds it (the events'
`recorded_by`, as a migration import keeps it)."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import RecordConflictError

from careerlog.sqlstore import Sql

KEY_OWNERS = "client_key_owners_by_writer"
FORMER_KEY_OWNERS = "client_key_owners"  # (every writer's keys in one: until 2026-12-07)
STATEMENTS = (f"CREATE TABLE IF NOT EXISTS {KEY_OWNERS} (key_digest TEXT PRIMARY KEY, subject TEXT NOT NULL)",)
CHUNK = 500  # digests per statement
FILL_PAGE = 1000  # events read from the log per query, filling the table


def digest(key: str, writer: str) -> str:
    """A client key's digest for its writer (the account or actor recording under it), as the table keeps it: the
    writer's name, its length before it (no writer's name and key make another's), and the key, as UTF-8 (a lone
    surrogate as Python writes it)."""
    text = f"{len(writer)}:{writer}:{key}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def owners(sql: Sql, digests: Iterable[str], table: str = KEY_OWNERS) -> dict[str, str]:
    """The subject each of `digests` was first used for; a digest of no claim is left out (`table`: the table's
    name as the statement writes it, qualified by its schema on a connection whose search path is not set)."""
    wanted = sorted(set(digests))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        statement = f"SELECT key_digest, subject FROM {table} WHERE key_digest IN ({marks})"
        for row in sql.query(statement, chunk):
            found[str(row["key_digest"])] = str(row["subject"])
    return found


def claim(sql: Sql, claims: Mapping[str, str], table: str = KEY_OWNERS) -> None:
    """Claim each digest for its subject, a digest claimed already keeping its first subject."""
    statement = f"INSERT INTO {table} (key_digest, subject) VALUES (?, ?) ON CONFLICT (key_digest) DO NOTHING"
    sql.executemany(statement, sorted(claims.items()))


@dataclass(frozen=True)
class Claims:
    """The client keys a write claims: each digest's record (`subjects`), and those of them a live command's,
    judged (`judged`: judge_key_owner found them free or its record's), whose claim by another record meanwhile
    refuses the write. A migration's keys are claimed, never judged: it keeps its log's as it was (one key in two
    records, from before 2026-12-05, the first's)."""

    subjects: dict[str, str]
    judged: dict[str, str]

    @classmethod
    def of(cls, events: Iterable[Any], judged: Collection[str] = ()) -> Claims | None:
        """The claims of new events' client keys (`judged`: the digests of the live commands' keys); None if none
        has one."""
        subjects: dict[str, str] = {}
        live: dict[str, str] = {}
        for event in events:
            key = getattr(event, "client_key", None)
            if key:
                found = digest(key, event.recorded_by)
                subjects.setdefault(found, event.originator_id)
                if found in judged:
                    live.setdefault(found, event.originator_id)
        return cls(subjects, live) if subjects else None

    def take(self, sql: Sql, table: str = KEY_OWNERS) -> None:
        """Claim the keys, in the transaction writing their events (`sql`, on its cursor): a judged key claimed
        for another record meanwhile (by a write committed since it was judged; a write of it not yet committed is
        waited for, its row's lock on PostgreSQL, the write lock on SQLite) raises RecordConflictError, and the
        transaction, events and claims, is rolled back."""
        claim(sql, self.subjects, table)
        if self.judged:
            self.refuse_taken(owners(sql, self.judged, table))

    def hold(self, held: dict[str, str]) -> None:
        """Claim the keys in `held`, the owners of a store of no tables of careerlog's (in memory)."""
        self.refuse_taken({d: held.setdefault(d, subject) for d, subject in self.subjects.items()})

    def refuse_taken(self, found: Mapping[str, str]) -> None:
        if any(found.get(d, subject) != subject for d, subject in self.judged.items()):
            raise RecordConflictError("a client key was claimed for another record meanwhile")
