"""The committee's 汇总 page gives the same roll-up as `zhibu rollup` on the same files."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import serious_violations

from zhibu.cli import run

pytestmark = pytest.mark.browser
SAMPLE = Path(__file__).resolve().parent.parent / "calculator" / "tests" / "cases" / "sample-branch.json"


def test_page_and_cli_give_the_same_rollup(page: Page, server: str, tmp_path: Path) -> None:
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    names = []
    for i in range(12):
        data = json.loads(json.dumps(base))
        data["branch"]["name"] = f"汇总测试支部{i:02d}"
        for n, item in enumerate(data["answers"]):
            data["answers"][item]["answer"] = "达到" if (n + i) % 5 else "未达到"
        name = f"支部{i:02d}.json"
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        names.append(name)
    (tmp_path / "坏的.json").write_text('{"schema_version": 1, "branch"', encoding="utf-8")
    (tmp_path / "重复.json").write_text((tmp_path / "支部03.json").read_text(encoding="utf-8"), encoding="utf-8")
    names += ["坏的.json", "重复.json"]

    page.goto(f"{server}/self-check/rollup.html")
    expect(page.locator("#rollup-app .selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=60_000)
    page.locator("#rollup-files").set_input_files([str(tmp_path / n) for n in names])
    page.locator("#rollup-ratio").fill("25")
    page.locator("#rollup-seed").fill("7")
    page.get_by_role("button", name="汇总", exact=True).click()
    report = page.locator(".rollup-report")
    expect(report).to_contain_text("汇总：12 个支部（期）", timeout=60_000)
    expect(report).to_contain_text("坏的.json")
    expect(report).to_contain_text("重复.json（与 支部03.json 重复）")
    assert serious_violations(page) == []
    with page.expect_download() as info:
        page.get_by_role("button", name="导出汇总结果（JSON）").click()
    info.value.save_as(tmp_path / "page.json")

    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        code = run(["rollup", *names, "--format", "json", "--sample", "0.25", "--seed", "7"], out, err)
    finally:
        os.chdir(cwd)
    assert code == 0
    assert (tmp_path / "page.json").read_text(encoding="utf-8") == out.getvalue()
