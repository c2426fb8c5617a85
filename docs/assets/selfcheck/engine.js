// The page's side of the engine: the worker engine-boot.js started, requests and replies.
// One engine for the whole site visit: it survives Material's instant page changes.

const STAGES = { runtime: "正在加载 Python 运行环境…", package: "正在加载评分程序…", engine: "正在准备评分规则…" };

// The 部署指南 explains each problem the engine reports, one section (anchor) per cause.
export const GUIDE = new URL("../../deploy/index.html", import.meta.url).href;
export const HELP = {
  "problem-mime": "文件类型（MIME）不对",
  "problem-csp": "被内容安全策略（CSP）阻止",
  "problem-missing": "缺少文件",
  "problem-browser": "浏览器版本太旧",
  "problem-file": "直接打开了本地文件（file://）",
  problems: "出了问题怎么办",
};
const SITE = new URL("../../", import.meta.url).href;
// Scripts the worker needs before any code of its own runs: when they fail it cannot say why.
const SCRIPTS = [new URL("worker.js", import.meta.url)];
const JS_TYPE = /^(text|application)\/(javascript|ecmascript|x-javascript)$/;
const ENGINE_FILES = /\/assets\/(selfcheck|pyodide|zhibu)\//;

// What the site's Content-Security-Policy blocked, from the violations a page or worker saw:
// the engine's own files first (Material's prefetches may be blocked too).
export function cspProblem(violations) {
  const list = violations || [];
  const v = list.find((x) => x.blocked === "wasm-eval" || ENGINE_FILES.test(x.blocked)) || list[0];
  if (!v) return null;
  const url = v.blocked.split("?")[0]; // worker.js?tier=1
  const path = url.startsWith(SITE) ? url.slice(SITE.length) : url;
  const what =
    v.blocked === "wasm-eval" ? "编译 WebAssembly（script-src 须包含 'wasm-unsafe-eval'）"
    : v.directive === "connect-src" ? `读取 ${path}`
    : `运行 ${path}`;
  return { message: `网站的内容安全策略（Content-Security-Policy）不允许${what}，违反的指令是 ${v.directive}`, help: "problem-csp" };
}

// The worker could not start: ask the server whether a script is missing or sent with a type
// the browser refuses to run as a module.
async function probeScripts() {
  for (const url of SCRIPTS) {
    const path = url.href.slice(SITE.length);
    let response;
    try {
      response = await fetch(url, { method: "HEAD", cache: "no-store" });
    } catch (_) {
      continue; // blocked by the policy (cspProblem says so) or no network
    }
    if (!response.ok) return { message: `网站缺少文件 ${path}（HTTP ${response.status}）`, help: "problem-missing" };
    const sent = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    if (!JS_TYPE.test(sent)) {
      const name = path.split("/").pop();
      return { message: `服务器把 ${name} 作为“${sent || "未注明类型"}”发送，应为 JavaScript 类型（text/javascript）`, help: "problem-mime" };
    }
  }
  return null;
}

let engine = null;

// engine-boot.js, run as a classic script: when Material's instant navigation brought the
// reader here, the page's <head> (which runs it inline) did not run.
function boot() {
  if (window.zhibuBoot) return Promise.resolve();
  return new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = new URL("engine-boot.js", import.meta.url).href;
    script.onload = script.onerror = () => resolve();
    document.head.append(script);
  });
}

// The worker was started by engine-boot.js (inline at the top of the page); it also decided
// whether this browser can run the engine at all.
export function getEngine() {
  engine ??= boot().then(() => new Engine(window.zhibuBoot || { worker: null, reason: "评分引擎未能启动（页面脚本不完整）", messages: [] }));
  return engine;
}

class Engine {
  constructor(boot) {
    this.state = "loading"; // loading | ready | failed | unsupported
    this.stage = STAGES.runtime;
    this.listeners = new Set();
    this.pending = new Map();
    this.working = new Map();
    this.nextId = 1;
    this.reason = boot.reason;
    // engine-boot.js: the browser it sees ({seen}) and what will work there ({steps}).
    this.advice = boot.advice || { seen: "", steps: ["请刷新本页；仍不行请告诉网站管理员"] };
    this.tier = boot.tier; // the runtime engine-boot.js chose (1 or 2; 3: none); the worker may step down to 2
    this.help = null; // a HELP anchor in the 部署指南 once the engine has failed
    this.boot = boot;
    if (!boot.worker) {
      const csp = cspProblem(boot.violations);
      if (boot.failed || csp) {
        this.state = "failed";
        this.reason = csp ? csp.message : boot.reason;
        this.help = csp ? csp.help : "problems";
      } else {
        this.state = "unsupported";
        this.help = "problem-browser";
      }
      return;
    }
    this.worker = boot.worker;
    this.watchdog = setTimeout(() => this.state === "loading" && this.fail("加载超过 2 分钟仍未完成"), 120_000);
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.explain(event.message);
    for (const data of boot.messages.splice(0)) this.receive(data);
  }

  receive(data) {
    if (data.type === "progress") {
      this.stage = STAGES[data.stage] || this.stage;
      if (data.tier) this.tier = data.tier;
      performance.mark(`selfcheck:stage-${data.stage}`);
    } else if (data.type === "ready") {
      if (this.state === "failed") return;
      clearTimeout(this.watchdog);
      this.state = "ready";
      this.version = data.version;
      this.runtime = { tier: data.tier, pyodide: data.pyodide, python: data.python };
      // Which runtime ran, for a site owner learning what their readers' browsers can do.
      performance.mark("selfcheck:runtime", { detail: this.runtime });
      // How many standard-library modules came precompiled and how many were compiled from source.
      performance.mark("selfcheck:stdlib-bytecode", { detail: data.bytecode });
      performance.mark("selfcheck:engine-ready");
    } else if (data.type === "failed") {
      this.fail(data.message, data.help);
    } else if (data.type === "error") {
      this.explain(data.message);
      return;
    } else if (data.type === "reply") {
      const done = this.pending.get(data.id);
      this.pending.delete(data.id);
      this.working.delete(data.id);
      if (done) done(data);
      return;
    } else if (data.type === "working") {
      this.working.get(data.id)?.(data);
      return;
    }
    this.emit();
  }

  // The worker stopped before it could say why (its scripts did not load or run): ask the
  // server, then look at what the Content-Security-Policy blocked.
  async explain(message) {
    if (this.state === "failed") return;
    const problem = (await probeScripts()) || cspProblem(this.boot.violations);
    if (problem) this.fail(problem.message, problem.help);
    else this.fail(message || "评分引擎脚本无法运行");
  }

  fail(message, help = "problems") {
    if (this.state === "failed") return;
    clearTimeout(this.watchdog);
    this.state = "failed";
    this.reason = message;
    this.help = help;
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
  // `onWorking({records, file, files})` hears how far a long request (a roll-up) has got.
  request(op, text, files, onWorking) {
    if (this.state !== "ready") return Promise.resolve(null);
    const id = this.nextId++;
    if (onWorking) this.working.set(id, onWorking);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (files) this.worker.postMessage({ id, op, text, files }, files.map((f) => f.data));
      else this.worker.postMessage({ id, op, text });
    });
  }
}
