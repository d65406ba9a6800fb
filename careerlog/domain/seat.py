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
from dataclasses import dataclass
from datetime import date
from typing import Any

from careerlog.domain.wording import Reason, confirmable
from careerlog.reference import Rule, Rules, reference

REGION_SEAT = "agency.region_seat"  # the rule
OUTSIDE_SEAT = "region.outside_seat"  # the check a writer confirms
OUTSIDE_SEAT_UNCONFIRMED, OUTSIDE_SEAT_TICKED = confirmable(
    "Region {region} is outside {agency}'s own region ({seat}), where its staff work: recorded, the record would count "
    "in region {region}, in another inspector's scope. If the decree does place the employee in region {region}, ",
    OUTSIDE_SEAT,
    "; if not, write the region it names.",
    named=True,  # (a correction row's yes does not confirm it: since 2026-12-07 a correction is asked it)
)


def province_of(region: str) -> str:
    """A Kemendagri region code's province (12.07: 12)."""
    return region.split(".", 1)[0]


@dataclass(frozen=True)
class StaffArea:
    """Where an agency's staff work, by rule agency.region_seat: the region `code` and the regions within it (a
    regency's or a city's seat, 12.07; a province's province, 12, with its regencies and cities). The one reader of an
    agency's seat (`staff_area`), asked two questions: whether a region a fact records is one its staff work in
    (`holds`: the writer's question, region.outside_seat) and whether regions a reader's scope or filter names overlap
    it (`meets`: web.services.seated_meeting). They differ on a region holding the area: a regency's own province
    (12 for KAB-DELISERDANG, seated in 12.07) is no region its staff work in (an appointment recording 12 counts in
    the province's own region, read by no 12.07 reader: asked), yet a scope of 12 holds 12.07 and so meets it (a
    reader of the province reads its regencies: careerlog.access.expand_regions)."""

    agency: str
    code: str  # the seat region (a regency's, a city's) or the seat's province (a province's)

    def holds(self, region: str) -> bool:
        """Whether the agency's staff work in `region`: the area's code or a region within it."""
        return region == self.code or region.startswith(self.code + ".")

    def meets(self, region: str) -> bool:
        """Whether `region` (a scope's or a filter's, with the regions within it) overlaps the area: it holds the
        area (12 and 12.07) or lies within it."""
        return self.holds(region) or self.code.startswith(region + ".")


# Where readers' scoping places an agency's staff: fixed, not the writer's rule. A rules file without
# agency.region_seat, with a version ended or naming other kinds, changes what a writer is asked, never whom a reader's
# scope meets (a reader of 12.71 refused KAB-DELISERDANG's reports by the seat, 403, not answered an empty report read
# as no activity; a review of 2026-12-07 found the rule's absence widened every scope so).
SCOPE_KINDS: Mapping[str, tuple[str, ...]] = {"seat": ("regency", "city"), "province": ("province",)}


def staff_area(code: str, rule: Rule | None) -> StaffArea | None:
    """Where agency `code`'s staff work by `rule` (agency.region_seat's version in force): a kind its `seat` names
    (regency, city) in its seat region, one its `province` names (province) within the seat's province; None where
    they may work anywhere: a central agency (a kind the rule names not), no rule in force, an unknown agency or one
    without a seat."""
    return None if rule is None else area_by_kinds(code, rule.params)


def scope_area(code: str) -> StaffArea | None:
    """Where agency `code`'s staff work as readers' scoping reads it (web.services.seated_meeting): by the kinds
    SCOPE_KINDS names, whatever the rules file says; None for a central agency, an unknown one or one without a seat."""
    return area_by_kinds(code, SCOPE_KINDS)


def area_by_kinds(code: str, kinds: Mapping[str, Any]) -> StaffArea | None:
    """The area of agency `code` when its kind is one `kinds["seat"]` names (its seat region) or `kinds["province"]`
    names (its seat's province); None otherwise, for an unknown agency and for one without a seat."""
    agencies = reference().agencies
    if code not in agencies:  # (a code in any case or spacing: the table's reading)
        return None
    agency = agencies[code]
    seat, kind = agency.get("region"), agency.get("kind")
    if type(seat) is not str or not seat:
        return None
    if kind in kinds.get("seat", ()):
        return StaffArea(code, seat)
    if kind in kinds.get("province", ()):
        return StaffArea(code, province_of(seat))
    return None


def region_outside_seat(book: Rules, values: Mapping[str, Any]) -> Reason | None:
    """The question (OUTSIDE_SEAT_UNCONFIRMED, beside `region`) of an appointment or placement (`values`, as read)
    whose `region` is no region its `agency`'s staff work in (`staff_area`, `StaffArea.holds`: outside a regency's or
    city's seat region, its province's own code 12 too, or outside a province agency's province), by the rule in force
    on its date; None when it is one, when the agency is not a known one, or when no such rule is in force."""
    region, code, day = values.get("region"), values.get("agency"), values.get("effective_date")
    if type(region) is not str or type(code) is not str or not isinstance(day, date):
        return None
    area = staff_area(code, book.in_force(REGION_SEAT, day))
    if area is None or area.holds(region):
        return None
    return OUTSIDE_SEAT_UNCONFIRMED.reason(region=region, agency=code, seat=area.code)
