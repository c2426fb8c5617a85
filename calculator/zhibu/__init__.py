"""zhibu: the branch self-check scoring engine (standard library only, CPython and Pyodide)."""

from __future__ import annotations

__version__ = "0.1.0"
