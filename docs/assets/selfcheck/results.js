// What the engine returned: the score panel, each computed item's outcome, the problem and
// rectification lists (整改清单 editable), and the printable report.
import { clauseLinks, h, replaceChildren } from "./dom.js";

const STATUS = { pass: "达到", partial: "基本达到", fail: "未达到", na: "不适用", unanswered: "未作答" };

function pct(ratio) {
  return ratio === null ? "不适用" : `${Math.round(ratio * 100)}%`;
}

function schemeCard(s) {
  const verdict = s.verdict;
  return h(
    "div",
    { class: "selfcheck-score", "data-scheme": s.id },
    h("p", { class: "selfcheck-score__name", text: s.name }),
    h(
      "p",
      { class: "selfcheck-score__total" },
      h("strong", { text: s.score.toFixed(1) }),
      ` / ${s.scale}　`,
      h("span", { class: `selfcheck-verdict selfcheck-verdict--${verdict.passed === false ? "fail" : verdict.rank === 0 ? "best" : "mid"}`, text: verdict.label }),
      verdict.provisional ? h("span", { class: "selfcheck-provisional", text: "（暂定）" }) : null,
    ),
    h("p", { class: "selfcheck-score__count", text: `已作答 ${s.answered} / ${s.total} 项` }),
    h(
      "ul",
      { class: "selfcheck-bars" },
      s.groups.map((g) =>
        h(
          "li",
          {},
          h("span", { text: g.name }),
          h("span", { class: "selfcheck-bar", style: `--ratio:${g.ratio ?? 0}` }),
          h("span", { text: pct(g.ratio) }),
        ),
      ),
    ),
  );
}

function panel(app) {
  const children = [h("h2", { class: "selfcheck-panel__title", text: "评分" })];
  if (app.engine.state !== "ready") {
    children.push(h("p", { class: "selfcheck-hint", text: app.engine.state === "loading" ? "评分引擎加载中，完成后立即显示得分。" : "评分引擎不可用，无法计算得分。" }));
  }
  if (app.problems.length) {
    children.push(
      h(
        "div",
        { class: "selfcheck-error", role: "alert" },
        h("p", { text: "请先修正以下内容（显示的是上一次的得分）：" }),
        h("ul", {}, app.problems.map((p) => h("li", { text: `${p.path}: ${p.message}` }))),
      ),
    );
  }
  if (app.result) children.push(app.result.schemes.map(schemeCard));
  if (!app.data.branch.name.trim()) children.push(h("p", { class: "selfcheck-warn", text: "请填写支部名称（导出的自查文件需要它）。" }));
  replaceChildren(app.panel, children);
  app.panel.classList.toggle("selfcheck-stale", app.problems.length > 0);
}

function outcomes(app) {
  if (!app.result) return;
  const byItem = new Map(app.result.outcomes.map((o) => [o.item, o]));
  for (const el of app.formEl.querySelectorAll("[data-outcome]")) {
    const o = byItem.get(el.dataset.outcome);
    if (!o) continue;
    el.textContent = `${STATUS[o.status]}：${o.message}`;
    el.dataset.status = o.status;
  }
  for (const s of app.result.schemes) {
    for (const g of s.groups) {
      const el = app.formEl.querySelector(`[data-count="${s.id}/${g.id}"]`);
      if (el) el.textContent = `（已作答 ${g.answered} / ${g.total}，${pct(g.ratio)}）`;
    }
  }
}

function rectificationInputs(app, item, measure) {
  const plan = () => (app.data.rectification[item] = app.data.rectification[item] || {});
  const current = app.data.rectification[item] || {};
  const bind = (key) => (e) => {
    plan()[key] = e.target.value;
    app.changed();
  };
  return [
    h("td", {}, h("textarea", { rows: 2, maxlength: 2000, "aria-label": `${item} 整改措施`, placeholder: measure, value: current.measure || "", on: { input: bind("measure") } })),
    h("td", {}, h("input", { type: "text", maxlength: 100, "aria-label": `${item} 责任人`, value: current.owner || "", on: { input: bind("owner") } })),
    h("td", {}, h("input", { type: "date", "aria-label": `${item} 时限`, value: current.deadline || "", on: { change: bind("deadline") } })),
  ];
}

