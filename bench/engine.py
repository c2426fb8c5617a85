"""Print the engine's figures: items per scheme, rule kinds, time to score one branch, sizes.

Run: .venv/bin/python -m bench.engine   (./scripts/test has set up .venv, node_modules, wheels)

Scoring is timed as a secretary's rescore does it: read the answers file, score it, write
the result JSON; median over 50 runs after one warm-up, in CPython and in Pyodide under Node
in the same run, on the same sample branch (calculator/tests/cases/sample-branch.json).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.paths import ROOT, SAMPLE
from zhibu import default_rubric, read_answers, rubric_json, score, to_json
from zhibu.rules import REGISTRY

ENGINE = ROOT / "calculator"  # the engine's own project

RUNS = 50


def cpython_ms(text: str) -> list[float]:
    rubric = default_rubric()
    to_json(score(rubric, read_answers(text, rubric)))
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        to_json(score(rubric, read_answers(text, rubric)))
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> int:
    rubric = default_rubric()
    text = SAMPLE.read_text(encoding="utf-8")
    all_schemes = json.loads(text)
    all_schemes["standard"], *all_schemes["compare"] = list(rubric.schemes)
    text = json.dumps(all_schemes, ensure_ascii=False)
    print(
        f"rubric {rubric.version}: {len(rubric.items)} items, "
        f"{sum(1 for i in rubric.items.values() if i.is_rule)} computed from facts; rule kinds: {len(REGISTRY)}"
    )
    for s in rubric.schemes.values():
        n = sum(len(g.entries) for g in s.groups)
        print(f"  {s.id:9} {s.name}: {len(s.groups)} groups, {n} items, verdict {s.verdict['kind']}")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", tmp, str(ENGINE)],
            check=True,
            capture_output=True,
        )
        wheel = next(Path(tmp).glob("zhibu-*.whl"))
        answers = Path(tmp) / "answers.json"
        answers.write_text(text, encoding="utf-8")
        cp = cpython_ms(text)
        node = subprocess.run(
            ["node", str(ROOT / "bench" / "pyodide_bench.mjs"), str(wheel), str(answers), str(RUNS)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        py = json.loads(node.stdout.strip().splitlines()[-1])
        print(
            f"rubric.json: {len(rubric_json().encode('utf-8')) / 1e3:.1f} kB; wheel {wheel.name}: "
            f"{wheel.stat().st_size / 1e3:.1f} kB"
        )
    print(f"score one branch under all 5 schemes (read + score + JSON), {RUNS} runs:")
    print(
        f"  CPython {sys.version.split()[0]}: median {statistics.median(cp):.2f} ms "
        f"(min {min(cp):.2f}, max {max(cp):.2f})"
    )
    print(
        f"  Pyodide/Node (Python {py['python']}): median {py['median_ms']:.2f} ms "
        f"(min {py['min_ms']:.2f}, max {py['max_ms']:.2f}); runtime + wheel load {py['load_s']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
