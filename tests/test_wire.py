"""Bytes a first visit moves before the first score (issue 17, item 4)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def test_the_lock_file_lists_only_what_the_site_loads(site_dir: Path) -> None:
    # Pyodide's own lock lists some 350 packages (119 kB) the site never loads; ours lists the engine.
    lock_path = site_dir / "assets/pyodide/pyodide-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    assert list(lock["packages"]) == ["zhibu"] and lock["info"]["python"].startswith("3.")
    entry = lock["packages"]["zhibu"]
    wheel = (site_dir / "assets/pyodide" / entry["file_name"]).read_bytes()
    assert hashlib.sha256(wheel).hexdigest() == entry["sha256"]
    assert lock_path.stat().st_size < 2_000
