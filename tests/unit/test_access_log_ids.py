"""Access-log ids grow with time (appended to the primary key's index) and never repeat."""

from __future__ import annotations

import re

from careerlog.accounts import entry_id, entry_ids


def test_access_log_ids_are_unique_32_hex_digits_in_order_of_creation() -> None:
    ids = [entry_id() for _ in range(10_000)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert [i[:16] for i in ids] == sorted(i[:16] for i in ids)


def test_ids_made_together_are_as_ids_made_one_after_the_other() -> None:
    ids = [i for _ in range(200) for i in entry_ids(50)] + entry_ids(1) + entry_ids(0)
    assert len(ids) == 10_001
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert len({i[16:] for i in ids}) == len(ids)  # the random parts differ too
    assert [i[:16] for i in ids] == sorted(i[:16] for i in ids)
    assert entry_id()[:16] >= ids[-1][:16]
