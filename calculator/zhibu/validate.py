"""A small JSON Schema validator (the subset our schemas use), with Chinese messages.

Like python-jsonschema, each keyword is a function that yields problems; the
caller collects them all. Only stdlib: it runs in Pyodide too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .errors import Problem, child

Schema = Mapping[str, Any]
Keyword = Callable[[Any, Any, Schema, str, Schema], Iterator[Problem]]

TYPE_NAMES = {
    "object": "对象（{…}）",
    "array": "列表（[…]）",
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "null": "空（null）",
}


def _is(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    return value is None


def _type_message(kinds: list[str], schema: Schema) -> str:
    main = [k for k in kinds if k != "null"]
    if main == ["integer"] and schema.get("minimum") == 0:
        text = "应为非负整数"
    elif main == ["number"] and schema.get("minimum") == 0:
        text = "应为非负数"
    else:
        text = "应为" + "或".join(TYPE_NAMES[k] for k in main or kinds)
    return text + ("（不填可留空）" if "null" in kinds and main else "")


def _type(v: Any, kinds: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    if not any(_is(v, k) for k in kinds):
        yield Problem(path, _type_message(kinds, s))


def _enum(v: Any, options: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if v not in options:
        yield Problem(path, "应为以下之一：" + "、".join(str(o) for o in options))


def _const(v: Any, want: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if v != want:
        yield Problem(path, f"应为 {want}")


def _required(v: Any, names: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if isinstance(v, dict):
        for name in names:
            if name not in v:
                yield Problem(child(path, name), "缺少此项")


def _properties(v: Any, props: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if not isinstance(v, dict):
        return
    extra = s.get("additionalProperties", True)
    for key, value in v.items():
        where = child(path, key)
        if key in props:
            yield from iter_problems(value, props[key], where, root)
        elif extra is False:
            yield Problem(where, "未知的字段")


def _additional(v: Any, extra: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if isinstance(v, dict) and isinstance(extra, Mapping):
        known = s.get("properties", {})
        for key, value in v.items():
            if key not in known:
                yield from iter_problems(value, extra, child(path, key), root)
    elif isinstance(v, dict) and extra is False and "properties" not in s:
        for key in v:
            yield Problem(child(path, key), "未知的字段")


def _property_names(v: Any, names: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if isinstance(v, dict) and "pattern" in names:
        for key in v:
            if not re.search(names["pattern"], key):
                yield Problem(child(path, key), "名称格式不对")


def _items(v: Any, items: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if isinstance(v, list):
        for i, value in enumerate(v):
            yield from iter_problems(value, items, child(path, i), root)


def _bound(test: Callable[[Any, Any], bool], message: str, applies: Callable[[Any], bool]) -> Keyword:
    def keyword(v: Any, limit: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
        if applies(v) and not test(v, limit):
            yield Problem(path, message.format(limit=limit))

    return keyword


def _number(v: Any) -> bool:
    return _is(v, "number")


def _minimum(v: Any, limit: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if _number(v) and v < limit:
        if limit == 0:
            yield Problem(
                path, "应为非负整数" if _is(v, "integer") and "integer" in str(s.get("type")) else "应为非负数"
            )
        else:
            yield Problem(path, f"不能小于 {limit}")


def _unique(v: Any, flag: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if flag and isinstance(v, list) and len({repr(x) for x in v}) != len(v):
        yield Problem(path, "有重复的项")


def _pattern(v: Any, pattern: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if isinstance(v, str) and not re.search(pattern, v):
        yield Problem(path, "格式不对")


def _format(v: Any, fmt: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    if fmt == "date" and isinstance(v, str):
        try:
            ok = len(v) == 10 and dt.date.fromisoformat(v).isoformat() == v
        except ValueError:
            ok = False
        if not ok:
            yield Problem(path, "应为日期，格式 YYYY-MM-DD")


def _ref(v: Any, ref: Any, s: Schema, path: str, root: Schema) -> Iterator[Problem]:
    target: Any = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    yield from iter_problems(v, target, path, root)


KEYWORDS: dict[str, Keyword] = {
    "$ref": _ref,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "propertyNames": _property_names,
    "items": _items,
    "minimum": _minimum,
    "maximum": _bound(lambda v, n: v <= n, "不能大于 {limit}", _number),
    "minLength": _bound(lambda v, n: len(v) >= n, "不能为空", lambda v: isinstance(v, str)),
    "maxLength": _bound(lambda v, n: len(v) <= n, "不能超过 {limit} 个字", lambda v: isinstance(v, str)),
    "minItems": _bound(lambda v, n: len(v) >= n, "至少要有 {limit} 项", lambda v: isinstance(v, list)),
    "maxItems": _bound(lambda v, n: len(v) <= n, "不能超过 {limit} 项", lambda v: isinstance(v, list)),
    "maxProperties": _bound(lambda v, n: len(v) <= n, "不能超过 {limit} 项", lambda v: isinstance(v, dict)),
    "uniqueItems": _unique,
    "pattern": _pattern,
    "format": _format,
}


def iter_problems(value: Any, schema: Schema, path: str = "$", root: Schema | None = None) -> Iterator[Problem]:
    """Every problem of `value` against `schema`; stops descending where the type is wrong."""
    root = schema if root is None else root
    if "type" in schema:
        wrong = list(_type(value, schema["type"], schema, path, root))
        if wrong:
            yield from wrong
            return
    for name, arg in schema.items():  # only the keywords this schema uses, in its own order
        keyword = KEYWORDS.get(name)
        if keyword is not None and name != "type":
            yield from keyword(value, arg, schema, path, root)
