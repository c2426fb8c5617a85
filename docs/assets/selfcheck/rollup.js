// The committee's roll-up page: many answers files (or a zip, or JSON Lines) in, the same
// roll-up `zhibu rollup` prints out — computed by the engine in its worker.
import { XLSX, download, fromBase64, h, replaceChildren } from "./dom.js";
import { getEngine } from "./engine.js";
import { guideLink } from "./guide.js";
import { rollupView } from "./rollup-view.js";

const EXPORTS = [
  ["导出支部一览（CSV）", "汇总_支部一览.csv", (r) => r.csv.branches, "text/csv;charset=utf-8"],
  ["导出两张名单（CSV）", "汇总_两张名单.csv", (r) => r.csv.lists, "text/csv;charset=utf-8"],
  ["导出结论台账（CSV）", "汇总_结论台账.csv", (r) => r.csv.ledgers, "text/csv;charset=utf-8"],
  ["导出文字报告（TXT）", "汇总报告.txt", (r) => `\ufeff${r.text}`, "text/plain;charset=utf-8"],
  ["导出汇总结果（JSON）", "汇总结果.json", (r) => r.json, "application/json"],
];

function mount() {
  const root = document.getElementById("rollup-app");
  if (!root || root.dataset.mounted || location.protocol === "file:") return;
  root.dataset.mounted = "1";
  getEngine().then((engine) => show(root, engine));
}

if (window.document$) window.document$.subscribe(mount);
else mount();

