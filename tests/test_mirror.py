"""The mirror bundle: a deterministic zip of the site that an administrator unzips, verifies and serves."""

from __future__ import annotations

import ast
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, Response, expect

from tests.support.paths import ROOT
from tests.support.selfcheck import open_selfcheck
from tests.support.servers import serve
from zhibu_build import mirror as build_mirror
from zhibu_build import verify_site

SUMMARY_OK = "核对文件夹：.\n清单 SHA256SUMS 列出 {n} 个文件。\n结论：完整。清单中的 {n} 个文件全部存在且未被改动。\n"


@pytest.fixture(scope="module")
def bundle(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> build_mirror.Written:
    """The zip of the built site, written by the same function scripts/build calls, into a tmp folder."""
    return build_mirror.build(site_dir, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def mirror(bundle: build_mirror.Written, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unzipped, as an administrator would: its one top-level folder (left untouched by tests)."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle.path) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


@pytest.fixture
def copy(mirror: Path, tmp_path: Path) -> Path:
    """A private copy of the unzipped mirror for a test that damages it."""
    return Path(shutil.copytree(mirror, tmp_path / mirror.name))


def listed(folder: Path) -> int:
    return len((folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines())


def verify(folder: Path, python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    """Run the verifier shipped inside the mirror, from inside the mirror, as the README says."""
    return subprocess.run(
        [python, "verify_site.py", "."], cwd=folder, capture_output=True, text=True, encoding="utf-8", check=False
    )


# --- The zip ---------------------------------------------------------------------------------


def test_scripts_build_wrote_the_same_zip_into_dist(site_dir: Path, bundle: build_mirror.Written) -> None:
    # site_dir ran ./scripts/build; its zip is byte for byte the one built here from the same site.
    written = ROOT / "dist" / bundle.path.name
    assert written.read_bytes() == bundle.path.read_bytes()
    assert sorted(p.name for p in (ROOT / "dist").glob("zhibu-site-*.zip")) == [bundle.path.name]
    rubric, engine = build_mirror.versions()
    assert bundle.path.name.startswith(f"zhibu-site-r{rubric}-e{engine}-")


def test_zip_is_one_folder_with_every_site_file_and_no_stamp(site_dir: Path, bundle: build_mirror.Written) -> None:
    folder = bundle.path.name.removesuffix(".zip")
    with zipfile.ZipFile(bundle.path) as archive:
        names = [i.filename for i in archive.infolist() if not i.is_dir()]
        verifier = archive.read(f"{folder}/verify_site.py")
        readme = archive.read(f"{folder}/README.txt").decode("utf-8-sig")
    assert all(n.startswith(f"{folder}/") for n in names)
    inside = {n.removeprefix(f"{folder}/") for n in names}
    site = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    stamps = {".build-stamp"}
    assert stamps <= site  # the build leaves this in site/ ...
    assert inside == (site - stamps) | {"SHA256SUMS", "verify_site.py", "README.txt"}  # ... and the zip leaves it out
    assert names == sorted(names)
    assert verifier == (ROOT / "zhibu_build" / "verify_site.py").read_bytes()  # one source, copied
    for words in ("python3 verify_site.py .", "sha256sum -c SHA256SUMS", "关于本站 → 部署指南", folder):
        assert words in readme
    assert build_mirror.GUIDE in readme and build_mirror.GUIDE in inside  # the page it points to is there
    assert bundle.files == len(names) and bundle.site_files == len(site - stamps)


def write_site(folder: Path, files: dict[str, bytes], mtime: int) -> Path:
    for name in sorted(files, reverse=mtime % 2 == 0):  # a different creation order each time
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
        os.utime(path, (mtime, mtime))
    return folder


SMALL_SITE = {
    "index.html": "<h1>党支部建设标准</h1>".encode(),
    "assets/app.js": b"console.log(1)\n",
    "assets/pyodide/.zhibu-stamp": b"0123\n",
    "topics/a.html": "<p>三会一课</p>".encode(),
    ".build-stamp": b"abcd\n",
}


def test_same_site_gives_the_same_bytes_whatever_the_file_times(tmp_path: Path) -> None:
    first = build_mirror.build(write_site(tmp_path / "s1", SMALL_SITE, 1_000_000_000), tmp_path / "d1")
    second = build_mirror.build(write_site(tmp_path / "s2", SMALL_SITE, 1_700_000_001), tmp_path / "d2")
    assert first.path.name == second.path.name
    assert first.path.read_bytes() == second.path.read_bytes()
    with zipfile.ZipFile(first.path) as archive:
        assert {i.date_time for i in archive.infolist()} == {build_mirror.ZIP_TIME}
        assert not [n for n in archive.namelist() if n.endswith("stamp")]


def test_zip_is_written_only_when_the_site_changed(tmp_path: Path) -> None:
    site, dist = write_site(tmp_path / "site", SMALL_SITE, 1_000_000_000), tmp_path / "dist"
    first = build_mirror.build(site, dist)
    before = first.path.stat().st_mtime_ns
    again = build_mirror.build(site, dist)
    assert (first.rebuilt, again.rebuilt) == (True, False)
    assert again.path.stat().st_mtime_ns == before
    (site / ".build-stamp").write_text("changed\n")  # a stamp is not content
    assert not build_mirror.build(site, dist).rebuilt
    (site / "topics" / "a.html").write_text("<p>三会一课（修订）</p>", encoding="utf-8")
    changed = build_mirror.build(site, dist)
    assert changed.rebuilt and changed.path.name != first.path.name
    assert [p.name for p in dist.glob("*.zip")] == [changed.path.name]  # the stale zip is gone


# --- The verifier on real files --------------------------------------------------------------


def test_complete_mirror_passes(mirror: Path) -> None:
    done = verify(mirror)
    assert (done.returncode, done.stdout, done.stderr) == (0, SUMMARY_OK.format(n=listed(mirror)), "")


def test_sha256sum_accepts_the_manifest(mirror: Path) -> None:
    if not shutil.which("sha256sum"):
        pytest.skip("coreutils sha256sum not installed")
    done = subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=mirror, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK\n") == listed(mirror)


def test_missing_file_is_named_and_fails(copy: Path) -> None:
    (copy / "assets" / "pyodide" / "pyodide.asm.wasm").unlink()
    done = verify(copy)
    assert done.returncode == 1
    assert "缺少 1 个文件：\n  assets/pyodide/pyodide.asm.wasm\n" in done.stdout
    assert done.stdout.endswith("结论：不完整（缺少 1 个）。请从镜像包重新复制上面列出的文件后再核对。\n")


def test_altered_byte_is_named_and_fails(copy: Path) -> None:
    page = copy / "documents" / "weihai.html"
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 0x01
    page.write_bytes(bytes(data))
    done = verify(copy)
    assert done.returncode == 1
    assert "1 个文件已被改动（SHA-256 与清单不一致）：\n  documents/weihai.html\n" in done.stdout
    assert done.stdout.endswith("结论：不完整（改动 1 个）。请从镜像包重新复制上面列出的文件后再核对。\n")


def test_extra_file_is_a_warning_only(copy: Path) -> None:
    (copy / "uploads").mkdir()
    (copy / "uploads" / "通知.txt").write_text("内网通知", encoding="utf-8")
    done = verify(copy)
    assert done.returncode == 0
    assert "提示：1 个文件不在清单中（多出的文件不影响核对结论）：\n  uploads/通知.txt\n" in done.stdout
    assert done.stdout.endswith(f"结论：完整。清单中的 {listed(copy)} 个文件全部存在且未被改动。\n")


def test_folder_without_manifest_is_bad_usage_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "verify_site.py").write_bytes((ROOT / "zhibu_build" / "verify_site.py").read_bytes())
    done = verify(tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "找不到清单文件 SHA256SUMS：“.”不是从镜像包解压出的网站文件夹，或者清单已被删除。\n"


def old_python() -> str | None:
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(versions.glob("3.8.*/bin/python3"))
    return str(found[-1]) if found else None


def test_verifier_runs_on_python_3_8(copy: Path) -> None:
    python = old_python()
    if python is None:
        pytest.skip("no Python 3.8 under pyenv")
    assert verify(copy, python).returncode == 0
    (copy / "index.html").unlink()
    done = verify(copy, python)
    assert done.returncode == 1 and "缺少 1 个文件：\n  index.html\n" in done.stdout


def test_verifier_source_is_python_3_8_syntax() -> None:
    ast.parse((ROOT / "zhibu_build" / "verify_site.py").read_text(encoding="utf-8"), feature_version=(3, 8))


def run_verifier(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = verify_site.run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (f"{'0' * 64}  ../etc/passwd\n", "清单文件 SHA256SUMS 第 1 行格式不对：" + "0" * 64 + "  ../etc/passwd"),
        (f"{'0' * 64}  index.html\nnot a line\n", "清单文件 SHA256SUMS 第 2 行格式不对：not a line"),
        (f"{'0' * 64}  index.html\n{'1' * 64}  index.html\n", "清单文件 SHA256SUMS 第 2 行重复列出了 index.html。"),
        ("\n", "清单文件 SHA256SUMS 是空的，无法核对。"),
    ],
    ids=["outside-the-folder", "malformed", "duplicate", "empty"],
)
def test_unusable_manifest_is_bad_usage(tmp_path: Path, manifest: str, message: str) -> None:
    (tmp_path / "index.html").write_text("x")
    (tmp_path / "SHA256SUMS").write_text(manifest, encoding="utf-8")
    assert run_verifier(str(tmp_path)) == (2, "", message + "\n")


def test_bad_arguments_show_the_chinese_usage(tmp_path: Path) -> None:
    for argv in ((), ("a", "b"), ("--quick",)):
        code, out, err = run_verifier(*argv)
        assert (code, out) == (2, "")
        assert err.startswith("用法：python3 verify_site.py 文件夹\n")
    assert run_verifier(str(tmp_path / "无此文件夹")) == (2, "", f"找不到文件夹：{tmp_path / '无此文件夹'}\n")
    code, out, err = run_verifier("--help")
    assert (code, err) == (0, "") and "退出码：0 完整；1 有文件缺少或被改动；2 用法不对或清单不可用。" in out


# --- Served from the unzipped copy, used in Chromium -----------------------------------------


@pytest.mark.browser
def test_unzipped_mirror_serves_the_selfcheck_and_documents(page: Page, mirror: Path) -> None:
    failures: list[str] = []  # a file the mirror lacks shows up here as a 404 or a failed request

    def check(response: Response) -> None:
        if response.status >= 400:
            failures.append(f"{response.status} {response.url}")

    def failed(request: Request) -> None:
        # ERR_ABORTED is a request the page itself gave up: the HEAD probes of the runtime files,
        # or the search worker's scripts cut off by going to the next page. A file the mirror
        # lacks is a 404 (above); any other failure (refused, reset) counts.
        if request.failure != "net::ERR_ABORTED":
            failures.append(f"{request.failure} {request.url}")

    page.on("response", check)
    page.on("requestfailed", failed)
    with serve(mirror) as url:
        open_selfcheck(page, url)
        expect(page.locator(".selfcheck-panel")).to_be_visible()
        page.goto(f"{url}/documents/weihai.html", wait_until="networkidle")
        expect(page.locator("h1")).to_contain_text("威海")
        expect(page.locator("#weihai-3-3-9")).to_have_count(1)
        assert page.evaluate("location.href").startswith(url)
    assert failures == []


@pytest.mark.browser
def test_mirror_works_in_a_subfolder_of_the_web_root(page: Page, mirror: Path) -> None:
    # The README says the folder may be a sub-directory of the server's root: every URL is relative.
    with serve(mirror.parent) as url:
        open_selfcheck(page, f"{url}/{mirror.name}")
        expect(page.locator(".selfcheck-panel")).to_be_visible()
