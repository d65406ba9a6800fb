"""The services behind the API, built once per process: ledger, views, queries, accounts.

Each method is one use case as the API offers it: check what the account may do
(careerlog.access), do it, and log reads of personal records by someone else. The
views call exactly one of these methods.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import partial
from typing import IO, Any
from urllib.parse import quote

from careerlog.access import (
    NO_PERSONAL_DATA,
    OUTSIDE_SCOPE,
    POLICY,
    AccessDenied,
    Action,
    OutsideScope,
    Reach,
    Target,
    expand_regions,
    narrow,
    permits,
    require,
    row_filters,
)
from careerlog.accounts import ACCESS_LOG_KEYSET, ACCOUNT_CHANGES_KEYSET, Account, Accounts, open_accounts
from careerlog.application import CareerLog, confirmations, extended, unit_subject
from careerlog.config import Settings
from careerlog.domain.errors import Conflict, InvalidInput, NotFound, quoted
from careerlog.domain.ledger import NO_FACT, RATED, Outcome, reference_key
from careerlog.domain.nip import nip_as_typed, normalise_nip, read_nip
from careerlog.domain.payload import Unreadable
from careerlog.domain.seat import scope_area
from careerlog.domain.unit import unit_key, unit_of
from careerlog.domain.wording import Reason, Refusal, reason_of
from careerlog.import_jobs import ImportJobs, open_import_jobs
from careerlog.importing import (
    AnExport,
    ColumnNotes,
    ImportReport,
    detect_format,
    header_refused,
    import_rows,
    jsonl_dates,
    kind_from_name,
    read_csv,
    read_jsonl,
    refuse_an_export,
)
from careerlog.keyset import Paging, page_of_computed
from careerlog.reference import filter_codes, reference, rules
from careerlog.sqlstore import Row, check_connections_when_in_doubt, reads_kept
from careerlog.textfiles import workbook_name
from careerlog.workbooks import read_xlsx
from projections import cellkey, suppression
from projections.framework import Projector
from projections.mentoring import DEFAULT_OUTCOME_YEARS, MentoringQueries, mentees_named
from projections.merit.audit import decision_history
from projections.merit.distribution import GRADE_INFLATION_KEYSET, GradeInflationQueries, with_excess
from projections.merit.eligibility import EligibilityQueries
from projections.merit.fairness import FairnessQueries
from projections.merit.passed_over import KeptUnits, colleagues_of, every_passed_over, ledger_records
from projections.merit.queries import AuditQueries, comparison_evidence, with_colleagues
from projections.merit.retirement import PAST_RETIREMENT_KEYSET
from projections.merit.study_leave_queries import StudyLeaveQueries
from projections.queries import ROSTER_FILTERS, CursorPage, Queries, RosterPage, added_up, cursor_page
from projections.registry import all_projections
from projections.scorecard.award_queries import AwardQueries
from projections.scorecard.scorecard import ScorecardQueries, checked_scope
from projections.training import (
    DEFAULT_WINDOW_MONTHS,
    FIRST_YEAR,
    NOT_IN_POST,
    SPELL_FIELDS,
    UNKNOWN_FILTER_OF,
    SpellIndex,
    TrainingQueries,
    bounded,
    filter_values,
    report_order,
    slice_value,
)
from projections.units import unit_names_kept, with_unit_spellings
from web.config import DEFAULT_MAX_REPORT_FILTERS
from web.following import FollowerLease, lock_path
from web.scoping import (
    HistoryPart,
    ScopedRows,
    ScopeGuard,
    VoidedTarget,
    history_parts,
    in_scope_words,
    locate,
    mentors_judged,
    missing,
    missing_to,
    refuse_appointed_outside,
    refuse_others_outside,
    refuse_placed_outside,
    said_in_scope,
    unit_target,
)

# A filter no row matches: what a report reads when the request and the reader's scope do not meet.
NOTHING: dict[str, list[str]] = {"agency": [""]}
# A download of an audited list (each_audited): its rows handed on (and their reads logged) this many at a time, read
# from the view this many decisions at a time, each read its own short one
log = logging.getLogger(__name__)
DOWNLOAD_BATCH = 1000
DOWNLOAD_READ = 10000
# The filters of the mentoring report: never a NIP, so that an aggregate cannot single anyone out.
MENTORING_REPORT_FILTERS = ("agency", "unit", "region", "rank", "focus")
# The mentoring report's filters whose slices add up to the report without them (Services.mentoring_differenced): a
# relationship's agency, unit, region, rank and focus at its start, a unit in every spelling one slice and a region
# filter the sum of the slices of the regions inside it (projections.training.slice_value; until 2026-12-06 unit and
# region were not sliced)
SLICED_MENTORING_FILTERS = ("agency", "unit", "region", "rank", "focus")
# The programmes report's filters whose slices add up to a programme's row without them (Services.programmes: its
# participants of each value, a unit in every spelling one and a region filter the sum of the regions inside it)
SLICED_PROGRAMME_FILTERS = ("agency", "unit", "region", "kind", "year")
# The filters of where a report's people are, a unit inside an agency, an agency inside a region (and a region
# inside its province's): a filtered report's attribute is judged against each that holds its people
# (Services.wider_answers)
GEOGRAPHY = ("region", "agency", "unit")
# A programme's row, as the same programme's row of another answer (its spelling shown may differ: the most used)
PROGRAMME_KEY = ("programme",)
# The views a record's career page reads, and its eligibility answer (merit: eligibility; roster: why none is open),
# read at one position of the record (Services.aligned)
CAREER_PAGE_VIEWS = ("timeline", "training", "mentoring", "merit", "roster")
ELIGIBILITY_VIEWS = ("merit", "roster")
# The views an audited decision's answer reads (its rows, findings and colleagues: merit), read at the record's last
# event as its history from the ledger is (Services.audit)
AUDIT_VIEWS = ("merit",)
# The services' own refusals (careerlog.domain.wording; web.pages.messages.load_refusals reads them)
# A voided record (its appointment retracted: careerlog.domain.employee.FACTS_STANDING) has no row in any view: its
# reads are not found, saying so; its events stay in its history (GET /api/v1/employees/{nip}/events)
VOIDED_RECORD = Refusal(
    "The record of NIP {nip} was voided on {day} by {by} (version {version}): {reason}. It is in no view; its events "
    "stay in its history.",
    dates=("day",),
    quotes=("reason",),
)
# A record whose NIP was voided and appointed afresh (AppointedAgain) holds the voided record's entries (up to its
# void) and the fresh record's (after it): each part is read within its own scope (web.scoping.history_parts), the
# other part withheld, its history saying so (`withheld`), without its contents.
WITHHELD_VOIDED = Refusal(
    "Versions {first} to {last} of NIP {nip} ({count} entries) belong to a record voided on {day}, outside your "
    "scope: they are withheld.",
    dates=("day",),
    numbers=("count",),  # (versions {first} to {last}: identifiers, kept as written)
)
WITHHELD_AFRESH = Refusal(
    "The entries of NIP {nip} from version {first} on belong to the record appointed afresh after its void, outside "
    "your scope: they are withheld.",
)
VERSION_WITHHELD_VOIDED = Refusal(
    "Version {version} of NIP {nip} belongs to a record voided on {day}, outside your scope: it is withheld.",
    dates=("day",),
)
VERSION_WITHHELD_AFRESH = Refusal(
    "Version {version} of NIP {nip} belongs to the record appointed afresh after its void, outside your scope: it "
    "is withheld.",
)
RATE_OUTSIDE = Refusal("You may rate only units within your scope ({scope}).")
NO_UNIT_RECORD = Refusal("Nothing is recorded for unit {unit} of {agency}: it was never rated.", quotes=("unit",))
# careerlog.domain.ledger.RATED as the API says it: where the rating is corrected (no other endpoint records a unit's)
RATED_HERE = Refusal(
    "{year} is already rated (version {version}); correct it instead: POST {path} with kind correction and "
    "target_version {version}.",
)
AGENCY_OUTSIDE = Refusal("Agency {agency} is outside your scope ({scope}).")
AGENCIES_OUTSIDE = Refusal("Agencies {agency} and {last} are outside your scope ({scope}).")
REGION_OUTSIDE = Refusal("Region {region} is outside your scope ({scope}).")
# An agency read by a reader scoped by region (web.services.agency_reach): its scorecard is read of its staff in one
# region of the scope, seated there or not
CHOOSE_REGION = Refusal(
    "Agency {agency}'s scorecard is read of its staff in one of your regions ({scope}); choose the region ({regions})."
)
# The statuses the headcount counts unless asked for others (a `status` filter, or `by` status): the active staff,
# not the retired, the dismissed, the deceased, those whose contract ended, nor those on leave, suspended or
# preparing for retirement (Services.headcount; `by=status` counts each)
HEADCOUNT_STATUSES = ("ACTIVE",)
# The headcount's filters judged as slices of the headcount by that field under its other filters, each of its cells
# one of the headcount by its fields and that field (Services.filters_sliced: every filter since 2026-12-06; before,
# `status`, `unit` and `region` alone, and a cell shown under `sex=F` was withheld in the table by sex)
HEADCOUNT_SLICED_FILTERS = ROSTER_FILTERS
# The training compliance's filters judged as its headcount's are (Services.filters_sliced, its staff of each group the
# cell counted): every filter since 2026-12-06; before, none (`unit=` a small unit printed the figures its table by
# unit withheld as a complement)
COMPLIANCE_SLICED_FILTERS = SPELL_FIELDS
# The scorecard's indicators that are cells of the training compliance (Services.compliance_withheld): each, the
# reports by which it is judged (`by`; agency alone: the agency's own row), each filtered to the agency: a value shown
# only where every one of them shows the same cell
COMPLIANCE_INDICATORS = {
    "training.jp_share": (["agency"],),
    "training.hours_per_employee": (["agency"],),
    **{f"training.jp_share_by_{dim}": ([dim], ["agency", dim]) for dim in ("rank", "sex", "region")},
}
# The scorecard's indicators bounded by every row of a training compliance table (Services.compliance_withheld): the
# untrained staff's outcomes count those who missed the yearly JP in a rank where a colleague met it, so that the
# agency's staff less its met less them is those of the ranks where nobody met it (a reporter's KOTA-MEDAN 2026 on the
# demo of 2,000: 369 staff, 317 met, 51 untrained told the 1 of the ranks the training compliance by rank withholds,
# IV/e 0 of 1, until 2026-12-07). Each shown only where every rank's `met` of the card's population is, in each table
COMPLIANCE_BOUNDED = {
    f"outcomes.{outcome}_untrained": COMPLIANCE_INDICATORS["training.jp_share_by_rank"]
    for outcome in ("promotion", "post_appointment")
}
# The scorecard's indicators whose denominator in a past year is the staff in post of the card's population on 31
# December (Services.compliance_withheld), each with the training compliance table (`by`) that counts those staff (the
# PNS of them: its `staff`, the same count where every one in post is a PNS): a past year's value withheld where that
# table, filtered to the population and asked by the same reader, withholds the population's staff (its row, or the
# whole answer, `groups_suppressed`, as a filtered answer withholds a row), and kept where it withholds none: the
# reader refused it (it publishes them nothing), or it lists no PNS in post and withholds nothing. Until 2026-12-07
# not judged: a reporter's KOTA-MEDAN BKPSDM 2025 card on the demo of 2,000 showed the 9 staff training compliance
# withholds. The current year's: STAFF_INDICATORS
PAST_STAFF_INDICATORS = {"awards.per_1000_staff": ["agency"]}
# The scorecard's mentoring indicators, each the mentoring report's group whose promoted it shows
# (Services.mentoring_withheld)
MENTORING_INDICATORS = {"outcomes.promotion_mentored": "mentees", "outcomes.promotion_unmentored": "peers"}
# The scorecard's indicators whose denominator is the staff in post of the card's population (an agency, or its unit
# or region), the headcount's staff of the statuses in post in the current year (Services.staff_withheld): shown only
# where the headcount of that population by status shows each of those statuses (until 2026-12-07 the per 1,000
# staff's denominator of a unit the headcount `by=unit` withholds as a complement was shown, to the person; and, judged
# by the active total alone, the in-post staff less it told the few under a penalty or preparing for retirement)
STAFF_INDICATORS = ("awards.per_1000_staff",)
# One value per filter for a reader of aggregates only, of every aggregate report that takes a filter's values
# (`one_value_each`): a union of values is a subtotal no table's margins hold, and its difference from the same report
# filtered otherwise gives a withheld cell away (a tester recovered KAB-KARO's withheld deceased men under withhold,
# 2026-12-06), or, averaged over many unions, the perturbed figures' noise; until 2026-12-06 the perturbed headcount's
# alone, and at most 20 values of one filter for the other reports
ONE_VALUE_AGGREGATES = Refusal(
    "One value for a reader of aggregates (a union of values, differenced with other reports, would give a small "
    "cell away), got {count}: ask by this field instead.",
    numbers=("count",),
)
# At most CAREERLOG_MAX_REPORT_FILTERS filters a request for a reader of aggregates (`filters_at_most`): a filtered
# answer is judged against the same report without each filter, each judged so in turn (`cross_tables_withheld`,
# `met_sliced`), about 3^filters tables; eight one-value filters of the headcount, or four of the training compliance,
# cost tens of seconds of one worker until 2026-12-07. Each filter given named, each beside this reason
TOO_MANY_FILTERS = Refusal(
    "At most {most} filters at once for a reader of aggregates, got {count} ({fields}): leave some out, or ask by "
    "one of these fields instead.",
    numbers=("most", "count"),
)
# The promotion window and the outcome years a reader of aggregates may ask of the programmes and mentoring reports
# (`published_only`): the published definition alone, as the pages read them. Each other value was another answer of
# the same people, and the one less the other told a small group's figure (2026-12-07: KAB-KARO's mentees `years=5`
# against `6`, one person-year's SKP rating of 4.0 and its JP; `window_months=30` against `31`, the one mentee promoted
# in month 31; a programme's `comparable_promoted` 84 within 21 months, 85 within 22); docs/security.md
PUBLISHED = {"window_months": (DEFAULT_WINDOW_MONTHS,), "years": (DEFAULT_OUTCOME_YEARS,)}
PUBLISHED_ONLY = Refusal(
    "Only {allowed} for a reader of aggregates (the published definition: another value, differenced with it, would "
    "give a small group's figure away), got {number}."
)
REGIONS_OUTSIDE = Refusal("Regions {region} and {last} are outside your scope ({scope}).")
# (an employee's access log: the reads of their own record alone)
NIP_NOT_OWN = Refusal("NIP {nip} is not yours: the access log shows you the reads of your own record ({own}) alone.")
NIPS_NOT_OWN = Refusal(
    "NIPs {nip} and {last} are not yours: the access log shows you the reads of your own record ({own}) alone."
)
# The filters a report, an audit, the roster, the access log or the scorecard refuses outside the reader's scope, with
# the refusals naming one code outside it and several (until 2026-12-05 "Agency KAB-KARO, BKN is outside ..."): an
# agency's and a region's codes read by their filters' one reader (careerlog.reference.filter_codes, `read_codes`), a
# NIP as the query read it
FILTERS_OUTSIDE = (
    ("agency", AGENCY_OUTSIDE, AGENCIES_OUTSIDE),
    ("region", REGION_OUTSIDE, REGIONS_OUTSIDE),
    ("nip", NIP_NOT_OWN, NIPS_NOT_OWN),
)
NO_AUDITED_DECISION = Refusal("No audited decision {decision}.", quotes=("decision",))  # (from an address)
WHICH_FILE_FORMAT = Refusal(
    "Cannot tell the format of {name}: name the file .jsonl, .csv or .xlsx, or give file_format."
)
KIND_NOT_FOR_JSONL = Refusal(
    'Each line of a JSON Lines file names its own kind (its key "kind"), so the kind {kind} would not apply to '
    "them: leave the kind out (it names the kind of a CSV file's or a workbook's rows). Nothing was imported."
)


@dataclass(frozen=True)
class Written:
    """What a write answers: the outcome, and the log position to wait for before reading."""

    outcome: Outcome
    position: int
    # the rules a promotion just recorded (or corrected) does not meet by the rules in force on its TMT, as the
    # audit judges it (CareerLog.promotion_findings), each said as RECORDED_AGAINST: recorded all the same, as its
    # decree says
    findings: tuple[Reason, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        o = self.outcome
        return {
            "subject": o.subject,
            "version": o.version,
            "kind": o.kind,
            "recorded_at": o.recorded_at,
            "created": o.created,
            "position": self.position,
            # (present when there are any: a mentor's placement's, a promotion's against the audit's rules)
            **({"warnings": said} if (said := [*o.warnings, *self.findings]) else {}),
        }


@dataclass(frozen=True)
class ReadAhead:
    """An upload's rows read before it is imported or made an import job (`Services.rows_read`): its format, its rows
    (None past the most asked for: the file an import job's), how many, and the refusals of its header."""

    fmt: str
    rows: list[tuple[int, Any, int]] | None
    count: int
    header: list[dict[str, Any]]


def counted_rows(rows: Iterable[tuple[int, Any, int]], read: list[int]) -> Iterator[tuple[int, Any, int]]:
    """`rows` as they are, counted as they are read into `read[0]` (an import job's progress)."""
    for row in rows:
        read[0] += 1
        yield row


def import_counts(report: ImportReport, read: int) -> dict[str, int]:
    """An import's counts so far, as an import job keeps them (careerlog.import_jobs)."""
    return {
        "rows_read": read,
        "recorded": report.recorded,
        "already_recorded": report.already_recorded,
        "refused": len(report.rejected),
    }


class Services:
    """What the API needs, built once and kept in `app.extensions["careerlog"]`."""

    def __init__(
        self,
        settings: Settings,
        ledger: CareerLog,
        projector: Projector,
        accounts: Accounts,
        *,
        lease: FollowerLease | None = None,
        wait_timeout: float = 5.0,
        min_cell: int = suppression.DEFAULT_MIN_CELL,
        max_report_filters: int = DEFAULT_MAX_REPORT_FILTERS,
        disclosure: Disclosure | None = None,
    ):
        self.settings = settings
        self.ledger = ledger
        self.projector = projector
        # the units known in an agency, which the ledger asks of a unit new there (careerlog.application.NEW_UNIT), and
        # a promotion's findings: the ledger's extensions', as every live writer's (docs/architecture.md)
        extended(ledger)
        self.queries = Queries(projector.views.sql, tracking_table=projector.views.tracking_table)
        self.training = TrainingQueries(projector.views.sql)
        self.mentoring = MentoringQueries(projector.views.sql)
        self.eligibility_view = EligibilityQueries(projector.views.sql)
        self.audit_view = AuditQueries(projector.views.sql, tracking_table=projector.views.tracking_table)
        self.grade_inflation_view = GradeInflationQueries(projector.views.sql)
        self.fairness_view = FairnessQueries(projector.views.sql)
        self.award_view = AwardQueries(projector.views.sql, tracking_table=projector.views.tracking_table)
        self.study_leave_view = StudyLeaveQueries(projector.views.sql, tracking_table=projector.views.tracking_table)
        self.accounts = accounts
        self.lease = lease
        self._jobs: ImportJobs | None = None
        self.on_close: list[Callable[[], None]] = []  # (the import jobs' thread stopped: web.import_jobs)
        self.wait_timeout = wait_timeout
        self.min_cell = min_cell
        self.max_report_filters = max_report_filters
        self.disclosure = disclosure or Disclosure(WITHHOLD)

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        follow: bool = True,
        wait_timeout: float = 5.0,
        min_cell: int = suppression.DEFAULT_MIN_CELL,
        max_report_filters: int = DEFAULT_MAX_REPORT_FILTERS,
        durable_access_log: bool = True,
        disclosure: Disclosure | None = None,
    ) -> Services:
        """Open the store once; on SQLite, follow the log here if no other process does. (On PostgreSQL the steps
        opening the ledger, the views and the accounts look at the schema and take its lock on one plain connection,
        Settings.opening.)"""
        with settings.opening():
            ledger = CareerLog.from_settings(settings)
            projector = Projector(settings, all_projections(), app=ledger)
            for datastore in (ledger.recorder.datastore, projector.views.datastore):  # type: ignore[attr-defined]
                check_connections_when_in_doubt(datastore)  # the library built them with a pre-ping per checkout
            accounts = open_accounts(settings, projector.views.sql)
        accounts.durable_access_log = durable_access_log
        lease = None
        if follow and settings.store == "sqlite":
            lease = FollowerLease(projector, lock_path(settings.sqlite_path)).start()
        return cls(
            settings,
            ledger,
            projector,
            accounts,
            lease=lease,
            wait_timeout=wait_timeout,
            min_cell=min_cell,
            max_report_filters=max_report_filters,
            disclosure=disclosure,
        )

    @property
    def jobs(self) -> ImportJobs:
        """The import jobs (careerlog.import_jobs), their table made when first asked for."""
        if self._jobs is None:
            self._jobs = open_import_jobs(self.settings, self.accounts.store)
        return self._jobs

    def close(self) -> None:
        for stop in self.on_close:
            stop()
        if self.lease is not None:
            self.lease.stop()
        self.projector.close()
        self.ledger.close()

    # ------------------------------------------------------------------ consistency

    def written(self, outcome: Outcome) -> Written:
        """The answer to a write: wake the follower and give the position to wait for."""
        if self.lease is not None:
            self.lease.poke()
        return Written(outcome, self.ledger.max_notification_id())

    def wait_for(self, position: int) -> None:
        """Block until the views show the log up to `position` (TimeoutError)."""
        self.projector.wait(position, timeout=self.wait_timeout)

    def aligned(self, subject: str, views: Sequence[str], *, lag: bool = False) -> bool:
        """Before a read of one record from several views (`views`): wait, at most CAREERLOG_WAIT_SECONDS, until each
        has applied the record's events the furthest of them has (Projector.align), so the read shows the record at
        one position; past that, read as the views have it (the next read is consistent once the slower catches up).
        With `lag`, whether a view has yet to apply an event of the record the log holds, read after the wait and
        before the caller reads the rows (Projector.align says why that order); without it, False. With `lag`, the
        wait is only for a record written less than CAREERLOG_WAIT_SECONDS ago (recently_written): one written before
        the follower stopped is answered at once, lagging."""
        try:
            return self.projector.align(
                views,
                lambda upto: self.ledger.last_notification_id(subject, upto),
                self.wait_timeout,
                lag=lag,
                recent=lambda: self.recently_written(subject),
            )
        except TimeoutError:  # (without `lag`: with it, the wait given up answers whether a view still lags)
            return False

    def recently_written(self, subject: str) -> bool:
        """Whether the record's last event was recorded less than CAREERLOG_WAIT_SECONDS ago (the ledger's clock)."""
        recorded = self.ledger.last_recorded_at(subject)
        return recorded is not None and self.ledger.clock() - recorded < timedelta(seconds=self.wait_timeout)

    # ------------------------------------------------------------------ scope

    def target(
        self, reader: Account, action: Action, nip: str, *, views: bool = False, logged: str | None = None
    ) -> Target:
        """The employee if the account may take the action on them; else exactly "not found". A read of the views
        (`views`) of a voided record, which has no row in them, is not found saying when, by whom and why it was
        voided (VOIDED_RECORD), which is a read of the record (its void's day, its writer, its reason) logged as
        the read `logged` names, if any (the access log's action: `profile`); its history (the ledger's) and writes
        (refused by the ledger) are not."""
        require(reader, action)
        found = locate(self.ledger, nip)
        if found is None:
            raise missing_to(reader, action, nip)
        if not permits(reader, action, found):
            # (a record appointed afresh outside the scope, whose voided record the scope covered: that record's
            # reads are not found saying it was voided, as before the NIP was appointed afresh)
            voided = [p for p in history_parts(found) if p.void is not None and permits(reader, action, p.place)]
            if not views or not voided:
                raise missing_to(reader, action, nip)
            self._voided_notice(reader, found.nip or nip, voided[-1], logged)
        if views and isinstance(found, VoidedTarget) and found.voided is not None:
            self._voided_notice(reader, found.nip or nip, history_parts(found)[-1], logged)
        return found

    def _voided_notice(self, reader: Account, subject: str, part: HistoryPart, logged: str | None) -> None:
        """VOIDED_RECORD (NotFound) of a voided part of a record, its read logged as `logged` (if any)."""
        place = Target(subject, part.place.agency, part.place.region)
        if logged is not None:  # (logged before the notice is raised, as the read it answers would be)
            self.accounts.record_access(reader, logged, [place])
        void = part.void
        assert void is not None
        raise NotFound(
            VOIDED_RECORD.reason(
                nip=subject,
                day=void.effective_date.isoformat(),
                by=void.recorded_by,
                version=void.version,
                reason=void.values.get("reason"),
            )
        )

    def readable(self, reader: Account, action: Action, nip: str) -> Readable:
        """The parts of a record's history (the ledger's) the reader may read: the record's, or of a record
        voided and appointed afresh, each part within its own scope (web.scoping.history_parts); not found (as a
        record outside the scope is) when none."""
        require(reader, action)
        found = locate(self.ledger, nip)
        if found is None:
            raise missing(nip)
        subject = found.nip or normalise_nip(nip)
        parts = history_parts(found)
        if len(parts) == 1 and parts[0].void is None:  # (nearly every record: one part, the record's own place)
            if not permits(reader, action, found):
                raise missing(nip)
            return Readable(subject, found, parts, parts)
        shown = [p for p in parts if permits(reader, action, p.place)]
        if not shown:
            raise missing(nip)
        latest = shown[-1].place  # (logged as read where it was: the record's place now, or a voided record's)
        logged = latest if latest.nip is not None else Target(subject, latest.agency, latest.region)
        return Readable(subject, logged, parts, shown)

    # ------------------------------------------------------------------ writes

    def appoint(self, writer: Account, body: Mapping[str, Any], key: str | None, key_anew: bool = True) -> Written:
        """Record an appointment, within the writer's scope (`key_anew`: whether a new `key` asks to record a retracted
        appointment's values anew, application.Command.key_anew: the record form's box, as `record`'s)."""
        payload = self._appointment(writer, body)
        confirmed = payload.pop("confirm", ())  # (a unit new in its agency: NEW_UNIT)
        try:
            outcome = self.ledger.record(
                body["nip"],
                "appointment",
                payload,
                actor=writer.username,
                client_key=key,
                confirmed=confirmed,
                key_anew=key_anew,
            )
        except InvalidInput as refused:  # (a NIP of no identity number's form quoted as typed)
            self.record_checked(writer, Action.RECORD, [read_nip(body["nip"])])
            if "nip" not in refused.errors:
                raise
            raise InvalidInput({**refused.errors, "nip": nip_as_typed(refused.errors["nip"], body["nip"])}) from None
        except Conflict:  # (a NIP already appointed: its record, if the writer's)
            self.record_checked(writer, Action.RECORD, [read_nip(body["nip"])])
            raise
        # (a CPNS appointment above its education's starting rank: recorded, said so, as a promotion's findings are)
        return replace(self.written(outcome), findings=self.ledger.promotion_findings(outcome))

    def _appointment(self, writer: Account, body: Mapping[str, Any]) -> dict[str, Any]:
        """An appointment's payload, once the writer may record it where it places the employee."""
        require(writer, Action.RECORD)
        payload = {k: v for k, v in body.items() if k != "nip"}
        target = Target(read_nip(body["nip"]), payload.get("agency"), payload.get("region"))
        # Where the appointment places the employee is judged once it names the place: an agency or region left
        # out (a record form sent half filled) or unreadable (RefusedCells) is refused by the ledger beside each
        # such field instead.
        left_out = any(
            v is None or type(v) is Unreadable or (isinstance(v, str) and not v.strip())
            for v in (payload.get("agency"), payload.get("region"))
        )
        if not left_out:
            refuse_placed_outside(writer, Action.RECORD, target, OUTSIDE_SCOPE)
        if POLICY[writer.role][Action.RECORD] is not Reach.ALL:  # (a NIP appointed outside the scope: nothing of it)
            refuse_appointed_outside(self.ledger, writer, Action.RECORD, target.nip or "")
        return payload

    def record(
        self,
        writer: Account,
        nip: str,
        body: Mapping[str, Any],
        key: str | None,
        changed_in: frozenset[int] | None = None,
        key_anew: bool = True,
        as_read: bool = False,
    ) -> Written:
        """Record a fact, correction or retraction in an employee's record (`changed_in`: a correction's or
        retraction's condition, its fact last changed in one of these versions: application.unchanged_since;
        `key_anew`: whether a new `key` asks to record a retracted fact's values anew, application.Command.key_anew;
        `as_read`: a correction made on the fact as it stands, read, application.Command.as_read)."""
        subject, kind, payload, confirmed, guard = self._recording(writer, nip, body)
        try:
            outcome = self.ledger.record(
                subject,
                kind,
                payload,
                actor=writer.username,
                client_key=key,
                guard=guard,
                confirmed=confirmed,
                changed_in=changed_in,
                confirm_nip=body.get("confirm_nip"),  # (the NIP given again, confirming a void)
                key_anew=key_anew,
                as_read=as_read,
            )
        except (InvalidInput, Conflict) as e:  # (judged against the record: its refusal may name the record's facts)
            mentors = mentors_judged(self.ledger, subject, kind, payload, getattr(e, "errors", None))
            self.record_checked(writer, Action.RECORD, [subject, *mentors])  # (and the mentor's, if its side refused)
            if isinstance(e, InvalidInput):  # (a mentor outside the scope: the record form's words)
                said_in_scope(writer, e)
            raise
        return replace(self.written(outcome), findings=self.ledger.promotion_findings(outcome))

    def _recording(
        self, writer: Account, nip: str, body: Mapping[str, Any]
    ) -> tuple[str, str, dict[str, Any], frozenset[str], ScopeGuard | None]:
        """A recording in an employee's record as the writer may make it: the subject, the kind, the payload, the
        checks confirmed and the scope's guard (None for a writer of every record)."""
        target = self.target(writer, Action.RECORD, nip)
        payload = {k: v for k, v in body.items() if k not in ("kind", "confirm", "confirm_nip")}
        confirmed = confirmations(body.get("confirm"))  # (a check the writer confirms: no field of the fact)
        guard = None
        if POLICY[writer.role][Action.RECORD] is not Reach.ALL:  # (the mentor's record is written too)
            refuse_others_outside(self.ledger, writer, Action.RECORD, target.nip or nip, body["kind"], payload)
            guard = ScopeGuard(writer, Action.RECORD)  # the scope again, on the records as written (TOCTOU)
        return target.nip or nip, body["kind"], payload, confirmed, guard

    def judged(
        self, writer: Account, nip: str | None, body: Mapping[str, Any], as_read: bool = False
    ) -> Mapping[str, list[str]]:
        """The problems the ledger finds in a write whose body the API's schema refused fields of (`body`: the
        fields that did read, each refused field of the kind as Unreadable with the schema's reason), judged as
        the write would be and never recorded: those fields again, and the checks of the whole fact against the
        record made on the fields that did read (a date before the appointment, a new rank not above the one held
        or too far above it), to be named with the schema's reasons at once (web.api.event_schemas.RefusedCells).
        None for a record the writer may not write, or none: the schema's reasons alone say nothing of it.
        `nip`: the record written (None: an appointment, whose body names its NIP); `as_read`: as `record`'s."""
        try:
            if nip is None:
                if not isinstance(body.get("nip"), str):
                    return {}
                payload = self._appointment(writer, body)
                found = self.ledger.judge(body["nip"], "appointment", payload, actor=writer.username)
                self.record_checked(writer, Action.RECORD, [read_nip(body["nip"])])  # (if it exists)
                return {name: nip_as_typed(r, body["nip"]) if name == "nip" else r for name, r in found.items()}
            subject, kind, payload, confirmed, guard = self._recording(writer, nip, body)
            found = self.ledger.judge(
                subject,
                kind,
                payload,
                actor=writer.username,
                guard=guard,
                confirmed=confirmed,
                confirm_nip=body.get("confirm_nip"),
                as_read=as_read,
            )
            mentors = mentors_judged(self.ledger, subject, kind, payload, found)
            self.record_checked(writer, Action.RECORD, [subject, *mentors])  # (shown beside the schema's refusal)
            return found
        except (AccessDenied, NotFound, Conflict):  # (before InvalidInput: a scope's refusal is one too)
            return {}
        except InvalidInput as e:  # (a mentor outside the scope, named beside mentor_nip)
            return e.errors

    def rate_unit(self, writer: Account, agency: str, unit: str, body: Mapping[str, Any], key: str | None) -> Written:
        """Record a unit's own yearly rating, within the writer's agencies. A year already rated is refused
        pointing at the endpoint that corrects it (`record_in_unit`)."""
        unit_within(writer, agency)
        payload = {k: v for k, v in body.items() if k != "confirm"}
        confirmed = confirmations(body.get("confirm"))  # (a unit new in its agency the writer confirms: unit.new)
        try:
            outcome = self.ledger.rate_unit(
                agency, unit, payload, actor=writer.username, client_key=key, confirmed=confirmed
            )
        except InvalidInput as e:
            raise pointed_to_correction(e, agency, unit) from None
        return self.written(outcome)

    def record_in_unit(
        self,
        writer: Account,
        agency: str,
        unit: str,
        body: Mapping[str, Any],
        key: str | None,
        changed_in: frozenset[int] | None = None,
    ) -> Written:
        """Record a correction or retraction of a fact in a unit's record (a rating), within the writer's agencies,
        as an import row naming agency and unit records it (`changed_in`: as `record`'s). A unit never rated: not
        found."""
        unit_within(writer, agency)
        self._unit_record(agency, unit)
        payload = {k: v for k, v in body.items() if k != "kind"}
        outcome = self.ledger.record_in_unit(
            agency, unit, body["kind"], payload, actor=writer.username, client_key=key, changed_in=changed_in
        )
        return self.written(outcome)

    def _unit_record(self, agency: str, unit: str) -> tuple[str, str, str]:
        """The subject of a unit's record, with its agency code and name as the subject holds them (`unit_of`);
        NotFound when nothing is recorded for it (never rated)."""
        subject = unit_subject(agency, unit)
        if not self.ledger.get_events(subject, ["unit_registration"]):  # (its name in another case or spacing)
            subject = self.ledger.unit_as_recorded(None, subject)
        code, name = unit_of(subject)
        if not self.ledger.get_events(subject, ["unit_registration"]):
            raise NotFound(NO_UNIT_RECORD.reason(unit=name, agency=code))
        return subject, code, name

    def unit_history(self, reader: Account, agency: str, unit: str) -> dict[str, Any]:
        """Every event recorded for a unit, oldest first: its registration, ratings, corrections, retractions."""
        unit_readable(reader, agency, unit, self.queries.staffs_unit)
        subject, code, name = self._unit_record(agency, unit)
        return {"agency": code, "unit": name, "items": self.ledger.get_history(subject)}

    def unit_ratings(self, reader: Account, agency: str, unit: str) -> dict[str, Any]:
        """A unit's ratings in force, by year: each as its corrections left it (a retracted one left out), with
        its version and the versions of the corrections."""
        unit_readable(reader, agency, unit, self.queries.staffs_unit)
        subject, code, name = self._unit_record(agency, unit)
        record = self.ledger.get_aggregates([subject])[subject]
        ratings = sorted(
            (f for f in record.active_facts() if f.kind == "unit_rating"), key=lambda f: (f.get("year"), f.version)
        )
        items = [
            {
                "year": f.get("year"),
                "predicate": f.get("predicate"),
                "effective_date": f.effective_date,
                "reference": f.get("reference"),
                "version": f.version,
                "corrected_by": list(f.corrected_by),
            }
            for f in ratings
        ]
        return {"agency": code, "unit": name, "items": items}

    def import_file(
        self,
        writer: Account,
        stream: IO[bytes],
        *,
        name: str,
        fmt: str | None,
        kind: str | None,
        dry_run: bool,
        progress: Callable[[dict[str, int]], None] | None = None,
        ahead: ReadAhead | None = None,
    ) -> dict[str, Any]:
        """Import JSON Lines, CSV or an Excel Workbook (.xlsx); rows outside the writer's scope are rejected one by
        one. `progress` (an import job's: web.import_jobs) is told the counts so far after each batch: rows read,
        recorded, already recorded, refused. `ahead`, the file's rows read already (`rows_read`): imported, the
        stream not read again."""
        reach = require(writer, Action.IMPORT)
        rows: Iterable[tuple[int, Any, int]]
        if ahead is not None and ahead.rows is not None:
            fmt, rows = ahead.fmt, ahead.rows
        else:
            fmt, rows = self.rows_of(stream, name=name, fmt=fmt, kind=kind)
        read = [0]
        if progress is not None:
            rows = counted_rows(rows, read)
        scoped = ScopedRows(self.ledger, writer, writer.username) if reach is not Reach.ALL else None
        mentoring: dict[int, dict[str, Any]] = {}  # the rows that may write a mentor's record too, by line
        rows = with_mentoring(rows, mentoring)
        try:
            report = import_rows(
                self.ledger,
                scoped.filter(rows) if scoped else rows,
                actor=writer.username,
                dry_run=dry_run,
                guard=ScopeGuard(writer, Action.IMPORT) if scoped else None,  # the scope again, as each batch writes
                counted=None if progress is None else lambda found: progress(import_counts(found, read[0])),
            )
        except AnExport as e:  # (an export: restored by an administrator's careerlog import --migration)
            raise InvalidInput(reason_of(e), "file") from None
        failed = None if dry_run else self.settings.analyze_imported(report.recorded)  # (a bulk load, as the CLI's)
        if failed is not None:  # (the rows are recorded: logged for the operator, the report as it is)
            log.warning("import by %s: %s", writer.username, failed)
        if fmt == "jsonl":
            jsonl_dates(report)
        if scoped is not None:
            report.rejected = scoped.restore(report.rejected)
            report.point_at_appointments()  # (a row judged outside the scope before its appointment's line too)
            for problem in report.rejected:  # (a NIP of another agency or never appointed: the record form's words)
                problem.errors.update(in_scope_words(writer, problem.errors))
        judged = [p for p in report.rejected if p.judged and p.subject]
        mentors = [  # (a row the mentor's side refused: a read of the mentor's record too)
            nip
            for p in judged
            if p.line in mentoring
            for nip in mentors_judged(self.ledger, p.subject or "", p.kind, mentoring[p.line], p.errors)
        ]
        self.record_checked(writer, Action.IMPORT, [*(p.subject or "" for p in judged), *mentors])
        return self._report(report)

    def rows_of(
        self, stream: IO[bytes], *, name: str, fmt: str | None, kind: str | None
    ) -> tuple[str, Iterable[tuple[int, Any, int]]]:
        """A file's format and its rows as an import reads them (JSON Lines, CSV or an Excel Workbook's first
        sheet); a file of no known format, or a kind chosen for JSON Lines, refused (InvalidInput)."""
        try:
            fmt = fmt or detect_format(name or "")
        except InvalidInput:  # (detect_format's wording names the command line's --format; a workbook's does not)
            if workbook_name(name or ""):
                raise
            raise InvalidInput(WHICH_FILE_FORMAT.reason(name=quoted(name)), "file") from None
        if fmt == "jsonl":
            if kind:  # (it was ignored, as careerlog import's --kind was: a line of another kind recorded as its own)
                raise InvalidInput(KIND_NOT_FOR_JSONL.reason(kind=quoted(kind)), "kind")
            return fmt, refuse_an_export(read_jsonl(stream), name)  # (careerlog import's check: once, not by row)
        if fmt == "xlsx":  # (an Excel Workbook's first sheet, read as a CSV file is: careerlog.workbooks)
            return fmt, read_xlsx(stream, kind or kind_from_name(name or ""), chosen=bool(kind), name=name)
        # (a kind chosen is every row's: a row of another is refused; one read from the name, a guess)
        return fmt, read_csv(stream, kind or kind_from_name(name or ""), chosen=bool(kind))

    def rows_read(
        self, writer: Account, data: bytes, *, name: str, kind: str | None, most: int, fmt: str | None = None
    ) -> ReadAhead:
        """The rows of a file to import read once, before it is imported or made an import job (reading, not
        recording): counted, the refusals of its header kept (each as a report's refused row:
        careerlog.importing.header_refused), which refuse the whole file at once, and, of a file of `most` rows or
        fewer, the rows themselves, which `import_file` then imports without reading the file again; a file of no
        known format, or an export, refused (InvalidInput)."""
        require(writer, Action.IMPORT)
        fmt, rows = self.rows_of(io.BytesIO(data), name=name, fmt=fmt, kind=kind)
        kept: list[tuple[int, Any, int]] | None = []
        count = 0
        header: list[dict[str, Any]] = []
        try:
            for item in rows:
                line, row, _size = item
                count += not isinstance(row, ColumnNotes)  # (the header's notes are no row: the report counts none)
                if kept is not None:
                    kept.append(item)
                    if count > most:  # (an import job's: its thread reads the file again, stored)
                        kept = None
                if isinstance(row, InvalidInput) and header_refused({"errors": row.errors}):
                    header.append({"line": line, "errors": row.errors})
        except AnExport as e:
            raise InvalidInput(reason_of(e), "file") from None
        return ReadAhead(fmt, kept, count, header)

    def record_checked(self, writer: Account, action: Action, subjects: Sequence[str]) -> None:
        """Log a read (`write_check`) of each existing record, within the writer's scope, that a write was refused
        against (its refusal may name the record's facts: the rank held and since when, an earlier fact's values),
        in one statement: once per record, however many of its rows were refused (docs/security.md)."""
        found = [locate(self.ledger, nip) for nip in dict.fromkeys(subjects) if not nip.startswith("UNIT:")]
        self.accounts.record_access(writer, "write_check", [t for t in found if t and permits(writer, action, t)])

    def _report(self, report: ImportReport) -> dict[str, Any]:
        if self.lease is not None and report.recorded:
            self.lease.poke()
        return {**report.to_dict(), "position": self.ledger.max_notification_id()}

    # ------------------------------------------------------------------ personal records

    def profile(self, reader: Account, nip: str) -> dict[str, Any]:
        """Where an employee stands now (the roster view)."""
        target = self.target(reader, Action.READ_RECORD, nip, views=True, logged="profile")
        found = self.queries.employee(target.nip or nip)
        self.accounts.record_access(reader, "profile", [target])
        return found

    def history(self, reader: Account, nip: str) -> dict[str, Any]:
        """Every event recorded for an employee, as the ledger holds it; of a record voided and appointed afresh,
        those of the parts the reader may read, the others withheld, saying so (`withheld`)."""
        readable = self.readable(reader, Action.READ_RECORD, nip)
        items = readable.shown_of(self.ledger.get_history(readable.subject))
        self.record_with_mentees(reader, "history", readable.logged, mentees_named(items))
        return {"nip": readable.subject, "items": items, "withheld": readable.withheld()}

    def fact(self, reader: Account, nip: str, version: int) -> dict[str, Any]:
        """One fact of an employee's record: the events that made it as it stands (it, its corrections, its
        retraction: as the history holds them) and the version it was last changed in (its ETag). A fact of a part
        of the record the reader may not read (Readable) is not found, saying it is withheld; a version the record
        never reached is not found as no fact (NO_FACT), whichever part the reader reads (until 2026-12-05, past the
        last version of a record appointed afresh, read by the voided part's reader: "withheld")."""
        readable = self.readable(reader, Action.READ_RECORD, nip)
        target, subject = readable.logged, readable.subject
        found = self.ledger.get_aggregates([subject])[subject]
        if found is None or not 1 <= version <= found.version:
            raise NotFound(NO_FACT.reason(version=version, subject=subject))
        readable.refuse_withheld(version)
        fact = found.facts.get(version)
        if fact is None:
            raise NotFound(NO_FACT.reason(version=version, subject=subject))
        items = [
            row
            for row in readable.shown_of(self.ledger.get_history(subject))
            if row["version"] == version or row.get("target_version") == version
        ]
        self.record_with_mentees(reader, "history", target, mentees_named(items))
        return {
            "nip": subject,
            "version": version,
            "kind": fact.kind,
            "retracted": not fact.active,
            "changed_in": fact.changed_in,
            "items": items,
        }

    def timeline(self, reader: Account, nip: str, *, as_of: date | None, known_at: datetime | None) -> dict[str, Any]:
        """The career as it stood on `as_of`, as known at `known_at`."""
        target = self.target(reader, Action.READ_RECORD, nip, views=True, logged="timeline")
        found = self.queries.timeline(target.nip or nip, as_of=as_of, known_at=known_at)
        self.record_with_mentees(reader, "timeline", target, mentees_named(found["items"]))
        return found

    def career_page(self, reader: Account, nip: str) -> dict[str, Any]:
        """An employee's career page: the timeline, JP per year, mentoring and the promotions open to them,
        read under one access check (one entry in the access log, and one for each mentee it shows)."""
        target = self.target(reader, Action.READ_RECORD, nip, views=True, logged="career_page")
        subject = target.nip or nip
        behind = self.aligned(subject, CAREER_PAGE_VIEWS, lag=True)  # (read before the rows: see Projector.align)
        items, closed = self.eligibility_view.offers(subject)
        found = {
            "behind": behind,
            "timeline": self.queries.timeline(subject),
            "training": self.training.jp_by_year(subject),
            "mentoring": self.mentoring.mentoring_of(subject),
            # the eligibility with the expected end of service and, from one read of the roster row, why none is open
            **self.eligibility_view.career(subject, items, rules(), closed),
        }
        mentoring = [m["mentee_nip"] for m in found["mentoring"]["mentoring"]]  # (the timeline's, and any the view
        shown = list(dict.fromkeys([*mentees_named(found["timeline"]["items"]), *mentoring]))  # holds beside them)
        # the mentors' and mentees' names the reader may read (each record's own scope: the others by NIP alone)
        mentors = [m["mentor_nip"] for m in found["mentoring"]["mentored_by"]]
        places = self.readable_places(reader, [*mentors, *mentoring], exclude=subject)
        found["names"] = self.names_of(places)
        named_mentors = [places[n] for n in dict.fromkeys(mentors) if n in found["names"]]
        self.record_with_mentees(reader, "career_page", target, shown, named_mentors)
        return found

    def readable_places(self, reader: Account, nips: Sequence[str], exclude: str = "") -> dict[str, Target]:
        """Where each record of `nips` the reader may read works now (as the ledger says, as a reader's scope is
        judged), by NIP; the others (and `exclude`, the record read) left out."""
        places = {}
        for nip in dict.fromkeys(nips):
            if not isinstance(nip, str) or nip == exclude:
                continue
            place = locate(self.ledger, nip)
            if place is not None and not isinstance(place, VoidedTarget) and permits(reader, Action.READ_RECORD, place):
                places[nip] = place
        return places

    def names_of(self, places: Mapping[str, Target]) -> dict[str, str]:
        """The names the roster holds of these records, by NIP (one the roster does not hold yet left out)."""
        names = {}
        for nip in places:
            try:
                name = self.queries.employee(nip).get("name")
            except NotFound:
                continue
            if name:
                names[nip] = str(name)
        return names

    def record_with_mentees(
        self, reader: Account, action: str, target: Target, mentees: Sequence[str], mentors: Sequence[Target] = ()
    ) -> None:
        """Log the read of a record (`action`) and, in the same statement, a read of each mentee it shows (a
        mentor's record names them: `mentee`, placed where each works now as the ledger says, as a reader's scope
        is judged: no view is read for it, so the record is answered while the roster fills; docs/security.md),
        and of each mentor whose name it shows (`mentors`, placed so: `mentor`, the mentor's name read)."""
        if not mentees and not mentors:
            self.accounts.record_access(reader, action, [target])
            return
        found = [locate(self.ledger, nip) or Target(nip) for nip in mentees]
        places = [("mentee", (t.nip, t.agency, t.region)) for t in found]
        places += [("mentor", (t.nip, t.agency, t.region)) for t in mentors]
        self.accounts.record_actions(reader, [(action, (target.nip, target.agency, target.region)), *places])

    def roster(self, reader: Account, filters: Mapping[str, list[str]], **options: Any) -> RosterPage:
        """Employees within the reader's scope matching the filters, sorted and paginated."""
        allowed = self.roster_filters(reader, filters)
        if allowed is None:
            number = None if options.get("after") else options.get("page", 1)
            return RosterPage([], 0, number, options.get("per_page", 50))
        page = self.queries.roster(allowed, **options)
        # (a search for a person by name is its own act: an auditor tells it from a list by its action)
        action = "search" if options.get("search") else "roster"
        self.accounts.record_reads(reader, action, [(i["nip"], i["agency"], i["region"]) for i in page.items])
        return page

    def roster_filters(self, reader: Account, filters: Mapping[str, list[str]]) -> dict[str, list[str]] | None:
        """The filters narrowed to the reader's scope (None: nothing matches; AccessDenied if it may not list), an
        agency or region asked outside it refused as the reports' and audits' (`asked_within`: until 2026-12-05 an
        empty list, read as no staff there), a `unit` in any letter case or spacing and an unknown one refused."""
        allowed = self.asked_within(reader, Action.LIST_EMPLOYEES, filters)
        return None if allowed is NOTHING else allowed

    def roster_reads(
        self, reader: Account, filters: Mapping[str, list[str]], **options: Any
    ) -> list[tuple[str, Sequence[Any]]]:
        """The reads `roster` makes first for this reader and these arguments (Queries.roster_reads), for
        reading them ahead; none when it would read nothing or refuse."""
        try:
            allowed = self.roster_filters(reader, filters)
        except (AccessDenied, InvalidInput):  # (the read itself refuses, naming why)
            return []
        return [] if allowed is None else self.queries.roster_reads(allowed, **options)

    def past_retirement(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        page: int = 1,
        per_page: int = 50,
        after: str | None = None,
    ) -> CursorPage:
        """The PNS in service within the reader's scope (as the roster's) whose expected end of service by rule
        retirement.age (unconfirmed) is past with no separation recorded, for HR to record the retirement: by the
        day, then NIP, computed in full then paged (careerlog.keyset.page_of_computed). Each row listed is a read."""
        paging = Paging(PAST_RETIREMENT_KEYSET, page, per_page, after)
        allowed = self.roster_filters(reader, filters)
        rows = [] if allowed is None else self.queries.past_retirement(allowed, rules())
        found = cursor_page(page_of_computed(rows, paging), page, per_page, after)
        reads = [(i["nip"], i["agency"], i["region"]) for i in found.items]
        self.accounts.record_reads(reader, "roster", reads)  # (rows of the roster, as the employee list logs them)
        return found

    def eligibility(self, reader: Account, nip: str) -> dict[str, Any]:
        """The promotion kinds open to an employee: the earliest date and what is met or missing."""
        target = self.target(reader, Action.READ_RECORD, nip, views=True, logged="eligibility")
        subject = target.nip or nip
        self.aligned(subject, ELIGIBILITY_VIEWS)
        found = {"nip": subject, **self.eligibility_view.answer(subject, rules())}
        self.accounts.record_access(reader, "eligibility", [target])
        return found

    # ------------------------------------------------------------------ audits

    def within(self, reader: Account, action: Action, filters: Mapping[str, list[str]]) -> dict[str, list[str]]:
        """The requested filters narrowed to the reader's scope (NOTHING when they do not meet); a `unit` in any
        letter case or spacing made the names the views hold (projections.units: an unknown one a 422 naming it, and
        one outside the reader's scope as unknown)."""
        reach = row_filters(reader, action)
        filters = with_unit_spellings(self.projector.views.sql, filters, within=reach)  # (judged within the scope)
        allowed = narrow(filters, reach)
        return NOTHING if allowed is None else allowed

    def asked_within(
        self,
        reader: Account,
        action: Action,
        filters: Mapping[str, list[str]],
        one_value: bool = False,
        defaults: Mapping[str, list[str]] | None = None,
    ) -> dict[str, list[str]]:
        """`within` for an audit (RUN_AUDITS), the roster (LIST_EMPLOYEES) or a report (READ_REPORTS,
        `report_within`), an agency, region (or NIP) asked outside the reader's scope refused first
        (refuse_filters_outside: a 403 naming the field and the codes outside, not an empty report or list read as no
        activity there); then, when `one_value` (a report's), a second value of a filter from a reader of aggregates
        (`one_value_each`, the 422). So a policy maker of region 12 asking `region=12.06&region=13` is told that 13 is
        outside the scope, then to ask one value; until 2026-12-06 the 422 came first, and region 13 was refused once
        the 422 was mended. Both are judged on the codes asked and the scope alone (and, of a region scope's agency,
        its staff placed within it, as each agency asked alone is), so neither order tells anything of the records
        outside the scope. `defaults`: filters read when not asked (the headcount's statuses), judged by neither."""
        refuse_filters_outside(reader, action, filters, staffed=self.queries.staffs)
        if one_value:
            one_value_each(filters, self.smallest_cell(reader))
            filters_at_most(filters, self.smallest_cell(reader), self.max_report_filters)
        return self.within(reader, action, {**filters, **(defaults or {})})

    def report_within(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        one_value: bool = True,
        defaults: Mapping[str, list[str]] | None = None,
    ) -> dict[str, list[str]]:
        """A report's filters judged and narrowed to the reader's scope before it is read (`asked_within` of
        READ_REPORTS): the scope's 403, then one value per filter from a reader of aggregates (`one_value`: the
        headcount's disclosure asks it), then `within`."""
        return self.asked_within(reader, Action.READ_REPORTS, filters, one_value, defaults)

    def audits(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        decision: str = "promotion",
        start: date | None = None,
        end: date | None = None,
        rule: str | None = None,
        severity: str | None = None,
        verdict: str | None = None,
        passed_over: bool | None = None,
        page: int = 1,
        per_page: int = 50,
        after: str | None = None,
    ) -> CursorPage:
        """Audited decisions of one type (rank promotions, or post appointments) within the reader's
        scope (where each was decided), by TMT, paginated by number or after a cursor (`after`, a page's
        `next`); every filter is applied by the query (the verdict, severity and rule counting
        merit.passed_over, `passed_over`: only the decisions that passed over a clearly stronger colleague,
        or only the others). `nip`: only these employees' decisions (an inspector with a complaint about one),
        each read without the separators people type (normalise_nip; the API and the page refuse one that is no
        NIP)."""
        scope, options = self.audits_asked(
            reader,
            filters,
            decision=decision,
            start=start,
            end=end,
            verdict=verdict,
            rule=rule,
            severity=severity,
            passed_over=passed_over,
        )
        found = self.audit_view.decisions_page(scope, page=page, per_page=per_page, after=after, **options)
        shown = found.rows
        self.accounts.record_access(reader, "audits", [Target(r["subject"], r["agency"], r["region"]) for r in shown])
        return cursor_page(found, page, per_page, after)

    def audits_asked(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        start: date | None = None,
        end: date | None = None,
        verdict: str | None = None,
        **options: Any,
    ) -> tuple[dict[str, list[str]], dict[str, Any]]:
        """The filters (judged within the reader's scope: its 403 first) and the options of an audited list's query
        (`audits`, `each_audited`: `options` the decision, rule, severity and passed_over)."""
        if filters.get("nip"):
            filters = {**filters, "nip": [normalise_nip(nip) for nip in filters["nip"]]}
        scope = self.asked_within(reader, Action.RUN_AUDITS, filters)
        days = {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None}
        return ({**scope, "verdict": [verdict]} if verdict else scope), {**options, **days}

    def each_audited(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        decision: str = "promotion",
        batch: int | None = None,
        at_most: int | None = None,
        **criteria: Any,
    ) -> tuple[int, Iterator[list[dict[str, Any]]]]:
        """Every audited decision `audits` would list on all its pages (a download's: the API's CSV, the pages'),
        with its findings, how many were listed (the decisions the filters selected when the stream began: the rows
        handed on, but for any retracted or gone out of the filters since), and the rows `batch` (DOWNLOAD_BATCH) at
        a time, read in batches of DOWNLOAD_READ (AuditQueries.each_decision: each listed decision once, memory
        holding the keys listed and a batch or two of rows, never the whole list, and no transaction open while the
        caller writes them); each batch's reads are logged before it is handed on. The filters are judged
        (the scope's 403, a unit's 422) and the first batch is read before this returns, so that a refusal (a view
        being rebuilt: 503), a bad filter or a connection error comes before a download's response starts, not as
        a 200 cut off. `criteria`: `audits`' others (start, end, rule, severity, verdict, passed_over). `at_most` (a
        workbook's rows): the decisions are counted first (the list pages' COUNT, kept while the view stands still)
        and, more than that, none is listed or read: that count and no batch (until 2026-12-07 a refused workbook
        listed every key and read three batches ahead to answer its 422). The stream is closed (its batch being
        read waited for: `Listed.close`) when the batches end, or are left early."""
        scope, options = self.audits_asked(reader, filters, decision=decision, **criteria)
        if at_most is not None and (counted := self.audit_view.decisions_count(scope, **options)) > at_most:
            return counted, iter(())
        batch = batch or DOWNLOAD_BATCH
        rows = self.audit_view.each_decision(scope, page=DOWNLOAD_READ, **options)
        total = rows.total  # (the decisions listed, by the statement the stream is read from)
        first = list(itertools.islice(rows, batch))  # (read now: see above)

        def batches() -> Iterator[list[dict[str, Any]]]:
            try:
                shown = first
                while shown:
                    targets = [Target(r["subject"], r["agency"], r["region"]) for r in shown]
                    self.accounts.record_access(reader, "audits", targets)
                    yield shown
                    shown = list(itertools.islice(rows, batch))
            finally:
                rows.close()

        return total, batches()

    def audit(
        self, reader: Account, nip: str, version: int, decision: str = "promotion", *, rated: bool = False
    ) -> dict[str, Any]:
        """One audited decision of the type: its findings with their evidence, and the colleagues passed over;
        `rated` (the decision's page), with the rated year of each performance rating its evidence cites
        (`rating_years`), read here, of the people whose reads this call logs."""
        require(reader, Action.RUN_AUDITS)
        subject = normalise_nip(nip)
        self.audited_row(reader, subject, version, decision)  # (the scope judged first, before any wait: see below)
        # The decision's rows read at the record's last event the log holds, as its corrections and confirmations
        # (read from the ledger) are: merit waited for, at most CAREERLOG_WAIT_SECONDS, for a write made a moment
        # before (Services.aligned, as the career page), then the rows read again after its position; past the wait,
        # the answer says the views lag (`behind`). Until 2026-12-07 a read right after a correction showed the old TMT
        # and verdict ("corrected": false) beside the correction listed, and said nothing.
        behind = self.aligned(subject, AUDIT_VIEWS, lag=True)
        found, target = self.audited_row(reader, subject, version, decision)
        records = ledger_records(self.ledger)
        passed, later = colleagues_of(self.projector.views.sql, records, found)
        colleagues = [Target(p["colleague"], p["agency"], target.region) for p in passed]
        # (and those named as placed otherwise by a later record: a read of theirs too, where the decision was made;
        # all in the one statement of the subject's entry)
        compared = {p["colleague"] for p in passed}
        placed = [Target(c["colleague"], target.agency, target.region) for c in later if c["colleague"] not in compared]
        self.accounts.record_access(reader, "audit", [target, *colleagues, *placed])
        evidence = comparison_evidence(records, found, sorted({p["colleague"] for p in passed}))
        shown: dict[str, Any] = {
            **with_colleagues(found, passed, evidence),
            "behind": behind,
            "passed_over": passed,
            "recorded_later": later,
            **decision_history(records, found),  # (confirmations, corrections, rules_judged: one read of the record)
        }
        if rated:
            shown["rating_years"] = self.rating_years(shown, {str(t.nip) for t in (target, *colleagues)})
        return shown

    def audited_row(self, reader: Account, subject: str, version: int, decision: str) -> tuple[dict[str, Any], Target]:
        """An audited decision of the type as the audit view holds it, with where it was decided (its scope): exactly
        "not found" (NO_AUDITED_DECISION) for one not audited, of another type or outside the reader's scope."""
        try:
            # (its inflated ratings of the unit-years the grade-inflation list lists to the reader alone: of the
            # agencies and regions of its scope)
            reach = row_filters(reader, Action.RUN_AUDITS)
            found = self.audit_view.promotion(
                subject, version, placed_in=reach.get("region"), agencies=reach.get("agency")
            )
        except NotFound:
            found = None
        target = None if found is None else Target(subject, found["agency"], found["region"])
        if (
            found is None
            or target is None
            or found["decision"] != decision
            or not permits(reader, Action.RUN_AUDITS, target)
        ):
            raise NotFound(NO_AUDITED_DECISION.reason(decision=f"{subject}-{version}"))
        return found, target

    def rating_years(self, decision: Mapping[str, Any], logged: set[str]) -> dict[str, int]:
        """The rated year of each performance rating a decision's findings cite as evidence, by "NIP/version" (the
        evidence names a fact's kind and dates, not its values), read from its record's timeline: so that a year
        rated by DP3 is named a DP3 rating, as the career page names it (labels.fact_kind_label). Read by `audit`
        alone, of the subject and the colleagues compared (`logged`: the reads its access-log entry writes; until
        2026-12-06 the decision's page read the cited colleagues' whole timelines itself, past the access log)."""
        cited: dict[str, set[int]] = {}
        for finding in decision["findings"]:
            for e in finding["evidence"]:
                subject = e.get("subject") or decision["subject"]
                if e.get("kind") == "performance_rating" and e.get("version") and subject in logged:
                    cited.setdefault(subject, set()).add(int(e["version"]))
        years: dict[str, int] = {}
        for subject, versions in cited.items():
            with contextlib.suppress(NotFound):  # (a record no longer in the views: the kind's one name)
                for item in self.queries.timeline(subject)["items"]:
                    if int(item["version"]) in versions and type(item["values"].get("year")) is int:
                        years[f"{subject}/{item['version']}"] = item["values"]["year"]
        return years

    def passed_over_pairs(
        self, scope: Mapping[str, list[str]], start: date | None, end: date | None, units: KeptUnits | None = None
    ) -> dict[str, Any]:
        """merit.passed_over's decision/colleague pairs of every kind compared within a scope already the reader's
        (Services.asked_within: where each decision was made), by TMT from `start` to `end`: the regular promotions'
        and, read from the ledger as their own pages compare them, the 202 promotions' and managerial posts' (which
        the lists do not compare), with `recorded_later`, as `careerlog audit passed-over --format json` gives them
        (GET /api/v1/audits/passed-over: web.kept.kept_passed_over, its reads logged by `log_passed_over`); and
        `placed` (each `recorded_later` colleague with the agency and
        region where its decision was made, for the access log). A function of the views, the ledger, the rules and
        the scope alone, not of the reader: readers of one scope may share it (web.kept). `units`: the units' 202 and
        post comparisons kept across calls (`KeptUnits`, web.kept's), each computed anew only when its inputs change."""
        placed: list[tuple[str, str | None, str | None]] = []
        found, later = every_passed_over(
            self.projector.views.sql,
            ledger_records(self.ledger),
            dict(scope),
            start.isoformat() if start else None,
            end.isoformat() if end else None,
            placed=placed,
            kept=units,
        )
        return {"passed_over": found, "recorded_later": later, "placed": placed}

    def log_passed_over(self, reader: Account, found: Mapping[str, Any]) -> None:
        """Log the reads a passed-over answer (`passed_over_pairs`) is: each employee and colleague named, where the
        decision was made; and each colleague a later record places otherwise (`recorded_later`), as the decision's
        page logs them (until 2026-12-06 not logged); one named in a pair already is not logged again, as on that
        page (until 2026-12-06 a colleague passed over and placed elsewhere since was logged twice by the one read).
        Every answer is logged, a kept one too."""
        targets = [
            Target(r[nip], r["agency"], r.get("region")) for r in found["passed_over"] for nip in ("nip", "colleague")
        ]
        compared = {t.nip for t in targets}
        targets += [
            Target(colleague, agency, region)
            for colleague, agency, region in found["placed"]
            if colleague not in compared
        ]
        self.accounts.record_access(reader, "audits", targets)

    def grade_inflation(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        year: int | None = None,
        page: int = 1,
        per_page: int = 50,
        after: str | None = None,
    ) -> CursorPage:
        """Unit-years within the reader's scope whose staff ratings spread beyond what the unit's own rating allows,
        with the excess over each cap, by year, agency and unit, paginated by number or after a cursor (computed in
        full, then paged: careerlog.keyset.page_of_computed). To a reader scoped by region, a unit-year is within the
        scope where its staff are placed, as the reports count them, not where its agency is seated: every one of its
        rated staff placed in the reader's regions (a unit is judged on all of its staff; `staffed_units`)."""
        paging = Paging(GRADE_INFLATION_KEYSET, page, per_page, after)
        reach = row_filters(reader, Action.RUN_AUDITS)
        agencies = {k: v for k, v in reach.items() if k == "agency"}
        # an agency asked for outside the reader's scope is refused naming it, as the other audits refuse theirs
        # (until 2026-12-05 an empty list, read as clean)
        staffed_units(reader, filters.get("agency", []), self.queries.staffs)
        if year is not None:  # (a year after this one: refused as a report's year is, not an empty list read as clean)
            year = bounded(year, "year", FIRST_YEAR, self.grade_inflation_view.today.year)
        # the unit in any letter case or spacing, an unknown one a 422 naming it, as every other audit reads it
        # (until 2026-12-05 an exact text: `dinas kesehatan` or a typo answered an empty list, read as clean); judged
        # within the reader's scope (a unit with staff in the reader's regions), as the rows are
        filters = with_unit_spellings(self.projector.views.sql, filters, within=reach)
        allowed = narrow(filters, agencies)
        rows = (
            []
            if allowed is None
            else self.grade_inflation_view.grade_inflation(allowed, start=year, end=year, placed_in=reach.get("region"))
        )
        rows = [with_excess(r) for r in rows]
        return cursor_page(page_of_computed(rows, paging), page, per_page, after)

    def awards(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        start: date | None = None,
        end: date | None = None,
        verdict: str | None = None,
        page: int = 1,
        per_page: int = 50,
        after: str | None = None,
    ) -> CursorPage:
        """Awards within the reader's scope (where the recipient worked on the award's date), by date,
        each with its verdict and the findings of the awards audit, paginated by number or after a cursor."""
        scope = self.asked_within(reader, Action.RUN_AUDITS, filters)
        found = self.award_view.awards_page(
            scope,
            page=page,
            per_page=per_page,
            start=start.isoformat() if start else None,
            end=end.isoformat() if end else None,
            verdict=verdict,
            after=after,
        )
        shown = self.award_view.with_findings(found.rows)
        self.accounts.record_access(reader, "awards", [Target(r["subject"], r["agency"], r["region"]) for r in shown])
        return cursor_page(replace(found, rows=shown), page, per_page, after)

    def study_leaves(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        start: date | None = None,
        end: date | None = None,
        page: int = 1,
        per_page: int = 50,
        after: str | None = None,
        **criteria: Any,
    ) -> CursorPage:
        """Starts of study leave within the reader's scope (where the employee worked on the day it started), by
        date, each with its verdict and the findings of the study-leave audit (`criteria`: verdict, rule, severity),
        paginated by number or after a cursor."""
        scope = self.asked_within(reader, Action.RUN_AUDITS, filters)
        found = self.study_leave_view.study_leaves_page(
            scope,
            page=page,
            per_page=per_page,
            start=start.isoformat() if start else None,
            end=end.isoformat() if end else None,
            after=after,
            **criteria,
        )
        targets = [Target(r["subject"], r["agency"], r["region"]) for r in found.rows]
        self.accounts.record_access(reader, "audits", targets)
        return cursor_page(found, page, per_page, after)

    def fairness(
        self, reader: Account, by: list[str], filters: Mapping[str, list[str]], **options: Any
    ) -> dict[str, Any]:
        """Selection rates of the promotion rounds per group, within the reader's scope.

        Options: `start` and `end` (dates of the rounds), `min_cell` (smallest group compared), `count` (`round`, a
        person once per round; `person`, once in the period)."""
        return self.statistics(self.fairness_view.fairness, reader, by, filters, options)

    def time_to_promotion(
        self, reader: Account, by: list[str], filters: Mapping[str, list[str]], **options: Any
    ) -> dict[str, Any]:
        """Years in rank until promotion per group (Kaplan-Meier, log-rank, Cox), within the reader's scope.

        Options as for `fairness` (`start` and `end` bound the days the rank spells began)."""
        return self.statistics(self.fairness_view.time_to_promotion, reader, by, filters, options)

    def statistics(
        self,
        query: Callable[..., dict[str, Any]],
        reader: Account,
        by: list[str],
        filters: Mapping[str, list[str]],
        options: Mapping[str, Any],
    ) -> dict[str, Any]:
        """A group statistic of the merit audit over the reader's scope, showing the filters applied."""
        scope = self.asked_within(reader, Action.RUN_AUDITS, filters)
        found = query(by, scope=scope, **options)  # (no min_cell: rule fairness.adverse_impact's)
        return {**found, "scope": shown_scope(scope)}

    # ------------------------------------------------------------------ reports

    def smallest_cell(self, reader: Account) -> int:
        """The fewest people a report may show the reader a figure about: CAREERLOG_MIN_CELL for the
        roles that see only aggregates, 1 (every figure exact) for those who may read records."""
        return self.min_cell if reader.role in NO_PERSONAL_DATA else 1

    def headcount(
        self,
        reader: Account,
        by: list[str],
        filters: Mapping[str, list[str]],
        *,
        of_no_one: bool = True,
        judged: Judged | None = None,
    ) -> dict[str, Any]:
        """Counts of employees within the reader's scope, by the named fields (small cells suppressed
        for aggregate-only readers, with a complementary cell so that the total gives none away); a `unit` in any
        letter case or spacing, an unknown one refused, as the audits' (`within`). The active staff
        (`HEADCOUNT_STATUSES`) unless a `status` filter, or `by` status, says which statuses to count
        (until 2026-12-05 every status: the retired, the deceased and those whose contract ended counted as staff);
        the default is a filter as a given one is, so that a cell withheld is not given away by the count of every
        status (`without_each_filter`). Each filter is a slice of the headcount by its field, each row a cell of the
        table by its fields and that field, withheld as that table withholds it (`filters_sliced`). All that withholding
        is CAREERLOG_DISCLOSURE=withhold's (the default): under perturb (an opt-in) a reader of aggregates gets every
        figure perturbed by the cell-key method instead (`perturbed_headcount`), and none of it runs. Under both, such a
        reader gives one value of each filter (`one_value_each`). `of_no_one`: a report of no one judged by
        `no_group_listed_by` (the headcount's own reads of the tables by its filters' fields do not judge theirs).
        And, for a reader of aggregates, each figure is withheld that the answers to the tables by a filter's field
        withhold (`cross_tables_withheld`; `judged`: those answers and their reads, `Judged`, shared while one request
        is judged). The same table whatever the order of `by` (`canonical`, `in_asked_order`)."""
        if list(by) != canonical(by):
            found = self.headcount(reader, canonical(by), filters, of_no_one=of_no_one, judged=judged)
            return in_asked_order(found, by)
        asked_key = Judged.key(by, filters, of_no_one)
        if judged is not None and asked_key in judged.answers:
            return judged.answers[asked_key]
        defaults = {"status": list(HEADCOUNT_STATUSES)} if not filters.get("status") and "status" not in by else {}
        one_value = self.disclosure.method != PERTURB or self.disclosure.guarded
        allowed = self.report_within(reader, filters, one_value, defaults)
        filters = {**filters, **defaults}
        # the statuses counted, every one when neither says (the page's note, the downloads' and the API's `statuses`)
        # (each status once as the filter reads it: `status=ACTIVE&status=active` echoed ACTIVE twice until 2026-12-07)
        statuses = list({filter_key("status", s): s for s in filters.get("status") or ()}.values()) or [
            s.code for s in reference().statuses
        ]
        cell = self.smallest_cell(reader)
        if cell > 1 and self.disclosure.method == PERTURB:
            return self.perturbed_headcount(reader, by, filters, allowed, statuses, of_no_one=of_no_one)
        # (a reader of aggregates': each scope its withholding reads read once, by every field it counts by)
        fields = [*by, *(name for name, values in filters.items() if values and name not in by)]
        count: Callable[[list[str], dict[str, list[str]]], list[dict[str, Any]]] = (
            (judged.reads if judged is not None else ScopeCounts(self.queries, fields))
            if cell > 1
            else self.queries.headcount
        )
        rows = read_of(count, by, allowed)

        def read(scope: dict[str, list[str]]) -> list[dict[str, Any]]:
            return read_of(count, by, scope)

        without = self.without_each_filter(reader, filters, read, cell) if rows else []
        given = suppression.differenced(rows, without, suppression.HEADCOUNT, by, cell)
        # (the scope of every status: the table by status's, and the "of M" total's; one reading of the scope for both)
        every_status = self.without_filter(reader, filters, "status")
        table = self.status_table(filters, every_status, by, rows, cell, count)
        slices = status_slices(table or [])
        sliced = filter_sliced(rows, by, "status", set(filters.get("status", ())), slices, cell)
        read_before = {} if table is None else {"status": table}
        whole, crossed, across = self.filters_sliced(
            reader,
            filters,
            allowed,
            rows,
            by,
            cell,
            HEADCOUNT_SLICED_FILTERS,
            count,
            read_before=read_before,
            across="status",
        )
        sliced |= whole
        total_hidden = False
        if rows and cell > 1 and len(sliced) < len(rows):
            judged = judged if judged is not None else Judged(count)
            alone, cross, total_hidden = self.cross_tables_withheld(reader, by, filters, allowed, rows, cell, judged)
            sliced |= alone
            crossed |= cross
        given |= sliced | crossed
        items = suppression.suppress(rows, suppression.HEADCOUNT, cell, complementary=True, margins=by, withheld=given)
        total = sum(r["count"] for r in rows)
        # (the total withheld too when the rows withheld are worked out from it and no row is left to complement them:
        # one group alone, withheld as its count of every status gives it away, was that total; until 2026-12-06 shown)
        hidden = {i for i, item in enumerate(items) if item[suppression.FLAG]}
        exposed = suppression.exposed(rows, suppression.HEADCOUNT, hidden, cell)
        # (and when a status counted is withheld in the table by status: the total is a slice of it, the sum of those
        # statuses' rows; by sex and RETIRED, F and M withheld and 32 shown, was RETIRED withheld by status)
        shown = None if exposed or sliced or total_hidden else differenced_total(total, without, cell)
        every = self.every_status_total(
            reader, filters, every_status, read, cell, counted=total, shown=shown, table=table
        )
        if slices and status_table_total_withheld(slices, cell):  # (M is the by-status table's total)
            every = None
        if across:  # (M is a slice of the table by a filter's field of every status, which withholds it)
            every = None
        if cell > 1 and (len(sliced) == len(rows) or suppression.small(total, cell)):
            # (the people counted withheld, the groups they are in are too: listed, each withheld, the groups of
            # `by=sex`, `by=rank`, `by=unit`... of one person on study leave told her sex, rank, unit, ...; the whole
            # slice only: `by=region&region=12` lists the province's regencies, one of them small, the others shown)
            items = []
        if cell > 1 and not rows and of_no_one and self.no_group_listed_by(reader, filters):
            shown = every = None
        answer = {
            "by": by,
            "items": items,
            "total": shown,
            "statuses": statuses,
            "total_all_statuses": every,
            "total_all_statuses_suppressed": every is None,
            "disclosure": WITHHELD if cell > 1 else EXACT,
        }
        if judged is not None:
            judged.answers[asked_key] = answer
        return answer

    def cross_tables_withheld(
        self,
        reader: Account,
        by: list[str],
        filters: Mapping[str, list[str]],
        allowed: dict[str, list[str]],
        rows: Sequence[Mapping[str, Any]],
        cell: int,
        judged: Judged,
    ) -> tuple[set[int], set[int], bool]:
        """The figures of a reader of aggregates' filtered headcount that the answers to the tables by a filter's field
        withhold, as that reader gets them (`headcount` itself, under the other filters: every layer of its
        withholding, its own filters' tables too), for every filter given of HEADCOUNT_SLICED_FILTERS (the default
        `status` among them): (the first) every row, and the total with them, when a value the filter selects is
        withheld or complemented in the answer by that field alone, whose cell the total is (when the report is by
        that field, when every value it lists is), or that answer lists no group; (the second) each row one of whose
        cells is withheld or complemented in the answer by the report's fields and the filter's field (the cross
        table, whose slice the report is), or not listed there; (the third) whether the total is withheld as every cell
        of the cross table it adds up is, where the report counts every status (`by` status) and the table by the
        field alone (the active staff, as a reader gets it) is not its margin: `by=status&sex=M&agency=KAB-KARO`
        showed the men's 32 of every status beside the table by sex and status withholding each of their cells. So a
        filtered answer shows nothing the tables by its filters' fields withhold (a tester, 2026-12-07:
        `by=sex&agency=KOTA-BINJAI` withheld F and M, as the table by sex and status complemented them, yet
        `by=unit&sex=F&agency=KOTA-BINJAI` showed the 24 women as its total; `filters_sliced` judges the filter's
        table by its small cells and its differences alone). The answers are kept for the request (`judged`: each
        table judged once however many answers ask it, every read from the request's scopes, `ScopeCounts`)."""
        crossed: set[int] = set()
        total_hidden = False
        for name in self.sliced_filters(HEADCOUNT_SLICED_FILTERS, filters, cell):
            others = {key: values for key, values in filters.items() if key != name and values}
            fields = canonical(by if name in by else [*by, name])
            asked_cells = rows if name in by else read_of(judged.reads, fields, allowed)
            asked = {slice_value(name, row[name]) for row in asked_cells}
            table = self.headcount(reader, fields, others, of_no_one=False, judged=judged)
            listed = {cell_key(fields, item) for item in table["items"] if not item[suppression.FLAG]}
            hidden = {cell_key(by, row) for row in asked_cells if cell_key(fields, row) not in listed}
            crossed |= {i for i, row in enumerate(rows) if cell_key(by, row) in hidden}
            if "status" in by and name != "status":  # (the table by the field alone counts other people)
                total_hidden |= all(cell_key(fields, row) not in listed for row in asked_cells)
                continue
            alone = (
                table if fields == [name] else self.headcount(reader, [name], others, of_no_one=False, judged=judged)
            )
            shown = {slice_value(name, item[name]) for item in alone["items"] if not item[suppression.FLAG]}
            if (name in by and not asked & shown) or (name not in by and not asked <= shown):
                return set(range(len(rows))), crossed, True
        return set(), crossed, total_hidden

    def no_group_listed_by(self, reader: Account, filters: Mapping[str, list[str]]) -> bool:
        """Whether a filtered headcount of no one answers its total withheld (`null`), as one whose people are
        withheld does, for a reader of aggregates: when the headcount by a filter's field under its other filters lists
        no group (its people withheld: "No group of people withheld", `items` empty and `total` null), so that which
        values of that field hold anyone is told by neither (a tester, 2026-12-07: `agency=A&unit=U&status=DECEASED`
        answered `null` for a unit where 1-3 people died, 0 for the others). Where that table lists its groups, each
        value holding anyone a row of it, withheld or not, 0 is answered, the same as that table tells. One headcount
        more per filter given, of a report of no one only."""

        def lists_none(name: str, others: dict[str, list[str]]) -> bool:
            table = self.headcount(reader, [name], others, of_no_one=False)
            return table["total"] is None and not table["items"]

        return self.withheld_by_a_filter(HEADCOUNT_SLICED_FILTERS, filters, self.smallest_cell(reader), lists_none)

    def perturbed_headcount(
        self,
        reader: Account,
        by: list[str],
        filters: Mapping[str, list[str]],
        allowed: dict[str, list[str]],
        statuses: list[str],
        *,
        of_no_one: bool = True,
    ) -> dict[str, Any]:
        """The headcount for a reader of aggregates under CAREERLOG_DISCLOSURE=perturb (the cell-key method,
        projections.cellkey): each row, the total and the count of every status a cell of its own, its figure the
        true count perturbed by its people's keys: the same people always get the same figure, so asking the same cell
        again gives no new noise to average. On top of the cell key, as the statistical offices' table builders keep
        rules beside it (`Disclosure.guarded`): a cell of fewer than CAREERLOG_MIN_CELL people is withheld (its true
        count, so a row printed 0 no longer tells of 1-2 people), and each filter takes one value
        (`one_value_each`, in `headcount`), so a reporter cannot ask `unit in {A} + S_i` and `unit in S_i` for many
        sets S_i and average the differences (40 pairs recovered a cell of 1-3 about 98% of the time under the cell
        key alone, the method until 2026-12-06). A filtered headcount of no one answers as a withheld one where
        `no_group_listed_by` says so, as under withhold (until 2026-12-07 it answered 0 here, the units where 1-2 people
        died `null`). The rows need not add up to the total (docs/security.md)."""
        secret = self.disclosure.secret.encode()
        cell = self.smallest_cell(reader) if self.disclosure.guarded else 1

        def read(scope: dict[str, list[str]], fields: list[str]) -> list[dict[str, Any]]:
            return [] if scope is NOTHING else self.queries.headcount(fields, scope, secret=secret)

        def figure(rows: Sequence[Mapping[str, Any]]) -> int | None:
            count = sum(r["count"] for r in rows)
            return None if suppression.small(count, cell) else cellkey.perturbed(count, sum(r["key"] for r in rows))

        rows = read(allowed, by)
        items = [
            {**{b: row[b] for b in by}, "count": (n := figure([row])), suppression.FLAG: n is None} for row in rows
        ]
        total = figure(rows)
        if total is None and cell > 1:  # (its people too few to show: no group of them listed, as under withhold)
            items = []
        if cell > 1 and not rows and of_no_one and self.no_group_listed_by(reader, filters):
            total = None  # (of no one, as a withheld one where a filter's table lists no group, as under withhold)
        # (the count of every status withheld with a total withheld, as under withhold: beside a total of fewer than
        # the minimum, it less the count of the other statuses gave that total away)
        every = (
            figure(read(self.without_filter(reader, filters, "status"), ["status"]))
            if "status" in filters and total is not None
            else total
        )
        return {
            "by": by,
            "items": items,
            "total": total,
            "statuses": statuses,
            "total_all_statuses": every,
            "total_all_statuses_suppressed": every is None,
            "disclosure": PERTURBED,
        }

    def every_status_total(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        every_status: dict[str, list[str]],
        read: Callable[[dict[str, list[str]]], list[dict[str, Any]]],
        cell: int,
        *,
        counted: int,
        shown: int | None,
        table: Sequence[Mapping[str, Any]] | None = None,
    ) -> int | None:
        """The headcount's "N of M counted": the people of every status under its other filters (M, beside the
        `counted` N; `every_status` the reader's scope of those filters, as the table by status reads it: its rows
        added up when read already, `table` of `status_table`), None when
        withheld from a reader of aggregates: when it is a small cell or the same report's own total would be withheld
        (`differenced_total`, the report without each of its other filters); when the people left out (M - N) are a
        small group; and whenever the counted total is withheld (`shown` None): M less
        the people left out, which the count of the other statuses shows, would give that total away."""
        if "status" not in filters:  # (every status counted already: M is N)
            return shown
        rest = {name: values for name, values in filters.items() if name != "status"}
        every = sum(r["count"] for r in (read(every_status) if table is None else table))
        if shown is None or suppression.small(every - counted, cell):
            return None
        return differenced_total(every, self.without_each_filter(reader, rest, read, cell) if every else [], cell)

    def status_table(
        self,
        filters: Mapping[str, list[str]],
        scope: dict[str, list[str]],
        by: Sequence[str],
        rows: Sequence[Mapping[str, Any]],
        cell: int,
        read: Callable[[list[str], dict[str, list[str]]], list[dict[str, Any]]],
    ) -> list[dict[str, Any]] | None:
        """The headcount under its filters but `status` (`scope`, the reader's) by its fields and status (by status
        alone when the report has no row: `filters_sliced` reads no table then; `read` of the scope), for a reader of
        aggregates only when a status filter is given (the default's too); None otherwise. One read for three: the
        table by status (`status_slices`: its rows added up by status), `filters_sliced`'s table for the status filter,
        and the count of every status (`every_status_total`: all its rows added up); until 2026-12-06 each read it
        anew."""
        if not self.sliced_filters(("status",), filters, cell):
            return None
        fields = canonical(by if "status" in by else [*by, "status"]) if rows else ["status"]
        return read_of(read, fields, scope)

    def filters_sliced(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        allowed: dict[str, list[str]],
        rows: Sequence[Mapping[str, Any]],
        by: Sequence[str],
        cell: int,
        sliced: Sequence[str],
        read: Callable[[list[str], dict[str, list[str]]], list[dict[str, Any]]],
        cells: suppression.Cells = suppression.HEADCOUNT,
        *,
        read_before: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        across: str | None = None,
    ) -> tuple[set[int], set[int], bool]:
        """The rows of a filtered headcount (or a report of people counted alike: `read` it by some fields of a
        scope, `cells` its rows; the training compliance's staff) that the same report by that filter's field under
        its other filters would give away, for every filter given of those `sliced` (HEADCOUNT_SLICED_FILTERS,
        COMPLIANCE_SLICED_FILTERS), for a reader of aggregates only: (`whole`) the
        rows of a value the table by that field alone withholds or complements (`filter_sliced`: every row, and the
        total, when the field is not counted by), and (`crossed`) each row whose cell of the table by the report's
        fields and that field is withheld or complemented there (`crossed_withheld`: by status filtered to women,
        ACTIVE 7 is the cell ACTIVE and F of the table by status and sex, withheld there as the complement of the one
        retired man's). A unit in every spelling is one slice (`slice_value`), a region the people of its very code,
        so that a region filter holding regions is the sum of theirs (their rows of the report `allowed`, as
        filtered). Two light reads per filter given (one when the field is counted by; one fewer for a filter whose
        table by the report's fields and its field under the other filters was read already: `read_before`), and one
        more for each other filter given (the headcount's `read` a statement per scope, `ScopeCounts`): that table is
        judged as its own report withholds it, a cell the same table without one of its filters differs from by a small
        group withheld too (`suppression.differenced`, as the report's own rows, its cells by `cell_key`; until
        2026-12-06 its small cells alone, so that `by=employment_kind` withheld PNS as the complement of the PPPK the
        count of every status gave away, and `by=sex&employment_kind=PNS` printed that PNS count and its women and men).
        `across` (the headcount's `status`): the third answer, whether a value a filter is filtered to is withheld or
        complemented in the table by that filter's field without `across` too (of every status: the slice that the count
        of every status, `total_all_statuses`, is; its table read already, as the table without `across`), or in that
        table less the people counted (the people `across` leaves out, by that field: M - N of each value, which two
        such reports difference)."""
        whole: set[int] = set()
        crossed: set[int] = set()
        across_withheld = False
        for name in self.sliced_filters(sliced, filters, cell) if rows else ():
            fields = canonical(by if name in by else [*by, name])  # (that table as it is judged: `canonical`)
            if read_before and name in read_before:
                table = read_before[name]
            else:
                scope = self.without_filter(reader, filters, name)
                table = [] if scope is NOTHING else read(fields, scope)
            others = {key: values for key, values in filters.items() if key != name and values}
            withouts = {key: read_of(read, fields, self.without_filter(reader, others, key)) for key in others if table}
            asked_cells = rows if name in by else read(fields, allowed)
            slices = field_slices(name, table, cells)
            asked = {slice_value(name, row[name]) for row in asked_cells}
            apart = {key: field_slices(name, other, cells) for key, other in withouts.items()}
            held = differenced_slices(slices, apart.values(), cells, cell)
            whole |= filter_sliced(rows, by, name, asked, slices, cell, cells, withheld=held)
            if len(crossed) < len(rows):  # (every row withheld already: none more to find)
                given = suppression.differenced(table, withouts.values(), cells, fields, cell, key=cell_key)
                crossed |= crossed_withheld(rows, by, fields, table, asked_cells, cell, cells, withheld=given)
            if across in apart and name != across:
                # (and in the table of the people `across` leaves out, every status's less those counted: KOTA-MEDAN's
                # 52 not active of 192 less its UMUM recruits' 51 of 151 gave the 1 of the other paths)
                every = apart[across]
                left = {
                    key: {cells.count: held[cells.count] - count_of(slices, key, cells)} for key, held in every.items()
                }
                across_withheld |= suppression.sliced(every, asked, cells, cell) or suppression.sliced(
                    left, asked, cells, cell
                )
        return whole, crossed, across_withheld

    def without_each_filter(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        read: Callable[[dict[str, list[str]]], list[dict[str, Any]]],
        cell: int,
    ) -> list[list[dict[str, Any]]]:
        """A filtered report (`read` of the reader's scope) asked again without each of its filters in turn, for a
        reader of aggregates only (`cell` above 1; others: none), whose cells it must not give away by subtraction
        (`suppression.differenced`): one aggregate more per filter given. Such a reader gives one value of each
        (`one_value_each`; a `unit` in several spellings one unit, a `region` the regions inside it): until 2026-12-06
        the report was asked again without each value of a filter given several too, which differenced the unions
        asked against one another alone, not against the tables and other unions a reader could ask."""
        if cell <= 1:
            return []
        return [read(self.without_filter(reader, filters, name)) for name, values in filters.items() if values]

    def training_compliance(
        self,
        reader: Account,
        year: int,
        by: list[str],
        filters: Mapping[str, list[str]],
        *,
        of_no_one: bool = True,
        judged: Judged | None = None,
    ) -> dict[str, Any]:
        """The training compliance (`compliance_answer`), each answer the request's judging asks of it (the tables
        without each filter, `met_sliced`, each judged so in turn) worked out once a request (`judged`, `Judged`: the
        answers, and the reads they share): asked anew each time, a reporter's request of five filters asked some
        40,000 (a review of 2026-12-07). A reader of aggregates' reads are `ComplianceReads`' (the year's groups read
        once, by every field the request counts by and is filtered on, each table added up from them: until 2026-12-07
        a query each, 1,234 of them for four filters by unit on the demo of 2,000, 17 s); the others' one read is
        `TrainingQueries.compliance`'s."""
        if judged is None:  # (a reader of aggregates': each table's reads added up from one read of the year's groups)
            fields = [*by, *(name for name, values in filters.items() if values and name not in by)]
            aggregates = self.smallest_cell(reader) > 1
            # (and by the reader's scope's fields, which `report_within` adds to every table: a region-scoped reader's
            # reads fell back to a query each, 362 of them and 3.6 s for four filters by unit, a review of 2026-12-07)
            scope = row_filters(reader, Action.READ_REPORTS) if aggregates else {}
            fields += [name for name in scope if name not in fields]
            shared = aggregates and set(fields) <= set(SPELL_FIELDS)
            judged = Judged(ComplianceReads(self.training, fields) if shared else self.training.compliance)
        key = Judged.key(by, filters, of_no_one, year)
        if key not in judged.answers:
            judged.answers[key] = self.compliance_answer(reader, year, by, filters, of_no_one=of_no_one, judged=judged)
        return judged.answers[key]

    def compliance_answer(
        self,
        reader: Account,
        year: int,
        by: list[str],
        filters: Mapping[str, list[str]],
        *,
        of_no_one: bool,
        judged: Judged,
    ) -> dict[str, Any]:
        """Per group of staff in post at the end of a year: how many had the yearly JP. Each filter is a slice of the
        report by its field, each row a cell of the report by its fields and that field, withheld as that report
        withholds it (`filters_sliced`, as the headcount's; until 2026-12-06 none was: `unit=` a small unit printed
        the figures its report by unit withheld). `judged.reads`: its reads (`TrainingQueries.compliance`'s answers;
        the scorecard's judging of its cells, `compliance_withheld`, reads each once). The same report whatever the
        order of `by`, as the headcount's (`canonical`)."""
        if list(by) != canonical(by):
            found = self.training_compliance(reader, year, canonical(by), filters, of_no_one=of_no_one, judged=judged)
            return in_asked_order(found, by)
        compliance = judged.reads
        allowed = self.report_within(reader, filters)
        items = compliance(year, by, allowed)
        cell = self.smallest_cell(reader)
        read = partial(compliance, year, by)
        without = self.without_each_filter(reader, filters, read, cell) if items else []
        given = suppression.differenced(items, without, suppression.COMPLIANCE, by, cell)
        sliced = partial(compliance, year)
        whole, crossed, _across = self.filters_sliced(
            reader, filters, allowed, items, by, cell, COMPLIANCE_SLICED_FILTERS, sliced, suppression.COMPLIANCE
        )
        given |= whole | crossed
        # (each row sums, with the others alike but in one field, to a row of the report by fewer fields)
        shown = suppression.suppress(
            items, suppression.COMPLIANCE, cell, complementary=True, margins=by, withheld=given
        )
        if cell > 1:
            # (its `met` withheld, with its share, where it or the rest of its staff is a small group, and in
            # complements along the same lines: 2 of 30 met the 20 JP, which the scorecard withheld, shown until
            # 2026-12-07; each row `met_suppressed`; and where the report by a filter's field withholds it)
            sliced_met = self.met_sliced(reader, year, by, filters, allowed, items, cell, judged) if items else ()
            shown = suppression.attribute_withheld(
                items, shown, suppression.COMPLIANCE_MET, cell, margins=by, withheld=sliced_met
            )
        else:
            shown = [{**row, suppression.MET_FLAG: False} for row in shown]
        staff = sum(row["staff"] or 0 for row in items)
        # (its staff withheld, the groups they are in are too, as the headcount's: the whole population alone, its
        # staff too few or every row a filter's slice withheld; `by=rank&unit=BKD` of the demo's 2 staff listed III/d
        # and IV/c, each withheld, until 2026-12-06. `groups_suppressed` says so, the headcount's `total` null)
        withheld = cell > 1 and bool(items) and (len(whole) == len(items) or suppression.small(staff, cell))
        if cell > 1 and not items and of_no_one:
            # (filtered, of no staff: as a withheld one when the report by a filter's field lists no group, as the
            # headcount's `no_group_listed_by`; `false` beside another unit's `true` told where the few staff were)
            def lists_none(name: str, others: dict[str, list[str]]) -> bool:
                table = self.training_compliance(reader, year, [name], others, of_no_one=False, judged=judged)
                return bool(table["groups_suppressed"])

            withheld = self.withheld_by_a_filter(COMPLIANCE_SLICED_FILTERS, filters, cell, lists_none)
        return {"year": year, "by": by, "items": [] if withheld else shown, "groups_suppressed": withheld}

    def met_sliced(
        self,
        reader: Account,
        year: int,
        by: list[str],
        filters: Mapping[str, list[str]],
        allowed: dict[str, list[str]],
        items: Sequence[Mapping[str, Any]],
        cell: int,
        judged: Judged,
    ) -> set[int]:
        """The rows of a filtered training compliance (`items`, of the reader's scope `allowed`) whose `met` the same
        report without one of its filters, by that filter's field too, withholds (`met_suppressed`), for a reader of
        aggregates: a filtered answer is a slice of that table, so a `met` it withholds, for telling or as a
        complement, is withheld here too (a row the sum of its cells the filter selects, withheld when one of them
        is), every row's when the table by that field alone withholds the value filtered to (the report's rows add up
        to it), and a row's whose cell the report without the filter withholds (the filter's values' rows of that cell
        add up to it). Each table as the same reader gets it (`training_compliance` of the other filters, judged so in
        turn; one refused withholds every row's, what it would withhold not known). Until 2026-12-07 none was:
        `year=2024&by=agency` withheld KOTA-MEDAN's met and PROV-SUMUT's, and `&agency=KOTA-MEDAN` showed 27 of 35,
        which the PNS' 107 of 126 less KAB-DELISERDANG's 38 of 45 left PROV-SUMUT's 42 of 46."""

        def withheld(fields: list[str], others: dict[str, list[str]]) -> set[tuple[Any, ...]] | None:
            """The cells of the table by `fields` under `others` whose met it withholds (None: every one)."""
            try:
                table = self.training_compliance(reader, year, fields, others, of_no_one=False, judged=judged)
            except (InvalidInput, OutsideScope, AccessDenied):
                # (a table the reader cannot ask: what it would withhold unknown, every one; until 2026-12-07 none)
                return None
            hidden = {cell_key(fields, row) for row in table["items"] if row[suppression.MET_FLAG]}
            return None if table["groups_suppressed"] else hidden

        compliance = judged.reads
        found: set[int] = set()
        for name in self.sliced_filters(COMPLIANCE_SLICED_FILTERS, filters, cell):
            others = {key: values for key, values in filters.items() if key != name and values}
            if name not in by:  # (the value filtered to, every row's sum: withheld there, withheld in every row)
                hidden = withheld([name], others)
                if hidden is None or any(cell_key([name], r) in hidden for r in compliance(year, [name], allowed)):
                    return set(range(len(items)))
                # (and a row whose cell the report without the filter withholds: each value's rows add up to it)
                unfiltered = withheld(by, others)
                if unfiltered is None:
                    return set(range(len(items)))
                found |= {i for i, row in enumerate(items) if cell_key(by, row) in unfiltered}
            fields = canonical(by if name in by else [*by, name])
            hidden = withheld(fields, others)
            if hidden is None:
                return set(range(len(items)))
            asked = items if fields == by else compliance(year, fields, allowed)
            groups = {cell_key(by, r) for r in asked if cell_key(fields, r) in hidden}
            found |= {i for i, row in enumerate(items) if cell_key(by, row) in groups}
        return found

    def programmes(
        self, reader: Account, filters: Mapping[str, list[Any]], *, window_months: int = DEFAULT_WINDOW_MONTHS
    ) -> dict[str, Any]:
        """Per training programme: take-up, hours, feedback, cost and participants' later promotions."""
        scoped = self.report_within(reader, filters)
        cell = self.smallest_cell(reader)
        published_only(cell, window_months=window_months)
        # (an unknown programme: the 422 naming it, as an unknown unit; a reader of aggregates', judged in their scope
        # alone: until 2026-12-07 `programme_id=P&agency=A` answered 422 where P had no participant in A, 200 where it
        # had one, withheld, so the agencies of a withheld programme's participants were told one request each)
        named = {"programme_id": filters["programme_id"]} if filters.get("programme_id") else {}
        self.training.known_programmes(scoped if cell <= 1 else self.within(reader, Action.READ_REPORTS, named))
        # (a reader of aggregates' filtered report, its promoted against the same programme's wider answers)
        places = partial(self.training.programme_places, scoped)
        wider = self.wider_answers(reader, filters, scoped, places) if cell > 1 else []
        found = self.training.programmes(scoped, window_months=window_months, wider=wider)
        wider_of = {item["programme_id"]: item.pop("wider", []) for item in found}

        def read(scope: dict[str, list[str]]) -> list[dict[str, Any]]:
            return [{"programme": key, "participants": n} for key, n in self.training.participants(scope).items()]

        # (a programme's participants filtered, against the same programme's without each filter)
        without = self.without_each_filter(reader, filters, read, cell) if found else []
        given = suppression.differenced(programme_cells(found), without, suppression.PROGRAMME, PROGRAMME_KEY, cell)
        for name in self.sliced_filters(SLICED_PROGRAMME_FILTERS, filters, cell) if found else ():
            # (a programme's participants of each value of the filter add up to its row without it)
            everyone = self.training.participants_by(self.without_filter(reader, filters, name), name)
            asked = self.training.participants_by(scoped, name)
            for i, item in enumerate(found):
                key = reference_key(item["programme_id"])
                slices = {value: {"participants": n} for value, n in everyone.get(key, {}).items()}
                if suppression.sliced(slices, set(asked.get(key, ())), suppression.PROGRAMME, cell):
                    given.add(i)
        items = suppression.suppress(found, suppression.PROGRAMME, cell, withheld=given)
        for small_group in (
            suppression.PROGRAMME_FEEDBACK,
            suppression.PROGRAMME_PROMOTABLE,
            suppression.PROGRAMME_COMPARABLE,
        ):
            items = [suppression.withhold(item, small_group, cell) for item in items]
        for attribute in (suppression.PROGRAMME_PROMOTED, suppression.PROGRAMME_COMPARABLE_PROMOTED):
            # (promoted 1 of 7, or 4 of 5: who was promoted, or who was not, told of the programme's participants)
            items = [attribute.withhold(item, cell) for item in items]
            # (or where the programme's without one of the filters less it does: 10 of 20 less 9 of 14 promoted)
            items = [attribute.differenced(item, wider_of[item["programme_id"]], cell) for item in items]
        if self.sliced_filters(SLICED_PROGRAMME_FILTERS, filters, cell):
            # (filtered, a reader of aggregates gets no withheld row: listed, a row told which programmes had
            # participants under the filter, its count withheld; `agency=PROV-SUMUT&unit=BKD` listed the withheld
            # programme of one participant, `unit=BKPSDM` did not, and a loop over the units placed every participant
            # of the withheld programmes, until 2026-12-07. Its answer is the same whether a withheld programme has
            # participants under the filter or none, as the headcount lists no group of people withheld)
            items = [item for item in items if not item[suppression.FLAG]]
        return {"window_months": window_months, "items": items}

    def mentoring_report(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        window_months: int = DEFAULT_WINDOW_MONTHS,
        years: int = DEFAULT_OUTCOME_YEARS,
        spells: dict[tuple[str, ...], SpellIndex] | None = None,
    ) -> dict[str, Any]:
        """Mentoring in aggregate: relationships and sessions, and mentees' outcomes (`items`: mentees,
        peers) against colleagues never mentored. Filtered, a report of no mentee answers as a withheld one to a reader
        of aggregates where the report by a filter's field would withhold any of its groups (`mentees_withheld_by`).
        `spells`: kept across the reports of one request (MentoringQueries.mentoring_outcomes)."""
        unknown = [name for name in filters if name not in MENTORING_REPORT_FILTERS]
        if unknown:
            raise InvalidInput(UNKNOWN_FILTER_OF.reason(known=", ".join(MENTORING_REPORT_FILTERS)), unknown[0])
        scoped = self.report_within(reader, filters)
        cell = self.smallest_cell(reader)
        published_only(cell, window_months=window_months, years=years)
        self.mentoring.known_focus(scoped)
        relationships = self.mentoring.relationship_totals(scoped)
        given = self.mentoring_differenced(reader, filters, scoped, relationships, cell)
        if cell > 1 and not relationships["mentees"]:
            given = self.mentees_withheld_by(reader, filters, cell)
        # (a reader of aggregates' filtered report, its promoted against the same report's wider answers: none read
        # where its mentees are withheld anyway, or there are none)
        judged = cell > 1 and relationships["mentees"] and not given
        places = partial(self.mentoring.places, scoped)
        wider = self.wider_answers(reader, filters, scoped, places) if judged else []
        found = self.mentoring.mentoring_outcomes(
            scoped, window_months=window_months, years=years, wider=wider, spells=spells
        )
        [totals] = suppression.suppress([relationships], suppression.MENTORING, cell, withheld=(0,) if given else ())
        items = [{"group": group, **found[group]} for group in ("mentees", "peers")]
        # (its mentees withheld, so are their outcomes and their peers': the same people's, and those beside them)
        items = suppression.suppress(items, suppression.MENTORING_OUTCOMES, cell, withheld=(0, 1) if given else ())
        # (their promoted withheld where it or the rest of them is a small group: 1 of 13 mentees promoted; or where
        # the report without one of its filters less it is: 10 of 20 less 9 of 14, the other 6 had 1 promoted)
        items = [suppression.MENTORING_PROMOTED.withhold(item, cell) for item in items]
        items = [
            suppression.MENTORING_PROMOTED.differenced(item, [w[item["group"]] for w in found.get("wider", ())], cell)
            for item in items
        ]
        difference = found["difference"]
        difference = {**difference, **dict.fromkeys(suppression.difference_withheld(items, difference))}
        return {
            "relationships": totals,
            "window_months": found["window_months"],
            "years": found["years"],
            "items": items,
            "difference": difference,
            "window_complete": found["window_complete"],
        }

    def sliced_filters(self, sliced: Sequence[str], filters: Mapping[str, list[Any]], cell: int) -> list[str]:
        """The filters given whose values a report's view holds as they are (`sliced`), for a reader of aggregates
        only: the report filtered by one is a slice of the report without it (`suppression.sliced`)."""
        return [name for name in sliced if filters.get(name)] if cell > 1 else []

    def withheld_by_a_filter(
        self,
        sliced: Sequence[str],
        filters: Mapping[str, list[str]],
        cell: int,
        withholds: Callable[[str, dict[str, list[str]]], bool],
    ) -> bool:
        """Whether a filtered report of no one answers as a withheld one, for a reader of aggregates: when, for one of
        its filters whose values the report's view holds as they are (`sliced`, `sliced_filters`), the report by that
        filter's field under its other filters would withhold (`withholds(name, other_filters)`, each report's own
        judgement: the headcount's `no_group_listed_by`, training compliance's, the mentoring report's
        `mentees_withheld_by`), so that which values hold the people withheld is not told by a 0 beside a withheld
        answer. The first filter that withholds settles it; the others are not judged."""
        return any(
            withholds(name, {key: values for key, values in filters.items() if key != name})
            for name in self.sliced_filters(sliced, filters, cell)
        )

    def without_filter(self, reader: Account, filters: Mapping[str, list[Any]], name: str) -> dict[str, list[str]]:
        """The reader's scope of a report's `filters` but one."""
        return self.within(reader, Action.READ_REPORTS, {k: v for k, v in filters.items() if k != name})

    def wider_answers(
        self,
        reader: Account,
        filters: Mapping[str, list[Any]],
        scoped: Mapping[str, list[str]],
        places: Callable[[], Iterable[tuple[str | None, str | None]]],
    ) -> list[dict[str, list[str]]]:
        """The reader's scopes a filtered report's attribute (its promoted) is judged against
        (suppression.Attribute.differenced): the report without each of its filters, and, filtered by where its
        people are (`GEOGRAPHY`), the report under each agency and each region (and the province around it) its
        people are in, and under none, its other filters kept (`places`: the report's agencies and regions). So a
        unit's figure is judged against its agency's and region's as against the report unfiltered, and the same
        people's figure is judged alike whether `unit=BKPSDM` or `agency=KOTA-MEDAN&unit=BKPSDM` selects them (until
        2026-12-07 the first was judged against the unfiltered report alone: KOTA-MEDAN's 10 of 20 less BKPSDM's 9
        of 14 told Bappeda's 6 had 1 promoted). Each scope once, the report's own left out; the projections judge
        each against the answer's people (`projections.training.strictly_wider`)."""
        asked = {name: values for name, values in filters.items() if values}
        wider = [{k: v for k, v in asked.items() if k != name} for name in asked]
        if any(name in asked for name in GEOGRAPHY):
            rest = {k: v for k, v in asked.items() if k not in GEOGRAPHY}
            found = set(places())
            agencies = sorted({agency for agency, _region in found if agency})
            regions = sorted({code for _agency, region in found if region for code in enclosing(region)})
            wider += [rest, *({**rest, "agency": [a]} for a in agencies), *({**rest, "region": [r]} for r in regions)]
        scopes: list[dict[str, list[str]]] = []
        for other in wider:
            scope = self.within(reader, Action.READ_REPORTS, other)
            if scope != scoped and scope not in scopes:
                scopes.append(scope)
        return scopes

    def mentoring_differenced(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        scoped: dict[str, list[str]],
        relationships: dict[str, int],
        cell: int,
    ) -> bool:
        """Whether a filtered mentoring report (the `relationships` totals of the reader's scope of its filters,
        `scoped`) gives away a small group by subtraction, for a reader of aggregates only: against the same report
        without one of its filters (`without_each_filter`), and, for a filter whose values are the view's own
        (`SLICED_MENTORING_FILTERS`), against that filter's other values, each a slice of the report without it
        (`suppression.sliced`). Each an aggregate query (MentoringQueries.relationship_totals), not the
        relationships read and added up (until 2026-12-06, every relationship read once per filter and value)."""
        if cell <= 1 or not relationships["count"]:
            return False

        def read(scope: dict[str, list[str]]) -> list[dict[str, Any]]:
            return [self.mentoring.relationship_totals(scope)]

        without = self.without_each_filter(reader, filters, read, cell)
        if suppression.differenced([relationships], without, suppression.MENTORING, (), cell):
            return True
        for name in self.sliced_filters(SLICED_MENTORING_FILTERS, filters, cell):
            slices = self.mentoring.relationship_totals_by(self.without_filter(reader, filters, name), name)
            asked = set(self.mentoring.relationship_totals_by(scoped, name))
            if suppression.sliced(slices, asked, suppression.MENTORING, cell):
                return True
        return False

    def mentees_withheld_by(self, reader: Account, filters: Mapping[str, list[str]], cell: int) -> bool:
        """Whether a filtered mentoring report of no mentee answers as a withheld one (every figure `null`), for a
        reader of aggregates: when the report by one of its filters' fields, under its other filters, would withhold
        any of its groups (each value a slice of the report without the filter, `suppression.sliced`: a value of 1-2
        mentees, or its complement) or the whole of them (that report withheld, too few or by differencing,
        `mentoring_differenced`), so that which values hold its withheld mentees is not told by `null` beside 0 (a
        review, 2026-12-07: `agency=A&unit=U` over the units answered 0 exactly where there was no mentee and `null`
        where 1-2 were; `rank=R` beside it told a mentee's rank). As the headcount's `no_group_listed_by`, but the
        mentoring report has no table by a field that lists its groups, so a withheld group anywhere in the slices
        withholds the 0s beside it. Two aggregate queries per filter given, of a report of no mentee only."""

        def withholds(name: str, others: dict[str, list[str]]) -> bool:
            scope = self.without_filter(reader, filters, name)
            slices = self.mentoring.relationship_totals_by(scope, name)
            if suppression.sliced(slices, set(slices), suppression.MENTORING, cell):
                return True
            whole = self.mentoring.relationship_totals(scope)
            return suppression.small(whole["mentees"], cell) or self.mentoring_differenced(
                reader, others, scope, whole, cell
            )

        return self.withheld_by_a_filter(SLICED_MENTORING_FILTERS, filters, cell, withholds)

    # ------------------------------------------------------------------ accounts

    def access_log(
        self,
        reader: Account,
        filters: Mapping[str, list[str]],
        *,
        page: int,
        per_page: int,
        after: str | None = None,
        **period: Any,
    ) -> dict[str, Any]:
        """Reads of personal records: an employee's own, or those within the reader's scope, newest first, by
        page number or after a cursor (`after`, a page's `next`)."""
        reach = require(reader, Action.READ_ACCESS_LOG)
        filters = {k: [normalise_nip(v) for v in vs] if k == "nip" else list(vs) for k, vs in filters.items()}
        # an employee asking for another NIP is refused naming it (until 2026-12-05 an empty list, read as "nobody
        # read it"), judged on the NIP alone; a reader's by scope, a NIP or account is no code of a scope: their
        # reads of it within the scope are listed (refusing one outside would tell where its record is)
        scope = {"nip": [reader.nip or ""]} if reach is Reach.OWN else row_filters(reader, Action.READ_ACCESS_LOG)
        refuse_filters_outside(reader, Action.READ_ACCESS_LOG, filters, scope)
        allowed = narrow(filters, scope)
        if allowed is None:
            allowed = {"nip": []}  # (matches nothing; a cursor is still checked)
        paging = Paging(ACCESS_LOG_KEYSET, page, per_page, after)
        return cursor_page(self.accounts.access_log_page(allowed, paging, **period), page, per_page, after).to_dict()

    def account_changes(self, reader: Account, *, page: int, per_page: int, after: str | None = None) -> dict[str, Any]:
        """Every account created, disabled or unlocked, by whom, when and from where, newest first, by page number or
        after a cursor: administrators only."""
        require(reader, Action.MANAGE_ACCOUNTS)
        found = self.accounts.account_changes_page(Paging(ACCOUNT_CHANGES_KEYSET, page, per_page, after))
        return cursor_page(found, page, per_page, after).to_dict()

    def me(self, account: Account) -> dict[str, Any]:
        """The account, its scope and what its role may do."""
        return {
            "account": account,
            "permissions": {action.value: reach.value for action, reach in POLICY[account.role].items()},
        }

    # ------------------------------------------------------------------ scorecard

    def scorecard(
        self, reader: Account, agency: str, year: int, *, years: int = 3, unit: str | None = None, **options: Any
    ) -> dict[str, Any]:
        """The policy scorecard of an agency within the reader's scope (403 outside it), compared with the
        agencies the reader reaches (small cells withheld for aggregate-only readers). Options: `region`
        (only staff there)."""
        require(reader, Action.READ_SCORECARD)
        # (each read of the card and of the reports its values are judged by asked once: the same mentoring,
        # spells and training compliance reads were asked again for each report until 2026-12-07; the units'
        # names read once for them all: projections.units; and on one connection, as the API holds one for its
        # request: the page took one from the pool for each of some 240 reads)
        with self.projector.views.sql.one_connection(), reads_kept(), unit_names_kept():
            return self._scorecard(reader, agency, year, years=years, unit=unit, **options)

    def _scorecard(
        self, reader: Account, agency: str, year: int, *, years: int, unit: str | None, **options: Any
    ) -> dict[str, Any]:
        scope = checked_scope(agency, unit, options.get("region"))
        # (the one check of a reader of an agency: its whole figures, those of its staff in the reader's regions, or
        # refused naming it; a region asked outside the scope refused naming it)
        placed = self.queries.placed_within
        regions = agency_reach(reader, Action.READ_SCORECARD, scope.agency, self.queries.staffs, placed)
        if scope.region:
            region_within(reader, scope.region, regions, self.queries.staffs)
        region = scope.region or (None if regions is None else one_region(reader, scope.agency, regions))
        card = ScorecardQueries(self.projector.views.sql).scorecard(
            scope.agency,
            year,
            years=years,
            unit=scope.unit,
            region=region,
            # (compared with the agencies read whole alone: not one with staff placed outside a region reader's
            # scope)
            peers=lambda other: read_whole(reader, Action.READ_SCORECARD, other, placed),
            exact_below=self.smallest_cell(reader),
        )
        cell = self.smallest_cell(reader)
        withheld = (
            self.compliance_withheld(reader, card, cell)
            | self.mentoring_withheld(reader, card)
            | self.staff_withheld(reader, card)
            if cell > 1
            else set()
        )
        return suppression.scorecard(card, cell, withheld=withheld)

    def mentoring_withheld(self, reader: Account, card: Mapping[str, Any]) -> set[str]:
        """The scorecard's mentoring values (`suppression.value_key`: outcomes.promotion_mentored, its mentees, and
        promotion_unmentored, their peers) whose promoted the mentoring report, asked by the reader of the same
        people (`mentoring_report` filtered to the value's agency, and the scorecard's unit or region in its trend),
        withholds, by the same judgement (its small groups and its wider answers, `wider_answers`): until 2026-12-07
        KOTA-MEDAN's 2024 scorecard showed its mentees' 9 promoted of 14 that the report withholds (the report
        unfiltered, 10 of 20, less it told that KAB-KARO's 6 had 1 promoted). Each report asked once (the values of
        every year are of every mentoring recorded); one refused withholds the values it would judge, and a value
        whose figures are not the report's (a region's card counts the peers in post in the region) is withheld."""
        reports: dict[tuple[Any, ...], dict[str, Mapping[str, Any]]] = {}
        spells: dict[tuple[str, ...], SpellIndex] = {}  # (each agencies' spells read once for every report)
        withheld: set[str] = set()
        for indicator, value, filters in card_values(card, MENTORING_INDICATORS):
            months = (value.get("details") or {}).get("window_months", DEFAULT_WINDOW_MONTHS)
            key = (months, *sorted((k, tuple(v)) for k, v in filters.items()))
            if key not in reports:
                try:
                    found = self.mentoring_report(reader, filters, window_months=months, spells=spells)["items"]
                except (InvalidInput, OutsideScope, AccessDenied):
                    found = []
                reports[key] = {row["group"]: row for row in found}
            row = reports[key].get(MENTORING_INDICATORS[indicator])
            if (
                row is None
                or row[suppression.FLAG]
                or row["promoted"] is None
                or (row["count"], row["promoted"]) != (value["denominator"], value["numerator"])
            ):  # (a figure not the report's, a region card's peers in post in the region where the report's peers
                # are of the region's mentees' agency: the one less the other told the peers outside the region's)
                withheld.add(suppression.value_key_of(indicator, value))
        return withheld

    def staff_withheld(self, reader: Account, card: Mapping[str, Any]) -> set[str]:
        """The scorecard's values (`suppression.value_key`) whose denominator is the staff in post of the card's
        population (STAFF_INDICATORS: awards.per_1000_staff) in the current year, where the headcount asked by the
        reader for the same population by status (the agency, and the card's unit or region in its trend) withholds a
        status the card counts (`in_post_statuses`: every one but those away from duty, not only the active): the
        value withheld whole (its numerator, the awards of a published decree, over its value gave the count back),
        with complements as its own (`suppression.scorecard`), whatever the two counts (withheld only where they are
        equal, its withholding would tell that they are). The count is then the sum of cells the headcount publishes.
        Until 2026-12-07 shown: a reporter's KAB-KARO Sekretariat Daerah, a complement of the headcount `by=unit`, had
        1 award of 14 staff; and, judged by the headcount's active total alone, the card's staff less it told the
        staff under a penalty or preparing for retirement, which the headcount by status withholds (a review of
        2026-12-07). The year-end staff of a past year are another population (that year's), not judged so; a
        request the headcount refuses withholds every value it would judge."""
        year = date.fromisoformat(card["as_of"]).year
        counted = in_post_statuses()
        totals: dict[tuple[Any, ...], bool] = {}
        withheld: set[str] = set()
        for indicator, value, place in card_values(card, STAFF_INDICATORS):
            if value["year"] != year or value["denominator"] is None:
                continue
            key = report_key(year, [], place)
            if key not in totals:
                try:
                    table = self.headcount(reader, ["status"], place)
                    rows = [row for row in table["items"] if row["status"] in counted]
                    totals[key] = not table["items"] or any(row[suppression.FLAG] for row in rows)
                except (InvalidInput, OutsideScope, AccessDenied):
                    totals[key] = True
            if totals[key]:
                withheld.add(suppression.value_key_of(indicator, value))
        return withheld

    def compliance_withheld(self, reader: Account, card: Mapping[str, Any], cell: int) -> set[str]:
        """The scorecard's values (`suppression.value_key`) that are cells of the training compliance which that
        report, asked by the reader (`training_compliance`), withholds: training.jp_share and hours_per_employee
        of an agency and year its row `by=agency`, training.jp_share_by_rank/sex/region its rows `by=rank` (or sex,
        region) and `by=agency,rank`, each filtered to the agency (and the scorecard's unit or region in its trend).
        The scorecard shows such a cell only where both of those show it (its own withholding on top, those withheld
        with complements as its own: `suppression.scorecard`), so that the two reports together disclose no more than
        the training compliance alone (until 2026-12-07 each withheld on its own: KOTA-MEDAN's 2025 scorecard showed
        II/a 3 of 5 and IV/c 5 of 5, which the training compliance by rank withholds as complements, and its whole 97
        of 114 less the ranks shown told that one of the 12 staff of the four small ranks missed 20 JP). A share's
        value (training.jp_share and by rank, sex, region), and the JP per employee (its JP withheld with the `met` they
        bound), is shown only where its row's `met` is too (`met_suppressed` false: the training compliance's attribute
        rule, since 2026-12-07). The untrained staff's outcomes (COMPLIANCE_BOUNDED: outcomes.promotion_untrained,
        post_appointment_untrained) are shown only where every rank's `met` of the card's population is, in both
        of jp_share_by_rank's tables (the staff less the met less them is those of the ranks where nobody met the
        JP: since 2026-12-07). A request refused (a year before the report's first) withholds every value it would
        judge, but a past year's awards.per_1000_staff (PAST_STAFF_INDICATORS: its staff on 31 December, the
        report's `staff` where all are PNS), withheld only where the report by agency withholds the population's
        staff (`staff_shown`): a report refused, or one that lists no PNS and withholds none, has no staff count
        to give away (since 2026-12-07)."""
        # (one read of each year's staff, of every agency, by the fields its reports count by and are filtered on)
        fields = [f for forms in COMPLIANCE_INDICATORS.values() for by in forms for f in by]
        compliance = ComplianceReads(self.training, [*fields, *(k for k in ("unit", "region") if card.get(k))])
        # (and each answer its reports are judged against worked out once for the card: the same year's tables without
        # each filter, `met_sliced`, are asked by each of its reports; until 2026-12-07 a `Judged` per report worked
        # them out again for each: about 5% of a card's CPU saved, the 80 cards compared byte-identical)
        shared = Judged(compliance)
        reports: dict[Any, dict[str, Any] | None] = {}

        def answer(year: int, by: list[str], filters: dict[str, list[str]]) -> dict[str, Any] | None:
            """The training compliance by `by` under `filters` (its items, and `groups_suppressed`: its whole
            population's staff withheld, no row listed), each asked once; None when it is refused."""
            key = report_key(year, by, filters)
            if key not in reports:
                try:
                    reports[key] = self.training_compliance(reader, year, by, filters, judged=shared)
                except (InvalidInput, OutsideScope, AccessDenied):
                    reports[key] = None
            return reports[key]

        def report(year: int, by: list[str], filters: dict[str, list[str]]) -> list[dict[str, Any]] | None:
            """The items of `answer`; None when it is refused."""
            found = answer(year, by, filters)
            return None if found is None else found["items"]

        def met_shown(row: Mapping[str, Any]) -> bool:
            return not row[suppression.FLAG] and not row[suppression.MET_FLAG]

        def shown(year: int, by: list[str], filters: dict[str, list[str]], group: Mapping[str, Any]) -> bool:
            """Whether the training compliance by `by` under `filters` shows the row of `group` (the agency's one row
            when `by` is agency alone) unwithheld, its `met` and JP too (`met_suppressed` false: a share's numerator,
            and the JP per employee, which bound it); none when it is refused."""
            place = group or {"agency": filters["agency"][0]}
            rows = [r for r in report(year, by, filters) or [] if all(r.get(k) == v for k, v in place.items())]
            return len(rows) == 1 and met_shown(rows[0])

        def all_shown(year: int, by: list[str], filters: dict[str, list[str]]) -> bool:
            """Whether the training compliance by `by` under `filters` shows every row of the agency's with its `met`
            (COMPLIANCE_BOUNDED); none when it is refused."""
            found = report(year, by, filters)
            agency = filters["agency"][0]
            return found is not None and all(met_shown(r) for r in found if r.get("agency", agency) == agency)

        def staff_shown(year: int, by: list[str], filters: dict[str, list[str]]) -> bool:
            """Whether the training compliance by `by` (agency) under `filters` withholds no staff count of the
            population (PAST_STAFF_INDICATORS): refused (nothing published to the reader), no PNS listed and the
            answer not withheld whole (`groups_suppressed`), or its row of the agency shown."""
            found = answer(year, by, filters)
            if found is None:
                return True
            agency = filters["agency"][0]
            rows = [r for r in found["items"] if r.get("agency", agency) == agency]
            return not found["groups_suppressed"] and not any(r[suppression.FLAG] for r in rows)

        # (judged a year at a time, its reads and reports dropped once it is: one year's held at once)
        judged: dict[int, list[tuple[str, Mapping[str, Any], dict[str, list[str]]]]] = defaultdict(list)
        current = date.fromisoformat(card["as_of"]).year
        for indicator, value, filters in card_values(
            card, [*COMPLIANCE_INDICATORS, *COMPLIANCE_BOUNDED, *PAST_STAFF_INDICATORS]
        ):
            # (the current year's staff in post are the headcount's: `staff_withheld`)
            past = value["year"] != current and value["denominator"] is not None
            if indicator not in PAST_STAFF_INDICATORS or past:
                judged[value["year"]].append((indicator, value, filters))
        withheld: set[str] = set()
        for year, values in judged.items():
            for indicator, value, filters in values:
                if indicator in PAST_STAFF_INDICATORS:
                    if not staff_shown(year, PAST_STAFF_INDICATORS[indicator], filters):
                        withheld.add(suppression.value_key_of(indicator, value))
                    continue
                if indicator in COMPLIANCE_BOUNDED:
                    # (the untrained staff: every rank's met, which they and the agency's bound together)
                    if not all(all_shown(year, by, filters) for by in COMPLIANCE_BOUNDED[indicator]):
                        withheld.add(suppression.value_key_of(indicator, value))
                    continue
                forms = COMPLIANCE_INDICATORS[indicator]
                # (the JP too: withheld with the met, which they bound)
                if not all(shown(year, by, filters, value["group"]) for by in forms):
                    withheld.add(suppression.value_key_of(indicator, value))
            compliance.drop(year)
            shared.drop(year)
            for key in [key for key in reports if key[0] == year]:
                del reports[key]
        return withheld


