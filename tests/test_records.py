"""备查材料 (issue 18, item 4): every item's records, quoted from its document with the clause that
names them or marked 本站建议; shown on each item of the self-check, on the topic pages' item cards,
and on a printable checklist per standard and branch type."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.axe import serious_violations
from tests.support.paths import ROOT
from tests.support.printing import printed_on_a4, without_script
from tests.support.selfcheck import open_selfcheck
from zhibu.model import BRANCH_TYPES, Item
from zhibu.rubric import default_rubric, rubric_json
from zhibu_build.checklist import CAUTIONS
from zhibu_build.paper import TYPE_SLUGS, asked_by_group
from zhibu_build.rubric import clause_index
from zhibu_build.rubric.clauses import clause_texts

RUBRIC = default_rubric()
DOCS = ROOT / "docs"
SQUEEZE = re.compile(r"\s+")
TAGS = re.compile(r"<[^>]+>")


def test_every_item_has_records_quoted_with_their_clause_or_marked_suggested() -> None:
    index, texts = clause_index(DOCS), clause_texts(DOCS)
    for item in json.loads(rubric_json())["items"]:
        assert item["records"], f"{item['id']} 没有备查材料"
        own = {c["doc"] for c in item["clauses"]}
        for r in item["records"]:
            assert ("clause" in r) != bool(r.get("suggested")), (item["id"], r)  # one or the other, never both
            if "clause" not in r:
                continue
            clause = r["clause"]
            assert clause == index[clause["id"]] and clause["doc"] in own, (item["id"], r)
            assert r["text"] in texts[clause["id"]], (item["id"], r["text"], clause["id"])
            # and in the document as received (sources/), line breaks of the copy aside
            source = (ROOT / "sources" / f"{clause['doc']}.txt").read_text(encoding="utf-8")
            assert r["text"] in SQUEEZE.sub("", source), (item["id"], r["text"])


def test_a_clause_is_its_words_as_printed_without_the_sites_notes() -> None:
    texts = clause_texts(DOCS)
    assert "党员名册、入党积极分子名册、党员组织关系台账、党费台账、党支部会议记录簿" in texts["weihai-3-4-22"]
    assert "影像化记录" in texts["weihai-3-4-22"] and "经费保障充足" not in texts["weihai-3-4-22"]
    assert "5%—1%" in texts["weihai-3-4-23"] and "原文如此" not in texts["weihai-3-4-23"]  # the note is the site's
    assert "年度服务计划书" in texts["hefei-a2-4-13"] and "创新思想政治工作方式" not in texts["hefei-a2-4-13"]
    assert texts["weihai-3-4-22"] in texts["weihai-3-4"]  # a section holds its numbered clauses


def test_a_standards_own_caution_is_quoted_from_its_clause() -> None:
    texts, index = clause_texts(DOCS), clause_index(DOCS)
    for scheme, (anchor, label, words) in CAUTIONS.items():
        assert index[anchor]["label"] == label and index[anchor]["doc"] == scheme
        for quote in re.findall(r"“([^”]+)”", words):
            assert quote in texts[anchor], quote


def _records_in(item: Item, cell: str) -> None:
    """The item's records are in `cell` (text), each followed by its source."""
    for r in item.records:
        assert r.text in cell, (item.id, r.text)
        after = cell[cell.index(r.text) :]
        assert (r.clause.label if r.clause else "本站建议") in after, (item.id, r.text)


@pytest.mark.parametrize("scheme", list(RUBRIC.schemes))
def test_a_checklist_per_type_lists_every_applicable_items_records(site_dir: Path, scheme: str) -> None:
    for branch_type in BRANCH_TYPES:
        path = site_dir / f"self-check/paper/records-{scheme}-{TYPE_SLUGS[branch_type]}.html"
        page = path.read_text(encoding="utf-8")
        page = page[page.index('class="zhibu-paper') :]  # the page's own text, not its table of contents
        items = [i for _, group in asked_by_group(RUBRIC, scheme, branch_type) for i in group]
        split = re.search(r"<h2[^>]*>二、逐项备查材料", page)
        assert split
        part2 = page[split.start() :]
        rows = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", part2, re.S)
        assert [int(n) for n, _, _ in rows] == list(range(1, len(items) + 1)), (scheme, branch_type)
        for item, (_, text, cell) in zip(items, rows, strict=True):
            assert f"（{item.id}）" in text
            _records_in(item, html.unescape(TAGS.sub("", cell)))
            for r in item.records:
                if r.clause:  # a quoted record links the clause that names it
                    assert f'href="../../{r.clause.page[:-3]}.html#{r.clause.id}"' in cell
        directory = html.unescape(TAGS.sub("", page[: split.start()]))
        for r in (r for i in items for r in i.records):
            assert f"☐ {r.text}" in directory
        left = RUBRIC.left_out(scheme, branch_type)
        assert (f"另有 {len(left)} 项只适用于其他类型的支部" in page) == bool(left)
    index = (site_dir / "self-check/paper/index.html").read_text(encoding="utf-8")
    assert index.count(f'href="records-{scheme}-') == len(BRANCH_TYPES)


