// The form: branch, standard and period; facts; the meeting grid; every item that applies.
// Inputs write straight into the answers file (app.data); sections re-render only when
// their shape changes (rows added, schemes or period changed), so focus is never lost.
import { clauseLinks, h, replaceChildren, uid } from "./dom.js";
import { LEGEND, showNeeds } from "./needs.js";

const MAX_GRID_MONTHS = 24;

// The JSON path the engine names a field by ($.facts.groups[0].full): problems find their field.
export function jsonPath(path) {
  return path.reduce((out, key) => (typeof key === "number" ? `${out}[${key}]` : `${out}.${key}`), "$");
}

function getPath(obj, path) {
  return path.reduce((node, key) => (node == null ? undefined : node[key]), obj);
}

function setPath(obj, path, value) {
  let node = obj;
  for (const key of path.slice(0, -1)) {
    if (node[key] == null || typeof node[key] !== "object") node[key] = {};
    node = node[key];
  }
  node[path[path.length - 1]] = value;
}

function field(label, input, hint) {
  const id = input.id || uid("sc");
  input.id = id;
  return h("div", { class: "selfcheck-field" }, h("label", { for: id, text: label }), input, hint ? h("small", { text: hint }) : null);
}

function numberInput(app, path, { min = 0, max, step = 1 } = {}) {
  const value = getPath(app.data, path);
  return h("input", {
    "data-path": jsonPath(path),
    type: "number",
    inputmode: step === 1 ? "numeric" : "decimal",
    min,
    max,
    step,
    value: value ?? "",
    on: {
      input: (e) => {
        const raw = e.target.value.trim();
        setPath(app.data, path, raw === "" ? null : Number(raw));
        app.changed();
      },
    },
  });
}

function textInput(app, path, attrs = {}) {
  return h("input", {
    "data-path": jsonPath(path),
    type: "text",
    value: getPath(app.data, path) ?? "",
    ...attrs,
    on: { input: (e) => (setPath(app.data, path, e.target.value), app.changed()) },
  });
}

function dateInput(app, path, { nullable = false, onChange } = {}) {
  return h("input", {
    "data-path": jsonPath(path),
    type: "date",
    value: getPath(app.data, path) ?? "",
    on: {
      change: (e) => {
        const before = getPath(app.data, path);
        setPath(app.data, path, e.target.value || (nullable ? null : e.target.value));
        if (onChange) onChange(before, e.target);
        else app.changed();
      },
    },
  });
}

function yesNo(app, path) {
  const value = getPath(app.data, path);
  const select = h(
    "select",
    { "data-path": jsonPath(path), on: { change: (e) => (setPath(app.data, path, e.target.value === "" ? null : e.target.value === "yes"), app.changed()) } },
    h("option", { value: "", text: "未填写", selected: value == null }),
    h("option", { value: "yes", text: "是", selected: value === true }),
    h("option", { value: "no", text: "否", selected: value === false }),
  );
  return select;
}

function section(title, id, ...children) {
  return h("section", { class: "selfcheck-section", "aria-labelledby": id }, h("h2", { id, text: title }), ...children);
}

export { periodMonths };

const NUMERALS = ["一", "二", "三", "四", "五", "六"];

export function renderForm(container, app) {
  if (!app.data.standard) {
    replaceChildren(container, number([branchSection(app)]));
    return;
  }
  const inPlay = factsInPlay(app);
  app.showNeeds = null; // the meeting grid sets it, when the standard counts meetings
  replaceChildren(container, number([branchSection(app), factsSection(app, inPlay), meetingSection(app, inPlay), itemsSection(app)].filter(Boolean)));
}

// The sections numbered in the order shown (a standard with no meeting rule has no meeting grid).
function number(sections) {
  sections.forEach((s, i) => (s.querySelector("h2").textContent = `${NUMERALS[i]}、${s.querySelector("h2").textContent}`));
  return sections;
}

