"""The API does not reach into the pages package: the statistics both keep per worker (web.kept) sit beside them in
web/, and import neither. web/api/audits.py imported web.pages.fairness_kept (the kept fairness statistics), so the
API depended on the pages' package and whatever it imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "web"


def imported(path: Path) -> set[str]:
    """The modules a source file imports (`from a import b` as a.b too: b may be a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def within(modules: set[str], package: str) -> set[str]:
    return {m for m in modules if m == package or m.startswith(f"{package}.")}


@pytest.mark.parametrize("path", sorted((WEB / "api").glob("*.py")), ids=lambda p: p.name)
def test_the_api_imports_nothing_of_the_pages(path: Path) -> None:
    assert within(imported(path), "web.pages") == set()


def test_the_kept_statistics_sit_in_web_and_import_neither_the_pages_nor_the_api() -> None:
    modules = imported(WEB / "kept.py")
    assert within(modules, "web.pages") | within(modules, "web.api") == set()
    assert not (WEB / "pages" / "fairness_kept.py").exists()


def test_the_pages_and_the_api_share_the_kept_statistics() -> None:
    assert "web.kept" in imported(WEB / "api" / "audits.py")
    assert "web.kept" in imported(WEB / "pages" / "inspector.py")
