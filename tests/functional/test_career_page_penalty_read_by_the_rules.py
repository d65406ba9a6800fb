"""The career page reads a barring penalty's end as the promotion.penalty rule does: from projections.merit.rules
(`penalty_served`, `penalty_bars_until`, `penalty_end`), not from a computation of its own.

web/pages/next_promotion.py had a twin of the rule's reading (`penalty_last_day` and its own loop adding the level's
extra months), which c8d045d and 36fc71a had to keep in step by hand; the page now hands the timeline's penalties to
the rule's helpers. These cases pin that the page's dates are the rule's: the last day on which the rule still finds
the penalty served, for an end recorded, the kind's months, a corrected end and a rules file adding months after the
end.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from careerlog.ages import months_last_day
from careerlog.domain.ledger import latest_today
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV, rules
from projections.merit.eligibility import first_permitted
from projections.merit.rules import penalty_bars_until, penalty_served
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_next_date_after_penalty import penalised
from web.pages.next_promotion import penalties_of, penalty_facts

NO_EXTRA = 'blocking_levels = ["MEDIUM", "SEVERE"]\nextra_months = { "LIGHT" = 0, "MEDIUM" = 0, "SEVERE" = 0 }'


def with_extra_months(tmp_path: Path, months: int) -> Path:
    """The bundled rules with promotion.penalty adding `months` after a medium penalty's end."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    assert NO_EXTRA in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(NO_EXTRA, NO_EXTRA.replace('"MEDIUM" = 0', f'"MEDIUM" = {months}')), "utf-8")
    return path


def barred(world: World, nip: str) -> tuple[dict[str, str] | None, list[Any]]:
    """What the career page says of the penalty barring the regular promotion, and the record's penalties."""
    found = {
        "timeline": world.services.queries.timeline(nip),
        "eligibility": world.services.eligibility_view.eligibility(nip),
    }
    return penalties_of(found, world.services.eligibility_view.today).get("101"), penalty_facts(
        found["timeline"]["items"]
    )


def first_day_of(months_ago: int) -> date:
    return latest_today().replace(day=1) - relativedelta(months=months_ago)


@pytest.fixture
def three_months_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Rules adding 3 months after a medium penalty's end, set before the world is made (its views judged by them)."""
    monkeypatch.setenv(RULES_FILE_ENV, str(with_extra_months(tmp_path, 3)))
    return 3


@pytest.mark.parametrize("case", ["end recorded", "kind's months", "end corrected"])
def test_the_page_reads_a_barring_penalty_as_the_promotion_rule_does(world: World, case: str) -> None:
    served_as_the_rule_reads_it(world, case, 0)


def test_the_months_a_rules_file_adds_after_the_end_are_the_rules_on_the_page(
    three_months_after: int, world: World
) -> None:
    served_as_the_rule_reads_it(world, "kind's months", three_months_after)


def served_as_the_rule_reads_it(world: World, case: str, added: int) -> None:
    recorded = first_day_of(-8) - timedelta(days=1) if case in ("end recorded", "end corrected") else None
    nip, end = penalised(world, 793, "2014-04-01", recorded)
    if case == "end corrected":
        end = first_day_of(-5) - timedelta(days=1)
        versions = [i["version"] for i in world.services.queries.timeline(nip)["items"] if i["kind"] == "penalty"]
        correction = f.correction(versions[0], latest_today().isoformat(), end_date=end.isoformat())
        world.services.ledger.record(nip, "correction", correction, actor="test")
        world.catch_up()
    # the added months counted from the day after the end, to the last day of the last of them (30 September and 3
    # months: 31 December)
    until = months_last_day(end + timedelta(days=1), added) if added else end
    said, (fact,) = barred(world, nip)
    after = first_permitted(rules(), until + timedelta(days=1))
    assert after is not None
    # the penalty's own last day, the months the rule adds after it and the last day it bars, told apart
    assert said == {"end": end.isoformat(), "months": added, "until": until.isoformat(), "next": after.isoformat()}
    (regular,) = (e for e in world.services.eligibility_view.eligibility(nip) if e["kind"] == "101")
    assert regular["barred_until"] == until.isoformat()  # the eligibility view's, read by the same helper
    rule = rules().in_force("promotion.penalty", latest_today())
    assert rule is not None
    extra = rule.params["extra_months"]
    assert penalty_bars_until(fact, extra) == until
    assert penalty_served(fact, until, extra)
    assert not penalty_served(fact, until + timedelta(days=1), extra)


def test_a_retracted_penalty_bars_nothing_on_the_page(world: World) -> None:
    nip, _end = penalised(world, 794, "2014-04-01", None)
    version = next(i["version"] for i in world.services.queries.timeline(nip)["items"] if i["kind"] == "penalty")
    retraction = {"target_version": version, "reason": "Dibatalkan", "effective_date": latest_today().isoformat()}
    world.services.ledger.record(nip, "retraction", retraction | {"reference": "BATAL-1"}, actor="test")
    world.catch_up()
    assert barred(world, nip) == (None, [])
