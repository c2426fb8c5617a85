// The roll-up as a readable (and printable) report: the same data `zhibu rollup --format json`
// prints, laid out as the committee uses it. Everything from the files becomes text nodes.
import { chartFigure } from "./charts.js";
import { h } from "./dom.js";

const pct = (x) => `${(100 * x).toFixed(1)}%`;
// 达标, 合格, 达到过硬标准: the pass list's name without 名单 (a scheme of grades only has none).
const passedWord = (s) => (s.list_names ? s.list_names.passed.replace(/名单$/, "") : null);
const names = (list) => (list.length ? list.join("、") : "无");

function table(caption, head, rows) {
  return h(
    "div",
    { class: "rollup-table", tabindex: "0", role: "region", "aria-label": caption }, // scrolls sideways on a phone: reachable by keyboard
    h(
      "table",
      {},
      h("caption", { text: caption }),
      h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c, i) => h("td", { "data-label": head[i] }, c))))),
    ),
  );
}

function problems(title, list, line) {
  if (!list.length) return null;
  return h("section", { class: "rollup-section rollup-problems" }, h("h3", { text: `${title}（${list.length} 个）` }),
    h("ul", {}, list.map((x) => h("li", { text: line(x) }))));
}

// One standard, in the order a committee reads it: the two lists (in the document's words), the
// ratios against its targets, the ledger best first, the caps; unfinished self-checks apart.
function scheme(s) {
  const parts = [h("h3", { text: `${s.name}（${s.branches} 个支部完成自查）` })];
  if (s.lists) {
    parts.push(
      h("p", {}, h("strong", { text: `${s.list_names.passed} ${s.lists.passed.length} 个：` }), names(s.lists.passed)),
      h("p", {}, h("strong", { text: `${s.list_names.failed} ${s.lists.failed.length} 个：` }), names(s.lists.failed)),
      ratioChart(s),
      table(
        "达标比例",
        ["年度", `${passedWord(s)} / 支部数`, "比例", "目标", "是否达到"],
        s.ratios.map((r) => [
          String(r.year),
          `${r.passed} / ${r.branches}`,
          pct(r.ratio),
          r.target === null ? "文件未规定" : `${pct(r.target)}（${r.target_text}，${r.target_clause}）`,
          r.met === null ? "—" : r.met ? "达到" : "未达到",
        ]),
      ),
    );
  }
  parts.push(
    table(
      "结论分布与台账",
      ["结论", "支部数", "支部"],
      Object.entries(s.labels).map(([label, count]) => [label, String(count), names(s.ledger[label])]),
    ),
  );
  parts.push(distributionChart(s), parentChart(s));
  for (const c of s.caps) parts.push(h("p", { class: c.over ? "rollup-over" : null, "data-cap": c.label }, `${c.message}（${c.clause}）。`));
  if (s.incomplete.length) {
    parts.push(h("p", { class: "rollup-incomplete" }, h("strong", { text: `自查未完成 ${s.incomplete.length} 个` }),
      `（有未作答的项，不列入名单、比例和台账）：${names(s.incomplete)}`));
  }
  return h("section", { class: "rollup-section" }, parts);
}

// Each year's ratio against the document's target (the table below has the same numbers).
function ratioChart(s) {
  const word = passedWord(s);
  const percent = (x) => (x === null ? null : Math.round(1000 * x) / 10);
  const targets = s.ratios.map((r) => percent(r.target));
  if (s.ratios.length < 2 && targets[0] === null) return null; // one bar, no target: the table says it
  return chartFigure({
    id: `ratio-${s.name}`,
    title: `${s.name}：各年度${word}比例${targets.some((t) => t !== null) ? "与文件规定的目标" : ""}`,
    unit: "%",
    max: 100,
    head: "年度",
    categories: s.ratios.map((r) => `${r.year} 年`),
    series: [{ name: `${word}比例`, values: s.ratios.map((r) => percent(r.ratio)) }],
    target: targets.some((t) => t !== null) ? { name: "目标", values: targets } : null,
    table: "below",
  });
}

function distributionChart(s) {
  return chartFigure({
    id: `distribution-${s.name}`,
    title: `${s.name}：得分分布（支部数）`,
    unit: "个",
    head: "分数段",
    categories: s.distribution.map((b) => b.band),
    series: [{ name: "支部数", values: s.distribution.map((b) => b.branches) }],
    table: true,
  });
}

