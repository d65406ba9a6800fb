"""A correction that changes nothing names the value each field already holds; a date is shown as every other date of
the pages is ("Sudah 1 Mar 2025: ...", "Is already Mar 1, 2025: ..."), no longer as the ISO date the API writes
("Sudah 2025-03-01: ...", found by the HR explorer on the Indonesian correction form). The API's English is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.domain.errors import InvalidInput
from careerlog.domain.ledger import Fact, LedgerAggregate
from web.pages.messages import reason_text

PAGES = Flask(__name__)  # (the pages' catalogue, read by reason_text)
PAGES.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(__file__).parents[2] / "web" / "translations")
Babel(PAGES)


def shown(reason: str, language: str) -> str:
    with PAGES.test_request_context(), force_locale(language):
        return reason_text(reason)


def refused(changes: dict[str, object]) -> dict[str, list[str]]:
    target = Fact(2, "training", {"effective_date": date(2025, 3, 1), "hours": 24}, date(2025, 3, 2))
    with pytest.raises(InvalidInput) as e:
        LedgerAggregate.check_changes_a_value(target, changes)
    return e.value.errors


def test_an_unchanged_date_is_shown_as_the_pages_show_a_date() -> None:
    [reason] = refused({"effective_date": date(2025, 3, 1)})["corrected_fields.effective_date"]
    assert reason == "Is already 2025-03-01: a correction changes at least one value."  # (the API's, as before)
    assert shown(reason, "id") == "Sudah 1 Mar 2025: koreksi harus mengubah sedikitnya satu nilai."
    assert shown(reason, "en") == "Is already Mar 1, 2025: a correction changes at least one value."


def test_another_unchanged_value_is_shown_as_it_was() -> None:
    [reason] = refused({"hours": 24})["corrected_fields.hours"]
    assert shown(reason, "id") == "Sudah 24: koreksi harus mengubah sedikitnya satu nilai."
