"""Where a roll-up's records come from: files, folders, JSON Lines files and zips of them.

A record is (source name, text): one answers file, one line of a JSON Lines file, one entry of a
zip. JSON Lines files are read a block of whole lines at a time (`Lines`), so a hundred thousand
records never sit in memory at once, and a block travels to a scoring process as one piece.
Anything that cannot be read comes through as `Unreadable`, to be listed, never to stop the rest.
"""

from __future__ import annotations

import errno
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..answers import MAX_BYTES

SUFFIXES = (".json", ".jsonl", ".zip")
BLOCK = 1 << 20  # bytes of a JSON Lines file read (and sent to a scoring process) at a time


@dataclass(frozen=True)
class Unreadable:
    """A record that could not even be read (a missing file, a broken zip), with the reason."""

    reason: str


Record = tuple[str, "str | bytes | Unreadable"]


@dataclass(frozen=True, slots=True)
class Lines:
    """Whole lines of a JSON Lines file, the first of them line `first`: many records read as one
    block, so that a large file reaches the scoring processes in a few big pieces."""

    name: str
    first: int
    data: bytes

    def records(self) -> Iterator[Record]:
        for n, line in enumerate(self.data.split(b"\n"), self.first):
            if line.strip():
                yield f"{self.name}:{n}", line


Source = Record | Lines


def expand(sources: Iterable[Source]) -> Iterator[Record]:
    """Every record, a block of lines opened into its lines."""
    for source in sources:
        if isinstance(source, Lines):
            yield from source.records()
        else:
            yield source


def records_in(name: str, data: bytes) -> Iterator[Source]:
    """The records of one uploaded or found file: an answers file, JSON Lines, or a zip of them."""
    if name.endswith(".jsonl"):
        yield Lines(name, 1, data)
    elif name.endswith(".zip"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            entries = sorted(i.filename for i in archive.infolist() if not i.is_dir())
        except zipfile.BadZipFile:
            yield name, Unreadable("不是有效的 zip 文件")
            return
        for entry in entries:
            if entry.endswith((".json", ".jsonl")):
                info = archive.getinfo(entry)
                body = archive.read(entry) if info.file_size <= 50 * MAX_BYTES else b" " * (MAX_BYTES + 1)
                yield from records_in(f"{name}/{entry}", body)
    else:
        yield name, data


def read_records(paths: Sequence[str]) -> Iterator[Source]:
    """(source, text) for every answers file, and blocks of whole lines of JSON Lines files
    (a record a line; see `Lines`), for files and folders.

    A path that is not there comes through as Unreadable, to be listed, not to stop the rest.
    """
    for path in paths:
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.suffix in SUFFIXES) if p.is_dir() else [p]
        for f in files:
            if not f.is_file():
                yield str(f), Unreadable(_not_a_file(f))
                continue
            try:
                yield from _read(f)
            except OSError as err:  # no permission, removed meanwhile, a device: listed, the rest goes on
                yield str(f), Unreadable(_os_reason(err))


def _not_a_file(f: Path) -> str:
    """Why a path named for the roll-up is not a file it can read, in the committee's words."""
    if f.is_symlink():
        try:
            f.resolve(strict=True)
        except RuntimeError:
            return "符号链接形成循环"
        except OSError as err:
            return "符号链接形成循环" if err.errno == errno.ELOOP else "符号链接指向的文件不存在"
        return "符号链接指向的不是普通文件"
    if f.is_dir():
        return "这是一个文件夹，不是文件"
    if f.exists():
        return "不是普通文件（设备、管道等）"
    return "找不到文件"


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "没有读取这个文件的权限"
    if isinstance(err, FileNotFoundError):
        return "找不到文件（读取时已被移走或删除）"
    if isinstance(err, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    return f"读取失败（错误代码 {err.errno}）"


def _read(f: Path) -> Iterator[Source]:
    """The records of one file found for the roll-up."""
    if f.suffix == ".jsonl":
        with f.open("rb") as handle:  # streamed: a large collection is never read whole
            first = 1
            while block := handle.read(BLOCK):
                block += handle.readline()  # to the end of the line the block stopped in
                yield Lines(str(f), first, block)
                first += block.count(b"\n")
    elif f.suffix == ".zip":
        yield from records_in(str(f), f.read_bytes())
    else:
        with f.open("rb") as handle:
            yield str(f), handle.read(MAX_BYTES + 1)
