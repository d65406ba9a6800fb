"""An import row's Konfirmasi cell as HR writes a yes ("Iya", "ok", "v", a check mark) confirms what the import asks
of the row, and any other word is refused saying that ya works. Until 2026-12-05 "Iya" was refused as "Iya is no check
to confirm; one of: promotion.one_step, ...", silent on ya (found by an HR tester)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.domain.employee import ONE_STEP
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Reason
from careerlog.importing import CONFIRM_YES, confirmed
from web.pages.messages import reason_text


@pytest.mark.parametrize("word", ["ya", "Iya", " IYA ", "y", "Yes", "ok", "OK", "v", "x", "\u2713", "1", "true", True])
def test_a_yes_confirms_what_the_import_asks_of_the_row(word: object) -> None:
    assert confirmed(word, "rank_promotion") == frozenset((ONE_STEP,))


@pytest.mark.parametrize("word", ["tidak", "Tdk", "no", "n", "0", "false", False, ""])
def test_a_no_confirms_nothing(word: object) -> None:
    assert confirmed(word, "rank_promotion") == frozenset()


def test_a_check_by_name_is_read_as_the_api_reads_it() -> None:
    assert confirmed("promotion.one_step", "correction") == frozenset((ONE_STEP,))


@pytest.mark.parametrize("word", ["oke", "sip", "promotion.two_steps"])
def test_any_other_word_is_refused_saying_ya_works(word: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        confirmed(word, "rank_promotion")
    [said] = raised.value.errors["confirm"]
    assert said.startswith(f"{word} is neither a yes nor a check to confirm: write ya (or iya, "), said
    assert "tidak (or no) to confirm nothing" in said, said
    assert said.endswith("or the names of checks: promotion.one_step."), said  # (a rank promotion's alone)


@pytest.mark.parametrize(
    ("kind", "checks"),
    [
        ("post_appointment", "unit.new, fact.duplicate"),
        ("penalty", "fact.duplicate"),
        ("placement", "placement.leaves_scope, placement.ends_post, unit.new, region.outside_seat"),
        ("training", "training.duplicate, training.daily_jp, training.cost, training.latsar_once"),
        (
            "correction",  # (fact.duplicate: asked of a correction making a fact a double since 2026-12-06;
            # region.outside_seat, appointment.tmt_first_day, appointment.starting_rank: of one changing what they
            # read, since 2026-12-07)
            "promotion.one_step, placement.leaves_scope, placement.ends_post, unit.new, training.duplicate, "
            "training.daily_jp, training.cost, fact.duplicate, fact.changed_since, region.outside_seat, "
            "training.latsar_once, appointment.tmt_first_day, appointment.starting_rank",
        ),
        (  # (fact.changed_since is asked of a correction alone)
            "retraction",
            "promotion.one_step, placement.leaves_scope, placement.ends_post, unit.new, training.duplicate, "
            "training.daily_jp, training.cost, training.latsar_once",
        ),
    ],
)
def test_a_word_refused_names_the_checks_a_row_of_its_kind_may_be_asked(kind: str, checks: str) -> None:
    """Until 2026-12-06 every check, whatever the kind: a post appointment's "oke" was told of promotion.one_step
    and placement.leaves_scope, which it is never asked."""
    with pytest.raises(InvalidInput) as raised:
        confirmed("oke", kind)
    [said] = raised.value.errors["confirm"]
    assert said.endswith(f"or the names of checks: {checks}."), said


def refusal_of(word: str) -> Reason:
    with pytest.raises(InvalidInput) as raised:
        confirmed(word, "rank_promotion")
    [said] = raised.value.errors["confirm"]
    assert type(said) is Reason
    return said


def yes_words(said: str, write: str, also: str) -> list[str]:
    """The yes words a refusal names: `write` ya (`also` iya, y, ...)."""
    found = re.search(rf"{write} (\S+) \({also} ([^)]*)\)", said)
    assert found, said
    return [found[1], *found[2].split(", ")]


def test_the_refusal_names_every_yes_word_the_import_reads() -> None:
    # (until 2026-12-06 the refusal listed the words again, and left the check mark out)
    assert yes_words(refusal_of("oke"), "write", "or") == list(CONFIRM_YES)


def test_the_refusal_names_every_yes_word_in_indonesian_too() -> None:
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(__file__).parents[2] / "web" / "translations")
    Babel(app)
    with app.test_request_context(), force_locale("id"):
        said = reason_text(refusal_of("oke"))
    assert said.startswith("oke bukan ya dan bukan pemeriksaan yang dapat dikonfirmasi"), said
    assert yes_words(said, "tulis", "atau") == list(CONFIRM_YES)