// The items the chosen standard and comparisons ask of this type of branch.
function itemsInPlay(app) {
  const type = app.data.branch.type;
  const ids = new Set();
  for (const sid of [app.data.standard, ...(app.data.compare || [])]) {
    const scheme = app.schemes.get(sid);
    if (!scheme) continue;
    for (const g of scheme.groups) for (const e of g.items) if (applies(app.items.get(e.item), type)) ids.add(e.item);
  }
  return ids;
}

// The facts those items read (form.json `reads`, from the rule kinds' declarations), by dotted
// path, meeting rows as `meetings.党员大会`; plus the core facts every branch gives. The form asks
// only these; anything else already in the file stays in it untouched.
export function factsInPlay(app) {
  const used = new Set(app.form.facts.flatMap((s) => s.fields.filter((f) => f.core).map((f) => f.path.join("."))));
  for (const id of itemsInPlay(app)) for (const path of app.form.reads[id] || []) used.add(path);
  return used;
}

export function inPlayFields(app, inPlay) {
  return app.form.facts
    .filter((s) => !s.fields.some((f) => f.kind === "log"))
    .map((s) => ({ title: s.title, fields: s.fields.filter((f) => inPlay.has(f.path.join("."))) }))
    .filter((s) => s.fields.length);
}

export function inPlayMeetings(app, inPlay) {
  return app.form.meeting_types.filter((type) => inPlay.has(`meetings.${type}`));
}

// The standards, those written for the branch's type first: the branch's 上级党组织 decides
// which one it is assessed by, so any may be chosen.
function standardsFor(app, type) {
  const all = app.rubric.schemes;
  return [all.filter((s) => s.branch_types.includes(type)), all.filter((s) => !s.branch_types.includes(type))];
}

function schemeLink(s) {
  return h("a", { href: `../${s.page.replace(/\.md$/, ".html")}#scheme-${s.id}`, text: "标准说明" });
}

function standardChoice(app, s) {
  const d = app.data;
  const id = `sc-standard-${s.id}`;
  return h(
    "div",
    { class: "selfcheck-choice" },
    h("input", {
      type: "radio",
      name: "sc-standard",
      id,
      value: s.id,
      checked: d.standard === s.id,
      on: {
        change: () => {
          d.standard = s.id;
          d.compare = (d.compare || []).filter((x) => x !== s.id);
          app.changed({ structure: true });
        },
      },
    }),
    h(
      "label",
      { for: id },
      h("strong", { text: s.name }),
      h("span", { class: "selfcheck-choice__text", text: s.audience }),
      s.site_defaults.length ? h("span", { class: "selfcheck-choice__defaults", text: `本站默认：${s.site_defaults.join("；")}` }) : null,
    ),
    schemeLink(s),
  );
}

function compareChoice(app, s) {
  const d = app.data;
  const id = `sc-compare-${s.id}`;
  return h(
    "div",
    { class: "selfcheck-check" },
    h("input", {
      type: "checkbox",
      id,
      checked: (d.compare || []).includes(s.id),
      on: {
        change: (e) => {
          const chosen = new Set(d.compare || []);
          if (e.target.checked) chosen.add(s.id);
          else chosen.delete(s.id);
          d.compare = app.rubric.schemes.map((x) => x.id).filter((x) => chosen.has(x));
          app.changed({ structure: true });
        },
      },
    }),
    h("label", { for: id, text: s.name }),
  );
}

