"""A fixed-seed corpus of malformed answers files: mutations of the template and the sample.

Each file is (class, bytes). The classes are those of issue 16: wrong types, huge and odd
numbers, odd dates, odd strings (long, NUL, lone surrogates, trailing newlines in patterned
fields), missing and extra keys, nesting, duplicate keys, BOMs and encodings. The same seed gives
the same corpus, so a failure names a file that can be made again.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections.abc import Iterator
from typing import Any

from tests.support.paths import SAMPLE
from zhibu.model import BRANCH_TYPES
from zhibu.rubric import default_rubric
from zhibu.template import blank_answers

Path_ = list[str | int]

ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 18, 2**31, 10**20, 10**309, 1.5, -0.5, 1e300, 5e-324, 18.0, "",
    "x", "18", "2026-01-01", "2026-02-30", "2026-1-1", "9999-12-31", "0001-01-01", "2026-01-01\n",
    "1.3.0\n", "weihai\n", "a" * 3000, [], [1], {}, {"a": 1},
]  # fmt: skip
ODD_TEXT = ["\\ud800", "\\udc80", "\\u0000", "\\ud83d\\ude00"]  # escapes written into the JSON text


def _paths(node: Any, path: Path_) -> Iterator[Path_]:
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, [*path, k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, [*path, i])


def _set(data: Any, path: Path_, value: Any) -> None:
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _delete(data: Any, path: Path_) -> None:
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]


def bases() -> list[dict[str, Any]]:
    """The valid files mutated: the sample and a blank template of every branch type."""
    rubric = default_rubric()
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))

    templates = [blank_answers(rubric, t, dt.date(2026, 6, 30), None, []) for t in BRANCH_TYPES]
    for t in templates:
        t["standard"] = "weihai"
        t["branch"]["name"] = "模板支部"
    return [sample, *templates]


def _newlines(sample: dict[str, Any]) -> Iterator[tuple[str, bytes]]:
    """A final newline in each patterned string (where Python's `$` and ECMA-262's part ways)."""
    for change in ("rubric_version", "standard", "month", "item", "date"):
        data = copy.deepcopy(sample)
        if change == "rubric_version":
            data["rubric_version"] += "\n"
        elif change == "standard":
            data["standard"] += "\n"
        elif change == "month":
            data["facts"]["meetings"]["党员大会"]["2026-03\n"] = 1
        elif change == "item":
            key = next(iter(data["answers"]))
            data["answers"][key + "\n"] = data["answers"].pop(key)
        else:
            data["check_date"] += "\n"
        yield "newline", json.dumps(data, ensure_ascii=False).encode("utf-8")


def corpus(size: int = 3200, seed: int = 16) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    originals = bases()
    out: list[tuple[str, bytes]] = list(_newlines(originals[0]))
    while len(out) < size:
        base = copy.deepcopy(rng.choice(originals))
        paths = [p for p in _paths(base, []) if p]
        kind = rng.choice(["value", "value", "value", "delete", "extra", "text", "nest", "dup", "bytes"])
        if kind == "value":
            for _ in range(rng.choice([1, 1, 2, 3])):
                _set(base, rng.choice(paths), copy.deepcopy(rng.choice(ODD_VALUES)))
                paths = [p for p in _paths(base, []) if p]
            out.append(("value", json.dumps(base, ensure_ascii=False).encode("utf-8")))
        elif kind == "delete":
            _delete(base, rng.choice(paths))
            out.append(("delete", json.dumps(base, ensure_ascii=False).encode("utf-8")))
        elif kind == "extra":
            target = rng.choice([p for p in paths if isinstance(_get(base, p), dict)] or [[]])
            node = _get(base, target) if target else base
            node[rng.choice(["extra", "备注", "schemes", "zzsh.99", "2026-13"])] = rng.choice(ODD_VALUES)
            out.append(("extra", json.dumps(base, ensure_ascii=False).encode("utf-8")))
        elif kind == "text":
            strings = [p for p in paths if isinstance(_get(base, p), str)]
            marker = "\u2063MARK\u2063"
            _set(base, rng.choice(strings), marker)
            text = json.dumps(base, ensure_ascii=False).replace(marker, rng.choice(ODD_TEXT) + "支部")
            out.append(("text", text.encode("utf-8")))
        elif kind == "nest":
            depth = rng.choice([40, 200, 1200, 3000])
            _set(base, rng.choice(paths), "\u2063NEST\u2063")
            text = json.dumps(base, ensure_ascii=False).replace('"\u2063NEST\u2063"', "[" * depth + "]" * depth)
            out.append(("nest", text.encode("utf-8")))
        elif kind == "dup":
            text = json.dumps(base, ensure_ascii=False)
            key = rng.choice(['"schema_version": ', '"name": ', '"start": ', '"full": ', '"standard": '])
            alt = rng.choice(["99", '"x"', "null"])
            text = text.replace(key, f"{key}{alt}, {key}", 1)  # the key twice in one object
            out.append(("dup", text.encode("utf-8")))
        else:
            body = json.dumps(base, ensure_ascii=False).encode("utf-8")
            body = rng.choice(
                [
                    b"\xef\xbb\xbf" + body,
                    b"\xef\xbb\xbf\xef\xbb\xbf" + body,
                    body.decode("utf-8").encode("utf-16"),
                    body.decode("utf-8").encode("gbk", errors="replace"),
                    body[: rng.randrange(1, len(body))],
                    body.replace(b"2026", b"2026.0", 1),
                    body.replace(b": 18", b": 1e400", 1),
                    body.replace(b": 18", b": " + b"9" * 5000, 1),
                ]
            )
            out.append(("bytes", body))
    return out


def _get(data: Any, path: Path_) -> Any:
    node = data
    for key in path:
        node = node[key]
    return node
