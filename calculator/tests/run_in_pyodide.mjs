// Run the engine's test suite (this folder) inside Pyodide under Node, with the
// same pinned runtime the site ships (node_modules/pyodide, package-lock.json).
//
//   node calculator/tests/run_in_pyodide.mjs WHEEL_DIR [pytest args…]
//
// WHEEL_DIR holds the zhibu wheel and the pure-Python test wheels for the runtime's Python
// (scripts/test downloads them from requirements/pyodide-test.txt). Exits with pytest's code.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// ZHIBU_PYODIDE names the runtime: "pyodide" (314, Python 3.14; the default) or "pyodide-0.24"
// (0.24.1, Python 3.11: the site's tier 2, run by scripts/test under Node 16, whose V8 9.4 is
// about Chrome 94's). Pyodide 0.24 imported as a module in Node works its own folder out wrongly.
const runtime = process.env.ZHIBU_PYODIDE || "pyodide";
const { loadPyodide } = await import(runtime);
const indexURL = path.dirname(createRequire(import.meta.url).resolve(`${runtime}/package.json`)) + path.sep;

const here = path.dirname(fileURLToPath(import.meta.url));
const [wheelDir, ...pytestArgs] = process.argv.slice(2);
if (!wheelDir) {
  console.error("usage: node calculator/tests/run_in_pyodide.mjs WHEEL_DIR [pytest args…]");
  process.exit(2);
}

const started = performance.now();
// ZHIBU_HYPOTHESIS (a hypothesis profile: see _cases.py) reaches the tests inside Pyodide too.
const env = process.env.ZHIBU_HYPOTHESIS ? { ZHIBU_HYPOTHESIS: process.env.ZHIBU_HYPOTHESIS } : {};
const pyodide = await loadPyodide({ indexURL, env, stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
const ready = performance.now();
// Without extractDir a wheel lands in the working directory, which pytest's chdir leaves.
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const name of (await readdir(wheelDir)).filter((n) => n.endsWith(".whl")).sort()) {
  // unpackArchive refuses a Node Buffer: hand it a plain Uint8Array.
  const bytes = new Uint8Array(await readFile(path.join(wheelDir, name)));
  pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
}
if (pyodide.mountNodeFS) pyodide.mountNodeFS("/work/tests", here);
else { // Pyodide 0.24 has no mountNodeFS yet: the file system's own call
  pyodide.FS.mkdirTree("/work/tests");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: here }, "/work/tests");
}
// The import system caches directory listings; wheels unpacked within the same second
// as its last look are otherwise invisible to it.
pyodide.runPython("import importlib; importlib.invalidate_caches()");
const version = pyodide.runPython("import sys, zhibu; f'Python {sys.version.split()[0]}, zhibu {zhibu.__version__}'");
console.log(`Pyodide ${pyodide.version} (${version}, Node ${process.version}) ready in ${((ready - started) / 1000).toFixed(1)} s`);
// --capture=sys: pytest's default fd capture calls os.fstat on a temporary file, which fails in
// Pyodide 0.24's file system (an internal error, and no test collected).
pyodide.globals.set("args", pyodide.toPy(["/work/tests", "-p", "no:cacheprovider", "--capture=sys", ...pytestArgs]));
const code = await pyodide.runPythonAsync(`
import os, pytest
os.chdir("/work/tests")
int(pytest.main(list(args)))
`);
process.exit(code);
