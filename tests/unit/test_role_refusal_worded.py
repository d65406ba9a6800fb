"""A role's refusal named the action by its code with its underscores as spaces: "The reporter role may not read
record.", "The inspector role may not record.", "The employee role may not read access log of others.". Each action
is now worded as a phrase (careerlog.access.ACTION_WORDS, OTHERS_WORDS), in English and on the pages in Indonesian."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.access import ACTION_WORDS, AccessDenied, Action, Role, Scope, require, row_filters
from web.pages.messages import reason_text

CATALOGUE = Path(__file__).parents[2] / "web" / "translations"


@dataclass
class Who:
    role: Role
    scope: Scope = field(default_factory=lambda: Scope(national=True))
    nip: str | None = None


def refusal(role: Role, action: Action, *, others: bool = False) -> AccessDenied:
    with pytest.raises(AccessDenied) as refused:
        (row_filters if others else require)(Who(role, nip="198609262010031001" if others else None), action)
    return refused.value


@pytest.mark.parametrize(
    ("role", "action", "said"),
    [
        (Role.REPORTER, Action.READ_RECORD, "The reporter role may not read employees' records."),
        (Role.INSPECTOR, Action.RECORD, "The inspector role may not record events in employees' records."),
        (Role.INSPECTOR, Action.RATE_UNIT, "The inspector role may not rate units."),
        (Role.HR, Action.RUN_AUDITS, "The hr role may not run audits."),
        (Role.POLICY, Action.READ_UNIT_RATINGS, "The policy role may not read units' ratings."),
    ],
)
def test_a_roles_refusal_words_the_action_naturally(role: Role, action: Action, said: str) -> None:
    assert str(refusal(role, action)) == said


def test_an_own_records_reach_is_refused_of_the_others_records() -> None:
    said = str(refusal(Role.EMPLOYEE, Action.READ_ACCESS_LOG, others=True))
    assert said == "The employee role may not read the access log of other employees' records."


def test_every_action_is_worded() -> None:
    assert set(ACTION_WORDS) == set(Action)


def test_the_refusal_is_said_in_indonesian_on_the_pages() -> None:
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(CATALOGUE)
    Babel(app)
    [reason] = refusal(Role.REPORTER, Action.READ_RECORD).args
    with app.test_request_context(), force_locale("id"):
        assert reason_text(reason) == "Peran reporter tidak boleh membaca riwayat pegawai."
