"""Print the self-check's start-up and rescore figures, measured side by side in one run.

Run: .venv/bin/python -m bench.selfcheck [--runs 7] [--compare OTHER_SITE]   (after ./scripts/build)

In headless Chromium against the built site on 127.0.0.1 (http.server, in a process of its own):
  (a) a bare page that loads the same Pyodide files in a module worker and evaluates 1+1;
  (a') the same bare page with the site's precompiled standard library (stdlib-bytecode.zip)
       mounted as worker.js mounts it: (b)/(a') is what the page itself adds;
  (b) the self-check page until performance mark `selfcheck:first-score`, opening a saved
      self-check (the sample branch, its standard named: a new one scores only once the secretary
      names its standard);
  (c) the median rescore latency over 50 answer changes (measure `selfcheck:rescore`).
Cold = a new browser profile; warm = the same profile visiting again (HTTP and code caches).
(a), (a') and (b) take turns, each in a new browser, so that all see the same machine state.
Targets (issue 4): (b) <= 1.1 x (a); (c) < 16 ms.
--compare OTHER_SITE also measures (b) and (c) on another built site (e.g. the previous commit's,
built in a worktree), served from its own process and visited in turn with the others.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import ClassVar, override

from playwright.sync_api import Page, sync_playwright

from tests.support.paths import ROOT
from tests.support.servers import CHROMIUM_ARGS, QuietHandler, chromium, serve_in_process

SITE = ROOT / "site"
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
const w = new Worker("/__bench__/WORKER", { type: "module" });
w.onmessage = (e) => { window.__result = e.data; performance.mark("bare:done"); };
</script>"""
BARE_WORKER = b"""import { loadPyodide } from "/assets/pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: "/assets/pyodide/", lockFileURL: "/assets/pyodide/pyodide-lock.json" });
postMessage(py.runPython("1+1"));
"""
# The same, with the site's precompiled standard library mounted as worker.js mounts it.
BYTECODE_WORKER = b"""import { loadPyodide } from "/assets/pyodide/pyodide.mjs";
const bytes = fetch("/assets/pyodide/stdlib-bytecode.zip").then((r) => r.arrayBuffer());
const py = await loadPyodide({
  indexURL: "/assets/pyodide/", lockFileURL: "/assets/pyodide/pyodide-lock.json",
  env: { PYTHONPATH: "/lib/stdlib-bytecode.zip" },
  fsInit: async (FS) => FS.writeFile("/lib/stdlib-bytecode.zip", new Uint8Array(await bytes)),
});
postMessage(py.runPython("1+1"));
"""


FIRST_SCORE = "selfcheck:first-score"