function branchSection(app) {
  const d = app.data;
  const type = h(
    "select",
    { on: { change: (e) => ((d.branch.type = e.target.value), app.changed({ structure: true })) } },
    app.form.branch_types.map((t) => h("option", { value: t, text: t, selected: t === d.branch.type })),
  );
  const [written, others] = standardsFor(app, d.branch.type);
  const standard = h(
    "fieldset",
    { class: "selfcheck-schemes", id: "sc-standard" },
    h("legend", { text: "考核标准：上级党组织考核本支部所依据的标准（选一个）" }),
    h("p", { class: "selfcheck-hint", text: `为“${d.branch.type}”类支部制定的标准：` }),
    written.map((s) => standardChoice(app, s)),
    others.length
      ? h(
          "details",
          { class: "selfcheck-more", open: others.some((s) => s.id === d.standard) },
          h("summary", { text: `其他标准（不是为“${d.branch.type}”类支部制定的，共 ${others.length} 个）` }),
          others.map((s) => standardChoice(app, s)),
        )
      : null,
  );
  const comparable = app.rubric.schemes.filter((s) => s.id !== d.standard);
  const compare = d.standard
    ? h(
        "details",
        { class: "selfcheck-more selfcheck-compare", open: (d.compare || []).length > 0 },
        h("summary", { text: `对照其他标准（可选，只作参考${(d.compare || []).length ? `，已选 ${d.compare.length} 个` : ""}）` }),
        h("p", { class: "selfcheck-hint", text: "对照标准的得分单独显示，不影响本支部的结论；它们另有的自查项列在最后，可以不填。" }),
        comparable.map((s) => compareChoice(app, s)),
      )
    : null;
  return section(
    "支部与考核标准",
    "sc-branch",
    h(
      "div",
      { class: "selfcheck-grid" },
      field("支部名称", textInput(app, ["branch", "name"], { required: true, autocomplete: "organization", placeholder: "例如：某某局机关第一党支部" })),
      field("支部类型", type),
      field("上级党组织", textInput(app, ["branch", "parent"])),
    ),
    standard,
    d.standard ? null : h("p", { class: "selfcheck-warn", id: "sc-standard-first", text: "请先选择考核标准：选定后显示自查期、基本情况和逐项评价。" }),
    compare,
    d.standard
      ? h(
          "div",
          { class: "selfcheck-grid selfcheck-period" },
          field("自查期开始", dateInput(app, ["period", "start"], { onChange: (before, input) => app.periodChanged("start", before, input) })),
          field("自查期结束", dateInput(app, ["period", "end"], { onChange: (before, input) => app.periodChanged("end", before, input) })),
          field("自查日期", dateInput(app, ["check_date"]), "自查期内已结束的月份、季度和年度按“达到/未达到”核对，尚未结束的显示为“进行中”"),
        )
      : null,
  );
}

// A new row of a table of facts: empty text, 0 for counts, the check date for a required date.
function blankRow(app, columns) {
  const kinds = { text: () => "", count: () => 0, amount: () => 0, date: (c) => (c.nullable ? null : app.data.check_date) };
  return Object.fromEntries(columns.map((c) => [c.name, kinds[c.kind](c)]));
}

function rowsTable(app, fact) {
  const key = fact.path[0];
  const words = fact.words;
  const rows = app.data.facts[key];
  const add = h("button", {
    type: "button",
    class: "md-button",
    text: words.add,
    on: {
      click: () => {
        app.data.facts[key] = [...(app.data.facts[key] || []), blankRow(app, fact.columns)];
        app.changed({ structure: true });
      },
    },
  });
  const none = h("button", {
    type: "button",
    class: "md-button",
    text: words.none,
    on: { click: () => ((app.data.facts[key] = []), app.changed({ structure: true })) },
  });
  if (rows == null) {
    return h("div", { class: "selfcheck-rows", "data-path": `$.facts.${key}`, tabindex: "-1" }, h("p", { class: "selfcheck-hint", text: words.blank }), add, " ", none);
  }
  if (!rows.length) {
    return h("div", { class: "selfcheck-rows" }, h("p", { class: "selfcheck-hint", text: words.empty }), add);
  }
  const body = rows.map((row, index) =>
    h(
      "tr",
      {},
      fact.columns.map((column) => {
        const path = ["facts", key, index, column.name];
        let input;
        if (column.kind === "count" || column.kind === "amount") input = numberInput(app, path, { step: column.kind === "amount" ? "any" : 1 });
        else if (column.kind === "date") input = dateInput(app, path, { nullable: column.nullable });
        else input = textInput(app, path);
        input.setAttribute("aria-label", `${column.label}（第 ${index + 1} 行）`);
        return h("td", { "data-label": column.label }, input);
      }),
      h(
        "td",
        {},
        h("button", {
          type: "button",
          class: "selfcheck-link",
          text: "删除",
          "aria-label": `删除第 ${index + 1} 行`,
          on: { click: () => (app.data.facts[key].splice(index, 1), app.changed({ structure: true })) },
        }),
      ),
    ),
  );
  return h(
    "div",
    { class: "selfcheck-rows", "data-path": `$.facts.${key}`, tabindex: "-1" },
    h(
      "div",
      { class: "selfcheck-scroll" },
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, fact.columns.map((c) => h("th", { text: c.label })), h("th", { text: "" }))),
        h("tbody", {}, body),
      ),
    ),
    add,
  );
}

