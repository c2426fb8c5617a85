// The self-check page: the form is usable at once; the engine (Pyodide in a worker) scores
// every change as soon as it is ready. State is one answers file — the same one `zhibu
// score` reads — autosaved in the browser, exported and imported as JSON.
import { library } from "./charts.js";
import { DOCX, XLSX, download, fromBase64, h, replaceChildren } from "./dom.js";
import { cspProblem, getEngine } from "./engine.js";
import { guideLink } from "./guide.js";
import { periodMonths, renderForm } from "./form.js";
import { compareSection } from "./compare.js";
import { planSection } from "./plan.js";
import { renderReport, renderResults } from "./results.js";
import * as store from "./store.js";

const here = new URL(import.meta.url);
const DATA = new URL("../zhibu/", here);

function mount() {
  const root = document.getElementById("selfcheck-app");
  if (!root || root.dataset.mounted) return;
  root.dataset.mounted = "1";
  start(root).catch(async (err) => {
    await new Promise((resolve) => setTimeout(resolve, 100)); // a policy's violation events come after the failure
    const csp = cspProblem(window.zhibuBoot && window.zhibuBoot.violations); // e.g. connect-src forbids reading the rubric
    replaceChildren(
      root,
      h("p", { class: "selfcheck-alert", role: "alert" }, `自查页面无法启动：${csp ? csp.message : err.message}。`, guideLink(csp ? csp.help : "problems")),
    );
  });
}

// Material's instant navigation swaps pages without reloading scripts: mount on every page.
if (window.document$) window.document$.subscribe(mount);
else mount();

async function start(root) {
  if (location.protocol === "file:") return; // file-notice.js (a classic script) explains
  const engine = getEngine(); // started by engine-boot.js while the page was still loading
  const [rubric, form] = await Promise.all(
    ["rubric.json", "form.json"].map((name) =>
      fetch(new URL(name, DATA)).then((r) => {
        if (!r.ok) throw new Error(`读取 ${name} 失败（HTTP ${r.status}）`);
        return r.json();
      }),
    ),
  );
  const app = new App(root, rubric, form, await engine);
  app.show();
  // The report is drawn when it is needed, not on every keystroke (Ctrl+P prints too).
  window.addEventListener("beforeprint", () => root.isConnected && app.renderReport());
}

const today = () => new Date().toISOString().slice(0, 10);

class App {
  constructor(root, rubric, form, engine) {
    this.root = root;
    this.rubric = rubric;
    this.form = form;
    this.engine = engine;
    this.items = new Map(rubric.items.map((i) => [i.id, i]));
    this.schemes = new Map(rubric.schemes.map((s) => [s.id, s]));
    this.result = null;
    this.problems = [];
    this.seq = 0;
    this.firstScore = false;
  }

  show() {
    const id = store.current();
    const data = id && store.load(id);
    if (data) this.open(id, data);
    else this.open(store.newId(), this.blank("机关"));
    this.engine.onChange(() => {
      this.renderEngineState();
      if (this.engine.state === "ready" && !this.result) this.rescore();
    });
  }

  blank(type) {
    const data = JSON.parse(JSON.stringify(this.form.template)); // not structuredClone: Chromium 98+ only
    const year = new Date().getFullYear();
    data.rubric_version = this.rubric.version;
    data.branch.type = type;
    data.period = { start: `${year}-01-01`, end: `${year}-12-31` };
    data.check_date = today();
    data.standard = ""; // the secretary names the standard first (form.js asks before anything else)
    data.compare = [];
    return data;
  }

  // A new period must not hide what was entered: meetings logged in months the new period
  // leaves out are listed, and go only when the secretary confirms; otherwise the period stays.
  periodChanged(which, before, input) {
    const log = this.data.facts.meetings || {};
    const kept = new Set(periodMonths(this.data.period));
    const outside = [];
    for (const [type, months] of Object.entries(log)) {
      for (const [month, times] of Object.entries(months || {})) {
        if (!kept.has(month) && times) outside.push([type, month, times]);
      }
    }
    if (outside.length) {
      const lines = outside.slice(0, 12).map(([type, month, times]) => `${month.slice(0, 4)}年${Number(month.slice(5))}月 ${type} ${times} 次`);
      const more = outside.length > 12 ? `\n……共 ${outside.length} 条` : "";
      const ok = window.confirm(`新的自查期不包括以下已填写的会议记录，改期后它们将被删除（不计入本期）：\n${lines.join("\n")}${more}\n\n确定修改自查期吗？`);
      if (!ok) {
        this.data.period[which] = before;
        input.value = before;
        return;
      }
      for (const [type, month] of outside) delete log[type][month];
      this.flash(`已修改自查期，删除了自查期以外的 ${outside.length} 条会议记录。`);
    }
    this.changed({ structure: true });
  }