def test_topic_cards_show_each_items_records(site_dir: Path) -> None:
    pages: dict[str, str] = {}
    for item in RUBRIC.items.values():
        if item.page not in pages:
            pages[item.page] = (site_dir / item.page.replace(".md", ".html")).read_text(encoding="utf-8")
        text = pages[item.page]
        card = text[text.index(f'id="zb-{item.id.replace(".", "-")}"') :]
        card = card[: card.index("</div>")]
        line = card[card.index("备查材料：") :]
        _records_in(item, html.unescape(TAGS.sub("", line)))
        for r in item.records:
            if r.clause:
                assert f'href="../{r.clause.page[:-3]}.html#{r.clause.id}"' in line, (item.id, r.text)


@pytest.mark.browser
def test_the_self_check_shows_an_items_records_collapsed(page: Page, server: str) -> None:
    open_selfcheck(page, server, "weihai")
    computed = page.locator("#sc-item-zzsh\\.01 details.selfcheck-records")  # 党员大会: computed from the facts
    expect(computed.locator("li").first).to_be_hidden()  # collapsed until asked for
    computed.locator("summary").click()
    item = RUBRIC.items["zzsh.01"]
    expect(computed.locator("summary")).to_have_text(f"备查材料（{len(item.records)}）")
    expect(computed.locator("li")).to_have_count(len(item.records))
    for li, r in zip(computed.locator("li").all(), item.records, strict=True):
        expect(li).to_contain_text(r.text)
        if r.clause:
            link = li.get_by_role("link", name=r.clause.label)
            expect(link).to_have_attribute("href", f"../{r.clause.page[:-3]}.html#{r.clause.id}")
        else:
            expect(li).to_have_text(f"{r.text}（本站建议）")
    judged = page.locator("fieldset.selfcheck-item").first  # and an item the secretary judges
    judged_id = judged.get_attribute("data-item") or ""
    judged.locator("details.selfcheck-records > summary").click()
    expect(judged.locator("details.selfcheck-records li")).to_have_count(len(RUBRIC.items[judged_id].records))
    # every item on the page has its records
    assert page.locator(".selfcheck-item").count() == page.locator(".selfcheck-item details.selfcheck-records").count()
    # the two lists open (links, contrast, target sizes); the page as a whole: test_accessibility.py
    assert serious_violations(page, within="details.selfcheck-records[open]") == []


@pytest.mark.browser
def test_a_checklist_reads_and_prints_on_a4_without_any_script(browser: Browser, server: str, tmp_path: Path) -> None:
    with without_script(browser, f"{server}/self-check/paper/records-shandong-nongcun.html") as page:
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_contain_text("备查材料清单：山东 规范提升行动 · 农村党支部")
        expect(page.get_by_text("防止层层加码、搞资料达标")).to_be_visible()  # the standard's own caution, quoted
        expect(page.get_by_role("cell", name="☐ 发展党员梯次培养计划")).to_be_visible()
        printed_on_a4(page, tmp_path)


@pytest.mark.browser
def test_the_self_check_and_the_paper_index_link_the_checklists(page: Page, server: str) -> None:
    page.goto(f"{server}/self-check/index.html")
    page.get_by_role("link", name="备查材料清单").first.click()
    expect(page).to_have_url(re.compile(r"self-check/paper/index\.html#records$"))
    page.get_by_role("link", name="机关", exact=True).nth(
        len(RUBRIC.schemes)
    ).click()  # the first standard's, second table
    expect(page.get_by_role("heading", level=1)).to_contain_text("备查材料清单")
