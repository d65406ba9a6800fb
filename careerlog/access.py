"""Who may do what, and to whose records: the authorization policy in one place.

The policy is data: for each role, the actions it may take and how far each reaches:
its own record (`OWN`), the records within the account's scope (`SCOPE`), or every
record (`ALL`). `permits` is the one function that applies it. A scope names agencies
and/or regions (a province code covers its regencies and cities), or is national; a
record is within it when it matches every dimension the scope names (its agencies and
its regions), judged by where the employee works now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from careerlog.domain.errors import CareerlogError, FieldErrors, InvalidInput, quoted_apart
from careerlog.domain.payload import UNKNOWN_NEAR, unknown_code
from careerlog.domain.wording import Refusal, joined
from careerlog.reference import reference


class AccessDenied(CareerlogError):
    """The account's role may not take this action at all (a 403)."""


class OutsideScope(InvalidInput, AccessDenied):
    """A recording would write outside the account's scope: a 403 naming the field at fault (an import's row:
    refused with that reason, as invalid input is)."""


# The refusals of access and of an account's scope (careerlog.domain.wording)
ROLE_MAY_NOT = Refusal("The {role} role may not {action}.")
OUTSIDE_SCOPE = Refusal("You may appoint only within your scope ({scope}).")  # (web.services)
# a recording that would place an employee outside the scope on some day, or change where they worked outside it
# (web.scoping): only a transfer out recorded as the latest placement is the releasing agency's
PLACES_OUTSIDE = Refusal(
    "Would place {nip} in agency {agency}, region {region}, outside your scope ({scope}), from {day}: a transfer "
    "out of your scope is recorded as the employee's latest placement; any other, by a national administrator.",
    dates=("day",),
)
CHANGES_OUTSIDE = Refusal(
    "Would change where {nip} worked from {day}, in agency {agency}, region {region}, outside your scope "
    "({scope}): that part of the record is that agency's; ask a national administrator.",
    dates=("day",),
)
OUTSIDE = Refusal("Outside your scope ({scope}).")  # an import's row (web.scoping)
# the mentor's record a mentoring (or its retraction) writes too (web.scoping)
MENTOR_OUTSIDE = Refusal("Mentor {nip} works outside your scope ({scope}); their record would be written too.")
NATIONAL = Refusal("national").reason()
NOTHING = Refusal("nothing").reason()
AGENCY = Refusal("agency {code}")
REGION = Refusal("region {code}")
EMPLOYEE_NIP = Refusal("An employee account needs the employee's NIP.").reason()
ONLY_EMPLOYEE_NIP = Refusal("Only an employee account carries a NIP.").reason()
HR_AGENCY = Refusal("An HR account works within one or more agencies: give --agency.").reason()
GIVE_SCOPE = Refusal("Give agencies, regions or national as the scope.").reason()
NATIONAL_ALONE = Refusal(
    "A national scope covers every agency and region: give national, or agencies and regions, not both."
).reason()
# an agency or region code of a scope not as its table writes it (kota-medan, Kota Medan), which the table reads as one
# of its codes: named, saying the code it would be (a scope alone is exact: the filters read codes in any letter case,
# careerlog.reference.AnyCase)
CODE_AS_WRITTEN = UNKNOWN_NEAR


class Role(StrEnum):
    EMPLOYEE = "employee"  # their own record only
    HR = "hr"  # records and imports within their agency
    INSPECTOR = "inspector"  # reads everything within their scope, runs audits
    REPORTER = "reporter"  # aggregate reports only, never personal data
    POLICY = "policy"  # policy makers: the scorecard and aggregate reports, never personal data
    ADMIN = "admin"  # everything, and the accounts


class Action(StrEnum):
    READ_RECORD = "read_record"  # an employee's personal record: profile, history, timeline
    LIST_EMPLOYEES = "list_employees"  # the roster (personal data of many)
    RECORD = "record"  # record an event (an appointment, a fact, a correction)
    IMPORT = "import"  # bulk import; each row is judged like a recording
    RATE_UNIT = "rate_unit"  # a unit's own performance rating: record, correct or retract it
    READ_UNIT_RATINGS = "read_unit_ratings"  # a unit's own ratings read back, as corrected and as recorded
    READ_REPORTS = "read_reports"  # aggregates: headcounts, statistics
    READ_ACCESS_LOG = "read_access_log"  # who read whose record
    RUN_AUDITS = "run_audits"  # merit audits and fairness measures
    READ_SCORECARD = "read_scorecard"  # the policy scorecard of an agency: aggregates and findings
    MANAGE_ACCOUNTS = "manage_accounts"


