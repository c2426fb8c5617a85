#!/usr/bin/env python3
"""Check a mirrored copy of the site against its SHA-256 manifest (standard library only, Python 3.8+).

Shipped at the root of the mirror bundle written by zhibu_build/mirror.py; run it on the
intranet server as `python3 verify_site.py DIR`. Exit 0: every listed file is present and
unchanged (extra files are only reported); 1: a file is missing, altered or unreadable, or an
extra pre-compressed copy (`x.gz`, `x.br` beside a listed `x`, left by an older version) would be
sent by the server in place of `x` with other content; 2: bad usage or no usable manifest.
Messages are Chinese, for the administrators.
"""

# Keep this file runnable by Python 3.8: annotations stay strings (no `X | Y` or `list[str]`
# evaluated at run time) and no library call newer than 3.8 (removeprefix, file_digest, ...).
from __future__ import annotations

import gzip
import hashlib
import os
import sys
import zlib
from typing import IO, TextIO

MANIFEST = "SHA256SUMS"
CHUNK = 1 << 20
# Pre-compressed copies: a server set up as the 部署指南 says sends `x.gz` / `x.br` for `x`.
COPY_SUFFIXES = (".gz", ".br")
STALE_WHY = "服务器会把 x.gz、x.br 当作 x 的压缩版本发送，而它们的内容与 x 不同或无法核对"

USAGE = f"""用法：python3 verify_site.py 文件夹

核对镜像的网站文件夹是否完整：按文件夹中的清单 {MANIFEST} 逐个计算文件的 SHA-256，
报告缺少的文件、被改动的文件和清单之外多出的文件。
例如在解压出的文件夹中运行：python3 verify_site.py .
退出码：0 完整；1 有文件缺少或被改动；2 用法不对或清单不可用。"""


class UsageError(Exception):
    """Bad usage or no usable manifest: exit 2 with this message."""


def _is_hex_digest(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text)


