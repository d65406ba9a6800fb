"""The command line's writes (`careerlog record`, `careerlog import`, with --workers too) ask unit.new of a unit new in
its agency near a known one and say a rank promotion recorded against a rule the audit judges, as the API, the record
form and the import page do: the ledger's extension (careerlog.application.LEDGER_EXTENSIONS, projections.ledger) is
attached by every live writer. Before, only the web layer attached them, and the command line recorded a misspelt unit
unasked and a promotion against the rules without a word. A store whose views are not made yet records unasked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

# (the appointment's unit is BKPSDM of KOTA-MEDAN: BKPSDN is one letter off it)
PLACE = {"agency": "KOTA-MEDAN", "region": "12.71", "effective_date": "2012-01-02"}
ASKED = "'BKPSDN' is no unit known in KOTA-MEDAN (did you mean 'BKPSDM'?)"
WARNED = "Recorded; by the rules in force on 2011-05-01 it does not meet promotion.time_in_rank: III/a since 2010-03-01"


def placement(unit: str, reference: str, *confirm: str) -> list[str]:
    fields = {**PLACE, "unit": unit, "reference": reference}
    return ["record", NIP, "placement", *(f"{k}={v}" for k, v in fields.items()), *confirm]


def appointed_and_viewed(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    rebuilt = run(database_url, "projections", "rebuild", "merit")  # (its unit_spells: the units known)
    assert rebuilt.exit_code == 0, rebuilt.output


def test_record_asks_a_unit_new_in_its_agency_near_a_known_one_until_confirmed(
    database_url: str, tmp_path: Path
) -> None:
    appointed_and_viewed(database_url, tmp_path)
    before = last_position(database_url)
    asked = run(database_url, *placement("BKPSDN", "SK-1"))
    assert asked.exit_code == 1
    assert ASKED in asked.output
    assert "confirm it (confirm: unit.new)" in asked.output
    assert last_position(database_url) == before
    confirmed = run(database_url, *placement("BKPSDN", "SK-1", "confirm=unit.new"))
    assert confirmed.exit_code == 0, confirmed.output


def test_record_asks_a_units_rating_of_a_unit_new_in_its_agency_near_a_known_one_until_confirmed(
    database_url: str, tmp_path: Path
) -> None:
    """`careerlog record UNIT:...` asks unit.new of a unit's rating as of a placement (since 2026-12-07)."""
    appointed_and_viewed(database_url, tmp_path)
    before = last_position(database_url)
    rating = ["record", "UNIT:KOTA-MEDAN:BKPSDN", "unit_rating", "year=2021", "predicate=BAIK",
              "effective_date=2021-12-31", "reference=LKJ-2021"]  # fmt: skip
    asked = run(database_url, *rating)
    assert asked.exit_code == 1
    assert ASKED in asked.output
    assert last_position(database_url) == before
    confirmed = run(database_url, *rating, "confirm=unit.new")
    assert confirmed.exit_code == 0, confirmed.output


def test_record_asks_again_a_units_rating_of_a_unit_whose_only_rating_is_retracted(
    database_url: str, tmp_path: Path
) -> None:
    """A unit confirmed new once, its only rating retracted (no staff placed in it), is asked unit.new again as if
    new: it stayed known forever before."""
    appointed_and_viewed(database_url, tmp_path)
    rating = ["record", "UNIT:KOTA-MEDAN:BKPSDN", "unit_rating", "year=2021", "predicate=BAIK",
              "effective_date=2021-12-31"]  # fmt: skip
    assert run(database_url, *rating, "reference=LKJ-2021", "confirm=unit.new").exit_code == 0
    retraction = ["record", "UNIT:KOTA-MEDAN:BKPSDN", "retraction", "target_version=2", "reason=Salah ketik",
                  "effective_date=2022-01-10", "reference=BATAL-1"]  # fmt: skip
    retracted = run(database_url, *retraction)
    assert retracted.exit_code == 0, retracted.output
    before = last_position(database_url)
    asked = run(database_url, *rating, "reference=LKJ-2021-B")
    assert asked.exit_code == 1
    assert ASKED in asked.output
    assert last_position(database_url) == before
    confirmed = run(database_url, *rating, "reference=LKJ-2021-B", "confirm=unit.new")
    assert confirmed.exit_code == 0, confirmed.output


