"""A live import's rows read the configured rules (careerlog.reference.rules) once per batch, not once per row: each
rating row read them twice (its year's scheme: in_year_scheme, check_rating) and each rank promotion once (its rank
jump, rule promotion.one_step), each reading CAREERLOG_RULES_FILE and looking its rules up (about 1-3 us). The unit of
work keeps them as it keeps the identity rules (UnitOfWork.rules, as UnitOfWork.nip_check), so a rules file changed
takes effect at the next batch or command."""

from __future__ import annotations

from pathlib import Path

import pytest

import careerlog.application
from careerlog.application import CareerLog
from careerlog.domain.errors import InvalidInput
from careerlog.importing import import_file
from careerlog.reference import RULES_FILE_ENV, rules
from tests import factories as f
from tests.integration.test_nip_rules_configurable import rules_file
from tests.integration.test_nip_rules_read_once_per_batch import database_url  # noqa: F401 (one store shows a count)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each reading of the configured rules by the recording of a row (careerlog.application's), counted."""
    counted: list[int] = []
    monkeypatch.setattr(careerlog.application, "rules", lambda: counted.append(1) or rules())
    return counted


def test_an_import_batch_of_ratings_and_promotions_reads_the_rules_once(
    app: CareerLog, tmp_path: Path, reads: list[int]
) -> None:
    nips = [f.nip(sequence=n) for n in range(1, 4)]
    for nip in nips:
        app.record(nip, "appointment", f.appointment(), actor="hr")
    ratings = [
        f'{{"kind": "performance_rating", "nip": "{nip}", "year": 2012, "predicate": "BAIK", '
        f'"effective_date": "2012-12-31", "reference": "SKP-{nip}"}}'
        for nip in nips
    ]
    promotions = [
        f'{{"kind": "rank_promotion", "nip": "{nip}", "new_rank": "III/b", "promotion_kind": "101", '
        f'"effective_date": "2014-04-01", "reference": "KP-{nip}"}}'
        for nip in nips
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(ratings + promotions) + "\n", encoding="utf-8")
    reads.clear()
    report = import_file(app, path, actor="hr", batch_size=3)
    assert (report.recorded, report.rejected) == (6, []), report.rejected
    assert len(reads) == 2  # (two batches of three rows: until 2026-12-06 one read per promotion, two per rating)


def test_a_rules_file_changed_between_two_commands_is_read_by_the_second(
    app: CareerLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    with pytest.raises(InvalidInput, match="one_step"):
        app.record(nip, "rank_promotion", f.promotion("III/c", "2014-04-01"), actor="hr")
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_file(tmp_path, 'steps = { "101" = 1 }', 'steps = { "101" = 2 }')))
    app.record(nip, "rank_promotion", f.promotion("III/c", "2014-04-01"), actor="hr")
    monkeypatch.delenv(RULES_FILE_ENV)
    with pytest.raises(InvalidInput, match="one_step"):
        app.record(nip, "rank_promotion", f.promotion("IV/a", "2018-04-01"), actor="hr")
