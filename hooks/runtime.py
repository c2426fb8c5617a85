"""Ship the self-check's runtime with the site (assets/pyodide/) and the rubric it starts from.

zhibu_build/runtime.py assembles build/runtime/ (the pinned Pyodides + the zhibu wheel in each
one's own pyodide-lock.json); this hook copies it into the built site, and publishes the
rubric the self-check page draws its form from before the engine has loaded. A build
without a runtime fails with the command that makes one.

It also gives the templates the filter `inline_script`: a script of the docs folder as the
text of an inline <script>. overrides/main.html starts the engine that way at the top of
<head>, before the page asks for anything else (hooks/csp.py allows it by its hash).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from zhibu.rubric import rubric_json
from zhibu_build.form import form_data
from zhibu_build.runtime import OUT, RUNTIMES


def on_env(env: Environment, config: MkDocsConfig, **_: Any) -> Environment:
    def inline_script(path: str) -> Markup:
        code = (Path(config.docs_dir) / path).read_text(encoding="utf-8")
        if "</script" in code.lower():
            raise PluginError(f"{path} 含有 </script，不能内嵌到页面中")
        return Markup(code)

    env.filters["inline_script"] = inline_script
    return env


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    files.append(File.generated(config, "assets/zhibu/rubric.json", content=rubric_json()))
    form = json.dumps(form_data(), ensure_ascii=False, sort_keys=True)
    files.append(File.generated(config, "assets/zhibu/form.json", content=form))
    return files


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    missing = []
    for runtime in RUNTIMES:
        where = f"{runtime.folder}/" if runtime.folder else ""
        missing += [where + n for n in runtime.needed if not (runtime.out / n).is_file()]
        if not list(runtime.out.glob("zhibu-*.whl")):
            missing.append(f"{where}zhibu wheel")
    if missing:
        raise PluginError(f"评分引擎运行时不完整（缺少 {'、'.join(missing)}）：请先运行 ./scripts/build")
    target = Path(config.site_dir) / "assets" / "pyodide"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(OUT, target, ignore=shutil.ignore_patterns(".*"))  # not the build's stamp file
