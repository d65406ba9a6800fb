"""An inspector's audit and fairness pages asked about an agency outside the inspector's scope say so (403, the
agency named beside its field), as the scorecard answers 403 naming it: they read "Rounds: 0" and "No audited
promotion matches", as if the agency had no activity. An agency within the scope reads as before."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World, own_client
from tests.functional.test_pages_auth import log_in

pytestmark = pytest.mark.xdist_group("pages_agency_outside_scope")

OUTSIDE = "Agency KOTA-MEDAN is outside your scope"


@pytest.mark.parametrize(
    "address",
    [
        "/pages/fairness?by=sex&agency=KOTA-MEDAN&lang=en",
        "/pages/audits?agency=KOTA-MEDAN&lang=en",
        "/pages/audits/posts?agency=KOTA-MEDAN&lang=en",
        "/pages/audits/study-leaves?agency=KOTA-MEDAN&lang=en",
        "/pages/audits/passed-over?agency=KOTA-MEDAN&lang=en",
    ],
)
def test_an_agency_outside_the_inspectors_scope_is_said_to_be(shared_world: World, address: str) -> None:
    world = own_client(shared_world)
    log_in(world, "inspector_medan")  # an inspector of KOTA-MEDAN alone
    asked = world.client.get(address.replace("KOTA-MEDAN", "KAB-KARO"))
    assert asked.status_code == 403, asked.status_code
    assert "Agency KAB-KARO is outside your scope" in asked.get_data(as_text=True)
    within = world.client.get(address)
    assert within.status_code == 200
    assert OUTSIDE not in within.get_data(as_text=True)
