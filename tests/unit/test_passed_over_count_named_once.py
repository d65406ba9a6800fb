"""Two things were named PASSED_OVER_COUNT: the column's name (projections.merit.queries) and the API field's
description (projections.merit.schemas), one easily imported for the other (review of 2026-12-06). The description is
PASSED_OVER_COUNT_DOC."""

from __future__ import annotations

from projections.merit import queries, schemas


def test_the_column_and_its_description_have_names_of_their_own() -> None:
    assert queries.PASSED_OVER_COUNT == "passed_over_count"
    assert not hasattr(schemas, "PASSED_OVER_COUNT")
    assert "merit.passed_over" in schemas.PASSED_OVER_COUNT_DOC["description"]
    field = schemas.DecisionSchema().fields[queries.PASSED_OVER_COUNT]
    assert field.metadata is schemas.PASSED_OVER_COUNT_DOC
