// The page's side of the engine: feature checks, the worker, requests and replies.
// One engine for the whole site visit: it survives Material's instant page changes.

const STAGES = { runtime: "正在加载 Python 运行环境…", package: "正在加载评分程序…", engine: "正在准备评分规则…" };

// WebAssembly with exception handling (a module using try/catch must validate), and module workers.
export function unsupportedReason() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") {
    return "浏览器不支持 WebAssembly";
  }
  // (module (func try catch_all end)) — legacy exception-handling opcodes, as Pyodide needs.
  const eh = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);
  if (!WebAssembly.validate(eh)) return "浏览器不支持 WebAssembly 异常处理";
  if (typeof Worker !== "function") return "浏览器不支持 Web Worker";
  return null;
}

// A browser without module workers never reads the `type` option: it would start the
// worker as a classic script, which cannot `import`.
function startModuleWorker(url) {
  let read = false;
  const options = { get type() { read = true; return "module"; } };
  const worker = new Worker(url, options);
  if (!read) {
    worker.terminate();
    return null;
  }
  return worker;
}

export const BROWSERS = "Chrome 或 Edge 95 及以上、Firefox 100 及以上、Safari 15.2 及以上";

let engine = null;

export function getEngine(workerUrl) {
  if (!engine) engine = new Engine(workerUrl);
  return engine;
}

class Engine {
  constructor(workerUrl) {
    this.state = "loading"; // loading | ready | failed | unsupported
    this.stage = STAGES.runtime;
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.reason = unsupportedReason();
    if (this.reason) {
      this.state = "unsupported";
      return;
    }
    this.worker = startModuleWorker(workerUrl);
    if (!this.worker) {
      this.state = "unsupported";
      this.reason = "浏览器不支持模块化 Web Worker";
      return;
    }
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.fail(event.message || "评分引擎脚本无法运行");
  }

  receive(data) {
    if (data.type === "progress") {
      this.stage = STAGES[data.stage] || this.stage;
    } else if (data.type === "ready") {
      this.state = "ready";
      this.version = data.version;
      performance.mark("selfcheck:engine-ready");
    } else if (data.type === "failed") {
      this.fail(data.message);
    } else if (data.type === "reply") {
      const done = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (done) done(data);
      return;
    }
    this.emit();
  }

  fail(message) {
    this.state = "failed";
    this.reason = message;
    for (const done of this.pending.values()) done({ ok: false, problems: [{ path: "$", message: "评分引擎无法运行" }] });
    this.pending.clear();
    this.emit();
  }

  // Resolves once the engine is ready, has failed, or cannot run here.
  settled() {
    return new Promise((resolve) => {
      const stop = this.onChange((e) => {
        if (e.state !== "loading") {
          queueMicrotask(() => stop());
          resolve(e);
        }
      });
    });
  }

  onChange(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  emit() {
    for (const listener of this.listeners) listener(this);
  }

  // op: "score" | "validate" | "csv"; resolves with the worker's reply once the engine is ready.
  request(op, text) {
    if (this.state !== "ready") return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, op, text });
    });
  }
}