  open(id, data) {
    this.id = id;
    this.data = data;
    this.listedTitle = null;
    this.result = null;
    this.grid = null;
    this.problems = [];
    this.layout();
    this.save();
    this.rescore();
  }

  // Every edit comes through here: save at once, then score. The rescore measure starts
  // here, so it covers what the secretary waits for: save, engine, and redraw.
  changed({ structure = false } = {}) {
    const started = performance.now();
    this.save();
    if (structure) this.renderForm();
    this.rescore(started);
  }

  save() {
    const title = `${this.data.branch.name}|${this.data.period.start}|${this.data.period.end}`;
    const listed = title === this.listedTitle;
    this.text = JSON.stringify(this.data);
    const refused = store.save(this.id, this.data, this.text, listed);
    const note = refused || (store.persistent ? `已自动保存 ${new Date().toLocaleTimeString("zh-CN")}` : "浏览器不允许保存：请随时导出自查文件");
    if (this.saveNote.textContent !== note) this.saveNote.textContent = note;
    this.saveNote.classList.toggle("selfcheck-warn", Boolean(refused) || !store.persistent);
    if (!listed && !refused) {
      this.listedTitle = title;
      this.renderRecords();
    }
  }

  // The engine scores a copy; a blank branch name (which a saved file must not have) is
  // shown as such instead of stopping the score while the secretary is still typing.
  scoringText() {
    if (this.data.branch.name.trim()) return this.text;
    const copy = JSON.parse(this.text);
    copy.branch.name = "（未填写支部名称）";
    return JSON.stringify(copy);
  }

  async rescore(started = performance.now()) {
    if (this.engine.state !== "ready") return;
    if (!this.data.standard) {
      this.result = null;
      this.grid = null;
      this.problems = [];
      this.renderResults();
      return;
    }
    const seq = ++this.seq;
    const reply = await this.engine.request("rescore", this.scoringText());
    if (!reply || seq !== this.seq) return; // a newer change is on its way
    if (reply.ok) {
      this.result = reply.result;
      this.grid = reply.grid; // each meeting's requirement per period against the log (form.js draws it)
      this.problems = [];
    } else {
      this.problems = reply.problems;
    }
    this.renderResults();
    performance.measure("selfcheck:rescore", { start: started, end: performance.now() });
    this.scheduleReport();
    if (!this.firstScore && reply.ok) {
      this.firstScore = true;
      performance.mark("selfcheck:first-score");
    }
  }

  layout() {
    this.findingRows = null;
    this.findingsBody = null;
    this.saveNote = h("span", { class: "selfcheck-save", role: "status" });
    this.recordSelect = h("select", { id: "sc-record", on: { change: (e) => this.switchTo(e.target.value) } });
    this.engineNote = h("div", { class: "selfcheck-engine", role: "status", "aria-live": "polite" });
    this.formEl = h("div", { class: "selfcheck-form" });
    this.panel = h("aside", { class: "selfcheck-panel", "aria-label": "评分", tabindex: "0" });
    this.findings = h("section", { class: "selfcheck-findings", "aria-labelledby": "sc-findings-title" });
    this.report = h("section", { class: "selfcheck-report", "aria-hidden": "true" });
    this.messages = h("div", { class: "selfcheck-messages", role: "alert", "aria-live": "assertive" });
    replaceChildren(
      this.root,
      this.toolbar(),
      this.messages,
      this.engineNote,
      h("div", { class: "selfcheck-body" }, h("div", { class: "selfcheck-main" }, this.formEl, this.findings), this.panel),
      planSection(this),
      compareSection(this),
      this.report,
    );
    this.renderForm();
    this.renderEngineState();
    this.renderResults();
  }

  toolbar() {
    const file = h("input", {
      type: "file",
      accept: ".json,application/json",
      class: "selfcheck-file",
      id: "sc-import-file",
      tabindex: "-1", // reached through the 导入自查文件 button
      "aria-label": "导入自查文件",
      on: { change: (e) => this.importFile(e.target) },
    });
    const button = (label, action, extra = {}) => h("button", { type: "button", class: "md-button", on: { click: action }, ...extra }, label);
    return h(
      "div",
      { class: "selfcheck-toolbar", role: "toolbar", "aria-label": "自查档案" },
      h("label", { for: "sc-record", text: "自查档案" }),
      this.recordSelect,
      button("新建", () => this.create()),
      button("删除", () => this.remove()),
      button("导入自查文件", () => file.click()),
      file,
      button("导出自查文件", () => this.exportAnswers()),
      button("导出自查报告与整改方案（Word）", () => this.exportBinary("docx", DOCX, "Word 文件"), { "data-needs-engine": "1" }),
      button("导出问题与整改清单（Excel）", () => this.exportBinary("xlsx", XLSX, "Excel 文件"), { "data-needs-engine": "1" }),
      button("导出问题与整改清单（CSV）", () => this.exportCsv(), { "data-needs-engine": "1" }),
      button("导出评分结果（JSON）", () => this.exportResult(), { "data-needs-engine": "1" }),
      button("打印报告", () => this.printReport()),
      this.saveNote,
    );
  }

