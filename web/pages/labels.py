"""Translated names of the event kinds and of the audit's severities, shown instead of their codes."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

KIND_LABELS: dict[str, LazyString] = {
    "appointment": _l("Appointment"),
    "confirmation": _l("Confirmation as PNS"),
    "rank_promotion": _l("Rank promotion"),
    "post_appointment": _l("Post appointment"),
    "post_end": _l("End of post"),
    "placement": _l("Placement"),
    "training": _l("Training"),
    "training_feedback": _l("Training feedback"),
    "education": _l("Education"),
    "study_leave_start": _l("Study leave started"),
    "study_leave_end": _l("Study leave ended"),
    "mentoring_start": _l("Mentoring started"),
    "mentoring_end": _l("Mentoring ended"),
    "mentoring_session": _l("Mentoring session"),
    "mentee_assigned": _l("Mentee assigned"),
    "mentee_released": _l("Mentee released"),
    "performance_rating": _l("Performance rating (SKP)"),
    "penalty": _l("Disciplinary penalty"),
    "status_change": _l("Status change"),
    "exam": _l("Exam passed"),
    "award": _l("Award"),
    "correction": _l("Correction"),
    "retraction": _l("Retraction"),
    "unit_rating": _l("Unit rating"),
}

SEVERITY_LABELS: dict[str, LazyString] = {"low": _l("low"), "medium": _l("medium"), "high": _l("high")}


def kind_label(kind: str) -> str:
    """The kind's name in the visitor's language (the code itself for a kind added later)."""
    found = KIND_LABELS.get(kind)
    return str(found) if found is not None else kind


def severity_label(severity: str | None) -> str:
    found = SEVERITY_LABELS.get(severity or "")
    return str(found) if found is not None else (severity or "")


# The ledger's fixed reasons (careerlog.domain.payload), listed so that they are extracted and translated.
# Reasons that quote the input are shown as the ledger gives them.
REASONS = (
    _l("Missing data for required field."),
    _l("Field may not be null."),
    _l("May not be empty."),
    _l("Unknown field."),
    _l("Not a valid string."),
    _l("Not a valid integer."),
    _l("Not a valid number."),
    _l("Not a valid object."),
    _l("Not a valid boolean."),
)


def reason(text: str) -> str:
    """A refusal's reason in the visitor's language when it is one of the ledger's fixed reasons."""
    return gettext(text) if text else text
