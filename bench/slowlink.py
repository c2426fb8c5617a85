"""Print the self-check's first score on a slow intranet link, and the bytes it took, side by side.

Run: .venv/bin/python -m bench.slowlink [--runs 3] [--link 10:50] [--compare OLD_SITE]   (after ./scripts/build)

Debian's nginx serves each site with its own 部署指南 configuration (site/deploy/nginx.conf, as the
tests use it), and Chromium's network emulation stands in for a county's link: 10 Mbit/s both
ways, 50 ms round trip (issue 17). For this site two servers run: as published (gzip level 6, plus
the pre-compressed .br/.gz copies when nginx has the brotli module) and with the pre-compressed
copies switched off (what a server that only compresses on the fly at level 6 sends). `--compare`
adds another built site (e.g. one from before issue 17) served by its own configuration. A cold
visit in a new profile, then a warm one in it, to performance mark `selfcheck:first-score`, runs
interleaved; bytes are the response bodies nginx sent during one more cold visit (its access log).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench.nginx import PAGE, cold_bytes, without_precompressed
from bench.selfcheck import SITE, saved_record, visit
from tests.support.servers import nginx, nginx_binary


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="profiles per server (median reported)")
    ap.add_argument("--link", default="10:50", help="Mbit/s:round-trip ms (default 10:50)")
    ap.add_argument("--compare", type=Path, help="another built site, served by its own deploy/nginx.conf")
    args = ap.parse_args()
    mbit, rtt = (float(x) for x in args.link.split(":"))
    sites = {"本站": SITE, **({"对照": args.compare} if args.compare else {})}
    for site in sites.values():
        if not (site / "deploy" / "nginx.conf").is_file():
            print(f"{site} is not a built site (run ./scripts/build)", file=sys.stderr)
            return 1
    if nginx_binary() is None:
        print("nginx is not installed (Debian: apt-get install nginx)", file=sys.stderr)
        return 1
    seed = saved_record(list(sites.values()))  # a saved self-check with its standard: it scores at once
    rows: dict[str, list[tuple[float, float]]] = {}
    sent: dict[str, tuple[int, int]] = {}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx reads the copies as nobody
        servers = {}
        for name, site in sites.items():
            copy = Path(tmp) / name
            shutil.copytree(site, copy)
            ours = name == "本站"  # a site from before issue 17 has no brotli line in its guide
            servers[f"{name}：按部署指南"] = stack.enter_context(nginx(copy, brotli=ours))
            if ours:
                servers[f"{name}：只现场 gzip 6"] = stack.enter_context(nginx(copy, without_precompressed))
        rows = {name: [] for name in servers}
        for run in range(args.runs):
            for name, served in servers.items():
                profile = Path(tmp) / f"profile-{len(rows[name])}-{run}-{abs(hash(name))}"
                rows[name].append(
                    visit(served.url, profile, PAGE, "selfcheck:first-score", seed=seed, link=(mbit, rtt))
                )
        for name, served in servers.items():
            sent[name] = cold_bytes(served, seed)
    med = statistics.median
    print(f"Chromium headless, network emulation {mbit:g} Mbit/s, {rtt:g} ms RTT; Debian nginx; median of {args.runs}")
    print(f"{'server':<22}{'cold':>8}{'warm':>8}{'requests':>10}{'bytes sent (cold)':>22}")
    for name, times in rows.items():
        cold, warm = med(t[0] for t in times), med(t[1] for t in times)
        count, size = sent[name]
        print(f"{name:<22}{cold / 1000:>7.2f}s{warm / 1000:>7.2f}s{count:>10}{size:>13,} B ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
