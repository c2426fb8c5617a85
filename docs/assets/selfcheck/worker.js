// The scoring engine in a module Web Worker: Pyodide + the zhibu wheel (integrity-checked
// through the site's pyodide-lock.json). The page never waits on it.
//
// Messages in:  {id, op: "rescore" | "score" | "validate" | "csv", text}
//               {id, op: "rollup", text: {sample, seed}, files: [{name, data: ArrayBuffer}]}
// Messages out: {type: "progress", stage} | {type: "ready", version} | {type: "failed", stage, message}
//               {type: "reply", id, ok: true, result | json | csv} | {type: "reply", id, ok: false, problems: […]}
import { loadPyodide } from "../pyodide/pyodide.mjs";

const base = new URL("../pyodide/", import.meta.url).href;
let handle = null;
let rollupHandle = null;
let fs = null;

// Pyodide hangs, rather than fails, when a file is missing or served with the wrong type.
// Asked in parallel with loading (it costs nothing when all is well), these say why.
const EXPECTED = [
  ["pyodide.asm.wasm", "application/wasm"],
  ["python_stdlib.zip", "application/zip"],
  ["pyodide-lock.json", "application/json"],
];

async function preflight() {
  for (const [name, type] of EXPECTED) {
    let response;
    try {
      response = await fetch(base + name, { method: "HEAD", cache: "no-store" });
    } catch (err) {
      return `无法读取 ${name}（${err.message}）`;
    }
    if (!response.ok) return `网站缺少文件 assets/pyodide/${name}（HTTP ${response.status}）`;
    const sent = (response.headers.get("content-type") || "").split(";")[0].trim();
    if (name.endsWith(".wasm") && sent !== type) {
      return `服务器把 ${name} 作为“${sent || "未注明类型"}”发送，应为 ${type}`;
    }
  }
  return null;
}

async function start() {
  let stage = "runtime";
  preflight().then((problem) => problem && postMessage({ type: "failed", stage, message: problem }));
  try {
    postMessage({ type: "progress", stage });
    const pyodide = await loadPyodide({ indexURL: base, lockFileURL: `${base}pyodide-lock.json` });
    stage = "package";
    postMessage({ type: "progress", stage });
    await pyodide.loadPackage("zhibu", { checkIntegrity: true, messageCallback: () => {} });
    stage = "engine";
    handle = pyodide.runPython(`
import json
from zhibu import InputError, __version__, default_rubric, read_answers, score, to_compact_json, to_csv, to_json

def handle(op, text):
    rubric = default_rubric()
    try:
        assessment = read_answers(text, rubric)
    except InputError as err:
        return json.dumps({"ok": False, "problems": [{"path": p.path, "message": p.message} for p in err.problems]},
                          ensure_ascii=False)
    if op == "validate":
        return json.dumps({"ok": True}, ensure_ascii=False)
    result = score(rubric, assessment)
    if op == "csv":
        return json.dumps({"ok": True, "csv": to_csv(result)}, ensure_ascii=False)
    if op == "rescore":  # every keystroke: compact, returned as data rather than as text
        return '{"ok":true,"result":' + to_compact_json(result) + "}"
    return json.dumps({"ok": True, "json": to_json(result)}, ensure_ascii=False)

def rollup_handle(payload):
    from zhibu.rollup import rollup, summary
    from zhibu.rollup_report import records_in, rollup_csv, rollup_json, rollup_text

    rubric = default_rubric()
    data = json.loads(payload)

    def records():
        for name, path in data["files"]:
            with open(path, "rb") as f:
                body = f.read()
            yield from records_in(name, body)

    s = summary(rollup(records(), rubric), rubric, data.get("sample"), data.get("seed", 0))
    return json.dumps({"ok": True, "json": rollup_json(s, rubric), "text": rollup_text(s, rubric),
                       "csv": rollup_csv(s, rubric)}, ensure_ascii=False)

handle("validate", "{}")  # import and parse the rubric now, not on the first keystroke
handle
`);
    rollupHandle = pyodide.globals.get("rollup_handle");
    fs = pyodide.FS;
    postMessage({ type: "ready", version: pyodide.runPython("__version__") });
  } catch (err) {
    postMessage({ type: "failed", stage, message: String(err && err.message ? err.message : err) });
  }
}

onmessage = ({ data }) => {
  if (!handle) return;
  let reply;
  if (data.op === "rollup") {
    // Many files for a committee's roll-up: written to the in-memory file system, read in Python.
    try {
      fs.mkdirTree("/tmp/rollup");
      const files = data.files.map((f, i) => {
        const path = `/tmp/rollup/${data.id}-${i}`;
        fs.writeFile(path, new Uint8Array(f.data));
        return [f.name, path];
      });
      const payload = JSON.parse(data.text);
      reply = JSON.parse(rollupHandle(JSON.stringify({ ...payload, files })));
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