# CAREERLOG_DISCLOSURE's methods (web.config.DISCLOSURES), and what a headcount says of its figures (`disclosure`):
# perturbed (the cell-key method), withheld (small cells withheld, the rest exact), exact (a reader of records)
PERTURB, WITHHOLD = "perturb", "withhold"
PERTURBED, WITHHELD, EXACT = "perturbed", "withheld", "exact"


@dataclass(frozen=True)
class Disclosure:
    """How the headcount protects its small cells from a reader of aggregates (CAREERLOG_DISCLOSURE), and the secret
    the people's record keys are drawn from under `perturb` (CAREERLOG_CELL_KEY_SECRET)."""

    method: str
    secret: str = field(default="", repr=False)
    # perturb's rules on top of the cell key (Services.perturbed_headcount): the minimum cell and one value per filter;
    # False, the cell key alone (perturb until 2026-12-06), for bench.disclosure's comparison and the tests' attacks
    guarded: bool = True


def published_only(cell: int, **asked: Any) -> None:
    """Refuse a reader of aggregates (`cell` above 1) a report's window or outcome years other than the published
    definition's (`PUBLISHED`; InvalidInput naming the parameter and the values allowed, after the scope's 403), as
    `one_value_each` refuses a union of values: an answer under another value less the same under this one gives the
    figure of the months or years between, which no withholding of either answer alone can judge. Inspectors, HR and
    administrators ask any."""
    if cell > 1:
        refused: dict[str, list[str]] = {
            name: [PUBLISHED_ONLY.reason(allowed=", ".join(str(v) for v in PUBLISHED[name]), number=value)]
            for name, value in asked.items()
            if value not in PUBLISHED[name]
        }
        if refused:  # (each field given named in one answer, as the schemas do)
            raise InvalidInput(refused)


