"""Errors with a JSON path: the same shape for a bad answers file and a bad rubric."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, at a JSONPath such as `$.facts.members.full`."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ZhibuError(Exception):
    """Base class: every error the package raises on bad input."""


class InputError(ZhibuError):
    """An input (answers file, rubric) is invalid; carries every problem found."""

    def __init__(self, problems: Iterable[Problem], what: str = "自查文件") -> None:
        self.problems = tuple(problems)
        self.what = what
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> str:
        """A Chinese message listing each problem on its own line."""
        lines = [f"{self.what}有 {len(self.problems)} 处问题："]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


def child(path: str, key: str | int) -> str:
    """The JSONPath of a member or an array element."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{key!r}]".replace("'", '"')
