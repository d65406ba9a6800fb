"""The status held on a day, which a status change to it is refused as (careerlog.domain.employee.STATUS_HELD), is
the status changes': a study leave recorded as its own fact (study_leave_start) leaves an ACTIVE recorded during it a
change (the projections read that day's status as STUDY_LEAVE), and SIASN's STUDY_LEAVE (03) recorded beside it;
without a study leave, an ACTIVE of one never on leave is refused, as is a second STUDY_LEAVE while away."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import InvalidInput
from tests import factories as f
from tests.unit.test_study_leave_audit import career, confirmed, leave


def test_a_status_change_beside_a_study_leave_fact_is_recorded() -> None:
    builder = confirmed(career()).add("study_leave_start", leave("2019-09-01"))
    builder.add("status_change", f.status("STUDY_LEAVE", "2019-09-01"))  # (kedudukanHukum 03 of the same day)
    builder.add("status_change", f.status("ACTIVE", "2021-09-01"))  # (back: a change, not refused)
    statuses = [e.status for e in builder.events() if type(e).__name__ == "StatusChanged"]
    assert statuses == ["STUDY_LEAVE", "ACTIVE"]


def test_active_during_a_study_leave_fact_alone_is_recorded_and_without_one_refused() -> None:
    away = confirmed(career()).add("study_leave_start", leave("2019-09-01"))
    away.add("status_change", f.status("ACTIVE", "2021-09-01"))
    with pytest.raises(InvalidInput) as refused:
        confirmed(career()).add("status_change", f.status("ACTIVE", "2021-09-01"))
    [said] = refused.value.errors["status"]
    assert said.startswith("Already ACTIVE since ")
    with pytest.raises(InvalidInput):
        confirmed(career()).add("status_change", f.status("STUDY_LEAVE", "2019-10-01")).add(
            "status_change", f.status("STUDY_LEAVE", "2020-10-01")
        )
