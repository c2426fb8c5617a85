"""Time `zhibu rollup` over generated JSON Lines records and report its peak memory.

Run: .venv/bin/python -m bench.rollup --records 10000 100000   (issue 5: 100,000 under 30 s, flat memory)

Records are generated from the sample branch with varied names and answers; each size
runs `python -m zhibu rollup FILE --format json` in a fresh child process (so its peak
resident memory is its own; the pool's worker processes are measured apart), with the
default pool (one process per core) and, with --jobs 1, in one process as Pyodide runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.paths import SAMPLE

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


MEASURE = """
import resource, runpy, sys
sys.argv = ["zhibu", *sys.argv[1:]]
try:
    runpy.run_module("zhibu", run_name="__main__")
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"\\npeak-kb {peak}\\n")
"""


def run(data: Path, jobs: int | None) -> tuple[float, int, float]:
    """Seconds, branches rolled up, and the main process's peak resident memory in MB."""
    extra = [] if jobs is None else ["--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, "rollup", str(data), "--format", "json", *extra],
        capture_output=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    peak_kb = int(done.stderr.decode().rsplit("peak-kb ", 1)[1])
    branches = json.loads(done.stdout)["branches"]
    return elapsed, branches, peak_kb / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, nargs="+", default=[10_000])
    ap.add_argument("--jobs", type=int, help="also time this many processes (e.g. 1) beside the default pool")
    args = ap.parse_args()
    print(f"zhibu rollup --format json, Python {sys.version.split()[0]}, {os.cpu_count()} CPU cores")
    for n in args.records:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "records.jsonl"
            generate(data, n)
            size = data.stat().st_size
            for jobs in [None] if args.jobs is None else [None, args.jobs]:
                elapsed, branches, peak = run(data, jobs)
                how = "default pool" if jobs is None else f"--jobs {jobs}"
                print(
                    f"  {n:>7} records ({size / 1e6:.0f} MB JSON Lines), {how}: {branches} branches in {elapsed:.1f} s "
                    f"({1000 * elapsed / n:.2f} ms a record), peak memory {peak:.0f} MB"
                )
    print("Target (issue 5): 100,000 records under 30 s, with memory that does not grow with the input.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