// One fact as a form field, by its declared kind (zhibu/facts.py, through form.json).
function factField(app, fact) {
  const path = ["facts", ...fact.path];
  if (fact.kind === "flag") return field(fact.label, yesNo(app, path));
  if (fact.kind === "date") return field(fact.label, dateInput(app, path, { nullable: true }));
  return field(fact.label, numberInput(app, path, { max: fact.max, step: fact.kind === "amount" ? "any" : 1 }));
}

// A section's fields in order: runs of single values in a grid, each table of rows on its own.
function factGroup(app, fields) {
  const out = [];
  let grid = null;
  for (const fact of fields) {
    if (fact.kind === "rows") {
      grid = null;
      out.push(rowsTable(app, fact));
    } else {
      if (!grid) out.push((grid = h("div", { class: "selfcheck-grid" })));
      grid.append(factField(app, fact));
    }
  }
  return out;
}

function factsSection(app, inPlay) {
  return section(
    "基本情况",
    "sc-facts",
    h("p", { class: "selfcheck-hint", text: "有具体数字要求的自查项按这里填写的情况直接计算；不填的项显示为“请填写”。这里只列所选标准用到的情况。" }),
    inPlayFields(app, inPlay).map((s) => [h("h3", { text: s.title }), factGroup(app, s.fields)]),
  );
}

function periodMonths(period) {
  const months = [];
  if (!period.start || !period.end) return months;
  let [y, m] = period.start.split("-").map(Number);
  const [ey, em] = period.end.split("-").map(Number);
  while ((y < ey || (y === ey && m <= em)) && months.length < MAX_GRID_MONTHS) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) (m = 1), (y += 1);
  }
  return months;
}

// The grid as cards (selfcheck.css) on a narrow screen, and always for a period over a year.
const NARROW = window.matchMedia("(max-width: 47.9375em)");
function asCards(table) {
  table.classList.toggle("selfcheck-meetings--cards", table.classList.contains("selfcheck-meetings--long") || NARROW.matches);
}
NARROW.addEventListener("change", () => document.querySelectorAll("table.selfcheck-meetings").forEach(asCards));

