// Starts the scoring engine's worker as early as the page allows: inlined at the top of
// <head> (overrides/main.html; `data-worker` names the worker), it runs before the page asks
// for its stylesheets and scripts. After Material's instant navigation engine.js loads this
// file instead. engine.js adopts the worker and replays what it said meanwhile. Runs once per visit.
(function () {
  if (location.protocol === "file:" || window.zhibuBoot) return;
  var boot = (window.zhibuBoot = { worker: null, reason: null, failed: false, messages: [], violations: [] });
  performance.mark("selfcheck:engine-start");
  // What the site's Content-Security-Policy blocks (engine.js names it when the engine fails).
  document.addEventListener("securitypolicyviolation", function (e) {
    boot.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
  });
  if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") {
    boot.reason = "浏览器不支持 WebAssembly";
    return;
  }
  // (module (func try catch_all end)): Pyodide needs WebAssembly exception handling.
  var eh = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);
  if (!WebAssembly.validate(eh)) {
    boot.reason = "浏览器不支持 WebAssembly 异常处理";
    return;
  }
  if (typeof Worker !== "function") {
    boot.reason = "浏览器不支持 Web Worker";
    return;
  }
  // A browser without module workers never reads the `type` option.
  var read = false;
  var options = {};
  Object.defineProperty(options, "type", { get: function () { read = true; return "module"; } });
  var script = document.currentScript;
  var url = script.src ? new URL("worker.js", script.src) : new URL(script.dataset.worker, location.href);
  try {
    boot.worker = new Worker(url, options);
  } catch (err) {
    boot.reason = "评分引擎无法启动：" + err.message;
    boot.failed = true; // not the browser's age: a policy or the page (engine.js says which)
    return;
  }
  if (!read) {
    boot.worker.terminate();
    boot.worker = null;
    boot.reason = "浏览器不支持模块化 Web Worker";
    return;
  }
  boot.worker.onmessage = function (event) { boot.messages.push(event.data); };
  boot.worker.onerror = function (event) { boot.messages.push({ type: "error", message: event.message }); };
})();
