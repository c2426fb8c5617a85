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


def representative_pages(site_dir: Path, by_standard: bool = False) -> list[Path]:
    """Every content page, except that of the 90 generated under self-check/paper/ (a paper
    self-check and a records checklist per standard and branch type, each kind from one template)
    only the largest of each kind is kept, or of each kind and standard when `by_standard` (what a
    page holds differs by standard; how it is built and what it asks the server for does not)."""
    chosen: dict[tuple[str, ...], Path] = {}
    pages = []
    for page in html_pages(site_dir):
        name = page.relative_to(site_dir).as_posix()
        folder, _, file = name.rpartition("/")
        parts = file.removesuffix(".html").split("-")
        if folder != "self-check/paper" or len(parts) < 2:
            pages.append(page)
            continue
        kind = "records" if parts[0] == "records" else "paper"
        standard = parts[1] if kind == "records" else parts[0]
        key = (kind, standard) if by_standard else (kind,)
        if key not in chosen or page.stat().st_size > chosen[key].stat().st_size:
            chosen[key] = page
    return sorted([*pages, *chosen.values()])
