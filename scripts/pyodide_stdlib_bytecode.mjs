// Bytecode for the standard-library modules the engine uses, compiled by the Pyodide the
// site ships (Pyodide ships the standard library as source, which every start used to
// compile: about a second of it in the browser).
//   node scripts/pyodide_stdlib_bytecode.mjs ZHIBU.whl SAMPLE.json OUT.zip
// Starts that Pyodide, installs the wheel, makes every request the site's worker makes
// (zhibu.browser: each op on SAMPLE.json, and a roll-up of it), then writes each module loaded
// from the standard library's sources as an unchecked-hash .pyc, under its path in
// python_stdlib.zip: worker.js puts OUT.zip before it on sys.path. Entries are sorted and dated
// 1980-01-01, so the same Pyodide and engine give the same bytes.
import { readFile, writeFile } from "node:fs/promises";
import { loadPyodide } from "pyodide";

const [wheel, sample, output] = process.argv.slice(2);
const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
pyodide.unpackArchive(new Uint8Array(await readFile(wheel)), "wheel", { extractDir: sitePackages });
pyodide.runPython("import importlib; importlib.invalidate_caches()");
pyodide.FS.writeFile("/tmp/sample.json", await readFile(sample, "utf-8"));
const count = pyodide.runPython(`
import importlib.util, json, marshal, sys, zipfile, zipimport
from zhibu.browser import OPS, handle, rollup_handle

text = open("/tmp/sample.json", encoding="utf-8").read()
for op in OPS:
    handle(op, text)
    handle(op, "{}")  # and the problems of a wrong file
rollup_handle(json.dumps({"files": [["sample.json", "/tmp/sample.json"]], "sample": 0.5}), lambda *_: None)

STDLIB = "/lib/python314.zip/"
sources = zipimport.zipimporter(STDLIB)
paths = sorted({f for m in list(sys.modules.values())  # not the modules frozen into Python itself
                if (f := getattr(m, "__file__", None) or "").startswith(STDLIB) and f.endswith(".py")
                and getattr(m.__spec__, "origin", None) != "frozen"})
with zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for path in paths:
        name = path[len(STDLIB):]
        source = sources.get_data(name)
        code = compile(source, path, "exec", dont_inherit=True)  # tracebacks name the source file
        header = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little") + importlib.util.source_hash(source)
        out.writestr(zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0)), header + marshal.dumps(code),
                     zipfile.ZIP_DEFLATED)
len(paths)
`);
await writeFile(output, pyodide.FS.readFile("/tmp/out.zip"));
console.log(`stdlib bytecode: ${count} modules -> ${output}`);
