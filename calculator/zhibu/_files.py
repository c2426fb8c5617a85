"""The package's own data files (the rubric, the schemas), read beside its modules.

Not importlib.resources: it imports zipfile, tempfile, pathlib and inspect, about 10 ms of the
engine's start-up inside Pyodide, for files that always lie in the package's folder.
"""

from __future__ import annotations

import os


def read_text(relative: str) -> str:
    """A file of the package by its path inside it, e.g. "data/rubric.json"."""
    path = os.path.join(os.path.dirname(__file__), *relative.split("/"))
    with open(path, encoding="utf-8") as f:
        return f.read()
