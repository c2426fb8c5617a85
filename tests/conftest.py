"""Shared fixtures: the built site, a real HTTP server on 127.0.0.1, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
DOC_CODES = ("shhg", "hefei", "suzhou", "weihai", "shandong")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site; `scripts/build` returns at once when it is up to date."""
    subprocess.run([str(ROOT / "scripts" / "build")], check=True, cwd=ROOT)
    assert (SITE / "index.html").is_file()
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """`python -m http.server`'s handler serving site/ on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _chromium() -> str | None:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).is_file() else None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Use Debian's Chromium when present (Playwright cannot download browsers here)."""
    args = {**browser_type_launch_args}
    path = _chromium()
    if path:
        args["executable_path"] = path
    args["args"] = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
    ]
    return args


def html_pages(site_dir: Path) -> list[Path]:
    """Every content page of the built site (not the 404 page)."""
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")
