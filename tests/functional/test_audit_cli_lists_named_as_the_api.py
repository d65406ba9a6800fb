"""`careerlog audit promotions` and `posts` name the employee `nip` and write true/false, as the API's lists do; `audit
study-leaves` still wrote `subject` and `judged` 1 (CSV, JSON and table), and `audit passed-over` `subject` (review
of 2026-12-06). The study leaves are now listed by the API's names and types (web.api.study_leave_schemas'
AuditedStudyLeaveSchema: `id`, `nip`, `judged` and `corrected` true or false), and the passed-over pairs, which the API
lists nowhere, name the NIP `nip` as the decisions' lists do. On both stores."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import World
from tests.functional.test_study_leave_audit import STUDY_LEAVES, on_leave, store_url

__all__ = ["on_leave", "store_url"]  # (the fixtures this module's tests take)


def run(store_url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["audit", *args], env={"CAREERLOG_DATABASE_URL": store_url})
    assert result.exit_code == 0, result.output
    return result.output


def as_csv(value: Any) -> str:
    """A JSON value of the API as a CSV cell writes it (true/false, nothing for null)."""
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def test_the_study_leaves_csv_names_and_writes_its_columns_as_the_api(on_leave: World, store_url: str) -> None:
    items = on_leave.get(f"{STUDY_LEAVES}?per_page=100", "inspector").get_json()["items"]
    rows = list(csv.DictReader(io.StringIO(run(store_url, "study-leaves", "--format", "csv"))))
    assert rows, "the world has starts of study leave"
    columns = list(rows[0])
    assert columns[:2] == ["start_date", "nip"]
    assert "subject" not in columns
    assert set(columns) <= set(items[0])  # (each column one of the API's item's fields, by its name)
    assert [{c: as_csv(i[c]) for c in columns} for i in items] == rows  # (judged: true, not 1)
    assert {r["judged"] for r in rows} == {"true"}


def test_the_study_leaves_json_names_and_types_its_fields_as_the_api(on_leave: World, store_url: str) -> None:
    items = on_leave.get(f"{STUDY_LEAVES}?per_page=100", "inspector").get_json()["items"]
    leaves = json.loads(run(store_url, "study-leaves", "--format", "json"))["study_leaves"]
    assert [s["id"] for s in leaves] == [i["id"] for i in items]
    for leave, item in zip(leaves, items, strict=True):
        assert "subject" not in leave
        fields = set(item) - {"findings"}  # (a finding's evidence as the view holds it)
        assert fields <= set(leave)
        assert {k: leave[k] for k in fields} == {k: item[k] for k in fields}
        assert type(leave["judged"]) is bool
        assert type(leave["corrected"]) is bool


def test_the_passed_over_pairs_name_the_employee_nip(on_leave: World, store_url: str) -> None:
    header = run(store_url, "passed-over", "--format", "csv").splitlines()[0]
    # (the API's flat columns since 2026-12-06, test_passed_over_cli_and_api_agree: the decision's version and page,
    # the comparison per measure and person)
    assert header == (
        "tmt,nip,version,decision,kind,rank,agency,unit,colleague,severity,nip_performance,colleague_performance,"
        "nip_training_jp,colleague_training_jp,nip_days_in_rank,colleague_days_in_rank,nip_education,"
        "colleague_education,page"
    )
    assert run(store_url, "passed-over").splitlines()[0].split()[:2] == ["tmt", "nip"]
