"""Print the knowledge base's figures: build time, pages, words, size, page weight.

Run: .venv/bin/python -m bench.site   (after ./scripts/build has set up .venv)

The topic page's first view is measured in headless Chromium against a plain
Material build of the same Markdown page (default theme settings, no hooks, no
site CSS), both served by http.server on 127.0.0.1 in the same run. Requests to
other hosts (the plain theme asks Google Fonts) are blocked and counted apart.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.paths import ROOT
from tests.support.servers import CHROMIUM_ARGS, chromium, serve

VENV_BIN = Path(sys.executable).parent
TOPIC = "topics/zuzhi-shenghuo"
CLAUSE_ID = re.compile(r'id="((?:shhg|hefei|suzhou|weihai|shandong)-(?:a2-)?\d+(?:-\d+)*)"')
DOC_LINK = re.compile(r'href="\.\./documents/(\w+)\.html#([\w-]+)"')
HAN = re.compile(r"[\u4e00-\u9fff]")


def build(config: Path, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", "--clean", "--quiet", "-f", str(config), "-d", str(site)],
        check=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def tree_size(folder: Path) -> tuple[int, int, int]:
    """Files, bytes, and bytes if every file were gzip-compressed."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return len(files), raw, packed


def words(site: Path) -> tuple[int, int]:
    """Chinese characters and segmented words in the search index (the site's text)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    page_text = [d["text"] for d in index["docs"] if "#" not in d["location"]]
    section_text = [d["text"] for d in index["docs"] if "#" in d["location"]]
    text = " ".join(section_text or page_text)
    plain = re.sub(r"<[^>]+>", " ", text)
    return len(HAN.findall(plain)), sum(1 for t in separator.split(plain) if HAN.search(t))


def first_view(url: str, folder: Path) -> tuple[int, int, int, int]:
    """Requests, bytes received uncompressed and as gzip, and requests blocked to other hosts."""
    from playwright.sync_api import Route, sync_playwright

    origin = re.match(r"https?://[^/]+", url)
    assert origin
    sizes: list[int] = []
    paths: list[str] = []
    blocked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context()

        def route(r: Route) -> None:
            if r.request.url.startswith(origin.group(0)):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("requestfinished", lambda req: sizes.append(req.sizes()["responseBodySize"]))
        page.on("requestfinished", lambda req: paths.append(req.url[len(origin.group(0)) :].split("?")[0]))
        page.goto(url, wait_until="networkidle")
        browser.close()
    files = [folder / (p.lstrip("/") + ("index.html" if p.endswith("/") else "")) for p in paths]
    packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files if f.is_file())
    return len(sizes), sum(sizes), packed, len(blocked)


PLAIN_CONFIG = """site_name: plain
theme:
  name: material
  language: zh
markdown_extensions: [attr_list, md_in_html, tables, admonition, toc]
nav: [{{t: {page}.md}}]
"""


def plain_build(tmp: Path) -> Path:
    """The same topic page in a default Material site (no hooks, no site CSS, no glossary)."""
    docs = tmp / "docs" / "topics"
    docs.mkdir(parents=True)
    text = (ROOT / "docs" / f"{TOPIC}.md").read_text(encoding="utf-8")
    (docs / "zuzhi-shenghuo.md").write_text(re.sub(r"\]\([^)]*\)", "](#)", text), encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(PLAIN_CONFIG.format(page=TOPIC), encoding="utf-8")
    return tmp / "mkdocs.yml"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        site = tmp / "site"
        times = [build(ROOT / "mkdocs.yml", site) for _ in range(3)]
        pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
        han, segmented = words(site)
        files, raw, packed = tree_size(site)
        clauses = {m for p in (site / "documents").glob("*.html") for m in CLAUSE_ID.findall(p.read_text("utf-8"))}
        topic_links = [m for p in (site / "topics").glob("*.html") for m in DOC_LINK.findall(p.read_text("utf-8"))]
        glossary = len(re.findall(r"^\*\[", (ROOT / "build/generated/abbreviations.md").read_text("utf-8"), re.M))
        plain_site = tmp / "plain-site"
        plain_time = build(plain_build(tmp / "plain"), plain_site)
        with serve(site) as ours_url, serve(plain_site) as plain_url:
            ours = first_view(f"{ours_url}/{TOPIC}.html", site)
            plain = first_view(f"{plain_url}/{TOPIC}/", plain_site)

    print(
        f"build (mkdocs build --strict, 3 runs): median {statistics.median(times):.2f} s, "
        f"min {min(times):.2f} s, max {max(times):.2f} s"
    )
    print(f"plain Material build of the one topic page: {plain_time:.2f} s")
    print(f"pages: {len(pages)}; Chinese characters in the index: {han:,}; segmented words: {segmented:,}")
    print(f"site/: {files} files, {raw / 1e6:.2f} MB ({packed / 1e6:.2f} MB if every file is gzipped)")
    print(
        f"clauses with anchors: {len(clauses)}; links from topic pages to clauses: {len(topic_links)} "
        f"({len(set(topic_links))} distinct); glossary terms: {glossary}"
    )
    print(f"first view of {TOPIC} (received from http.server, and the same files gzipped):")
    for name, v in (("this site", ours), ("plain", plain)):
        print(
            f"  {name:9} : {v[0]} requests, {v[1] / 1e3:.1f} kB ({v[2] / 1e3:.1f} kB gzipped), "
            f"{v[3]} blocked to other hosts"
        )
    print(f"  ratio this/plain: {ours[1] / plain[1]:.2f} uncompressed, {ours[2] / plain[2]:.2f} gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
