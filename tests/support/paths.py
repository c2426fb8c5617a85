"""Where things are: the repository, the built site, the sample answers file."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SITE = ROOT / "site"
SAMPLE = ROOT / "calculator" / "tests" / "cases" / "sample-branch.json"  # a whole 机关 branch's answers file
DOC_CODES = ("shhg", "hefei", "suzhou", "weihai", "shandong")


def html_pages(site_dir: Path) -> list[Path]:
    """Every content page of the built site (not the 404 page)."""
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")
