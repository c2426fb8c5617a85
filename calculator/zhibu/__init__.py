"""zhibu: the branch self-check scoring engine (standard library only; CPython and Pyodide).

from zhibu import default_rubric, read_answers, score, to_json
result = score(rubric := default_rubric(), read_answers(text, rubric))
"""

from __future__ import annotations

from ._version import __version__
from .answers import MAX_BYTES, load_answers, parse_json, read_answers
from .errors import InputError, Problem, ZhibuError
from .model import SCHEMA_VERSION
from .report import to_compact_json, to_csv, to_dict, to_json, to_text
from .result import Result
from .rubric import default_rubric, rubric_from_dict, rubric_json
from .scoring import score

__all__ = [
    "MAX_BYTES",
    "SCHEMA_VERSION",
    "InputError",
    "Problem",
    "Result",
    "ZhibuError",
    "__version__",
    "default_rubric",
    "load_answers",
    "parse_json",
    "read_answers",
    "rubric_from_dict",
    "rubric_json",
    "score",
    "to_compact_json",
    "to_csv",
    "to_dict",
    "to_json",
    "to_text",
]
