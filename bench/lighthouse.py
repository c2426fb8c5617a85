"""Print Lighthouse scores and metrics for the home, a topic, a document and the self-check page.

Run: .venv/bin/python -m bench.lighthouse [--runs 3] [--server nginx] [--markdown]
(after ./scripts/build)

Lighthouse (npm, pinned in tools/lighthouse/, installed there on first use with `npm ci`) drives
Debian's Chromium against a snapshot of site/ served on 127.0.0.1, by `python -m http.server`
(no compression) or by nginx with the 部署指南's configuration (gzip, cache headers, CSP), with
Lighthouse's mobile (its default) and desktop presets and simulated throttling. For each page
and preset the run with the median performance score is reported. Nothing may leave the
machine: where the kernel allows it the measuring runs in a network namespace that has only
loopback, Chromium resolves no host name but 127.0.0.1, and any request Lighthouse saw that was
not to the local server fails the run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.paths import ROOT
from tests.support.servers import chromium, nginx, serve

SITE = ROOT / "site"
TOOL = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
ISOLATED = "ZHIBU_LIGHTHOUSE_ISOLATED"  # set inside the loopback-only namespace

PAGES = {  # path -> name on the 性能 page
    "/": "首页",
    "/topics/zuzhi-shenghuo.html": "主题页（组织生活）",
    "/documents/weihai.html": "文件页（威海 过硬支部）",
    "/self-check/index.html": "支部自查",
}
PRESETS = {"mobile": "手机", "desktop": "桌面"}
SERVERS = ("http.server", "nginx")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
WIDTHS = (4, 4, 4, 4, 7, 7, 7, 6)  # columns of the plain table after preset and page
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # needed as root
    "--disable-gpu",
    # Nothing but the local server resolves: any other host would be off the machine.
    "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'",
]


@contextmanager
def served(site: Path, server: str) -> Iterator[str]:
    """The snapshot on a loopback port, by http.server or by nginx as the 部署指南 configures it."""
    if server == "nginx":
        site.parent.chmod(0o755)  # nginx runs as nobody when started as root
        with nginx(site) as running:
            yield running.url
    else:
        with serve(site) as url:
            yield url


@dataclass(frozen=True)
class Result:
    """One Lighthouse run of one page with one preset."""

    scores: dict[str, int]  # category -> 0..100
    metrics: dict[str, float]  # audit id -> ms (CLS unitless)
    failing: list[str]  # audits under 100 in the non-performance categories
    errors: list[str]  # audits Lighthouse could not compute
    requests: int
    foreign: list[str]  # requests not to the local server (must stay empty)


def ensure_lighthouse() -> None:
    """`npm ci` in tools/lighthouse/ unless its lock file is already installed (a stamp)."""
    stamp = TOOL / "node_modules" / ".zhibu-stamp"
    want = hashlib.sha256((TOOL / "package-lock.json").read_bytes()).hexdigest()[:16]
    if LIGHTHOUSE.exists() and stamp.is_file() and stamp.read_text().strip() == want:
        return
    print("==> 安装 Lighthouse (npm ci --prefix tools/lighthouse)", file=sys.stderr)
    subprocess.run(
        ["npm", "ci", "--prefix", str(TOOL), "--no-audit", "--no-fund", "--loglevel=error"], check=True, cwd=ROOT
    )
    stamp.write_text(want + "\n")


def isolate(argv: list[str]) -> int | None:
    """Re-run this script in a new network namespace with only loopback; None if not possible."""
    if os.environ.get(ISOLATED) or not (shutil.which("unshare") and shutil.which("ip")) or os.geteuid() != 0:
        return None
    inner = "ip link set lo up && exec " + shlex.join([sys.executable, "-m", "bench.lighthouse", *argv])
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True)
    if probe.returncode != 0:
        return None
    isolated = {**os.environ, ISOLATED: "1"}
    return subprocess.run(["unshare", "--net", "sh", "-c", inner], env=isolated, cwd=ROOT).returncode


def lighthouse(url: str, preset: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run; its JSON report."""
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium() or "/usr/bin/chromium"}
    subprocess.run(cmd, check=True, env=env, timeout=300)
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def summarise(report: dict[str, Any], origin: str) -> Result:
    audits: dict[str, Any] = report["audits"]
    cats: dict[str, Any] = report["categories"]
    failing = sorted(
        {
            ref["id"]
            for name in CATEGORIES
            if name != "performance"
            for ref in cats[name]["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        }
    )
    urls = [item["url"] for item in (audits["network-requests"].get("details") or {}).get("items", [])]
    return Result(
        scores={name: round(100 * (cats[name]["score"] or 0)) for name in CATEGORIES},
        metrics={name: float(audits[name].get("numericValue", math.nan)) for name in METRICS},
        failing=failing,
        errors=sorted(k for k, a in audits.items() if a["scoreDisplayMode"] == "error"),
        requests=len(urls),
        foreign=[u for u in urls if not u.startswith((origin + "/", "data:", "blob:"))],
    )


def median_run(runs: list[Result]) -> Result:
    """The run whose performance score is the median (Lighthouse's own advice for noisy runs)."""
    complete = [r for r in runs if not any(math.isnan(v) for v in r.metrics.values())]
    ordered = sorted(complete or runs, key=lambda r: r.scores["performance"])
    return ordered[(len(ordered) - 1) // 2]


def fmt_ms(ms: float) -> str:
    return f"{ms / 1000:.1f} s" if ms >= 1000 else f"{ms:.0f} ms"


def cells(r: Result) -> list[str]:
    s, m = r.scores, r.metrics
    return [
        *(str(s[name]) for name in CATEGORIES),
        fmt_ms(m["first-contentful-paint"]),
        fmt_ms(m["largest-contentful-paint"]),
        fmt_ms(m["total-blocking-time"]),
        f"{m['cumulative-layout-shift']:.3f}",
    ]


def print_report(results: dict[tuple[str, str], Result], runs: int, server: str) -> None:
    print(f"Lighthouse {lighthouse_version()}, {chromium_version()}; 127.0.0.1, {server}; simulated throttling;")
    print(f"median (by performance score) of {runs} run(s) per page and preset")
    head = ("perf", "a11y", "bp", "seo", "FCP", "LCP", "TBT", "CLS")
    print(f"{'preset':8} {'page':28} " + " ".join(f"{h:>{w}}" for h, w in zip(head, WIDTHS, strict=True)))
    for (preset, path), r in results.items():
        print(f"{preset:8} {path:28} " + " ".join(f"{c:>{w}}" for c, w in zip(cells(r), WIDTHS, strict=True)))
    print("\naudits under 100 (accessibility / best practices / SEO):")
    for (preset, path), r in results.items():
        print(f"  {preset:8} {path:28} {', '.join(r.failing) or '-'}")
    errors = sorted({e for r in results.values() for e in r.errors})
    if errors:
        # Lighthouse 12.2's trace engine does not read Chromium 156's screenshot events: only
        # diagnostics fail (LCP element, layout-shift culprits), not the metrics or scores.
        print(f"\naudits Lighthouse could not compute (diagnostics, not scored): {', '.join(errors)}")
    total = sum(r.requests for r in results.values())
    print(
        f"\nrequests seen in the reported runs: {total}, none outside 127.0.0.1"
        + ("; measured in a loopback-only network namespace" if os.environ.get(ISOLATED) else "")
    )


def print_markdown(results: dict[tuple[str, str], Result]) -> None:
    """The same figures as a table for docs/performance.md."""
    print("\n| 预设 | 页面 | 性能 | 无障碍 | 最佳做法 | SEO | FCP | LCP | TBT | CLS |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for (preset, path), r in results.items():
        print(f"| {PRESETS[preset]} | {PAGES[path]} | " + " | ".join(cells(r)) + " |")


def lighthouse_version() -> str:
    lock = json.loads((TOOL / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/lighthouse"]["version"])


def chromium_version() -> str:
    out = subprocess.run([chromium() or "/usr/bin/chromium", "--version"], capture_output=True, text=True)
    return out.stdout.strip().split(" built ")[0] or "Chromium"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and preset (median reported)")
    ap.add_argument("--preset", choices=PRESETS, action="append", help="only this preset (default: both)")
    ap.add_argument("--server", choices=SERVERS, default="http.server", help="which server serves the site")
    ap.add_argument("--markdown", action="store_true", help="also print the table for docs/performance.md")
    ap.add_argument("--no-isolate", action="store_true", help="do not use a loopback-only network namespace")
    args = ap.parse_args()
    if not (SITE / "assets" / "pyodide" / "pyodide.asm.wasm").is_file():
        print("site/ has no runtime: run ./scripts/build first", file=sys.stderr)
        return 1
    ensure_lighthouse()  # needs the registry: before leaving the network
    if not args.no_isolate:
        code = isolate(sys.argv[1:])
        if code is not None:
            return code
    results: dict[tuple[str, str], Result] = {}
    with tempfile.TemporaryDirectory() as tmp:
        # A snapshot: a rebuild of site/ during the measuring would otherwise give 404s.
        site = shutil.copytree(SITE, Path(tmp) / "site")
        with served(site, args.server) as base:
            for preset in args.preset or PRESETS:
                for path in PAGES:
                    runs = []
                    for i in range(args.runs):
                        report = lighthouse(base + path, preset, Path(tmp) / f"report-{i}.json")
                        runs.append(summarise(report, base))
                    foreign = sorted({u for r in runs for u in r.foreign})
                    if foreign:
                        print(f"requests outside the site on {path}: {foreign}", file=sys.stderr)
                        return 1
                    results[(preset, path)] = median_run(runs)
                    perf = [r.scores["performance"] for r in runs]
                    print(
                        f"  {preset} {path}: performance {perf} (median {statistics.median(perf):g})", file=sys.stderr
                    )
    print_report(results, args.runs, args.server)
    if args.markdown:
        print_markdown(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
