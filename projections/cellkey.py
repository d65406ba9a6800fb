"""The cell-key method (consistent perturbation): counts of people that differencing across requests cannot undo.

The method flexible table builders use for ad hoc queries (the ABS TableBuilder, Thompson, Broadfoot and Elazar
2013; the ONS 2021 census's flexible table builder). Each person has a record key, a number in 0..KEY_RANGE-1 drawn
from a secret and their id (`record_key`: HMAC-SHA256, stable across requests and not guessable without the secret);
a cell's key is the sum of its people's record keys modulo KEY_RANGE (`cell_key`); the figure published is the true
count plus the perturbation the fixed table (PTABLE) gives for that count and key (`perturbed`). The same people
always get the same figure whatever the query's shape, so a difference of two figures is the difference of the true
counts plus noise that asking again does not average away. A count of 0 stays 0, none becomes negative, none moves
by more than MAX_PERTURBATION, and each count's perturbation has mean zero (the figures are unbiased).

Why no library: the maintained implementations are R's (sdcTools' cellKey and ptable); PyPI's
cell-key-perturbation (ONS, 3.1.0) tabulates a pandas DataFrame of the microdata (pandas and numpy undeclared), ships a
2 MB table whose rule rounds to 5 and withholds every count below 10 (withholding again), and takes record keys as
`ons_id % 4096`. The method itself is this module's few lines. Plain data in, plain data out.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from functools import lru_cache

KEY_RANGE = 256  # record and cell keys 0..255, as the ABS's and the ONS's tables
# The perturbation table: for a count, the perturbations in order of the cell key, each over so many keys of the 256
# (a key below 16 takes -2, below 64 -1, ...). Each row's mean is 0; a count of 1 cannot lose 2 (no negative figure).
GENERAL = ((16, -2), (48, -1), (128, 0), (48, 1), (16, 2))
PTABLE: dict[int, tuple[tuple[int, int], ...]] = {1: ((80, -1), (112, 0), (48, 1), (16, 2))}
MAX_PERTURBATION = 2


def record_key(secret: bytes, subject: str) -> int:
    """A person's record key: fixed for their id under the secret, uniform over 0..KEY_RANGE-1."""
    digest = hmac.new(secret, subject.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") % KEY_RANGE


# HMAC-SHA256 (RFC 2104) in a database without an HMAC function of its own: SHA-256's block, and the pads. The store
# computes sha256(outer || sha256(inner || subject)) with the pads `hmac_pads` gives (bound parameters, derived from
# the secret here), the same digest `record_key` takes from Python's hmac; its key is the digest's fourth byte
# (the first four bytes as a big-endian number modulo 256: 2^32 is a multiple of 256).
SHA256_BLOCK = 64
KEY_BYTE = 3


@lru_cache(maxsize=4)
def _keyed_hash(secret: bytes) -> hmac.HMAC:
    return hmac.new(secret, digestmod=hashlib.sha256)


def sqlite_record_key(secret: bytes, subject: str) -> int:
    """`record_key`, as the SQLite function SQLITE_RECORD_KEY (the secret a bound parameter of each query): the
    HMAC keyed once per secret and copied for each person (a third of a fresh one's cost)."""
    keyed = _keyed_hash(bytes(secret)).copy()
    keyed.update(str(subject).encode())
    return int.from_bytes(keyed.digest()[:4], "big") % KEY_RANGE


SQLITE_RECORD_KEY = "careerlog_record_key"


def hmac_pads(secret: bytes) -> tuple[bytes, bytes]:
    """HMAC-SHA256's inner and outer keys for `secret` (hashed first when longer than a block, then padded with
    zeros to a block, each XORed with its pad): as secret as the secret itself, never logged nor written into SQL."""
    if len(secret) > SHA256_BLOCK:
        secret = hashlib.sha256(secret).digest()
    padded = secret.ljust(SHA256_BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in padded), bytes(b ^ 0x5C for b in padded)


def cell_key(keys: Iterable[int]) -> int:
    """A cell's key: its people's record keys added up, modulo KEY_RANGE (the same people, the same key)."""
    return sum(keys) % KEY_RANGE


def perturbation(count: int, key: int) -> int:
    """What the table adds to a count of people whose cell key is `key` (0 to a count of 0)."""
    if count <= 0:
        return 0
    start = 0
    for width, added in PTABLE.get(count, GENERAL):
        start += width
        if key % KEY_RANGE < start:
            return added
    raise AssertionError("each row of the perturbation table covers every key")  # pragma: no cover


def perturbed(count: int, key: int) -> int:
    """The figure published for a count of people whose cell key is `key`: never negative, 0 for 0."""
    return max(0, count + perturbation(count, key))
