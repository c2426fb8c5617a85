"""The installed command and `python -m zhibu` run the same engine as run()."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

from tests.support.paths import ROOT, SAMPLE
from zhibu.cli import run


def test_module_and_console_script_agree_with_run() -> None:
    out = io.StringIO()
    assert run(["score", "--format", "json", str(SAMPLE)], out, io.StringIO()) == 0
    module = subprocess.run(
        [sys.executable, "-m", "zhibu", "score", "--format", "json", str(SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    script = shutil.which("zhibu", path=str(ROOT / ".venv" / "bin"))
    assert script is not None
    console = subprocess.run(
        [script, "score", "--format", "json", str(SAMPLE)], capture_output=True, text=True, check=True
    )
    assert module.stdout == console.stdout == out.getvalue()


def test_bad_input_exits_2_with_chinese_and_no_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "zhibu", "score", "-"], input="{", capture_output=True, text=True)
    assert done.returncode == 2 and "文件不完整" in done.stderr and "Traceback" not in done.stderr