  // The report with its chart: the chart library first, when it is not here yet (a failure leaves
  // the chart's table, which the report prints anyway).
  async printReport() {
    await library().catch(() => null);
    this.renderReport();
    window.print();
  }

  renderRecords() {
    if (!this.recordSelect) return;
    const records = store.list();
    if (!records.some((r) => r.id === this.id)) records.unshift({ id: this.id, title: this.data.branch.name || "未命名支部", period: "" });
    replaceChildren(
      this.recordSelect,
      records.map((r) => h("option", { value: r.id, selected: r.id === this.id, text: `${r.title || "未命名支部"}  ${r.period}` })),
    );
  }

  renderForm() {
    renderForm(this.formEl, this);
    if (this.result) this.renderResults();
  }

  renderEngineState() {
    const e = this.engine;
    const texts = {
      loading: `${e.stage}（表单可以先填写，引擎就绪后自动评分）`,
      ready: `评分引擎已就绪（zhibu ${e.version || ""}）。每次修改都会立即重新评分。`,
      failed: `评分引擎加载失败：${e.reason}。表单、自动保存和导出自查文件仍可使用；请把这条信息告诉网站管理员。`,
      unsupported: [
        h("strong", { text: "当前浏览器无法运行评分引擎" }),
        `（${e.reason}）。表单、自动保存和导出自查文件仍可使用。`,
        e.advice.seen ? `本页识别到的浏览器是：${e.advice.seen}。可以：` : "可以：",
        h("ul", {}, [
          ...e.advice.steps.map((step) => h("li", { text: `${step}；` })),
          h("li", {}, "打印", h("a", { href: "paper/index.html", class: "selfcheck-paper", text: "纸质自查表" }), "在会上或纸上填写。"),
        ]),
      ],
    };
    replaceChildren(
      this.engineNote,
      e.state === "loading" ? h("progress", { "aria-label": "评分引擎加载进度" }) : null,
      e.state === "loading" ? " " : null,
      texts[e.state],
      e.help && (e.state === "failed" || e.state === "unsupported") ? guideLink(e.help) : null,
      e.state === "failed"
        ? [" 也可以打印", h("a", { href: "paper/index.html", class: "selfcheck-paper", text: "纸质自查表" }), "填写。"]
        : null,
    );
    this.engineNote.dataset.state = e.state;
    this.root.dataset.engine = e.state;
    for (const el of this.root.querySelectorAll("[data-needs-engine]")) el.disabled = e.state !== "ready";
  }

  renderResults() {
    renderResults(this);
    if (this.showNeeds) this.showNeeds(this.grid);
  }

  // Bring an item into view (its group opened) and put the keyboard on its first answer.
  goTo(id) {
    const el = document.getElementById(`sc-item-${id}`);
    if (!el) return;
    for (let d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
    el.scrollIntoView({ block: "center" });
    const input = el.querySelector(".selfcheck-outcome button") || el.querySelector("input, textarea, a"); // 去填写 first
    if (input) input.focus({ preventScroll: true });
    this.lastVisited = id;
  }

  // The standard's next item still unanswered after the last one visited (wrapping round).
  nextUnanswered() {
    const standard = this.result && this.result.schemes[0];
    if (!standard) return;
    const open = standard.groups.flatMap((g) => g.items).filter((i) => i.status === "unanswered").map((i) => i.item);
    if (!open.length) return;
    const order = [...this.formEl.querySelectorAll("[data-item]")].map((el) => el.dataset.item).filter((id) => open.includes(id));
    const after = order.indexOf(this.lastVisited);
    this.goTo(order[(after + 1) % order.length] || open[0]);
  }

  renderReport() {
    clearTimeout(this.reportTimer);
    renderReport(this);
  }

  // The print report follows the result when the secretary pauses, off the typing path.
  scheduleReport() {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => this.root.isConnected && renderReport(this), 400);
  }

  flash(text, kind = "info") {
    replaceChildren(this.messages, text ? h("p", { class: `selfcheck-${kind}`, text }) : null);
  }

  switchTo(id) {
    const data = store.load(id);
    if (data) this.open(id, data);
  }

  create() {
    this.open(store.newId(), this.blank(this.data.branch.type));
    const first = this.root.querySelector("#sc-standard input");
    if (first) first.focus();
  }

