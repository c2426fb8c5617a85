"""What runs when the site is built (CPython only; never shipped to the browser).

    rubric/       the rubric compiler: declarations in the pages → calculator/zhibu/data/rubric.json,
                  the ID registry, clause citations, and the cards the pages show for them
    form.py       what the self-check page draws before the engine loads (form.json)
    paper.py      纸质自查表: the self-check on paper, a page per standard and branch type
    checklist.py  备查材料清单: the records to keep, a page per standard and branch type
    glossary.py   glossary page → tooltips on every page and the jieba dictionary
    search.py     Chinese search: the index's segmentation checked, the worker's query split fixed
    csp.py        Content-Security-Policy from the built pages' inline code
    runtime.py    Pyodide + the zhibu wheel + precompiled standard library → build/runtime/
    precompress.py  the .br/.gz copies beside the built site's files, for gzip_static-style servers
    mirror.py     the mirror zip for intranets (with verify_site.py, which it ships)

The MkDocs hooks in hooks/ call these; `zhibu-build` (cli.py) runs the steps by hand.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository: the build reads docs/ and writes build/
