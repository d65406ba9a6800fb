"""The authorization policy: roles, actions, reach and scopes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from careerlog.access import (
    NO_PERSONAL_DATA,
    POLICY,
    AccessDenied,
    Action,
    Reach,
    Role,
    Scope,
    Target,
    check_role_scope,
    narrow,
    parse_scope,
    permits,
    require,
    row_filters,
)
from careerlog.domain.errors import InvalidInput

BUDI = "198609262010031001"
MEDAN = Target(BUDI, "KOTA-MEDAN", "12.71")
KARO = Target("197207071998032003", "KAB-KARO", "12.06")
JAKARTA = Target("198001012005031002", "BKN", "31")


@dataclass(frozen=True)
class Who:
    role: Role
    scope: Scope = field(default_factory=Scope)
    nip: str | None = None


HR = Who(Role.HR, Scope(agencies=("KOTA-MEDAN",)))
PROVINCE = Who(Role.INSPECTOR, Scope(regions=("12",)))
EMPLOYEE = Who(Role.EMPLOYEE, nip=BUDI)


def test_every_role_has_a_policy_and_only_admins_manage_accounts() -> None:
    assert set(POLICY) == set(Role)
    assert [r for r in Role if Action.MANAGE_ACCOUNTS in POLICY[r]] == [Role.ADMIN]


def test_an_employee_reads_only_their_own_record() -> None:
    assert permits(EMPLOYEE, Action.READ_RECORD, MEDAN)
    assert not permits(EMPLOYEE, Action.READ_RECORD, KARO)
    assert not permits(EMPLOYEE, Action.RECORD, MEDAN)
    assert not permits(EMPLOYEE, Action.LIST_EMPLOYEES)


def test_hr_reads_records_and_imports_within_their_agency() -> None:
    for action in (Action.READ_RECORD, Action.RECORD, Action.IMPORT):
        assert permits(HR, action, MEDAN)
        assert not permits(HR, action, KARO)
    assert permits(HR, Action.RATE_UNIT, Target(None, "KOTA-MEDAN", None))
    assert not permits(HR, Action.READ_ACCESS_LOG)


def test_a_province_scope_covers_its_regencies_and_cities() -> None:
    assert permits(PROVINCE, Action.READ_RECORD, MEDAN)
    assert permits(PROVINCE, Action.READ_RECORD, KARO)
    assert not permits(PROVINCE, Action.READ_RECORD, JAKARTA)
    assert not permits(PROVINCE, Action.RECORD, MEDAN)


def test_an_inspector_reads_units_ratings_within_their_scope_and_rates_none() -> None:
    """An inspector audits grade inflation: a unit's own ratings are theirs to read within their scope (by the
    agency's seat), never to write; HR reads those of its agencies and rates them."""
    assert permits(PROVINCE, Action.READ_UNIT_RATINGS, Target(None, "KOTA-MEDAN", "12.71"))
    assert not permits(PROVINCE, Action.READ_UNIT_RATINGS, Target(None, "BKN", "31"))
    assert not permits(PROVINCE, Action.RATE_UNIT, Target(None, "KOTA-MEDAN", "12.71"))
    assert permits(HR, Action.READ_UNIT_RATINGS, Target(None, "KOTA-MEDAN", "12.71"))
    assert not permits(HR, Action.READ_UNIT_RATINGS, Target(None, "KAB-KARO", "12.06"))
    assert [r for r in Role if Action.RATE_UNIT in POLICY[r]] == [Role.HR, Role.ADMIN]


def test_a_scope_of_agencies_and_regions_needs_both_to_match() -> None:
    scope = Scope(agencies=("KOTA-MEDAN", "KAB-KARO"), regions=("12.71",))
    assert scope.covers("KOTA-MEDAN", "12.71")
    assert not scope.covers("KAB-KARO", "12.06")
    assert not scope.covers("KOTA-MEDAN", None)


@pytest.mark.parametrize("role", [Role.REPORTER, Role.POLICY])
def test_reporters_and_policy_makers_read_reports_and_the_scorecard_and_never_personal_data(role: Role) -> None:
    reader = Who(role, Scope(national=True))
    aggregates = (Action.READ_REPORTS, Action.READ_SCORECARD)
    assert all(permits(reader, a, MEDAN) for a in aggregates)
    assert not any(permits(reader, a, MEDAN) for a in Action if a not in aggregates)
    assert {Role.REPORTER, Role.POLICY} == NO_PERSONAL_DATA


