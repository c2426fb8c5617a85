// The page's side of the engine: the worker engine-boot.js started, requests and replies.
// One engine for the whole site visit: it survives Material's instant page changes.

const STAGES = { runtime: "正在加载 Python 运行环境…", package: "正在加载评分程序…", engine: "正在准备评分规则…" };

export const BROWSERS = "Chrome 或 Edge 95 及以上、Firefox 100 及以上、Safari 15.2 及以上";

let engine = null;

// The worker was started by engine-boot.js (a classic script early in the page); it also
// decided whether this browser can run the engine at all.
export function getEngine() {
  if (!engine) engine = new Engine(window.zhibuBoot || { worker: null, reason: "评分引擎未能启动（页面脚本不完整）", messages: [] });
  return engine;
}

class Engine {
  constructor(boot) {
    this.state = "loading"; // loading | ready | failed | unsupported
    this.stage = STAGES.runtime;
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.reason = boot.reason;
    if (!boot.worker) {
      this.state = "unsupported";
      return;
    }
    this.worker = boot.worker;
    this.watchdog = setTimeout(() => this.state === "loading" && this.fail("加载超过 2 分钟仍未完成"), 120_000);
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.fail(event.message || "评分引擎脚本无法运行");
    for (const data of boot.messages.splice(0)) this.receive(data);
  }

  receive(data) {
    if (data.type === "progress") {
      this.stage = STAGES[data.stage] || this.stage;
      performance.mark(`selfcheck:stage-${data.stage}`);
    } else if (data.type === "ready") {
      if (this.state === "failed") return;
      clearTimeout(this.watchdog);
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
    if (this.state === "failed") return;
    clearTimeout(this.watchdog);
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

  // op: "rescore" | "score" | "validate" | "csv" | "rollup"; resolves with the worker's reply.
  // `files` ([{name, data: ArrayBuffer}]) are handed over to the worker, not copied.
  request(op, text, files) {
    if (this.state !== "ready") return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (files) this.worker.postMessage({ id, op, text, files }, files.map((f) => f.data));
      else this.worker.postMessage({ id, op, text });
    });
  }
}