def one_value_each(filters: Mapping[str, list[str]], cell: int) -> None:
    """Refuse a reader of aggregates (`cell` above 1) more than one distinct value of a filter of an aggregate report
    (InvalidInput naming it, before the report is read, after the scope's 403: Services.report_within), under
    either CAREERLOG_DISCLOSURE: each list of values is a union of cells, a subtotal no table's margins hold, and its
    difference from another report gives a withheld cell away (under withhold: KAB-KARO's deceased men, the men of every
    status less those ACTIVE or RETIRED of the other agencies) or, under perturb, the differences of many unions with
    and without one cell average its noise away (docs/security.md). A `region` takes the regions inside it all the same
    (one value, a hierarchy).
    (Until 2026-12-06 under perturb alone, the headcount alone.)
    Values counted as the filter reads them (`filter_key`): until 2026-12-06 `unit=Bappeda&unit=BAPPEDA` was refused
    as 2 values, and (asked of the services) `agency=kota-medan&agency=KOTA-MEDAN` too."""
    if cell > 1:
        for name, values in filters.items():
            distinct = {filter_key(name, v) for v in values}
            if len(distinct) > 1:
                raise InvalidInput(ONE_VALUE_AGGREGATES.reason(count=len(distinct)), name)


def filters_at_most(filters: Mapping[str, list[str]], cell: int, most: int) -> None:
    """Refuse a reader of aggregates (`cell` above 1) more than `most` filters given at once
    (CAREERLOG_MAX_REPORT_FILTERS) of an aggregate report, InvalidInput naming each of them with the limit
    (`TOO_MANY_FILTERS`), after `one_value_each` (Services.asked_within): the withholding judges a filtered answer
    against the tables without each filter, each judged so in turn, at a cost growing about 3^filters (the training
    compliance of four one-value filters took 11 s of CPU on the demo of 2,000 until 2026-12-07). A filter read
    by default (the headcount's statuses) is none given. Refused rather than answered withheld: a withheld answer would
    read as small groups, where the request was only too wide to judge, and the client is told how to mend it."""
    given = [name for name, values in filters.items() if values]
    if cell > 1 and len(given) > most:
        reason = TOO_MANY_FILTERS.reason(most=most, count=len(given), fields=", ".join(given))
        raise InvalidInput({name: [reason] for name in given})


