"""Assemble the browser runtime: pinned Pyodide files + the zhibu wheel in the site's own lock file.

Run by ./scripts/build before mkdocs (`zhibu-build runtime`); hooks/runtime.py copies the result
into the site. The two Node steps it runs are scripts/pyodide_precompile.mjs (the wheel's bytecode)
and scripts/pyodide_stdlib_bytecode.mjs (the standard library's).

    build/runtime/
      pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip   (checked against
                                               requirements/pyodide-runtime.sha256)
      pyodide-lock.json    Pyodide's lock file plus zhibu, added by `pyodide lockfile add-wheels`
      zhibu-X.Y.Z-py3-none-any.whl               fetched with the lock file's sha256 checked
      stdlib-bytecode.zip  the standard-library modules the engine uses, compiled by this Pyodide
      stdlib-bytecode.json its sha256 and the Pyodide version it is for (worker.js checks both)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from . import ROOT

NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
CHECKSUMS = ROOT / "requirements" / "pyodide-runtime.sha256"
ENGINE = ROOT / "calculator"  # the engine's own project: its wheel holds zhibu and nothing else
OUT = ROOT / "build" / "runtime"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
BYTECODE = "stdlib-bytecode.zip"
# What hooks/runtime.py copies into the site (and the zhibu wheel).
NEEDED = (*RUNTIME_FILES, "pyodide-lock.json", BYTECODE, "stdlib-bytecode.json")


def expected_checksums() -> dict[str, str]:
    pairs = (line.split() for line in CHECKSUMS.read_text(encoding="utf-8").splitlines() if line and line[0] != "#")
    return {name: digest for digest, name in pairs}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_pyodide() -> list[str]:
    """Problems with node_modules/pyodide against the recorded version and checksums."""
    if not NODE_PYODIDE.is_dir():
        return ["node_modules/pyodide 不存在：请先运行 npm ci"]
    problems = []
    for name, digest in expected_checksums().items():
        path = NODE_PYODIDE / name
        if not path.is_file():
            problems.append(f"缺少 node_modules/pyodide/{name}")
        elif sha256(path) != digest:
            problems.append(f"node_modules/pyodide/{name} 的 SHA-256 与 requirements/pyodide-runtime.sha256 不符")
    return problems


def build(python: str = sys.executable) -> Path:
    problems = check_pyodide()
    if problems:
        raise SystemExit("\n".join(problems))
    for stale in (OUT, ENGINE / "build"):  # setuptools' in-tree build folder: old files would enter the wheel
        if stale.exists():
            shutil.rmtree(stale)
    OUT.mkdir(parents=True)
    for name in RUNTIME_FILES:
        shutil.copy2(NODE_PYODIDE / name, OUT / name)
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(OUT),
            str(ENGINE),
        ],
        check=True,
    )
    shutil.rmtree(ENGINE / "build", ignore_errors=True)  # a second copy of zhibu that linters would find
    (wheel,) = OUT.glob("zhibu-*.whl")
    # Bytecode for Python 3.14 from the shipped Pyodide itself (the host Python is older).
    plain = wheel.with_suffix(".plain")
    wheel.rename(plain)
    subprocess.run(
        ["node", str(ROOT / "scripts" / "pyodide_precompile.mjs"), str(plain), str(wheel)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    plain.unlink()
    pyodide = Path(python).parent / "pyodide"
    subprocess.run(
        [
            str(pyodide),
            "lockfile",
            "add-wheels",
            "--input",
            str(NODE_PYODIDE / "pyodide-lock.json"),
            "--output",
            str(OUT / "pyodide-lock.json"),
            "--base-path",
            str(OUT),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    lock = json.loads((OUT / "pyodide-lock.json").read_text(encoding="utf-8"))
    # The site loads the core and zhibu only: the other ~300 entries (119 kB) are bytes every first
    # visit fetched for nothing (issue 17). zhibu depends on nothing.
    lock["packages"] = {"zhibu": lock["packages"]["zhibu"]}
    (OUT / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    entry = lock["packages"]["zhibu"]
    if entry["sha256"] != sha256(wheel) or entry["file_name"] != wheel.name:
        raise SystemExit("pyodide-lock.json 中 zhibu 的记录与 wheel 不符")
    modules = stdlib_bytecode(wheel)
    print(
        f"runtime: Pyodide {lock['info']['python']} + {wheel.name} (sha256 {entry['sha256'][:12]}…)"
        f" + bytecode of {modules} standard-library modules → {OUT}"
    )
    return OUT


def stdlib_bytecode(wheel: Path) -> int:
    """stdlib-bytecode.zip and its record, stdlib-bytecode.json; returns how many modules it holds."""
    zipped = OUT / BYTECODE
    subprocess.run(
        ["node", str(ROOT / "scripts" / "pyodide_stdlib_bytecode.mjs"), str(wheel), str(zipped)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    version = json.loads((NODE_PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]
    with zipfile.ZipFile(zipped) as z:
        modules = len(z.namelist())
    names = zipped.with_suffix(".elsewhere.json")
    elsewhere = json.loads(names.read_text(encoding="utf-8"))
    names.unlink()
    record = {
        "file": BYTECODE,
        "sha256": sha256(zipped),
        "pyodide": version,
        "modules": modules,
        "elsewhere": elsewhere,
    }
    (OUT / "stdlib-bytecode.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return modules
