// The scoring engine in a module Web Worker: Pyodide + the zhibu wheel (integrity-checked
// through the site's pyodide-lock.json), answering through zhibu.browser. The page never waits on it.
//
// Messages in:  {id, op: "rescore" | "score" | "validate" | "csv" | "xlsx" | "docx", text}
//               {id, op: "rollup-xlsx", text: the roll-up's summary JSON}
//               {id, op: "plan", text: {type, standard, compare, year}} (the year's plan: {plan, ics})
//               {id, op: "compare", text: {earlier, later}} (two answers files: {comparison})
//               {id, op: "rollup", text: {sample, seed}, files: [{name, data: ArrayBuffer}]}
// Messages out: {type: "progress", stage, tier?, pyodide?} | {type: "failed", stage, message, help}
//               {type: "ready", version, bytecode: {compiled, sources}, tier, pyodide, python}
//               {type: "working", id, records, file, files} (a roll-up's progress)
//               {type: "reply", id, ok: true, result | json | csv | xlsx | docx (base64)} | {type: "reply", id, ok: false, problems: […]}
//
// `?tier=1|2` (engine-boot.js's choice) names the runtime: Pyodide 314 in assets/pyodide/, or
// Pyodide 0.24.1 in assets/pyodide/legacy/ for older kernels. Only this file is shared by both, so
// it keeps to what Chromium 86 parses (no class static blocks, no top-level await).
const asked = new URL(import.meta.url).searchParams.get("tier") === "2" ? 2 : 1;
const RUNTIMES = {
  1: { base: new URL("../pyodide/", import.meta.url).href, script: "pyodide.asm.mjs" },
  2: { base: new URL("../pyodide/legacy/", import.meta.url).href, script: "pyodide.asm.js" },
};
let tier = asked;
let base = RUNTIMES[tier].base;
let pyodideVersion = null;
let handle = null;
let rollupHandle = null;
let rollupXlsx = null;
let planHandle = null;
let compareHandle = null;
let fs = null;
let onDemand = null; // name -> the install of a wheel the page needs only now and then (XlsxWriter)

// Pyodide hangs, rather than fails, when a file is missing or served with the wrong type.
// Asked in parallel with loading (it costs nothing when all is well), these say why.
const expected = () => [
  ["pyodide.mjs", "text/javascript"],
  ["pyodide.asm.wasm", "application/wasm"],
  [RUNTIMES[tier].script, "text/javascript"],
  ["pyodide-lock.json", "application/json"],
];
const JS_TYPE = /^(text|application)\/(javascript|ecmascript|x-javascript)$/;
// Problems are {message, help}: help names the 部署指南 section (anchor) that explains them.
const CSP = "网站的内容安全策略（Content-Security-Policy）";
const NO_WASM = { message: `${CSP}不允许编译 WebAssembly（script-src 须包含 'wasm-unsafe-eval'）`, help: "problem-csp" };

// This worker runs under the policy its own script was sent with; Pyodide only logs what it blocks.
let stage = "runtime";
addEventListener("securitypolicyviolation", (e) => {
  const problem =
    e.blockedURI === "wasm-eval" ? NO_WASM
    : { message: `${CSP}不允许${e.effectiveDirective === "connect-src" ? "读取" : "运行"} ${e.blockedURI}，违反的指令是 ${e.effectiveDirective}`, help: "problem-csp" };
  postMessage({ type: "failed", stage, ...problem });
});

async function preflight() {
  try {
    await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); // an empty module
  } catch (err) {
    return /Content.Security/i.test(err.message) ? NO_WASM : { message: `浏览器无法编译 WebAssembly（${err.message}）`, help: "problem-browser" };
  }
  for (const [name, type] of expected()) {
    let response;
    try {
      response = await fetch(base + name, { method: "HEAD", cache: "no-store" });
    } catch (err) {
      return { message: `无法读取 ${name}（${err.message}）`, help: "problems" };
    }
    if (!response.ok) return { message: `网站缺少文件 assets/pyodide/${name}（HTTP ${response.status}）`, help: "problem-missing" };
    const sent = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    const script = /\.m?js$/.test(name);
    const wrong = name.endsWith(".wasm") ? sent !== type : script && !JS_TYPE.test(sent);
    if (wrong) {
      const want = script ? "JavaScript 类型（text/javascript）" : type;
      return { message: `服务器把 ${name} 作为“${sent || "未注明类型"}”发送，应为 ${want}`, help: "problem-mime" };
    }
  }
  return null;
}

