"""An import job's report is kept with each reason's English template (web.import_jobs): a report kept before the
refusals of a retracted fact's row were worded anew on 2026-12-07 holds their former templates, which the page no
longer knew and showed in English whatever its language (tester: the Indonesian page of an old job). They are read
as the refusals they now are, said in the reader's language: the first wording (the version and its retraction in
the sentence), and the one of some hours on 2026-12-07 (the fact's part worded apart, the retraction after it)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask_babel import force_locale

from careerlog.domain.ledger import CORRECTED_TO, RECORDED_AS, RECORDED_WITH
from careerlog.domain.wording import Reason
from careerlog.importing import KEY_RERUN_RETRACTED, RERUN_RETRACTED
from tests.functional.conftest import World
from web.import_jobs import report_of
from web.pages.messages import reason_text

REST = (
    "a file run again does not record it again. If it stays retracted, remove this row from the file; to record the "
    "fact again, give the row a client_key (a column of that name) not used before, or the values it should have."
)
KEY_REST = (
    "a file run again does not record it again. If it stays retracted, remove this row from the file; a new fact "
    "needs a new client_key."
)


def stored(reason: dict[str, Any], field: str = "reference") -> bytes:
    """A job's report as kept, of one row refused for `reason` (as web.import_jobs.encoded wrote it)."""
    return json.dumps({"rows": 1, "rejected": [{"line": 2, "errors": {field: [reason]}, "values": {}}]}).encode()


def same(reason: Any, now: Reason) -> bool:
    """Whether a reason read back is the Reason `now`, its parts Reasons of the same refusals (a text alike in
    English is not: the page cannot say it in another language)."""
    if type(reason) is not Reason or reason.refusal is not now.refusal or reason != now:
        return False
    mine, theirs = dict(reason.params), dict(now.params)
    return all(same(mine[k], v) for k, v in theirs.items() if type(v) is Reason)


def part(text: str, **params: Any) -> dict[str, Any]:
    return {"$reason": text, "params": [[k, v] for k, v in params.items()], "kind": None}


FIRST = part(f"Reference {{reference}} was recorded with these values as version {{version}}, which version {{by}} "
             f"retracted: {REST}", reference="'T-1'", version="3", by="5")  # fmt: skip
FIRST_KEYED = part(
    f"Key {{key}} was already used for the {{kind}} recorded with these values as version {{version}}, which version "
    f"{{by}} retracted: {KEY_REST}",
    key="'K-1'",
    kind="training",
    version="3",
    by="5",
)
LATER = part(
    f"Reference {{reference}} was {{recorded}}, which version {{by}} retracted: {REST}",
    reference="'T-1'",
    recorded=part("recorded as version {version}, then corrected to these values", version="3"),
    by="5",
)


@pytest.mark.parametrize(
    ("kept", "field", "now"),
    [
        (FIRST, "reference", RERUN_RETRACTED.reason(reference="'T-1'", recorded=RECORDED_WITH.reason(version=3, by=5))),
        (
            FIRST_KEYED,
            "client_key",
            KEY_RERUN_RETRACTED.reason(key="'K-1'", kind="training", recorded=RECORDED_WITH.reason(version=3, by=5)),
        ),
        (LATER, "reference", RERUN_RETRACTED.reason(reference="'T-1'", recorded=CORRECTED_TO.reason(version=3, by=5))),
    ],
    ids=["first", "first-keyed", "later"],
)
def test_a_former_wording_kept_in_a_report_is_read_as_the_refusal_now(
    world: World, kept: dict[str, Any], field: str, now: Reason
) -> None:
    [reason] = report_of(stored(kept, field))["rejected"][0]["errors"][field]
    assert same(reason, now)
    with world.app.test_request_context(), force_locale("id"):
        said = reason_text(reason)
    assert said.startswith(("Nomor 'T-1' tercatat", "Kunci 'K-1'")), said
    assert "berkas yang diimpor lagi tidak mencatatnya lagi" in said
    assert "which version" not in said


def test_a_part_first_recorded_under_its_key_is_read_so() -> None:
    keyed = part(
        f"Key {{key}} was already used for the {{kind}} {{recorded}}, which version {{by}} retracted: {KEY_REST}",
        key="'K-1'",
        kind="training",
        recorded=part("recorded as version {version}", version="3"),
        by="5",
    )
    [reason] = report_of(stored(keyed, "client_key"))["rejected"][0]["errors"]["client_key"]
    now = KEY_RERUN_RETRACTED.reason(key="'K-1'", kind="training", recorded=RECORDED_AS.reason(version=3, by=5))
    assert same(reason, now)