def filter_key(name: str, value: Any) -> Any:
    """A filter's value as the filter reads it, so that values it reads alike count as one (`one_value_each`): a
    `unit`'s name in any letter case or spacing (`unit_key`, as `with_unit_spellings` reads it: Bappeda, BAPPEDA and
    ` bappeda `), a coded filter's code in any letter case, the spaces around it aside (its one reader,
    careerlog.reference.filter_codes, the API's CodeFilter's, the pages' filters_from's and `read_codes`': kota-medan
    and KOTA-MEDAN, ` 12.71` and 12.71; a rank's over the PNS ranks and the PPPK grades together), any other value (or
    one no code) as given."""
    if not isinstance(value, str):
        return value
    if name == "unit":
        return unit_key(value)
    codes = filter_codes(name)
    return value if codes is None else codes.read_or_as_typed(value)


def in_post_statuses() -> frozenset[str]:
    """The statuses the scorecard counts as staff in post (its awards.per_1000_staff's denominator,
    projections.scorecard.competency.in_post): every status but those away from duty (NOT_IN_POST) and those that
    end employment (a spell ends there), the active staff and those under a penalty or preparing for retirement."""
    ref = reference()
    return frozenset(s.code for s in ref.statuses) - ref.separation_statuses() - set(NOT_IN_POST)


