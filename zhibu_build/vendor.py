"""Browser libraries the site serves from npm packages, checked against recorded checksums.

Today one: Apache ECharts (requirements/echarts.sha256), for the charts of the self-check and the
汇总 pages (docs/assets/selfcheck/charts.js loads it on the first chart; no other page asks for it).
hooks/vendor.py copies the checked files into the built site.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"


@dataclass(frozen=True)
class Vendored:
    """One library: its checksum list and its folder under the site's assets/vendor/."""

    checksums: Path
    folder: str

    def files(self) -> list[tuple[str, str, str]]:
        """(sha256, path under node_modules/, name in the site) for each file shipped."""
        lines = self.checksums.read_text(encoding="utf-8").splitlines()
        rows = [line.split() for line in lines if line.strip() and not line.startswith("#")]
        return [(digest, source, name) for digest, source, name in rows]


LIBRARIES = (Vendored(ROOT / "requirements" / "echarts.sha256", "echarts"),)


def problems(lib: Vendored) -> list[str]:
    """What is missing from node_modules/ or differs from the recorded checksums."""
    where = lib.checksums.relative_to(ROOT)
    out = []
    for digest, source, _name in lib.files():
        path = NODE_MODULES / source
        if not path.is_file():
            out.append(f"缺少 node_modules/{source}：请先运行 npm ci（./scripts/build 会运行）")
        elif hashlib.sha256(path.read_bytes()).digest().hex() != digest:
            out.append(f"node_modules/{source} 的 SHA-256 与 {where} 不符")
    return out


def ship(site: Path) -> list[Path]:
    """Copies every library's checked files under site/assets/vendor/; raises ValueError listing
    what is missing or differs (nothing is copied then)."""
    found = [p for lib in LIBRARIES for p in problems(lib)]
    if found:
        raise ValueError("；".join(found))
    written = []
    for lib in LIBRARIES:
        target = site / "assets" / "vendor" / lib.folder
        target.mkdir(parents=True, exist_ok=True)
        for _digest, source, name in lib.files():
            (target / name).write_bytes((NODE_MODULES / source).read_bytes())
            written.append(target / name)
    return written
