"""A confirmation as PNS rests on the basic training (Latsar, reference section 4: a condition of becoming PNS):
retracting the Latsar a standing confirmation names by its certificate (or, its certificate naming no Latsar of the
record, the record's only Latsar ended by the confirmation) is refused naming the confirmation's version, as a
posthumous promotion keeps the death it rests on. Retracting the confirmation first lets the Latsar go; another
training, or a Latsar the confirmation does not rest on, is retracted as before; a migration keeps its log's."""

from __future__ import annotations

from typing import Any

from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import Recording
from tests import factories as f
from tests.unit.test_employee_record import appoint, parse, record, refused

RESTS = (
    "The confirmation as PNS of 2011-03-01 (version 3) rests on this Latsar (certificate 'latsar-77'): retract or "
    "correct the confirmation first."
)
RESTS_NAMED = RESTS.replace("'latsar-77'", "'LATSAR-77'")


def latsar(end: str, reference: str) -> dict[str, Any]:
    return f.training(end, hours=80, start="2010-09-01", training_kind="LATSAR", reference=reference)


def retraction(version: int) -> dict[str, Any]:
    return {"target_version": version, "reason": "Salah catat", "effective_date": "2026-01-05", "reference": "R-1"}


def test_retracting_the_latsar_a_confirmation_names_is_refused_naming_the_confirmation() -> None:
    employee = appoint()
    record(employee, "training", latsar("2010-10-30", "LATSAR-77"))  # version 2
    record(employee, "confirmation", f.confirmation("2011-03-01", latsar_certificate="latsar-77"))  # version 3
    assert refused(employee, "retraction", retraction(2)) == {"target_version": [RESTS]}
    record(employee, "retraction", {**retraction(3), "reference": "R-2"})  # the confirmation first
    record(employee, "retraction", retraction(2))
    assert not employee.facts[2].active


def test_the_only_latsar_is_what_a_confirmation_naming_no_recorded_latsar_rests_on() -> None:
    employee = appoint()
    record(employee, "training", latsar("2010-10-30", "CERT-9"))  # version 2
    record(employee, "confirmation", f.confirmation("2011-03-01", latsar_certificate="LATSAR-77"))
    assert "rests on this Latsar" in refused(employee, "retraction", retraction(2))["target_version"][0]


def test_another_training_and_a_latsar_the_confirmation_does_not_name_are_retracted() -> None:
    employee = appoint()
    record(employee, "training", latsar("2010-10-30", "LATSAR-77"))  # version 2
    record(employee, "training", latsar("2010-11-30", "LATSAR-DUPLICATE"))  # version 3
    record(employee, "training", f.training("2010-12-03", hours=8))  # version 4
    record(employee, "confirmation", f.confirmation("2011-03-01", latsar_certificate="LATSAR-77"))
    record(employee, "retraction", retraction(3))
    record(employee, "retraction", {**retraction(4), "reference": "R-2"})
    assert employee.facts[2].active


def test_a_migration_keeps_a_logs_retraction_of_the_latsar() -> None:
    employee = appoint()
    record(employee, "training", latsar("2010-10-30", "LATSAR-77"))
    record(employee, "confirmation", f.confirmation("2011-03-01", latsar_certificate="LATSAR-77"))
    migrated = Recording(f.NOW, "migration", True, None, True)
    employee.record(BY_KIND["retraction"], parse(retraction(2), "retraction"), migrated)
    assert not employee.facts[2].active


def test_correcting_the_latsars_kind_or_reference_away_from_the_confirmation_is_refused() -> None:
    employee = appoint()
    record(employee, "training", latsar("2010-10-30", "LATSAR-77"))  # version 2
    record(employee, "confirmation", f.confirmation("2011-03-01", latsar_certificate="LATSAR-77"))  # version 3
    errors = refused(employee, "correction", f.correction(2, "2026-01-05", training_kind="TEKNIS"))
    assert "(version 3) rests on this Latsar" in errors["corrected_fields.training_kind"][0]
    record(employee, "correction", f.correction(2, "2026-01-05", reference=" latsar-77", hours=90))
    assert employee.facts[2].values["hours"] == 90
    record(employee, "training", latsar("2010-11-30", "LATSAR-OTHER"))  # version 5: another Latsar
    errors = refused(employee, "correction", f.correction(2, "2026-01-05", reference="LATSAR-78"))
    assert "(version 3) rests on this Latsar" in errors["corrected_fields.reference"][0]


def test_a_training_corrected_into_a_second_latsar_lets_one_go_and_the_last_rests() -> None:
    """Latsar is a condition of becoming PNS (reference section 4): any Latsar ended by the confirmation meets it. A
    training corrected into one is a second Latsar: either may then be retracted, the one left may not."""
    employee = appoint()
    record(employee, "training", latsar("2010-10-30", "CERT-9"))  # version 2, the only Latsar
    record(employee, "confirmation", f.confirmation("2011-03-01", latsar_certificate="LATSAR-77"))  # version 3
    record(employee, "training", f.training("2010-12-03", hours=8))  # version 4
    record(employee, "correction", f.correction(4, "2026-01-05", training_kind="LATSAR"))
    record(employee, "retraction", retraction(2))
    assert refused(employee, "retraction", {**retraction(4), "reference": "R-2"}) == {"target_version": [RESTS_NAMED]}


def test_a_latsar_named_but_ended_after_the_confirmation_leaves_the_one_ended_by_it_resting() -> None:
    employee = appoint()
    record(employee, "training", latsar("2010-10-30", "CERT-9"))  # version 2, the only Latsar by the confirmation
    record(employee, "confirmation", f.confirmation("2011-03-01", latsar_certificate="LATSAR-77"))  # version 3
    record(employee, "training", f.training("2011-06-30", hours=8, reference="LATSAR-77"))  # version 4, after it
    record(employee, "correction", f.correction(4, "2026-01-05", training_kind="LATSAR"))  # a Latsar named, too late
    assert refused(employee, "retraction", retraction(2)) == {"target_version": [RESTS_NAMED]}
    assert employee.facts[2].active


def test_correcting_the_latsars_end_past_the_confirmation_is_refused_naming_the_date() -> None:
    employee = appoint()
    record(employee, "training", latsar("2010-10-30", "CERT-9"))  # version 2
    record(employee, "confirmation", f.confirmation("2011-03-01", latsar_certificate="LATSAR-77"))  # version 3
    moved = f.correction(2, "2026-01-05", effective_date="2011-06-30", start_date="2011-05-01")
    assert refused(employee, "correction", moved) == {"corrected_fields.effective_date": [RESTS_NAMED]}
    record(employee, "correction", f.correction(2, "2026-01-05", effective_date="2010-11-30"))  # still by it
    assert employee.facts[2].values["effective_date"].isoformat() == "2010-11-30"
