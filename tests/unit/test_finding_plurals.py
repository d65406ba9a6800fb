"""A finding stored with "fact(s)" is shown on the pages with its count's plural form (ngettext)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.domain.employee import TOO_MANY_HOURS
from projections.merit.rules import NO_PENALTY, PENALTY
from web.pages.messages import message_text, reason_text

CATALOGUE = Path(__file__).parents[2] / "web" / "translations"
ONE = "1 supporting fact(s) effective by 2021-04-01 recorded after the decision (2021-05-02T08:00:00+00:00)"
TWO = "2 supporting fact(s) effective by 2021-04-01 recorded after the decision (2021-05-02T08:00:00+00:00)"


@pytest.fixture(scope="module")
def app() -> Flask:
    made = Flask(__name__)
    made.config["BABEL_TRANSLATION_DIRECTORIES"] = str(CATALOGUE)
    Babel(made)
    return made


def test_late_evidence_finding_takes_its_counts_plural_in_english(app: Flask) -> None:
    with app.test_request_context(), force_locale("en"):
        one, two = message_text(ONE), message_text(TWO)
    assert one.startswith("1 supporting fact effective by Apr 1, 2021 recorded after the decision (")
    assert two.startswith("2 supporting facts effective by Apr 1, 2021 recorded after the decision (")
    assert "(s)" not in one + two


def test_late_evidence_finding_in_indonesian_has_its_one_form(app: Flask) -> None:
    with app.test_request_context(), force_locale("id"):
        one, two = message_text(ONE), message_text(TWO)
    assert one.startswith("1 data pendukung yang berlaku sampai dengan 1 Apr 2021 dicatat setelah keputusan (")
    assert two.startswith("2 data pendukung yang berlaku sampai dengan 1 Apr 2021 dicatat setelah keputusan (")


def test_passed_over_finding_and_too_many_jp_reason_take_their_counts_plural(app: Flask) -> None:
    one = "Eligible colleagues of the same unit and rank clearly stronger, not chosen on 2021-04-01: 1"
    reason = TOO_MANY_HOURS.reason(hours=50, days=1, per_day=10)  # the ledger's refusal, its template and values
    assert reason == "50 JP is more than 10 JP a day (training days: 1)."
    with app.test_request_context(), force_locale("en"):
        assert (
            message_text(one)
            == "1 eligible colleague of the same unit and rank clearly stronger, not chosen on Apr 1, 2021"
        )
        assert reason_text(reason) == "50 JP is more than 10 JP a day (training days: 1)."
        two_days = TOO_MANY_HOURS.reason(hours=50, days=2, per_day=10)
        assert reason_text(two_days) == "50 JP is more than 10 JP a day (training days: 2)."
    with app.test_request_context(), force_locale("id"):
        assert reason_text(reason) == "50 JP melebihi 10 JP per hari (hari pelatihan: 1)."


def test_a_count_that_is_no_whole_number_is_shown_as_stored(app: Flask) -> None:
    stored = "a few supporting fact(s) effective by 2021-04-01 recorded after the decision (2021-05-02T08:00:00+00:00)"
    with app.test_request_context(), force_locale("en"):
        assert message_text(stored) == stored


def test_a_blocking_penalty_is_said_as_a_sentence_in_its_counts_form(app: Flask) -> None:
    """The penalty check's stored English is shown as a sentence in its count's form: the career page's English read
    '1 blocking penalty served on Aug 1, 2026' under "Still missing". The stored text (API, CSV), which read "2
    blocking penalty served on ...", is now "blocking penalties served on 2026-08-01: 2" (exploratory tester,
    2026-12-05)."""
    assert PENALTY(count=2, day=date(2026, 8, 1)).text == "blocking penalties served on 2026-08-01: 2"
    with app.test_request_context(), force_locale("en"):
        one = message_text("blocking penalties served on 2026-08-01: 1")
        two = message_text("blocking penalties served on 2026-08-01: 2")
    assert one == "1 disciplinary penalty barring promotion is in force on Aug 1, 2026"
    assert two == "2 disciplinary penalties barring promotion are in force on Aug 1, 2026"
    with app.test_request_context(), force_locale("id"):
        shown = message_text("blocking penalties served on 2026-08-01: 1")
    assert shown == "1 hukuman disiplin yang menghalangi kenaikan pangkat masih berjalan pada 1 Agu 2026"


def test_a_structural_range_names_the_post_kind_not_its_code(app: Flask) -> None:
    """The 201's check read 'jabatan JPT_PRATAMA paling tinggi sampai pangkat IV/d' to a JPT Pratama holder."""
    stored = "post JPT_PRATAMA tops at IV/d; new rank IV/e"
    with app.test_request_context(), force_locale("id"):
        shown = message_text(stored)
    assert shown == "Jabatan Pimpinan Tinggi Pratama paling tinggi sampai pangkat IV/d; pangkat baru IV/e"


def test_a_met_penalty_check_says_no_penalty_bars_a_promotion(app: Flask) -> None:
    """The penalty check met was stored '0 blocking penalty served on 2027-02-01' (the API's message read so: an
    exploratory tester, 2026-12-05), now 'no blocking penalty served on 2027-02-01'; the pages read 'No disciplinary
    penalty bars a promotion on Feb 1, 2027'."""
    stored = "no blocking penalty served on 2027-02-01"
    assert NO_PENALTY(day=date(2027, 2, 1)).text == stored
    with app.test_request_context(), force_locale("en"):
        assert message_text(stored) == "No disciplinary penalty bars a promotion on Feb 1, 2027"
    with app.test_request_context(), force_locale("id"):
        shown = message_text(stored)
    assert shown == "Tidak ada hukuman disiplin yang menghalangi kenaikan pangkat pada 1 Feb 2027"