// The zhibu wheel, as the site's pyodide-lock.json records it (written by `pyodide lockfile
// add-wheels`). The browser checks the bytes against the lock file's sha256 (Subresource
// Integrity) and refuses any others. Fetched while Pyodide starts; installed with
// unpackArchive rather than loadPackage, which for a pure-Python wheel also compiles the
// standard library's tarfile from source (to look for shared libraries) and clears every
// import cache (re-reading the standard library's zip index): about 0.15 s of a cold start.
async function fetchWheel(lock) {
  const { file_name: name, sha256 } = (await lock).packages.zhibu;
  return fetchChecked(name, sha256);
}

// The site's lock file, read once for Pyodide and for the wheel.
async function fetchLock() {
  const response = await fetch(`${base}pyodide-lock.json`);
  if (!response.ok) throw Object.assign(new Error(`网站缺少文件 assets/pyodide/pyodide-lock.json（HTTP ${response.status}）`), { help: "problem-missing" });
  return response.json();
}

// The standard library the engine uses, compiled at build time by this same Pyodide
// (scripts/pyodide_stdlib_bytecode.mjs; stdlib-bytecode.json records its sha256 and the modules
// it does not hold). Pyodide starts on it instead of python_stdlib.zip: 1.3 MB of bytecode
// instead of 2.5 MB of sources plus the bytecode (gzip), and nothing compiled in the browser.
// Importing a module it does not hold fetches the full python_stdlib.zip once (fullStdlib);
// when this file is missing or stale, Pyodide starts on python_stdlib.zip as before.
async function fetchBytecode() {
  const manifest = await fetch(`${base}stdlib-bytecode.json`);
  if (!manifest.ok) throw new Error(`读取 stdlib-bytecode.json 失败（HTTP ${manifest.status}）`);
  const { file, sha256, pyodide, elsewhere } = await manifest.json();
  if (pyodide !== pyodideVersion) throw new Error(`它是为 Pyodide ${pyodide} 编译的，本站运行 Pyodide ${pyodideVersion}`);
  return { bytes: await fetchChecked(file, sha256), elsewhere: elsewhere || [] };
}

// The full standard library, fetched when a module outside the precompiled one is imported: a
// synchronous request (allowed in a worker), since Python's import cannot wait for a promise.
const FULL_STDLIB = "/lib/python_stdlib_full.zip";
function fullStdlib() {
  const request = new XMLHttpRequest();
  request.open("GET", `${base}python_stdlib.zip`, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`读取 python_stdlib.zip 失败（HTTP ${request.status}）`);
  fs.writeFile(FULL_STDLIB, new Uint8Array(request.response));
}
self.zhibuFullStdlib = fullStdlib;

// A finder last on sys.meta_path: a module the precompiled library lacks (and nothing else
// found) brings in the full one, once, then is looked for there.
const FALLBACK = `
import importlib, importlib.machinery, sys
class FullStdlib:
    def __init__(self, names, zipped, full):
        self.names, self.zipped, self.full = frozenset(names), zipped, full
    def find_spec(self, name, path=None, target=None):
        if name not in self.names:
            return None
        sys.meta_path.remove(self)
        import js
        js.zhibuFullStdlib()
        sys.path.append(self.full)
        importlib.invalidate_caches()
        where = None if path is None else [p.replace(self.zipped, self.full) for p in path]
        return importlib.machinery.PathFinder.find_spec(name, where, target)
`;

// A file of assets/pyodide/ whose bytes the browser checks against `sha256` (hex), or refuses.
// Asked for as name?v=<its sha256>: the guide's servers let browsers keep these a week (a new
// file is a new address), so a return visit does not wait a round trip to revalidate each.
async function fetchChecked(name, sha256) {
  const digest = String.fromCharCode(...sha256.match(/../g).map((byte) => parseInt(byte, 16)));
  let response;
  try {
    response = await fetch(`${base}${name}?v=${sha256.slice(0, 16)}`, { integrity: `sha256-${btoa(digest)}` });
  } catch (err) { // a refused checksum and a missing file both say "Failed to fetch": ask which
    const head = await fetch(base + name, { method: "HEAD", cache: "no-store" }).catch(() => null);
    if (head && !head.ok) throw new Error(`缺少 assets/pyodide/${name}（HTTP ${head.status}）`);
    throw new Error(head ? `assets/pyodide/${name} 与记录的校验值不符` : err.message);
  }
  if (!response.ok) throw new Error(`缺少 assets/pyodide/${name}（HTTP ${response.status}）`);
  return response.arrayBuffer();
}

