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
from collections.abc import Callable, Iterator, Mapping
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


@dataclass(frozen=True, slots=True)
class Site:
    """Where a keyword stands: its schema, the schema's path, and the one JSON type every value that
    reaches the keyword's test has (None when the schema allows several or says none). A node tests
    the type first and a null before anything else, so a keyword for strings in a string schema
    need not ask again whether the value is a string."""

    schema: Schema
    where: str
    kind: str | None
    compiler: _Compiler


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_IS_KIND: dict[str, Test] = {
    "number": _is_number,
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def _for(kind: str, test: Test, site: Site) -> Test:
    """`test` for values of `kind`; other values pass (a keyword says nothing about them)."""
    if site.kind == kind or (kind == "number" and site.kind == "integer"):
        return test
    is_kind = _IS_KIND[kind]
    return lambda v: not is_kind(v) or test(v)


def _is_date(v: str) -> bool:
    try:
        return len(v) == 10 and dt.date.fromisoformat(v).isoformat() == v
    except ValueError:
        return False


def _enum(arg: Any, site: Site) -> Check:
    return _leaf(lambda v: v in arg, "应为以下之一：" + "、".join(str(o) for o in arg))


def _const(arg: Any, site: Site) -> Check:
    return _leaf(lambda v: v == arg, f"应为 {arg}")


def _minimum(arg: Any, site: Site) -> Check:
    nonnegative = "应为非负整数" if "integer" in str(site.schema.get("type")) else "应为非负数"
    message = nonnegative if arg == 0 else f"不能小于 {arg}"
    return _leaf(_for("number", lambda v: not v < arg, site), message)


def _maximum(arg: Any, site: Site) -> Check:
    return _leaf(_for("number", lambda v: v <= arg, site), f"不能大于 {arg}")


def _size(kind: str, at_least: bool, message: str) -> Keyword:
    """minLength, maxLength, minItems, maxItems, maxProperties: a bound on len() of one kind of value."""

    def keyword(arg: Any, site: Site) -> Check:
        test: Test = (lambda v: len(v) >= arg) if at_least else (lambda v: len(v) <= arg)
        return _leaf(_for(kind, test, site), message.format(limit=arg))

    return keyword


def _unique(arg: Any, site: Site) -> Check | None:
    if not arg:
        return None
    return _leaf(_for("array", lambda v: len({repr(x) for x in v}) == len(v), site), "有重复的项")


def ecma(pattern: str) -> re.Pattern[str]:
    """A schema pattern with ECMA-262's `$` (the end of the text; Python's `$` also matches before a
    final newline, so that "1.1.0\\n" would pass "^…$"). Our patterns use `$` only at their end."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(arg: Any, site: Site) -> Check:
    search = ecma(arg).search
    if site.schema.get("format") == "date":  # the year's window: a value that is no date is named once, by format
        return _leaf(
            _for("string", lambda v: not _is_date(v) or search(v) is not None, site), "日期应在 1900 年至 2099 年之间"
        )
    return _leaf(_for("string", lambda v: search(v) is not None, site), "格式不对")


def _format(arg: Any, site: Site) -> Check:
    if arg != "date":
        raise SchemaError(f"{site.where}: 未实现的格式“{arg}”")
    return _leaf(_for("string", _is_date, site), "应为日期，格式 YYYY-MM-DD")


def _required(arg: Any, site: Site) -> Check:
    names = tuple(arg)
    wanted = frozenset(names)

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, dict):
            for name in names:
                if name not in v:
                    yield Problem(child(path, name), "缺少此项")

    return Check(_for("object", wanted.issubset, site), explain)


def _properties(arg: Any, site: Site) -> Check:
    """The named members, each by its own schema; with `additionalProperties: false`, no others."""
    nodes = {key: site.compiler.node(sub, f"{site.where}/{key}") for key, sub in arg.items()}
    known = {key: n.test for key, n in nodes.items()}
    closed = site.schema.get("additionalProperties", True) is False

    def test(v: dict[str, Any]) -> bool:  # one pass over the members: an answers file has a hundred such objects
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

    return Check(_for("object", test, site), explain)


def _additional(arg: Any, site: Site) -> Check | None:
    """Members not named in `properties`: each by this schema, or (false) none at all."""
    if arg is True or (arg is False and "properties" in site.schema):
        return None  # nothing to check, or checked by "properties" in its one pass
    if arg is False:
        return Check(
            _for("object", lambda v: not v, site),
            lambda v, path: (Problem(child(path, k), "未知的字段") for k in (v if isinstance(v, dict) else ())),
        )
    if not isinstance(arg, Mapping):
        raise SchemaError(f"{site.where}: 应为 true、false 或一个 schema")
    node = site.compiler.node(arg, site.where)
    named = frozenset(site.schema.get("properties", ()))
    each = node.test

    def test(v: dict[str, Any]) -> bool:
        for key, value in v.items():  # noqa: SIM110 - a loop is faster than all() over a generator
            if key not in named and not each(value):
                return False
        return True

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, dict):
            for key, value in v.items():
                if key not in named:
                    yield from node.explain(value, child(path, key))

    return Check(_for("object", test, site), explain)


def _property_names(arg: Any, site: Site) -> Check:
    if set(arg) != {"pattern"}:
        raise SchemaError(f"{site.where}: propertyNames 只实现了 pattern")
    search = ecma(arg["pattern"]).search

    def test(v: dict[str, Any]) -> bool:
        for key in v:  # noqa: SIM110 - a loop is faster than all() over a generator
            if search(key) is None:
                return False
        return True

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, dict):
            for key in v:
                if search(key) is None:
                    yield Problem(child(path, key), "名称格式不对")

    return Check(_for("object", test, site), explain)


def _items(arg: Any, site: Site) -> Check:
    node = site.compiler.node(arg, site.where)
    each = node.test

    def explain(v: Any, path: str) -> Iterator[Problem]:
        if isinstance(v, list):
            for i, value in enumerate(v):
                yield from node.explain(value, child(path, i))

    return Check(_for("array", lambda v: all(map(each, v)), site), explain)


def _ref(arg: Any, site: Site) -> Check:
    return site.compiler.ref(arg)


Keyword = Callable[[Any, Site], "Check | None"]

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
    "minLength": _size("string", True, "不能为空"),
    "maxLength": _size("string", False, "不能超过 {limit} 个字"),
    "minItems": _size("array", True, "至少要有 {limit} 项"),
    "maxItems": _size("array", False, "不能超过 {limit} 项"),
    "maxProperties": _size("object", False, "不能超过 {limit} 项"),
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
    if len(tests) == 3:
        first, second, third = tests
        return lambda v: first(v) and second(v) and third(v)

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
        kinds = _kinds(s, where)
        main = [k for k in kinds or () if k != "null"]
        # null passes every keyword but enum and const (they hold for values of every kind)
        null_ok = kinds is not None and "null" in kinds and bool(main) and not {"enum", "const"} & set(s)
        kind = main[0] if len(main) == 1 and (null_ok or kinds == main) else None
        site = Site(s, where, kind, self)
        checks = [c for name, arg in s.items() if name in KEYWORDS and (c := KEYWORDS[name](arg, site))]
        tests = [c.test for c in checks]
        explain_rest = _explain_all(checks)
        if kinds is None:
            return Check(_all(tests) if tests else lambda v: True, explain_rest)
        type_ok = _type_test(kinds)
        message = _type_message(kinds, s)

        def explain(v: Any, path: str) -> Iterator[Problem]:
            if not type_ok(v):
                yield Problem(path, message)
            elif not (null_ok and v is None):
                yield from explain_rest(v, path)

        if null_ok:
            rest = _all([_type_test(main), *tests])
            return Check(lambda v: v is None or rest(v), explain)
        return Check(_all([type_ok, *tests]), explain)


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
