"""Pre-compressed copies (issue 17): the build writes `x.br` and `x.gz` beside the site's files, and
nginx and Apache, set up as the 部署指南 says, send them in place of `x` when the browser accepts them.

The servers are Debian's nginx (with its brotli_static module when installed, the guide's optional
line switched on) and Apache, each running the guide's own published file (tests/support/servers.py).
A response that is the copy byte for byte, as long as the copy file, proves the server sent the file
the build wrote rather than compressing on the fly.
"""

from __future__ import annotations

import gzip
import http.client
import io
import os
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from tests.support.paths import ROOT, html_pages
from tests.support.servers import nginx, nginx_brotli_module
from zhibu_build import precompress, verify_site

RUNTIME = ("assets/pyodide/pyodide.asm.wasm", "assets/pyodide/pyodide.asm.mjs", "assets/pyodide/pyodide.mjs")
WEEK = "public, max-age=604800"
# (path, content types a browser accepts for it, Cache-Control of the original)
SERVED = {
    "wasm": ("/assets/pyodide/pyodide.asm.wasm", ("application/wasm",), WEEK),
    "mjs": ("/assets/pyodide/pyodide.asm.mjs", ("text/javascript", "application/javascript"), WEEK),
    "page": ("/self-check/index.html", ("text/html",), "no-cache"),
}
SUFFIX = {"br": ".br", "gzip": ".gz"}
NO_BROTLI_MODULE = "nginx 的 brotli_static 模块未安装（Debian: apt-get install libnginx-mod-http-brotli-static；./scripts/test 会安装）"


def unpack(encoding: str, data: bytes) -> bytes:
    return bytes(brotli.decompress(data)) if encoding == "br" else gzip.decompress(data)


def get(base: str, path: str, accept: str | None) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One GET with the given Accept-Encoding (None: no such header); the body as sent, not decoded."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": accept} if accept else {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


# --- the build -----------------------------------------------------------------------------


def test_the_build_wrote_copies_that_unpack_to_their_files(site_dir: Path) -> None:
    wrong, copies = [], 0
    for source in precompress.candidates(site_dir):
        data = source.read_bytes()
        for encoding, suffix in SUFFIX.items():
            copy = source.with_name(source.name + suffix)
            if not copy.is_file():
                continue
            copies += 1
            packed = copy.read_bytes()
            if unpack(encoding, packed) != data:
                wrong.append(f"{copy.relative_to(site_dir)}：解压后与原文件不同")
            if not precompress.worth(packed, len(data)):
                wrong.append(f"{copy.relative_to(site_dir)}：{len(packed)} 字节，原文件 {len(data)} 字节")
            if suffix == ".gz" and packed[3:8] != b"\0" * 5:
                wrong.append(f"{copy.relative_to(site_dir)}：gzip 头中有文件名或时间（同样的文件须得到同样的字节）")
            if copy.stat().st_mtime_ns != source.stat().st_mtime_ns:
                wrong.append(f"{copy.relative_to(site_dir)}：修改时间与原文件不同")
    assert wrong == []
    assert copies > 100
    needed = [*RUNTIME, *(p.relative_to(site_dir).as_posix() for p in html_pages(site_dir))]
    missing = [
        f"{name}{suffix}"
        for name in needed
        for suffix in SUFFIX.values()
        if not (site_dir / f"{name}{suffix}").is_file()
    ]
    assert missing == []


def test_the_mirror_zip_carries_the_copies(site_dir: Path) -> None:
    (bundle,) = (ROOT / "dist").glob("zhibu-site-*.zip")
    with zipfile.ZipFile(bundle) as archive:
        folder = bundle.name.removesuffix(".zip")
        names = set(archive.namelist())
        manifest = archive.read(f"{folder}/SHA256SUMS").decode("utf-8")
    for name in RUNTIME:
        for suffix in SUFFIX.values():
            assert f"{folder}/{name}{suffix}" in names and f"  {name}{suffix}\n" in manifest


def write(site: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)


TEXT = "".join(f"<p>第 {i} 条：支部按期换届，三会一课记录完整。</p>\n" for i in range(200)).encode()
SMALL_SITE = {
    "index.html": TEXT,
    "assets/app.js": b"console.log('zhibu');\n" * 300,
    "assets/tiny.css": b"body{margin:0}",  # under MIN_SIZE: no copy
    "assets/noise.wasm": os.urandom(8_000),  # does not compress: no copy
    "assets/font.woff2": b"w" * 5_000,  # not a compressible extension: no copy
}


def copies_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.suffix in (".br", ".gz")
    }


