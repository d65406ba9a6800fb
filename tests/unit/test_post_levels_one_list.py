"""The level codes a post appointment may carry are one list, careerlog.reference's `post_levels`: the ledger judges a
post's level by it (check_post_appointment: a managerial post's eselon, another's levels), the audited posts' `level`
filter takes it (its OpenAPI enum), the record form offers it (with its labels) and the import template lists it.
Until 2026-12-06 the API built its list from the post kinds and the form and the template theirs from the eselons
plus the whole functional_levels table: the same codes today, by coincidence of asn.toml alone (a functional level
the table lists and no post kind carries would have been offered by the form, and refused by the ledger)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

import careerlog.reference as reference_module
import careerlog.workbook_template as workbook_template
import web.pages.hr as hr
from careerlog.domain.employee import check_post_appointment
from careerlog.domain.errors import FieldErrors
from careerlog.domain.ledger import Fact
from careerlog.reference import Reference, reference
from careerlog.workbook_template import template_columns
from web.api.audit_schemas import PostAuditQuerySchema

EXPECTED = ["I.a", "I.b", "II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b", "AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA",
            "AHLI_UTAMA", "PEMULA", "TERAMPIL", "MAHIR", "PENYELIA"]  # fmt: skip


@pytest.fixture(scope="module")
def app() -> Flask:
    made = Flask(__name__)
    Babel(made)
    return made


def accepted(kind: str, level: str) -> bool:
    """Whether the ledger takes `level` on a post of `kind`."""
    errors = FieldErrors()
    fact = Fact(0, "post_appointment", {"post_kind": kind, "level": level}, date(2024, 1, 1))
    check_post_appointment(None, fact, errors)  # type: ignore[arg-type]  # (the career is not read)
    return not errors


def form_codes(app: Flask) -> list[str]:
    with app.test_request_context(), force_locale("en"):
        return [code for code, _ in hr.post_levels()]


def template_codes() -> list[str] | None:
    [level] = [c for c in template_columns("post_appointment") if c.name == "level"]
    return level.codes


def test_the_levels_are_those_the_ledger_takes_on_some_post_kind() -> None:
    ref = reference()
    assert ref.post_levels() == EXPECTED
    taken = [level for level in EXPECTED if any(accepted(kind.code, level) for kind in ref.post_kinds)]
    assert taken == EXPECTED
    for kind in ref.post_kinds:
        assert [level for level in EXPECTED if accepted(kind.code, level)] == ref.post_levels(kind.code)
    assert ref.post_levels("PELAKSANA") == []


def test_the_api_enum_the_form_and_the_template_give_the_one_list(app: Flask) -> None:
    level = PostAuditQuerySchema().fields["level"]
    assert level.inner.metadata["enum"] == reference().post_levels()  # type: ignore[attr-defined]
    assert form_codes(app) == reference().post_levels()
    assert template_codes() == reference().post_levels()


def test_the_form_labels_an_eselon_and_names_a_functional_level(app: Flask) -> None:
    with app.test_request_context(), force_locale("en"):
        labels = dict(hr.post_levels())
    assert (labels["IV.a"], labels["AHLI_MUDA"]) == ("Echelon IV.a", "Ahli Muda")


def test_a_functional_level_no_post_kind_carries_is_offered_by_neither_form_nor_template(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = reference_module.HERE
    asn: dict[str, Any] = reference_module._load_toml(here / "asn.toml")
    extra = {"code": "AHLI_KHUSUS", "name": "Ahli Khusus", "credit_per_step": 1, "coefficient": 1.0}
    asn["functional_levels"] = [*asn["functional_levels"], {**extra, "min_rank": "IV/d", "max_rank": "IV/e"}]
    regions, agencies = (reference_module._load_toml(here / f"{name}.toml") for name in ("regions", "agencies"))
    changed = Reference(asn, regions, agencies)
    monkeypatch.setattr(hr, "reference", lambda: changed)
    monkeypatch.setattr(workbook_template, "reference", lambda: changed)
    assert "AHLI_KHUSUS" not in changed.post_levels()
    assert form_codes(app) == changed.post_levels() == EXPECTED
    assert template_codes() == EXPECTED
