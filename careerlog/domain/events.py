"""Career events: the stored contract of careerlog.

Each class and its module path is a topic stored with every recorded event: never rename
or edit one in place. Change an event by adding `class_version` and an `upcast_vN_vN+1`
static method (see docs/events.md). Every event keeps two times: `effective_date` (when
it took effect, TMT) and `timestamp` (when it was recorded).

The event classes are also the schema of what an HR administrator records: the fields
after the common ones are the payload, with a description and, for codes, the reference
table they are drawn from.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from eventsourcing.domain import CanInitAggregate, CanMutateAggregate

if TYPE_CHECKING:
    from careerlog.domain.ledger import LedgerAggregate


def doc(text: str, table: str | None = None, default: Any = ...) -> Any:
    """A payload field with its description and, for codes, its reference table."""
    metadata = {"doc": text, "table": table}
    if default is ...:
        return _field(metadata=metadata)
    return _field(default=default, metadata=metadata)


@dataclass(frozen=True, kw_only=True)
class LedgerEvent(CanMutateAggregate[str]):
    """Fields common to every recorded fact."""

    originator_id: str
    originator_version: int
    timestamp: datetime  # when it was recorded (UTC); set by the system
    effective_date: date = doc("The date the fact took effect (TMT).")
    reference: str = doc("The official reference: decree (SK), certificate or document number.")
    recorded_by: str  # the account or process that recorded it
    migrated: bool = False  # recorded time carried over from a legacy system by a migration import
    client_key: str | None = None  # the client's idempotency key, when one was given

    KIND: ClassVar[str] = ""
    RECORDABLE: ClassVar[bool] = True  # False for events the system derives (mentor side)
    CORRECTABLE: ClassVar[bool] = True

    def apply(self, aggregate: LedgerAggregate) -> None:
        aggregate.add_fact(self)

    @property
    def recorded_at(self) -> datetime:
        return self.timestamp


# `confirmed` (class version 2 of RankPromoted, EventCorrected, EventRetracted; since 2026-12-05 of Appointed,
# AppointedAgain, PostAppointed, Placed and TrainingCompleted; since 2026-12-06 of PenaltyImposed, ExamPassed and
# EducationCompleted): the checks whose refusal the writer confirmed, recording what they would otherwise refuse (of
# careerlog.application.CONFIRMABLE: promotion.one_step, a promotion moving more ranks than its kind allows, or a
# correction or retraction leaving one so; unit.new, a unit new in its agency near a known one; training.duplicate, a
# training the record seems to hold already; training.daily_jp, a day of the record's trainings holding more JP than a
# training day; training.cost, a cost outside the plausible range; fact.duplicate, a penalty, exam, post appointment or
# degree the record seems to hold already under its reference written otherwise, or a correction making one so (stored
# since 2026-12-06); placement.ends_post on a correction or retraction of a placement or of its post end. A placement's
# own placement.ends_post and placement.leaves_scope are asked and not stored: docs/events.md); empty when the
# recording needed no confirmation. Set by the system from the API's `confirm`, the record form's box or an import's
# Konfirmasi cell (a migration import: as the log holds it), never a payload field; stored as a list of names.
CONFIRMED_FIELD = "confirmed"


def no_confirmation(state: dict[str, Any]) -> None:
    """What `upcast_v1_v2` of a class given `confirmed` in its version 2 does: an event of version 1 was recorded
    before a confirmation was stored with it, and reads as confirming nothing."""
    state.setdefault(CONFIRMED_FIELD, ())


# --------------------------------------------------------------------------- employee


@dataclass(frozen=True, kw_only=True)
class Appointed(LedgerEvent, CanInitAggregate[str]):
    """Appointed as CPNS (becoming PNS after probation) or as PPPK."""

    KIND: ClassVar[str] = "appointment"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    originator_topic: str
    employment_kind: str = doc("PNS (appointed as CPNS) or PPPK.", "employment_kinds")
    name: str = doc("Full name as on the decree.")
    birth_date: date = doc("Date of birth; must match NIP digits 1-8.")
    sex: str = doc("M or F (L/P accepted); must match NIP digit 15.", "sexes")
    education: str = doc("Education level at entry.", "education")
    agency: str = doc("Agency (instansi) code.", "agencies")
    unit: str = doc("Work unit within the agency.")
    region: str = doc("Region (Kemendagri code) of the work place.", "regions")
    recruitment_path: str = doc("Recruitment path (jenis pengadaan).", "recruitment_paths")
    rank: str = doc("Starting golongan (PNS) or grade I-XVII (PPPK).")
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 appointment: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class AppointedAgain(LedgerEvent):
    """Appointed afresh under a NIP whose record was voided (its appointment retracted, as one made under a wrong
    NIP): the appointment of the employee the NIP is theirs, recorded in the same record after the void, which stays
    in its history. Read as the record's appointment (its fact's kind is `appointment`, its fields an appointment's):
    recorded by the appointment request, never by a kind of its own (it is not in BY_KIND)."""

    KIND: ClassVar[str] = "appointment"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    employment_kind: str = doc("PNS (appointed as CPNS) or PPPK.", "employment_kinds")
    name: str = doc("Full name as on the decree.")
    birth_date: date = doc("Date of birth; must match NIP digits 1-8.")
    sex: str = doc("M or F (L/P accepted); must match NIP digit 15.", "sexes")
    education: str = doc("Education level at entry.", "education")
    agency: str = doc("Agency (instansi) code.", "agencies")
    unit: str = doc("Work unit within the agency.")
    region: str = doc("Region (Kemendagri code) of the work place.", "regions")
    recruitment_path: str = doc("Recruitment path (jenis pengadaan).", "recruitment_paths")
    rank: str = doc("Starting golongan (PNS) or grade I-XVII (PPPK).")
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 appointment afresh: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class ConfirmedAsPNS(LedgerEvent):
    """Confirmed as PNS after the probation year, with basic training (Latsar) completed."""

    KIND: ClassVar[str] = "confirmation"
    latsar_certificate: str = doc("Certificate number of the completed Latsar CPNS.")


@dataclass(frozen=True, kw_only=True)
class RankPromoted(LedgerEvent):
    """Promoted to a higher golongan (kenaikan pangkat); TMT is the effective date."""

    KIND: ClassVar[str] = "rank_promotion"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    new_rank: str = doc("The golongan after the promotion.", "ranks")
    promotion_kind: str = doc("Promotion kind (jenis KP).", "promotion_kinds")
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 promotion: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class PostAppointed(LedgerEvent):
    """Appointed to a post (jabatan); a new definitive post ends the previous one."""

    KIND: ClassVar[str] = "post_appointment"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    post_kind: str = doc("Post kind.", "post_kinds")
    level: str | None = doc("Eselon (managerial) or functional level (Fungsional).", default=None)
    title: str = doc("Title of the post.")
    unit: str = doc("Unit where the post sits.")
    assignment: str = doc("Assignment kind: definitive, Plt, Plh or Pj.", "assignment_kinds")
    selection: str | None = doc("How a managerial post was filled.", "selection_kinds", default=None)
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 post appointment: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class PostEnded(LedgerEvent):
    """A post held by the employee ended (stepping down, end of a Plt or Plh)."""

    KIND: ClassVar[str] = "post_end"
    appointment_reference: str = doc("Reference of the post appointment that ends.")
    reason: str | None = doc("Why the post ended.", default=None)


@dataclass(frozen=True, kw_only=True)
class Placed(LedgerEvent):
    """Placed or transferred to a unit, possibly in another agency or region."""

    KIND: ClassVar[str] = "placement"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    agency: str = doc("Agency code after the placement.", "agencies")
    unit: str = doc("Unit after the placement.")
    region: str = doc("Region after the placement.", "regions")
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 placement: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class TrainingCompleted(LedgerEvent):
    """A training completed; the effective date is its last day."""

    KIND: ClassVar[str] = "training"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    training_kind: str = doc("Training kind (jenis diklat).", "training_kinds")
    title: str = doc("Title of the training.")
    organiser: str = doc("Organising body.")
    hours: int = doc("Lesson hours (JP, 45 minutes each).")
    start_date: date = doc("First day of the training.")
    programme_id: str | None = doc("Programme the training belongs to, for evaluation.", default=None)
    cost: Decimal | None = doc("Cost in rupiah, when recorded.", default=None)
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 training: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class TrainingFeedbackGiven(LedgerEvent):
    """The participant's rating of a programme and of its relevance to their work."""

    KIND: ClassVar[str] = "training_feedback"
    programme_id: str = doc("The programme rated; the employee must have completed it.")
    rating: int = doc("Overall rating, 1 (poor) to 5 (excellent).")
    relevance: int = doc("Relevance to the employee's work, 1 to 5.")
    comment: str | None = doc("Free comment.", default=None)


