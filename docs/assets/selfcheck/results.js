// What the engine returned: the score panel, each computed item's outcome, the problem and
// rectification lists (整改清单 editable), and the printable report.
import { chartFigure, printedChart, updateChart } from "./charts.js";
import { append, clauseLinks, h, replaceChildren } from "./dom.js";
import { factsInPlay, inPlayFields, inPlayMeetings, periodMonths } from "./form.js";
import { LEGEND, needRow } from "./needs.js";

const STATUS = { pass: "达到", partial: "基本达到", fail: "未达到", na: "不适用", unanswered: "未作答", pending: "进行中" };

function pct(ratio) {
  return ratio === null ? "不适用" : `${Math.round(ratio * 100)}%`;
}

function verdictBadge(s) {
  const verdict = s.verdict;
  const tone = verdict.passed === false ? "fail" : verdict.rank === 0 ? "best" : "mid";
  return h("span", { class: `selfcheck-verdict selfcheck-verdict--${tone}`, text: verdict.label });
}

// Where points were lost, largest first (the engine gives each item's share: `lost`).
function losses(s) {
  return s.groups
    .flatMap((g) => g.items.map((i) => ({ ...i, group: g.name })))
    .filter((i) => i.lost > 0 && i.status !== "unanswered")
    .sort((a, b) => b.lost - a.lost || a.item.localeCompare(b.item));
}

const STATUS_SHORT = { fail: "未达到", partial: "基本达到", unanswered: "未作答" };

function itemLink(app, id, text) {
  return h("a", { href: `#sc-item-${id}`, "data-goto": id, text, on: { click: (e) => (e.preventDefault(), app.goTo(id)) } });
}

function standardCard(app, s) {
  const verdict = s.verdict;
  const unanswered = s.total - s.answered;
  const open = [unanswered ? `${unanswered} 项未作答（按未达到计）` : "", s.pending ? `${s.pending} 项进行中（周期未结束，暂不计分）` : ""].filter(Boolean).join("、");
  const lost = losses(s);
  const shown = lost.slice(0, 5);
  const textOf = (id) => (app.items.get(id) || { text: id }).text;
  return h(
    "div",
    { class: "selfcheck-score selfcheck-score--standard", "data-scheme": s.id },
    h("p", { class: "selfcheck-score__name", text: s.name }),
    h("p", { class: "selfcheck-score__total" }, h("strong", { text: s.score.toFixed(1) }), ` / ${s.scale}　`, verdictBadge(s), verdict.provisional ? h("span", { class: "selfcheck-provisional", text: "（暂定）" }) : null),
    h("p", { class: "selfcheck-score__rule", text: `结论怎样得出：${s.rule}。` }),
    verdict.provisional
      ? h(
          "p",
          { class: "selfcheck-score__provisional" },
          `暂定：还有 ${open}，${unanswered ? "作答完" : "到期后"}才是最终结论。`,
          " ",
          unanswered ? h("button", { type: "button", class: "selfcheck-link", text: "下一个未作答", on: { click: () => app.nextUnanswered() } }) : null,
        )
      : h("p", { class: "selfcheck-score__done", text: `已全部作答（${s.total} 项），这是本次自查的结论。` }),
    h("p", { class: "selfcheck-score__count", text: `已作答 ${s.answered} / ${s.total} 项${s.left_out.length ? `；另有 ${s.left_out.length} 项不适用于本类型支部，未列入` : ""}` }),
    shown.length
      ? h(
          "details",
          { class: "selfcheck-losses", open: true },
          h("summary", { text: `失分最多的项（已作答的项中共 ${lost.length} 项失分）` }),
          h(
            "ol",
            {},
            shown.map((i) => h("li", {}, itemLink(app, i.item, textOf(i.item).slice(0, 24) + (textOf(i.item).length > 24 ? "…" : "")), ` −${i.lost.toFixed(1)}（${STATUS_SHORT[i.status] || ""}）`)),
          ),
        )
      : null,
    h(
      "ul",
      { class: "selfcheck-bars", "aria-label": "各部分得分率" },
      s.groups.map((g) => h("li", {}, h("span", { text: g.name }), h("span", { class: "selfcheck-bar", style: `--ratio:${g.ratio ?? 0}` }), h("span", { text: pct(g.ratio) }))),
    ),
  );
}

