"""A training's cost written with a decimal mark where a thousands separator was meant ("Rp 1,50" in an Indonesian
file, "1.5") was recorded as a rupiah and a half, and a cost of 50 rupiah or of ten billion as it stood. Rule
training.cost (M, rules.toml: `least` 100, `most` 1,000,000,000 rupiah, and with `whole = true` any fraction of a
rupiah, off as shipped) asks about such a cost beside `cost`, naming the cost and why, in English and Indonesian,
until the writer confirms it (confirm: training.cost; an import's yes), as training.daily_jp is asked; a cost of 0 (a
training at no cost) is never asked, nor is a migration. Both stores."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from markupsafe import escape

from careerlog.importing import import_file
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_record_form_every_field_at_once import beside
from tests.unit.test_unchanged_date_worded_as_a_date import shown

NIP = f.nip(date(1994, 1, 29), date(2021, 10, 1), "M", sequence=1)
EVENTS = f"/api/v1/employees/{NIP}/events"
TRAINING = {
    "training_kind": "TEKNIS",
    "organiser": "BKPSDM Kota Medan",
    "hours": 8,
    "start_date": "2026-11-02",
    "effective_date": "2026-11-02",
}
ASKED = (
    "A training cost (cost, biaya) of {cost} rupiah is {why} (rule training.cost): if it is mistyped, correct it "
    "(in rupiah, written without thousands separators: 1500000 for one and a half million); if the training did "
    "cost that, confirm it "
    "(confirm: training.cost) and send it again."
)
FRACTION = (
    "a fraction of a rupiah, which no cost is paid in: a decimal mark where a thousands separator was meant (1,50 or "
    "1.5 for 150 or 1500)"
)
BELOW = "less than {least} rupiah, the least a training plausibly costs"
SHIPPED = "least = 100\nmost = 1000000000\nwhole = false"
ABOVE = "more than 1000000000 rupiah, the most a training plausibly costs"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled rules with training.cost asking below 10,000 rupiah and of any fraction of a rupiah (whole), as an
    agency may set it, set before the world is made."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    assert SHIPPED in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(SHIPPED, "least = 10000\nmost = 1000000000\nwhole = true"), "utf-8")
    monkeypatch.setenv(RULES_FILE_ENV, str(path))


def appointed(world: World) -> None:
    world.services.ledger.record(NIP, "appointment", appointment_of(NIP, rank="III/a"), actor="test")


def training(reference: str, **values: Any) -> dict[str, Any]:
    return {"kind": "training", **TRAINING, "title": f"Pelatihan {reference}", "reference": reference, **values}


def recorded(world: World) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """Each training of the record: its certificate, its cost and what was confirmed recording it."""
    ledger = world.services.ledger
    employee = ledger.get_employee(NIP)
    assert employee is not None
    confirmed = {e.originator_version: tuple(getattr(e, "confirmed", ())) for e in ledger.get_events(NIP)}
    found = [fact for fact in employee.active_facts() if fact.kind == "training"]
    return [
        (
            str(fact.get("reference")),
            None if fact.get("cost") is None else str(fact.get("cost")),
            confirmed[fact.version],
        )
        for fact in found
    ]


@pytest.mark.parametrize(
    ("cost", "said", "why"),
    [
        ("1.5", "1.5", FRACTION),
        ("1500000.50", "1500000.5", FRACTION),
        ("150", "150", BELOW.format(least=10000)),
        ("2000000000", "2000000000", ABOVE),
    ],
    ids=["fraction", "fraction-of-a-large-cost", "below", "above"],
)
def test_the_api_asks_about_an_implausible_cost_and_records_it_confirmed(
    strict: None, world: World, cost: str, said: str, why: str
) -> None:
    appointed(world)
    body = problem(world.post(EVENTS, "hr", json=training("T-1", cost=cost)), 422)
    assert body["errors"] == {"cost": [ASKED.format(cost=said, why=why)]}
    assert recorded(world) == []
    answer = world.post(EVENTS, "hr", json={**training("T-1", cost=cost), "confirm": ["training.cost"]})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert [(r, c) for r, _, c in recorded(world)] == [("T-1", ("training.cost",))]


@pytest.mark.parametrize("cost", ["0", "10000", "1500000", "1500000.00", "1000000000"])
def test_a_plausible_cost_or_none_is_not_asked(strict: None, world: World, cost: str) -> None:
    appointed(world)
    answer = world.post(EVENTS, "hr", json=training("T-1", cost=cost))
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert recorded(world)[0][2] == ()


@pytest.mark.parametrize("cost", ["50", "1500000.5", "150", "3500000"])
def test_as_shipped_a_cost_below_100_rupiah_is_asked_and_a_fraction_of_a_larger_one_is_not(
    world: World, cost: str
) -> None:
    appointed(world)
    answer = world.post(EVENTS, "hr", json=training("T-1", cost=cost))
    if cost == "50":
        assert problem(answer, 422)["errors"] == {"cost": [ASKED.format(cost="50", why=BELOW.format(least=100))]}
    else:
        assert answer.status_code == 201, answer.get_data(as_text=True)


def test_a_correction_to_an_implausible_cost_is_asked_beside_the_cost_and_recorded_confirmed(
    strict: None, world: World
) -> None:
    appointed(world)
    values = {k: v for k, v in training("T-1", cost="1500000").items() if k != "kind"}
    world.services.ledger.record(NIP, "training", values, actor="test")
    body = {"kind": "correction", **f.correction(2, "2026-11-04", cost="1.5")}
    refused = problem(world.post(EVENTS, "hr", json=body), 422)
    assert refused["errors"] == {"corrected_fields.cost": [ASKED.format(cost="1.5", why=FRACTION)]}
    answer = world.post(EVENTS, "hr", json={**body, "confirm": ["training.cost"]})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    (event,) = [e for e in world.services.ledger.get_events(NIP) if e.originator_version == 3]
    assert tuple(event.confirmed) == ("training.cost",)


def test_a_migration_is_not_asked(strict: None, world: World, tmp_path: Path) -> None:
    appointed(world)
    row = {**training("T-log", cost="1.5"), "nip": NIP, "recorded_at": "2026-11-10T08:00:00+07:00"}
    path = tmp_path / "log.jsonl"
    path.write_bytes(orjson.dumps(row) + b"\n")
    report = import_file(world.services.ledger, path, actor="admin", migration=True)
    assert report.rejected == []
    assert report.recorded == 1


def test_an_indonesian_file_names_the_row_the_column_and_why_in_both_languages_and_a_yes_confirms_it(
    world: World, tmp_path: Path
) -> None:
    appointed(world)
    header = "kind;nip;training_kind;title;organiser;hours;start_date;effective_date;reference;cost;confirm"
    line = "training;{nip};TEKNIS;Pelatihan {ref};BKPSDM Kota Medan;4;02/11/2026;02/11/2026;{ref};{cost};{yes}"
    rows = [
        line.format(nip=NIP, ref="F-1", cost="Rp 1.500.000", yes=""),
        line.format(nip=NIP, ref="F-2", cost="Rp 1,50", yes=""),
        line.format(nip=NIP, ref="F-3", cost="Rp 1,50", yes="ya"),
    ]
    path = tmp_path / "pelatihan.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    report = import_file(world.services.ledger, path, actor="hr")
    [problem_row] = report.rejected
    assert problem_row.line == 3
    [reason] = problem_row.errors["cost"]
    assert reason == ASKED.format(cost="1.5", why=BELOW.format(least=100)).replace(
        "(confirm: training.cost) and send it again",
        "(confirm: training.cost, or ya in the Konfirmasi column) and import the row again",
    )
    assert problem_row.describe().startswith("line 3: cost: A training cost (cost, biaya) of 1.5 rupiah")
    assert shown(reason, "id") == (
        "Biaya pelatihan (cost, biaya) sebesar 1,5 rupiah adalah kurang dari 100 rupiah, biaya terendah yang wajar "
        "bagi sebuah pelatihan (aturan training.cost): jika salah ketik, ralatlah (dalam rupiah, ditulis "
        "tanpa pemisah ribuan: 1500000 untuk satu setengah juta); jika biaya pelatihan memang sebesar itu, "
        "konfirmasikan (confirm: training.cost, atau ya di kolom Konfirmasi) lalu impor lagi baris ini."
    )
    assert [(r, c) for r, _, c in recorded(world)] == [("F-1", ()), ("F-3", ("training.cost",))]


def test_the_record_form_asks_in_indonesian_with_a_box_that_records_it(world: World) -> None:
    appointed(world)
    log_in(world, "hr")
    form = {**form_of(world, "training"), "nip": NIP, **{k: str(v) for k, v in training("T-form", cost="50").items()}}
    del form["kind"]
    answer = world.client.post("/pages/record?kind=training&lang=id", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert beside(page) == {
        "cost": str(
            escape(
                "Biaya pelatihan (cost, biaya) sebesar 50 rupiah adalah kurang dari 100 rupiah, biaya terendah "
                "yang wajar bagi sebuah pelatihan (aturan training.cost): jika salah ketik, ralatlah (dalam rupiah, "
                "ditulis tanpa pemisah ribuan: 1500000 untuk satu setengah juta); jika biaya pelatihan memang "
                "sebesar itu, centang kotak di bawah untuk mengonfirmasinya lalu kirim lagi formulir ini."
            )
        )
    }
    assert 'name="confirm" value="training.cost"' in page
    ticked = world.client.post("/pages/record?kind=training&lang=id", data={**form, "confirm": "training.cost"})
    assert ticked.status_code == 302, ticked.get_data(as_text=True)
    assert recorded(world)[-1] == ("T-form", "50", ("training.cost",))


def test_the_correction_form_asks_about_the_cost_beside_the_corrected_cost_with_the_box_pointing_at_it(
    world: World,
) -> None:
    appointed(world)
    values = {k: v for k, v in training("T-1", cost="1500000").items() if k != "kind"}
    world.services.ledger.record(NIP, "training", values, actor="test")
    world.catch_up()  # (the form shows the fact's fields as the views hold it)
    log_in(world, "hr")
    data = correction(world, 2, NIP, **{"corrected.cost": "50"})
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert list(beside(page)) == ["corrected_fields.cost"]
    assert 'name="confirm" value="training.cost" aria-describedby="corrected_fields.cost-error"' in page
    ticked = world.client.post("/pages/record?kind=correction", data={**data, "confirm": "training.cost"})
    assert ticked.status_code == 302, ticked.get_data(as_text=True)


# a training of the one recorded first's days, JP, title and organiser under another certificate (training.duplicate)
SAME_AS_T1 = {"title": "Pelatihan T-1", "hours": 8}


def test_a_cost_and_a_likely_double_are_asked_at_once_each_beside_its_field(world: World) -> None:
    appointed(world)
    world.post(EVENTS, "hr", json=training("T-1", cost="1500000"))
    both = problem(world.post(EVENTS, "hr", json={**training("T-2", cost="50"), **SAME_AS_T1}), 422)["errors"]
    assert sorted(both) == ["cost", "reference"]
    assert both["cost"] == [ASKED.format(cost="50", why=BELOW.format(least=100))]
    assert "training.duplicate" in both["reference"][0]
    cost_alone = {**training("T-2", cost="50"), **SAME_AS_T1, "confirm": ["training.cost"]}
    assert sorted(problem(world.post(EVENTS, "hr", json=cost_alone), 422)["errors"]) == ["reference"]
    answer = world.post(EVENTS, "hr", json={**cost_alone, "confirm": ["training.cost", "training.duplicate"]})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert recorded(world)[-1] == ("T-2", "50", ("training.cost", "training.duplicate"))


def test_an_import_s_dry_run_names_every_question_so_its_yes_confirms_only_what_was_shown(
    world: World, tmp_path: Path
) -> None:
    appointed(world)
    world.post(EVENTS, "hr", json=training("T-1", cost="1500000"))
    header = "kind;nip;training_kind;title;organiser;hours;start_date;effective_date;reference;cost;confirm"
    line = "training;{nip};TEKNIS;Pelatihan T-1;BKPSDM Kota Medan;8;02/11/2026;02/11/2026;T-2;1,50;{yes}"
    path = tmp_path / "pelatihan.csv"
    path.write_text(f"{header}\n{line.format(nip=NIP, yes='')}\n", encoding="utf-8")
    [shown_row] = import_file(world.services.ledger, path, actor="hr", dry_run=True).rejected
    assert sorted(shown_row.errors) == ["cost", "reference"]
    assert "training.duplicate" in shown_row.errors["reference"][0]
    path.write_text(f"{header}\n{line.format(nip=NIP, yes='ya')}\n", encoding="utf-8")
    report = import_file(world.services.ledger, path, actor="hr")
    assert report.rejected == []
    reference, cost, confirmed = recorded(world)[-1]
    assert (reference, float(str(cost)), confirmed) == ("T-2", 1.5, ("training.cost", "training.duplicate"))


def test_the_record_form_asks_a_cost_and_a_likely_double_at_once_with_a_box_beside_each(world: World) -> None:
    appointed(world)
    world.post(EVENTS, "hr", json=training("T-1", cost="1500000"))
    log_in(world, "hr")
    values = {**training("T-form", cost="50"), **SAME_AS_T1}
    form = {**form_of(world, "training"), "nip": NIP, **{k: str(v) for k, v in values.items()}}
    del form["kind"]
    answer = world.client.post("/pages/record?kind=training", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert sorted(beside(page)) == ["cost", "reference"]
    assert 'value="training.cost" aria-describedby="cost-error"' in page
    assert 'value="training.duplicate" aria-describedby="reference-error"' in page
    ticked = world.client.post(
        "/pages/record?kind=training", data={**form, "confirm": ["training.cost", "training.duplicate"]}
    )
    assert ticked.status_code == 302, ticked.get_data(as_text=True)
    assert recorded(world)[-1] == ("T-form", "50", ("training.cost", "training.duplicate"))
