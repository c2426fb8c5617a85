"""Time the 汇总 page over many answers files and report how responsive the page stayed.

Run: .venv/bin/python -m bench.rollup_page --files 2000   (after ./scripts/build)
Issue 5 target: 2,000 files in under 15 s with the page responsive.

In headless Chromium against the built site on 127.0.0.1 (http.server): the files are chosen
in the page's file input, 汇总 is clicked, and the time runs until the report is shown
(performance mark `rollup:done`). Meanwhile the page records its long tasks (main-thread
work over 50 ms, PerformanceObserver) and the largest gap between animation frames, which
is what a user feels as a frozen page.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.paths import ROOT, SAMPLE
from tests.support.servers import CHROMIUM_ARGS, chromium, serve

SITE = ROOT / "site"
ANSWERS = ("达到", "基本达到", "未达到", "不适用")
WATCH = """() => {
  window.__long = [];
  new PerformanceObserver((list) => window.__long.push(...list.getEntries().map((e) => e.duration)))
    .observe({ type: "longtask" });
  window.__gap = 0;
  let last = performance.now();
  const frame = (now) => {
    window.__gap = Math.max(window.__gap, now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}"""


def generate(folder: Path, n: int, seed: int = 1) -> list[str]:
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        base["branch"]["name"] = f"第{i}党支部"
        for item in base["answers"]:
            base["answers"][item]["answer"] = rng.choice(ANSWERS)
        path = folder / f"{i:05d}.json"
        path.write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, serve(SITE) as base, sync_playwright() as p:
        paths = generate(Path(tmp), args.files)
        size = sum(Path(x).stat().st_size for x in paths)
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base}/self-check/rollup.html")
        page.wait_for_function("performance.getEntriesByName('selfcheck:engine-ready').length > 0", timeout=120_000)
        page.locator("#rollup-files").set_input_files(paths)
        page.evaluate(WATCH)
        start = time.perf_counter()
        page.get_by_role("button", name="汇总", exact=True).click()
        page.wait_for_function("performance.getEntriesByName('rollup:done').length > 0", timeout=600_000)
        elapsed = time.perf_counter() - start
        longest: list[float] = page.evaluate("window.__long")
        gap: float = page.evaluate("window.__gap")
        branches = page.locator(".rollup-head").inner_text()
        browser.close()
    print(
        f"汇总页面：{args.files} 个文件（{size / 1e6:.1f} MB），从点击“汇总”到报告显示 {elapsed:.1f} s（目标 < 15 s）"
    )
    print(f"  {branches.splitlines()[-1]}")
    print(
        f"  主线程长任务 {len(longest)} 个，最长 {max(longest, default=0):.0f} ms；"
        f"相邻两帧最大间隔 {gap:.0f} ms（页面保持可响应：此间隔越小越好）"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
