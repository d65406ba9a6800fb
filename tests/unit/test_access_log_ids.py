"""Access-log ids grow with time (appended to the primary key's index) and never repeat."""

from __future__ import annotations

import re

from careerlog.accounts import entry_id


def test_access_log_ids_are_unique_32_hex_digits_in_order_of_creation() -> None:
    ids = [entry_id() for _ in range(10_000)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert [i[:16] for i in ids] == sorted(i[:16] for i in ids)