def test_a_policy_maker_of_an_agency_reads_its_scorecard_only() -> None:
    medan = Who(Role.POLICY, Scope(agencies=("KOTA-MEDAN",)))
    assert permits(medan, Action.READ_SCORECARD, MEDAN)
    assert not permits(medan, Action.READ_SCORECARD, KARO)
    assert not permits(HR, Action.READ_SCORECARD, MEDAN)
    with pytest.raises(InvalidInput):
        check_role_scope(Role.POLICY, Scope(), None)


def test_an_admin_reaches_everything() -> None:
    admin = Who(Role.ADMIN)
    assert all(permits(admin, a, t) for a in Action for t in (MEDAN, KARO, JAKARTA))


def test_an_empty_scope_covers_nothing_and_its_filters_match_nothing() -> None:
    assert not Scope().covers("KOTA-MEDAN", "12.71")
    assert narrow({}, Scope().filters()) is None


def test_list_filters_follow_the_reach() -> None:
    assert row_filters(Who(Role.ADMIN), Action.LIST_EMPLOYEES) == {}
    assert row_filters(HR, Action.LIST_EMPLOYEES) == {"agency": ["KOTA-MEDAN"]}
    assert "12.71" in row_filters(PROVINCE, Action.READ_REPORTS)["region"]
    with pytest.raises(AccessDenied, match="reporter role may not list employees"):
        row_filters(Who(Role.REPORTER, Scope(national=True)), Action.LIST_EMPLOYEES)
    with pytest.raises(AccessDenied):
        row_filters(EMPLOYEE, Action.READ_ACCESS_LOG)  # their own only, never a list of others


def test_requested_filters_are_narrowed_to_the_scope() -> None:
    allowed = {"agency": ["KOTA-MEDAN"]}
    assert narrow({"rank": ["III/a"]}, allowed) == {"rank": ["III/a"], "agency": ["KOTA-MEDAN"]}
    assert narrow({"agency": ["KOTA-MEDAN", "KAB-KARO"]}, allowed) == {"agency": ["KOTA-MEDAN"]}
    assert narrow({"agency": ["KAB-KARO"]}, allowed) is None
    assert narrow({"agency": ["KAB-KARO"]}, {}) == {"agency": ["KAB-KARO"]}


def test_require_names_the_role_and_gives_the_reach() -> None:
    assert require(HR, Action.IMPORT) is Reach.SCOPE
    with pytest.raises(AccessDenied, match="inspector role may not record"):
        require(PROVINCE, Action.RECORD)


def test_scopes_are_read_from_codes_as_the_reference_writes_them() -> None:
    """kota-medan was read as KOTA-MEDAN here alone until 2026-12-04: now refused as every other agency filter refuses
    it (tests/functional/test_account_scope_codes_as_written.py)."""
    scope = parse_scope(national=False, agencies=["KOTA-MEDAN", "KOTA-MEDAN"], regions=["12"])
    assert scope == Scope(False, ("KOTA-MEDAN",), ("12",))
    with pytest.raises(InvalidInput, match="ATLANTIS"):
        parse_scope(national=False, agencies=["ATLANTIS"], regions=[])
    with pytest.raises(InvalidInput, match="did you mean KOTA-MEDAN"):
        parse_scope(national=False, agencies=["kota-medan"], regions=[])


@pytest.mark.parametrize(
    ("role", "scope", "nip", "field"),
    [
        (Role.EMPLOYEE, Scope(), None, "nip"),
        (Role.HR, Scope(national=True), None, "scope"),
        (Role.HR, Scope(regions=("12",)), None, "scope"),
        (Role.INSPECTOR, Scope(), None, "scope"),
        (Role.REPORTER, Scope(agencies=("BKN",)), BUDI, "nip"),
    ],
)
def test_each_role_needs_the_scope_it_works_in(role: Role, scope: Scope, nip: str | None, field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        check_role_scope(role, scope, nip)
    assert list(raised.value.errors) == [field]
