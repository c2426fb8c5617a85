// 与上一次自查对比: this self-check against an earlier one of the branch (another record kept in
// this browser, or an imported file), as `zhibu compare` makes it (zhibu.compare, in the worker):
// what was resolved, improved, got worse, is new or repeats, and last time's measures for problems
// still open, which one button carries into this self-check's 整改清单.
import { h, replaceChildren } from "./dom.js";
import * as store from "./store.js";

const STATUS = { pass: "达到", partial: "基本达到", fail: "未达到", na: "不适用", unanswered: "未作答", pending: "进行中" };
const KINDS = [
  ["resolved", "已解决的问题"],
  ["improved", "有改善、仍未完全达到"],
  ["worse", "更差了"],
  ["new", "新出现的问题"],
  ["repeated", "两次都存在的问题"],
];

export function compareSection(app) {
  const others = store.list().filter((r) => r.id !== app.id);
  const choice = h("select", { id: "sc-compare-with" }, [
    h("option", { value: "", text: others.length ? "选择本机保存的另一份自查" : "本机没有保存其他自查" }),
    ...others.map((r) => h("option", { value: r.id, text: `${r.title}  ${r.period}` })),
  ]);
  const file = h("input", { type: "file", accept: ".json,application/json", id: "sc-compare-file", class: "selfcheck-file", tabindex: "-1", "aria-label": "导入上次的自查文件" });
  const status = h("p", { class: "selfcheck-hint", role: "status" });
  const body = h("div", { class: "selfcheck-compare-body" });
  const run = async (earlier) => {
    replaceChildren(status, "正在对比……");
    const reply = await app.engine.request("compare", JSON.stringify({ earlier, later: JSON.stringify(app.data) }));
    if (!reply || !reply.ok) {
      replaceChildren(status, `无法对比：${reply ? reply.problems.map((p) => p.message).join("；") : "评分引擎不可用"}`);
      return;
    }
    replaceChildren(status);
    replaceChildren(body, render(reply.comparison, app, status));
  };
  choice.addEventListener("change", () => {
    const data = choice.value && store.load(choice.value);
    if (data) run(JSON.stringify(data));
  });
  file.addEventListener("change", async () => {
    const chosen = file.files && file.files[0];
    file.value = "";
    if (chosen) run((await chosen.text()).replace(/^\ufeff/, ""));
  });
  return h(
    "section",
    { class: "selfcheck-compare-last", "aria-labelledby": "sc-compare-title" },
    h("h2", { id: "sc-compare-title", text: "与上一次自查对比" }),
    h("p", { class: "selfcheck-hint", text: "按自查项逐项比较本次与上一次自查：哪些问题解决了、哪些还在、哪些是新的；上次写下的整改措施，问题仍在的可以带入本次。" }),
    h(
      "p",
      { class: "selfcheck-plan__actions" },
      h("label", { for: "sc-compare-with", text: "上一次 " }),
      choice,
      " ",
      h("button", { type: "button", class: "md-button", "data-needs-engine": "1", text: "导入上次的自查文件", on: { click: () => file.click() } }),
      file,
    ),
    status,
    body,
  );
}

function render(c, app, status) {
  const change = (x) => h("li", { text: `${x.item} ${x.text}：${STATUS[x.before]} → ${STATUS[x.after]}（${x.clauses.join("；")}）` });
  const carry = () => {
    let added = 0;
    for (const x of c.carried) {
      if (app.data.rectification[x.item]) continue;
      app.data.rectification[x.item] = { measure: x.measure, owner: x.owner, deadline: x.deadline };
      added++;
    }
    app.changed();
    replaceChildren(status, `已把 ${added} 项整改措施带入本次的整改清单。`);
  };
  return [
    h("p", { text: `${c.earlier} → ${c.later}` }),
    c.warnings.length ? h("ul", { class: "selfcheck-warnings" }, c.warnings.map((w) => h("li", { text: w }))) : null,
    h("ul", {}, c.schemes.map((s) => h("li", {
      text: `${s.name}：上次 ${s.before ? `${s.before.score.toFixed(1)} 分，${s.before.verdict}` : "未按此标准评分"}；本次 ${s.after.score.toFixed(1)} 分，${s.after.verdict}`,
    }))),
    KINDS.map(([key, title]) => h("details", { class: "selfcheck-compare-kind", open: key !== "repeated" && c[key].length > 0 },
      h("summary", { text: `${title}（${c[key].length}）` }),
      c[key].length ? h("ul", {}, c[key].map(change)) : h("p", { text: "无" }))),
    h("h3", { text: `上次写下、问题仍在的整改（${c.carried.length}）` }),
    c.carried.length
      ? [
          h("ul", {}, c.carried.map((x) => h("li", { text: `${x.item} ${x.text}：${x.measure}${x.owner ? `；责任人 ${x.owner}` : ""}${x.deadline ? `；时限 ${x.deadline}` : ""}` }))),
          h("button", { type: "button", class: "md-button md-button--primary", text: "带入本次的整改清单", on: { click: carry } }),
        ]
      : h("p", { text: "无" }),
  ];
}
