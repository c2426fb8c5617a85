"""The build the scripts run is strict: one broken link fails it (scripts/_common.sh mkdocs_build)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.site  # builds with the runtime in build/runtime/, which the full run makes first
def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    # MkDocs 1.6 with --quiet stops counting warnings, so --strict let this through once.
    work = tmp_path / "project"
    work.mkdir()
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    for shared in ("hooks", "overrides", "build"):  # the engine and zhibu_build are installed
        if (ROOT / shared).exists():
            (work / shared).symlink_to(ROOT / shared)
    with (work / "docs" / "about.md").open("a", encoding="utf-8") as page:
        page.write("\n[不存在的页面](nowhere.md)\n")
    done = subprocess.run(
        ["bash", "-c", f'source "{ROOT}/scripts/_common.sh" && cd "{work}" && mkdocs_build -d "{tmp_path / "site"}"'],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0, done.stderr
    assert "nowhere.md" in done.stderr and "strict" in done.stderr
