"""The fairness page says its selection rates are of the regular (101) promotion rounds and that post holders are not
in the pool: it read 'Among those eligible in the promotion rounds' and 'those eligible in each round', while the
pool (`promotion_rounds`, docs/fairness.md) holds only the eligible for a 101 promotion, and since merit view 12 no
holder of a definitive managerial or functional post (a Guru, a nurse, a Pengawas), who rises by a 201 or 202: an
inspector reading the women's rate of an agency could take it for all its promotions."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_fairness_pool import rates, times

SAID = {
    "en": (
        "Among those eligible in the regular (101) promotion rounds, the share promoted per group.",
        "Holders of a definitive managerial or functional post are not in it: they rise by a 201 or 202 promotion,",
    ),
    "id": (
        "Di antara yang memenuhi syarat pada putaran kenaikan pangkat reguler (101),",
        "Pemegang jabatan manajerial atau fungsional definitif tidak termasuk di dalamnya:",
    ),
}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_selection_rates_say_they_are_of_the_regular_rounds_without_post_holders(
    world: World, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates())
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: times())
    log_in(world, "inspector")
    page = world.client.get(f"/pages/fairness?lang={lang}").get_data(as_text=True)
    for words in SAID[lang]:
        assert words in page
