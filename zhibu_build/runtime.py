"""Assemble the browser runtimes: pinned Pyodide files + the zhibu wheel in each one's own lock file.

Run by ./scripts/build before mkdocs (`zhibu-build runtime`); hooks/runtime.py copies the result
into the site. The two Node steps it runs for each runtime are scripts/pyodide_precompile.mjs (the
wheel's bytecode) and scripts/pyodide_stdlib_bytecode.mjs (the standard library's), each under
that runtime's own Pyodide (bytecode only fits the Python it was compiled by).

Two runtimes (issue 17; engine-boot.js picks one from what the browser can do):

    build/runtime/            tier 1, Pyodide 314 (Python 3.14): Chromium 96+, Firefox 114+, Safari 16.4+
      pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip   (checked against
                                               requirements/pyodide-runtime.sha256)
      pyodide-lock.json    Pyodide's lock file cut to zhibu, added by `pyodide lockfile add-wheels`
      zhibu-X.Y.Z-py3-none-any.whl               fetched with the lock file's sha256 checked
      stdlib-bytecode.zip  the standard-library modules the engine uses, compiled by this Pyodide
      stdlib-bytecode.json its sha256 and the Pyodide version it is for (worker.js checks both)
    build/runtime/legacy/     tier 2, Pyodide 0.24.1 (Python 3.11): Chromium 86–95 kernels
      the same, with pyodide.asm.js                (requirements/pyodide-legacy-runtime.sha256)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import ROOT

ENGINE = ROOT / "calculator"  # the engine's own project: its wheel holds zhibu and nothing else
OUT = ROOT / "build" / "runtime"
BYTECODE = "stdlib-bytecode.zip"
BROWSER_WHEELS = ROOT / "requirements" / "browser-wheels.txt"  # what the page loads on demand (XlsxWriter)


@dataclass(frozen=True)
class Runtime:
    """One Pyodide the site serves: its npm package, its recorded checksums, where it goes."""

    tier: int
    package: str  # under node_modules/
    checksums: Path
    files: tuple[str, ...]  # Pyodide's own files, copied as they are
    folder: str  # under build/runtime/ and the site's assets/pyodide/ ("" for tier 1)

    @property
    def source(self) -> Path:
        return ROOT / "node_modules" / self.package

    @property
    def out(self) -> Path:
        return OUT / self.folder if self.folder else OUT

    @property
    def needed(self) -> tuple[str, ...]:
        """What hooks/runtime.py checks for in this runtime's folder (and a zhibu wheel)."""
        return (*self.files, "pyodide-lock.json", BYTECODE, "stdlib-bytecode.json")


RUNTIMES = (
    Runtime(
        1,
        "pyodide",
        ROOT / "requirements" / "pyodide-runtime.sha256",
        ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"),
        "",
    ),
    Runtime(
        2,
        "pyodide-0.24",
        ROOT / "requirements" / "pyodide-legacy-runtime.sha256",
        ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip"),
        "legacy",
    ),
)


def expected_checksums(runtime: Runtime) -> dict[str, str]:
    text = runtime.checksums.read_text(encoding="utf-8")
    pairs = (line.split() for line in text.splitlines() if line and line[0] != "#")
    return {name: digest for digest, name in pairs}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_pyodide(runtime: Runtime) -> list[str]:
    """Problems with node_modules/<package> against the recorded version and checksums."""
    where = f"node_modules/{runtime.package}"
    if not runtime.source.is_dir():
        return [f"{where} 不存在：请先运行 npm ci"]
    problems = []
    for name, digest in expected_checksums(runtime).items():
        path = runtime.source / name
        if not path.is_file():
            problems.append(f"缺少 {where}/{name}")
        elif sha256(path) != digest:
            problems.append(f"{where}/{name} 的 SHA-256 与 {runtime.checksums.relative_to(ROOT)} 不符")
    return problems


def build(python: str = sys.executable) -> Path:
    problems = [p for runtime in RUNTIMES for p in check_pyodide(runtime)]
    if problems:
        raise SystemExit("\n".join(problems))
    for stale in (OUT, ENGINE / "build"):  # setuptools' in-tree build folder: old files would enter the wheel
        if stale.exists():
            shutil.rmtree(stale)
    OUT.mkdir(parents=True)
    plain = plain_wheel(python)
    extra = browser_wheels(python)
    for runtime in RUNTIMES:
        assemble(runtime, plain, extra, Path(python).parent / "pyodide")
    plain.unlink()
    shutil.rmtree(extra[0].parent)
    return OUT


