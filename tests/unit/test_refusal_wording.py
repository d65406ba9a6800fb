"""The ledger's refusals are worded by templates (careerlog.domain.wording.Refusal): the English message stays a
str, byte for byte, and carries its template and values, so the pages translate it without reading the English
back. No refusal is raised from plain English text, which no page could translate."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

from careerlog.access import AGENCY
from careerlog.domain import wording
from careerlog.domain.employee import COST, NOT_STARTED, TOO_MANY_HOURS, VERSION
from careerlog.domain.errors import FieldErrors, InvalidInput
from careerlog.domain.wording import REFUSALS, Reason, joined, reason_of

ROOT = Path(__file__).parents[2]
# The errors a refusal is raised with, and the call adding a field's reason: their message is worded by a Refusal.
REFUSING = {"InvalidInput", "NotFound", "Conflict", "IdempotencyConflict", "ConcurrencyConflict", "AccessDenied"}
# The modules raising the refusals that reach the pages and the API (the command line's own messages and the demo's
# are not refusals of the ledger's; the API's own argument checks, web/api, never reach a page)
SOURCES = [
    *sorted((ROOT / "careerlog").rglob("*.py")),
    *sorted((ROOT / "projections").rglob("*.py")),
    ROOT / "web" / "services.py",
    ROOT / "web" / "scoping.py",
]
NOT_REFUSING = {"careerlog/cli.py", "careerlog/accounts_cli.py", "careerlog/domain/quick.py"}


def english_text(node: ast.expr) -> bool:
    """Whether an argument is English written out: a string, an f-string, or strings put together."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return english_text(node.left) or english_text(node.right)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join")


