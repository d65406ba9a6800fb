"""The career page tells a disciplinary penalty's own last day apart from the months it adds to the wait for a
promotion.

promotion.penalty may add months after a penalty's end during which it still bars a promotion (`extra_months`, by
level: none in the bundled rules, a rules file of one's own may set them). The page said "The penalty runs until
<day>" of the last day it bars a promotion, the end and those months together: with 3 months added to a penalty ending
on 31 August, an employee read that the penalty itself ran until 30 November, a date on no decree, and nothing of why.
It now names the penalty's last day as such and, apart, the months the rules add and the day it bars a promotion until.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel.dates import format_date

from careerlog.ages import months_last_day
from careerlog.reference import rules
from projections.merit.eligibility import first_permitted
from tests.functional.conftest import World
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_career_page_penalty_read_by_the_rules import (  # noqa: F401  (a fixture)
    three_months_after,
)
from tests.functional.test_next_date_after_penalty import penalised


def after(day: date) -> date:
    found = first_permitted(rules(), day + timedelta(days=1))
    assert found is not None
    return found


@pytest.mark.usefixtures("three_months_after")  # (before the world is made)
def test_the_months_added_after_a_penalty_are_told_apart_from_its_last_day(world: World) -> None:
    nip, end = penalised(world, 795, "2014-04-01", None)
    until = months_last_day(end + timedelta(days=1), 3)  # (ended 30 September: until 31 December, not the 30th)
    english = page_text(world, nip)
    en = {day: format_date(day, "medium", "en") for day in (end, until, after(until))}
    assert (
        f"The disciplinary penalty ends on {en[end]}, its last day. The rules in use keep it barring a promotion for 3 "
        f"months more, until {en[until]}: the first promotion date after that is {en[after(until)]}." in english
    )
    assert f"until {en[until]}" in english
    assert f"ends on {en[until]}" not in english  # (it said "The penalty runs until" the day the wait ends)
    assert "runs until" not in english
    indonesian = page_text(world, nip, "id")
    id_ = {day: format_date(day, "medium", "id") for day in (end, until, after(until))}
    assert (
        f"Hukuman disiplin berakhir pada {id_[end]}, hari terakhirnya. Aturan yang digunakan membuatnya tetap "
        f"menghalangi kenaikan pangkat 3 bulan lagi, sampai {id_[until]}: tanggal kenaikan pangkat pertama sesudah itu "
        f"adalah {id_[after(until)]}." in indonesian
    )


def test_a_penalty_adding_no_months_is_said_to_bar_a_promotion_until_its_last_day(world: World) -> None:
    nip, end = penalised(world, 796, "2014-04-01", None)
    day, next_day = format_date(end, "medium", "en"), format_date(after(end), "medium", "en")
    assert (
        f"The disciplinary penalty ends on {day}, its last day, and bars a promotion until then: the first promotion "
        f"date after it is {next_day}." in page_text(world, nip)
    )
    id_day, id_next = format_date(end, "medium", "id"), format_date(after(end), "medium", "id")
    assert (
        f"Hukuman disiplin berakhir pada {id_day}, hari terakhirnya, dan menghalangi kenaikan pangkat sampai hari itu: "
        f"tanggal kenaikan pangkat pertama sesudahnya adalah {id_next}." in page_text(world, nip, "id")
    )
