"""The comparison tables' markup for a phone (zhibu_build.compare_tables): attributes only."""

from __future__ import annotations

from zhibu_build.compare_tables import compare_tables

HEAD = "<thead>\n<tr>\n<th>要求</th>\n<th>威海</th>\n<th>苏州</th>\n<th>合肥</th>\n</tr>\n</thead>"


def test_a_row_names_each_document_and_those_that_set_nothing() -> None:
    html = f"<table>{HEAD}<tbody><tr>\n<td>党课</td>\n<td>每季度</td>\n<td>未作规定</td>\n<td>未作规定</td>\n</tr></tbody></table>"
    out = compare_tables(html)
    assert out.startswith("<table data-compare>")
    assert '<tr data-none="苏州、合肥" data-only><td>党课</td>' in out
    assert '<td data-label="威海">每季度</td>' in out and '<td data-label="苏州" data-none>未作规定</td>' in out
    assert "<th>威海</th>" in out  # the heading row stays as it was


def test_other_tables_and_odd_rows_are_left_alone() -> None:
    other = "<table><thead><tr><th>数字</th><th>出处</th></tr></thead><tbody><tr><td>3</td><td>威海</td></tr></tbody></table>"
    assert compare_tables(other) == other
    short = f"<table>{HEAD}<tbody><tr><td>只有一格</td></tr></tbody></table>"
    assert "<tr><td>只有一格</td></tr>" in compare_tables(short)
