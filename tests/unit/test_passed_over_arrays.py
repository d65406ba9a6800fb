"""The 202/post passed-over comparison judges the better colleagues of the decisions of one list
present and moment together, over arrays (projections/merit/passed_over.py, `Judging`):
`stronger_than` must decide exactly what `clearly_stronger` decides of each colleague."""

from __future__ import annotations

from itertools import product

import numpy as np

from projections.merit.passed_over import stronger_than
from projections.merit.queries import clearly_stronger

PERFORMANCE = (3.0, 3.5, 4.0)
TRAINING = (10.0, 20.0, 30.0)
DAYS = (100, 200, 300)
EDUCATION = (4, 5, 6)


def test_the_arrays_decide_what_clearly_stronger_decides_of_each_colleague() -> None:
    grid = list(product(PERFORMANCE, TRAINING, DAYS, EDUCATION))
    performance, training, days, education = (np.array(column) for column in zip(*grid, strict=True))
    cases = 0
    for mine in grid:
        for min_better in range(1, 7):
            found = stronger_than(performance, training, days, education, mine, min_better)
            assert found.tolist() == [clearly_stronger(theirs, mine, min_better) for theirs in grid]
            cases += len(grid)
    assert cases == 39_366