def card_values(
    card: Mapping[str, Any], indicators: Iterable[str]
) -> Iterator[tuple[str, Mapping[str, Any], dict[str, list[str]]]]:
    """Each value of the scorecard's `indicators` (its trend's and comparison's) with the filters of the report that
    counts the same people (Services.compliance_withheld, mentoring_withheld): its agency, and in the trend the
    scorecard's unit or region."""
    for indicator in indicators:
        item = card["indicators"].get(indicator)
        for scope in suppression.SCORECARD_SCOPES if item else ():
            for value in item[scope]:
                filters = {"agency": [value["agency"]]}
                if scope == "trend":
                    filters |= {k: [card[k]] for k in ("unit", "region") if card.get(k)}
                yield indicator, value, filters


def report_key(year: int, by: Sequence[str], filters: Mapping[str, Any] | None) -> tuple[Any, ...]:
    """A training compliance's read or report as the scorecard's judging keeps it (Services.compliance_withheld,
    ComplianceReads): its year, `by` and filters, given in any order."""
    return (year, tuple(by), tuple(sorted((k, tuple(v)) for k, v in (filters or {}).items())))


class ComplianceReads:
    """The training compliance's reads of one scorecard's judging of its training cells (Services.compliance_withheld),
    and of a reader of aggregates' training compliance request (`training_compliance`'s `Judged.reads`): each year's
    staff in post read once, of every agency, by `fields` (those
    its reports count by and are filtered on: `TrainingQueries.compliance_groups`), and each read a report asks
    (`TrainingQueries.compliance(year, by, filters)`: the report's own, without each filter, by a filter's field)
    added up from the groups its filters select (`compliance_added_up`): the same rows as its own query's. A read by
    or filtered on another field is its own query. Each kept (`report_key`): the agencies' reports read the same tables
    without their filters. A year's groups and reads are dropped once its judging is done (`drop`: one year's held at
    once; until 2026-12-07 every year's, for the whole request). Every agency's, by `unit` too on a unit's card: its
    judging reads the tables by unit of every agency (a unit filter's table without the agency's filter,
    `Services.filters_sliced`). Until 2026-12-07 each was a query of its own: 139 for a reporter's six years of
    KOTA-MEDAN on the demo of 200, about 7 x (years + agencies - 1) reports' worth."""

    def __init__(self, training: TrainingQueries, fields: Sequence[str]) -> None:
        self.training = training
        self.fields = list(dict.fromkeys(["agency", *fields]))
        self.groups: dict[int, dict[Any, list[dict[str, Any]]]] = {}  # (a year's groups by agency)
        self.reads: dict[tuple[Any, ...], list[dict[str, Any]]] = {}

    def __call__(self, year: int, by: Sequence[str], filters: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """`TrainingQueries.compliance(year, by, filters)`'s answer."""
        key = report_key(year, by, filters)
        if key not in self.reads:
            self.reads[key] = self.read(year, by, filters or {})
        return self.reads[key]

    def drop(self, year: int) -> None:
        """Forget the year's groups and reads (its judging done)."""
        self.groups.pop(year, None)
        for key in [key for key in self.reads if key[0] == year]:
            del self.reads[key]

    def read(self, year: int, by: Sequence[str], filters: Mapping[str, Any]) -> list[dict[str, Any]]:
        # (a filter's values as its SQL reads them: `filter_clauses`, text, None or "" no filter)
        asked = {name: {str(v) for v in filter_values(values)} for name, values in filters.items()}
        asked = {name: values for name, values in asked.items() if values}
        if not {*by, *asked} <= set(self.fields):
            return self.training.compliance(year, by, filters)
        if year not in self.groups:
            agencies: dict[Any, list[dict[str, Any]]] = defaultdict(list)
            for group in self.training.compliance_groups(year, self.fields):
                agencies[group["agency"]].append(group)
            self.groups[year] = agencies
        held = self.groups[year]
        chosen = [
            group
            for agency in asked.get("agency", held)
            for group in held.get(agency, ())
            if all(group[name] in values for name, values in asked.items())
        ]
        return self.training.compliance_added_up(year, by, chosen)


@dataclass
class Judged:
    """One request's memo of the answers a reader of aggregates' report is judged against, each an answer per fields
    and filters (`key`): the headcount's tables by its filters' fields (`Services.cross_tables_withheld`), the
    training compliance's without each filter (`Services.met_sliced`), each judged so in turn. Each answer is worked
    out once however many ask it (`answers`), and the reads of the request's scopes they share are `reads`'s (the
    headcount's `ScopeCounts`: each table's fields and filters are the request's, arranged otherwise; the training
    compliance's `TrainingQueries.compliance`, or the scorecard's `ComplianceReads`). Until 2026-12-07 two of them,
    the headcount's `CrossTables` and the training compliance's `answers` and `compliance` handed down apart."""

    reads: Callable[..., list[dict[str, Any]]]
    answers: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)

    @staticmethod
    def key(by: Sequence[str], filters: Mapping[str, list[str]], of_no_one: bool, *asked: Any) -> tuple[Any, ...]:
        """One answer's key: what else it is asked of (the training compliance's year), its fields, its filters given
        (each's values as given, in any order of the filters) and `of_no_one`."""
        given = tuple(sorted((name, tuple(values)) for name, values in filters.items() if values))
        return (*asked, tuple(by), given, of_no_one)

    def drop(self, year: int) -> None:
        """Forget the training compliance's answers of a year (`key`'s first: the scorecard's judging of it done)."""
        for key in [key for key in self.answers if key[0] == year]:
            del self.answers[key]


