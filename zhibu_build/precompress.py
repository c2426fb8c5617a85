"""Pre-compressed copies beside the built site's files: `x.gz` (zopfli) and `x.br` (brotli, quality 11).

A server that sends a file's pre-compressed copy when the browser accepts it (nginx `gzip_static` /
`brotli_static`, the mod_rewrite recipe in deploy/apache.conf) sends fewer bytes than its own
on-the-fly gzip and spends no CPU on it. Run by scripts/build after mkdocs has written site/ and
before the mirror zip (`zhibu-build precompress`), so the zip carries the copies too.

A copy is written for a file of at least MIN_SIZE bytes with one of EXTENSIONS, only when it is at
least MIN_SAVING smaller than the file (a deflated zip or wheel gains 0.5–3 %: not worth a second
copy of itself in the site and the mirror zip). The same file always gives the same copy (gzip header with time 0 and no
name), so builds stay reproducible. The copy gets the file's modification time.

Compressing is slow (about 25 s for brotli and 14 s for zopfli on the 9.6 MB pyodide.asm.wasm), so it
runs in one process per core and every result is cached by content: mkdocs empties site/ on each
build, and the rebuilt site's unchanged files take their copies from the cache. The cache is the
user's (~/.cache/zhibu-site/precompress, or under $XDG_CACHE_HOME), not the work tree's, so a fresh
clone on the same machine (CI's) finds it warm; an entry is named by the content and the settings,
so clones and versions never mix. Entries no build has used for CACHE_DAYS days are deleted.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import brotli
import zopfli.gzip

from . import ROOT

SITE = ROOT / "site"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhibu-site" / "precompress"
EXTENSIONS = frozenset(
    {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".txt", ".xml", ".map", ".zip", ".whl"}
)
MIN_SIZE = 1024  # smaller files gain a few hundred bytes at most (nginx's gzip_min_length is the same)
# Pyodide's full standard library: the engine starts on its own precompiled one and fetches this only
# when a module outside it is imported (worker.js), almost never. Tier 2's is stored, not deflated,
# and would take ~40 s of CPU to compress on every cold build; servers still gzip it on the fly.
SKIPPED = frozenset({"python_stdlib.zip"})
MIN_SAVING = 0.05  # a copy must be at least 5 % smaller than the file
CACHE_DAYS = 14
FORMAT = 1  # bump when the choice of copies changes, so no old cache entry is reused
ZOPFLI_ITERATIONS = 5  # zopfli's default 15 saves under 0.1 % more here, in 40–60 % more time


def gzip_best(data: bytes) -> bytes:
    """The smallest gzip we can make: zopfli, in a gzip header with time 0 and no file name."""
    return bytes(zopfli.gzip.compress(data, numiterations=ZOPFLI_ITERATIONS))


def brotli_best(data: bytes) -> bytes:
    """Brotli at its highest quality (11), default window."""
    return bytes(brotli.compress(data, quality=11))


@dataclass(frozen=True)
class Encoding:
    """One kind of copy: its suffix, what makes it (named in the cache key), how to make it."""

    suffix: str
    maker: str
    compress: Callable[[bytes], bytes]


ENCODINGS = (
    Encoding(".br", f"brotli-{brotli.version}-q11", brotli_best),
    Encoding(".gz", f"zopfli-{zopfli.__version__}-i{ZOPFLI_ITERATIONS}", gzip_best),
)


@dataclass(frozen=True)
class Report:
    files: int  # files considered (compressible extension, at least MIN_SIZE)
    written: dict[str, int]  # copies in the site after the run, by suffix
    sizes: dict[str, int]  # their bytes, by suffix
    compressed: int  # copies computed in this run (the rest came from the cache)
    seconds: float


def candidates(site: Path) -> list[Path]:
    """Every file of `site` that gets copies: a compressible extension and at least MIN_SIZE bytes."""
    return sorted(
        p
        for p in site.rglob("*")
        if p.suffix in EXTENSIONS
        and p.name not in SKIPPED
        and p.is_file()
        and not p.is_symlink()
        and p.stat().st_size >= MIN_SIZE
    )


def cache_key(data: bytes, encoding: Encoding) -> str:
    """The cache entry's name: the file's content and everything that decides its copy."""
    rule = f"{FORMAT} {encoding.maker} {MIN_SAVING}".encode()
    return hashlib.sha256(rule + b"\0" + hashlib.sha256(data).digest()).hexdigest() + encoding.suffix


def worth(copy: bytes, original: int) -> bool:
    return len(copy) <= original * (1 - MIN_SAVING)


def _make(job: tuple[Path, int, Path]) -> None:
    """Compress one file into its cache entry (an empty entry: no copy worth writing). Runs in a worker."""
    source, index, entry = job
    data = source.read_bytes()
    copy = ENCODINGS[index].compress(data)
    _write(entry, copy if worth(copy, len(data)) else b"")


def _write(path: Path, data: bytes) -> None:
    """Write atomically, so an interrupted build never leaves half a file for a server or the cache
    (the temporary name is the process's own: two builds may fill the same cache entry at once)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _run(jobs: list[tuple[Path, int, Path]], workers: int) -> None:
    jobs.sort(key=lambda job: job[0].stat().st_size, reverse=True)  # the largest first: the cores finish together
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            _make(job)
        return
    # brotli and zopfli hold the interpreter lock while they work: processes, not threads.
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=get_context("spawn")) as pool:
        list(pool.map(_make, jobs))


