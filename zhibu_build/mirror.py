"""Write dist/zhibu-site-<version>.zip: the built site for intranet mirrors, with a SHA-256 manifest and a verifier.

The zip holds one folder, the web root: every file of site/ (build stamps left out), plus
SHA256SUMS (`sha256sum -c` format), verify_site.py (stdlib only, Python 3.8+) and README.txt.
The pre-compressed `.gz`/`.br` copies (precompress.py) are site files like the others: an intranet
nginx or Apache set up as the 部署指南 says sends them as they are, and the manifest covers them.
The version is rubric + engine + a fingerprint of the content. The same site gives the same
bytes (sorted entries, fixed times and permissions), and nothing is written when the stamp
says the zip already holds this content. Run by scripts/build after the site is built (`zhibu-build mirror`).
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import zhibu

from . import ROOT
from .verify_site import MANIFEST

SITE = ROOT / "site"
DIST = ROOT / "dist"
VERIFIER = Path(__file__).with_name("verify_site.py")
STAMP_NAME = ".mirror-stamp"
PREFIX = "zhibu-site-"
README = "README.txt"  # an ASCII name: older unzip tools garble Chinese file names
ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # every entry gets this time: same site, same bytes
FILE_MODE = 0o100644
DIR_MODE = 0o040755

# User-facing: Chinese, with CRLF and a BOM when written so Notepad on old Windows reads it.
GUIDE = "deploy/index.html"  # the 部署指南 page the README points to
README_TEXT = """党支部建设标准（知识库与支部自查）网站镜像包
版本：{name}
（r = 自查规则版本 {rubric}，e = 评分程序版本 {engine}，最后一段是内容指纹）

这个文件夹就是整个网站，不需要互联网：把它原样复制到内网的静态网站服务器上，
作为网站根目录或其中一个子目录即可。它包含 {count} 个网站文件，另有本说明、
清单 {manifest} 和核对程序 verify_site.py。

一、核对文件是否完整（复制到服务器后也可以再核对一次）

  在本文件夹中运行下面任意一条命令：

    python3 verify_site.py .
        （需要 Python 3.8 或更高版本，只用标准库；Windows 上用 py verify_site.py .）
        逐个报告缺少的文件、被改动的文件和清单之外多出的文件。
        退出码 0 表示完整，1 表示有文件缺少或被改动，2 表示用法不对或找不到清单。

    sha256sum -c {manifest}
        （Linux 自带的 coreutils，不需要 Python；每个文件应显示“成功”或 OK）

  多出的文件只作提示，不影响核对结论；缺少或被改动的文件请从镜像包重新复制。
  例外：旧版本留下的预压缩文件（网站文件名加 .gz 或 .br、不在清单中）会被服务器
  当作该文件发送，核对程序把它们列为问题，请删除。

二、提供访问

  服务器须把 .wasm 按 application/wasm、.mjs 按 JavaScript 类型（如 text/javascript）
  发送，否则“支部自查”无法运行；网页的链接以 .html 结尾。
  文件旁的 .gz、.br 是压缩好的副本（预压缩文件）：按部署指南设置的 nginx、Apache
  直接发送它们，不再现场压缩；其他服务器不使用它们，留着无妨。更新网站时请整个替换
  文件夹，不要复制到旧文件夹上覆盖。
  nginx、Apache、IIS 的配置、缓存与内容安全策略，见网站中“关于本站 → 部署指南”页
  （即本文件夹中的 {guide}；配置样例也在 deploy/ 文件夹中）。

  临时试用：在本文件夹中运行 python3 -m http.server 8000，
  再用浏览器打开 http://127.0.0.1:8000/ 。
  直接双击 index.html 也可以阅读和搜索，但支部自查需要通过 http 访问。
