// The scoring engine in a module Web Worker: Pyodide + the zhibu wheel (integrity-checked
// through the site's pyodide-lock.json). The page never waits on it.
//
// Messages in:  {id, op: "rescore" | "score" | "validate" | "csv", text}
// Messages out: {type: "progress", stage} | {type: "ready", version} | {type: "failed", stage, message}
//               {type: "reply", id, ok: true, result | json | csv} | {type: "reply", id, ok: false, problems: […]}
import { loadPyodide } from "../pyodide/pyodide.mjs";

const base = new URL("../pyodide/", import.meta.url).href;
let handle = null;

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

handle("validate", "{}")  # import and parse the rubric now, not on the first keystroke
handle
`);
    postMessage({ type: "ready", version: pyodide.runPython("__version__") });
  } catch (err) {
    postMessage({ type: "failed", stage, message: String(err && err.message ? err.message : err) });
  }
}

onmessage = ({ data }) => {
  if (!handle) return;
  const reply = JSON.parse(handle(data.op, data.text));
  postMessage({ type: "reply", id: data.id, ...reply });
};

start();
