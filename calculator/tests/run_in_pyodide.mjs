// Run the engine's test suite (this folder) inside Pyodide under Node, with the
// same pinned runtime the site ships (node_modules/pyodide, package-lock.json).
//
//   node calculator/tests/run_in_pyodide.mjs WHEEL_DIR [pytest args…]
//
// WHEEL_DIR holds the zhibu wheel and the pure-Python test wheels for Python 3.14
// (scripts/test downloads them from requirements/pyodide-test.txt). Exits with pytest's code.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const here = path.dirname(fileURLToPath(import.meta.url));
const [wheelDir, ...pytestArgs] = process.argv.slice(2);
if (!wheelDir) {
  console.error("usage: node calculator/tests/run_in_pyodide.mjs WHEEL_DIR [pytest args…]");
  process.exit(2);
}

const started = performance.now();
// ZHIBU_HYPOTHESIS (a hypothesis profile: see _cases.py) reaches the tests inside Pyodide too.
const env = process.env.ZHIBU_HYPOTHESIS ? { ZHIBU_HYPOTHESIS: process.env.ZHIBU_HYPOTHESIS } : {};
const pyodide = await loadPyodide({ env, stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
const ready = performance.now();
// Without extractDir a wheel lands in the working directory, which pytest's chdir leaves.
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const name of (await readdir(wheelDir)).filter((n) => n.endsWith(".whl")).sort()) {
  // unpackArchive refuses a Node Buffer: hand it a plain Uint8Array.
  const bytes = new Uint8Array(await readFile(path.join(wheelDir, name)));
  pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
}
pyodide.mountNodeFS("/work/tests", here);
// The import system caches directory listings; wheels unpacked within the same second
// as its last look are otherwise invisible to it.
pyodide.runPython("import importlib; importlib.invalidate_caches()");
const version = pyodide.runPython("import sys, zhibu; f'Python {sys.version.split()[0]}, zhibu {zhibu.__version__}'");
console.log(`Pyodide ${pyodide.version} (${version}) ready in ${((ready - started) / 1000).toFixed(1)} s`);
pyodide.globals.set("args", pyodide.toPy(["/work/tests", "-p", "no:cacheprovider", ...pytestArgs]));
const code = await pyodide.runPythonAsync(`
import os, pytest
os.chdir("/work/tests")
int(pytest.main(list(args)))
`);
process.exit(code);