@dataclass(frozen=True, kw_only=True)
class EducationCompleted(LedgerEvent):
    """A degree or diploma obtained; the effective date is the graduation date."""

    KIND: ClassVar[str] = "education"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    level: str = doc("Education level.", "education")
    field_of_study: str = doc("Field of study (jurusan).")
    institution: str = doc("Institution that awarded it.")
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 degree: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class StudyLeaveStarted(LedgerEvent):
    """Study leave (tugas belajar) started."""

    KIND: ClassVar[str] = "study_leave_start"
    institution: str = doc("Institution of study.")
    level: str = doc("Level of the degree pursued.", "education")


@dataclass(frozen=True, kw_only=True)
class StudyLeaveEnded(LedgerEvent):
    """Study leave ended; the employee returned to duty."""

    KIND: ClassVar[str] = "study_leave_end"
    reason: str | None = doc("Outcome or reason.", default=None)


@dataclass(frozen=True, kw_only=True)
class MentoringStarted(LedgerEvent):
    """A mentoring relationship started; the mentor's record gets a MenteeAssigned."""

    KIND: ClassVar[str] = "mentoring_start"
    mentor_nip: str = doc("NIP of the mentor (an appointed employee).")
    focus: str = doc("Focus of the mentoring.")


@dataclass(frozen=True, kw_only=True)
class MentoringEnded(LedgerEvent):
    """A mentoring relationship ended; the mentor's record gets a MenteeReleased."""

    KIND: ClassVar[str] = "mentoring_end"
    mentor_nip: str = doc("NIP of the mentor.")
    reason: str | None = doc("Why it ended.", default=None)


