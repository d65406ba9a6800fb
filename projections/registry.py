"""Every projection careerlog keeps, by name, and the projector that runs a group of them."""

from __future__ import annotations

from collections.abc import Iterable

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from projections.framework import Projection, Projector
from projections.mentoring import MentoringProjection
from projections.merit.audit import MeritProjection
from projections.merit.study_leave import StudyLeaveProjection
from projections.roster import RosterProjection
from projections.scorecard.awards import AwardsProjection
from projections.timeline import TimelineProjection
from projections.training import TrainingProjection

UNKNOWN_VIEW = Refusal("Unknown view {view}; one of {known}.")  # (careerlog.domain.wording)


def all_projections() -> list[Projection]:
    return [
        TimelineProjection(),
        RosterProjection(),
        TrainingProjection(),
        MentoringProjection(),
        MeritProjection(),
        AwardsProjection(),
        StudyLeaveProjection(),
    ]


def judged_by_rules() -> list[str]:
    """The views judged by the rules (CAREERLOG_RULES_FILE): those keeping the rules' digest beside them
    (`Projection.configuration`), which any change of the rules refills (docs/operations.md, "A change of the rules");
    not a view judged by one rule alone (`judged_by_one_rule`), which only a change of that rule refills (until
    2026-12-06 the training view was listed here, and every change of the rules named it to rebuild)."""
    return [p.name for p in all_projections() if p.configuration() is not None and p.judged_by_rule is None]


def judged_by_one_rule() -> dict[str, str]:
    """The views judged by one rule alone, each with that rule (`Projection.judged_by_rule`: the training view,
    training.counted_once), which a change of that rule refills, and of another not."""
    return {p.name: p.judged_by_rule for p in all_projections() if p.judged_by_rule is not None}


def select(names: Iterable[str] | None = None) -> list[Projection]:
    """The named projections (all when none are named), each once however often named (a view taken twice was
    rebuilt with its rows inserted twice, and a worker of it never caught up); InvalidInput names an unknown one."""
    available = {p.name: p for p in all_projections()}
    if not names:
        return list(available.values())
    chosen: dict[str, Projection] = {}
    for name in names:
        if name not in available:
            raise InvalidInput(UNKNOWN_VIEW.reason(view=repr(name), known=", ".join(available)), "views")
        chosen.setdefault(name, available[name])
    return list(chosen.values())


def projector(
    settings: Settings,
    names: Iterable[str] | None = None,
    *,
    app: CareerLog | None = None,
    take_back: bool = False,
    reconfigure: bool = True,
) -> Projector:
    return Projector(settings, select(names), app=app, take_back=take_back, reconfigure=reconfigure)