function compareCard(s) {
  return h(
    "li",
    { class: "selfcheck-score selfcheck-score--compare", "data-scheme": s.id },
    `${s.name}：${s.score.toFixed(1)} / ${s.scale} `,
    verdictBadge(s),
    s.verdict.provisional ? "（暂定）" : "",
  );
}

// One line on a phone: the standard's score and verdict, and how many items are left.
function summaryLine(s) {
  const left = s.total - s.answered;
  return `${s.score.toFixed(1)} 分 ${s.verdict.label}${s.verdict.provisional ? "（暂定）" : ""}${left ? ` · 未答 ${left} 项` : " · 已答完"}`;
}

// A problem as the secretary reads it: the field's own label (a link to it) and the message.
function problemText(app, p) {
  const el = app.formEl.querySelector(`[data-path="${CSS.escape(p.path)}"]`);
  if (!el) return `${p.path}：${p.message}`;
  const label = (el.labels && el.labels[0] && el.labels[0].textContent) || el.getAttribute("aria-label") || el.textContent || p.path;
  return [h("a", { href: "#", text: label.trim(), on: { click: (e) => (e.preventDefault(), el.scrollIntoView({ block: "center" }), el.focus()) } }), `：${p.message}`];
}

// Each problem and warning beside its field as well: marked invalid (problems only) and described.
function fieldMessages(app) {
  const warnings = app.result && !app.problems.length ? app.result.warnings : [];
  if (!app.marked && !app.problems.length && !warnings.length) return; // the common case: nothing to mark or clear
  for (const old of app.formEl.querySelectorAll(".selfcheck-field-message")) old.remove();
  for (const el of app.formEl.querySelectorAll("[aria-describedby^='sc-msg-']")) {
    el.removeAttribute("aria-invalid");
    el.removeAttribute("aria-describedby");
  }
  app.marked = app.problems.length + warnings.length;
  for (const [list, kind] of [[app.problems, "error"], [warnings, "warn"]]) {
    for (const p of list) {
      const el = app.formEl.querySelector(`[data-path="${CSS.escape(p.path)}"]`);
      if (!el) continue;
      const id = `sc-msg-${Math.random().toString(36).slice(2, 8)}`;
      const note = h("small", { class: `selfcheck-field-message selfcheck-field-message--${kind}`, id, text: p.message });
      if (kind === "error" && el.matches("input, select, textarea")) el.setAttribute("aria-invalid", "true");
      el.setAttribute("aria-describedby", id);
      if (el.matches("th")) el.append(note); // inside the row's heading: a table row holds cells only
      else el.after(note);
    }
  }
}

function panel(app) {
  const children = [];
  if (app.engine.state !== "ready") {
    children.push(h("p", { class: "selfcheck-hint", text: app.engine.state === "loading" ? "评分引擎加载中，完成后立即显示得分。" : "评分引擎不可用，无法计算得分。" }));
  }
  if (!app.data.standard) children.push(h("p", { class: "selfcheck-hint", text: "选择考核标准后显示得分。" }));
  if (app.problems.length) {
    children.push(
      h(
        "div",
        { class: "selfcheck-error", role: "alert" },
        h("p", { text: "请先修正以下内容（显示的是上一次的得分）：" }),
        h("ul", {}, app.problems.map((p) => h("li", {}, problemText(app, p)))),
      ),
    );
  }
  const warnings = app.result && !app.problems.length ? app.result.warnings : [];
  if (warnings.length) {
    children.push(h("div", { class: "selfcheck-warnings" }, h("p", { text: "提示（可以评分，以下内容未计入）：" }), h("ul", {}, warnings.map((p) => h("li", {}, problemText(app, p))))));
  }
  const r = app.result;
  const [standard, ...compared] = r ? r.schemes : [];
  if (standard) children.push(standardCard(app, standard));
  if (compared.length) {
    children.push(h("div", { class: "selfcheck-compare-scores" }, h("p", { class: "selfcheck-hint", text: "对照（仅供参考，不是本支部的结论）：" }), h("ul", {}, compared.map(compareCard))));
  }
  if (!app.data.branch.name.trim()) children.push(h("p", { class: "selfcheck-warn", text: "请填写支部名称（导出的自查文件需要它）。" }));
  if (app.engine.runtime) children.push(runtimeLine(app.engine.runtime));
  const title = standard ? summaryLine(standard) : "评分";
  const toggle = h("button", {
    type: "button",
    class: "selfcheck-panel__toggle",
    "aria-expanded": String(app.panelOpen === true),
    "aria-controls": "sc-panel-body",
    on: {
      click: () => {
        app.panelOpen = !app.panelOpen;
        app.panel.classList.toggle("selfcheck-panel--open", app.panelOpen);
        toggle.setAttribute("aria-expanded", String(app.panelOpen));
      },
    },
    text: title,
  });
  replaceChildren(app.panel, h("h2", { class: "selfcheck-panel__title", text: "评分" }), toggle, h("div", { id: "sc-panel-body", class: "selfcheck-panel__body" }, children));
  app.panel.classList.toggle("selfcheck-panel--open", app.panelOpen === true);
  app.panel.classList.toggle("selfcheck-panel--idle", !app.data.standard); // nothing to score yet
  app.panel.classList.toggle("selfcheck-stale", app.problems.length > 0);
}