// By parent organisation: worth a chart when there are two or more.
function parentChart(s) {
  if (s.by_parent.length < 2) return null;
  const word = passedWord(s);
  return chartFigure({
    id: `parents-${s.name}`,
    title: `${s.name}：各上级党组织所属支部的平均分`,
    unit: "分",
    max: 100,
    horizontal: true,
    head: "上级党组织",
    categories: s.by_parent.map((p) => p.parent),
    series: [{ name: "平均分", values: s.by_parent.map((p) => p.mean) }],
    extra: [
      { name: "支部数", values: s.by_parent.map((p) => p.branches) },
      ...(word ? [{ name: `${word}数`, values: s.by_parent.map((p) => p.passed) }] : []),
    ],
    table: true,
  });
}

function problemChart(list) {
  return chartFigure({
    id: "problems",
    title: "最常见的问题（出现该问题的支部数）",
    unit: "个",
    horizontal: true,
    head: "自查项",
    categories: list.map((p) => `${p.item} ${p.text.length > 14 ? `${p.text.slice(0, 14)}…` : p.text}`),
    series: [{ name: "支部数", values: list.map((p) => p.branches) }],
    table: "below",
  });
}

function branchTable(rows, schemes) {
  const ids = Object.keys(schemes);
  return h(
    "details",
    { class: "rollup-section" },
    h("summary", { text: `支部一览（${rows.length} 个；打印前展开即可一并打印）` }),
    table(
      "支部一览",
      ["支部", "类型", "上级党组织", "自查期", ...ids.map((id) => schemes[id].name), "问题数"],
      rows.map((r) => [
        r.name, r.type, r.parent, r.period,
        ...ids.map((id) => (r.verdicts[id] ? `${r.verdicts[id].score.toFixed(1)} ${r.verdicts[id].label}${r.verdicts[id].unfinished ? "（自查未完成）" : ""}` : "")),
        String(r.open_problems),
      ]),
    ),
  );
}

export function rollupView(summary, when = new Date()) {
  const head = h(
    "header",
    { class: "rollup-head" },
    h("h2", { text: "汇总结果" }),
    h("p", {
      text: `共 ${summary.branches} 个支部（期）；无法读取 ${summary.broken.length} 个文件；重复 ${summary.duplicates.length} 个。` +
        `汇总时间：${when.toLocaleString("zh-CN")}`,
    }),
  );
  const frequent = summary.frequent_problems.length
    ? h("section", { class: "rollup-section" }, h("h3", { text: "最常见的问题" }), problemChart(summary.frequent_problems), table(
      "最常见的问题（按支部数）",
      ["支部数", "自查项", "依据"],
      summary.frequent_problems.map((p) => [String(p.branches), `[${p.item}] ${p.text}`, p.clauses.join("、")]),
    ))
    : null;
  const changes = summary.changes.length
    ? h("section", { class: "rollup-section" }, h("h3", { text: "与上一自查期对比" }), table(
      "与上一自查期对比",
      ["支部", "从", "到", "改进", "新出现", "仍未解决"],
      summary.changes.map((c) => [c.name, c.from, c.to, String(c.improved.length), String(c.worse.length),
        c.still_failing.length ? `${c.still_failing.length}：${c.still_failing.join("、")}` : "0"]),
    ))
    : null;
  const sample = summary.sample
    ? h("section", { class: "rollup-section" }, h("h3", { text: "交叉抽查名单" }), h("p", {
      text: `比例 ${pct(summary.sample.ratio)}，随机种子 ${summary.sample.seed}（用同样的文件、比例和种子可复核）：${names(summary.sample.branches)}`,
    }))
    : null;
  return [
    head,
    problems("无法读取的文件", summary.broken, (b) => `${b.source}：${b.reason}`),
    problems("重复的文件（同一支部同一自查期，只计一次）", summary.duplicates, (d) => `${d.source}（与 ${d.same_as} 重复；${d.kept}）`),
    Object.values(summary.schemes).map(scheme),
    frequent,
    changes,
    sample,
    branchTable(summary.rows, summary.schemes),
    h("p", { class: "rollup-sign", text: "汇总人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日" }),
  ];
}
