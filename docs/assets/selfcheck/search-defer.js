// On the self-check pages, Material's search downloads and builds its index only once the
// scoring engine has given its first score. Both are heavy for a moment, and on an office PC with two cores
// building them side by side made the first score about 20% later. Search still works: the
// index is built at once when the reader reaches for the search box, when the engine fails,
// or after 15 seconds at the latest.
//
// How: Material creates its search worker with `new Worker(url)`, listens to its "message"
// events and sends it the index with postMessage. Until released, it gets a stand-in that
// queues what is sent; on release the real worker starts (its thread, its scripts, the
// index) and the stand-in passes its messages on. Classic script, loaded in <head> right
// after engine-boot.js, before Material's bundle runs.
(function () {
  var boot = window.zhibuBoot;
  if (!boot || !boot.worker || window.zhibuSearchDefer) return;
  var Native = window.Worker;
  var state = (window.zhibuSearchDefer = { released: false, reason: null });
  var standIns = []; // search workers waiting to start

  function release(reason) {
    if (state.released) return;
    state.released = true;
    state.reason = reason;
    window.Worker = Native;
    XMLHttpRequest.prototype.open = xhrOpen;
    XMLHttpRequest.prototype.send = xhrSend;
    performance.mark("search:released");
    standIns.splice(0).forEach(function (start) { start(); });
    heldSends.splice(0).forEach(function (send) { send(); });
  }

  // The index's download waits too (search/search_index.json, ~125 kB gzip, fetched by Material
  // with XMLHttpRequest): on a slow link it shared the line with the engine's files.
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  var heldSends = [];
  XMLHttpRequest.prototype.open = function (method, url) {
    this.zhibuSearchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.zhibuSearchIndex || state.released) return xhrSend.apply(this, arguments);
    var xhr = this;
    var args = arguments;
    heldSends.push(function () { xhrSend.apply(xhr, args); });
  };

  function Deferring(url, options) {
    if (state.released || !/\/workers\/search\./.test(String(url))) {
      return options === undefined ? new Native(url) : new Native(url, options);
    }
    var standIn = new EventTarget();
    var queue = [];
    var real = null;
    standIn.postMessage = function (message, transfer) {
      if (real) real.postMessage(message, transfer);
      else queue.push([message, transfer]);
    };
    standIn.terminate = function () { if (real) real.terminate(); queue = []; };
    standIns.push(function () {
      real = options === undefined ? new Native(url) : new Native(url, options);
      real.onmessage = function (e) { standIn.dispatchEvent(new MessageEvent("message", { data: e.data })); };
      real.onerror = function (e) { standIn.dispatchEvent(new ErrorEvent("error", { message: e.message })); };
      queue.splice(0).forEach(function (job) { real.postMessage(job[0], job[1]); });
    });
    return standIn;
  }
  window.Worker = Deferring;

  // The engine has scored (or cannot): search may have the cores.
  if (typeof PerformanceObserver === "function") {
    try {
      new PerformanceObserver(function (list, observer) {
        if (list.getEntriesByName("selfcheck:first-score").length) {
          observer.disconnect();
          release("first-score");
        }
      }).observe({ type: "mark" });
    } catch (err) {
      release("no-observer");
    }
  }
  boot.worker.addEventListener("message", function (event) {
    var type = event.data && event.data.type;
    if (type === "failed" || type === "error") release("engine-" + type);
    if (type === "ready") setTimeout(function () { release("engine-ready"); }, 1500); // pages that do not score at once
  });
  boot.worker.addEventListener("error", function () { release("engine-error"); });
  setTimeout(function () { release("timeout"); }, 15000);

  // The reader wants search now: Material's hotkeys (/ s f) or the search box itself.
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" || e.key === "s" || e.key === "f" || e.key === "S" || e.key === "F") release("key");
  }, true);
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.closest && e.target.closest(".md-search")) release("focus");
  }, true);
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest("label[for=__search], .md-search")) release("click");
  }, true);
})();