// Which runtime scored (issue 17): a site owner reading a screenshot learns what the browser could run.
function runtimeLine({ tier, pyodide, python }) {
  const what = tier === 2 ? `兼容版评分引擎（Pyodide ${pyodide}，Python ${python}），本浏览器的内核较旧，计分规则与结果相同` : `评分引擎 Pyodide ${pyodide}（Python ${python}）`;
  return h("p", { class: "selfcheck-runtime", "data-tier": String(tier), text: `运行环境：${what}。` });
}

// A computed item still waiting for a fact: a button to the first of its fields left empty.
function fillLink(app, id) {
  for (const path of app.form.reads[id] || []) {
    const el = app.formEl.querySelector(`[data-path="${CSS.escape(`$.facts.${path}`)}"]`);
    if (!el || (el.matches("input, select") && el.value !== "")) continue;
    const target = el.matches("input, select") ? el : el.closest("tr, .selfcheck-field, .selfcheck-rows")?.querySelector("input, button") || el;
    return [" ", h("button", { type: "button", class: "selfcheck-link", text: "去填写", on: { click: () => (target.scrollIntoView({ block: "center" }), target.focus()) } })];
  }
  return null;
}

function outcomes(app) {
  if (!app.result) return;
  const byItem = new Map(app.result.outcomes.map((o) => [o.item, o]));
  for (const el of app.formEl.querySelectorAll("[data-outcome]")) {
    const o = byItem.get(el.dataset.outcome);
    if (!o) continue;
    replaceChildren(el, `${STATUS[o.status]}：${o.message}`, o.source === "rule" && o.status === "unanswered" ? fillLink(app, o.item) : null);
    el.dataset.status = o.status;
  }
  for (const s of app.result.schemes) {
    for (const g of s.groups) {
      const el = app.formEl.querySelector(`[data-count="${s.id}/${g.id}"]`);
      if (el) el.textContent = `（已作答 ${g.answered} / ${g.total}，${pct(g.ratio)}）`;
    }
  }
}

// The chosen standard's groups as a chart: each group's points, what it scored and what it lost
// (together the score and 100 − score), so the weight of each loss shows.
function groupChart(s) {
  const round = (x) => (x === null ? null : Math.round(10 * x) / 10);
  const counted = (g, x) => (g.points === null ? null : round(x));
  return {
    title: `各部分得分与失分（${s.name}，满分 ${s.scale}）`,
    unit: "分",
    head: "部分",
    horizontal: true,
    stack: true,
    categories: s.groups.map((g) => g.name),
    series: [
      { name: "得分", values: s.groups.map((g) => counted(g, g.points - g.lost)) },
      { name: "失分", values: s.groups.map((g) => counted(g, g.lost)) },
    ],
    extra: [
      { name: "本部分分值", values: s.groups.map((g) => (g.points === null ? "全部不适用" : round(g.points).toFixed(1))) },
      { name: "得分率", values: s.groups.map((g) => (g.ratio === null ? "—" : `${Math.round(1000 * g.ratio) / 10}%`)) },
    ],
  };
}