// The browser refuses a package whose bytes do not match the lock file's sha256 ("Failed to
// fetch"): fetch it again to tell a missing file from a damaged one.
async function explainPackage(said) {
  try {
    const lock = await (await fetch(`${base}pyodide-lock.json`, { cache: "no-store" })).json();
    const { file_name: name, sha256 } = lock.packages.zhibu;
    const response = await fetch(base + name, { cache: "no-store" });
    if (!response.ok) return { message: `网站缺少文件 assets/pyodide/${name}（HTTP ${response.status}）`, help: "problem-missing" };
    const body = await response.arrayBuffer();
    if (crypto.subtle) { // only in secure contexts (https, localhost)
      const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", body))].map((b) => b.toString(16).padStart(2, "0")).join("");
      if (digest === sha256) return { message: `评分程序未能加载：${said || "原因不明"}`, help: "problems" };
    }
    return { message: `assets/pyodide/${name} 与网站记录的校验值（pyodide-lock.json）不符：文件在复制中损坏或被改动，请重新复制完整的网站`, help: "problem-missing" };
  } catch (err) {
    return { message: `评分程序未能加载：${said || err.message}`, help: "problems" };
  }
}

// Pyodide 314 is written with class static blocks (ES2022): a kernel that has the WebAssembly
// features engine-boot.js tests but not these (Safari 15.2–16.3) cannot even parse it. A
// one-line module with a static block answers first; without them, tier 2 instead.
async function chooseRuntime() {
  if (tier === 1) {
    try {
      await import("./probe-static-blocks.js");
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      tier = 2;
      base = RUNTIMES[tier].base;
    }
  }
  const runtime = await import(`${base}pyodide.mjs`);
  pyodideVersion = runtime.version;
  return runtime.loadPyodide;
}

// loadPyodide's options for this runtime: 0.24 reads its lock file itself and knows no packageBaseUrl.
function options(lock, bytecode) {
  const common = {
    indexURL: base,
    stdout: () => {},
    stderr: () => {},
    // The precompiled standard library (a checked copy, by a blob: URL), or Pyodide's own.
    ...(bytecode ? { stdLibURL: bytecode.url } : {}),
  };
  return tier === 1
    ? { ...common, lockFileContents: lock, packageBaseUrl: base }
    : { ...common, lockFileURL: `${base}pyodide-lock.json` };
}

async function start() {
  let loadPyodide;
  try {
    loadPyodide = await chooseRuntime();
  } catch (err) { // pyodide.mjs did not load: the preflight can usually say why
    const problem = await preflight();
    postMessage({ type: "failed", stage, ...(problem || { message: `无法加载 Pyodide（${err.message}）`, help: "problems" }) });
    return;
  }
  preflight().then((problem) => problem && postMessage({ type: "failed", stage, ...problem }));
  try {
    postMessage({ type: "progress", stage, tier, pyodide: pyodideVersion });
    const lock = fetchLock();
    const wheel = fetchWheel(lock);
    wheel.catch(() => {}); // its failure is reported once the runtime has started
    const bytecode = await fetchBytecode()
      .then(async (found) => {
        found.url = URL.createObjectURL(new Blob([found.bytes], { type: "application/zip" }));
        await fetch(found.url).catch(() => { // in memory: costs nothing (blob: answers GET only)
          throw new Error(`${CSP}的 connect-src 不允许 blob:`); // Pyodide could not read it either
        });
        return found;
      })
      .catch((err) => {
        console.warn(`评分引擎没有使用预编译的标准库（${err.message}），改为从源代码编译，启动会慢一些`);
        return null;
      });
    const pyodide = await loadPyodide(options(lock, bytecode));
    fs = pyodide.FS;
    if (bytecode) {
      pyodide.runPython(FALLBACK);
      const install = pyodide.runPython(`lambda names, zipped: sys.meta_path.append(FullStdlib(names, zipped, "${FULL_STDLIB}"))`);
      install(pyodide.toPy(bytecode.elsewhere), pyodide.runPython(`"/lib/python%d%d.zip" % sys.version_info[:2]`));
      install.destroy();
    }
    stage = "package";
    postMessage({ type: "progress", stage });
    let bytes;
    try {
      bytes = await wheel;
    } catch (err) {
      postMessage({ type: "failed", stage, ...(await explainPackage(err.message)) });
      return;
    }
    pyodide.unpackArchive(bytes, "wheel", { extractDir: pyodide.runPython("import site; site.getsitepackages()[0]") });
    stage = "engine";
    postMessage({ type: "progress", stage });
    pyodide.runPython(`
import site, sys
for path in site.getsitepackages():  # see the wheel just unpacked there (only this folder's finder)
    if finder := sys.path_importer_cache.get(path):
        finder.invalidate_caches()
from zhibu import __version__
from zhibu.browser import compare_handle, handle, plan_handle, rollup_handle, rollup_xlsx
handle("validate", "{}")  # import and parse the rubric now, not on the first keystroke
`);
    handle = pyodide.globals.get("handle");
    rollupHandle = pyodide.globals.get("rollup_handle");
    rollupXlsx = pyodide.globals.get("rollup_xlsx");
    planHandle = pyodide.globals.get("plan_handle");
    compareHandle = pyodide.globals.get("compare_handle");
    onDemand = wheelsOnDemand(pyodide, lock);
    // Where the standard library's modules came from: precompiled, or compiled from source here.
    const origin = pyodide.runPython(`
files = [m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None) and getattr(m.__spec__, "origin", None) != "frozen"]
stdlib = [f for f in files if f.startswith(("/lib/python%d%d.zip/" % sys.version_info[:2], "${FULL_STDLIB}/"))]
[sum(f.endswith(".pyc") for f in stdlib), sum(f.endswith(".py") for f in stdlib)]
`);
    const [compiled, sources] = origin.toJs();
    origin.destroy();
    const python = pyodide.runPython("'.'.join(map(str, sys.version_info[:3]))");
    postMessage({ type: "ready", version: pyodide.globals.get("__version__"), bytecode: { compiled, sources }, tier, pyodide: pyodideVersion, python });
  } catch (err) {
    let message = String(err && err.message ? err.message : err);
    if (message.includes("Traceback")) message = message.trim().split("\n").pop(); // Python's last line only
    if (/Content.Security/i.test(message)) postMessage({ type: "failed", stage, message: `${CSP}阻止了评分引擎：${message}`, help: "problem-csp" });
    else postMessage({ type: "failed", stage, message, help: err?.help });
  }
}