def place(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{line}"


def written_out_refusals(path: Path) -> list[str]:
    """Each refusal of a module raised from English written out: `InvalidInput(f"...")`, `errors.add(name, "...")`,
    `ValueError("...")` in the payload's readers."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        refusing = name in REFUSING or (name == "ValueError" and path.name == "payload.py")
        if (refusing and english_text(node.args[0])) or (
            name == "add" and len(node.args) == 2 and english_text(node.args[1])
        ):
            found.append(place(path, node.lineno))
    return found


def test_no_refusal_is_raised_from_english_written_out() -> None:
    """A refusal raised as plain text has no template: the pages could only show it in English."""
    sources = [p for p in SOURCES if "demo" not in p.parts and str(p.relative_to(ROOT)) not in NOT_REFUSING]
    assert len(sources) > 20
    assert [place for path in sources for place in written_out_refusals(path)] == []


def test_the_check_catches_a_refusal_written_out(tmp_path: Path) -> None:
    module = tmp_path / "payload.py"
    module.write_text(
        'raise InvalidInput(f"{day} is odd.", "day")\nerrors.add("day", "Odd.")\nraise ValueError("Odd." + x)\n'
        'raise InvalidInput(ODD.reason(day=day), "day")\nerrors.add("day", ODD)\n'
    )
    assert len(written_out_refusals(module)) == 3


# The API's own argument checks (web/api) and the cursors' readers: their refusals reach a client, who reads them in
# the language asked for (web.languages), so each is a Refusal too (until 2026-12-07 sixteen were plain English: `by=`
# answered "At least one field to group by." to an Indonesian client, a page past the window, a cursor of another list)
API_SOURCES = [
    *sorted((ROOT / "web" / "api").glob("*.py")),
    ROOT / "careerlog" / "keyset.py",
    ROOT / "projections" / "roster_paging.py",
]
# the calls a client's refusal is raised or passed on by, its text the first argument (filled_or: the second)
API_REFUSING = {"InvalidInput", "ValidationError", "decode_cursor"}


def plain_constants(tree: ast.Module) -> set[str]:
    """The module's names bound to English written out at its top level (`NO_FIELD = "..."`), no Refusal."""
    return {
        node.targets[0].id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and english_text(node.value)
    }


def api_refusals_in_english(path: Path) -> list[str]:
    """Each refusal of an API module raised from English written out, or from a name bound to it."""
    tree = ast.parse(path.read_text())
    plain = plain_constants(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        given = node.args[1:2] if name == "filled_or" else node.args[:1] if name in API_REFUSING else []
        given += [k.value for k in node.keywords if k.arg == "reason"]
        if any(english_text(a) or (isinstance(a, ast.Name) and a.id in plain) for a in given):
            found.append(place(path, node.lineno))
    return found


def test_no_refusal_the_api_answers_is_english_written_out() -> None:
    """A client asking for Indonesian gets each reason in Indonesian: none is raised from plain English."""
    assert len(API_SOURCES) > 15
    assert [place for path in API_SOURCES for place in api_refusals_in_english(path)] == []


def test_the_api_check_catches_a_refusal_written_out_or_named(tmp_path: Path) -> None:
    module = tmp_path / "schemas.py"
    module.write_text(
        'ODD = "Odd."\nWORDED = Refusal("Odd.").reason()\nraise ValidationError(ODD)\n'
        'raise ValidationError(f"{x} is odd.")\nfilled_or(value, ODD)\ndecode_cursor(text, reason=ODD)\n'
        'raise InvalidInput(WORDED, "after")\nraise ValidationError(WORDED)\nfilled_or(value, WORDED)\n'
    )
    assert len(api_refusals_in_english(module)) == 4


def test_a_reason_is_its_english_message_and_carries_its_template_and_values() -> None:
    reason = TOO_MANY_HOURS.reason(hours=50, days=2, per_day=12)
    assert reason == "50 JP is more than 12 JP a day (training days: 2)."
    assert type(str(reason)) is str
    assert reason.refusal is TOO_MANY_HOURS
    assert dict(reason.params) == {"hours": "50", "days": "2", "per_day": "12"}
    assert REFUSALS[TOO_MANY_HOURS.text] is TOO_MANY_HOURS


def test_a_reason_keeps_its_template_through_an_error_and_a_process_boundary() -> None:
    reason = NOT_STARTED.reason(period="mentoring", which=VERSION.reason(version=4), day="2024-01-02")
    error = InvalidInput(reason, "effective_date")
    assert type(str(error)) is str  # str() of an error is a plain copy: reason_of keeps the Reason
    assert reason_of(ValueError(reason)) is reason
    assert type(error.errors["effective_date"][0]) is Reason
    carried = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object, as an import's rows come back
    [back] = carried.errors["effective_date"]
    assert back == "The mentoring ended without having started (version 4, 2024-01-02)."
    assert type(back) is Reason
    assert back.refusal == NOT_STARTED
    assert type(dict(back.params)["which"]) is Reason


def test_worded_parts_put_together_stay_worded_and_plain_text_stays_plain() -> None:
    parts = [AGENCY.reason(code="A"), AGENCY.reason(code="B")]
    together = joined(", ", parts)
    assert together == "agency A, agency B"
    assert type(together) is Reason
    assert type(joined(", ", ["agency A", *parts])) is str
    assert joined(", ", []) == ""


def test_a_format_spec_shapes_the_english_value() -> None:
    assert COST == "More than 1,000,000,000,000 rupiah: record the cost of this training in rupiah."
    assert dict(COST.params) == {"cost": "1,000,000,000,000"}


def test_collected_reasons_stay_reasons() -> None:
    errors = FieldErrors()
    errors.add("hours", TOO_MANY_HOURS.reason(hours=50, days=2, per_day=12))
    with pytest.raises(InvalidInput) as raised:
        errors.raise_if_any()
    assert type(raised.value.errors["hours"][0]) is Reason
    assert raised.value.describe() == "hours: 50 JP is more than 12 JP a day (training days: 2)."


@pytest.mark.parametrize("name", sorted(wording.IDENTIFIERS))
def test_a_template_naming_an_identifier_among_its_numbers_is_refused_as_it_is_made(name: str) -> None:
    """A version, a year, a NIP is written as given in every language, never as a quantity ("versi 12.345")."""
    with pytest.raises(ValueError, match="identifiers, kept as written"):
        wording.Refusal(f"A test's {{{name}}} never registered.", numbers=(name,))
    with pytest.raises(ValueError, match="identifiers, kept as written"):
        wording.Template(f"A test's {{{name}}} never registered either.", numbers=(name,))
    assert not any(name in t.numbers for t in (*wording.REFUSALS.values(), *wording.TEMPLATES.values()))