function rectificationInputs(app, item, measure) {
  const plan = () => (app.data.rectification[item] = app.data.rectification[item] || {});
  const current = app.data.rectification[item] || {};
  const bind = (key) => (e) => {
    plan()[key] = e.target.value;
    app.changed();
  };
  return [
    h("td", { "data-label": "整改措施" }, h("textarea", { rows: 2, maxlength: 2000, "aria-label": `${item} 整改措施`, placeholder: measure, value: current.measure || "", on: { input: bind("measure") } })),
    h("td", { "data-label": "责任人" }, h("input", { type: "text", maxlength: 100, "aria-label": `${item} 责任人`, value: current.owner || "", on: { input: bind("owner") } })),
    h("td", { "data-label": "时限" }, h("input", { type: "date", "aria-label": `${item} 时限`, value: current.deadline || "", on: { change: bind("deadline") } })),
  ];
}

function findings(app) {
  if (!app.findingRows) app.findingRows = new Map();
  const list = app.result ? app.result.findings : [];
  const rows = list.map((f, n) => {
    let row = app.findingRows.get(f.item);
    if (!row) {
      row = h("tr", { "data-finding": f.item }, h("td"), h("td"), h("td", { "data-label": "依据" }), rectificationInputs(app, f.item, f.measure));
      app.findingRows.set(f.item, row);
    }
    const [num, problem, basis] = row.children;
    num.textContent = String(n + 1);
    const key = `${f.message}\u0000${f.note}`;
    if (row.dataset.key === key) return row; // unchanged: leave the DOM alone
    row.dataset.key = key;
    replaceChildren(
      problem,
      h("strong", { text: f.text }),
      " ",
      h("span", { class: "selfcheck-tag", text: f.item }),
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
    app.groupChart = chartFigure({ ...groupChart({ name: "", groups: [] }), id: "groups" });
    replaceChildren(
      app.findings,
      h("h2", { id: "sc-findings-title", text: "五、问题清单与整改清单" }),
      app.groupChart,
      h("p", { class: "selfcheck-hint", text: "未达到或基本达到的项列在这里，注明所依据的条款；填写整改措施、责任人和时限后即成为整改清单（一支部、一清单、一方案）。" }),
      app.findingsEmpty,
      (app.findingsTable = h(
        "div",
        { class: "selfcheck-scroll", tabindex: "0", role: "region", "aria-label": "问题清单与整改清单" },
        h(
          "table",
          { class: "selfcheck-findings-table" },
          h("thead", {}, h("tr", {}, ["序号", "问题", "依据条款", "整改措施", "责任人", "时限"].map((t) => h("th", { scope: "col", text: t })))),
          app.findingsBody,
        ),
      )),
    );
  }
  const standard = app.result && app.result.schemes[0];
  app.groupChart.hidden = !standard || !standard.answered; // nothing answered: nothing to draw yet
  if (!app.groupChart.hidden) updateChart(app.groupChart, { ...groupChart(standard), id: "groups" });
  const open = standard ? standard.total - standard.answered : 0;
  const pending = open ? `（还有 ${open} 项未作答，作答后可能出现新的问题）` : "";
  app.findingsEmpty.textContent = app.result ? (rows.length ? `共 ${rows.length} 项${pending}。` : `目前没有发现问题${pending}。`) : "评分后显示。";
  app.findingsTable.hidden = rows.length === 0;
  const order = [...app.findingsBody.children];
  if (order.length !== rows.length || order.some((row, i) => row !== rows[i])) replaceChildren(app.findingsBody, rows);
}

// A fact's value as the report prints it (blank when not filled in).
function factText(fact, value) {
  if (value === null || value === undefined) return "（未填写）";
  if (fact.kind === "flag") return value ? "是" : "否";
  if (fact.kind === "amount") return `${value} 元`;
  return String(value);
}

function reportFacts(app, inPlay) {
  const d = app.data;
  const rows = [];
  const tables = [];
  for (const section of inPlayFields(app, inPlay)) {
    for (const fact of section.fields) {
      const value = fact.path.reduce((node, key) => (node == null ? undefined : node[key]), d.facts);
      if (fact.kind !== "rows") {
        rows.push([fact.label, factText(fact, value)]);
        continue;
      }
      tables.push(h("p", { class: "selfcheck-report__caption", text: fact.label }));
      if (!Array.isArray(value)) tables.push(h("p", { text: fact.words.blank }));
      else if (!value.length) tables.push(h("p", { text: fact.words.empty }));
      else {
        tables.push(
          h(
            "table",
            {},
            h("thead", {}, h("tr", {}, fact.columns.map((c) => h("th", { text: c.label })))),
            h("tbody", {}, value.map((row) => h("tr", {}, fact.columns.map((c) => h("td", { text: row[c.name] ?? "" }))))),
          ),
        );
      }
    }
  }
  const pairs = [];
  for (let i = 0; i < rows.length; i += 2) pairs.push(rows.slice(i, i + 2));
  return [
    h("table", { class: "selfcheck-report__facts" }, h("tbody", {}, pairs.map((pair) => h("tr", {}, pair.map(([k, v]) => [h("th", { text: k }), h("td", { text: v })]))))),
    tables,
  ];
}

// The meeting log as printed, each meeting followed by what the standards ask of it (the engine's
// grid, as the form shows it) and the key to the marks.
function reportMeetings(app, types) {
  const d = app.data;
  const months = periodMonths(d.period);
  const log = d.facts.meetings || {};
  const needs = (type) => (app.grid || []).filter((req) => req.meeting === type).map((req) => append(needRow(req, months, months.length > 12), [h("td")]));
  const table = h(
    "table",
    { class: "selfcheck-report__meetings" },
    h("thead", {}, h("tr", {}, h("th", { text: "会议" }), months.map((m) => h("th", { text: `${Number(m.slice(5))}月` })), h("th", { text: "合计" }))),
    h(
      "tbody",
      {},
      types.map((type) => {
        const held = log[type];
        const cells = months.map((m) => (held ? held[m] ?? 0 : ""));
        const total = held ? cells.reduce((a, b) => a + b, 0) : "未填写";
        return [h("tr", {}, h("th", { text: type }), cells.map((c) => h("td", { text: String(c) })), h("td", { text: String(total) })), needs(type)];
      }),
    ),
  );
  return app.grid && app.grid.length ? [table, h("p", { class: "selfcheck-report__key", text: LEGEND })] : table;
}

function reportVerdict(r) {
  const [s, ...compared] = r.schemes;
  const open = s.total - s.answered;
  return [
    h(
      "p",
      { class: "selfcheck-report__verdict" },
      `考核标准：${s.name}。得分 ${s.score.toFixed(1)} / ${s.scale}，结论：`,
      h("strong", { text: s.verdict.label }),
      s.verdict.provisional ? `（暂定：${open ? `${open} 项未作答` : ""}${open && s.pending ? "、" : ""}${s.pending ? `${s.pending} 项进行中` : ""}）` : "",
      "。",
    ),
    h("p", { text: `结论怎样得出：${s.rule}。${s.site_defaults.length ? `本站默认：${s.site_defaults.join("；")}。` : ""}` }),
    s.left_out.length ? h("p", { text: `另有 ${s.left_out.length} 项只适用于其他类型的支部，未列入、不计分。` }) : null,
    compared.length ? h("p", { text: `对照（仅供参考）：${compared.map((c) => `${c.name} ${c.score.toFixed(1)} / ${c.scale} ${c.verdict.label}${c.verdict.provisional ? "（暂定）" : ""}`).join("；")}。` }) : null,
  ];
}

export function renderReport(app) {
  const d = app.data;
  const r = app.result;
  const plan = (item) => d.rectification[item] || {};
  const standard = app.schemes.get(d.standard);
  const inPlay = factsInPlay(app);
  const meetings = inPlayMeetings(app, inPlay);
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
        ["考核标准", standard ? standard.name : "（未选择）"],
        ["自查期", `${d.period.start} 至 ${d.period.end}`],
        ["自查日期", d.check_date],
        ["自查规则", `${app.rubric.version}`],
      ].map(([k, v]) => h("tr", {}, h("th", { text: k }), h("td", { text: v })))),
    ),
    h("h2", { text: "一、基本情况" }),
    reportFacts(app, inPlay),
    h("h2", { text: "二、会议与活动记录（次数；主题党日为天数）" }),
    meetings.length ? reportMeetings(app, meetings) : h("p", { text: "所选标准没有会议次数的要求。" }),
    h("h2", { text: "三、得分与结论" }),
    r ? [reportVerdict(r), printedChart(groupChart(r.schemes[0]))] : h("p", { text: "（尚未评分）" }),
    h("h2", { text: "四、问题清单与整改清单" }),
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
                // Left blank, the measure prints as lines to write on: never the page's suggestion.
                plan(f.item).measure ? h("td", { text: plan(f.item).measure }) : h("td", { class: "selfcheck-report__blank" }),
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
  fieldMessages(app);
  outcomes(app);
  findings(app);
}
