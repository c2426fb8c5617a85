"""Time `zhibu rollup` over generated JSON Lines records and report its peak memory.

Run: .venv/bin/python scripts/bench_rollup.py --records 100000   (issue 5 target: under 30 s, flat memory)

Records are generated from the sample branch with varied names, answers and meeting logs;
the roll-up runs in a child process (`python -m zhibu rollup FILE --format json`) so its
peak resident memory is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "calculator" / "tests" / "cases" / "sample-branch.json"
ANSWERS = ("达到", "基本达到", "未达到", "不适用")


def generate(path: Path, n: int, seed: int = 1) -> None:
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            base["branch"]["name"] = f"第{i}党支部"
            for item in base["answers"]:
                base["answers"][item]["answer"] = rng.choice(ANSWERS)
            base["facts"]["members"]["full"] = rng.randint(3, 40)
            out.write(json.dumps(base, ensure_ascii=False) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "records.jsonl"
        generate(data, args.records)
        size = data.stat().st_size
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "zhibu", "rollup", str(data), "--format", "json"], capture_output=True, check=True
        )
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    branches = json.loads(done.stdout)["branches"]
    print(
        f"{args.records} records ({size / 1e6:.0f} MB JSON Lines), {branches} branches rolled up: {elapsed:.1f} s "
        f"({1000 * elapsed / args.records:.2f} ms a record), peak memory {peak_mb:.0f} MB (target: under 30 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
