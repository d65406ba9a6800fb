"""The record each client key (idempotency key: the API's Idempotency-Key, `careerlog record --client-key`, an
import's client_key) was first used for, across records: a key is one request's, so one sent again for another
record is refused naming it (careerlog.domain.ledger.KEY_ELSEWHERE), never recorded a second time there.

Kept in a table of its own beside the events, `client_key_owners`: the key's SHA-256 digest (a key may hold anything
the client put in it, and an encrypted store keeps its events' texts unread; a key that can be guessed, a NIP say, is
found from its digest by hashing candidates, so the digest hides only a key that cannot: docs/security.md) and the
record's subject. A key is judged once the command's NIP reads and its record is the writer's to write (a writer
is told nothing of a key's use through a record out of its scope), and becomes its record's, within a unit of work,
once a command made events under it (a refused row's key stays free). It is claimed before its events are written
(`claim`, a transaction of its own: the first writer of a key wins, a second finds the first's owner and is refused
when its write is decided again); a key claimed by a write that then failed stays its record's (sent again for that
record, it is recorded). Filled from the log when first made (a store of an earlier release), in the transaction
that makes it: each key's first record, as the log holds it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from careerlog.sqlstore import Sql

KEY_OWNERS = "client_key_owners"
STATEMENTS = (f"CREATE TABLE IF NOT EXISTS {KEY_OWNERS} (key_digest TEXT PRIMARY KEY, subject TEXT NOT NULL)",)
CHUNK = 500  # digests per statement
FILL_PAGE = 1000  # events read from the log per query, filling the table


def digest(key: str) -> str:
    """A client key's digest, as the table keeps it (its text as UTF-8; a lone surrogate as Python writes it)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def owners(sql: Sql, digests: Iterable[str]) -> dict[str, str]:
    """The subject each of `digests` was first used for; a digest of no claim is left out."""
    wanted = sorted(set(digests))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        statement = f"SELECT key_digest, subject FROM {KEY_OWNERS} WHERE key_digest IN ({marks})"
        for row in sql.query(statement, chunk):
            found[str(row["key_digest"])] = str(row["subject"])
    return found


def claim(sql: Sql, claims: Mapping[str, str]) -> None:
    """Claim each digest for its subject, a digest claimed already keeping its first subject."""
    statement = f"INSERT INTO {KEY_OWNERS} (key_digest, subject) VALUES (?, ?) ON CONFLICT (key_digest) DO NOTHING"
    sql.executemany(statement, sorted(claims.items()))
