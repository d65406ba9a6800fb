"""The two inferences (I) of the reference's identity section are configurable rules, as appointment.min_age is:
`nip.sequence_nonzero` ("sequence not 000") and `nip.pppk_digit` ("digit 13 tells PNS and PPPK apart: PPPK 2"). Until
2026-12-06 careerlog/domain/nip.py `parse_nip` hard-coded both, so no rules file could admit a NIP ending 000 nor
read another digit as an NI PPPK's; `careerlog rules` did not name them. Each holds one version, read without a day
(docs/rules.md, "Identity numbers")."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import ConfigurationError
from careerlog.domain.errors import InvalidInput
from careerlog.domain.nip import NipRules, nip_rules, normalise_nip, parse_nip
from careerlog.importing import read_csv
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV, load_rules, rules
from tests import factories as f

ENDING_000 = f.nip(sequence=0)  # 19860926 201003 1 000


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (a check of the recording alone: one store shows it)
    return sqlite_url


def rules_file(tmp_path: Path, old: str, new: str) -> Path:
    """The bundled rules file with one text replaced (once)."""
    edited = tmp_path / "rules.toml"
    shutil.copy(BUNDLED_RULES, edited)
    text = edited.read_text(encoding="utf-8")
    assert old in text
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edited


def test_the_bundled_rules_refuse_a_nip_ending_000_as_before(app: CareerLog) -> None:
    assert nip_rules() == NipRules(sequence_nonzero=True, pppk_digits=("2",))
    with pytest.raises(InvalidInput) as refused:
        app.record(ENDING_000, "appointment", f.appointment(), actor="hr")
    assert refused.value.errors["nip"] == ["Digits 16-18 (sequence) may not be 000."]
    assert not app.events_of([ENDING_000]).get(ENDING_000)


def test_a_rules_file_turning_the_sequence_check_off_records_a_nip_ending_000(
    app: CareerLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_file(tmp_path, "enforced = true", "enforced = false")))
    app.record(ENDING_000, "appointment", f.appointment(), actor="hr")
    app.record(ENDING_000, "training", f.training("2024-05-10", hours=16, start="2024-05-08"), actor="hr")
    assert [e.originator_version for e in app.events_of([ENDING_000])[ENDING_000]] == [1, 2]
    assert parse_nip(ENDING_000).sequence == 0


def test_an_import_refuses_a_cell_ending_000_asking_for_text_when_the_sequence_check_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the check off, a cell of 18 digits ending 000 may still be a NIP a spreadsheet rounded (nip_mismatches
    compares digits 1-15 only, so an appointment would record a new employee under it): refused all the same, naming
    how to import a NIP that does end 000 (until 2026-12-06 it was read as written); written as text it is read."""
    text = f"nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n{ENDING_000},TEKNIS,P,B,2,"
    text += "2024-05-01,2024-05-02,R-1\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(row, dict)
    assert "stored as a number" in str(getattr(row["nip"], "reason", ""))  # (bundled)
    assert f"'{ENDING_000}" not in str(getattr(row["nip"], "reason", ""))  # (bundled: no NIP ends 000, no text form)
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_file(tmp_path, "enforced = true", "enforced = false")))
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(row, dict)
    assert str(getattr(row["nip"], "reason", "")) == (
        f"{ENDING_000} may be a NIP a spreadsheet stored as a number, which keeps only 15 of its 18 digits (its last "
        "ones written 000). If so, in the spreadsheet, format column 'nip' as Text, type this NIP again as the decree "
        "writes it, save the file again as CSV and import this row again. If the NIP does end 000 (rule "
        f"nip.sequence_nonzero is off), write it marked as text ('{ENDING_000}) or with its spaces (19860926 201003 1 "
        "000)."
    )
    for written in (f"'{ENDING_000}", "19860926 201003 1 000"):
        [(_, row, _)] = list(read_csv(io.BytesIO(text.replace(ENDING_000, written).encode()), "training"))
        assert isinstance(row, dict)
        assert normalise_nip(row["nip"]) == ENDING_000


