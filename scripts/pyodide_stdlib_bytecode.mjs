// Bytecode for the standard-library modules the engine uses, compiled by the Pyodide the
// site ships (Pyodide ships the standard library as source, which every start used to
// compile: about a second of it in the browser).
//   node scripts/pyodide_stdlib_bytecode.mjs ZHIBU.whl OUT.zip [ON-DEMAND.whl…]
// Starts that Pyodide, installs the wheels, makes every request the site's worker makes
// (zhibu.browser: each op on a template filled in with every answer, and a roll-up of it, the
// Excel exports included: the modules XlsxWriter needs are then precompiled too),
// then writes each module loaded
// from the standard library's sources as an unchecked-hash .pyc, under its path in
// python_stdlib.zip: worker.js starts Pyodide on OUT.zip instead of the full standard library, and
// OUT.elsewhere.json lists the modules it does not hold (imported, they bring in the full one).
// Entries are sorted and dated 1980-01-01, so the same Pyodide and engine give the same bytes.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
// ZHIBU_PYODIDE names the Pyodide package (node_modules/…) to run under: each runtime the site
// serves compiles its own bytecode (zhibu_build/runtime.py).
const runtime = process.env.ZHIBU_PYODIDE || "pyodide";
const { loadPyodide } = await import(runtime);
// Named, since Pyodide 0.24 imported as a module in Node works its own folder out wrongly.
const indexURL = path.dirname(createRequire(import.meta.url).resolve(`${runtime}/package.json`)) + path.sep;

const [wheel, output, ...extra] = process.argv.slice(2); // extra: wheels the page loads on demand
const pyodide = await loadPyodide({ indexURL });
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const w of [wheel, ...extra]) pyodide.unpackArchive(new Uint8Array(await readFile(w)), "wheel", { extractDir: sitePackages });
pyodide.runPython("import importlib; importlib.invalidate_caches()");
const count = pyodide.runPython(`
import datetime, importlib.util, itertools, json, marshal, sys, zipfile, zipimport
from zhibu import default_rubric
from zhibu.browser import OPS, compare_handle, handle, plan_handle, rollup_handle, rollup_xlsx
from zhibu.model import ANSWERS
from zhibu.template import blank_answers

rubric = default_rubric()
schemes = list(rubric.schemes)  # the first as the standard, the others compared
sample = blank_answers(rubric, "机关", datetime.date(2026, 6, 30), schemes[0], schemes[1:])
sample["branch"]["name"] = "示例党支部"
sample["answers"] = {i: {"answer": a, "note": "说明"} for i, a in zip(rubric.items, itertools.cycle(ANSWERS))}
text = json.dumps(sample, ensure_ascii=False)
with open("/tmp/sample.json", "w", encoding="utf-8") as f:
    f.write(text)
for op in OPS:
    assert json.loads(handle(op, text))["ok"], op  # the sample is a whole, valid self-check
    handle(op, "{}")  # and the problems of a wrong file
rolled = json.loads(rollup_handle(json.dumps({"files": [["sample.json", "/tmp/sample.json"]], "sample": 0.5}), lambda *_: None))
assert json.loads(rollup_xlsx(rolled["json"]))["ok"], "the roll-up's workbook failed"
assert json.loads(plan_handle(json.dumps({"type": "机关", "compare": [], "year": 2027})))["ok"], "the plan failed"
assert json.loads(compare_handle(json.dumps({"earlier": text, "later": text})))["ok"], "the comparison failed"

STDLIB = "/lib/python%d%d.zip/" % sys.version_info[:2]
sources = zipimport.zipimporter(STDLIB)
paths = sorted({f for m in list(sys.modules.values())  # not the modules frozen into Python itself
                if (f := getattr(m, "__file__", None) or "").startswith(STDLIB) and f.endswith(".py")
                and getattr(m.__spec__, "origin", None) != "frozen"})
with zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for path in paths:
        name = path[len(STDLIB):]
        source = sources.get_data(name)
        code = compile(source, path, "exec", dont_inherit=True, optimize=2)  # tracebacks name the source file
        header = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little") + importlib.util.source_hash(source)
        out.writestr(zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0)), header + marshal.dumps(code),
                     zipfile.ZIP_DEFLATED)

# The modules of the full standard library that the zip above does not hold: the site starts on
# that zip alone, and fetches the full one only when one of these is imported (worker.js).
def dotted(name):
    parts = name[:-3].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
held = {dotted(p[len(STDLIB):]) for p in paths}
every = {dotted(n) for n in zipfile.ZipFile(STDLIB[:-1]).namelist() if n.endswith(".py")}
with open("/tmp/elsewhere.json", "w") as f:
    json.dump(sorted(every - held), f)
len(paths)
`);
await writeFile(output, pyodide.FS.readFile("/tmp/out.zip"));
await writeFile(output.replace(/\.zip$/, ".elsewhere.json"), pyodide.FS.readFile("/tmp/elsewhere.json"));
console.log(`stdlib bytecode: ${count} modules -> ${output}`);
