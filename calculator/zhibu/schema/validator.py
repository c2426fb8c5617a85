"""One JSON Schema validator for the subset our schemas use: a quick yes/no and Chinese messages.

`compile_schema(schema)` reads a schema once and returns a `Validator`:

    validator.valid(value)     -> bool            the quick path (a roll-up reads 100,000 files)
    validator.problems(value)  -> list[Problem]   every problem, each at its JSON path

Each keyword is declared once, in KEYWORDS: from the keyword's argument it makes a `Check`,
which is both how to test a value and what to say where the test fails, side by side. A
keyword (or a `format`, or a `propertyNames` form) the table does not know stops the compile
with a SchemaError, so a schema never means more than the engine checks. As in
python-jsonschema, a value of the wrong type gets that one problem and nothing below it.
Only the standard library: it runs in Pyodide too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sized
from dataclasses import dataclass
from typing import Any

from ..errors import Problem, child

Schema = Mapping[str, Any]
Test = Callable[[Any], bool]
Explain = Callable[[Any, str], Iterator[Problem]]


class SchemaError(Exception):
    """The schema uses something this validator does not implement."""


@dataclass(frozen=True, slots=True)
class Check:
    """What one keyword (or one whole schema) asks: a test, and the problems where it fails."""

    test: Test
    explain: Explain


def _leaf(test: Test, message: str) -> Check:
    """A keyword whose failure is one problem at the value itself."""

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if not test(v):
            yield Problem(path, message)

    return Check(test, explain)


# --- types -------------------------------------------------------------------------------

_PY_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}
TYPE_NAMES = {
    "object": "对象（{…}）",
    "array": "列表（[…]）",
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "null": "空（null）",
}


def _type_test(kinds: list[str]) -> Test:
    """One isinstance for the JSON types listed; a bool is a number only where "boolean" is listed."""
    allowed = tuple(t for k in kinds for t in _PY_TYPES[k])
    if "boolean" in kinds or int not in allowed:  # without int in the tuple no bool passes anyway
        return lambda v: isinstance(v, allowed)
    return lambda v: isinstance(v, allowed) and not isinstance(v, bool)


def _type_message(kinds: list[str], s: Schema) -> str:
    main = [k for k in kinds if k != "null"]
    if main == ["integer"] and s.get("minimum") == 0:
        text = "应为非负整数"
    elif main == ["number"] and s.get("minimum") == 0:
        text = "应为非负数"
    else:
        text = "应为" + "或".join(TYPE_NAMES[k] for k in main or kinds)
    return text + ("（不填可留空）" if "null" in kinds and main else "")


def _kinds(s: Schema, where: str) -> list[str] | None:
    kinds = s.get("type")
    if kinds is None:
        return None
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    unknown = [k for k in kinds if k not in _PY_TYPES]
    if unknown:
        raise SchemaError(f"{where}/type: 未知的类型 {unknown}")
    return kinds


# --- keywords ----------------------------------------------------------------------------


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_date(v: str) -> bool:
    try:
        return len(v) == 10 and dt.date.fromisoformat(v).isoformat() == v
    except ValueError:
        return False


def _enum(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    return _leaf(lambda v: v in arg, "应为以下之一：" + "、".join(str(o) for o in arg))


def _const(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    return _leaf(lambda v: v == arg, f"应为 {arg}")


def _minimum(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    nonnegative = "应为非负整数" if "integer" in str(s.get("type")) else "应为非负数"
    message = nonnegative if arg == 0 else f"不能小于 {arg}"
    return _leaf(lambda v: not _is_number(v) or not v < arg, message)


def _maximum(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    return _leaf(lambda v: not _is_number(v) or v <= arg, f"不能大于 {arg}")


def _size(kind: type[Sized], at_least: bool, message: str) -> Callable[[Any, Schema, _Compiler, str], Check]:
    """minLength, maxLength, minItems, maxItems, maxProperties: a bound on len() of one kind of value."""

    def keyword(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
        if at_least:
            return _leaf(lambda v: not isinstance(v, kind) or len(v) >= arg, message.format(limit=arg))
        return _leaf(lambda v: not isinstance(v, kind) or len(v) <= arg, message.format(limit=arg))

    return keyword


def _unique(arg: Any, s: Schema, c: _Compiler, where: str) -> Check | None:
    if not arg:
        return None
    return _leaf(lambda v: not isinstance(v, list) or len({repr(x) for x in v}) == len(v), "有重复的项")


def _pattern(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    search = re.compile(arg).search
    return _leaf(lambda v: not isinstance(v, str) or search(v) is not None, "格式不对")


def _format(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    if arg != "date":
        raise SchemaError(f"{where}: 未实现的格式“{arg}”")
    return _leaf(lambda v: not isinstance(v, str) or _is_date(v), "应为日期，格式 YYYY-MM-DD")


def _required(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    names = tuple(arg)
    wanted = frozenset(names)

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, dict):
            for name in names:
                if name not in v:
                    yield Problem(child(path, name), "缺少此项")

    return Check(lambda v: not isinstance(v, dict) or wanted.issubset(v), explain)


def _properties(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    """The named members, each by its own schema; with `additionalProperties: false`, no others."""
    nodes = {key: c.node(sub, f"{where}/{key}") for key, sub in arg.items()}
    known = {key: n.test for key, n in nodes.items()}
    closed = s.get("additionalProperties", True) is False

    def test(v: Any) -> bool:  # one pass over the members: an answers file has a hundred such objects
        if isinstance(v, dict):
            for key, value in v.items():
                sub = known.get(key)
                if sub is None:
                    if closed:
                        return False
                elif not sub(value):
                    return False
        return True

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, dict):
            for key, value in v.items():
                node = nodes.get(key)
                if node is not None:
                    yield from node.explain(value, child(path, key))
                elif closed:
                    yield Problem(child(path, key), "未知的字段")

    return Check(test, explain)


def _additional(arg: Any, s: Schema, c: _Compiler, where: str) -> Check | None:
    """Members not named in `properties`: each by this schema, or (false) none at all."""
    if arg is True or (arg is False and "properties" in s):
        return None  # nothing to check, or checked by "properties" in its one pass
    if arg is False:
        return Check(
            lambda v: not isinstance(v, dict) or not v,
            lambda v, path: (Problem(child(path, k), "未知的字段") for k in (v if isinstance(v, dict) else ())),
        )
    if not isinstance(arg, Mapping):
        raise SchemaError(f"{where}: 应为 true、false 或一个 schema")
    node = c.node(arg, where)
    named = frozenset(s.get("properties", ()))
    each = node.test

    def test(v: Any) -> bool:
        if isinstance(v, dict):
            for key, value in v.items():
                if key not in named and not each(value):
                    return False
        return True

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, dict):
            for key, value in v.items():
                if key not in named:
                    yield from node.explain(value, child(path, key))

    return Check(test, explain)


def _property_names(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    if set(arg) != {"pattern"}:
        raise SchemaError(f"{where}: propertyNames 只实现了 pattern")
    search = re.compile(arg["pattern"]).search

    def test(v: Any) -> bool:
        if isinstance(v, dict):
            for key in v:
                if search(key) is None:
                    return False
        return True

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, dict):
            for key in v:
                if search(key) is None:
                    yield Problem(child(path, key), "名称格式不对")

    return Check(test, explain)


def _items(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    node = c.node(arg, where)
    each = node.test

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, list):
            for i, value in enumerate(v):
                yield from node.explain(value, child(path, i))

    return Check(lambda v: not isinstance(v, list) or all(map(each, v)), explain)


def _ref(arg: Any, s: Schema, c: _Compiler, where: str) -> Check:
    return c.ref(arg)


Keyword = Callable[[Any, Schema, "_Compiler", str], "Check | None"]

KEYWORDS: dict[str, Keyword] = {
    "$ref": _ref,
    "enum": _enum,
    "const": _const,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "propertyNames": _property_names,
    "items": _items,
    "minimum": _minimum,
    "maximum": _maximum,
    "minLength": _size(str, True, "不能为空"),
    "maxLength": _size(str, False, "不能超过 {limit} 个字"),
    "minItems": _size(list, True, "至少要有 {limit} 项"),
    "maxItems": _size(list, False, "不能超过 {limit} 项"),
    "maxProperties": _size(dict, False, "不能超过 {limit} 项"),
    "uniqueItems": _unique,
    "pattern": _pattern,
    "format": _format,
}
# Keywords that say something about the schema, not about values.
ANNOTATIONS = frozenset({"type", "$schema", "$id", "$defs", "title", "description", "$comment"})


# --- compiling ---------------------------------------------------------------------------


def _all(tests: list[Test]) -> Test:
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda v: first(v) and second(v)

    def test(v: Any) -> bool:
        for t in tests:  # noqa: SIM110 - a loop is faster than all() over a generator here
            if not t(v):
                return False
        return True

    return test


class _Compiler:
    def __init__(self, root: Schema) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, ref: str) -> Check:
        """A `$ref`, compiled once and bound late, so that a schema may refer to itself."""
        if ref not in self.refs:
            slot: list[Check] = []
            self.refs[ref] = Check(lambda v: slot[0].test(v), lambda v, path: slot[0].explain(v, path))
            target: Any = self.root
            for part in ref.removeprefix("#/").split("/"):
                if not isinstance(target, Mapping) or part not in target:
                    raise SchemaError(f"找不到 $ref 的目标 {ref}")
                target = target[part]
            slot.append(self.node(target, ref))
        return self.refs[ref]

    def node(self, s: Schema, where: str = "#") -> Check:
        if not isinstance(s, Mapping):
            raise SchemaError(f"{where}: schema 应为对象")
        unknown = [k for k in s if k not in KEYWORDS and k not in ANNOTATIONS]
        if unknown:
            raise SchemaError(f"{where}: 未实现的关键字 {'、'.join(unknown)}")
        checks = [c for name, arg in s.items() if name in KEYWORDS and (c := KEYWORDS[name](arg, s, self, where))]
        kinds = _kinds(s, where)
        if kinds is None:
            if not checks:
                return Check(lambda v: True, lambda v, path: iter(()))
            return Check(_all([c.test for c in checks]), _explain_all(checks))
        type_ok = _type_test(kinds)
        message = _type_message(kinds, s)
        explain_rest = _explain_all(checks)

        def explain(v: Any, path: str) -> Iterator[Problem]:
            if not type_ok(v):
                yield Problem(path, message)
                return
            yield from explain_rest(v, path)

        if "null" in kinds and len(kinds) == 2 and not {"enum", "const"} & set(s):
            # Every keyword holds for a value of another kind, so null passes them all at once.
            other = _type_test([k for k in kinds if k != "null"])
            rest = _all([other, *(c.test for c in checks)])
            return Check(lambda v: v is None or rest(v), explain)
        return Check(_all([type_ok, *(c.test for c in checks)]), explain)


def _explain_all(checks: list[Check]) -> Explain:
    def explain(v: Any, path: str) -> Iterator[Problem]:
        for c in checks:
            yield from c.explain(v, path)

    return explain


class Validator:
    """A schema compiled once: `valid(value)` quickly, `problems(value)` with paths."""

    def __init__(self, schema: Schema) -> None:
        self._root = _Compiler(schema).node(schema)
        self.valid: Test = self._root.test

    def problems(self, value: Any) -> list[Problem]:
        return list(self._root.explain(value, "$"))


def compile_schema(schema: Schema) -> Validator:
    """The validator of `schema`; SchemaError if it uses anything not implemented here."""
    return Validator(schema)
