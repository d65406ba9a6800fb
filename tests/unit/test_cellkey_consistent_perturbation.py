"""The cell-key method (projections.cellkey): the same people the same figure, never negative, 0 kept 0, the noise
bounded by the table and unbiased, and a difference of figures no exact count of a small group."""

from __future__ import annotations

import hashlib
import hmac
import random
from collections import Counter

import pytest

from projections import cellkey

SECRET = b"a test secret of at least 32 characters, no more"


def keys(people: list[str], secret: bytes = SECRET) -> list[int]:
    return [cellkey.record_key(secret, nip) for nip in people]


def figure(people: list[str]) -> int:
    return cellkey.perturbed(len(people), cellkey.cell_key(keys(people)))


def test_each_row_of_the_table_covers_every_key_once_and_has_mean_zero() -> None:
    for count in (1, 2, 3, 50):
        row = cellkey.PTABLE.get(count, cellkey.GENERAL)
        assert sum(width for width, _ in row) == cellkey.KEY_RANGE
        assert sum(width * added for width, added in row) == 0, count
        assert all(abs(added) <= cellkey.MAX_PERTURBATION for _, added in row)
        assert all(count + added >= 0 for _, added in row)


def test_a_record_key_is_fixed_by_the_secret_and_the_id() -> None:
    assert cellkey.record_key(SECRET, "198001012005011001") == cellkey.record_key(SECRET, "198001012005011001")
    assert 0 <= cellkey.record_key(SECRET, "198001012005011001") < cellkey.KEY_RANGE
    other = b"another secret of at least 32 characters, no more"
    people = [f"1980010120050110{i:02d}" for i in range(40)]
    assert keys(people) != keys(people, other)  # (not guessable without the secret: another gives other keys)


def test_the_same_people_get_the_same_figure_in_any_order() -> None:
    people = [f"1990020220150120{i:02d}" for i in range(7)]
    assert figure(people) == figure(list(reversed(people))) == figure(people[3:] + people[:3])


def test_zero_stays_zero_and_no_figure_is_negative_or_moved_past_the_table() -> None:
    assert all(cellkey.perturbed(0, key) == 0 for key in range(cellkey.KEY_RANGE))
    for count in range(1, 12):
        shown = [cellkey.perturbed(count, key) for key in range(cellkey.KEY_RANGE)]
        assert min(shown) >= 0
        assert max(abs(s - count) for s in shown) <= cellkey.MAX_PERTURBATION
        assert sum(shown) == count * cellkey.KEY_RANGE  # (unbiased over the keys)


def test_a_small_count_is_perturbed_for_some_keys_possibly_to_zero() -> None:
    shown = Counter(cellkey.perturbed(1, key) for key in range(cellkey.KEY_RANGE))
    assert set(shown) == {0, 1, 2, 3}
    assert shown[1] < cellkey.KEY_RANGE / 2  # (a 1 is published as 1 for fewer than half the keys)


def test_cell_keys_of_random_people_spread_over_the_range() -> None:
    people = [str(random.Random(3).randrange(10**17, 10**18)) + str(i) for i in range(4000)]
    spread = Counter(cellkey.cell_key(keys(people[i : i + 3])) // 64 for i in range(0, 3999, 3))
    assert len(spread) == 4
    assert min(spread.values()) > 250  # (the 1,333 cells' keys in each quarter of the range)


def test_the_total_less_the_other_rows_is_no_exact_count_of_a_small_row() -> None:
    """A differencing attack that works on raw counts (the total less the other rows) gives the small row plus the
    sum of every figure's noise: over many tables, not its true count for a share of them, and asking again returns
    the same figures (no average to take)."""
    misses = 0
    for table in range(200):
        rows = [[f"T{table:03d}R{row}P{p}" for p in range(size)] for row, size in enumerate((1, 9, 14, 23))]
        everyone = [p for row in rows for p in row]
        recovered = figure(everyone) - sum(figure(row) for row in rows[1:])
        assert recovered == figure(everyone) - sum(figure(row) for row in rows[1:])  # (the same on asking again)
        misses += recovered != 1
    assert misses > 100  # (an exact 1 recovered for fewer than half the tables: 1 less the noise's)


LONG = "ümlaut and more than one block of SHA-256 ".encode() * 3


@pytest.mark.parametrize("secret", [b"", b"short", b"x" * 64, LONG])
def test_the_pads_give_the_hmac_a_store_computes_with_sha256_alone(secret: bytes) -> None:
    """PostgreSQL's key: sha256(outer || sha256(inner || nip)), its fourth byte; SQLite's function: record_key's."""
    inner, outer = cellkey.hmac_pads(secret)
    for nip in ("198001012005011001", "199203152020122002"):
        digest = hashlib.sha256(outer + hashlib.sha256(inner + nip.encode()).digest()).digest()
        assert digest == hmac.new(secret, nip.encode(), hashlib.sha256).digest()
        assert digest[cellkey.KEY_BYTE] == cellkey.record_key(secret, nip) == cellkey.sqlite_record_key(secret, nip)