# What each action is, as a role's refusal says it (ROLE_MAY_NOT: "The reporter role may not read employees'
# records."; until 2026-12-05 the action's name, "may not read record", "may not record"); a worded part, translated
# on the pages too. OTHERS_WORDS: an action a role takes on its own record alone, of the others' (Reach.OWN).
ACTION_WORDS: Mapping[Action, Refusal] = {
    Action.READ_RECORD: Refusal("read employees' records"),
    Action.LIST_EMPLOYEES: Refusal("list employees"),
    Action.RECORD: Refusal("record events in employees' records"),
    Action.IMPORT: Refusal("import files of events"),
    Action.RATE_UNIT: Refusal("rate units"),
    Action.READ_UNIT_RATINGS: Refusal("read units' ratings"),
    Action.READ_REPORTS: Refusal("read reports"),
    Action.READ_ACCESS_LOG: Refusal("read the access log"),
    Action.RUN_AUDITS: Refusal("run audits"),
    Action.READ_SCORECARD: Refusal("read the scorecard"),
    Action.MANAGE_ACCOUNTS: Refusal("manage accounts"),
}
OTHERS_WORDS: Mapping[Action, Refusal] = {
    Action.READ_RECORD: Refusal("read other employees' records"),
    Action.READ_ACCESS_LOG: Refusal("read the access log of other employees' records"),
}


class Reach(StrEnum):
    OWN = "own"
    SCOPE = "scope"
    ALL = "all"


POLICY: Mapping[Role, Mapping[Action, Reach]] = {
    Role.EMPLOYEE: {
        Action.READ_RECORD: Reach.OWN,
        Action.READ_ACCESS_LOG: Reach.OWN,
    },
    Role.HR: {
        Action.READ_RECORD: Reach.SCOPE,
        Action.LIST_EMPLOYEES: Reach.SCOPE,
        Action.RECORD: Reach.SCOPE,
        Action.IMPORT: Reach.SCOPE,
        Action.RATE_UNIT: Reach.SCOPE,
        Action.READ_UNIT_RATINGS: Reach.SCOPE,
        Action.READ_REPORTS: Reach.SCOPE,
    },
    Role.INSPECTOR: {
        Action.READ_RECORD: Reach.SCOPE,
        Action.LIST_EMPLOYEES: Reach.SCOPE,
        Action.READ_REPORTS: Reach.SCOPE,
        Action.READ_ACCESS_LOG: Reach.SCOPE,
        Action.RUN_AUDITS: Reach.SCOPE,
        # (the units' own ratings its grade-inflation audit reads, read back on their own: never written)
        Action.READ_UNIT_RATINGS: Reach.SCOPE,
        Action.READ_SCORECARD: Reach.SCOPE,
    },
    Role.REPORTER: {
        Action.READ_REPORTS: Reach.SCOPE,
        Action.READ_SCORECARD: Reach.SCOPE,
    },
    Role.POLICY: {
        Action.READ_REPORTS: Reach.SCOPE,
        Action.READ_SCORECARD: Reach.SCOPE,
    },
    Role.ADMIN: dict.fromkeys(Action, Reach.ALL),
}

# Roles that may never receive personal data (NIP, name, birth date) in any answer.
NO_PERSONAL_DATA = frozenset(r for r, actions in POLICY.items() if Action.READ_RECORD not in actions)


@dataclass(frozen=True)
class Scope:
    """The records an account reaches: national, or by agencies and/or regions."""

    national: bool = False
    agencies: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    def covers(self, agency: str | None, region: str | None) -> bool:
        if self.national:
            return True
        if not self.agencies and not self.regions:
            return False
        if self.agencies and agency not in self.agencies:
            return False
        return not self.regions or (region is not None and region in self.region_codes())

    def region_codes(self) -> frozenset[str]:
        """The scope's regions with every region inside them (12 covers 12.71)."""
        return expand_regions(self.regions)

    def filters(self) -> dict[str, list[str]]:
        """Column filters (agency, region) that select this scope: none when national,
        an empty list (nothing matches) when the scope names nothing."""
        if self.national:
            return {}
        if not self.agencies and not self.regions:
            return {"agency": []}
        selected: dict[str, list[str]] = {}
        if self.agencies:
            selected["agency"] = sorted(self.agencies)
        if self.regions:
            selected["region"] = sorted(self.region_codes())
        return selected

    def describe(self) -> str:
        """The scope in words ("agency KOTA-MEDAN, region 12.71"), worded for a refusal to quote."""
        if self.national:
            return NATIONAL
        parts = [*(AGENCY.reason(code=a) for a in self.agencies), *(REGION.reason(code=r) for r in self.regions)]
        return joined(", ", parts) or NOTHING


def expand_regions(codes: Iterable[str]) -> frozenset[str]:
    known = reference().regions.codes
    wanted = set(codes)
    return frozenset(c for c in known if c in wanted or any(c.startswith(w + ".") for w in wanted))


