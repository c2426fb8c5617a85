"""Write every output of the engine's command line into a folder, to compare two versions byte for byte.

Run:  .venv/bin/python -m bench.outputs OUT
      diff -r OUT-before OUT-after

An older version of the engine (a checkout at OLD) writes its outputs with
`PYTHONPATH=OLD/calculator .venv/bin/python -m bench.outputs OUT-before`.

Outputs: the shipped rubric, the result schema, `zhibu rubric --format csv`, `zhibu schema`, a
template per branch type, `zhibu score` (text, json, csv; stdout, stderr and exit code) on a fixed
corpus of answers files made from the sample (every branch type with every choice of one, two or
all schemes, varied facts and answers, and broken files), and `zhibu rollup` of 20,000 generated
records (text, json, each csv table; --sample 0.1 --seed 3).
"""

from __future__ import annotations

import copy
import itertools
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.paths import SAMPLE

ANSWERS = ("达到", "基本达到", "未达到", "不适用")
TYPES = ("机关", "事业单位", "国有企业", "农村", "城市社区", "非公企业", "社会组织", "高校", "其他")
RECORDS = 20_000
# Scores every file of a folder in one process (three processes a file would take minutes).
SCORE_ALL = """
import io, pathlib, sys
from zhibu.cli import run
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
    for fmt in ("text", "json", "csv"):
        out, err = io.StringIO(), io.StringIO()
        code = run(["score", str(p), "--format", fmt], out, err)
        text = f"{out.getvalue()}\\n--- stderr ---\\n{err.getvalue()}\\n--- exit {code} ---\\n"
        pathlib.Path(sys.argv[2], f"{p.stem}.{fmt}").write_text(text, encoding="utf-8")
"""


def cli(cwd: Path, *args: str) -> bytes:
    """`zhibu ARGS` run in `cwd`: stdout, stderr and exit code."""
    done = subprocess.run([sys.executable, "-m", "zhibu", *args], capture_output=True, cwd=cwd)
    return done.stdout + b"\n--- stderr ---\n" + done.stderr + f"\n--- exit {done.returncode} ---\n".encode()


def vary(sample: dict[str, Any], n: int, kind: str, chosen: list[str], items: list[str], rng: random.Random) -> Any:
    d = copy.deepcopy(sample)
    d["branch"].update(type=kind, name=f"第{n}支部")
    # Version 1 files, which every engine since 0.1 reads (a later one upgrades them): the same
    # input for the old engine and the new.
    d.pop("standard", None)
    d.pop("compare", None)
    d["schema_version"] = 1
    d["schemes"] = chosen
    d["answers"] = {i: {"answer": rng.choice(ANSWERS)} for i in rng.sample(items, rng.randint(0, len(items)))}
    for i in list(d["answers"])[:3]:
        d["answers"][i]["note"] = f"说明{i}"
    plan = {"measure": "措施", "owner": "书记", "deadline": "2026-12-31"}
    d["rectification"] = {i: dict(plan) for i in items[:: 7 + n % 5]}
    f = d["facts"]
    f["members"] = {"full": rng.randint(0, 60), "probationary": rng.choice([None, 0, 3])}
    f["committee"] = {"has_committee": rng.choice([True, False, None]), "size": rng.choice([None, 2, 3, 5, 7])}
    f["funds"] = {
        "operating": rng.choice([None, 0, 50000, 100000, 250000.5]),
        "households": rng.choice([None, 0, 120, 800]),
        "service": rng.choice([None, 0, 20000, 100000]),
        "joint_org": rng.choice([None, True, False]),
        "dues_income": rng.choice([None, 0, 10000]),
        "party_allocation": rng.choice([None, 0, 500, 3000]),
    }
    f["talks"] = {"members_talked": rng.randint(0, 60)}
    f["lectures"] = {"members_lectured": rng.choice([None, 0, 10, 60])}
    f["training"] = {"secretary_sessions": rng.choice([None, 0, 1, 2])}
    last = rng.choice([None, "2020-05-01", "2023-12-20", "2026-01-31"])
    f["election"] = {"last": last, "extension_months": rng.choice([0, 3, 12])}
    if n % 4 == 0:
        f["groups"], f["vacancies"] = None, None
    if n % 5 == 1:
        d["check_date"] = "2026-06-15"
    if n % 6 == 2:
        d["period"] = {"start": "2025-07-01", "end": "2026-06-30"}
    return d


