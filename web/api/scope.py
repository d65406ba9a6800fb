"""The scope before the input: a caller whose scope does not hold what a request names gets the scope's answer, not
a refusal of what else it sent.

The API answers in this order: 401 (the token), 429 (its rate), 403 (a role that may not take the operation's
action at all: web.api.common.refuse_role), then the scope of what the request names, and only then what it sent
(400, 406, 415, 422). What a request names is its path's employee (`{nip}`: outside the scope, the same 404 as a
NIP never appointed), audited decision (`{decision}`: the same 404 as one never audited) or unit's agency
(`{agency}`: 403; an unknown agency, or one not written as its table writes it, the 422 naming it), the scorecard's
`agency` and `region` and a report's (/api/v1/reports/*), an audit list's or statistic's (/api/v1/audits/*) or the
roster's (/api/v1/employees, .../past-retirement) agency and region filters (403 naming the field and the codes
outside the scope; an unknown code stays a 422: agencies and regions are public reference data) and the place an
appointment's body gives (its agency and region: the 403 naming the field, whatever
else of the body the schema refused: `appointed_within`).
Judged on the arguments themselves, a record outside the scope would answer a bad query parameter or body with a 422
where one within it answers the same; here it answers exactly as one that is not there.

The scope is judged here only when the request is about to be refused for what it sent (web.api.guard,
CareerlogApi.handle_http_exception, a write's refused fields): a request sent well is judged once, by the
operation itself, at no added cost.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import g, request

from careerlog.access import AccessDenied, Action, OutsideScope, Target, permits
from careerlog.domain.errors import CareerlogError, Conflict, InvalidInput, NotFound
from careerlog.reference import reference
from web.api.audits import decision_key
from web.api.common import caller, services, view_method
from web.services import (
    NO_AUDITED_DECISION,
    agency_reach,
    read_codes,
    refuse_filters_outside,
    region_within,
    staffed_units,
    unit_readable,
    unit_within,
)

# The audited decision each decision page shows, by the page's endpoint (web.api.audits).
DECISION_PAGES = {"audits.Promotion": "promotion", "audits.Post": "post", "audits.Appointment": "appointment"}
SCORECARD = "scorecard.Scorecard"
REPORTS = "reports"  # (the blueprint of /api/v1/reports/*, the scorecard's aside)
AUDITS = "audits"  # (the blueprint of /api/v1/audits/*: its lists' and statistics' filters, a decision's page aside)
GRADE_INFLATION = "audits.GradeInflation"  # (its agency judged alone: web.services.staffed_units)
ROSTERS = ("employees.Employees", "employees.PastRetirement")  # (the roster's lists: their agency and region filters)


def refuse_outside_scope(before_the_wait: bool = False) -> None:
    """The scope's refusal (NotFound or AccessDenied) when the caller's scope does not hold what the request
    names; nothing when it does, when the request names nothing so, or before the caller is known.
    `before_the_wait`: judged before a read waits for `wait_for` (web.api.guard), by what the log and the reference
    tables say alone; an audited decision, whose scope (where it was decided) the audit view alone holds, is judged
    by the read once the views show it: judged before, a decision audited a moment ago was not found, and a
    decision outside the scope refused at once while one never audited waited, which the time taken told apart."""
    refusal = scope_refusal(before_the_wait)
    if refusal is not None:
        raise refusal


def scope_refusal(before_the_wait: bool = False) -> CareerlogError | None:
    """What `refuse_outside_scope` raises, or None."""
    action = getattr(view_method(), "careerlog_action", None)
    if action is None or "careerlog_auth" not in g:
        return None
    named = request.view_args or {}
    try:
        if "nip" in named:
            services().target(caller(), action, named["nip"])
        elif request.endpoint in DECISION_PAGES and "decision" in named and not before_the_wait:
            audited_within(named["decision"], DECISION_PAGES[request.endpoint])
        elif "agency" in named:
            rated_within(action, named["agency"], str(named.get("unit") or ""))
        elif request.endpoint == SCORECARD:
            scorecard_within(request.args.getlist("agency"), request.args.getlist("region"))
        elif filtered(action, named):
            filtered_within(action)
    except (NotFound, AccessDenied) as refused:
        return refused
    return None


def audited_within(decision_id: str, decision: str) -> None:
    """NotFound unless the audited decision of that type is within the caller's scope (where it was decided), as
    Services.audit judges it."""
    nip, version = decision_key(decision_id)
    try:
        found = services().audit_view.promotion(nip, version)
    except NotFound:
        found = None
    if (
        found is None
        or found["decision"] != decision
        or not permits(caller(), Action.RUN_AUDITS, Target(nip, found["agency"], found["region"]))
    ):
        raise NotFound(NO_AUDITED_DECISION.reason(decision=f"{nip}-{version}"))


def rated_within(action: Action, agency: str, unit: str) -> None:
    """OutsideScope (a 403 naming `agency`) unless the caller may take the action on the agency's units, as the
    services judge it: read their ratings (Services.unit_ratings, unit_history: `unit_readable`), or rate, correct
    or retract them (Services.rate_unit, record_in_unit: `unit_within`). An agency no table holds as written (NOPE,
    kota-medan) is the request's to refuse (a 422 naming `agency`, whatever the scope: web.api.units.known_agency),
    as an unknown filter's code is: agencies are public reference data."""
    if agency not in reference().agencies.rows:
        return
    if action is Action.READ_UNIT_RATINGS:
        unit_readable(caller(), agency, unit, services().queries.staffs_unit)
    else:
        unit_within(caller(), agency)


