"""A reference sent again is named "as typed (written ... in the record)" (REFERENCE_WRITTEN) only when the two are
one document written otherwise, in letter case or spaces (`reference_key`). A fact whose reference a correction
changed twice (T-A corrected to T-Z, then T-Y), sent again under the one it bore between (T-Z), was named "Reference
'T-Z' (written 'T-Y' in the record)" until 2026-12-06: two documents, as if one were the other's spelling; it is
named as typed and as corrected in the record since: "'T-Z' (corrected to 'T-Y' in the record)" (until 2026-12-06
'T-Y' alone, the reference the writer typed not named)."""

from __future__ import annotations

import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import IdempotencyConflict
from careerlog.domain.ledger import reference_typed
from tests import factories as f

NIP = f.nip()


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (a check of the record alone: one store shows it)
    return sqlite_url


def test_a_reference_is_named_written_otherwise_only_beside_the_same_document() -> None:
    assert reference_typed("800/1", "800/2") == "'800/1' (corrected to '800/2' in the record)"
    assert reference_typed("t-a", "T-Z") == "'t-a' (corrected to 'T-Z' in the record)"
    assert reference_typed("800 / 1", "800/1") == "'800 / 1' (written '800/1' in the record)"
    assert reference_typed("800/1", "800/1") == "'800/1'"


def test_a_fact_sent_again_under_its_first_reference_written_otherwise_is_not_named_as_its_corrected_one(
    app: CareerLog,
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    training = f.training("2020-01-05", start="2020-01-01", reference="T-A")
    app.record(NIP, "training", training, actor="hr")  # 2
    app.record(NIP, "correction", f.correction(2, "2026-01-05", reference="T-Z"), actor="hr")
    app.record(NIP, "correction", f.correction(2, "2026-01-06", reference="T-Y"), actor="hr")
    with pytest.raises(IdempotencyConflict) as refused:
        app.record(NIP, "training", {**training, "reference": "T-Z", "hours": 16}, actor="hr")
    assert str(refused.value) == (
        "Reference 'T-Z' (corrected to 'T-Y' in the record) was already recorded as version 2 with different values "
        "(hours, reference): if this is "
        "another event, give it its own reference number; if version 2 was wrong, record a correction of version 2."
    )
