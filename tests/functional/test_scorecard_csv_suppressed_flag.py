"""The scorecard's CSV tells a withheld value from one there is none of: each row carries `suppressed` (its last
column), as every report's row does (docs/api.md, "Small cells": "Every row carries the flag"; in CSV empty cells
and `true`). Found on the demo: a policy maker's /api/v1/reports/scorecard?format=csv read `rank=I/d,,,` for a rank
withheld as a small cell, exactly as a value with nothing to count reads, where the JSON said `"suppressed": true`.
An inspector's rows read `false` with their figures. SQLite world: the store matters not."""

from __future__ import annotations

import csv
import io

from tests.functional.conftest import World
from tests.functional.test_scorecard_api import MEDAN_2020, trained

__all__ = ["trained"]  # Budi (KOTA-MEDAN) completes 24 JP in 2020, Sari (KOTA-MEDAN) none


def jp_share_2020(world: World, who: str) -> dict[str, str]:
    response = world.get(MEDAN_2020 + "&format=csv", who)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0])[-2:] == ["suppressed", "untested"]  # (`untested` after it since 2026-12-05)
    [row] = [r for r in rows if (r["indicator"], r["scope"], r["year"]) == ("training.jp_share", "trend", "2020")]
    return row


def test_a_value_withheld_from_a_policy_maker_is_flagged_in_the_csv(trained: World) -> None:
    row = jp_share_2020(trained, "policy")
    assert (row["numerator"], row["denominator"], row["value"], row["suppressed"]) == ("", "", "", "true")
    card = trained.get(MEDAN_2020, "policy").get_json()
    [value] = [v for v in card["indicators"]["training.jp_share"]["trend"] if v["year"] == 2020]
    assert value["suppressed"] is True  # the JSON's flag, which the CSV now carries


def test_an_inspectors_rows_are_not_flagged(trained: World) -> None:
    row = jp_share_2020(trained, "inspector")
    assert (row["numerator"], row["denominator"], row["value"], row["suppressed"]) == ("1.0", "2.0", "0.5", "false")
