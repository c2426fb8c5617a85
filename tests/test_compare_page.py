"""This year against last on the self-check page (compare.js): the same comparison as `zhibu
compare`, and last time's measures for problems still open carried into this self-check."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.paths import SAMPLE
from tests.support.selfcheck import cli, download, import_file, open_selfcheck

pytestmark = pytest.mark.browser


def test_last_years_selfcheck_is_compared_and_its_open_measures_carried(
    page: Page, server: str, tmp_path: Path
) -> None:
    now = json.loads(SAMPLE.read_text(encoding="utf-8"))
    _, out, _ = cli("score", "--format", "json", str(SAMPLE))
    open_item = next(f["item"] for f in json.loads(out)["findings"] if f["item"] not in now.get("rectification", {}))
    then = copy.deepcopy(now)
    then["rectification"] = {
        open_item: {"measure": "上次定下的整改措施", "owner": "组织委员", "deadline": "2026-06-30"}
    }
    (tmp_path / "then.json").write_text(json.dumps(then, ensure_ascii=False), encoding="utf-8")
    open_selfcheck(page, server)
    import_file(page, SAMPLE)
    expect(page.locator(".selfcheck-messages")).to_contain_text("已导入")
    page.locator("#sc-compare-file").set_input_files(str(tmp_path / "then.json"))
    section = page.locator(".selfcheck-compare-last")
    code, text, _ = cli("compare", str(tmp_path / "then.json"), str(SAMPLE), "--format", "json")
    expected = json.loads(text)
    assert code == 0 and open_item in [c["item"] for c in expected["carried"]]
    expect(section.locator("summary", has_text="两次都存在的问题")).to_have_text(
        f"两次都存在的问题（{len(expected['repeated'])}）"
    )
    expect(section).to_contain_text(f"上次写下、问题仍在的整改（{len(expected['carried'])}）")
    expect(section).to_contain_text("上次定下的整改措施；责任人 组织委员；时限 2026-06-30")
    section.get_by_role("button", name="带入本次的整改清单").click()
    expect(section.get_by_role("status")).to_contain_text("已把 1 项整改措施带入本次的整改清单")
    saved = json.loads(download(page, "导出自查文件", tmp_path / "now.json").read_text(encoding="utf-8"))
    assert saved["rectification"][open_item] == then["rectification"][open_item]
