// The committee's roll-up page: many answers files (or a zip, or JSON Lines) in, the same
// roll-up `zhibu rollup` prints out — computed by the engine in its worker.
import { download, h, replaceChildren } from "./dom.js";
import { BROWSERS, getEngine } from "./engine.js";

function mount() {
  const root = document.getElementById("rollup-app");
  if (!root || root.dataset.mounted || location.protocol === "file:") return;
  root.dataset.mounted = "1";
  show(root, getEngine());
}

if (window.document$) window.document$.subscribe(mount);
else mount();

function show(root, engine) {
  const status = h("p", { class: "selfcheck-engine", role: "status", "aria-live": "polite" });
  const input = h("input", { type: "file", multiple: true, accept: ".json,.jsonl,.zip", id: "rollup-files" });
  const ratio = h("input", { type: "number", min: 0, max: 100, step: 1, value: "20", id: "rollup-ratio" });
  const seed = h("input", { type: "number", step: 1, value: String(new Date().getFullYear()), id: "rollup-seed" });
  const run = h("button", { type: "button", class: "md-button md-button--primary", text: "汇总" });
  const output = h("div", { class: "rollup-output", "aria-live": "polite" });
  let last = null;
  const exportCsv = h("button", { type: "button", class: "md-button", text: "导出支部一览（CSV）", disabled: true,
    on: { click: () => download("汇总_支部一览.csv", last.csv, "text/csv;charset=utf-8") } });
  const exportJson = h("button", { type: "button", class: "md-button", text: "导出汇总结果（JSON）", disabled: true,
    on: { click: () => download("汇总结果.json", last.json, "application/json") } });

  const engineState = () => {
    const texts = {
      loading: `${engine.stage}（可以先选择文件）`,
      ready: "评分引擎已就绪。",
      failed: `评分引擎加载失败：${engine.reason}。`,
      unsupported: `当前浏览器无法运行评分引擎（${engine.reason}）。请使用 ${BROWSERS}。`,
    };
    replaceChildren(status, engine.state === "loading" ? [h("progress", { "aria-label": "评分引擎加载进度" }), " "] : null, texts[engine.state]);
    run.disabled = engine.state !== "ready";
  };
  engine.onChange(engineState);

  run.addEventListener("click", async () => {
    const files = [...input.files];
    if (!files.length) {
      replaceChildren(output, h("p", { class: "selfcheck-warn", text: "请先选择自查文件。" }));
      return;
    }
    run.disabled = true;
    const read = [];
    for (const [i, file] of files.entries()) {
      replaceChildren(output, h("p", { text: `正在读取文件 ${i + 1} / ${files.length}：${file.name}` }));
      read.push({ name: file.name, data: await file.arrayBuffer() });
    }
    replaceChildren(output, h("p", { text: `正在汇总 ${files.length} 个文件……` }));
    const share = Number(ratio.value) / 100;
    const options = { sample: share > 0 ? share : null, seed: Number(seed.value) || 0 };
    const reply = await engine.request("rollup", JSON.stringify(options), read);
    run.disabled = false;
    if (!reply || !reply.ok) {
      const problems = reply ? reply.problems : [{ path: "$", message: "评分引擎不可用" }];
      replaceChildren(output, h("ul", { class: "selfcheck-error" }, problems.map((p) => h("li", { text: p.message }))));
      return;
    }
    last = reply;
    exportCsv.disabled = exportJson.disabled = false;
    replaceChildren(output, h("pre", { class: "rollup-report", tabindex: "0", text: reply.text }));
  });

  replaceChildren(
    root,
    status,
    h(
      "div",
      { class: "selfcheck-grid" },
      h("div", { class: "selfcheck-field" }, h("label", { for: "rollup-files", text: "自查文件（可多选；.json、.jsonl 或 .zip）" }), input),
      h("div", { class: "selfcheck-field" }, h("label", { for: "rollup-ratio", text: "交叉抽查比例（%，0 表示不抽查）" }), ratio),
      h("div", { class: "selfcheck-field" }, h("label", { for: "rollup-seed", text: "抽查随机种子（公布后可复核）" }), seed),
    ),
    h("p", {}, run, " ", exportCsv, " ", exportJson, " ", h("button", { type: "button", class: "md-button", text: "打印", on: { click: () => window.print() } })),
    output,
  );
}