"""


@dataclass(frozen=True)
class Bundle:
    """What goes into the zip: the folder name and every (path, bytes) under it, sorted."""

    name: str
    files: list[tuple[str, bytes]]
    fingerprint: str


@dataclass(frozen=True)
class Written:
    path: Path
    files: int  # every file in the zip
    site_files: int  # of which the site's own (not the manifest, verifier, README)
    size: int
    site_bytes: int
    rebuilt: bool


def is_build_stamp(path: Path) -> bool:
    """site/.build-stamp, assets/pyodide/.zhibu-stamp and the like: build bookkeeping, not the site."""
    return path.name.startswith(".") and path.name.endswith("stamp")


def site_files(site: Path) -> list[tuple[str, bytes]]:
    """Every file of the built site as (relative path with `/`, bytes), sorted, stamps left out."""
    files = []
    for path in site.rglob("*"):
        if path.is_dir() or is_build_stamp(path):
            continue
        name = path.relative_to(site).as_posix()
        if "\n" in name or "\\" in name or name in (MANIFEST, README, VERIFIER.name):
            sys.exit(f"镜像包不能收录文件 {path}：文件名含换行或反斜杠，或与镜像包的附带文件重名。")
        files.append((name, path.read_bytes()))
    if not any(name == "index.html" for name, _ in files):
        sys.exit(f"{site} 中没有 index.html：请先构建网站（./scripts/build）。")
    return sorted(files)


def manifest(files: list[tuple[str, bytes]]) -> str:
    """`sha256sum` text-mode lines, one per file."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files)


def versions() -> tuple[str, str]:
    """(rubric version, engine version) of the zhibu package the site was built with."""
    rubric = json.loads(resources.files("zhibu").joinpath("data/rubric.json").read_text(encoding="utf-8"))
    return str(rubric["version"]), zhibu.__version__


def plan(site: Path) -> Bundle:
    """The bundle for `site`: its name changes whenever anything that goes into the zip changes."""
    files = site_files(site)
    rubric, engine = versions()
    verifier = VERIFIER.read_bytes()
    digest = hashlib.sha256()
    for part in (manifest(files).encode(), verifier, README_TEXT.encode(), Path(__file__).read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    fingerprint = digest.hexdigest()
    name = f"{PREFIX}r{rubric}-e{engine}-{fingerprint[:10]}"
    readme = README_TEXT.format(
        name=name, rubric=rubric, engine=engine, count=len(files), manifest=MANIFEST, guide=GUIDE
    ).replace("\n", "\r\n")
    files = sorted([*files, (README, "\ufeff".encode() + readme.encode()), (VERIFIER.name, verifier)])
    return Bundle(name, [*files, (MANIFEST, manifest(files).encode())], fingerprint)


def _entry(arcname: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(arcname, date_time=ZIP_TIME)
    info.create_system = 3  # Unix, so the permissions below apply when unzipped
    info.external_attr = mode << 16
    return info


def write_zip(bundle: Bundle, target: Path) -> None:
    """The zip of `bundle` at `target`: sorted entries, fixed times and modes, so identical bytes."""
    dirs = {bundle.name}
    for name, _ in bundle.files:
        parts = name.split("/")[:-1]
        dirs.update("/".join([bundle.name, *parts[:i]]) for i in range(1, len(parts) + 1))
    entries = [(f"{d}/", None) for d in dirs] + [(f"{bundle.name}/{n}", data) for n, data in bundle.files]
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for arcname, data in sorted(entries, key=lambda entry: entry[0]):
            if data is None:
                info = _entry(arcname, DIR_MODE)
                info.external_attr |= 0x10  # MS-DOS directory flag
                archive.writestr(info, b"")
            else:
                archive.writestr(_entry(arcname, FILE_MODE), data, zipfile.ZIP_DEFLATED, 9)
    tmp.replace(target)


def build(site: Path, dist: Path, force: bool = False) -> Written:
    """Write the zip into `dist` unless the stamp says it is already there; drop older zips."""
    bundle = plan(site)
    target = dist / f"{bundle.name}.zip"
    stamp = dist / STAMP_NAME
    own = [data for name, data in bundle.files if name not in (MANIFEST, README, VERIFIER.name)]
    fresh = target.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == bundle.fingerprint
    if not fresh or force:
        dist.mkdir(parents=True, exist_ok=True)
        stamp.unlink(missing_ok=True)
        write_zip(bundle, target)
        for old in dist.glob(f"{PREFIX}*.zip"):
            if old != target:
                old.unlink()
        stamp.write_text(bundle.fingerprint + "\n", encoding="utf-8")
    size = target.stat().st_size
    return Written(target, len(bundle.files), len(own), size, sum(map(len, own)), rebuilt=not fresh or force)


def report(done: Written) -> str:
    """The line scripts/build prints."""
    shown = done.path.relative_to(ROOT) if done.path.is_relative_to(ROOT) else done.path
    state = "已写出" if done.rebuilt else "已是最新（无改动，跳过）"
    return (
        f"镜像包 {shown} {state}：{done.size / 1e6:.1f} MB（{done.size:,} 字节），"
        f"共 {done.files} 个文件，其中网站文件 {done.site_files} 个、原大小 {done.site_bytes / 1e6:.1f} MB"
    )
