"""The five document pages reproduce their source texts faithfully."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.support.html import read_page
from tests.support.paths import DOC_CODES, ROOT

SOURCES = ROOT / "sources"
MANIFEST: dict[str, Any] = tomllib.loads((SOURCES / "manifest.toml").read_text(encoding="utf-8"))
SEEDS = ROOT.parent / "shared" / "seeds"
SPACE = re.compile(r"\s+")  # includes U+3000 and U+00A0
SENTENCE_END = re.compile(r"(?<=[。；！？])")


def sentences(raw: str, artefacts: list[str]) -> list[str]:
    """Sentences of a source text, whitespace removed, artefact lines dropped."""
    out: list[str] = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or line in artefacts:
            continue
        out.extend(s for s in (SPACE.sub("", p) for p in SENTENCE_END.split(line)) if s)
    return out


def first_missing(wanted: list[str], text: str) -> str | None:
    """The first sentence not found after the previous one, or None when all are in order."""
    pos = 0
    for sentence in wanted:
        found = text.find(sentence, pos)
        if found < 0:
            return sentence
        pos = found + len(sentence)
    return None


def test_manifest_covers_every_document() -> None:
    assert sorted(MANIFEST) == sorted(DOC_CODES)


@pytest.mark.parametrize("code", DOC_CODES)
def test_source_copy_is_unchanged(code: str) -> None:
    data = (SOURCES / f"{code}.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == MANIFEST[code]["sha256"]
    seed = SEEDS / MANIFEST[code]["seed"]
    if seed.is_file():  # beside a checkout that has ../shared
        assert seed.read_bytes() == data


@pytest.mark.parametrize("code", DOC_CODES)
def test_every_sentence_appears_in_order(code: str, site_dir: Path) -> None:
    raw = (SOURCES / f"{code}.txt").read_text(encoding="utf-8")
    wanted = sentences(raw, MANIFEST[code]["artefacts"])
    assert len(wanted) > 20
    rendered = SPACE.sub("", read_page(site_dir / MANIFEST[code]["page"].replace(".md", ".html"), skip_notes=True).text)
    assert first_missing(wanted, rendered) is None


@pytest.mark.parametrize("code", DOC_CODES)
def test_artefacts_are_removed(code: str, site_dir: Path) -> None:
    page = (ROOT / "docs" / MANIFEST[code]["page"]).read_text(encoding="utf-8")
    for artefact in MANIFEST[code]["artefacts"]:
        assert f"\n{artefact}\n" not in page


def test_checker_finds_a_dropped_or_moved_sentence() -> None:
    wanted = ["甲。", "乙；", "丙。"]
    assert first_missing(wanted, "甲。乙；丙。") is None
    assert first_missing(wanted, "甲。丙。") == "乙；"
    assert first_missing(wanted, "乙；甲。丙。") == "乙；"