// The wheels of the site's lock file besides zhibu (XlsxWriter for the Excel exports): fetched,
// checked against the lock file's sha256 and installed the first time an export asks, never before.
function wheelsOnDemand(pyodide, lock) {
  const installs = new Map();
  return (name) => {
    if (!installs.has(name)) {
      installs.set(name, (async () => {
        const entry = (await lock).packages[name];
        const bytes = await fetchChecked(entry.file_name, entry.sha256);
        pyodide.unpackArchive(bytes, "wheel", { extractDir: pyodide.runPython("import site; site.getsitepackages()[0]") });
        pyodide.runPython("import importlib; importlib.invalidate_caches()");
      })());
      installs.get(name).catch(() => installs.delete(name)); // a failed fetch is tried again next time
    }
    return installs.get(name);
  };
}

// An Excel export: XlsxWriter first, then the engine makes the workbook ({ok, xlsx: base64}).
async function excel(data) {
  try {
    await onDemand("xlsxwriter");
  } catch (err) {
    return { ok: false, problems: [{ path: "$", message: `导出 Excel 所需的程序未能加载：${err.message}` }] };
  }
  return JSON.parse(data.op === "rollup-xlsx" ? rollupXlsx(data.text) : handle("xlsx", data.text));
}

onmessage = async ({ data }) => {
  if (!handle) return;
  let reply;
  if (data.op === "xlsx" || data.op === "rollup-xlsx") {
    reply = await excel(data);
  } else if (data.op === "plan") {
    reply = JSON.parse(planHandle(data.text));
  } else if (data.op === "compare") {
    reply = JSON.parse(compareHandle(data.text));
  } else if (data.op === "rollup") {
    // Many files for a committee's roll-up: written to the in-memory file system, read in Python.
    try {
      fs.mkdirTree("/tmp/rollup");
      const files = data.files.map((f, i) => {
        const path = `/tmp/rollup/${data.id}-${i}`;
        fs.writeFile(path, new Uint8Array(f.data));
        return [f.name, path];
      });
      const payload = JSON.parse(data.text);
      const working = (records, file, count) => postMessage({ type: "working", id: data.id, records, file, files: count });
      reply = JSON.parse(rollupHandle(JSON.stringify({ ...payload, files }), working));
      for (const [, path] of files) fs.unlink(path);
    } catch (err) {
      reply = { ok: false, problems: [{ path: "$", message: `汇总失败：${err.message}` }] };
    }
  } else {
    reply = JSON.parse(handle(data.op, data.text));
  }
  postMessage({ type: "reply", id: data.id, ...reply });
};

start();