function meetingSection(app, inPlay) {
  const types = inPlayMeetings(app, inPlay);
  if (!types.length) return null; // the standard counts no meeting
  const months = periodMonths(app.data.period);
  app.data.facts.meetings = app.data.facts.meetings || {};
  const log = app.data.facts.meetings;
  const table = h(
    "table",
    { class: `selfcheck-meetings${months.length > 12 ? " selfcheck-meetings--long" : ""}` },
    h("caption", { text: "每格填写该月召开或开展的次数（主题党日填天数）；某一行一格都没填时视为“未填写”，填了任何一格后，空格按 0 计算" }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "会议与活动" }), months.map((m) => h("th", { scope: "col", text: `${Number(m.slice(5))}月` })))),
    h(
      "tbody",
      {},
      types.map((type) =>
        h(
          "tr",
          { "data-meeting": type },
          h("th", { scope: "row", text: app.form.meeting_units[type] ? `${type}（${app.form.meeting_units[type]}）` : type, "data-path": `$.facts.meetings.${type}`, tabindex: "-1" }),
          months.map((month) => {
            const input = h("input", {
              type: "number",
              inputmode: "numeric",
              min: 0,
              max: 99,
              value: (log[type] && log[type][month]) ?? "",
              "aria-label": `${type} ${month}`,
              on: {
                input: (e) => {
                  const raw = e.target.value.trim();
                  log[type] = log[type] || {}; // the first entry turns "not filled in" into a log
                  if (raw === "") delete log[type][month];
                  else log[type][month] = Number(raw);
                  app.changed();
                },
              },
            });
            return h("td", { "data-month": `${months.length > 12 ? `${month.slice(0, 4)}年` : ""}${Number(month.slice(5))}月` }, input);
          }),
        ),
      ),
    ),
  );
  asCards(table);
  const note = months.length === MAX_GRID_MONTHS ? h("p", { class: "selfcheck-hint", text: `只显示自查期的前 ${MAX_GRID_MONTHS} 个月。` }) : null;
  // Under each row, what the standards ask of it in each period (needs.js, from the engine's grid).
  const legend = h("p", { class: "selfcheck-hint", hidden: true, text: LEGEND });
  const notes = h("p", { class: "selfcheck-hint", hidden: true });
  app.showNeeds = (grid) => showNeeds(table, months, grid, { legend, notes });
  if (app.grid) app.showNeeds(app.grid);
  const logSection = app.form.facts.find((s) => s.fields.some((f) => f.kind === "log"));
  return section(logSection.title, "sc-meetings", legend, h("div", { class: "selfcheck-scroll", tabindex: "0", role: "region", "aria-label": "会议与活动记录表" }, table), notes, note);
}

function judgement(app, item) {
  const answers = app.data.answers;
  const name = `sc-answer-${item.id}`;
  const current = answers[item.id] ? answers[item.id].answer : null;
  const note = h("textarea", {
    rows: 1,
    maxlength: 2000,
    placeholder: "说明（可选）",
    "aria-label": `${item.id} 说明`,
    value: (answers[item.id] && answers[item.id].note) || "",
    on: {
      input: (e) => {
        if (!answers[item.id]) return; // a note belongs to an answer
        answers[item.id].note = e.target.value;
        app.changed();
      },
    },
  });
  note.disabled = !current;
  return h(
    "fieldset",
    { class: "selfcheck-item", "data-item": item.id, id: `sc-item-${item.id}` },
    h("legend", {}, item.text, " ", h("span", { class: "selfcheck-tag", text: item.id })),
    h("p", { class: "selfcheck-clauses" }, "依据：", clauseLinks(item.clauses)),
    h(
      "div",
      { class: "selfcheck-answers" },
      app.form.answers.map((value) => {
        const id = `${name}-${value}`;
        return h(
          "span",
          { class: "selfcheck-radio" },
          h("input", {
            type: "radio",
            name,
            id,
            value,
            checked: current === value,
            on: {
              change: () => {
                answers[item.id] = { ...(answers[item.id] || {}), answer: value };
                note.disabled = false;
                app.changed();
              },
            },
          }),
          h("label", { for: id, text: value }),
        );
      }),
    ),
    note,
    recordsBlock(item),
  );
}

// What shows the item is met (备查材料), collapsed: a record a document names links the clause
// that names it; the others are this site's suggestions and say so (the rubric's `records`).
function recordsBlock(item) {
  const records = item.records || [];
  if (!records.length) return null;
  return h(
    "details",
    { class: "selfcheck-more selfcheck-records", "data-records": item.id },
    h("summary", { text: `备查材料（${records.length}）` }),
    h(
      "ul",
      {},
      records.map((r) =>
        h("li", {}, r.text, r.clause ? h("span", { class: "selfcheck-hint" }, "（", clauseLinks([r.clause]), "）") : h("span", { class: "selfcheck-hint", text: "（本站建议）" })),
      ),
    ),
  );
}

