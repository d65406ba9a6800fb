"""A status other than a separation taking effect on the day of a recorded separation (a death, a retirement) is
refused when recorded or when a correction moves one onto that day: the status of that day, read as the last change
in effect by it, would no longer be the separation. One after it was refused already (check_dates). So is a correction
making a separation fall on the day of a non-separating status change recorded after it (the day's last). A migration
keeps what its log holds, and a record holding such a pair from before stays correctable and retractable."""

from __future__ import annotations

from datetime import date

from careerlog.domain.employee import Employee
from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import Recording
from projections.career import CareerRecord
from tests import factories as f
from tests.unit.test_employee_record import appoint, parse, record, refused


def test_a_status_change_on_the_day_of_a_death_is_refused_naming_the_date() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("DECEASED", "2024-10-01"))
    errors = refused(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))
    assert errors == {
        "effective_date": [
            "2024-10-01 is the day of the separation (version 2, DECEASED): from that day no other status takes "
            "effect. Date the status change before it, or correct the separation."
        ]
    }


def test_a_status_change_after_a_death_is_refused_as_before() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("DECEASED", "2024-10-01"))
    errors = refused(employee, "status_change", f.status("ACTIVE", "2024-10-02"))
    assert "after the separation" in errors["effective_date"][0]


def test_a_status_change_the_day_before_a_death_and_other_facts_on_its_day_are_recorded() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("DECEASED", "2024-10-01"))
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-09-30"))
    record(employee, "training", f.training("2024-10-01", hours=8))
    assert employee.version == 4


def test_a_correction_moving_a_status_change_onto_the_day_of_a_retirement_is_refused() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("PRE_RETIREMENT", "2024-09-01"))
    record(employee, "status_change", f.status("RETIRED", "2024-10-01"))
    errors = refused(employee, "correction", f.correction(2, "2024-10-02", effective_date="2024-10-01"))
    assert "is the day of the separation (version 3, RETIRED)" in errors["corrected_fields.effective_date"][0]


def test_a_stored_status_change_on_the_day_of_a_death_stays_and_the_record_stays_correctable() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("DECEASED", "2024-10-01"))
    migrated = Recording(f.NOW, "migration", True, None, True)
    employee.record(BY_KIND["status_change"], parse(f.status("UNPAID_LEAVE", "2024-10-01"), "status_change"), migrated)
    record(employee, "training", f.training("2024-09-03", hours=8))
    record(employee, "correction", f.correction(4, "2024-10-01", hours=6))
    record(
        employee,
        "retraction",
        {"target_version": 4, "reason": "Salah pegawai", "effective_date": "2024-10-01", "reference": "RALAT-X"},
    )
    assert employee.facts[3].values["status"] == "UNPAID_LEAVE"
    assert not employee.facts[4].active


HELD = (
    "Version 3 (UNPAID_LEAVE) takes effect on 2024-10-01: from the day of a separation no other status takes effect. "
    "Correct or retract version 3 first, or date the separation later."
)


def status_read(employee: Employee, day: str) -> str:
    return CareerRecord.from_events(employee.id, employee.events.values()).status_on(date.fromisoformat(day))


def test_a_correction_moving_a_death_onto_the_day_of_a_later_recorded_status_change_is_refused() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("DECEASED", "2024-10-05"))  # version 2
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))  # version 3, the last of its day
    errors = refused(employee, "correction", f.correction(2, "2024-10-06", effective_date="2024-10-01"))
    assert errors == {"corrected_fields.effective_date": [HELD]}
    assert employee.version == 3
    assert status_read(employee, "2025-01-01") == "DECEASED"


def test_a_correction_making_a_status_change_a_death_beside_a_later_recorded_one_of_its_day_is_refused() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("PRE_RETIREMENT", "2024-10-01"))  # version 2
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))  # version 3
    errors = refused(employee, "correction", f.correction(2, "2024-10-06", status="DECEASED"))
    assert errors == {"corrected_fields.status": [HELD]}
    assert employee.facts[2].values["status"] == "PRE_RETIREMENT"


def test_a_correction_moving_a_death_before_a_status_change_is_refused_by_its_date() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("DECEASED", "2024-10-05"))
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))
    errors = refused(employee, "correction", f.correction(2, "2024-10-06", effective_date="2024-09-30"))
    assert "Version 3 (status_change) is dated 2024-10-01" in " ".join(errors["corrected_fields.effective_date"])


HELD_BEFORE = HELD.replace("Version 3", "Version 2").replace("version 3", "version 2")


def test_a_correction_moving_a_death_onto_the_day_of_an_earlier_recorded_status_change_is_refused() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))  # version 2
    record(employee, "status_change", f.status("DECEASED", "2024-10-05"))  # version 3
    errors = refused(employee, "correction", f.correction(3, "2024-10-06", effective_date="2024-10-01"))
    assert errors == {"corrected_fields.effective_date": [HELD_BEFORE]}
    assert employee.facts[3].values["effective_date"] == date(2024, 10, 5)


def test_a_death_recorded_on_the_day_of_an_earlier_recorded_status_change_is_refused() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))  # version 2
    errors = refused(employee, "status_change", f.status("DECEASED", "2024-10-01"))
    assert errors == {"effective_date": [HELD_BEFORE]}
    assert employee.version == 2


def test_a_separation_and_another_status_of_one_day_are_refused_by_every_way_to_the_pair() -> None:
    """The same pair (UNPAID_LEAVE and DECEASED of 2024-10-01) is refused whichever was recorded first and whichever
    was moved onto the day: until 2026-12-05 two of these ways were accepted and the third refused."""
    ways = []
    employee = appoint()  # the leave moved onto the day of the death recorded after it
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-09-01"))
    record(employee, "status_change", f.status("DECEASED", "2024-10-01"))
    ways.append(refused(employee, "correction", f.correction(2, "2024-10-06", effective_date="2024-10-01")))
    employee = appoint()  # the death moved onto the day of the leave recorded before it
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))
    record(employee, "status_change", f.status("DECEASED", "2024-10-05"))
    ways.append(refused(employee, "correction", f.correction(3, "2024-10-06", effective_date="2024-10-01")))
    employee = appoint()  # the death recorded on the leave's day
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))
    ways.append(refused(employee, "status_change", f.status("DECEASED", "2024-10-01")))
    employee = appoint()  # the leave recorded on the death's day
    record(employee, "status_change", f.status("DECEASED", "2024-10-01"))
    ways.append(refused(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01")))
    assert [sorted(errors) for errors in ways] == [
        ["corrected_fields.effective_date"],
        ["corrected_fields.effective_date"],
        ["effective_date"],
        ["effective_date"],
    ]


def test_a_stored_pair_on_a_death_day_stays_correctable_and_a_migration_keeps_its_logs_correction() -> None:
    employee = appoint()
    record(employee, "status_change", f.status("DECEASED", "2024-10-05"))  # version 2
    record(employee, "status_change", f.status("UNPAID_LEAVE", "2024-10-01"))  # version 3
    migrated = Recording(f.NOW, "migration", True, None, True)
    correction = parse(f.correction(2, "2024-10-06", effective_date="2024-10-01"), "correction")
    employee.record(BY_KIND["correction"], correction, migrated)  # version 4
    assert employee.facts[2].values["effective_date"] == date(2024, 10, 1)
    record(employee, "correction", f.correction(2, "2024-10-06", effective_date="2024-10-01", reference="SK-2"))
    assert employee.version == 5