def corpus(sample: dict[str, Any], rubric: dict[str, Any]) -> list[tuple[str, bytes]]:
    """The sample, one varied file per branch type and choice of schemes, and broken files."""
    rng = random.Random(13)
    schemes = [s["id"] for s in rubric["schemes"]]
    items = [i["id"] for i in rubric["items"]]
    out = [("sample", json.dumps(sample, ensure_ascii=False).encode())]
    choices = [list(c) for n in (1, 2, len(schemes)) for c in itertools.combinations(schemes, n)]
    for n, (kind, chosen) in enumerate(itertools.product(TYPES, choices)):
        out.append((f"case{n:03d}", json.dumps(vary(sample, n, kind, chosen, items, rng), ensure_ascii=False).encode()))
    broken = {
        "bad-json": b"{",
        "bad-type": json.dumps({**sample, "facts": {"members": {"full": "x"}}}).encode(),
        "bad-period": json.dumps({**sample, "period": {"start": "2026-12-31", "end": "2026-01-01"}}).encode(),
        "bad-item": json.dumps({**sample, "answers": {"zz.99": {"answer": "达到"}}}).encode(),
        "bad-version": json.dumps({**sample, "schema_version": 9}).encode(),
        "bad-scheme": json.dumps({**sample, "standard": "nope"}).encode(),
        "bad-array": b"[]",
        "bad-utf8": b"\xff\xfe",
    }
    return out + list(broken.items())


def write_records(path: Path, files: list[tuple[str, bytes]]) -> None:
    """RECORDS lines of JSON Lines made from the corpus (renamed, answers redrawn), some broken, some repeated."""
    rng = random.Random(1)
    good = [json.loads(body) for name, body in files if name.startswith("case")]
    with path.open("w", encoding="utf-8") as f:
        for i in range(RECORDS):
            d = good[i % len(good)]
            d["branch"]["name"] = f"第{i % 19_000}党支部"
            d["branch"]["parent"] = f"第{i % 7}党委"
            for item in d["answers"]:
                d["answers"][item]["answer"] = rng.choice(ANSWERS)
            if i % 997 == 0:
                f.write("{broken\n")
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def main() -> int:
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    import zhibu

    package = Path(zhibu.__file__).parent
    rubric_text = (package / "data" / "rubric.json").read_text(encoding="utf-8")
    (out / "rubric.json").write_text(rubric_text, encoding="utf-8")
    result_schema = next(package.glob("schema*/result.schema.json"))  # schemas/ before the layout change
    (out / "result.schema.json").write_bytes(result_schema.read_bytes())
    (out / "rubric.csv").write_bytes(cli(out, "rubric", "--format", "csv"))
    (out / "schema.txt").write_bytes(cli(out, "schema"))
    for kind in TYPES:
        (out / f"template-{kind}.txt").write_bytes(cli(out, "template", "--type", kind))
    files = corpus(json.loads(SAMPLE.read_text(encoding="utf-8")), json.loads(rubric_text))
    cases, scored = out / "cases", out / "scored"
    for folder in (cases, scored):
        folder.mkdir(exist_ok=True)
    for name, body in files:
        (cases / f"{name}.json").write_bytes(body)
    subprocess.run([sys.executable, "-c", SCORE_ALL, str(cases), str(scored)], check=True)
    write_records(out / "records.jsonl", files)
    common = ["records.jsonl", "--sample", "0.1", "--seed", "3"]
    (out / "rollup.txt").write_bytes(cli(out, "rollup", *common))
    (out / "rollup.json").write_bytes(cli(out, "rollup", *common, "--format", "json"))
    for table in ("branches", "lists", "ledgers"):
        (out / f"rollup-{table}.csv").write_bytes(cli(out, "rollup", *common, "--format", "csv", "--table", table))
    (out / "records.jsonl").unlink()
    print(f"{len(files)} answers files, {RECORDS:,} roll-up records → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
