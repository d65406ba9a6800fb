"""A row refused for a fact that another row of the same file gave names that row's line, not the fact's version: a
second confirmation as PNS, rating of the year, award of the kind, separation, feedback on the programme or end of
the post, a fact dated after a separation, a status change on its day (either row first), a session after a
mentoring's end, a placement in another agency ending a post or posts, a period's end before its start, a record's
voiding or what stands in its way (a mentor's voiding by a row of the mentor's), a retraction leaving a
later promotion a rank jump or retracting the Latsar a confirmation rests on, as a promotion of the same TMT does
(test_import_same_tmt_names_the_line). Until 2026-12-05 each said "(version 3)", a version the file's user cannot find
in it, and one a dry run never gave. A fact recorded before the file keeps its version.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def row(kind: str, payload: dict[str, object]) -> dict[str, object]:
    return {"kind": kind, "nip": NIP, **payload}


def confirmation(day: str) -> dict[str, object]:
    return row("confirmation", f.confirmation(day))


def separation(day: str) -> dict[str, object]:
    return row("status_change", f.status("DISMISSED", day))


CONFIRMED = confirmation("2011-03-01")
COURSE = row("training", f.training("2019-05-10", hours=24, start="2019-05-08", programme_id="P-LEAD"))
HEAD_OF_SECTION = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Seksi", "unit": "Dinas Kesehatan"} | {
    "assignment": "DEFINITIVE",
    "effective_date": "2020-01-02",
    "reference": "SK-JAB-1",
}
HEAD_OF_SUBSECTION = {**HEAD_OF_SECTION, "title": "Kepala Subbagian", "reference": "SK-JAB-2"}
MOVED = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06", "effective_date": "2024-01-02"} | {
    "reference": "SK-MUTASI-1"
}
POST = row(
    "post_appointment",
    {"post_kind": "PELAKSANA", "title": "Pengadministrasi Umum", "unit": "Dinas Kesehatan", "assignment": "DEFINITIVE"}
    | {"effective_date": "2018-01-02", "reference": "SK-JAB-0"},
)


def feedback(day: str) -> dict[str, object]:
    return row(
        "training_feedback",
        {"programme_id": "P-LEAD", "rating": 4, "relevance": 5, "effective_date": day, "reference": f"EVAL-{day}"},
    )


MENTOR = f.nip(date(1975, 5, 5), date(2000, 3, 1), "F", sequence=7)
MENTOR_APPOINTED = {"kind": "appointment", "nip": MENTOR, **f.appointment(date(1975, 5, 5), date(2000, 3, 1), "F")}


def mentoring(kind: str, day: str, **more: object) -> dict[str, object]:
    return row(kind, {"mentor_nip": MENTOR, "effective_date": day, "reference": f"MT-{kind}-{day}", **more})


def post_end(day: str) -> dict[str, object]:
    return row("post_end", {"appointment_reference": "SK-JAB-0", "effective_date": day, "reference": f"SK-END-{day}"})


ROWS_AND_REFUSALS = {
    "confirmation": (
        [confirmation("2011-03-01"), confirmation("2011-06-01")],
        "line 3: kind: Already confirmed as PNS on 2011-03-01 (line 2 of this file); keep one of the two rows.",
    ),
    "rating": (
        [row("performance_rating", f.rating(2012)), row("performance_rating", f.rating(2012))],
        "line 3: year: 2012 is already rated (line 2 of this file); keep one of the two rows.",
    ),
    "award": (
        [row("award", f.award("SLKS_10", "2020-08-17")), row("award", f.award("SLKS_10", "2021-08-17"))],
        "line 3: award_kind: SLKS_10 was already conferred on 2020-08-17 (line 2 of this file); keep one of the two "
        "rows.",
    ),
    "separation": (
        [CONFIRMED, separation("2015-01-01"), separation("2015-02-01")],
        "(typed: '2015-02-01'); status: Already separated (DISMISSED) on 2015-01-01 (line 3 of this file); keep one of "
        "the two rows.",
    ),
    "feedback": (
        [COURSE, feedback("2019-05-11"), feedback("2019-05-12")],
        "line 4: programme_id: Feedback on 'P-LEAD' is already recorded (line 3 of this file); keep one of the two "
        "rows.",
    ),
    "post_end": (
        [POST, post_end("2019-01-02"), post_end("2019-02-01")],
        "line 4: appointment_reference: That post already ended (line 3 of this file); keep one of the two rows.",
    ),
    "mentoring": (
        [
            MENTOR_APPOINTED,
            mentoring("mentoring_start", "2021-02-01", focus="Kepemimpinan"),
            mentoring("mentoring_session", "2021-03-01", topic="Rencana", minutes=60),
            mentoring("mentoring_end", "2021-02-15"),
        ],
        "line 5: effective_date: A mentoring session with 197505052000032007 is recorded on 2021-03-01 (line 4 of this "
        "file), after this end: end the mentoring on or after 2021-03-01, or correct that row's session.",
    ),
    "ends_post": (
        [row("post_appointment", HEAD_OF_SECTION), row("placement", MOVED)],
        f"line 3: agency: {NIP} holds Kepala Seksi (PENGAWAS, line 2 of this file) in KOTA-MEDAN; a placement in "
        "another agency ends it on 2024-01-02 (rule placement.ends_post). If the decree does move the employee to "
        "KAB-KARO, confirm it (confirm: placement.ends_post) and import the row again: the post's end is recorded "
        "with the placement, under its reference; if not, write the agency it names.",
    ),
    "posts": (
        [
            row("post_appointment", HEAD_OF_SECTION),
            row("post_appointment", HEAD_OF_SUBSECTION),
            row("placement", MOVED),
        ],
        "placement.ends_post): Kepala Seksi (PENGAWAS, line 2 of this file), Kepala Subbagian (PENGAWAS, line 3 of "
        "this file). A placement ends one post with it",
    ),
    "period": (
        [
            MENTOR_APPOINTED,
            mentoring("mentoring_start", "2021-02-01", focus="Kepemimpinan"),
            mentoring("mentoring_end", "2021-06-01"),
            mentoring("mentoring_end", "2021-04-01"),
        ],
        "line 5: effective_date: The mentoring with 197505052000032007 ended without having started (line 4 of this "
        "file, 2021-06-01).",
    ),
    "voided": (
        [row("retraction", {**f.retraction(1, "2011-01-01"), "confirm_nip": NIP}), CONFIRMED],
        f"line 3: nip: The record of NIP {NIP} was voided: its appointment was retracted by line 2 of this file.",
    ),
    "standing": (
        [CONFIRMED, row("retraction", {**f.retraction(1, "2011-04-01"), "confirm_nip": NIP})],
        "every other fact of this record is retracted; still standing: line 2 of this file (confirmation). Retract",
    ),
    "mentor_voided": (
        [
            MENTOR_APPOINTED,
            {"kind": "retraction", "nip": MENTOR, **f.retraction(1, "2011-01-01"), "confirm_nip": MENTOR},
            CONFIRMED,
            mentoring("mentoring_start", "2021-02-01", focus="Kepemimpinan"),
        ],
        f"line 5: mentor_nip: The record of NIP {MENTOR} was voided: its appointment was retracted by line 3 of this "
        "file.",
    ),
    "retraction_jump": (
        [
            CONFIRMED,
            row("rank_promotion", f.promotion("III/b", "2014-04-01")),
            row("rank_promotion", f.promotion("III/c", "2018-04-01")),
            row("retraction", f.retraction(3, "2019-01-01")),
        ],
        "line 5: target_version: Retracting it leaves the promotion of 2018-04-01 (line 4 of this file) to III/c 2 "
        "ranks above III/a, held since 2010-03-01, and a 101 promotion moves up by at most 1 (rule "
        "promotion.one_step). Correct that promotion first; if its decree does promote this far, confirm it (confirm: "
        "promotion.one_step) and import the row again.",
    ),
    "latsar": (
        [
            row("training", f.training("2010-12-01", 40, "2010-11-01", training_kind="LATSAR", reference="LATSAR-77")),
            row("confirmation", f.confirmation("2011-03-01", latsar_certificate="LATSAR-77")),
            row("retraction", f.retraction(2, "2011-04-01")),
        ],
        "line 4: target_version: The confirmation as PNS of 2011-03-01 (line 3 of this file) rests on this Latsar "
        "(certificate 'LATSAR-77'): retract or correct the confirmation first.",
    ),
    "after_a_separation": (
        [CONFIRMED, separation("2015-01-01"), row("rank_promotion", f.promotion("III/b", "2016-04-01"))],
        "line 4: effective_date: 2016-04-01 is after the separation on 2015-01-01 (line 3 of this file, DISMISSED).",
    ),
    "a_separation_before": (
        [CONFIRMED, row("rank_promotion", f.promotion("III/b", "2016-04-01")), separation("2015-01-01")],
        "line 4: effective_date: Line 3 of this file (rank_promotion) is dated 2016-04-01, after this separation.",
    ),
    "on_the_separation_day": (
        [CONFIRMED, separation("2015-01-01"), row("status_change", f.status("CLTN", "2015-01-01"))],
        "line 4: effective_date: 2015-01-01 is the day of the separation (line 3 of this file, DISMISSED): from that "
        "day no other status takes effect. Date the status change before it, or correct the separation.",
    ),
    "a_separation_on_its_day": (
        [CONFIRMED, row("status_change", f.status("CLTN", "2015-01-01")), separation("2015-01-01")],
        "line 4: effective_date: Line 3 of this file (UNPAID_LEAVE) takes effect on 2015-01-01: from the day of a "
        "separation no other status takes effect. Date that row's status change earlier, or date the separation later.",
    ),
}


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("scenario", list(ROWS_AND_REFUSALS))
def test_a_fact_another_row_of_the_file_gave_is_named_by_its_line(
    database_url: str, tmp_path: Path, scenario: str, dry_run: bool
) -> None:
    rows, refusal = ROWS_AND_REFUSALS[scenario]
    path = write(tmp_path / "events.jsonl", APPOINTMENT, *rows)
    result = run(database_url, "import", *(["--dry-run"] if dry_run else []), str(path))
    assert result.exit_code == 1
    assert refusal in result.output
    assert "(version" not in result.output


def test_a_confirmation_recorded_before_the_file_is_named_by_its_version(database_url: str, tmp_path: Path) -> None:
    run(database_url, "import", str(write(tmp_path / "first.jsonl", APPOINTMENT, confirmation("2011-03-01"))))
    result = run(database_url, "import", str(write(tmp_path / "second.jsonl", confirmation("2011-06-01"))))
    assert result.exit_code == 1
    assert "line 1: kind: Already confirmed as PNS on 2011-03-01 (version 2)." in result.output


def mentor_left(day: str) -> dict[str, object]:
    return {"kind": "status_change", "nip": MENTOR, **f.status("DISMISSED", day)}


SESSION_AFTER_MENTOR_LEFT = mentoring("mentoring_session", "2022-03-01", topic="Rencana", minutes=60)


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_mentors_separation_is_named_by_the_mentors_row_not_the_mentees_of_that_version(
    database_url: str, tmp_path: Path, dry_run: bool
) -> None:
    """A session after the mentor's separation cites a version of the MENTOR's record: named by the mentor's row of
    the file (line 5), not by the mentee's row that gave the mentee's record the same version (line 4: the
    confirmation, each record's version 3), as it was."""
    rows = [MENTOR_APPOINTED, mentoring("mentoring_start", "2021-02-01", focus="Kepemimpinan"), CONFIRMED]
    path = write(tmp_path / "events.jsonl", APPOINTMENT, *rows, mentor_left("2022-01-01"), SESSION_AFTER_MENTOR_LEFT)
    result = run(database_url, "import", *(["--dry-run"] if dry_run else []), str(path))
    assert result.exit_code == 1
    assert (
        "line 6: mentor_nip (effective_date): 2022-03-01 is after the separation on 2022-01-01 (line 5 of this file, "
        "DISMISSED)." in result.output
    )


def test_a_mentors_separation_recorded_before_the_file_is_named_by_its_version(
    database_url: str, tmp_path: Path
) -> None:
    """The mentor's separation recorded before the file keeps its version (3) though a row of the file gave the
    mentee's record a version 3 (the confirmation, line 1): until 2026-12-05 named as that line."""
    first = [APPOINTMENT, MENTOR_APPOINTED, mentoring("mentoring_start", "2021-02-01", focus="Kepemimpinan")]
    assert (
        run(database_url, "import", str(write(tmp_path / "first.jsonl", *first, mentor_left("2022-01-01")))).exit_code
        == 0
    )
    path = write(tmp_path / "second.jsonl", CONFIRMED, SESSION_AFTER_MENTOR_LEFT)
    result = run(database_url, "import", "--dry-run", str(path))
    assert result.exit_code == 1
    assert (
        "line 2: mentor_nip (effective_date): 2022-03-01 is after the separation on 2022-01-01 (version 3, DISMISSED)."
        in result.output
    )