def scorecard_within(agencies: list[str], regions: list[str]) -> None:
    """OutsideScope (a 403 naming `agency`, else `region`) when the scorecard is asked of one agency, a known one,
    outside the caller's scope (web.services.agency_reach: neither seated nor staffed there), or of its staff in one
    region, a known one, outside it, as Services.scorecard judges them (an unknown or repeated agency or region is
    the query's to refuse, the 422 before any 403: an unknown agency beside a region outside the scope too)."""
    account = caller()
    known = read_codes({"agency": agencies, "region": regions})  # (in any letter case, as the scorecard reads them)
    if known is None:  # (an unknown code: the query's 422 first)
        return
    reach = None
    if len(agencies) == 1:
        queries = services().queries
        reach = agency_reach(account, Action.READ_SCORECARD, known["agency"][0], queries.staffs, queries.placed_within)
    if len(regions) == 1:
        region_within(account, known["region"][0], reach, services().queries.staffs)


def filtered(action: Action, named: Mapping[str, Any]) -> bool:
    """Whether the request is a list or statistic whose agency and region filters are judged within the scope: a
    report's, an audit's (a decision's page aside) and the roster's lists (their GET: not an appointment's POST)."""
    if request.blueprint in (REPORTS, AUDITS):
        return "decision" not in named
    return request.endpoint in ROSTERS and action is Action.LIST_EMPLOYEES


def filtered_within(action: Action) -> None:
    """OutsideScope (a 403 naming `agency`, else `region`) when a report's, an audit's or the roster's agency or
    region filters ask for any code outside the caller's scope, as their services judge them
    (web.services.refuse_filters_outside; the grade-inflation audit's agency by web.services.staffed_units, it reads no
    region),
    whatever else of the query was refused: an unknown code is the query's to refuse."""
    account = caller()
    if request.endpoint == GRADE_INFLATION:
        staffed_units(account, request.args.getlist("agency"), services().queries.staffs)
        return
    asked = {name: request.args.getlist(name) for name in ("agency", "region")}
    refuse_filters_outside(account, action, asked, staffed=services().queries.staffs)


def appointed_within(body: Mapping[str, Any]) -> None:
    """OutsideScope (a 403 naming the field) when an appointment's body, some of whose fields the schema refused,
    places the employee outside the caller's scope, as Services.appoint judges it first; nothing when its NIP or
    place did not read (the input's refusal names them)."""
    if not isinstance(body.get("nip"), str):
        return
    try:
        services()._appointment(caller(), body)  # (the appointment's own scope check, not recorded)
    except OutsideScope:
        raise
    except (AccessDenied, InvalidInput, Conflict):  # (a NIP appointed outside the scope: the input's refusal first)
        return
