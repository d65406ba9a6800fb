"""The career page's ✓ and ✗ beside each requirement say "met" and "not met" to a screen reader, in the page's language.

"All requirements" listed each requirement behind a bare ✓ or ✗: a screen reader reads them as "check mark" and
"ballot X" (or, in many voices, nothing at all), and the list's whole point, which requirement is met, was lost to
someone who cannot see the marks. Each mark is now hidden from assistive technology and followed by visually hidden
text, "met:" or "not met:" ("terpenuhi:", "tidak terpenuhi:" in Indonesian), or, for a requirement of a time to
come, ○ and "not due yet:" ("belum waktunya:"; tests/functional/test_career_page_not_due_not_failed.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_basis import log_in_as_the_employee

MARKED = re.compile(r"<li>(<span[^>]*>[✓✗○]</span><span[^>]*>[^<]*</span>)")
WORDS = {"en": ("met:", "not met:", "not due yet:"), "id": ("terpenuhi:", "tidak terpenuhi:", "belum waktunya:")}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_each_requirements_mark_says_met_or_not_met_to_a_screen_reader(world: World, lang: str) -> None:
    log_in_as_the_employee(world, BUDI)
    page = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    marks = MARKED.findall(page)
    requirements = sum(len(e["requirements"]) for e in world.services.eligibility_view.eligibility(BUDI))
    assert requirements
    assert len(marks) == requirements == page.count("✓") + page.count("✗") + page.count("○")  # none bare
    met, not_met, not_due = WORDS[lang]
    said = {
        f'<span aria-hidden="true">✓</span><span class="visually-hidden">{met}</span>',
        f'<span aria-hidden="true">✗</span><span class="visually-hidden">{not_met}</span>',
        f'<span aria-hidden="true">○</span><span class="visually-hidden">{not_due}</span>',
    }
    assert set(marks) <= said
    assert len(set(marks) - {m for m in said if "○" in m}) == 2  # (Budi's: his time in rank met, his ratings not)


def test_the_visually_hidden_text_is_hidden_by_the_stylesheet() -> None:
    css = (Path(__file__).parents[2] / "web" / "static" / "pages.css").read_text(encoding="utf-8")
    (rule,) = re.findall(r"\.visually-hidden \{([^}]*)\}", css)
    assert "position: absolute" in rule
    assert "clip: rect(0 0 0 0)" in rule
    assert "display: none" not in rule  # (which would hide it from screen readers too)
