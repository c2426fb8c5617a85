"""axe-core on a page as a reader sees it: serious and critical findings only."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.2's target size (24 px) is off in axe's defaults; Lighthouse checks it, so do we.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}, "resultTypes": ["violations"]}  # passes: not sent back
# Long lists on the self-check page skip layout while off screen (content-visibility: auto),
# so axe would measure stale boxes that overlap; a reader only ever sees them laid out.
# Set through the CSSOM, which a strict Content-Security-Policy allows.
# The self-check's score bar sticks to the bottom of a phone's screen, over whatever scrolls
# beneath it; axe would count each field passing under its button as a target too small. A field
# the keyboard reaches is scrolled clear of the bar (scroll-padding-bottom), and a finger taps it
# once scrolled, as under any sticky bar: the bar is checked in place, not as an obstacle.
LAY_OUT = """() => {
  for (const el of document.querySelectorAll('.selfcheck-group')) el.style.contentVisibility = 'visible';
  for (const el of document.querySelectorAll('.selfcheck-panel')) el.style.position = 'static';
}"""
RESTORE = """() => {
  for (const el of document.querySelectorAll('.selfcheck-group')) el.style.contentVisibility = '';
  for (const el of document.querySelectorAll('.selfcheck-panel')) el.style.position = '';
}"""


SETTLED = """() => document.getAnimations().every(
  (a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity)"""


def serious_violations(page: Page, within: str | None = None) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each; `within`:
    only the elements a CSS selector picks (a part that changed since the whole page was checked —
    colour contrast on the whole self-check page costs seconds a run)."""
    # Colours are checked once transitions end: mid-fade (the search overlay on a phone) text is
    # still partly transparent, and axe would measure a contrast no reader is left looking at.
    page.wait_for_function(SETTLED, timeout=5_000)
    page.evaluate(LAY_OUT)
    try:
        results = Axe().run(page, context=within, options=AXE_OPTIONS)
    finally:
        page.evaluate(RESTORE)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def at_top(page: Page) -> None:
    """Scroll to the top (nothing passing under the sticky header) and let the header's tabs,
    which Material shows again on the way up with a fade, begin that fade before axe looks
    (serious_violations then waits for it to end)."""
    page.evaluate("() => scrollTo(0, 0)")
    page.wait_for_function(
        "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
    )
    page.wait_for_timeout(100)