def test_the_pppk_digits_are_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    number = "199001152022312005"  # digit 13 is 3
    with pytest.raises(InvalidInput, match="month"):
        parse_nip(number)  # (bundled: a PNS NIP of month 31)
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_file(tmp_path, 'digits = ["2"]', 'digits = ["3"]')))
    nip = parse_nip(number)
    assert (nip.employment_kind, nip.appointed_year, nip.contract_count) == ("PPPK", 2022, 1)
    with pytest.raises(InvalidInput, match="month"):
        parse_nip(f.pppk_nip())  # (digit 13 of 2 dropped: now a PNS NIP of month 21)


def test_a_digit_added_keeps_the_ni_pppks_recorded_with_the_old_one(
    app: CareerLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list (until 2026-12-06 one digit: changing it made every NI PPPK recorded with 2 a PNS number of month 2x,
    refusing each new fact of theirs): 3 added beside 2 reads both as NI PPPKs."""
    pppk = f.pppk_nip()
    payload = f.appointment(date(1990, 1, 15), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX")
    app.record(pppk, "appointment", payload, actor="hr")
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_file(tmp_path, 'digits = ["2"]', 'digits = ["2", "3"]')))
    assert nip_rules().pppk_digits == ("2", "3")
    assert parse_nip(pppk).employment_kind == "PPPK"
    assert parse_nip("199001152022312005").employment_kind == "PPPK"
    app.record(pppk, "training", f.training("2024-05-10", hours=16, start="2024-05-08"), actor="hr")
    assert [e.originator_version for e in app.events_of([pppk])[pppk]] == [1, 2]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('digits = ["2"]', 'digits = ["1"]', "params.digits must be a list of digits from 2 to 9"),
        ('digits = ["2"]', 'digits = ["2", "0"]', "params.digits must be a list of digits from 2 to 9"),
        ('digits = ["2"]', "digits = [2]", "params.digits must be a list of digits from 2 to 9"),
        ('digits = ["2"]', 'digits = "2"', "params.digits must be a list of digits from 2 to 9"),
        ('digits = ["2"]', "digits = []", "params.digits must be a list of digits from 2 to 9"),
        ('digits = ["2"]', 'digits = ["2", "2"]', "params.digits must be a list of digits from 2 to 9"),
        ('digits = ["2"]', 'digit = "3"', 'params.digit must be given as digits, a list (e.g. digits = ["2"])'),
        ("enforced = true", 'enforced = "no"', "params.enforced must be true or false"),
        (
            'id = "nip.pppk_digit"',
            'id = "nip.pppk_digit"\nvalid_to = "2030-01-01"',
            "rule nip.pppk_digit: an identity number's rule is read without a day, so it holds one version",
        ),
    ],
)
def test_a_rules_file_misreading_an_identity_rule_is_refused_naming_it(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    with pytest.raises(ConfigurationError, match=re.escape(said)):
        load_rules(rules_file(tmp_path, old, new))


def test_two_versions_of_an_identity_rule_are_refused(tmp_path: Path) -> None:
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    block = text[text.index("[[rules]]\n# (Read when a fact is written and a NIP is read") :]
    block = block[: block.index("[[rules]]", 1)]
    path = tmp_path / "rules.toml"
    path.write_text(text + "\n" + block, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=re.escape("rule nip.sequence_nonzero: an identity number's rule")):
        load_rules(path)


def test_careerlog_rules_lists_the_identity_rules() -> None:
    result = CliRunner().invoke(main, ["rules", "nip.sequence_nonzero"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "nip.sequence_nonzero (I, from 1974-01-01): An identity number's sequence (digits 16-18) is not 000",
        "  enforced = true",
    ]
    result = CliRunner().invoke(main, ["rules", "nip.pppk_digit"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == ['  digits = ["2"]']
    assert {"nip.sequence_nonzero", "nip.pppk_digit"} <= set(rules().ids)
