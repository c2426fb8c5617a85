"""The site's Content-Security-Policy, computed from the built pages (zhibu_build/csp.py), written
into deploy/csp.txt, the server configurations under deploy/ and the 部署指南 that shows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from zhibu_build.csp import CONFIGS, TOKEN, TOKEN_WORKER, policy_for, worker_policy


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    # Known to MkDocs (the guide links to it); on_post_build writes the policy into it.
    files.append(File.generated(config, "deploy/csp.txt", content=TOKEN + "\n"))
    return files


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    site = Path(config.site_dir)
    policy = policy_for(site)
    deploy = site / "deploy"
    missing = [name for name in CONFIGS if not {TOKEN, TOKEN_WORKER} <= set(_tokens(_read(deploy / name)))]
    if missing:
        raise PluginError(f"部署配置缺少内容安全策略的占位符 {TOKEN}：docs/deploy/{'、docs/deploy/'.join(missing)}")
    # The policy, the configurations, the guide that shows them, the search index that quotes it.
    targets = [deploy / n for n in ("csp.txt", *CONFIGS)]
    targets += sorted(site.rglob("*.html")) + sorted((site / "search").glob("*.js*"))
    for path in targets:
        text = path.read_text(encoding="utf-8")
        if TOKEN in text or TOKEN_WORKER in text:
            text = text.replace(TOKEN_WORKER, worker_policy(policy)).replace(TOKEN, policy)
            path.write_text(text, encoding="utf-8")


def _tokens(text: str) -> list[str]:
    return [t for t in (TOKEN, TOKEN_WORKER) if t in text]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""