function computed(item) {
  return h(
    "div",
    { class: "selfcheck-item selfcheck-computed", "data-item": item.id, id: `sc-item-${item.id}` },
    h("p", {}, item.text, " ", h("span", { class: "selfcheck-tag", text: item.id })),
    h("p", { class: "selfcheck-clauses" }, "依据：", clauseLinks(item.clauses)),
    h("p", { class: "selfcheck-outcome", "data-outcome": item.id, text: "按基本情况计算（等待评分引擎）" }),
    recordsBlock(item),
  );
}

// Each item is asked once: under the standard's groups, then (collapsed) those only a
// comparison weighs. Items written for other branch types are left out, as the engine leaves
// them out of the score (the rubric's applies_to; tests hold page and engine to the same list).
function applies(item, type) {
  return !item.applies_to || item.applies_to.includes(type);
}

function itemBlock(app, id) {
  const item = app.items.get(id);
  return item.rules.length ? computed(item) : judgement(app, item);
}

function leftOut(app, scheme) {
  const type = app.data.branch.type;
  const out = scheme.groups.flatMap((g) => g.items.map((e) => app.items.get(e.item))).filter((i) => !applies(i, type));
  if (!out.length) return null;
  return h(
    "details",
    { class: "selfcheck-more selfcheck-leftout", "data-left-out": scheme.id },
    h("summary", { text: `另有 ${out.length} 项只适用于其他类型的支部，本支部不作评价、不计分` }),
    h(
      "ul",
      {},
      out.map((i) =>
        h("li", {}, i.text, h("span", { class: "selfcheck-hint" }, `（适用于${i.applies_to.join("、")}党支部；依据：`, clauseLinks(i.scope ? [i.scope] : i.clauses), "）")),
      ),
    ),
  );
}

function itemsSection(app) {
  const d = app.data;
  const type = d.branch.type;
  const standard = app.schemes.get(d.standard);
  if (!standard) return section("逐项评价", "sc-items", h("p", { class: "selfcheck-warn", text: `未知的考核标准“${d.standard}”，请在第一部分重新选择。` }));
  const asked = new Set();
  const groupsOf = (scheme) =>
    scheme.groups.map((group) => {
      const ids = group.items.map((e) => e.item).filter((id) => applies(app.items.get(id), type) && !asked.has(id));
      ids.forEach((id) => asked.add(id));
      return { group, ids };
    });
  const main = groupsOf(standard).map(({ group, ids }) =>
    ids.length
      ? h(
          "details",
          { open: true, class: "selfcheck-group", "data-group": `${standard.id}/${group.id}` },
          h("summary", {}, group.name, " ", h("span", { class: "selfcheck-count", "data-count": `${standard.id}/${group.id}` })),
          ids.map((id) => itemBlock(app, id)),
        )
      : null,
  );
  const compared = (d.compare || [])
    .map((sid) => app.schemes.get(sid))
    .filter(Boolean)
    .map((scheme) => {
      const ids = groupsOf(scheme).flatMap((g) => g.ids);
      if (!ids.length) return null;
      return h(
        "details",
        { class: "selfcheck-group selfcheck-group--compare", "data-scheme": scheme.id },
        h("summary", {}, `对照：${scheme.name}另有的 ${ids.length} 项（可不填，只影响对照得分）`),
        ids.map((id) => itemBlock(app, id)),
      );
    });
  return section(
    `逐项评价：${standard.name}`,
    "sc-items",
    h("p", { class: "selfcheck-hint", text: "需要判断的项选择“达到 / 基本达到 / 未达到 / 不适用”（不适用的项不计分）；带数字要求的项由基本情况自动计算。" }),
    h("div", { class: "selfcheck-scheme", "data-scheme": standard.id }, main, leftOut(app, standard)),
    compared,
  );
}