def parse_scope(*, national: bool, agencies: Iterable[str], regions: Iterable[str]) -> Scope:
    """A scope from codes written as their reference tables write them (KOTA-MEDAN, 12.71), exactly: a scope is
    stored, and alone among the codes given is not read in another case (the API's, the pages' and the command
    line's agency and region filters read any case, careerlog.reference.AnyCase); InvalidInput names another: an
    unknown code, or one the table would read as a code in another case or by its name (kota-medan, Kota Medan:
    saying the code it would be; an agency near one, or a region of a zero left out, with the codes it may be, as an
    import's cell is: unknown_code, since 2026-12-06). Until 2026-12-04 those were read as the code."""
    ref = reference()
    found: dict[str, list[str]] = {"agencies": [], "regions": []}
    refused = FieldErrors()  # (the first code refused of each field, agencies and regions in one answer)
    for name, table, codes in (("agencies", ref.agencies, agencies), ("regions", ref.regions, regions)):
        for code in codes:
            if code not in table.rows:
                near = table.normalise(code) if code in table else None
                reason = (  # (a code near one, or of a zero left out, named as an import's cell is: unknown_code)
                    unknown_code(code, name)
                    if near is None
                    else CODE_AS_WRITTEN.reason(code=quoted_apart(code, near)[0], near=near, table=name)
                )
                refused.add(name, reason)
                break
            found[name].append(code)
    refused.raise_if_any()
    return Scope(national, tuple(sorted(set(found["agencies"]))), tuple(sorted(set(found["regions"]))))


def check_role_scope(role: Role, scope: Scope, nip: str | None) -> None:
    """What each role's account must carry: an employee a NIP, HR an agency, others a scope."""
    if role is Role.EMPLOYEE and not nip:
        raise InvalidInput(EMPLOYEE_NIP, "nip")
    if role is not Role.EMPLOYEE and nip:
        raise InvalidInput(ONLY_EMPLOYEE_NIP, "nip")
    if role is Role.HR and (scope.national or not scope.agencies):
        raise InvalidInput(HR_AGENCY, "scope")
    if scope.national and (scope.agencies or scope.regions):  # (it read as national, the codes beside it ignored)
        raise InvalidInput(NATIONAL_ALONE, "scope")
    if role in (Role.INSPECTOR, Role.REPORTER, Role.POLICY) and not (scope.national or scope.agencies or scope.regions):
        raise InvalidInput(GIVE_SCOPE, "scope")


class Principal(Protocol):
    """Who is asking: an account's role, scope and (for an employee) NIP."""

    @property
    def role(self) -> Role: ...
    @property
    def scope(self) -> Scope: ...
    @property
    def nip(self) -> str | None: ...


@dataclass(frozen=True)
class Target:
    """What an action touches: an employee (NIP, where they work now) or an agency's unit."""

    nip: str | None = None
    agency: str | None = None
    region: str | None = None


def reach(principal: Principal, action: Action) -> Reach | None:
    """How far the principal's role may take an action (None: not at all)."""
    return POLICY[principal.role].get(action)


def permits(principal: Principal, action: Action, target: Target | None = None) -> bool:
    """Whether the principal may take the action (on the target, when one is given)."""
    allowed = reach(principal, action)
    if allowed is None:
        return False
    if target is None or allowed is Reach.ALL:
        return True
    if allowed is Reach.OWN:
        return target.nip is not None and target.nip == principal.nip
    return principal.scope.covers(target.agency, target.region)


def require(principal: Principal, action: Action) -> Reach:
    """The reach of an action the role may take; AccessDenied when it may not."""
    allowed = reach(principal, action)
    if allowed is None:
        raise AccessDenied(ROLE_MAY_NOT.reason(role=principal.role, action=ACTION_WORDS[action].reason()))
    return allowed


def row_filters(principal: Principal, action: Action) -> dict[str, list[str]]:
    """Column filters restricting a list or report to what the principal reaches (none: all)."""
    allowed = require(principal, action)
    if allowed is Reach.ALL:
        return {}
    if allowed is Reach.OWN:
        raise AccessDenied(ROLE_MAY_NOT.reason(role=principal.role, action=OTHERS_WORDS[action].reason()))
    return principal.scope.filters()


def narrow(requested: Mapping[str, list[str]], allowed: Mapping[str, list[str]]) -> dict[str, list[str]] | None:
    """Requested filters narrowed to the allowed ones; None when nothing can match. A requested region covers the
    regions inside it, as a scope's does (`region=12` is the province with its regencies and cities, 12.71...)."""
    merged = {k: list(v) for k, v in requested.items() if v}
    if merged.get("region"):
        merged["region"] = sorted(expand_regions(merged["region"]))
        if not merged["region"]:  # (no code of the table: nothing matches, as the code itself matched nothing)
            return None
    if any(not values for values in allowed.values()):
        return None
    for name, values in allowed.items():
        if name in merged:
            merged[name] = [v for v in merged[name] if v in values]
        else:
            merged[name] = list(values)
        if not merged[name]:
            return None
    return merged