@dataclass(frozen=True, kw_only=True)
class MentoringSessionHeld(LedgerEvent):
    """A mentoring session held within an open mentoring relationship."""

    KIND: ClassVar[str] = "mentoring_session"
    mentor_nip: str = doc("NIP of the mentor.")
    topic: str = doc("What the session covered.")
    minutes: int | None = doc("Length of the session in minutes.", default=None)


@dataclass(frozen=True, kw_only=True)
class MenteeAssigned(LedgerEvent):
    """Mentor side of MentoringStarted, recorded by the system with the same reference."""

    KIND: ClassVar[str] = "mentee_assigned"
    RECORDABLE: ClassVar[bool] = False
    mentee_nip: str = doc("NIP of the mentee.")
    focus: str = doc("Focus of the mentoring.")


@dataclass(frozen=True, kw_only=True)
class MenteeReleased(LedgerEvent):
    """Mentor side of MentoringEnded, recorded by the system with the same reference."""

    KIND: ClassVar[str] = "mentee_released"
    RECORDABLE: ClassVar[bool] = False
    mentee_nip: str = doc("NIP of the mentee.")
    reason: str | None = doc("Why it ended.", default=None)


@dataclass(frozen=True, kw_only=True)
class PerformanceRated(LedgerEvent):
    """The annual performance rating (SKP predicate) for a year.

    Version 2 adds `score`; the predicate is one of the scheme in force for the year (careerlog.domain.ratings:
    DP3, SKP of PP 46/2011, the current SKP). A version-1 rating reads with no score and its predicate as
    recorded (the current scheme's codes, the only ones version 1 knew)."""

    class_version: ClassVar[int] = 2
    KIND: ClassVar[str] = "performance_rating"
    year: int = doc("The year assessed.")
    predicate: str = doc(
        "The predicate, of the rating scheme in force for the year (DP3 before 2014, SKP of PP 46/2011 for "
        "2014-2021, SKP of PermenPANRB 6/2022 since 2022; rule skp.scheme).",
        "rating_predicates",
    )
    score: Decimal | None = doc(
        "The numeric score, in a scheme that has one (DP3, SKP of PP 46/2011), within the predicate's band.",
        default=None,
    )

    # what upcast_v1_v2 adds to a version-1 state, and nothing else (the projections read such rows plainly)
    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"score": None}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 rating: no score (its predicate, of the current scheme, stays as recorded)."""
        for name, value in PerformanceRated.UPCAST_DEFAULTS.items():
            state.setdefault(name, value)


@dataclass(frozen=True, kw_only=True)
class PenaltyImposed(LedgerEvent):
    """A disciplinary penalty; the effective date is its start."""

    KIND: ClassVar[str] = "penalty"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    level: str = doc("Penalty level: LIGHT, MEDIUM or SEVERE; must match the kind.", "penalty_levels")
    penalty_kind: str = doc("Penalty kind.", "penalty_kinds")
    end_date: date | None = doc("Last day of the penalty (from the kind's months when omitted).", default=None)
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 penalty: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class StatusChanged(LedgerEvent):
    """Change of legal status: leave, suspension, return to active duty or separation."""

    KIND: ClassVar[str] = "status_change"
    status: str = doc("Legal status (kedudukan hukum).", "statuses")
    reason: str | None = doc("Reason for the change.", default=None)


@dataclass(frozen=True, kw_only=True)
class ExamPassed(LedgerEvent):
    """A service or adjustment exam passed (ujian dinas, ujian penyesuaian)."""

    KIND: ClassVar[str] = "exam"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    exam: str = doc("The exam passed.", "exams")
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 exam: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)


@dataclass(frozen=True, kw_only=True)
class AwardGranted(LedgerEvent):
    """An award or decoration conferred (tanda kehormatan, penghargaan); the effective date is its TMT."""

    KIND: ClassVar[str] = "award"
    award_kind: str = doc("Award kind, e.g. a long-service decoration (Satyalancana Karya Satya).", "award_kinds")
    awarding_body: str = doc("Body that conferred it (the President, a minister, the agency head).")
    decree_date: date = doc("Date of the decree (Keppres, SK) conferring it; its number is the reference.")


@dataclass(frozen=True, kw_only=True)
class EventCorrected(LedgerEvent):
    """Corrects fields of an earlier fact; the original stays in the log unchanged."""

    KIND: ClassVar[str] = "correction"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    CORRECTABLE: ClassVar[bool] = False
    target_version: int = doc("Version (event number) of the fact corrected.")
    reason: str = doc("Why the correction is made.")
    corrected_fields: dict[str, Any] = doc("The corrected fields and their new values.")
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 correction: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)

    def apply(self, aggregate: LedgerAggregate) -> None:
        aggregate.add_correction(self)


@dataclass(frozen=True, kw_only=True)
class EventRetracted(LedgerEvent):
    """Retracts an earlier fact recorded in error; the original stays in the log."""

    KIND: ClassVar[str] = "retraction"
    class_version: ClassVar[int] = 2  # 2: `confirmed`
    CORRECTABLE: ClassVar[bool] = False
    target_version: int = doc("Version (event number) of the fact retracted.")
    reason: str = doc("Why the fact is retracted.")
    confirmed: tuple[str, ...] = ()  # the checks the writer confirmed (CONFIRMED_FIELD); set by the system

    UPCAST_DEFAULTS: ClassVar[dict[str, Any]] = {"confirmed": ()}

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 retraction: recorded with no confirmation stored (`confirmed` empty)."""
        no_confirmation(state)

    def apply(self, aggregate: LedgerAggregate) -> None:
        aggregate.add_retraction(self)