def browser_wheels(python: str) -> list[Path]:
    """The wheels the page loads on demand (requirements/browser-wheels.txt), downloaded with their hashes."""
    folder = OUT / ".browser-wheels"
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--only-binary=:all:",
            "--require-hashes",
            "-r",
            str(BROWSER_WHEELS),
            "-d",
            str(folder),
        ],
        check=True,
    )
    return sorted(folder.glob("*.whl"))


def plain_wheel(python: str) -> Path:
    """The zhibu wheel as pip builds it (sources only), beside build/runtime/."""
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
    return wheel.rename(OUT / (wheel.name + ".plain"))


def node(script: str, runtime: Runtime, *args: str) -> None:
    """A Node step of scripts/ under this runtime's Pyodide (ZHIBU_PYODIDE names its package)."""
    env = {**os.environ, "ZHIBU_PYODIDE": runtime.package}
    done = subprocess.run(
        ["node", str(ROOT / "scripts" / script), *args], cwd=ROOT, capture_output=True, text=True, env=env
    )
    if done.returncode:
        raise SystemExit(f"scripts/{script}（{runtime.package}）失败：\n{done.stderr[-3000:]}")


def assemble(runtime: Runtime, plain: Path, extra: list[Path], pyodide: Path) -> None:
    out = runtime.out
    out.mkdir(parents=True, exist_ok=True)
    for name in runtime.files:
        shutil.copy2(runtime.source / name, out / name)
    # Bytecode of the engine for this runtime's Python, compiled by this Pyodide itself.
    wheel = out / plain.name.removesuffix(".plain")
    node("pyodide_precompile.mjs", runtime, str(plain), str(wheel))
    for other in extra:
        shutil.copy2(other, out / other.name)
    subprocess.run(
        [
            str(pyodide),
            "lockfile",
            "add-wheels",
            "--input",
            str(runtime.source / "pyodide-lock.json"),
            "--output",
            str(out / "pyodide-lock.json"),
            "--base-path",
            str(out),
            str(wheel),
            *(str(out / other.name) for other in extra),
        ],
        check=True,
        capture_output=True,
    )
    lock = json.loads((out / "pyodide-lock.json").read_text(encoding="utf-8"))
    # The site loads the core, zhibu and, for an export, the browser wheels only: the other ~300
    # entries (119 kB) are bytes every first visit fetched for nothing (issue 17).
    names = ["zhibu", *(lock_name(other) for other in extra)]
    lock["packages"] = {name: lock["packages"][name] for name in names}
    # add-wheels writes its own `info` and drops Pyodide's version, which Pyodide 0.24 requires
    # ("Lock file version doesn't match Pyodide version"): keep what Pyodide's own lock file says.
    own = json.loads((runtime.source / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    lock["info"] = {**lock["info"], **{k: v for k, v in own.items() if k not in lock["info"]}}
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    entry = lock["packages"]["zhibu"]
    if entry["sha256"] != sha256(wheel) or entry["file_name"] != wheel.name:
        raise SystemExit(f"{out.relative_to(ROOT)}/pyodide-lock.json 中 zhibu 的记录与 wheel 不符")
    modules = stdlib_bytecode(runtime, wheel, [out / other.name for other in extra])
    print(
        f"runtime (tier {runtime.tier}): Python {lock['info']['python']}"
        f" + {wheel.name} (sha256 {entry['sha256'][:12]}…) + bytecode of {modules} standard-library modules"
        f" → {out.relative_to(ROOT)}"
    )


def lock_name(wheel: Path) -> str:
    """A wheel's entry in pyodide-lock.json: its project name, normalised."""
    return wheel.name.split("-")[0].lower().replace("_", "-")


def stdlib_bytecode(runtime: Runtime, wheel: Path, extra: list[Path]) -> int:
    """stdlib-bytecode.zip and its record, stdlib-bytecode.json; returns how many modules it holds."""
    zipped = runtime.out / BYTECODE
    node("pyodide_stdlib_bytecode.mjs", runtime, str(wheel), str(zipped), *map(str, extra))
    version = json.loads((runtime.source / "package.json").read_text(encoding="utf-8"))["version"]
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
    (runtime.out / "stdlib-bytecode.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return modules
