"""What older browser kernels can run (issue 17): the site's scripts stay within Chromium 86, the
inline boot and the IE notice within ES5, and the boot's WebAssembly tests are wasm-feature-detect's."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.support.paths import ROOT

ASSETS = ROOT / "docs" / "assets"
FLOOR = ROOT / "tests" / "support" / "es_floor.mjs"
BOOT = ASSETS / "selfcheck" / "engine-boot.js"
DETECT = ROOT / "node_modules" / "wasm-feature-detect" / "dist" / "esm" / "index.js"


def floor(*files: Path) -> list[dict[str, object]]:
    done = subprocess.run(["node", str(FLOOR), *map(str, files)], capture_output=True, text=True, check=True)
    problems: list[dict[str, object]] = json.loads(done.stdout)
    return problems


def test_the_site_scripts_run_on_a_chromium_86_kernel() -> None:
    scripts = sorted(p for p in ASSETS.rglob("*.js") if "vendor" not in p.parts)
    assert len(scripts) > 10
    assert floor(*scripts) == []


def test_the_floor_check_finds_what_chromium_86_lacks(tmp_path: Path) -> None:
    newer = tmp_path / "newer.js"
    newer.write_text(
        "const a = structuredClone({});\nconst b = [1].at(-1);\nawait 1;\nclass C { static { } }\nconst r = /x/d;\n",
        encoding="utf-8",
    )
    found = {(p["line"], str(p["what"]).split("（")[0]) for p in floor(newer)}
    assert found == {
        (1, "structuredClone"),
        (2, "at"),
        (3, "top-level await"),
        (4, "class static block"),
        (5, "正则标志 d"),
    }
    es5 = tmp_path / "engine-boot.js"  # held to ES5: IE and IE mode must reach the tier-3 message
    es5.write_text("(function () { let x = () => 1; })();\n", encoding="utf-8")
    (problem,) = floor(es5)
    assert str(problem["what"]).startswith("不是 ES5")


def wasm_module(source: str, name: str) -> list[int]:
    match = re.search(name + r"\s*=\s*\[([\d,\s]+)\]", source)
    assert match, name
    return [int(b) for b in match.group(1).split(",")]


def test_the_boot_asks_what_wasm_feature_detect_asks() -> None:
    detect = DETECT.read_text(encoding="utf-8")
    boot = BOOT.read_text(encoding="utf-8")
    for feature in ("exceptions", "referenceTypes"):
        found = re.search(feature + r"=async\(\)=>WebAssembly\.validate\(new Uint8Array\(\[([\d,]+)\]\)\)", detect)
        assert found, f"wasm-feature-detect 的 {feature}() 已改写：请重新核对 engine-boot.js"
        assert wasm_module(boot, "var " + feature) == [int(b) for b in found.group(1).split(",")], feature