def _is_safe_name(name: str) -> bool:
    """A relative path inside the folder: no absolute path, no `..`, no backslash."""
    if not name or name.startswith("/") or "\\" in name or name == MANIFEST:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def read_manifest(folder: str) -> dict[str, str]:
    """The manifest as {relative path: lower-case SHA-256}, in `sha256sum` format."""
    path = os.path.join(folder, MANIFEST)
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except FileNotFoundError:
        raise UsageError(
            f"找不到清单文件 {MANIFEST}：“{folder}”不是从镜像包解压出的网站文件夹，或者清单已被删除。"
        ) from None
    except OSError as error:
        raise UsageError(f"无法读取清单文件 {path}：{error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"清单文件 {MANIFEST} 不是 UTF-8 文本，无法核对。") from None
    entries: dict[str, str] = {}
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        # `sha256sum` writes "<64 hex>  <path>" (text mode) or "<64 hex> *<path>" (binary mode).
        digest, mark, name = line[:64], line[64:66], line[66:]
        if not _is_hex_digest(digest) or mark not in ("  ", " *") or not _is_safe_name(name):
            raise UsageError(f"清单文件 {MANIFEST} 第 {number} 行格式不对：{line[:100]}")
        if name in entries:
            raise UsageError(f"清单文件 {MANIFEST} 第 {number} 行重复列出了 {name}。")
        entries[name] = digest.lower()
    if not entries:
        raise UsageError(f"清单文件 {MANIFEST} 是空的，无法核对。")
    return entries


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def gunzip_sha256(path: str) -> str | None:
    """The SHA-256 of a gzip file's content, or None if it is not a readable gzip file."""
    digest = hashlib.sha256()
    try:
        with gzip.open(path, "rb") as stream:
            for block in iter(lambda: stream.read(CHUNK), b""):
                digest.update(block)
    except (OSError, EOFError, zlib.error):
        return None
    return digest.hexdigest()


def stale_copy(folder: str, name: str, expected: dict[str, str]) -> bool:
    """An extra `x.gz` / `x.br` beside a listed `x` that the server would send instead of `x`, with other
    content. A `.gz` that unpacks to `x` exactly is harmless; a `.br` cannot be checked without brotli."""
    base, suffix = name[:-3], name[-3:]
    if suffix not in COPY_SUFFIXES or base not in expected:
        return False
    if suffix == ".gz":
        return gunzip_sha256(os.path.join(folder, *name.split("/"))) != expected[base]
    return True


def files_in(folder: str) -> list[str]:
    """Every file under `folder` as a sorted relative path with `/`, except the manifest."""
    found = []
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        rel = os.path.relpath(top, folder).replace(os.sep, "/")
        for name in names:
            found.append(name if rel == "." else f"{rel}/{name}")
    return sorted(name for name in found if name != MANIFEST)


def _section(out: IO[str], title: str, lines: list[str]) -> None:
    if lines:
        out.write(f"{title}\n")
        for line in lines:
            out.write(f"  {line}\n")


def verify(folder: str, out: IO[str]) -> int:
    """Check `folder` against its manifest, write the Chinese report to `out`, return the exit code."""
    if not os.path.isdir(folder):
        raise UsageError(f"找不到文件夹：{folder}")
    expected = read_manifest(folder)
    missing: list[str] = []
    altered: list[str] = []
    unreadable: list[str] = []
    for name in sorted(expected):
        path = os.path.join(folder, *name.split("/"))
        if not os.path.isfile(path):
            missing.append(name)
            continue
        try:
            actual = file_sha256(path)
        except OSError as error:
            unreadable.append(f"{name}（{error.strerror}）")
            continue
        if actual != expected[name]:
            altered.append(name)
    extra = [name for name in files_in(folder) if name not in expected]
    stale = [name for name in extra if stale_copy(folder, name, expected)]
    extra = [name for name in extra if name not in stale]

    out.write(f"核对文件夹：{folder}\n")
    out.write(f"清单 {MANIFEST} 列出 {len(expected)} 个文件。\n")
    _section(out, f"缺少 {len(missing)} 个文件：", missing)
    _section(out, f"{len(altered)} 个文件已被改动（SHA-256 与清单不一致）：", altered)
    _section(out, f"{len(unreadable)} 个文件无法读取：", unreadable)
    _section(out, f"{len(stale)} 个旧的预压缩文件不在清单中，请删除（{STALE_WHY}）：", stale)
    _section(out, f"提示：{len(extra)} 个文件不在清单中（多出的文件不影响核对结论）：", extra)
    if missing or altered or unreadable or stale:
        problems = (("缺少", missing), ("改动", altered), ("无法读取", unreadable), ("旧的预压缩文件", stale))
        counts = [f"{label} {len(names)} 个" for label, names in problems if names]
        if not stale:
            advice = "请从镜像包重新复制上面列出的文件后再核对。"
        elif missing or altered or unreadable:
            advice = "请删除上面列出的旧的预压缩文件，从镜像包重新复制其余列出的文件后再核对。"
        else:
            advice = "请删除上面列出的旧的预压缩文件后再核对。"
        out.write(f"结论：不完整（{'，'.join(counts)}）。{advice}\n")
        return 1
    out.write(f"结论：完整。清单中的 {len(expected)} 个文件全部存在且未被改动。\n")
    return 0


def run(argv: list[str], out: IO[str], err: IO[str]) -> int:
    """The command line without the process: arguments in, exit code out."""
    if len(argv) == 1 and argv[0] in ("-h", "--help"):
        out.write(USAGE + "\n")
        return 0
    try:
        if len(argv) != 1 or argv[0].startswith("-"):
            raise UsageError(USAGE)
        return verify(argv[0], out)
    except UsageError as error:
        err.write(f"{error}\n")
        return 2


def _writable_in_chinese(stream: TextIO) -> None:
    """Make a stream print Chinese (UTF-8 where its encoding cannot) and never fail on odd file names."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        "核对".encode(stream.encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        reconfigure(encoding="utf-8")
    reconfigure(errors="backslashreplace")


def main() -> None:
    _writable_in_chinese(sys.stdout)
    _writable_in_chinese(sys.stderr)
    try:
        code = run(sys.argv[1:], sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        sys.stderr.write("已中断，核对没有完成。\n")
        code = 2
    sys.exit(code)


if __name__ == "__main__":
    main()
