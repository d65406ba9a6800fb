"""docs/scorecard.md defines every indicator the scorecard measures, and every threshold names a real one."""

from __future__ import annotations

from pathlib import Path

from projections.scorecard.findings import settings
from projections.scorecard.scorecard import BY_ID, DEFINITIONS

DOC = (Path(__file__).parents[2] / "docs" / "scorecard.md").read_text()


def test_every_indicator_is_defined_in_the_docs_with_numerator_denominator_and_source() -> None:
    for d in DEFINITIONS:
        section = DOC.split(f"#### `{d.id}`: {d.title}")
        assert len(section) == 2, f"{d.id} is missing from docs/scorecard.md"
        body = section[1].split("####")[0]
        assert d.definition in body.replace("\n", " ")
        for line in (f"- numerator: {d.numerator}", f"- denominator: {d.denominator}", f"- source: {d.source}"):
            assert line in body


def test_every_threshold_names_a_defined_indicator() -> None:
    assert [t.indicator for t in settings().thresholds if t.indicator not in BY_ID] == []