def test_record_says_a_promotion_recorded_against_the_rules(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    fields = f.promotion("III/b", "2011-05-01")
    result = run(database_url, "record", NIP, "rank_promotion", *(f"{k}={v}" for k, v in fields.items()))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"recorded: rank_promotion version 2 of {NIP}"
    assert any(line.startswith(f"warning: {WARNED}") for line in lines), result.output
    assert all(line.endswith("(the audit will flag it).") for line in lines[1:]), result.output
    again = run(database_url, "record", NIP, "rank_promotion", *(f"{k}={v}" for k, v in fields.items()))
    assert again.output == f"already recorded: rank_promotion version 2 of {NIP}\n"  # (said once, when recorded)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_import_asks_unit_new_and_warns_of_a_promotion_by_line(database_url: str, tmp_path: Path, workers: str) -> None:
    appointed_and_viewed(database_url, tmp_path)
    rows = write(
        tmp_path / "rows.jsonl",
        {"kind": "placement", "nip": NIP, **PLACE, "unit": "BKPSDN", "reference": "SK-1"},
        {"kind": "rank_promotion", "nip": NIP, **f.promotion("III/b", "2011-05-01")},
    )
    result = run(database_url, "import", "--workers", workers, str(rows))
    assert result.exit_code == 1
    assert f"line 1: unit: {ASKED}" in result.output
    assert f"warning: line 2: new_rank: {WARNED}" in result.output
    assert "2 rows: recorded 1, already recorded 0, rejected 1" in result.output


def test_a_dry_run_import_warns_of_a_promotion_it_would_record_and_records_nothing(
    database_url: str, tmp_path: Path
) -> None:
    """A dry run judges the promotion on the record as the run would leave it, worded for what it would record (until
    2026-12-05 a dry run said nothing of it)."""
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    before = last_position(database_url)
    rows = write(tmp_path / "rows.jsonl", {"kind": "rank_promotion", "nip": NIP, **f.promotion("III/b", "2011-05-01")})
    result = run(database_url, "import", "--dry-run", str(rows))
    assert result.exit_code == 0, result.output
    would = WARNED.replace("Recorded;", "Would be recorded;")
    assert f"warning: line 1: new_rank: {would}" in result.output, result.output
    assert "(the audit would flag it)." in result.output
    assert last_position(database_url) == before


def test_a_store_whose_views_are_not_made_records_unasked(database_url: str, tmp_path: Path) -> None:
    """No views yet (`careerlog projections` never run): no unit is known, so none is asked; recording goes on."""
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    result = run(database_url, *placement("BKPSDN", "SK-1"))
    assert result.exit_code == 0, result.output
    assert result.output == f"recorded: placement version 2 of {NIP}\n"


def test_a_migration_import_is_not_judged(database_url: str, tmp_path: Path) -> None:
    """A migration keeps its log as it was recorded: its promotions are not judged."""
    rows = [
        {**APPOINTMENT, "recorded_at": "2010-03-05T02:00:00Z"},
        {
            "kind": "rank_promotion",
            "nip": NIP,
            **f.promotion("III/b", "2011-05-01"),
            "recorded_at": "2011-05-03T02:00:00Z",
        },
    ]
    result = run(database_url, "import", "--migration", str(write(tmp_path / "log.jsonl", *rows)))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_projections_registers_the_ledger_extension_every_live_writer_attaches() -> None:
    """setup.cfg's `careerlog.ledger_extensions` names projections.ledger's (an install without it would record
    unasked and say nothing, in the web process too)."""
    from careerlog.application import _ledger_extensions
    from projections.ledger import extend_ledger

    assert _ledger_extensions() == (extend_ledger,)


def test_import_judges_a_correction_of_a_promotion_but_not_of_a_training(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A correction is kept for the audit's findings (findings_of: the whole record read and replayed) only when it
    corrects a rank promotion, as the unit of work that decided it knew: every correction was, a training's too."""
    import projections.ledger

    judged: list[tuple[str, list[tuple[str, int]]]] = []
    findings_of = projections.ledger.findings_of

    def counted(
        ledger: object, subject: str, written: list[tuple[str, int]], unsaved: object = None, alone: object = None
    ) -> list[tuple[object, ...]]:
        judged.append((subject, list(written)))
        return findings_of(ledger, subject, written, unsaved, alone)  # type: ignore[arg-type]

    promoted = {"kind": "rank_promotion", "nip": NIP, **f.promotion("III/b", "2011-05-01")}
    trained = {"kind": "training", "nip": NIP, **f.training("2012-05-10")}
    first = run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT, promoted, trained)))
    assert first.exit_code == 0, first.output
    monkeypatch.setattr(projections.ledger, "findings_of", counted)
    rows = write(
        tmp_path / "corrections.jsonl",
        {"kind": "correction", "nip": NIP, **f.correction(3, "2013-01-02", hours=6)},
        {"kind": "correction", "nip": NIP, **f.correction(2, "2013-01-02", reference="KP-RALAT")},
    )
    result = run(database_url, "import", str(rows))
    assert result.exit_code == 0, result.output
    assert judged == [(NIP, [("correction", 5)])]
    assert f"warning: line 2: target_version: {WARNED}" in result.output
