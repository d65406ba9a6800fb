"""Whether a store is encrypted, recorded in the store itself, and checked by every process that writes to it.

Until 2026-12-05 a process only read the store's first event at start (Settings.check_key): on a store holding no
event yet, one started without CAREERLOG_ENCRYPTION_KEY (a server, a worker) was not refused, and later wrote its
events in plain text beside those another process wrote encrypted; neither could read the store afterwards. Now the
store holds one marker, in a table of its own (`store_encryption`, made with the store), recorded in the transaction
that writes the store's first events: `plain`, or a known text encrypted with the store's key (a check value: the
key itself is never stored). A store of an earlier release gets it when first opened by a process that may write,
from its first event (which Settings.prepare checks against the key first). Every process checks the marker at
start (Settings.prepare) and in each transaction that writes events (the recorders of careerlog.persistence): a
server started on an empty store before another process wrote it encrypted writes nothing in plain text there. A
mismatch is refused naming CAREERLOG_ENCRYPTION_KEY (careerlog.config.key_refusal), nothing recorded.

Since 2026-12-06 the first process started on a store to write (not a command that only reads) records the marker
at start (Settings.prepare), the store holding events or none: an empty store made by a process with the key
already says it is encrypted, and a server or worker started on it without the key (or with another) stops at
start, exit 1, where it used to start and be refused only at its first write, once another had written. The check
in each write stays for a process running when an empty store's marker is cleared (docs/operations.md).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from careerlog.config import key_refusal as refusal

TABLE = "store_encryption"
STATEMENTS = (f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, marker TEXT NOT NULL)",)
PLAIN = "plain"
ENCRYPTED = "aes-gcm:"  # then the base64 of KNOWN as the store's key encrypts it
KNOWN = b"careerlog: this store's events are encrypted with this key"
SELECT = f"SELECT marker FROM {TABLE} WHERE id = 1"
INSERT = f"INSERT INTO {TABLE} (id, marker) VALUES (1, ?) ON CONFLICT (id) DO NOTHING"
# PostgreSQL's check in one round trip (KeyCheck.check): the marker recorded now, or the one there before this
# statement began; none when a twin recorded one meanwhile (its row not in this statement's snapshot: read again)
INSERT_SELECT = f"WITH made AS ({INSERT} RETURNING marker) SELECT marker FROM made UNION ALL {SELECT}"


def marker_for(cipher: Any) -> str:
    """The marker a store written with `cipher` (None: not encrypted) holds."""
    if cipher is None:
        return PLAIN
    return ENCRYPTED + base64.b64encode(cipher.encrypt(KNOWN)).decode("ascii")


def matches(marker: str, cipher: Any) -> bool:
    """Whether a store of `marker` is read and written with `cipher` (None: no key)."""
    if cipher is None:
        return marker == PLAIN
    if not marker.startswith(ENCRYPTED):
        return False
    try:
        return bool(cipher.decrypt(base64.b64decode(marker[len(ENCRYPTED) :])) == KNOWN)
    except (ValueError, binascii.Error):
        return False


class KeyCheck:
    """A recorder's check, in each transaction writing events, that the store's marker is its cipher's (`cipher`:
    the mapper's, None without a key): one read of a one-row table per transaction, the marker's decryption once."""

    def __init__(self, cipher: Any):
        self.cipher = cipher
        self.mine = marker_for(cipher)  # (encrypted once: any encryption of KNOWN with the key reads the same)
        self.checked: str | None = None  # the marker found to match, not decrypted again

    def check(self, sql: Any, table: str = TABLE) -> None:
        """Refuse (ConfigurationError, the transaction rolled back) a store whose marker is not this cipher's; a
        store of none yet (its first events being written) gets this cipher's. Its INSERT comes first (ON CONFLICT
        DO NOTHING: nothing written when there, a twin's being made meanwhile waited for on PostgreSQL), then the
        marker is read: a SQLite transaction the library begins deferred takes the write lock at once, where a read
        first had it upgrade its lock, refused "database is locked" while another process writes. On PostgreSQL
        both are one statement (INSERT_SELECT), one round trip: measured 2026-12-06 in a transaction, 2,000 checks,
        0.08-0.11 ms of the client's CPU a check as two, 0.045-0.05 as one. The marker is read in every
        transaction, never cached: the check exists for another process's change of the store (its marker cleared
        and recorded again with another key, docs/operations.md)."""
        marker: Any = None
        if getattr(sql, "dialect", None) == "postgres":
            marker = sql.scalar(INSERT_SELECT.replace(TABLE, table), [self.mine])
        else:
            sql.execute(INSERT.replace(TABLE, table, 1), [self.mine])
        if marker is None:
            marker = sql.scalar(SELECT.replace(TABLE, table, 1))
        marker = str(marker)
        if marker == self.checked:
            return
        if not matches(marker, self.cipher):
            raise refusal(key_set=self.cipher is not None, plain=marker == PLAIN)
        self.checked = marker
