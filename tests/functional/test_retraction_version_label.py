"""A retraction's target version is labelled as the version it retracts, not as "Version corrected" (the
correction's label, which every kind shared): on the record form, on the import page's columns and beside a refused
import row, in English and Indonesian ("Version retracted", "Versi yang dibatalkan"). A correction keeps its label."""

from __future__ import annotations

from io import BytesIO

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

LABELS = {
    "en": ("Version retracted", "Version corrected"),
    "id": ("Versi yang dibatalkan", "Versi yang dikoreksi"),
}


def label_of(page: str, field: str) -> str:
    start = page.index(f'<label for="f-{field}">') + len(f'<label for="f-{field}">')
    return page[start : page.index("<", start)].strip()


def section_of(page: str, kind: str) -> str:
    part = page[page.index(f"<code>{kind}</code></h3>") :]
    return part[: part.index("</ul>")]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_record_form_labels_a_retractions_target_as_the_version_retracted(world: World, lang: str) -> None:
    log_in(world, "hr")
    retracted, corrected = LABELS[lang]
    page = world.client.get(f"/pages/record?kind=retraction&lang={lang}").get_data(as_text=True)
    assert label_of(page, "target_version") == retracted
    page = world.client.get(f"/pages/record?kind=correction&lang={lang}").get_data(as_text=True)
    assert label_of(page, "target_version") == corrected


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_import_page_lists_a_retractions_target_as_the_version_retracted(world: World, lang: str) -> None:
    log_in(world, "hr")
    retracted, corrected = LABELS[lang]
    page = world.client.get(f"/pages/import?lang={lang}").get_data(as_text=True)
    assert f"{retracted} <span" in section_of(page, "retraction")
    assert corrected not in section_of(page, "retraction")
    assert f"{corrected} <span" in section_of(page, "correction")


def test_a_refused_retraction_row_names_the_version_retracted(world: World) -> None:
    log_in(world, "hr")
    world.client.get("/pages/import?lang=en")
    before = world.log()
    rows = f"nip,effective_date,reference,target_version,reason\n{BUDI},2024-01-02,RET-X-1,999,salah\n"
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "kind": "retraction"}
    data["file"] = (BytesIO(rows.encode()), "retraction.csv")  # type: ignore[assignment]
    answer = world.client.post("/pages/import", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Version retracted: No fact with version 999" in page
    assert world.log() == before
