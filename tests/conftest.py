"""Shared fixtures: the built site, a real HTTP server on 127.0.0.1, Chromium."""

from __future__ import annotations

import fcntl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.paths import ROOT, SITE
from tests.support.servers import CHROMIUM_ARGS, apache, apache_binary, chromium, nginx, nginx_binary, serve

BROWSER_FIXTURES = {"page", "browser", "context"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what needs the built site (`site`) or Chromium (`browser`): ./scripts/test --fast leaves them out."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "site_dir" in names:
            item.add_marker(pytest.mark.site)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site; `scripts/build` returns at once when it is up to date. Each pytest-xdist
    worker asks: a lock keeps two of them from building into site/ at the same time."""
    (ROOT / "build").mkdir(exist_ok=True)
    with (ROOT / "build" / ".site-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run([str(ROOT / "scripts" / "build")], check=True, cwd=ROOT)
    assert (SITE / "index.html").is_file()
    return SITE


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """`python -m http.server`'s handler serving site/ on a free loopback port."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def nginx_server(site_dir: Path) -> Iterator[str]:
    """Debian's nginx serving site/ with the 部署指南's own deploy/nginx.conf (CSP and all), unprivileged."""
    if nginx_binary() is None:
        pytest.skip("未安装 nginx（./scripts/test 以 root 运行时会用 apt-get 安装）")
    with nginx(site_dir) as served:
        yield served.url


@pytest.fixture(scope="session")
def apache_server(site_dir: Path) -> Iterator[str]:
    """Debian's Apache serving site/ with the 部署指南's deploy/apache.conf in the site's <Directory>."""
    if apache_binary() is None:
        pytest.skip("未安装 Apache（./scripts/test 以 root 运行时会用 apt-get 安装）")
    with apache(site_dir) as served:
        yield served.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Use Debian's Chromium when present (Playwright cannot download browsers here)."""
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    path = chromium()
    if path and Path(path).is_file():
        args["executable_path"] = path
    return args
