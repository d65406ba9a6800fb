"""A unit's rating is dated once its year has ended (rule skp.rated_after_year_end, as an employee's): refused when
recorded or when its year or date is corrected so; a migration keeps a log's ratings as they are, and a rating
stored from before stays correctable in its other fields."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import Recording
from careerlog.domain.payload import parse_payload
from careerlog.domain.unit import Unit
from tests import factories as f


def unit() -> Unit:
    return Unit.register("KOTA-MEDAN", "Dinas Kesehatan", date(2025, 1, 20), f.recording())


def rated(year: int, day: str) -> dict[str, object]:
    return parse_payload(BY_KIND["unit_rating"], f.rating(year, effective_date=day))


def test_a_unit_rating_before_its_years_end_is_refused_and_one_on_its_last_day_recorded() -> None:
    record = unit()
    with pytest.raises(InvalidInput) as e:
        record.record(BY_KIND["unit_rating"], rated(2025, "2025-01-20"), f.recording())
    assert "A rating of 2025 is given once the year has ended" in e.value.errors["effective_date"][0]
    record.record(BY_KIND["unit_rating"], rated(2025, "2025-12-31"), f.recording())
    assert record.version == 2


def test_a_migration_keeps_an_early_unit_rating_and_its_other_fields_stay_correctable() -> None:
    record = unit()
    migrated = Recording(f.NOW, "migration", True, None, True)
    record.record(BY_KIND["unit_rating"], rated(2025, "2025-01-20"), migrated)
    correction = parse_payload(BY_KIND["correction"], f.correction(2, "2026-01-05", predicate="SANGAT_BAIK"))
    record.record(BY_KIND["correction"], correction, f.recording())
    assert record.facts[2].values["predicate"] == "SANGAT_BAIK"
    moved = parse_payload(BY_KIND["correction"], f.correction(2, "2026-01-05", year=2025, effective_date="2025-02-01"))
    with pytest.raises(InvalidInput) as e:
        record.record(BY_KIND["correction"], moved, f.recording())
    assert "2025-02-01 is earlier" in e.value.errors["corrected_fields.effective_date"][0]