function show(root, engine) {
  const status = h("p", { class: "selfcheck-engine", role: "status", "aria-live": "polite" });
  const input = h("input", { type: "file", multiple: true, accept: ".json,.jsonl,.zip", id: "rollup-files" });
  const ratio = h("input", { type: "number", min: 0, max: 100, step: 1, value: "20", id: "rollup-ratio" });
  const seed = h("input", { type: "number", step: 1, value: String(new Date().getFullYear()), id: "rollup-seed" });
  // 合肥 四 caps the share of A on the first grading only (首次定级): the committee says when it is one.
  const first = h("input", { type: "checkbox", id: "rollup-first", on: { change: () => chosen.length && engine.state === "ready" && rollUp() } });
  const run = h("button", { type: "button", class: "md-button md-button--primary", text: "汇总" });
  const output = h("div", { class: "rollup-output" });
  const progressText = h("span", { role: "status", "aria-live": "polite" });
  const bar = h("progress", { "aria-label": "汇总进度" });
  const progress = h("p", { class: "rollup-progress", hidden: true }, bar, progressText);
  let last = null;
  const exports = EXPORTS.map(([label, filename, pick, type]) => h("button", {
    type: "button", class: "md-button", text: label, disabled: true,
    on: { click: () => download(filename, pick(last), type) },
  }));
  // Every table in one Excel workbook (XlsxWriter, fetched on the first export), from this roll-up.
  exports.unshift(h("button", {
    type: "button", class: "md-button", text: "导出全部表格（Excel）", disabled: true,
    on: {
      click: async () => {
        const reply = await engine.request("rollup-xlsx", last.json);
        if (reply && reply.ok) download("汇总.xlsx", fromBase64(reply.xlsx), XLSX);
        else replaceChildren(output, h("ul", { class: "selfcheck-error", role: "alert" }, (reply ? reply.problems : []).map((p) => h("li", { text: p.message }))));
      },
    },
  }));
  const showProgress = (text, value, max) => {
    progress.hidden = bar.hidden = false;
    if (max) {
      bar.max = max;
      bar.value = value;
    } else bar.removeAttribute("value"); // indeterminate
    progressText.textContent = text;
  };

  const engineState = () => {
    const texts = {
      loading: `${engine.stage}（可以先选择文件）`,
      ready: "评分引擎已就绪。",
      failed: `评分引擎加载失败：${engine.reason}。`,
      unsupported: `当前浏览器无法运行评分引擎（${engine.reason}）。${engine.advice.seen ? `本页识别到的浏览器是：${engine.advice.seen}。` : ""}可以：${engine.advice.steps.join("；")}。`,
    };
    const guide = engine.help && (engine.state === "failed" || engine.state === "unsupported") ? guideLink(engine.help) : null;
    replaceChildren(status, engine.state === "loading" ? [h("progress", { "aria-label": "评分引擎加载进度" }), " "] : null, texts[engine.state], guide);
    run.disabled = engine.state !== "ready";
    if (engine.state === "ready" && waiting) rollUp();
  };
  // Files are rolled up as soon as they are chosen or dropped (once the engine is ready);
  // 汇总 runs it again, e.g. with another sampling ratio.
  let chosen = [];
  let waiting = false;
  const take = (files) => {
    chosen = [...files];
    if (engine.state === "ready") rollUp();
    else if (engine.state === "loading") {
      waiting = true;
      showProgress(`已选择 ${chosen.length} 个文件，评分引擎就绪后自动汇总……`, 0, 0);
    }
  };
  input.addEventListener("change", () => take(input.files));
  root.addEventListener("dragover", (e) => e.preventDefault());
  root.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) take(e.dataTransfer.files);
  });
  engine.onChange(engineState);

  async function rollUp() {
    waiting = false;
    const files = chosen;
    if (!files.length) {
      replaceChildren(output, h("p", { class: "selfcheck-warn", text: "请先选择自查文件。" }));
      return;
    }
    run.disabled = true;
    replaceChildren(output);
    const read = [];
    let bytes = 0;
    for (const [i, file] of files.entries()) {
      if (i % 20 === 0) showProgress(`正在读取文件 ${i + 1} / ${files.length}：${file.name}`, i, files.length);
      const data = await file.arrayBuffer();
      bytes += data.byteLength;
      read.push({ name: file.name, data });
    }
    showProgress(`正在汇总 ${files.length} 个文件（${(bytes / 1e6).toFixed(1)} MB）……`, 0, 0);
    const share = Number(ratio.value) / 100;
    const options = { sample: share > 0 ? share : null, seed: Number(seed.value) || 0, first_grading: first.checked };
    const started = performance.now();
    const reply = await engine.request("rollup", JSON.stringify(options), read, (w) =>
      showProgress(`正在汇总：已评分 ${w.records} 份（第 ${w.file} / ${w.files} 个文件）`, w.file, w.files));
    run.disabled = false;
    progress.hidden = true;
    if (!reply || !reply.ok) {
      const problems = reply ? reply.problems : [{ path: "$", message: "评分引擎不可用" }];
      replaceChildren(output, h("ul", { class: "selfcheck-error", role: "alert" }, problems.map((p) => h("li", { text: p.message }))));
      return;
    }
    last = reply;
    for (const button of exports) button.disabled = false;
    const summary = JSON.parse(reply.json);
    replaceChildren(output, h("div", { class: "rollup-report", tabindex: "-1" }, rollupView(summary)));
    progressText.textContent = `汇总完成：${summary.branches} 个支部（期），用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒。`;
    progress.hidden = false;
    bar.hidden = true;
    performance.mark("rollup:done");
  }
  run.addEventListener("click", () => rollUp());

  replaceChildren(
    root,
    status,
    h(
      "div",
      { class: "selfcheck-grid" },
      h("div", { class: "selfcheck-field" }, h("label", { for: "rollup-files", text: "自查文件（可多选，也可以把文件拖到这里；.json、.jsonl 或 .zip）" }), input),
      h("div", { class: "selfcheck-field" }, h("label", { for: "rollup-ratio", text: "交叉抽查比例（%，0 表示不抽查）" }), ratio),
      h("div", { class: "selfcheck-field" }, h("label", { for: "rollup-seed", text: "抽查随机种子（公布后可复核）" }), seed),
    ),
    h("p", { class: "rollup-first" }, first, " ", h("label", { for: "rollup-first", text: "本次汇总是首次定级（合肥：首次定级“A”的党支部数不超过总数的 10%，只在首次定级时检查）" })),
    h("p", { class: "rollup-actions" }, run, " ", exports.map((b) => [b, " "]), h("button", { type: "button", class: "md-button", text: "打印", on: { click: () => window.print() } })),
    progress,
    output,
  );
}