function findings(app) {
  if (!app.findingRows) app.findingRows = new Map();
  const list = app.result ? app.result.findings : [];
  const rows = list.map((f, n) => {
    let row = app.findingRows.get(f.item);
    if (!row) {
      row = h("tr", { "data-finding": f.item }, h("td"), h("td"), h("td"), rectificationInputs(app, f.item, f.measure));
      app.findingRows.set(f.item, row);
    }
    const [num, problem, basis] = row.children;
    num.textContent = String(n + 1);
    const key = `${f.message}\u0000${f.note}`;
    if (row.dataset.key === key) return row; // unchanged: leave the DOM alone
    row.dataset.key = key;
    replaceChildren(
      problem,
      h("span", { class: "selfcheck-tag", text: f.item }),
      " ",
      h("strong", { text: f.text }),
      h("br"),
      f.message,
      f.note ? [h("br"), h("span", { class: "selfcheck-note", text: `说明：${f.note}` })] : null,
    );
    replaceChildren(basis, clauseLinks(f.clauses));
    return row;
  });
  if (!app.findingsBody) {
    app.findingsBody = h("tbody");
    app.findingsEmpty = h("p", { class: "selfcheck-hint" });
    replaceChildren(
      app.findings,
      h("h2", { id: "sc-findings-title", text: "五、问题清单与整改清单" }),
      h("p", { class: "selfcheck-hint", text: "未达到或基本达到的项列在这里，注明所依据的条款；填写整改措施、责任人和时限后即成为整改清单（一支部、一清单、一方案）。" }),
      app.findingsEmpty,
      h(
        "div",
        { class: "selfcheck-scroll", tabindex: "0", role: "region", "aria-label": "问题清单与整改清单" },
        h(
          "table",
          { class: "selfcheck-findings-table" },
          h("thead", {}, h("tr", {}, ["序号", "问题", "依据条款", "整改措施", "责任人", "时限"].map((t) => h("th", { scope: "col", text: t })))),
          app.findingsBody,
        ),
      ),
    );
  }
  app.findingsEmpty.textContent = app.result ? (rows.length ? `共 ${rows.length} 项。` : "没有发现问题。") : "评分后显示。";
  const order = [...app.findingsBody.children];
  if (order.length !== rows.length || order.some((row, i) => row !== rows[i])) replaceChildren(app.findingsBody, rows);
}

export function renderReport(app) {
  const d = app.data;
  const r = app.result;
  const plan = (item) => d.rectification[item] || {};
  replaceChildren(
    app.report,
    h("h1", { text: "党支部自查报告" }),
    h(
      "table",
      { class: "selfcheck-report__meta" },
      h("tbody", {}, [
        ["支部名称", d.branch.name || "（未填写）"],
        ["支部类型", d.branch.type],
        ["上级党组织", d.branch.parent || ""],
        ["自查期", `${d.period.start} 至 ${d.period.end}`],
        ["自查日期", d.check_date],
        ["自查规则", `${app.rubric.version}`],
      ].map(([k, v]) => h("tr", {}, h("th", { text: k }), h("td", { text: v })))),
    ),
    h("h2", { text: "得分与结论" }),
    r
      ? h(
          "table",
          {},
          h("thead", {}, h("tr", {}, ["标准", "得分", "结论", "已作答"].map((t) => h("th", { text: t })))),
          h("tbody", {}, r.schemes.map((s) => h("tr", {}, h("td", { text: s.name }), h("td", { text: `${s.score.toFixed(1)} / ${s.scale}` }), h("td", { text: s.verdict.label + (s.verdict.provisional ? "（暂定）" : "") }), h("td", { text: `${s.answered} / ${s.total}` })))),
        )
      : h("p", { text: "（尚未评分）" }),
    h("h2", { text: "问题清单与整改清单" }),
    r && r.findings.length
      ? h(
          "table",
          { class: "selfcheck-report__findings" },
          h("thead", {}, h("tr", {}, ["序号", "问题", "依据", "整改措施", "责任人", "时限"].map((t) => h("th", { text: t })))),
          h(
            "tbody",
            {},
            r.findings.map((f, n) =>
              h(
                "tr",
                {},
                h("td", { text: String(n + 1) }),
                h("td", { text: `${f.text}：${f.message}${f.note ? `（说明：${f.note}）` : ""}` }),
                h("td", { text: f.clauses.map((c) => c.label).join("、") }),
                h("td", { text: plan(f.item).measure || f.measure }),
                h("td", { text: plan(f.item).owner || "" }),
                h("td", { text: plan(f.item).deadline || "" }),
              ),
            ),
          ),
        )
      : h("p", { text: r ? "没有发现问题。" : "（尚未评分）" }),
    h(
      "div",
      { class: "selfcheck-report__sign" },
      h("p", { text: "支部书记（签字）：______________　　日期：____年__月__日" }),
      h("p", { text: "支部委员会意见：________________________________" }),
      h("p", { text: "上级党组织意见：________________________________　　（盖章）" }),
    ),
  );
}

export function renderResults(app) {
  panel(app);
  outcomes(app);
  findings(app);
}