# --------------------------------------------------------------------------- unit


@dataclass(frozen=True, kw_only=True)
class UnitRegistered(LedgerEvent, CanInitAggregate[str]):
    """A work unit became known to careerlog (on its first rating)."""

    KIND: ClassVar[str] = "unit_registration"
    RECORDABLE: ClassVar[bool] = False
    originator_topic: str
    agency: str = doc("Agency code.", "agencies")
    unit: str = doc("Unit name within the agency.")


@dataclass(frozen=True, kw_only=True)
class UnitRated(LedgerEvent):
    """A unit's own organisational performance rating for a year."""

    KIND: ClassVar[str] = "unit_rating"
    year: int = doc("The year assessed.")
    predicate: str = doc("The unit's predicate.", "skp_predicates")


EMPLOYEE_EVENTS: tuple[type[LedgerEvent], ...] = (
    Appointed,
    ConfirmedAsPNS,
    RankPromoted,
    PostAppointed,
    PostEnded,
    Placed,
    TrainingCompleted,
    TrainingFeedbackGiven,
    EducationCompleted,
    StudyLeaveStarted,
    StudyLeaveEnded,
    MentoringStarted,
    MentoringEnded,
    MentoringSessionHeld,
    MenteeAssigned,
    MenteeReleased,
    PerformanceRated,
    PenaltyImposed,
    StatusChanged,
    ExamPassed,
    AwardGranted,
    EventCorrected,
    EventRetracted,
)
UNIT_EVENTS: tuple[type[LedgerEvent], ...] = (UnitRegistered, UnitRated, EventCorrected, EventRetracted)
ALL_EVENTS: tuple[type[LedgerEvent], ...] = (*EMPLOYEE_EVENTS, UnitRegistered, UnitRated)
BY_KIND: dict[str, type[LedgerEvent]] = {cls.KIND: cls for cls in ALL_EVENTS}
# The classes stored under a kind another class records (BY_KIND names that one): an appointment afresh of a voided
# record, on its existing aggregate (the appointment opening a record is Appointed). Their facts are of that kind.
LATER_EVENTS: tuple[type[LedgerEvent], ...] = (AppointedAgain,)
STORED_EVENTS: tuple[type[LedgerEvent], ...] = (*ALL_EVENTS, *LATER_EVENTS)  # every class an event is stored as
# The classes of each kind's events (what a read of some kinds' events asks the store for, by their topics)
CLASSES_OF_KIND: dict[str, tuple[type[LedgerEvent], ...]] = {
    kind: tuple(cls for cls in STORED_EVENTS if kind == cls.KIND) for kind in BY_KIND
}
