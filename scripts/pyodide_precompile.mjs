// The zhibu wheel the browser loads: bytecode instead of sources, compiled by the same Pyodide the
// site ships (each runtime its own), so the browser imports the engine without compiling it.
//   node scripts/pyodide_precompile.mjs IN.whl OUT.whl
// Each zhibu/x.py becomes zhibu/x.pyc (unchecked-hash: no source timestamps involved); RECORD
// lists the files with their hashes. Every name is marked UTF-8, every entry dated 1980-01-01.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
// ZHIBU_PYODIDE names the Pyodide package (node_modules/…) to run under: each runtime the site
// serves compiles its own bytecode (zhibu_build/runtime.py).
const runtime = process.env.ZHIBU_PYODIDE || "pyodide";
const { loadPyodide } = await import(runtime);
// Named, since Pyodide 0.24 imported as a module in Node works its own folder out wrongly.
const indexURL = path.dirname(createRequire(import.meta.url).resolve(`${runtime}/package.json`)) + path.sep;

const [input, output] = process.argv.slice(2);
const pyodide = await loadPyodide({ indexURL });
pyodide.FS.writeFile("/tmp/in.whl", new Uint8Array(await readFile(input)));
pyodide.runPython(`
import base64, compileall, hashlib, py_compile, zipfile
from pathlib import Path

src = zipfile.ZipFile("/tmp/in.whl")
src.extractall("/tmp/wheel")
# legacy=True: each module's bytecode beside it as zhibu/x.pyc, which Python imports without the
# source; the sources stay out of this wheel (the browser never shows a source line), ~70 kB less.
ok = compileall.compile_dir("/tmp/wheel/zhibu", quiet=1, legacy=True,
                            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
assert ok, "compileall failed"
record_name = next(n for n in src.namelist() if n.endswith(".dist-info/RECORD"))
pycs = sorted(p for p in Path("/tmp/wheel").rglob("*.pyc"))
source = lambda name: name.startswith("zhibu/") and name.endswith(".py")
lines = [l for l in src.read(record_name).decode().splitlines()
         if l and not l.startswith(record_name) and not source(l.split(",")[0])]
# Every entry dated 1980-01-01: the same engine gives the same wheel (and the same sha256).
dated = lambda name: zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
with zipfile.ZipFile("/tmp/out.whl", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for info in src.infolist():
        if info.filename != record_name and not source(info.filename):
            out.writestr(dated(info.filename), src.read(info.filename), zipfile.ZIP_DEFLATED, 9)
    for pyc in pycs:
        data = pyc.read_bytes()
        name = str(pyc.relative_to("/tmp/wheel"))
        out.writestr(dated(name), data, zipfile.ZIP_DEFLATED, 9)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(data)}")
    lines.append(f"{record_name},,")
    out.writestr(dated(record_name), "\\n".join(lines) + "\\n")

# Every name marked UTF-8 (flag bit 11, in the local and the central headers). The names are
# ASCII, so either reading gives them; unmarked, Python's zipfile reads them as cp437 and
# imports that codec, from source, while the engine starts (~7 ms). zipfile clears the flag
# for ASCII names when it writes, hence the patch afterwards.
data = bytearray(Path("/tmp/out.whl").read_bytes())
central = int.from_bytes(data[data.rindex(b"PK\\x05\\x06") + 16:][:4], "little")
with zipfile.ZipFile("/tmp/out.whl") as z:
    for info in z.infolist():
        assert data[central:central + 4] == b"PK\\x01\\x02" and data[info.header_offset:][:4] == b"PK\\x03\\x04"
        data[central + 9] |= 0x08
        data[info.header_offset + 7] |= 0x08
        name, extra, comment = (int.from_bytes(data[central + at:][:2], "little") for at in (28, 30, 32))
        central += 46 + name + extra + comment
Path("/tmp/out.whl").write_bytes(data)
`);
await writeFile(output, pyodide.FS.readFile("/tmp/out.whl"));
console.log(`precompiled ${output}`);
