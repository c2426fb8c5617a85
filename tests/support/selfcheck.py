"""Driving the self-check page as a secretary would, for the tests that need it."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from zhibu.cli import run

ENGINE_TIMEOUT = 60_000


def open_selfcheck(page: Page, server: str, standard: str | None = "suzhou") -> None:
    """Open the page with the engine ready; a new self-check first names its standard (None: leave
    the choice to the test)."""
    page.goto(f"{server}/self-check/index.html")
    # A function, not an expression: Playwright evals expressions, which a strict CSP forbids.
    page.wait_for_function(
        "() => document.getElementById('selfcheck-app').dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT
    )
    if standard and not page.locator("#sc-standard input:checked").count():
        choose_standard(page, standard)
    if page.locator("#sc-standard input:checked").count():
        wait_scored(page)


def wait_scored(page: Page) -> None:
    page.wait_for_function(
        "() => performance.getEntriesByName('selfcheck:first-score').length > 0", timeout=ENGINE_TIMEOUT
    )


def choose_standard(page: Page, scheme: str) -> None:
    """Name the standard the branch is assessed by (opening 其他标准 when it is there)."""
    radio = page.locator(f"#sc-standard-{scheme}")
    if not radio.is_visible():
        page.locator("#sc-standard details > summary").click()
    radio.check()


def wait_rescored(page: Page, before: int) -> None:
    page.wait_for_function(f"() => performance.getEntriesByName('selfcheck:rescore').length > {before}")


def rescores(page: Page) -> int:
    count: int = page.evaluate("performance.getEntriesByName('selfcheck:rescore').length")
    return count


def field(page: Page, label: str) -> Any:
    return page.locator(".selfcheck-form").get_by_label(label, exact=True)


def choose_only(page: Page, scheme: str) -> None:
    """The standard, and no comparison."""
    choose_standard(page, scheme)
    for box in page.locator(".selfcheck-compare input[type=checkbox]").all():
        if box.is_checked():
            box.click()


def download(page: Page, button: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    info.value.save_as(target)
    return target


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def import_file(page: Page, path: Path) -> None:
    page.locator("#sc-import-file").set_input_files(str(path))


def complete_selfcheck_matches_cli(page: Page, server: str, tmp_path: Path) -> None:
    """A 苏州 self-check filled in on the page, exported, and scored alike by `zhibu score`."""
    open_selfcheck(page, server)
    field(page, "支部名称").fill("市示例局机关第二党支部")
    field(page, "上级党组织").fill("市示例局机关党委")
    choose_only(page, "suzhou")
    field(page, "正式党员人数").fill("9")
    field(page, "支部书记参加培训次数").fill("1")  # jygl.29 is computed from it
    # 苏州: the ten other items judged; one 未达到 with a note, one 不适用.
    items = page.locator(".selfcheck-scheme[data-scheme=suzhou] fieldset.selfcheck-item")
    assert items.count() == 10
    for i in range(items.count()):
        answer = "未达到" if i == 2 else "不适用" if i == 5 else "达到"
        items.nth(i).get_by_label(answer, exact=True).check()
    items.nth(2).get_by_role("textbox").fill("学习计划未列入《导则》")
    before = rescores(page)
    page.locator(".selfcheck-findings textarea").first.fill("12月参加市级机关书记培训班")
    wait_rescored(page, before)
    answers = download(page, "导出自查文件", tmp_path / "answers.json")
    result = download(page, "导出评分结果（JSON）", tmp_path / "result.json")
    code, out, err = cli("score", "--format", "json", str(answers))
    assert (code, err) == (0, "")
    assert out == result.read_text(encoding="utf-8")
    data = json.loads(out)
    (suzhou,) = data["schemes"]
    assert suzhou["verdict"]["label"] == "不达标" and not suzhou["verdict"]["provisional"]
    assert data["findings"][0]["note"] == "学习计划未列入《导则》"
    assert data["rectification"][0]["measure"] == "12月参加市级机关书记培训班"
    panel = page.locator(".selfcheck-panel")
    expect(panel).to_contain_text(f"{suzhou['score']:.1f}")
    expect(panel).to_contain_text("不达标")