class Handler(QuietHandler):
    """The built site, plus the bare comparison page under /__bench__/ (not part of the site)."""

    extra: ClassVar[dict[str, tuple[bytes, str]]] = {
        "/__bench__/bare.html": (BARE_PAGE.replace("WORKER", "bare-worker.js").encode(), "text/html"),
        "/__bench__/bare-worker.js": (BARE_WORKER, "text/javascript"),
        "/__bench__/bytecode.html": (BARE_PAGE.replace("WORKER", "bytecode-worker.js").encode(), "text/html"),
        "/__bench__/bytecode-worker.js": (BYTECODE_WORKER, "text/javascript"),
    }

    @override
    def do_GET(self) -> None:  # http.server's name
        if self.path in self.extra:
            body, kind = self.extra[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


SAMPLE_V1 = ROOT / "calculator" / "tests" / "cases" / "sample-branch-v1.json"
SEED = """(record) => {
  if (localStorage.getItem('zhibu.selfcheck.v1.current')) return;
  localStorage.setItem('zhibu.selfcheck.v1.record.bench', JSON.stringify({id: 'bench', data: record}));
  localStorage.setItem('zhibu.selfcheck.v1.index', JSON.stringify([{id: 'bench', title: 'bench', period: ''}]));
  localStorage.setItem('zhibu.selfcheck.v1.current', 'bench');
}"""


def saved_record(sites: list[Path]) -> str:
    """The script that puts the sample branch in a new profile's storage, as a secretary's saved
    self-check: in format version 1, which every site reads, with only the items and facts every
    compared site knows (an older site refuses an item ID it never issued, a fact it never had)."""
    data = json.loads(SAMPLE_V1.read_text(encoding="utf-8"))
    known = set.intersection(
        *(
            {i["id"] for i in json.loads((s / "assets" / "zhibu" / "rubric.json").read_text("utf-8"))["items"]}
            for s in sites
        )
    )
    for section in ("answers", "rectification"):
        data[section] = {k: v for k, v in data.get(section, {}).items() if k in known}
    for site in sites:  # and only the facts every site's published schema declares
        declared = json.loads((site / "schemas" / "answers.schema.json").read_text("utf-8"))
        declared = declared["properties"]["facts"]["properties"]
        data["facts"] = {
            head: {k: v for k, v in value.items() if k in declared[head].get("properties", value)}
            if isinstance(value, dict)
            else value
            for head, value in data["facts"].items()
            if head in declared
        }
    return f"({SEED})({json.dumps(data, ensure_ascii=False)})"


def mark_time(page: Page, name: str) -> float:
    """The mark's own time stamp, read once it is there.

    Polled on a timer, not Playwright's default requestAnimationFrame: that makes the page draw a
    frame every 16 ms while it loads, which a visitor's page does not, and on a page of 7,000
    elements the frames cost the loading engine about 0.2 s of the two cores. The figure is the
    mark's startTime, so the polling interval does not enter it.
    """
    # A function, not an expression: Playwright evals expressions, which the site's CSP forbids.
    page.wait_for_function(f"() => performance.getEntriesByName('{name}').length > 0", timeout=120_000, polling=100)
    value: float = page.evaluate(f"performance.getEntriesByName('{name}')[0].startTime")
    return value


def rescore_latencies(base: str, changes: int, seed: str) -> list[float]:
    """Answer changes through the real form; each one's change-to-rendered latency."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.add_init_script(seed)
        page.goto(f"{base}/self-check/index.html")
        mark_time(page, FIRST_SCORE)
        durations = _rescores(page, changes)
        browser.close()
    return durations


def _rescores(page: Page, changes: int) -> list[float]:
    page.wait_for_timeout(500)
    start = page.evaluate("performance.getEntriesByName('selfcheck:rescore').length")
    radios = page.locator("fieldset.selfcheck-item").first
    for i in range(changes):
        radios.get_by_label("达到" if i % 2 else "未达到", exact=True).check()
        page.wait_for_function(f"performance.getEntriesByName('selfcheck:rescore').length > {start + i}")
    durations: list[float] = page.evaluate(
        f"performance.getEntriesByName('selfcheck:rescore').slice({start}).map(e => e.duration)"
    )
    return durations


def slowed(page: Page, link: tuple[float, float] | None) -> Page:
    """The page behind an emulated link of (Mbit/s, round trip in ms) both ways, or as it is."""
    if link:
        mbit, rtt = link
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = mbit * 125_000  # bytes per second
        conditions = {"offline": False, "latency": rtt, "downloadThroughput": rate, "uploadThroughput": rate}
        cdp.send("Network.emulateNetworkConditions", conditions)
    return page


def visit(
    base: str,
    profile: Path,
    path: str,
    mark: str,
    settle: float = 3.0,
    linger: float = 3.0,
    seed: str = "",
    link: tuple[float, float] | None = None,
) -> tuple[float, float]:
    """Cold then warm time to `mark` in one browser profile.

    The browser is given `settle` seconds after it starts: Chromium 156 spends about 0.5 s of
    CPU in its first 1.3 s preparing pages of its own (the omnibox popup's WebUI renderer, seen
    in a Chrome trace), which a visitor's running browser has long done. The cold page then
    stays open `linger` seconds, as a visitor's would, before the warm visit: Chromium writes
    its compiled WebAssembly to the code cache a little after it compiled it, and closing at
    once made the warm visit find that cache or not by chance (warm times varied by 0.5 s).
    `link` (Mbit/s, round trip in ms) is Chromium's own network emulation for both visits; it
    covers the engine's worker too (checked: 10 Mbit/s added the transfer time of its files).
    """
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium(),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        if seed:
            context.add_init_script(seed)
        context.pages[0].wait_for_timeout(settle * 1000)
        page = slowed(context.new_page(), link)
        page.goto(f"{base}{path}")
        cold = mark_time(page, mark)
        page.wait_for_timeout(linger * 1000)
        page.close()
        page = slowed(context.new_page(), link)
        page.goto(f"{base}{path}")
        warm = mark_time(page, mark)
        context.close()
    return cold, warm


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7, help="profiles per measurement (median reported)")
    ap.add_argument("--changes", type=int, default=50)
    ap.add_argument("--settle", type=float, default=3.0, help="seconds a new browser is left to start up")
    ap.add_argument("--linger", type=float, default=3.0, help="seconds the cold page stays open")
    ap.add_argument("--compare", type=Path, help="another built site whose self-check is measured alongside")
    args = ap.parse_args()
    if not (SITE / "assets" / "pyodide" / "pyodide.asm.wasm").is_file():
        print("site/ has no runtime: run ./scripts/build first", file=sys.stderr)
        return 1
    bare: list[tuple[float, float]] = []
    bytecode: list[tuple[float, float]] = []
    page: list[tuple[float, float]] = []
    other: list[tuple[float, float]] = []
    other_latencies: list[float] = []
    with ExitStack() as stack:
        base = stack.enter_context(serve_in_process(SITE, Handler))
        compared = stack.enter_context(serve_in_process(args.compare, Handler)) if args.compare else None
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        seed = saved_record([SITE, *([args.compare] if args.compare else [])])
        for run in range(args.runs):  # interleaved so that all see the same machine state
            timing = (args.settle, args.linger)
            bare.append(visit(base, Path(tmp) / f"bare{run}", "/__bench__/bare.html", "bare:done", *timing))
            bytecode.append(visit(base, Path(tmp) / f"code{run}", "/__bench__/bytecode.html", "bare:done", *timing))
            page.append(visit(base, Path(tmp) / f"page{run}", "/self-check/index.html", FIRST_SCORE, *timing, seed))
            if compared:
                where = Path(tmp) / f"other{run}"
                other.append(visit(compared, where, "/self-check/index.html", FIRST_SCORE, *timing, seed))
        latencies = rescore_latencies(base, args.changes, seed)
        if compared:
            other_latencies = rescore_latencies(compared, args.changes, seed)
    med = statistics.median

    def seconds(values: list[float]) -> str:
        return f"{med(values) / 1000:.2f} s ({min(values) / 1000:.2f}-{max(values) / 1000:.2f})"

    a_cold, a_warm = [b[0] for b in bare], [b[1] for b in bare]
    p_cold, p_warm = [x[0] for x in bytecode], [x[1] for x in bytecode]
    b_cold, b_warm = [x[0] for x in page], [x[1] for x in page]
    print(f"Chromium headless, 127.0.0.1, python -m http.server; median (min-max) of {args.runs} profiles")
    print(f"(a)  bare page, Pyodide ready + 1+1:     cold {seconds(a_cold)}, warm {seconds(a_warm)}")
    print(f"(a') the same + the site's stdlib bytecode: cold {seconds(p_cold)}, warm {seconds(p_warm)}")
    print(f"(b)  self-check page to first score:     cold {seconds(b_cold)}, warm {seconds(b_warm)}")
    print(
        f"     ratio (b)/(a) of the medians:       cold {med(b_cold) / med(a_cold):.2f}, "
        f"warm {med(b_warm) / med(a_warm):.2f}  (target <= 1.10)"
    )
    print(
        f"     ratio (b)/(a') (the page's own cost): cold {med(b_cold) / med(p_cold):.2f}, "
        f"warm {med(b_warm) / med(p_warm):.2f}"
    )
    print(f"(c) rescore after an answer change, {len(latencies)} changes: {spread(latencies)}  (target < 16 ms)")
    if other:
        print(f"compared with {args.compare}:")
        o_cold, o_warm = [x[0] for x in other], [x[1] for x in other]
        print(f"(b0) its self-check page to first score: cold {seconds(o_cold)}, warm {seconds(o_warm)}")
        cold, warm = med(b_cold) / med(o_cold), med(b_warm) / med(o_warm)
        print(f"     ratio (b)/(b0) of the medians:      cold {cold:.2f}, warm {warm:.2f}")
        print(f"(c0) its rescore: {spread(other_latencies)}")
    return 0


def spread(latencies: list[float]) -> str:
    p90 = sorted(latencies)[int(0.9 * len(latencies))]
    return f"median {statistics.median(latencies):.1f} ms, p90 {p90:.1f} ms, max {max(latencies):.1f} ms"


if __name__ == "__main__":
    sys.exit(main())