def test_copies_only_where_worth_it_and_from_the_cache_when_unchanged(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, SMALL_SITE)
    first = precompress.precompress(site, cache, workers=1)
    made = copies_of(site)
    assert sorted(made) == ["assets/app.js.br", "assets/app.js.gz", "index.html.br", "index.html.gz"]
    assert (first.files, first.compressed, first.written) == (3, 6, {".br": 2, ".gz": 2})
    assert unpack("br", made["index.html.br"]) == TEXT and unpack("gzip", made["index.html.gz"]) == TEXT
    assert first.sizes[".br"] == len(made["index.html.br"]) + len(made["assets/app.js.br"])
    # mkdocs empties site/ and writes the same files again: every copy comes from the cache.
    for path in sorted(site.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    write(site, SMALL_SITE)
    again = precompress.precompress(site, cache, workers=1)
    assert again.compressed == 0 and copies_of(site) == made
    # A changed page is compressed again, in worker processes (as on a build with several cores).
    write(site, {"index.html": TEXT + b"<p>\xe6\x96\xb0</p>\n"})
    changed = precompress.precompress(site, cache, workers=2)
    assert changed.compressed == 2
    assert unpack("br", (site / "index.html.br").read_bytes()) == TEXT + b"<p>\xe6\x96\xb0</p>\n"
    assert "本次压缩 2 份" in precompress.report(changed)


def test_the_same_files_give_the_same_copies(tmp_path: Path) -> None:
    for name in ("a", "b"):  # two builds, each with its own cache
        write(tmp_path / name, {"index.html": TEXT})
        precompress.precompress(tmp_path / name, tmp_path / f"cache-{name}", workers=1)
    assert copies_of(tmp_path / "a") == copies_of(tmp_path / "b")


def test_cache_entries_unused_for_two_weeks_are_deleted(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, {"index.html": TEXT})
    cache.mkdir()
    old, recent = cache / ("0" * 64 + ".br"), cache / ("1" * 64 + ".gz")
    for entry in (old, recent):
        entry.write_bytes(b"x")
    long_ago = time.time() - (precompress.CACHE_DAYS + 1) * 86_400
    os.utime(old, (long_ago, long_ago))
    precompress.precompress(site, cache, workers=1)
    assert not old.exists() and recent.exists()
    used = [e for e in cache.iterdir() if e not in (recent,)]
    os.utime(used[0], (long_ago, long_ago))
    precompress.precompress(site, cache, workers=1)  # still used: kept, and marked used again
    assert used[0].exists() and used[0].stat().st_mtime > long_ago


# --- the verifier in the mirror: a stale copy is a problem ------------------------------------


def verified(folder: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = verify_site.run([str(folder)], out, err)
    return code, out.getvalue()


def mirrored(tmp_path: Path) -> Path:
    write(tmp_path, {"index.html": TEXT})
    manifest = "".join(f"{verify_site.file_sha256(str(tmp_path / n))}  {n}\n" for n in ("index.html",))
    (tmp_path / verify_site.MANIFEST).write_text(manifest, encoding="utf-8")
    return tmp_path


def test_verifier_accepts_an_extra_gz_of_the_same_content(tmp_path: Path) -> None:
    folder = mirrored(tmp_path)
    (folder / "index.html.gz").write_bytes(gzip.compress(TEXT))
    code, out = verified(folder)
    assert code == 0 and "提示：1 个文件不在清单中（多出的文件不影响核对结论）：\n  index.html.gz\n" in out


def test_verifier_fails_on_stale_precompressed_copies(tmp_path: Path) -> None:
    folder = mirrored(tmp_path)
    (folder / "index.html.gz").write_bytes(gzip.compress("<p>旧版本</p>".encode()))  # an older version's copy
    (folder / "index.html.br").write_bytes(b"\x00")  # cannot be checked with the standard library
    code, out = verified(folder)
    assert code == 1
    assert (
        f"2 个旧的预压缩文件不在清单中，请删除（{verify_site.STALE_WHY}）：\n  index.html.br\n  index.html.gz\n" in out
    )
    assert out.endswith("结论：不完整（旧的预压缩文件 2 个）。请删除上面列出的旧的预压缩文件后再核对。\n")


# --- the servers -----------------------------------------------------------------------------


@pytest.fixture(params=["nginx", "apache"])
def deployed(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(server, address): the site served by nginx, then by Apache, each with the guide's configuration."""
    url: str = request.getfixturevalue(f"{request.param}_server")
    return request.param, url


@pytest.mark.parametrize("accept", ["br", "gzip", "none"])
@pytest.mark.parametrize("kind", list(SERVED))
def test_the_server_sends_the_precompressed_file(
    deployed: tuple[str, str], site_dir: Path, kind: str, accept: str
) -> None:
    name, url = deployed
    if name == "nginx" and accept == "br" and nginx_brotli_module() is None:
        pytest.skip(NO_BROTLI_MODULE)
    path, types, cache = SERVED[kind]
    original = (site_dir / path.lstrip("/")).read_bytes()
    status, headers, body = get(url, path, None if accept == "none" else accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] in types
    assert "Accept-Encoding" in ", ".join(headers.get_all("Vary") or [])
    assert headers["Cache-Control"] == cache
    if accept == "none":
        assert (headers["Content-Encoding"], body == original) == (None, True)
        return
    copy = (site_dir / (path.lstrip("/") + SUFFIX[accept])).read_bytes()
    assert headers["Content-Encoding"] == accept
    assert int(headers["Content-Length"]) == len(body) == len(copy)  # the file itself, not compressed on the fly
    assert body == copy and unpack(accept, body) == original


def test_nginx_without_the_brotli_module_sends_the_gz(site_dir: Path) -> None:
    # The published nginx.conf as it is (brotli_static left commented out, no module loaded).
    wasm = site_dir / "assets/pyodide/pyodide.asm.wasm"
    with nginx(site_dir, brotli=False) as served:
        path = "/assets/pyodide/pyodide.asm.wasm"
        _, headers, body = get(served.url, path, "gzip, deflate, br")
        assert (headers["Content-Encoding"], headers["Content-Type"]) == ("gzip", "application/wasm")
        assert body == wasm.with_name(wasm.name + ".gz").read_bytes()
        _, headers, body = get(served.url, path, "br")
        assert (headers["Content-Encoding"], body == wasm.read_bytes()) == (None, True)
