"""A correction whose own fact the change makes wrong is refused beside the field it corrects, not as another's.

Found correcting a rating through the API: the 2024 rating (version 3) corrected to the year 2023, which version 2
already rates, was refused beside target_version as "This change would make version 2 (performance_rating)
inconsistent: year: 2023 is already rated (version 3) ...": the record's facts were checked in version order, so the
other rating came first, and the form showed the reason beside the version, not beside the year typed. The fact
corrected is now checked first: its own problem stands beside corrected_fields.year; a correction that is right in
itself but makes another fact wrong is refused naming that fact, as before.
"""

from __future__ import annotations

import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import InvalidInput
from tests import factories as f

NIP = f.nip()


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (a check of the record alone: one store shows it)
    return sqlite_url


def test_a_ratings_year_corrected_to_a_year_rated_already_is_refused_beside_the_year(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "performance_rating", f.rating(2023), actor="hr")  # version 2
    app.record(NIP, "performance_rating", f.rating(2024), actor="hr")  # version 3
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(3, "2026-01-05", year=2023), actor="hr")
    assert refused.value.errors == {"corrected_fields.year": ["2023 is already rated (version 2); correct it instead."]}


def test_a_correction_making_another_fact_wrong_is_still_refused_naming_that_fact(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "training", f.training("2020-01-05", start="2020-01-01", programme_id="P1"), actor="hr")  # 2
    feedback = {"programme_id": "P1", "rating": 4, "relevance": 5, "effective_date": "2020-01-10", "reference": "F"}
    app.record(NIP, "training_feedback", feedback, actor="hr")  # version 3
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(2, "2026-01-05", programme_id="P2"), actor="hr")
    [reason] = refused.value.errors["target_version"]
    assert reason.startswith("This change would make version 3 (training_feedback) inconsistent")


PENALTY = {"level": "LIGHT", "penalty_kind": "TEGURAN_LISAN", "effective_date": "2020-05-04", "reference": "HD-1"}


def test_a_penaltys_kind_corrected_to_one_of_another_level_is_refused_beside_the_kind(app: CareerLog) -> None:
    """A light penalty's kind corrected to a severe one (its level left as it was) was refused beside
    corrected_fields.level, a field the writer did not send; the form showed the reason beside the level."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "penalty", PENALTY, actor="hr")  # version 2
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(2, "2026-01-05", penalty_kind="PENURUNAN_PANGKAT_3"), actor="hr")
    assert refused.value.errors == {
        "corrected_fields.penalty_kind": ["PENURUNAN_PANGKAT_3 is a SEVERE penalty, not LIGHT."]
    }
    with pytest.raises(InvalidInput) as refused:  # the level corrected alone: beside the level, as before
        app.record(NIP, "correction", f.correction(2, "2026-01-05", level="SEVERE"), actor="hr")
    assert list(refused.value.errors) == ["corrected_fields.level"]
    with pytest.raises(InvalidInput) as refused:  # both sent: the level, which the reason reads against the kind
        app.record(
            NIP,
            "correction",
            f.correction(2, "2026-01-05", level="MEDIUM", penalty_kind="PENURUNAN_PANGKAT_3"),
            actor="hr",
        )
    assert list(refused.value.errors) == ["corrected_fields.level"]
    with pytest.raises(InvalidInput) as refused:  # a new penalty's: beside the level, as before
        app.record(NIP, "penalty", {**PENALTY, "penalty_kind": "PENURUNAN_PANGKAT_3", "reference": "HD-2"}, actor="hr")
    assert list(refused.value.errors) == ["level"]


def test_a_ratings_date_corrected_to_before_its_year_is_refused_beside_the_date(app: CareerLog) -> None:
    """A 2023 rating's effective_date alone corrected to 2022-06-30 was refused beside corrected_fields.year, a field
    the writer did not send; an employee's rating and a unit's alike."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "performance_rating", f.rating(2023), actor="hr")  # version 2
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(2, "2026-01-05", effective_date="2022-06-30"), actor="hr")
    assert refused.value.errors == {
        "corrected_fields.effective_date": ["2023 is after the rating's date (2022-06-30)."]
    }
    with pytest.raises(InvalidInput) as refused:  # the year corrected alone: beside the year, as before
        app.record(NIP, "correction", f.correction(2, "2026-01-05", year=2024), actor="hr")
    assert list(refused.value.errors) == ["corrected_fields.year"]
    with pytest.raises(InvalidInput) as refused:  # both sent: the year, which the reason reads against the date
        app.record(NIP, "correction", f.correction(2, "2026-01-05", year=2024, effective_date="2023-06-30"), actor="hr")
    assert list(refused.value.errors) == ["corrected_fields.year"]
    with pytest.raises(InvalidInput) as refused:  # a new rating's: beside the year (and its date's rule), as before
        app.record(NIP, "performance_rating", f.rating(2024, effective_date="2023-06-30"), actor="hr")
    assert sorted(refused.value.errors) == ["effective_date", "year"]

    app.rate_unit("KOTA-MEDAN", "BKPSDM", f.rating(2023), actor="hr")  # the unit's version 2
    correction = f.correction(2, "2026-01-05", effective_date="2022-06-30")
    with pytest.raises(InvalidInput) as refused:
        app.record_in_unit("KOTA-MEDAN", "BKPSDM", "correction", correction, actor="hr")
    assert list(refused.value.errors) == ["corrected_fields.effective_date"]
    correction = f.correction(2, "2026-01-05", year=2024)
    with pytest.raises(InvalidInput) as refused:
        app.record_in_unit("KOTA-MEDAN", "BKPSDM", "correction", correction, actor="hr")
    assert list(refused.value.errors) == ["corrected_fields.year"]