class ScopeCounts:
    """One reporter's headcount's reads of the roster (Services.headcount, for a reader of aggregates: its rows, the
    report without each filter, and the tables by each filter's field it is judged against): each scope read once,
    by every field the request counts by (`fields`: its own and its filters'), and each headcount of it by some of
    those fields added up from that (`projections.queries.added_up`: the same rows as its own query's). Until
    2026-12-06 each was a query of its own: 18 of 7 scopes for `by=unit&agency=KOTA-MEDAN&sex=F`. A scope's filters
    each select one value (`one_value_each`: a region the regions inside it, a unit its spellings), so grouping by
    them adds rows only for the fields the scope leaves out (at most two, the report's filters left out by
    `filters_sliced`'s tables without another filter)."""

    def __init__(self, queries: Queries, fields: Sequence[str]) -> None:
        self.queries = queries
        self.fields = list(fields)
        self.groups: dict[tuple[Any, ...], list[Row]] = {}

    def __call__(self, by: Sequence[str], scope: dict[str, list[str]]) -> list[dict[str, Any]]:
        """The headcount by `by` of the reader's `scope` (`Queries.headcount`'s answer)."""
        if not set(by) <= set(self.fields):  # (no field the request counts by: its own query)
            return self.queries.headcount(by, scope)
        key = tuple(sorted((name, tuple(v) if isinstance(v, (list, tuple)) else (v,)) for name, v in scope.items()))
        if key not in self.groups:
            self.groups[key] = self.queries.headcount_groups(self.fields, scope)
        return added_up(self.groups[key], by)


