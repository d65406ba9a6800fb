"""The fairness page heads every interval "%(level)s interval" at the level of the answer (1 - alpha: "95% interval" by
the bundled rules, "99.95% interval" at an alpha of 0.0005); the catalogue's fixed "95%% interval", from when the
heading was fixed, was used by no template or code and is gone."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
CATALOGUE = ROOT / "web" / "translations" / "id" / "LC_MESSAGES"


def test_the_catalogue_holds_no_fixed_95_interval_heading() -> None:
    po = read_po(io.BytesIO((CATALOGUE / "messages.po").read_bytes()))
    assert po.get("95%% interval") is None
    assert po.get("%(level)s interval") is not None  # the heading used, at every level


def test_no_template_or_module_asks_for_it() -> None:
    sources = [*(ROOT / "web").rglob("*.html"), *(ROOT / "web").rglob("*.py")]
    assert not [p for p in sources if "95%% interval" in p.read_text()]