  remove() {
    const name = this.data.branch.name || "未命名支部";
    if (!window.confirm(`删除自查档案“${name}（${this.data.period.start} 至 ${this.data.period.end}）”？删除后不能恢复，建议先导出。`)) return;
    store.discard(this.id);
    const next = store.list()[0];
    if (next && store.load(next.id)) this.open(next.id, store.load(next.id));
    else this.open(store.newId(), this.blank(this.data.branch.type));
    this.flash(`已删除“${name}”。`); // after open(): it redraws the page, messages included
  }

  fileName(ext) {
    const name = (this.data.branch.name || "未命名支部").replace(/[\\/:*?"<>|\s]+/g, "_");
    return `支部自查_${name}_${this.data.period.start}_${this.data.period.end}.${ext}`;
  }

  exportAnswers() {
    if (!this.data.standard) {
      this.flash("请先在第一部分选择考核标准，再导出自查文件。", "warn");
      return;
    }
    download(this.fileName("json"), `${JSON.stringify(this.data, null, 2)}\n`, "application/json");
  }

  async exportCsv() {
    const reply = await this.engine.request("csv", JSON.stringify(this.data));
    if (reply && reply.ok) download(this.fileName("csv"), reply.csv, "text/csv;charset=utf-8");
    else this.showProblems("无法导出清单", reply ? reply.problems : []);
  }

  // A file the engine makes as bytes (base64): `op` is also the reply's key and the extension.
  // xlsx: the 问题与整改清单 and the scores (XlsxWriter, fetched on the first export);
  // docx: the 自查报告与整改方案 (the standard library: nothing to fetch).
  async exportBinary(op, type, what) {
    this.flash(`正在生成 ${what}……`);
    const reply = await this.engine.request(op, JSON.stringify(this.data));
    if (reply && reply.ok) {
      download(this.fileName(op), fromBase64(reply[op]), type);
      this.flash(`已导出 ${what}。`);
    } else this.showProblems(`无法导出 ${what}`, reply ? reply.problems : []);
  }

  async exportResult() {
    const reply = await this.engine.request("score", JSON.stringify(this.data));
    if (reply && reply.ok) download(this.fileName("result.json"), reply.json, "application/json");
    else this.showProblems("无法导出评分结果", reply ? reply.problems : []);
  }

  showProblems(title, problems) {
    replaceChildren(
      this.messages,
      h("div", { class: "selfcheck-error" }, h("p", { text: `${title}：` }), h("ul", {}, problems.map((p) => h("li", { text: `${p.path}: ${p.message}` })))),
    );
  }

  // An import is checked first; a bad file changes nothing on screen or in storage.
  async importFile(input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    const limit = this.form.max_bytes;
    if (file.size > limit) {
      this.showProblems(`文件“${file.name}”不能导入`, [{ path: "$", message: `文件太大（${(file.size / 1e6).toFixed(1)} MB），自查文件不应超过 ${limit / 1e6} MB` }]);
      return;
    }
    // Decoded as the engine reads a file: strict UTF-8 (file.text() would turn GBK into U+FFFD) and
    // every BOM kept, so that a doubled one is refused here as by `zhibu score`.
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(await file.arrayBuffer());
    } catch (_) {
      this.showProblems(`文件“${file.name}”不能导入，当前内容没有任何改动`, [{ path: "$", message: "不是 UTF-8 编码的文本文件" }]);
      return;
    }
    if (this.engine.state === "loading") {
      this.flash("正在等待评分引擎检查文件…");
      await this.engine.settled();
    }
    const reply = this.engine.state === "ready" ? await this.engine.request("validate", text) : null;
    const problems = reply ? reply.problems : this.quickCheck(text);
    if (problems && problems.length) {
      this.showProblems(`文件“${file.name}”不能导入，当前内容没有任何改动`, problems);
      return;
    }
    const data = reply && reply.data ? reply.data : store.upgrade(JSON.parse(text.replace(/^\ufeff/, "")));
    this.open(store.newId(), data);
    this.flash(`已导入“${file.name}”，作为新的自查档案保存。`);
  }

  // Without the engine (unsupported browser) an import gets the checks JavaScript can do.
  quickCheck(text) {
    let data;
    try {
      data = JSON.parse(text.replace(/^\ufeff/, ""));
    } catch (_) {
      return [{ path: "$", message: "不是有效的 JSON 文件，或文件不完整" }];
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) return [{ path: "$", message: "应为 JSON 对象（{…}），这不是自查文件" }];
    data = store.upgrade(data);
    if (data.schema_version !== this.form.schema_version) {
      return [{ path: "$.schema_version", message: `格式版本不符（本程序读第 ${this.form.schema_version} 版）` }];
    }
    const missing = ["rubric_version", "branch", "period", "check_date", "standard"].filter((k) => !(k in data));
    return missing.map((k) => ({ path: `$.${k}`, message: "缺少此项" }));
  }
}
