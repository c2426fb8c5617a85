"""The browser libraries taken from npm (zhibu_build/vendor.py): shipped only as recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhibu_build.vendor import LIBRARIES, NODE_MODULES, ROOT, problems, ship


def test_the_build_ships_only_the_recorded_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (lib,) = LIBRARIES
    assert problems(lib) == []  # node_modules/ as package-lock.json has it
    copy = tmp_path / "node_modules"
    for _digest, source, _name in lib.files():
        (copy / source).parent.mkdir(parents=True, exist_ok=True)
        (copy / source).write_bytes((NODE_MODULES / source).read_bytes())
    bundle = copy / "echarts" / "dist" / "echarts.simple.min.js"
    bundle.write_bytes(bundle.read_bytes() + b"\n// changed")
    monkeypatch.setattr("zhibu_build.vendor.NODE_MODULES", copy)
    assert problems(lib) == [
        f"node_modules/echarts/dist/echarts.simple.min.js 的 SHA-256 与 {lib.checksums.relative_to(ROOT)} 不符"
    ]
    with pytest.raises(ValueError, match="SHA-256"):
        ship(tmp_path / "site")
    assert not (tmp_path / "site").exists()
