"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import copy
from typing import Any

from _cases import examples, load_json
from hypothesis import given, settings
from hypothesis import strategies as st
from test_schemes import answers_file

from zhibu import InputError, load_answers, rubric_from_dict, score

RUBRIC = rubric_from_dict(load_json("mini-rubric.json"))
JUDGED = ("aa.01", "aa.02", "aa.03", "aa.04")
LADDER = (None, "未达到", "基本达到", "达到")  # each step earns at least as much credit
answer_sets = st.fixed_dictionaries({i: st.sampled_from((*LADDER, "不适用")) for i in JUDGED})
full_members = st.integers(min_value=1, max_value=12)  # a branch of no members is refused (plausible.py)


def scores(answers: dict[str, str | None], full: int) -> dict[str, float]:
    given_answers = {k: v for k, v in answers.items() if v is not None}
    files = [answers_file(s, given_answers, {"members": {"full": full}}) for s in RUBRIC.schemes]
    out = {}
    for data in files:
        (result,) = score(RUBRIC, load_answers(data, RUBRIC)).schemes
        out[result.scheme.id] = result.score
    return out


@given(answer_sets, full_members)
def test_scores_stay_in_range(answers: dict[str, str | None], full: int) -> None:
    for value in scores(answers, full).values():
        assert 0 <= value <= 100


@given(answer_sets, full_members, st.sampled_from(JUDGED))
def test_improving_one_answer_never_lowers_a_score(answers: dict[str, str | None], full: int, item: str) -> None:
    current = answers[item]
    if current not in LADDER or current == "达到":
        return
    better = {**answers, item: LADDER[LADDER.index(current) + 1]}
    before, after = scores(answers, full), scores(better, full)
    assert all(after[s] >= before[s] - 1e-9 for s in before)


@given(answer_sets, full_members, st.sampled_from(JUDGED))
def test_not_applicable_never_counts_worse_than_not_met(answers: dict[str, str | None], full: int, item: str) -> None:
    for worse in (None, "未达到"):
        with_worse = {**answers, item: worse}
        with_na = {**answers, item: "不适用"}
        before, after = scores(with_worse, full), scores(with_na, full)
        assert all(after[s] >= before[s] - 1e-9 for s in before)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _assert_loads_or_names_paths(data: Any) -> None:
    try:
        load_answers(data, RUBRIC)
    except InputError as err:
        assert err.problems
        assert all(p.path.startswith("$") and p.message for p in err.problems)


@given(json_values)
def test_any_json_loads_or_raises_our_error_with_a_path(data: Any) -> None:
    _assert_loads_or_names_paths(data)


def value_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += value_paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += value_paths(v, (*prefix, i))
    return out


GOOD = answers_file(
    "grp", {"aa.01": "达到", "aa.02": "未达到"}, {"members": {"full": 4}, "groups": [{"members": 3, "full": 1}]}
)
GOOD_PATHS = [p for p in value_paths(GOOD) if p]


@settings(max_examples=examples(300))
@given(st.sampled_from(GOOD_PATHS), json_values)
def test_a_damaged_good_file_loads_or_names_the_path(path: tuple[Any, ...], value: Any) -> None:
    data = copy.deepcopy(GOOD)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    _assert_loads_or_names_paths(data)
