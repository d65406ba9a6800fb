"""The region an appointment or a placement records against its agency's seat (rule agency.region_seat).

A regency's or city's staff work in its own region, a province's within the province: a work region elsewhere is
likely a mistyped code (12.71, Kota Medan, for 12.07 on a KAB-DELISERDANG appointment: found by a tester, 2026-12-06)
and, taken silently, moves the record into another inspector's scope. Asked about on every live writer (confirm:
region.outside_seat), never on a migration. The agencies' kinds and seats are careerlog/reference/agencies.toml's
(`kind`: central, province, regency or city; `region`: its seat); a central agency's staff may work in any region and
are never asked. Which kinds are held to their seat and which to their province is the rule's (an inference, [I]:
no regulation read says so), configurable.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from careerlog.domain.wording import Reason, confirmable
from careerlog.reference import Rules, reference

REGION_SEAT = "agency.region_seat"  # the rule
OUTSIDE_SEAT = "region.outside_seat"  # the check a writer confirms
OUTSIDE_SEAT_UNCONFIRMED, OUTSIDE_SEAT_TICKED = confirmable(
    "Region {region} is outside {agency}'s own region ({seat}), where its staff work: recorded, the record would count "
    "in region {region}, in another inspector's scope. If the decree does place the employee in region {region}, ",
    OUTSIDE_SEAT,
    "; if not, write the region it names.",
)


def province_of(region: str) -> str:
    """A Kemendagri region code's province (12.07: 12)."""
    return region.split(".", 1)[0]


def region_outside_seat(book: Rules, values: Mapping[str, Any]) -> Reason | None:
    """The question (OUTSIDE_SEAT_UNCONFIRMED, beside `region`) of an appointment or placement (`values`, as read)
    whose `region` lies outside its `agency`'s seat region (an agency of a kind the rule's `seat` names) or its
    seat's province (of a kind its `province` names), by the rule in force on its date; None when it does not, when
    either is not a known code, or when no such rule is in force."""
    region, code, day = values.get("region"), values.get("agency"), values.get("effective_date")
    if type(region) is not str or type(code) is not str or not isinstance(day, date):
        return None
    rule = book.in_force(REGION_SEAT, day)
    agencies = reference().agencies
    if rule is None or code not in agencies:
        return None
    agency = agencies[code]
    seat, kind = agency.get("region"), agency.get("kind")
    if type(seat) is not str:
        return None
    if kind in rule.params.get("seat", ()):
        if region == seat:
            return None
    elif kind in rule.params.get("province", ()):
        seat = province_of(seat)
        if province_of(region) == seat:
            return None
    else:
        return None
    return OUTSIDE_SEAT_UNCONFIRMED.reason(region=region, agency=code, seat=seat)
