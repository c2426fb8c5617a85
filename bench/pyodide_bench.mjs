// Time the engine inside Pyodide under Node: load, then score one answers file N times.
//   node scripts/pyodide_bench.mjs ZHIBU_WHEEL ANSWERS_JSON [RUNS]
// Prints one JSON line: {"load_s", "python", "runs", "median_ms", "min_ms", "max_ms"}.
import { readFile } from "node:fs/promises";
import { loadPyodide } from "pyodide";

const [wheel, answers, runs = "50"] = process.argv.slice(2);
const t0 = performance.now();
const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
pyodide.unpackArchive(new Uint8Array(await readFile(wheel)), "wheel", { extractDir: sitePackages });
pyodide.runPython("import importlib; importlib.invalidate_caches()");
const load = (performance.now() - t0) / 1000;
pyodide.globals.set("text", await readFile(answers, "utf-8"));
pyodide.globals.set("runs", Number(runs));
const out = pyodide.runPython(`
import json, sys, time, statistics
from zhibu import default_rubric, read_answers, score, to_json
rubric = default_rubric()
to_json(score(rubric, read_answers(text, rubric)))  # warm-up: rubric parsed, modules imported
times = []
for _ in range(runs):
    t = time.perf_counter()
    to_json(score(rubric, read_answers(text, rubric)))
    times.append((time.perf_counter() - t) * 1000)
json.dumps({"python": sys.version.split()[0], "runs": runs, "median_ms": statistics.median(times),
            "min_ms": min(times), "max_ms": max(times)})
`);
console.log(JSON.stringify({ load_s: load, ...JSON.parse(out) }));
