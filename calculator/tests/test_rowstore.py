"""The column store gives back exactly the rows put in, finds repeats, and counts failed items."""

from __future__ import annotations

from collections import Counter

import _cases  # noqa: F401 - the hypothesis profile
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhibu.rollup.rowstore import Row, RowStore

ITEMS = 83  # not a multiple of eight: the last byte of the item bits is partly used
SCHEMES = ["shhg", "hefei", "suzhou"]

texts = st.text(st.characters(codec="utf-8"), max_size=12)  # no lone surrogates
sources = st.one_of(
    texts,
    st.builds(lambda f, n: f"{f}:{n}", texts, st.integers(0, 10**9)),  # a JSON Lines record
    st.sampled_from(["a:007", "b:", ":5", "c:-3", "d:1:2", "e:²", "f:٣"]),  # not a plain line number: kept whole
)
verdicts = st.lists(
    st.tuples(
        st.sampled_from(SCHEMES),
        st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)),
        st.sampled_from(["合格", "不合格", "A", "先进"]),
        st.sampled_from([True, False, None]),
        st.booleans(),  # unfinished
    ),
    max_size=3,
    unique_by=lambda v: v[0],
).map(lambda vs: {sid: (score, label, passed, unfinished) for sid, score, label, passed, unfinished in vs})
rows = st.builds(
    Row,
    source=sources,
    name=texts,
    type=st.sampled_from(["机关", "农村", ""]),
    parent=texts,
    start=st.sampled_from(["2020-01-01", "2021-01-01"]),
    end=st.sampled_from(["2020-12-31", "2021-12-31"]),
    verdicts=verdicts,
    failing=st.integers(0, 2**ITEMS - 1),
)


def keep(candidates: list[Row]) -> tuple[RowStore, list[Row]]:
    """Append each row whose branch and period are not in the store yet (as the roll-up does)."""
    store, kept = RowStore(ITEMS), []
    for row in candidates:
        if store.find(row.name, row.start, row.end) is None:
            store.append(row)
            kept.append(row)
    return store, kept


@given(st.lists(rows, max_size=40))
def test_rows_come_back_as_they_went_in(candidates: list[Row]) -> None:
    store, kept = keep(candidates)
    assert list(store) == kept
    assert [list(r.verdicts) for r in store] == [list(r.verdicts) for r in kept]  # the schemes' order too
    assert store[1:3] == kept[1:3] and (not kept or store[-1] == kept[-1])
    assert list(store.names) == [r.name for r in kept]
    assert [store.failing(i) for i in range(len(kept))] == [r.failing for r in kept]


@given(st.lists(rows, max_size=40))
def test_a_branch_and_period_is_found_once_kept(candidates: list[Row]) -> None:
    store, kept = keep(candidates)
    for row in candidates:
        i = store.find(row.name, row.start, row.end)
        assert i is not None
        assert (kept[i].name, kept[i].start, kept[i].end) == (row.name, row.start, row.end)
    assert store.find("没有这个支部", "2020-01-01", "2020-12-31") is None


@given(st.lists(rows, max_size=40))
def test_columns_agree_with_the_rows(candidates: list[Row]) -> None:
    store, kept = keep(candidates)
    expected: Counter[int] = Counter(bit for r in kept for bit in range(ITEMS) if r.failing >> bit & 1)
    assert store.failing_counts() == expected
    for sid in SCHEMES:
        assert list(store.verdicts(sid)) == [(i, *r.verdicts[sid]) for i, r in enumerate(kept) if sid in r.verdicts]
    by_name: dict[str, list[int]] = {}
    for i, r in enumerate(kept):
        by_name.setdefault(r.name, []).append(i)
    assert store.repeated() == {name: rows for name, rows in by_name.items() if len(rows) > 1}
    assert [store.end(i) for i in range(len(kept))] == [r.end for r in kept]


def test_reading_past_the_end_is_an_index_error() -> None:
    store, _ = keep([Row("a.json", "支部", "机关", "", "2020-01-01", "2020-12-31", {}, 0)])
    assert store[0].name == "支部" and store[-1] == store[0]
    with pytest.raises(IndexError):
        store[1]
