"""The data model, after NIST OSCAL kept small: catalog items, schemes, an assessment, a result."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .errors import Problem

# Judgement answers and the credit each earns. 基本达到 = 0.5 is this site's default
# (本站默认): no document gives it a value; a scheme may set its own `basic_credit`.
# The answers file's format version this engine writes; older ones are upgraded (answers.UPGRADES).
SCHEMA_VERSION = 2
ANSWERS = ("达到", "基本达到", "未达到", "不适用")
NOT_APPLICABLE = "不适用"

# Branch types the self-check knows (the documents' own categories).
BRANCH_TYPES = ("机关", "事业单位", "国有企业", "农村", "城市社区", "非公企业", "社会组织", "高校", "其他")


@dataclass(frozen=True)
class Clause:
    id: str
    doc: str
    label: str
    page: str


@dataclass(frozen=True)
class Record:
    """A record that shows an item is met (备查材料): quoted from `clause` of the item's document, or,
    with no clause, this site's suggestion (本站建议). Shown to the reader; never scored."""

    text: str
    clause: Clause | None = None

    @property
    def suggested(self) -> bool:
        return self.clause is None


@dataclass(frozen=True)
class RuleSpec:
    kind: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Item:
    """A check item of the catalog: declared once, in the page that states the requirement."""

    id: str
    text: str
    topic: str
    page: str
    clauses: tuple[Clause, ...]
    rules: tuple[RuleSpec, ...]
    measure: str
    applies_to: frozenset[str] = frozenset()  # the branch types it is written for; empty: every type
    scope: Clause | None = None  # where the document gives that scope
    records: tuple[Record, ...] = ()  # what shows it is met (备查材料), in the order declared

    @property
    def is_rule(self) -> bool:
        return bool(self.rules)

    def applies(self, branch_type: str) -> bool:
        """Whether a branch of this type is asked the item at all (the engine leaves the rest out)."""
        return not self.applies_to or branch_type in self.applies_to


@dataclass(frozen=True)
class Entry:
    """An item as a scheme uses it."""

    item: str
    weight: float = 1.0
    must_pass: bool = False


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    weight: float
    entries: tuple[Entry, ...]
    clause: str | None = None


@dataclass(frozen=True)
class Target:
    """A share of branches that must pass by a year, quoted from the document (e.g. 苏州 2020 80%)."""

    year: int
    at_least: float
    clause: str
    text: str
    clause_label: str = ""  # the clause as a reader cites it (苏州 二)


@dataclass(frozen=True)
class Cap:
    """At most this share of branches may get a verdict label (e.g. 合肥: A at most 10% on first grading).

    `first_grading`: the document limits only the first grading (首次定级); a roll-up checks the cap
    only when it is told it is one."""

    label: str
    at_most: float
    clause: str
    text: str
    first_grading: bool = False
    clause_label: str = ""  # the clause as a reader cites it (合肥 四)


@dataclass(frozen=True)
class Scheme:
    """How one issuing document's standard is scored and worded."""

    id: str
    name: str
    document: str
    page: str
    scale: float
    basic_credit: float
    verdict: dict[str, Any]
    groups: tuple[Group, ...]
    site_defaults: tuple[str, ...] = ()
    description: str = ""
    audience: str = ""  # one sentence: who issued it, for which branches, what its verdict means
    branch_types: tuple[str, ...] = ()  # the branch types this standard is written for
    targets: tuple[Target, ...] = ()
    caps: tuple[Cap, ...] = ()

    @functools.cached_property
    def item_ids(self) -> frozenset[str]:
        """Every item the scheme weighs (computed once; scoring asks for it per branch)."""
        return frozenset(e.item for g in self.groups for e in g.entries)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: scoring keeps tables per rubric
class Rubric:
    version: str
    items: dict[str, Item]
    schemes: dict[str, Scheme]
    retired: frozenset[str] = frozenset()  # IDs once issued and withdrawn: never reused

    @functools.cached_property
    def _items_for(self) -> dict[tuple[tuple[str, ...], str | None], tuple[Item, ...]]:
        return {}

    def items_for(self, schemes: tuple[str, ...], branch_type: str | None = None) -> tuple[Item, ...]:
        """The items the schemes weigh that apply to the branch type (every item when it is None),
        in rubric order: worked out once per choice of schemes and type."""
        key = (schemes, branch_type)
        found = self._items_for.get(key)
        if found is None:
            used = frozenset().union(*(self.schemes[s].item_ids for s in schemes))
            found = self._items_for[key] = tuple(
                item
                for i, item in self.items.items()
                if i in used and (branch_type is None or item.applies(branch_type))
            )
        return found

    def left_out(self, scheme: str, branch_type: str) -> tuple[Item, ...]:
        """The scheme's items written for other branch types, in rubric order."""
        used = self.schemes[scheme].item_ids
        return tuple(item for i, item in self.items.items() if i in used and not item.applies(branch_type))


class Answer(NamedTuple):  # a NamedTuple: some hundred per file, 100,000 files in a roll-up
    value: str
    note: str = ""


@dataclass(frozen=True)
class Rectification:
    measure: str = ""
    owner: str = ""
    deadline: str = ""


@dataclass(frozen=True)
class Assessment:
    """One branch, one period: what the answers file holds, validated."""

    schema_version: int
    rubric_version: str
    branch_name: str
    branch_type: str
    parent: str
    period_start: dt.date
    period_end: dt.date
    check_date: dt.date
    schemes: tuple[str, ...]  # the standard the branch is assessed by, then those it is compared with
    facts: dict[str, Any]
    answers: dict[str, Answer] = field(default_factory=dict)
    rectification: dict[str, Rectification] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()  # what scores but is not counted (plausible.doubtful)

    @property
    def standard(self) -> str:
        """The scheme whose verdict is the branch's answer (the others are 对照, for comparison)."""
        return self.schemes[0]
