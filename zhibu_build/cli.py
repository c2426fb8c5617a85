"""`zhibu-build`: the build steps by hand (scripts/build runs them in order).

zhibu-build rubric            compile the pages' declarations into calculator/zhibu/data/rubric.json
zhibu-build rubric --check    exit 1 if the shipped rubric is stale
zhibu-build rubric --verify   re-read the shipped rubric and print counts
zhibu-build runtime           Pyodide + the zhibu wheel + precompiled standard library → build/runtime/
zhibu-build precompress       .br and .gz copies beside site/'s compressible files (cached in ~/.cache/zhibu-site/)
zhibu-build mirror            the mirror zip of site/ → dist/
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import mirror, precompress, runtime
from .rubric import CompileError, compile_rubric, dumps, id_registry, ids_text, load_ids, stale_reason, verify
from .rubric.compile import RUBRIC_FILE
from .rubric.ids import IDS_FILE


def _rubric(check: bool, show: bool) -> int:
    try:
        if show:
            print(verify())
            return 0
        if check:
            reason = stale_reason()
            if reason:
                print(f"自查规则已过期：{reason}。请运行 .venv/bin/zhibu-build rubric", file=sys.stderr)
                return 1
            print("rubric.json 与页面一致")
            return 0
        ids = load_ids()
        rubric = compile_rubric(ids=ids)
    except CompileError as err:
        print("\n".join(err.errors), file=sys.stderr)
        print(f"共 {len(err.errors)} 处错误", file=sys.stderr)
        return 1
    RUBRIC_FILE.write_text(dumps(rubric), encoding="utf-8")
    IDS_FILE.write_text(ids_text(id_registry(rubric, ids)), encoding="utf-8")
    print(verify())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="zhibu-build", description=__doc__.splitlines()[0] if __doc__ else None)
    sub = ap.add_subparsers(dest="step", required=True)
    r = sub.add_parser("rubric", help="汇编自查规则")
    mode = r.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="只检查已发布的 rubric.json 是否过期")
    mode.add_argument("--verify", action="store_true", help="重新读取 rubric.json 并统计")
    sub.add_parser("runtime", help="准备评分引擎运行时（build/runtime/）")
    p = sub.add_parser("precompress", help="写出预压缩文件（.br、.gz）")
    p.add_argument("--site", type=Path, default=precompress.SITE, help="the built site (default: site/)")
    p.add_argument("--cache", type=Path, default=precompress.CACHE, help="default: ~/.cache/zhibu-site/precompress/")
    p.add_argument("--jobs", type=int, default=None, help="processes (default: one per core)")
    m = sub.add_parser("mirror", help="写出镜像包（dist/）")
    m.add_argument("--site", type=Path, default=mirror.SITE, help="the built site (default: site/)")
    m.add_argument("--dist", type=Path, default=mirror.DIST, help="where the zip goes (default: dist/)")
    m.add_argument("--force", action="store_true", help="write the zip even when the stamp is current")
    args = ap.parse_args(argv)
    if args.step == "rubric":
        return _rubric(args.check, args.verify)
    if args.step == "runtime":
        runtime.build()
        return 0
    if args.step == "precompress":
        copies = precompress.precompress(args.site, args.cache, args.jobs)
        print(f"\033[1m==> {precompress.report(copies)}\033[0m", file=sys.stderr)
        return 0
    done = mirror.build(args.site, args.dist, args.force)
    print(f"\033[1m==> {mirror.report(done)}\033[0m", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
