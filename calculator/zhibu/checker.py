"""A yes/no validator compiled once from a schema: the fast path for files that are valid.

`validate.iter_problems` walks the schema for every value and builds a JSON path for every
member it visits, so that it can say where a problem is. Most files have no problem, and a
roll-up reads a hundred thousand of them, so `compile_check` turns the same schema (the
same keyword subset, the same meaning) into nested closures that only answer "valid?".
When the answer is no, the caller runs `iter_problems` for the messages. The two must
agree on every value; `calculator/tests/test_checker.py` holds them to it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]
Schema = Mapping[str, Any]


_PY_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _kinds_test(kinds: list[str]) -> Check:
    """One isinstance for the JSON types listed; bool counts as a number only if "boolean" is listed."""
    allowed = tuple(t for k in kinds for t in _PY_TYPES[k])
    if "boolean" in kinds or int not in allowed:  # without int in the tuple, no bool passes anyway
        return lambda v: isinstance(v, allowed)
    return lambda v: isinstance(v, allowed) and not isinstance(v, bool)


# Keywords of an object schema that plain_object() handles all by itself (the rest say nothing).
_PLAIN_OBJECT = {"type", "required", "properties", "additionalProperties", "description", "title", "$comment"}
# ... and those of an object used as a map, which map_object() handles.
_MAP_OBJECT = {"type", "maxProperties", "propertyNames", "additionalProperties", "description", "title", "$comment"}


# Keywords of a string or number schema that _scalar() folds into one test.
_SCALAR = {
    "type",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "description",
    "title",
    "$comment",
}


def _scalar(kind: str, s: Schema) -> Check:
    """A string or number with its limits as one function (a file has hundreds of them: counts a
    month, notes), not a type test and a function a keyword."""
    if kind == "string":
        shortest, longest = s.get("minLength", 0), s.get("maxLength", math.inf)
        search = re.compile(s["pattern"]).search if "pattern" in s else None
        date = s.get("format") == "date"
        return lambda v: (
            isinstance(v, str)
            and shortest <= len(v) <= longest
            and (search is None or search(v) is not None)
            and (not date or _is_date(v))
        )
    kinds = (int,) if kind == "integer" else (int, float)
    least, most = s.get("minimum", -math.inf), s.get("maximum", math.inf)
    return lambda v: isinstance(v, kinds) and not isinstance(v, bool) and not v < least and v <= most


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_date(v: str) -> bool:
    try:
        return len(v) == 10 and dt.date.fromisoformat(v).isoformat() == v
    except ValueError:
        return False


class _Compiler:
    def __init__(self, root: Schema) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, ref: str) -> Check:
        """A check for a `$ref`, compiled once and bound late, so recursive schemas work."""
        if ref not in self.refs:
            slot: list[Check] = []
            self.refs[ref] = lambda v: slot[0](v)
            target: Any = self.root
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            slot.append(self.compile(target))
        return self.refs[ref]

    def compile(self, s: Schema) -> Check:
        kinds = s.get("type")
        if isinstance(kinds, list) and len(kinds) == 2 and "null" in kinds and not {"enum", "const"} & set(s):
            # Every other keyword holds only for its own kind of value, so null passes them all.
            inner = self.compile({**s, "type": next(k for k in kinds if k != "null")})
            return lambda v: v is None or inner(v)
        if kinds in ("string", "integer", "number") and set(s) <= _SCALAR:
            return _scalar(kinds, s)
        if kinds == "object":
            extra = s.get("additionalProperties", True)
            if set(s) <= _PLAIN_OBJECT and extra in (True, False):
                return self.plain_object(s)
            if set(s) <= _MAP_OBJECT and isinstance(extra, Mapping):
                return self.map_object(s)
        checks = [c for name, arg in s.items() if (c := self.keyword(name, arg, s)) is not None]
        if "type" not in s:
            return _all(checks)
        kinds = [s["type"]] if isinstance(s["type"], str) else list(s["type"])
        type_ok = _kinds_test(kinds)
        if not checks:
            return type_ok
        if len(checks) == 1:
            only = checks[0]
            return lambda v: type_ok(v) and only(v)

        def check(v: Any) -> bool:  # a plain loop: this runs a few hundred times per file
            if not type_ok(v):
                return False
            for c in checks:  # noqa: SIM110 - a loop is faster than all() over a generator here
                if not c(v):
                    return False
            return True

        return check

    def keyword(self, name: str, arg: Any, s: Schema) -> Check | None:
        if name == "$ref":
            return self.ref(arg)
        if name == "enum":
            return lambda v: v in arg
        if name == "const":
            return lambda v: v == arg
        if name == "required":
            names = frozenset(arg)
            return lambda v: not isinstance(v, dict) or names.issubset(v)
        if name == "properties":
            return self.properties(arg, s.get("additionalProperties", True))
        if name == "additionalProperties":
            return self.additional(arg, s)
        if name == "propertyNames" and "pattern" in arg:
            search = re.compile(arg["pattern"]).search

            def names_match(v: Any) -> bool:
                if isinstance(v, dict):
                    for key in v:
                        if search(key) is None:
                            return False
                return True

            return names_match
        if name == "items":
            each = self.compile(arg)
            return lambda v: not isinstance(v, list) or all(each(x) for x in v)
        if name == "minimum":
            return lambda v: not _number(v) or not v < arg
        if name == "maximum":
            return lambda v: not _number(v) or v <= arg
        if name in ("minLength", "maxLength", "minItems", "maxItems", "maxProperties"):
            kind = {"minLength": str, "maxLength": str, "minItems": list, "maxItems": list}.get(name, dict)
            if name.startswith("min"):
                return lambda v: not isinstance(v, kind) or len(v) >= arg
            return lambda v: not isinstance(v, kind) or len(v) <= arg
        if name == "uniqueItems" and arg:
            return lambda v: not isinstance(v, list) or len({repr(x) for x in v}) == len(v)
        if name == "pattern":
            pattern = re.compile(arg)
            return lambda v: not isinstance(v, str) or pattern.search(v) is not None
        if name == "format" and arg == "date":
            return lambda v: not isinstance(v, str) or _is_date(v)
        return None  # "type" is handled by compile(); titles and descriptions check nothing

    def plain_object(self, s: Schema) -> Check:
        """An object with known members, some required, maybe closed: one function, one pass
        (an answers file has a hundred such objects, one per answered item)."""
        known = {key: self.compile(sub) for key, sub in s.get("properties", {}).items()}
        closed = s.get("additionalProperties", True) is False
        return _members(known, closed, frozenset(s.get("required", ())), other_values=False)

    def map_object(self, s: Schema) -> Check:
        """An object used as a map (item ID -> answer, month -> count): names and values in one pass."""
        each = self.compile(s["additionalProperties"])
        names = s.get("propertyNames", {})
        search = re.compile(names["pattern"]).search if "pattern" in names else None
        most = s.get("maxProperties")

        def check(v: Any) -> bool:
            if not isinstance(v, dict) or (most is not None and len(v) > most):
                return False
            for key, value in v.items():  # noqa: SIM110 - a loop is faster than all() over a generator
                if (search is not None and search(key) is None) or not each(value):
                    return False
            return True

        return check

    def properties(self, props: Mapping[str, Any], extra: Any) -> Check:
        known = {key: self.compile(sub) for key, sub in props.items()}
        return _members(known, extra is False, frozenset(), other_values=True)

    def additional(self, extra: Any, s: Schema) -> Check | None:
        if isinstance(extra, Mapping):
            known = s.get("properties", {})
            each = self.compile(extra)

            def others_valid(v: Any) -> bool:
                if isinstance(v, dict):
                    for key, value in v.items():
                        if key not in known and not each(value):
                            return False
                return True

            return others_valid
        if extra is False and "properties" not in s:
            return lambda v: not isinstance(v, dict) or not v
        return None


def _members(known: dict[str, Check], closed: bool, required: frozenset[str], other_values: bool) -> Check:
    """Known members valid, no others when `closed`, the `required` ones there. A value that
    is not an object passes (`other_values`: the "properties" keyword) or fails (a typed object)."""

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return other_values
        for key, value in v.items():
            sub = known.get(key)
            if sub is None:
                if closed:
                    return False
            elif not sub(value):
                return False
        return not required or required.issubset(v)

    return check


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def check(v: Any) -> bool:
        for c in checks:  # noqa: SIM110 - faster than all() over a generator
            if not c(v):
                return False
        return True

    return check


def compile_check(schema: Schema) -> Check:
    """`check(value)` is True exactly when `iter_problems(value, schema)` yields nothing."""
    return _Compiler(schema).compile(schema)
