"""The inspector's pages name an SKP predicate (Baik) where the stored finding holds its code (BAIK): the audit's
"ratings below BAIK or absent for ..." reads "ratings below Baik ..." in either language; the view and the API
keep the stored English."""

from __future__ import annotations

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_inspector import decision_version


def test_the_audit_page_names_the_predicate(world: World) -> None:
    log_in(world, "inspector")
    version = decision_version(world)
    stored = [x["message"] for x in world.services.audit_view.promotion(BUDI, version)["findings"]]
    assert "ratings below BAIK or absent for 2012, 2013" in stored
    indonesian = world.client.get(f"/pages/audits/{BUDI}/{version}").get_data(as_text=True)
    assert "<p>predikat kinerja di bawah Baik atau tidak ada untuk tahun 2012, 2013</p>" in indonesian
    english = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    assert "<p>ratings below Baik or absent for 2012, 2013</p>" in english
    assert "BAIK" not in english + indonesian
