"""The site's Content-Security-Policy, computed from the built pages, written into the deploy configs.

Material inlines a few small scripts in every page (`__md_scope`, the palette, tabbed anchors).
Rather than `'unsafe-inline'`, the policy allows exactly those by their SHA-256, so no other
inline script can run. After the build (hooks/csp.py):

- reads every page of the built site; fails the build on inline code that a hash cannot allow
  (event-handler attributes, `javascript:` URLs, `style` attributes);
- writes the policy to `deploy/csp.txt` in the site (declared in on_files: the guide links to it);
- puts it in place of `@CSP@` in the server configurations under `deploy/` (published from
  docs/deploy/, the files the tests serve the site with) and in the 部署指南 page that shows them,
  and the engine worker's policy (`worker_policy`) in place of `@CSP_WORKER@`.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

TOKEN = "@CSP@"
TOKEN_WORKER = "@CSP_WORKER@"  # the policy the engine's worker script is sent with
CONFIGS = ("nginx.conf", "apache.conf", "iis-web.config")  # under site/deploy/, each must carry TOKEN
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}  # executed inline
# The policy, directive by directive; hashes of inline code are added to script-src / style-src.
DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    # WebAssembly.compile needs 'wasm-unsafe-eval' (not 'unsafe-eval': no JavaScript eval).
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    # The engine's worker hands Pyodide the checked standard library by a blob: URL it made itself.
    ("connect-src", ("'self'", "blob:")),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),  # Material's icons are data: SVGs in its stylesheet
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
    ("frame-ancestors", ("'self'",)),
)


def sha256_source(code: str) -> str:
    """A CSP hash source for one inline script or style element's text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


class InlineCode(HTMLParser):
    """Collects a page's inline scripts and styles, and what no hash can allow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: set[str] = set()
        self.styles: set[str] = set()
        self.refused: list[str] = []
        self._open: str | None = None  # "script" | "style" while inside inline code
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.refused.append(f"<{tag} {name}=…>（事件属性）")
            elif name == "style":
                self.refused.append(f"<{tag} style=…>（style 属性）")
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.refused.append(f"<{tag} {name}=javascript:…>")
        if tag == "script" and "src" not in values and (values.get("type") or "").strip().lower() in SCRIPT_TYPES:
            self._open, self._text = "script", []
        elif tag == "style":
            self._open, self._text = "style", []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open == tag:
            (self.scripts if tag == "script" else self.styles).add("".join(self._text))
            self._open = None


def worker_policy(policy: str) -> str:
    """The policy for assets/selfcheck/worker.js: the site's, plus 'unsafe-eval'. Chromium 96 and
    older (the kernels of tier 2, issue 17) do not know 'wasm-unsafe-eval' and compile WebAssembly
    only under 'unsafe-eval'. A worker runs under the policy its own script is sent with, and this
    one has no page and no reader's HTML: the pages keep the strict policy."""
    strict = "script-src 'self' 'wasm-unsafe-eval'"
    if strict not in policy:
        raise ValueError("script-src 与预期不同")
    return policy.replace(strict, strict + " 'unsafe-eval'", 1)


def policy_for(site: Path) -> str:
    """The policy that allows exactly the inline code of every page under `site`."""
    scripts: set[str] = set()
    styles: set[str] = set()
    refused: list[str] = []
    for page in sorted(site.rglob("*.html")):
        parser = InlineCode()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        scripts |= parser.scripts
        styles |= parser.styles
        refused += [f"{page.relative_to(site).as_posix()}: {r}" for r in parser.refused]
    if refused:
        raise PluginError(
            "内容安全策略（CSP）不能允许页面中的内联代码，请改用外部脚本或 CSS 类：\n  " + "\n  ".join(refused[:20])
        )
    extra = {
        "script-src": sorted(sha256_source(s) for s in scripts),
        "style-src": sorted(sha256_source(s) for s in styles),
    }
    return "; ".join(" ".join((name, *sources, *extra.get(name, []))) for name, sources in DIRECTIVES)
