"""Print the self-check's time to first score through nginx with gzip and without, side by side in one run.

Run: .venv/bin/python -m bench.nginx [--runs 3] [--rates 0,20]   (after ./scripts/build)

Debian's nginx serves the built site with the 部署指南's configuration (site/deploy/nginx.conf, as
the tests use it): once as published (gzip on, with the pre-compressed .br/.gz copies; brotli where
nginx has the module) and once with `gzip off;` and no copies. A rate other than 0 adds
nginx's `limit_rate` (Mbit/s per connection) to stand in for a slower intranet link; 0 is plain
loopback. Headless Chromium: a new profile (cold), then a second visit in it (warm), to performance
mark `selfcheck:first-score`; runs interleaved so every variant sees the same machine state.
`python -m http.server` (no compression, no policy) runs alongside as the reference the other
benchmarks use. Bytes: the response bodies nginx sent during one more cold visit (its access log).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.selfcheck import SITE, mark_time, saved_record, visit
from tests.support.servers import CHROMIUM_ARGS, Served, chromium, nginx, nginx_binary, serve

PAGE, MARK = "/self-check/index.html", "selfcheck:first-score"
SENT = re.compile(r'" (\d{3}) (\d+) "')  # combined log format: "request" status body_bytes_sent "referer"


def variant(gzip: bool, mbit: int) -> Callable[[str], str]:
    """The published server block with gzip switched off and/or a per-connection rate limit."""

    def edit(conf: str) -> str:
        if conf.count("    gzip on;\n") != 1:
            raise RuntimeError("发布的 nginx 配置中应恰好有一行 `gzip on;`")
        line = "    gzip on;\n" if gzip else "    gzip off;\n"
        if mbit:
            line += f"    limit_rate {mbit * 125_000};\n"
        if not gzip:  # nor the pre-compressed .gz/.br copies (issue 17)
            conf = without_precompressed(conf)
        return conf.replace("    gzip on;\n", line)

    return edit


def without_precompressed(conf: str) -> str:
    """The published server block sending no pre-compressed .br/.gz copy: only what nginx compresses itself."""
    if conf.count("    gzip_static on;\n") != 1:
        raise RuntimeError("发布的 nginx 配置中应恰好有一行 `gzip_static on;`")
    for static in ("gzip_static", "brotli_static"):  # brotli_static: on where tests/support/servers.py enabled it
        conf = conf.replace(f"    {static} on;\n", f"    {static} off;\n")
    return conf


def cold_bytes(served: Served, seed: str) -> tuple[int, int]:
    """(requests, body bytes) nginx sent for one cold visit to first score."""
    log = served.work / "access.log"
    start = log.stat().st_size
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(seed)
        page = context.new_page()
        page.goto(served.url + PAGE)
        mark_time(page, MARK)
        page.wait_for_timeout(500)  # late requests (favicon, search index) end up in the log too
        browser.close()
    with log.open("rb") as f:
        f.seek(start)
        lines = f.read().decode("utf-8", "replace").splitlines()
    sizes = [int(m.group(2)) for line in lines if (m := SENT.search(line))]
    return len(sizes), sum(sizes)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="profiles per variant (median reported)")
    ap.add_argument("--rates", default="0,20", help="comma-separated Mbit/s per connection; 0 = no limit")
    args = ap.parse_args()
    if not all((SITE / p).is_file() for p in ("deploy/nginx.conf", "assets/pyodide/pyodide.asm.wasm")):
        print("site/ is not built: run ./scripts/build first", file=sys.stderr)
        return 1
    if nginx_binary() is None:
        print("nginx is not installed (Debian: apt-get install nginx)", file=sys.stderr)
        return 1
    rates = [int(r) for r in args.rates.split(",")]
    names = [(mbit, gz) for mbit in rates for gz in (True, False)]
    times: dict[tuple[int, bool], list[tuple[float, float]]] = {n: [] for n in names}
    reference: list[tuple[float, float]] = []
    sent: dict[tuple[int, bool], tuple[int, int]] = {}
    # A saved self-check with its standard named: a new one scores only once the standard is chosen.
    seed = saved_record([SITE])
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        # A copy: a rebuild of site/ during the run changes nothing (nginx reads it as nobody).
        os.chmod(tmp, 0o755)
        site = Path(tmp) / "site"
        shutil.copytree(SITE, site)
        servers = {n: stack.enter_context(nginx(site, variant(n[1], n[0]))) for n in names}
        plain = stack.enter_context(serve(site))
        for run in range(args.runs):
            reference.append(visit(plain, Path(tmp) / f"plain-{run}", PAGE, MARK, seed=seed))
            for n in names:
                profile = Path(tmp) / f"{n[0]}-{n[1]}-{run}"
                times[n].append(visit(servers[n].url, profile, PAGE, MARK, seed=seed))
        for n in names:
            sent[n] = cold_bytes(servers[n], seed)
    med = statistics.median
    print(f"Chromium headless, 127.0.0.1, Debian nginx with site/deploy/nginx.conf; median of {args.runs} profiles")
    print(f"{'link':<22}{'gzip':<6}{'cold':>8}{'warm':>8}{'requests':>10}{'bytes sent (cold)':>20}")
    cold, warm = med(t[0] for t in reference), med(t[1] for t in reference)
    print(f"{'http.server (ref.)':<22}{'off':<6}{cold / 1000:>7.2f}s{warm / 1000:>7.2f}s")
    for n in names:
        mbit, gz = n
        link = "loopback, no limit" if not mbit else f"limit_rate {mbit} Mbit/s"
        cold, warm = med(t[0] for t in times[n]), med(t[1] for t in times[n])
        count, size = sent[n]
        row = f"{link:<22}{'on' if gz else 'off':<6}{cold / 1000:>7.2f}s{warm / 1000:>7.2f}s{count:>10}"
        print(f"{row}{size:>14,} B ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
