// Starts the scoring engine's worker as early as the page allows: inlined at the top of
// <head> (overrides/main.html; `data-worker` names the worker), it runs before the page asks
// for its stylesheets and scripts. After Material's instant navigation engine.js loads this
// file instead. engine.js adopts the worker and replays what it said meanwhile. Runs once per visit.
//
// It also picks the runtime this browser can run (issue 17), before anything is fetched:
//   tier 1  Pyodide 314 (assets/pyodide/): WebAssembly exception handling, reference types and
//           BigInt integration (Chromium 96+, Firefox 114+, Safari 16.4+; the worker also probes
//           class static blocks and steps down to tier 2 without them);
//   tier 2  Pyodide 0.24.1 (assets/pyodide/legacy/): BigInt integration is enough (Chromium 86–95
//           kernels: 360安全浏览器 13, 360极速 13, 红莲花, older 奇安信);
//   tier 3  no runtime (IE, IE mode, older kernels): the page says what it sees and what works.
// Plain ES5 on purpose: IE and IE mode must get as far as saying so (tier-notice.js shows it there).
(function () {
  if (location.protocol === "file:" || window.zhibuBoot) return;
  var boot = (window.zhibuBoot = { worker: null, reason: null, failed: false, messages: [], violations: [], tier: 3 });
  boot.browser = describeBrowser(navigator.userAgent);
  performance.mark("selfcheck:engine-start");
  // What the site's Content-Security-Policy blocks (engine.js names it when the engine fails).
  document.addEventListener("securitypolicyviolation", function (e) {
    boot.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
  });
  boot.tier = chooseTier(boot);
  performance.mark("selfcheck:tier-" + boot.tier);
  if (boot.tier === 3) return unsupported();
  // A browser without module workers never reads the `type` option.
  var read = false;
  var options = {};
  Object.defineProperty(options, "type", { get: function () { read = true; return "module"; } });
  var script = document.currentScript;
  var url = script.src ? new URL("worker.js", script.src) : new URL(script.dataset.worker, location.href);
  url.search = "?tier=" + boot.tier;
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
    boot.tier = 3;
    boot.reason = "浏览器不支持模块化 Web Worker";
    return unsupported();
  }
  boot.worker.onmessage = function (event) { boot.messages.push(event.data); };
  boot.worker.onerror = function (event) { boot.messages.push({ type: "error", message: event.message }); };

  // What the page says when no runtime can run here (engine.js, and tier-notice.js where module
  // scripts do not run at all): what it sees, and what will work.
  function unsupported() {
    var b = boot.browser;
    var steps = [];
    if (b.ie) steps.push("使用 360、QQ、搜狗等双核浏览器时，点击地址栏右侧的闪电或 e 图标，切换到“极速模式”后刷新本页");
    steps.push("换用 Chromium 86 及以上内核的浏览器（新版 Chrome、Edge，360、QQ 等浏览器的极速模式）、Firefox 114 及以上或 Safari 16.4 及以上");
    steps.push("在电脑上用命令行 zhibu score 给导出的自查文件评分");
    boot.advice = { seen: b.name && b.kernel ? b.name + "，" + b.kernel : b.name || b.kernel || "无法识别的浏览器", steps: steps };
  }

  // The tier, from the features each runtime needs; sets boot.reason when it is 3. The WebAssembly
  // tests are wasm-feature-detect's own modules (1.9.0, pinned in package.json; a test holds them
  // equal), run synchronously with WebAssembly.validate, which no Content-Security-Policy blocks.
  function chooseTier(boot) {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") {
      boot.reason = "浏览器不支持 WebAssembly";
      return 3;
    }
    if (typeof Worker !== "function") {
      boot.reason = "浏览器不支持 Web Worker";
      return 3;
    }
    // wasm-feature-detect's bigInt() instantiates a module, which a policy without
    // 'wasm-unsafe-eval' forbids in these older kernels: an i64 global given a BigInt asks the
    // same question (JS-BigInt integration) without compiling anything.
    var bigInt = false;
    try {
      bigInt = new WebAssembly.Global({ value: "i64", mutable: true }, BigInt(1)).value === BigInt(1);
    } catch (err) { /* no BigInt, or no integration */ }
    if (!bigInt) {
      boot.reason = "浏览器的 WebAssembly 不支持 BigInt（内核版本低于 Chromium 85）";
      return 3;
    }
    // exceptions(): (module (func try delegate)); referenceTypes(): (module (func ref.null drop)).
    var exceptions = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11];
    var referenceTypes = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11];
    return validates(exceptions) && validates(referenceTypes) ? 1 : 2;
  }

  function validates(bytes) {
    try {
      return WebAssembly.validate(new Uint8Array(bytes));
    } catch (err) {
      return false;
    }
  }

  // The browser and its kernel as a reader would name them, from the user-agent string: the
  // tier-3 message says what it sees. Dual-core browsers in IE mode send IE's string (Trident).
  function describeBrowser(ua) {
    var shells = [
      [/QIHU 360EE|360EE/, "360极速浏览器"], [/QIHU 360SE|360SE/, "360安全浏览器"], [/QaxBrowser|Qianxin/i, "奇安信可信浏览器"],
      [/QQBrowser/, "QQ浏览器"], [/MicroMessenger/, "微信内置浏览器"], [/MetaSr|SE 2\.X/, "搜狗浏览器"],
      [/UOS|uos-browser/i, "统信 UOS 浏览器"], [/Edg(e|A|iOS)?\//, "Microsoft Edge"], [/Firefox\//, "Firefox"],
    ];
    var name = "";
    for (var i = 0; i < shells.length && !name; i++) if (shells[i][0].test(ua)) name = shells[i][1];
    var m;
    var kernel =
      (m = ua.match(/Trident\/[\d.]+.*rv:(\d+)|MSIE (\d+)/)) ? "IE " + (m[1] || m[2]) + " 内核（Trident）"
      : (m = ua.match(/Firefox\/(\d+)/)) ? "Gecko " + m[1] + " 内核"
      : (m = ua.match(/Chrom(?:e|ium)\/(\d+)/)) ? "Chromium " + m[1] + " 内核"
      : (m = ua.match(/Version\/([\d.]+).*Safari\//)) ? "Safari " + m[1] + "（WebKit 内核）"
      : "";
    if (/Trident|MSIE/.test(ua) && !name) name = "Internet Explorer，或双核浏览器的兼容（IE）模式";
    return { name: name, kernel: kernel, ie: /Trident|MSIE/.test(ua) };
  }
})();