def differenced_total(total: int, without: Sequence[Sequence[Mapping[str, Any]]], cell: int) -> int | None:
    """A headcount's total, withheld when it is a small cell or when the same report without one of its filters
    (`without`, Services.without_each_filter) counts a small group more or fewer."""
    if any(suppression.small(abs(sum(r["count"] for r in other) - total), cell) for other in without):
        return None
    return suppression.total(total, cell)


def filter_sliced(
    rows: Sequence[Mapping[str, Any]],
    by: Sequence[str],
    name: str,
    asked: set[Any],
    slices: Mapping[Any, Mapping[str, Any]],
    cell: int,
    cells: suppression.Cells = suppression.HEADCOUNT,
    *,
    withheld: Collection[Any] = (),
) -> set[int]:
    """The rows of a headcount (or a report of `cells` alike: the training compliance's) filtered by `name` (to the
    values `asked`, as `slice_value` tells them apart) that the table by that field (`slices`: `status_slices`,
    Services.filters_sliced) would give away: a value the table withholds, or takes as a complement, withheld here too
    (`suppression.sliced`; `withheld`, the values it withholds besides its small ones, `differenced_slices`) — a row
    of that value when the report is by that field, every row when it is not (the report filtered to RETIRED was that
    table's withheld RETIRED, and its total less ACTIVE and RETIRED the DECEASED it withheld)."""
    if not slices or not rows:
        return set()
    if name in by:
        return {
            i
            for i, row in enumerate(rows)
            if suppression.sliced(slices, {slice_value(name, row[name])}, cells, cell, withheld=withheld)
        }
    if suppression.sliced(slices, asked, cells, cell, withheld=withheld):
        return set(range(len(rows)))
    return set()


def read_of(
    read: Callable[[list[str], dict[str, list[str]]], list[dict[str, Any]]],
    fields: list[str],
    scope: dict[str, list[str]],
) -> list[dict[str, Any]]:
    """A report (`read`) by `fields` of a reader's `scope`, none when the scope holds no one."""
    return [] if scope is NOTHING else read(fields, scope)


def field_slices(name: str, table: Sequence[Mapping[str, Any]], cells: suppression.Cells) -> dict[Any, dict[str, Any]]:
    """A table's rows added up by one of its fields (`slice_value`: a unit in every spelling one): the table by that
    field alone, each value a slice (`filter_sliced`)."""
    slices: dict[Any, dict[str, Any]] = {}
    for row in table:
        held = slices.setdefault(slice_value(name, row[name]), {cells.count: 0})
        held[cells.count] += row[cells.count] or 0
    return slices


def count_of(slices: Mapping[Any, Mapping[str, Any]], key: Any, cells: suppression.Cells) -> int:
    """The people of one value of a table by one field (`field_slices`), none when it has no row."""
    return int(slices.get(key, {}).get(cells.count, 0))


def differenced_slices(
    slices: Mapping[Any, Mapping[str, Any]],
    withouts: Iterable[Mapping[Any, Mapping[str, Any]]],
    cells: suppression.Cells,
    cell: int,
) -> set[Any]:
    """The values of a table by one field (`field_slices`) that the same table without one of its filters
    (`withouts`, alike) differs from by a small group: withheld by that table's report (`suppression.differenced`)."""
    return {
        key
        for other in withouts
        for key, held in slices.items()
        if suppression.small(abs(count_of(other, key, cells) - held[cells.count]), cell)
    }


def crossed_withheld(
    rows: Sequence[Mapping[str, Any]],
    by: Sequence[str],
    fields: Sequence[str],
    table: Sequence[Mapping[str, Any]],
    asked_cells: Sequence[Mapping[str, Any]],
    cell: int,
    cells: suppression.Cells = suppression.HEADCOUNT,
    *,
    withheld: Collection[int] = (),
) -> set[int]:
    """The rows of a headcount (or a report of `cells` alike) by `by`, filtered by one field, whose cells of the table
    by `fields` (`by` and that field) under the other filters (`table`) that table withholds or complements along
    its margins (`suppression.suppress`; `withheld`, its rows withheld besides the small ones,
    `suppression.differenced`): a row is the sum of its cells the filter selects (`asked_cells`, the report by
    `fields` as filtered), withheld when one of them is, so that a figure shown under a filter is one the table by its
    field shows too. Its cells withheld are those it withholds with `withheld` and without (never fewer than before
    `withheld` was given: the complements it picks change with it, and a cell hidden without it, the only hiding
    until 2026-12-06, was shown under the filter: `by=post_kind&agency=KOTA-MEDAN&sex=F` printed PELAKSANA 42, its 67
    less the 25 men that every table withheld). The table is suppressed without `withheld` only when that could
    withhold a row more: not when `withheld` holds small cells alone (the same suppression), nor when every row is
    withheld already (and Services.filters_sliced asks none when an earlier filter's table withheld every row): 3,651
    suppressions where 7,951 were, over 2,214 reporter's requests of the 500-employee demo, the same rows withheld."""
    if not rows or not table:
        return set()
    small = {i for i, row in enumerate(table) if suppression.small(row[cells.count], cell)}
    keys = [(cell_key(fields, row), cell_key(by, row)) for row in asked_cells]
    hidden: set[tuple[Any, ...]] = set()
    found: set[int] = set()
    for given in [frozenset(withheld), *([frozenset()] if not small.issuperset(withheld) else [])]:
        shown = suppression.suppress(table, cells, cell, complementary=True, margins=fields, withheld=given)
        hidden |= {cell_key(fields, row) for row in shown if row[suppression.FLAG]}
        groups = {group for key, group in keys if key in hidden}
        found = {i for i, row in enumerate(rows) if cell_key(by, row) in groups}
        if len(found) == len(rows):
            break
    return found


