"""A refusal a writer may confirm is worded for the record form by one mechanism (careerlog.domain.wording
`confirmable`, FORM_WORDED), made with the refusal itself: the form's "tick the box below to confirm it and send
the form again" where the API says "confirm it (confirm: <check>) and send it again". The record form's page kept
its own copy of the ledger's placement refusal (web.pages.hr.LEAVES_SCOPE_TICKED, beside
application.LEAVES_UNCONFIRMED), which a change of the one left behind, until the review of 2026-12-05; it is made
with it now, as a rank jump's pair is, and worded as that pair is ("send the form again", not "record it again")."""

from __future__ import annotations

import re
from pathlib import Path

import web.pages.hr
from careerlog.application import CONFIRMABLE, LEAVES_SCOPE_TICKED, LEAVES_UNCONFIRMED
from careerlog.domain.employee import CORRECTION_JUMP, RANK_JUMP, RETRACTION_JUMP
from careerlog.domain.wording import FORM_WORDED, IMPORT_WORDED, TICK_THE_BOX, Refusal

HOW = re.compile(r"confirm it \(confirm: ([a-z_.]+)\) and send (?:it|the \w+) again")


def test_each_confirmable_refusal_is_worded_for_the_form_from_its_own_text() -> None:
    assert {RANK_JUMP, RETRACTION_JUMP, CORRECTION_JUMP, LEAVES_UNCONFIRMED} <= set(FORM_WORDED)
    assert FORM_WORDED[LEAVES_UNCONFIRMED] is LEAVES_SCOPE_TICKED
    checks = set()
    for sent, ticked in FORM_WORDED.items():
        found = HOW.search(sent.text)
        assert found, sent.text
        checks.add(found[1])
        assert ticked.text == HOW.sub(TICK_THE_BOX, sent.text)
        assert (ticked.dates, ticked.numbers, ticked.codes) == (sent.dates, sent.numbers, sent.codes)
    assert checks == set(CONFIRMABLE)


def test_the_record_forms_page_keeps_no_wording_of_a_confirmable_refusal_of_its_own() -> None:
    own = [v for v in vars(web.pages.hr).values() if isinstance(v, Refusal) and "tick the box" in v.text]
    assert own == []
    source = Path(web.pages.hr.__file__).read_text()
    assert "Refusal(" not in source


def test_the_form_says_a_placement_out_of_the_scope_as_a_rank_jump_is_said() -> None:
    refused = {"agency": [LEAVES_UNCONFIRMED.reason(agency="KAB-KARO", scope="agency KOTA-MEDAN")]}
    [said] = web.pages.hr.in_form_words(refused)["agency"]
    ending = f"If the decree does move the employee to KAB-KARO, {TICK_THE_BOX}; if not, write the agency it names."
    assert said.endswith(ending), said


def test_each_confirmable_refusal_is_worded_for_an_import_with_ya_in_both_languages() -> None:
    """An import's row may confirm by a yes in its Konfirmasi column (careerlog.importing.YES_CONFIRMS): every
    confirmable refusal says so, worded from its own text, and so does its Indonesian (by hand in the catalogue)."""
    from babel.messages.pofile import read_po

    catalogue = Path(web.pages.hr.__file__).parents[1] / "translations/id/LC_MESSAGES/messages.po"
    with catalogue.open("rb") as po:
        indonesian = read_po(po)
    assert set(IMPORT_WORDED) == set(FORM_WORDED)
    for sent, imported in IMPORT_WORDED.items():
        said = HOW.sub(r"confirm it (confirm: \1, or ya in the Konfirmasi column) and import the row again", sent.text)
        assert imported.text == said
        assert "atau ya di kolom Konfirmasi) lalu impor lagi baris ini" in indonesian[imported.text].string
