"""An import's rows read the identity rules (careerlog.domain.nip.nip_rules) once per batch, not once per row: since the
identity rules became configurable (2026-12-06) every row read them twice, the NIP check before its cache look-up
(careerlog.application.nip_checker) and `spreadsheet_nips` before its test of the cell (about 4 us each: reading
CAREERLOG_RULES_FILE and looking its rules up), where the import's performance target is unmet. A row whose NIP cells
do not end 000 reads no rules to read its cells; a batch reads them when its first command's NIP is checked
(UnitOfWork.nip_check), so a rules file changed takes effect at the next batch or command."""

from __future__ import annotations

from pathlib import Path

import pytest

import careerlog.application
import careerlog.textfiles
from careerlog.application import CareerLog
from careerlog.domain.errors import InvalidInput
from careerlog.domain.nip import NipRules, nip_rules
from careerlog.importing import import_file
from careerlog.reference import RULES_FILE_ENV
from careerlog.textfiles import spreadsheet_nips
from tests import factories as f
from tests.integration.test_nip_rules_configurable import ENDING_000, rules_file


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (a count of reads: one store shows it)
    return sqlite_url


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each reading of the configured identity rules by the import's row reading and recording, counted."""
    counted: list[int] = []

    def counting(book: object = None) -> NipRules:
        counted.append(1)
        return nip_rules()

    monkeypatch.setattr(careerlog.application, "nip_rules", counting)
    monkeypatch.setattr(careerlog.textfiles, "nip_rules", counting)
    return counted


def test_a_nip_cell_not_ending_000_reads_no_rules(reads: list[int]) -> None:
    row = {"nip": f.nip(), "mentor_nip": f.nip(), "kind": "training"}
    spreadsheet_nips(row)
    assert reads == []
    spreadsheet_nips({"nip": ENDING_000})  # (the rare cell: the rules say whether a NIP may end so)
    assert reads == [1]


def test_an_import_batch_reads_the_identity_rules_once(app: CareerLog, tmp_path: Path, reads: list[int]) -> None:
    nips = [f.nip() for _ in range(6)]
    header = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    lines = [f"{nip},TEKNIS,P,B,2,2024-05-01,2024-05-02,R-{n}\n" for n, nip in enumerate(nips)]
    for nip in nips:
        app.record(nip, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "training.csv"
    path.write_text(header + "".join(lines), encoding="utf-8")
    reads.clear()
    assert import_file(app, path, actor="hr", kind="training", batch_size=3).recorded == 6
    assert len(reads) == 2  # (two batches of three rows)


def test_a_batch_reads_the_rules_in_force_when_it_starts(
    app: CareerLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules are kept by the unit of work, not the process: a rules file changed between two commands is read by
    the second (the checked NIPs cached by the rules they were read by)."""
    with pytest.raises(InvalidInput, match="may not be 000"):
        app.record(ENDING_000, "appointment", f.appointment(), actor="hr")
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_file(tmp_path, "enforced = true", "enforced = false")))
    app.record(ENDING_000, "appointment", f.appointment(), actor="hr")
    monkeypatch.delenv(RULES_FILE_ENV)
    with pytest.raises(InvalidInput, match="may not be 000"):
        app.record(ENDING_000, "training", f.training("2024-05-10", hours=16, start="2024-05-08"), actor="hr")