def canonical(by: Sequence[str]) -> list[str]:
    """A report's `by` in the one order its withholding is judged in, whatever order it was asked in: until
    2026-12-07 the complements followed the order (`by=recruitment_path,status` withheld a cell
    `by=status,recruitment_path` showed, the same table). Its fields by name, `status` last: the order of the tables
    by unit and status that a review's audit by linear programs checked (tests/functional/
    test_suppression_fewest_complements.py; taken status first, KOTA-MEDAN's table by unit and status showed
    Inspektorat's 10 active, and with it gave Bappeda's and Dinas Sosial's 3 active away)."""
    return [*sorted(b for b in by if b != "status"), *(["status"] if "status" in by else [])]


def in_asked_order(answer: Mapping[str, Any], by: Sequence[str]) -> dict[str, Any]:
    """A report judged by `canonical(by)`, its `by`, its rows' fields and their order as asked."""
    items = [{**{b: item[b] for b in by}, **{k: v for k, v in item.items() if k not in by}} for item in answer["items"]]
    return {**answer, "by": list(by), "items": sorted(items, key=report_order(by))}


def cell_key(fields: Sequence[str], row: Mapping[str, Any]) -> tuple[Any, ...]:
    """A headcount's row as a cell of another headcount by the same fields (a unit in every spelling one)."""
    return tuple(slice_value(name, row[name]) for name in fields)


def status_slices(table: Sequence[Mapping[str, Any]]) -> dict[Any, dict[str, Any]]:
    """The headcount by status (the table `?by=status` shows, in its order) from a table by some fields and status
    (Services.status_table): each status a slice of it, the report filtered to some of them their sum
    (`filter_sliced`). Empty when none was read."""
    counts: dict[Any, int] = {}
    for row in table:
        counts[row["status"]] = counts.get(row["status"], 0) + row["count"]
    found = sorted(({"status": status, "count": n} for status, n in counts.items()), key=report_order(["status"]))
    return {row["status"]: {"count": row["count"]} for row in found}


def status_table_total_withheld(slices: Mapping[Any, Mapping[str, Any]], cell: int) -> bool:
    """Whether the headcount by status (`slices`) withholds its total (the rows it withholds worked out from it, or
    a small total): then so is every headcount's count of every status (`total_all_statuses`), the same figure."""
    rows = list(slices.values())
    shown = suppression.suppress(rows, suppression.HEADCOUNT, cell, complementary=True)
    hidden = {i for i, row in enumerate(shown) if row[suppression.FLAG]}
    every = sum(row["count"] for row in rows)
    return suppression.exposed(rows, suppression.HEADCOUNT, hidden, cell) or suppression.total(every, cell) is None


def with_mentoring(rows: Any, kept: dict[int, dict[str, Any]]) -> Any:
    """An import's rows as read, each that may write a mentor's record too (naming a mentor, or a retraction or
    correction of a mentoring) kept by its line in `kept`, for its refusal's reads (Services.import_file)."""
    for line, row, size in rows:
        if isinstance(row, dict) and ("mentor_nip" in row or row.get("kind") in ("retraction", "correction")):
            kept[line] = row
        yield line, row, size


Staffed = Callable[[str, list[str]], bool]  # (whether an agency has an employee placed in one of the regions)


def refuse_filters_outside(
    reader: Account,
    action: Action,
    filters: Mapping[str, list[str]],
    reach: Mapping[str, list[str]] | None = None,
    staffed: Staffed | None = None,
) -> None:
    """OutsideScope (a 403 naming `agency`, else `region`, and the codes asked outside the scope) when any agency, or
    any region, a report's, an audit's or the roster's filters ask for is outside the reader's scope (an HR office of
    KOTA-MEDAN asking for KAB-KARO, a province's reader for another province): the read for nobody answered an empty
    report (total 0) or an empty list, read as no activity there, and of several agencies with one outside, the others'
    alone, under a filter naming all of them (until 2026-12-05). Judged on the codes they are in any letter case
    (`read_codes`: `kota-medan` is KOTA-MEDAN), each on its own, whether the agency has staff or not (a region scope's
    agency aside: `staffed`, read within the scope): one that is no code is the query's to refuse (a 422 naming it:
    agencies and regions are public reference data), so the answer tells nothing of the records outside the scope. One
    asked within the scope (an agency's staff in any region, to an HR office of the agency; any agency's staff in a
    province, to the province's reader) and a national reader's are read as asked. `reach`: the filters the scope
    allows, when not the action's row filters (an employee's access log, `{"nip": [their own]}`: another NIP is
    refused naming `nip`, judged on the NIP alone).
    `staffed`: whether any employee of an agency is placed in the regions (the roster's, `Queries.staffs`), for a reader
    scoped by region alone (`seats_meet`). Any code asked that is no code of its table, and none is refused here: the
    422 naming it comes first (`read_codes`)."""
    reach = row_filters(reader, action) if reach is None else reach
    known = read_codes(filters)
    if not reach or known is None:
        return
    for name, one, several in FILTERS_OUTSIDE:
        if name == "nip" and name not in reach:  # (a NIP is judged only against a scope of NIPs: an employee's own)
            continue
        given = (v for v in known.get(name, ()) if isinstance(v, str))
        outside = [
            v
            for v in dict.fromkeys(given)
            if narrow({name: [v]}, reach) is None
            or not seats_meet(name, [v], reach, staffed)
            or not regions_within(name, v, reach)
        ]
        if outside:
            values = {"scope": reader.scope.describe(), "own": reader.nip or ""}
            if len(outside) == 1:
                said = one.reason(**{name: outside[0]}, **values)
            else:  # (the last joined by "and": "Agencies KAB-KARO and BKN are ...", "Regions 13, 14 and 15 are ...")
                said = several.reason(**{name: ", ".join(outside[:-1])}, last=outside[-1], **values)
            raise OutsideScope(said, name)


def regions_within(name: str, region: str, reach: Mapping[str, list[str]]) -> bool:
    """Whether a region asked of a reader scoped by regions lies wholly within them (`refuse_filters_outside`): a
    province holding the reader's city (region 12 to a reader of 12.71) does not, and is refused as the scorecard
    refuses it, not read of the reader's regions alone (until 2026-12-06 every report, audit and the roster answered
    Kota Medan's figures under `region=12`, with nothing saying so). Other filters, and other scopes, always are."""
    if name != "region" or not reach.get("region"):
        return True
    return expand_regions([region]) <= expand_regions(reach["region"])


def read_codes(filters: Mapping[str, list[str]]) -> dict[str, list[str]] | None:
    """The filters with their agencies and regions read as the codes they are in any letter case (their filters' one
    reader, careerlog.reference.filter_codes: `kota-medan` is KOTA-MEDAN, judged within the scope as KOTA-MEDAN is),
    the others (a NIP) as given; None when any agency or region is no code: the query's 422 before any scope's 403
    (`refuse_filters_outside`), even beside a code outside the scope (`agency=NOPE&agency=KAB-KARO`; until 2026-12-05
    the 403 of KAB-KARO, NOPE named once it was mended). Until 2026-12-06 a code in another case
    was judged unknown here, and the scope's 403 of `kota-medan` left to the query's 422 of another field."""
    read = {name: list(values) for name, values in filters.items()}
    for name, *_ in FILTERS_OUTSIDE:
        codes = filter_codes(name)  # (agencies and regions, as their filters read them)
        if codes is None:  # (a NIP: judged on its own, `refuse_filters_outside`)
            continue
        found = [codes.read(v) if isinstance(v, str) else None for v in filters.get(name, ())]
        if None in found:
            return None
        read[name] = [code for code in found if code is not None]
    return read


def agency_reach(
    reader: Account, action: Action, agency: str, staffed: Staffed, placed: Staffed
) -> tuple[str, ...] | None:
    """How far the reader reaches a known agency, the one check every read of an agency goes through (a report's, an
    audit's and the roster's agency filter, as `refuse_filters_outside` judges it; the scorecard; their pages and
    CSV): None, its whole figures (`read_whole`: a national reader; an agency of the reader's agencies with no
    regions beside them; one seated within a region scope all of whose staff, ever, are placed in its regions now,
    `placed`); else the regions of the reader's scope, the read narrowed to its staff placed there, as a report's
    rows are, whether the agency is seated within them (KOTA-MEDAN, to a 12.71 reader, with staff placed in 12.07:
    outside the scope) or its staff alone work there (`seats_meet`: a KAB-DELISERDANG employee placed in 12.71, to a
    12.71 reader); OutsideScope (a 403 naming `agency`, AGENCY_OUTSIDE) when neither. Until 2026-12-06 the scorecard
    and the grade-inflation audit judged the agency by its seat alone: refused to a 12.71 reader whose headcount
    counted its staff there, and one seated there read whole, its staff placed elsewhere too."""
    if read_whole(reader, action, agency, placed):
        return None
    refuse_filters_outside(reader, action, {"agency": [agency]}, staffed=staffed)
    return reader.scope.regions


def read_whole(reader: Account, action: Action, agency: str, placed: Staffed) -> bool:
    """Whether the reader reads all of an agency's figures: a national reader; one whose scope holds the agency (its
    seat) and names no region; one whose scope holds it and names regions where every employee the agency ever had
    is placed now (`placed`, Queries.placed_within: a scope naming regions holds the staff placed in them alone, as a
    report counts them, and the agency's whole figures then tell of no one else)."""
    if not permits(reader, action, agency_target(agency)):
        return False
    regions = row_filters(reader, action).get("region")
    return not regions or placed(agency, regions)


def region_within(
    reader: Account, region: str, regions: tuple[str, ...] | None, staffed: Staffed | None = None
) -> None:
    """OutsideScope (a 403 naming `region`, REGION_OUTSIDE) when the scorecard's region, a known code, is outside the
    reader's scope (`refuse_filters_outside`) or, of an agency whose staff alone are within it (`agency_reach`
    answered the reader's regions), not wholly inside the reader's regions: a 12.71 reader asking KAB-DELISERDANG's
    card of region 12 (the province holding 12.71) would read its staff in every region of it, its seat 12.07 too,
    the agency's whole staff (until 2026-12-06 it was read so)."""
    refuse_filters_outside(reader, Action.READ_SCORECARD, {"region": [region]}, staffed=staffed)
    if regions is not None and not expand_regions([region]) <= reader.scope.region_codes():
        said = REGION_OUTSIDE.reason(region=region, scope=reader.scope.describe())
        raise OutsideScope(said, "region")


def one_region(reader: Account, agency: str, regions: tuple[str, ...]) -> str:
    """The region a scorecard narrowed to the reader's regions (`agency_reach`) is read of when none is asked: the
    scope's one region, else the one of them holding the agency's seat (KOTA-MEDAN's 12.71 to a reader of 12.71 and
    13.71); InvalidInput naming `region` when neither (a scorecard is of one region)."""
    if len(regions) == 1:
        return regions[0]
    seat = str(reference().agencies[agency].get("region") or "")
    holding = [r for r in regions if seat and (seat == r or seat.startswith(r + "."))]
    if len(holding) == 1:
        return holding[0]
    said = CHOOSE_REGION.reason(agency=agency, scope=reader.scope.describe(), regions=", ".join(regions))
    raise InvalidInput(said, "region")


def staffed_units(reader: Account, asked: list[str], staffed: Staffed) -> None:
    """OutsideScope (a 403 naming `agency`, AGENCY_OUTSIDE) when the grade-inflation audit is asked of an agency
    outside the reader's scope (`refuse_filters_outside`, as every other read: neither seated nor staffed there). Of
    an agency within it, a reader scoped by region reads the unit-years whose rated staff are all placed in its
    regions, whatever the agency's seat (Services.grade_inflation): until 2026-12-06 the units of the agencies seated
    there were read whole (their staff placed elsewhere too) and an agency staffed there, seated elsewhere, refused
    ("... judges each of its units on all of the unit's staff ...")."""
    refuse_filters_outside(reader, Action.RUN_AUDITS, {"agency": asked}, staffed=staffed)


def seats_meet(name: str, asked: list[str], reach: Mapping[str, list[str]], staffed: Staffed | None = None) -> bool:
    """Whether regions asked of a reader scoped by agency alone meet where the agencies' staff work, as agencies
    asked of a reader scoped by region meet it (below, the same two tests turned round): where their staff may work
    (`seated_meeting`: a region holding or within a regency's or a city's seat, KOTA-MEDAN's 12.71 and the province
    12 holding it; any region of a provincial agency's province; any region for a central agency) or where any of
    them is placed now (`staffed`, the roster's, of the region's codes with its regencies and cities: a KOTA-MEDAN
    employee placed in 12.07). Until 2026-12-05 any region was read for them, one of another province answered an
    empty report (total 0); until 2026-12-06 any region of the seat's province was (12.07 to KOTA-MEDAN's reader
    answered every report, audit, the roster and their pages empty, read as no activity there). Agencies
    asked of a reader scoped by region alone meet it where their staff may work (`seated_meeting`) or where any of
    them is placed (`staffed`, the roster's: a KAB-DELISERDANG employee placed in 12.71 is within a 12.71 reader's
    scope, whose profile, headcount and roster the reader reads; until 2026-12-06 an agency filter naming it was
    refused by the seat alone): until 2026-12-05 a reader of 12.71 asking for KAB-DELISERDANG (seated in 12.07),
    none of whose staff is placed there, was answered an empty report or list by every report, audit and the
    roster, the scorecard and the grade-inflation audit aside (a 403). Other filters, and readers scoped by both
    (judged by `narrow`), always meet."""
    if name == "agency" and "agency" not in reach and reach.get("region"):
        regions = reach["region"]
        return any(seated_meeting(a, regions) or (staffed is not None and staffed(a, regions)) for a in asked)
    if name != "region" or "region" in reach or not reach.get("agency"):
        return True
    for agency in reach["agency"]:
        if any(seated_meeting(agency, [region]) for region in asked):
            return True
    placed = sorted(expand_regions(asked))  # (a province: its regencies and cities, where the roster places staff)
    return staffed is not None and any(staffed(agency, placed) for agency in reach["agency"])


def seated_meeting(agency: str, regions: list[str]) -> bool:
    """Whether regions a reader's scope or filter names overlap where an agency's staff work (careerlog.domain.seat:
    `scope_area`, by the fixed SCOPE_KINDS, never by the configurable rule agency.region_seat the writer's question
    reads, `StaffArea.meets`): a central agency's across the
    country (any region), a province's across its province (12, within or above each of its regencies and cities), a
    regency's or a city's in its seat (KAB-DELISERDANG's in 12.07: met by 12.07 and by the province 12 holding it,
    not by 12.71). Not whether a fact may record a region (`StaffArea.holds`, the writer's question: 12 on a
    KAB-DELISERDANG appointment is asked, a region holding the seat, no region its staff work in)."""
    area = scope_area(agency)
    return area is None or any(area.meets(region) for region in regions)


def agency_target(agency: str) -> Target:
    """An agency as an access check sees it: where its seat is."""
    return Target(None, agency, reference().agencies[agency].get("region"))


def shown_scope(scope: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The filters a report applied, as its answer shows them (an empty list: nothing matched)."""
    return {"agency": []} if scope is NOTHING else dict(scope)


def programme_cells(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The programmes report's rows as cells of `suppression.differenced`: each programme's participants by its
    `PROGRAMME_KEY` (its reference, letter case and whitespace aside)."""
    return [{"programme": reference_key(item["programme_id"]), "participants": item["participants"]} for item in items]


def unit_within(account: Account, agency: str) -> None:
    """AccessDenied unless the account may rate units at all; OutsideScope (a 403 naming `agency`) unless it may
    rate the agency's units (its record's corrections are judged so too; its reads by `unit_readable`), judged by
    the agency's seat as its reads are (`unit_target`: HR scoped by region rates the units of the agencies seated
    there)."""
    require(account, Action.RATE_UNIT)
    if not permits(account, Action.RATE_UNIT, unit_target(agency)):
        raise OutsideScope(RATE_OUTSIDE.reason(scope=account.scope.describe()), "agency")


StaffedUnit = Callable[[str, str, list[str]], bool]  # (whether an agency's unit has an employee placed in the regions)


def unit_readable(account: Account, agency: str, unit: str, staffed: StaffedUnit) -> None:
    """AccessDenied unless the account may read units' ratings at all (HR, inspectors, administrators: never
    written by an inspector, `unit_within`); OutsideScope (a 403 naming `agency`) unless the unit is within its
    scope, reached as an agency is (`agency_reach`): its agency seated within it (`unit_target`), or, to an account
    scoped by region, any of the unit's staff placed in its regions (`staffed`, the roster's: a KAB-DELISERDANG unit
    with an employee placed in 12.71, to a 12.71 inspector, who reads that employee's record and the unit's
    grade-inflation rows whose staff are all placed there; until 2026-12-06 refused by the seat alone). A unit's rating
    is the unit's, no figure of its staff. An agency no table holds as written is refused before, whatever the scope
    (the API's 422 naming `agency`: web.api.units.known_agency)."""
    require(account, Action.READ_UNIT_RATINGS)
    if permits(account, Action.READ_UNIT_RATINGS, unit_target(agency)):
        return
    reach = row_filters(account, Action.READ_UNIT_RATINGS)
    regions = reach.get("region")
    if regions and narrow({"agency": [agency]}, reach) is not None and staffed(agency, unit, regions):
        return
    raise OutsideScope(AGENCY_OUTSIDE.reason(agency=agency, scope=account.scope.describe()), "agency")


def pointed_to_correction(error: InvalidInput, agency: str, unit: str) -> InvalidInput:
    """A unit rating's refusal with "already rated (version N); correct it instead" saying where: the unit's events
    endpoint, with the version to name (the ledger's words name no endpoint: the import and the command line
    say them too). The other reasons unchanged."""
    reasons = error.errors.get("year")
    if not reasons:
        return error
    code, name = unit_of(unit_subject(agency, unit))
    path = f"/api/v1/units/{quote(code, safe='')}/{quote(name, safe='')}/events"
    pointed = []
    for reason in reasons:
        if isinstance(reason, Reason) and reason.refusal is RATED:
            values = dict(reason.params)
            reason = RATED_HERE.reason(year=values["year"], version=values["version"], path=path)
        pointed.append(reason)
    return InvalidInput({**error.errors, "year": pointed})


@dataclass(frozen=True)
class Readable:
    """What of a record's history a reader may read (Services.readable): its parts (web.scoping.history_parts), those
    shown to the reader, and where the read is logged (the record's place now, or the latest voided part's shown)."""

    subject: str
    logged: Target
    parts: list[HistoryPart]
    shown: list[HistoryPart]

    def shows(self, version: int) -> bool:
        return any(part.holds(version) for part in self.shown)

    def shown_of(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The history's items the reader may read."""
        if len(self.shown) == len(self.parts):
            return items
        return [item for item in items if self.shows(item["version"])]

    def withheld(self) -> list[dict[str, Any]]:
        """Each part withheld from the reader, without its contents: its versions and, of a voided record's, how
        many entries and the void's day, said plainly (`note`)."""
        found: list[dict[str, Any]] = []
        for part in self.parts:
            if any(part is p for p in self.shown):
                continue
            if part.void is None:
                note = WITHHELD_AFRESH.reason(nip=self.subject, first=part.first)
                found.append({"first_version": part.first, "last_version": None, "entries": None, "voided_on": None})
            else:
                last, day = part.void.version, part.void.effective_date
                count = last - part.first + 1
                shown = {"first": part.first, "last": last, "count": count, "day": day.isoformat()}
                note = WITHHELD_VOIDED.reason(nip=self.subject, **shown)
                found.append({"first_version": part.first, "last_version": last, "entries": count, "voided_on": day})
            found[-1]["note"] = note
        return found

    def refuse_withheld(self, version: int) -> None:
        """NotFound, saying it is withheld, for a version in a part the reader may not read."""
        for part in self.parts:
            if part.holds(version) and not any(part is p for p in self.shown):
                if part.void is None:
                    raise NotFound(VERSION_WITHHELD_AFRESH.reason(nip=self.subject, version=version))
                day = part.void.effective_date
                raise NotFound(VERSION_WITHHELD_VOIDED.reason(nip=self.subject, version=version, day=day.isoformat()))


def enclosing(region: str) -> list[str]:
    """A region's code and the codes of the regions around it (12.71: 12 and 12.71), each a filter's value that
    holds its people (`narrow` reads a region filter with the regions inside it)."""
    parts = region.split(".")
    return [".".join(parts[: n + 1]) for n in range(len(parts))]
