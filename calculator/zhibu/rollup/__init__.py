"""The upper committee's roll-up of many branches' answers files.

sources   files, folders, JSON Lines and zips → records (source, text)
collect   records → one small row a branch (rowstore), the broken ones, the repeats
pool      the same on every core (the CLI; Pyodide scores in one thread)
summary   rows → the two lists, ratios, ledgers, caps, common problems, changes, a sample
output    the summary as text, JSON and CSV tables
"""

from __future__ import annotations

from .collect import Broken, Rollup, collect, rollup, score_records
from .output import ROLLUP_TABLES, rollup_json, rollup_text, write_rollup_json
from .pool import score_all
from .sources import Lines, Record, Source, Unreadable, expand, read_records, records_in
from .summary import summary

__all__ = [
    "ROLLUP_TABLES",
    "Broken",
    "Lines",
    "Record",
    "Rollup",
    "Source",
    "Unreadable",
    "collect",
    "expand",
    "read_records",
    "records_in",
    "rollup",
    "rollup_json",
    "rollup_text",
    "score_all",
    "score_records",
    "summary",
    "write_rollup_json",
]