def _prune(cache: Path, used: Iterable[Path]) -> None:
    keep = set(used)
    old = time.time() - CACHE_DAYS * 86_400
    for entry in cache.iterdir():
        if entry not in keep and entry.is_file() and entry.stat().st_mtime < old:
            entry.unlink(missing_ok=True)  # another build may be pruning too


def precompress(site: Path = SITE, cache: Path = CACHE, workers: int | None = None) -> Report:
    """Write the `.br` and `.gz` copies of `site`'s files, compressing only what the cache lacks.

    A copy already in place with the right bytes is left as it is; nothing is deleted from `site`
    (mkdocs empties it before each build, so no copy outlives its file there).
    """
    start = time.perf_counter()
    cache.mkdir(parents=True, exist_ok=True)
    plan: list[tuple[Path, Encoding, Path]] = []
    jobs: list[tuple[Path, int, Path]] = []
    for source in candidates(site):
        data = source.read_bytes()
        for index, encoding in enumerate(ENCODINGS):
            entry = cache / cache_key(data, encoding)
            plan.append((source, encoding, entry))
            try:
                os.utime(entry)  # used now: no build prunes it
            except FileNotFoundError:
                jobs.append((source, index, entry))
    _run(jobs, workers or os.cpu_count() or 1)
    written = {e.suffix: 0 for e in ENCODINGS}
    sizes = {e.suffix: 0 for e in ENCODINGS}
    for source, encoding, entry in plan:
        copy = entry.read_bytes()
        if not copy:
            continue
        target = source.with_name(source.name + encoding.suffix)
        if not target.is_file() or target.read_bytes() != copy:
            _write(target, copy)
        stat = source.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        written[encoding.suffix] += 1
        sizes[encoding.suffix] += len(copy)
    _prune(cache, (entry for _, _, entry in plan))
    return Report(len(plan) // len(ENCODINGS), written, sizes, len(jobs), time.perf_counter() - start)


def report(done: Report) -> str:
    """The line scripts/build prints."""
    copies = "、".join(
        f"{suffix} {done.written[suffix]} 个（{done.sizes[suffix] / 1e6:.1f} MB）" for suffix in sorted(done.written)
    )
    fresh = f"本次压缩 {done.compressed} 份，其余取自缓存" if done.compressed else "全部取自缓存"
    return f"预压缩：{done.files} 个文件，写出 {copies}；{fresh}，用时 {done.seconds:.1f} 秒"
