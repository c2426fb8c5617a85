"""What the benchmark scripts share: a quiet static server on 127.0.0.1 and Chromium's flags."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# As root Chromium needs --no-sandbox; the rest stop it calling home on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium() -> str | None:
    """Debian's Chromium when installed, else None (Playwright's own browser)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """`python -m http.server`'s handler without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve `folder` on a free loopback port for the duration of the block."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
