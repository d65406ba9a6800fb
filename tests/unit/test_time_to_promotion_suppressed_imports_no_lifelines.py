"""Time to promotion imports lifelines only to fit a group shown: when every group is under the smallest cell (a small
unit's or a short period's rank spells), the answer (counts, every figure null, no test nor model) is made without it,
not after some 1.5 s of CPU importing it; with a group shown, lifelines fits it as before."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import json, sys
import pandas as pd
from projections.merit.survival import time_to_promotion

rows = [("A", 2, 1), ("A", 3, 1), ("A", 4, 1), ("B", 3, 1), ("B", 5, 1), ("B", 6, 0)]
frame = pd.DataFrame(
    [{"sex": g, "years": float(t), "promoted": e, "start": "2020-01-01", "education": "S1", "training_jp": 0.0}
     for g, t, e in rows]
)
found = time_to_promotion(frame, ["sex"], ["education", "training_jp"], min_cell=int(sys.argv[1]))
print(json.dumps({"lifelines": "lifelines" in sys.modules, "groups": found["groups"], "cox": found["cox"],
                  "logrank": found["logrank"]}))
"""


def answer(min_cell: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CODE, str(min_cell)], capture_output=True, text=True, timeout=120, check=True
    )
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_every_group_suppressed_imports_no_lifelines() -> None:
    found = answer(min_cell=5)
    assert found["lifelines"] is False
    assert [(g["group"], g["n"], g["promoted"], g["suppressed"], g["curve"]) for g in found["groups"]] == [  # type: ignore[attr-defined]
        ("A", 3, 3, True, None),
        ("B", 3, 2, True, None),
    ]
    assert (found["logrank"], found["cox"]) == (None, None)


def test_a_group_shown_is_fitted_by_lifelines() -> None:
    found = answer(min_cell=1)
    assert found["lifelines"] is True
    assert [g["median_years"] for g in found["groups"]] == [3.0, 5.0]  # type: ignore[attr-defined]
