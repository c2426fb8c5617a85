"""Ship the browser libraries taken from npm (Apache ECharts) into assets/vendor/ of the built
site, each file checked against its recorded checksum first (zhibu_build/vendor.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from zhibu_build.vendor import ship


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    try:
        ship(Path(config.site_dir))
    except ValueError as err:
        raise PluginError(f"图表库无法放入网站：{err}") from err
