"""Every label and number a scheme shows is the document's (quoted) or marked 本站默认 (issue 15).

Derived from the scheme declarations: a new scheme, band or line is held to the same rule
without this file changing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from zhibu.model import Scheme
from zhibu.rubric import default_rubric

RUBRIC = default_rubric()
SCHEMES = list(RUBRIC.schemes.values())
SPACE = re.compile(r"\s+")


def document_text(scheme: Scheme) -> str:
    """The document's own text (the project's copy of the source), whitespace removed."""
    return SPACE.sub("", (ROOT / "sources" / f"{scheme.id}.txt").read_text(encoding="utf-8"))


def labels(scheme: Scheme) -> list[str]:
    verdict = scheme.verdict
    return [b["label"] for b in verdict.get("bands", ())] + [verdict[k] for k in ("pass", "fail") if k in verdict]


def numbers(scheme: Scheme) -> list[float]:
    """The lines and the scale the card prints (a band from 0 is the rest, not a line)."""
    verdict = scheme.verdict
    lines = [b["min"] for b in verdict.get("bands", ()) if b["min"]] + ([verdict["min"]] if "min" in verdict else [])
    return [*lines, scheme.scale]


@pytest.mark.parametrize("scheme", SCHEMES, ids=[s.id for s in SCHEMES])
def test_every_label_is_the_documents_word_or_marked(scheme: Scheme) -> None:
    text, defaults = document_text(scheme), "".join(scheme.site_defaults)
    for label in labels(scheme):
        assert label in text or label in defaults, f"{scheme.id}: “{label}” is neither in the document nor 本站默认"


@pytest.mark.parametrize("scheme", SCHEMES, ids=[s.id for s in SCHEMES])
def test_every_line_and_the_scale_are_marked_as_the_sites(scheme: Scheme) -> None:
    # No document scores this site's items: its lines and scale are the site's, whatever the
    # document's own 评估表 says (苏州's 95 is for a table the text does not print).
    defaults = "".join(scheme.site_defaults)
    for n in numbers(scheme):
        assert re.search(rf"(?<!\d){n:g}(?!\d)", defaults), f"{scheme.id}: {n:g} is not marked 本站默认"


@pytest.mark.parametrize("scheme", SCHEMES, ids=[s.id for s in SCHEMES])
def test_the_branch_types_are_marked_as_the_sites_reading(scheme: Scheme) -> None:
    # No document lists the site's nine branch types: which apply is the site's reading.
    assert any(d.startswith("适用的支部类型") for d in scheme.site_defaults), scheme.id


@pytest.mark.parametrize("scheme", SCHEMES, ids=[s.id for s in SCHEMES])
def test_the_card_prints_each_default_as_such(scheme: Scheme, site_dir: Path) -> None:
    page = (site_dir / f"documents/{scheme.id}.html").read_text(encoding="utf-8")
    card = page[page.index(f'id="scheme-{scheme.id}"') :]
    card = SPACE.sub("", read_text_of(card[: card.index("</div>")]))
    assert f"适用的支部类型（本站默认）：{'、'.join(scheme.branch_types)}" in card
    for default in scheme.site_defaults:
        assert f"本站默认：{SPACE.sub('', default)}" in card


def read_text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_first_grading_cap_is_declared_as_the_document_words_it() -> None:
    (cap,) = RUBRIC.schemes["hefei"].caps
    assert cap.first_grading and "首次定级" in cap.text and cap.text in document_text(RUBRIC.schemes["hefei"])
