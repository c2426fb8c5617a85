// 年度工作计划: the year's meetings and activities for this branch under its standard, made by the
// engine from the rubric's frequency rules (zhibu.plan, the same as `zhibu plan`), shown month by
// month with the clauses that ask for each, printable on A4 and downloadable as a calendar (.ics).
// Made when asked (a button), not on every change: the plan depends on the type and standard only.
import { download, h, replaceChildren } from "./dom.js";

const MONTHS = ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"];

export function planSection(app) {
  const thisYear = new Date().getFullYear();
  const year = h("select", { id: "sc-plan-year" }, [thisYear, thisYear + 1].map((y) => h("option", { value: String(y), text: `${y} 年` })));
  if (new Date().getMonth() === 11) year.value = String(thisYear + 1); // December: next year's plan
  const body = h("div", { class: "selfcheck-plan__body" });
  const status = h("p", { class: "selfcheck-hint", role: "status" });
  let last = null; // {plan, ics, title}
  const make = async () => {
    if (!app.data.standard) {
      replaceChildren(status, "请先在第一部分选择考核标准。");
      return null;
    }
    replaceChildren(status, "正在生成……");
    const request = { type: app.data.branch.type, standard: app.data.standard, compare: app.data.compare || [], year: Number(year.value) };
    const reply = await app.engine.request("plan", JSON.stringify(request));
    if (!reply || !reply.ok) {
      replaceChildren(status, `无法生成计划：${reply ? reply.problems.map((p) => p.message).join("；") : "评分引擎不可用"}`);
      return null;
    }
    const name = app.data.branch.name.trim() || "本支部";
    last = { ...reply, title: `${name} ${reply.plan.year} 年度工作计划` };
    replaceChildren(body, render(last, app));
    replaceChildren(status, `共 ${reply.plan.events.length} 项安排。`);
    return last;
  };
  const ics = async () => {
    const made = last && last.plan.year === Number(year.value) ? last : await make();
    if (made) download(`${made.title.replace(/[\\/:*?"<>|\s]+/g, "_")}.ics`, made.ics, "text/calendar;charset=utf-8");
  };
  const print = async () => {
    const made = last && last.plan.year === Number(year.value) ? last : await make();
    if (!made) return;
    document.body.classList.add("selfcheck-printing-plan");
    window.addEventListener("afterprint", () => document.body.classList.remove("selfcheck-printing-plan"), { once: true });
    window.print();
  };
  return h(
    "section",
    { class: "selfcheck-plan", "aria-labelledby": "sc-plan-title" },
    h("h2", { id: "sc-plan-title", text: "年度工作计划" }),
    h("p", {
      class: "selfcheck-hint",
      text: "按所选考核标准中有频次的要求（每月、每季度、每半年、每年至少几次）生成，每项注明依据的条款；文件只规定频次，日期是本站默认的安排，可按实际调整。",
    }),
    h(
      "p",
      { class: "selfcheck-plan__actions" },
      h("label", { for: "sc-plan-year", text: "年份 " }),
      year,
      " ",
      h("button", { type: "button", class: "md-button", "data-needs-engine": "1", text: "生成计划", on: { click: make } }),
      " ",
      h("button", { type: "button", class: "md-button", "data-needs-engine": "1", text: "下载日历文件（.ics）", on: { click: ics } }),
      " ",
      h("button", { type: "button", class: "md-button", "data-needs-engine": "1", text: "打印计划", on: { click: print } }),
    ),
    status,
    body,
  );
}

// The plan as a table a month at a time: date, what, and the clauses that ask for it.
function render({ plan, title }, app) {
  const byMonth = MONTHS.map(() => []);
  for (const e of plan.events) byMonth[Number(e.date.slice(5, 7)) - 1].push(e);
  const clauses = (r) => [...new Set(r.sources.flatMap((s) => s.clauses.map((c) => c.label)))].join("；");
  const standard = app.schemes.get(plan.standard)?.name || plan.standard;
  return [
    h("h3", { class: "selfcheck-plan__title", text: `${title}（${standard}）` }),
    h("p", { class: "selfcheck-plan__note", text: `本站默认：${plan.site_defaults.join("；")}。` }),
    h(
      "table",
      { class: "selfcheck-plan__table" },
      h("thead", {}, h("tr", {}, ["日期", "事项", "依据"].map((t) => h("th", { scope: "col", text: t })))),
      byMonth.map((events, m) =>
        events.length
          ? h("tbody", {}, [
              h("tr", { class: "selfcheck-plan__month" }, h("th", { colspan: "3", scope: "rowgroup", text: MONTHS[m] })),
              ...events.map((e) => {
                const r = plan.requirements[e.requirement];
                return h("tr", {}, h("td", { text: `${Number(e.date.slice(5, 7))}月${Number(e.date.slice(8))}日` }), h("td", { text: e.summary + (r.compare_only ? "〔对照〕" : "") }), h("td", { text: clauses(r) }));
              }),
            ])
          : null,
      ),
    ),
  ];
}
