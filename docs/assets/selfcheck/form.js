// The form: branch and period, facts, the meeting grid, and every item of the chosen schemes.
// Inputs write straight into the answers file (app.data); sections re-render only when
// their shape changes (rows added, schemes or period changed), so focus is never lost.
import { clauseLinks, h, replaceChildren, uid } from "./dom.js";

const MAX_GRID_MONTHS = 24;

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
    type: "text",
    value: getPath(app.data, path) ?? "",
    ...attrs,
    on: { input: (e) => (setPath(app.data, path, e.target.value), app.changed()) },
  });
}

function dateInput(app, path, { nullable = false, onChange } = {}) {
  return h("input", {
    type: "date",
    value: getPath(app.data, path) ?? "",
    on: {
      change: (e) => {
        setPath(app.data, path, e.target.value || (nullable ? null : e.target.value));
        if (onChange) onChange();
        else app.changed();
      },
    },
  });
}

function yesNo(app, path) {
  const value = getPath(app.data, path);
  const select = h(
    "select",
    { on: { change: (e) => (setPath(app.data, path, e.target.value === "" ? null : e.target.value === "yes"), app.changed()) } },
    h("option", { value: "", text: "未填写", selected: value == null }),
    h("option", { value: "yes", text: "是", selected: value === true }),
    h("option", { value: "no", text: "否", selected: value === false }),
  );
  return select;
}

function section(title, id, ...children) {
  return h("section", { class: "selfcheck-section", "aria-labelledby": id }, h("h2", { id, text: title }), ...children);
}

export function renderForm(container, app) {
  replaceChildren(container, branchSection(app), factsSection(app), meetingSection(app), itemsSection(app));
}

function branchSection(app) {
  const d = app.data;
  const type = h(
    "select",
    {
      on: {
        change: (e) => {
          d.branch.type = e.target.value;
          d.schemes = app.suggestedSchemes(d.branch.type);
          app.changed({ structure: true });
        },
      },
    },
    app.form.branch_types.map((t) => h("option", { value: t, text: t, selected: t === d.branch.type })),
  );
  const schemes = h(
    "fieldset",
    { class: "selfcheck-schemes" },
    h("legend", { text: "适用的标准（可多选）" }),
    app.rubric.schemes.map((s) => {
      const id = `sc-scheme-${s.id}`;
      return h(
        "div",
        { class: "selfcheck-check" },
        h("input", {
          type: "checkbox",
          id,
          checked: d.schemes.includes(s.id),
          on: {
            change: (e) => {
              const chosen = new Set(d.schemes);
              if (e.target.checked) chosen.add(s.id);
              else chosen.delete(s.id);
              d.schemes = app.rubric.schemes.map((x) => x.id).filter((x) => chosen.has(x));
              app.changed({ structure: true });
            },
          },
        }),
        h("label", { for: id }, `${s.name}`),
        " ",
        h("a", { href: `../${s.page.replace(/\.md$/, ".html")}#scheme-${s.id}`, text: "（标准说明）" }),
      );
    }),
  );
  const periodChanged = () => app.changed({ structure: true });
  return section(
    "一、支部与自查期",
    "sc-branch",
    h(
      "div",
      { class: "selfcheck-grid" },
      field("支部名称", textInput(app, ["branch", "name"], { required: true, autocomplete: "organization", placeholder: "例如：某某局机关第一党支部" })),
      field("支部类型", type),
      field("上级党组织", textInput(app, ["branch", "parent"])),
      field("自查期开始", dateInput(app, ["period", "start"], { onChange: periodChanged })),
      field("自查期结束", dateInput(app, ["period", "end"], { onChange: periodChanged })),
      field("自查日期", dateInput(app, ["check_date"]), "会议次数只核对到自查日期已结束的月份、季度"),
    ),
    schemes,
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
    return h("div", { class: "selfcheck-rows" }, h("p", { class: "selfcheck-hint", text: words.blank }), add, " ", none);
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
        return h("td", {}, input);
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
    { class: "selfcheck-rows" },
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

function factsSection(app) {
  return section(
    "二、基本情况",
    "sc-facts",
    h("p", { class: "selfcheck-hint", text: "有具体数字要求的自查项按这里填写的情况直接计算；不填的项显示为“请填写”。" }),
    app.form.facts
      .filter((s) => !s.fields.some((f) => f.kind === "log"))
      .map((s) => [h("h3", { text: s.title }), factGroup(app, s.fields)]),
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

function meetingSection(app) {
  const months = periodMonths(app.data.period);
  app.data.facts.meetings = app.data.facts.meetings || {};
  const log = app.data.facts.meetings;
  const table = h(
    "table",
    { class: "selfcheck-meetings" },
    h("caption", { text: "每格填写该月召开的次数；某类会议一格都没填时视为“未填写”，填了任何一格后，空格按 0 次计算" }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "会议" }), months.map((m) => h("th", { scope: "col", text: `${Number(m.slice(5))}月` })))),
    h(
      "tbody",
      {},
      app.form.meeting_types.map((type) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", text: type }),
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
            return h("td", {}, input);
          }),
        ),
      ),
    ),
  );
  const note = months.length === MAX_GRID_MONTHS ? h("p", { class: "selfcheck-hint", text: `只显示自查期的前 ${MAX_GRID_MONTHS} 个月。` }) : null;
  const logSection = app.form.facts.find((s) => s.fields.some((f) => f.kind === "log"));
  return section(`三、${logSection.title}`, "sc-meetings", h("div", { class: "selfcheck-scroll", tabindex: "0", role: "region", "aria-label": "会议记录表" }, table), note);
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
    { class: "selfcheck-item", "data-item": item.id },
    h("legend", {}, h("span", { class: "selfcheck-tag", text: item.id }), " ", item.text),
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
  );
}

function computed(item) {
  return h(
    "div",
    { class: "selfcheck-item selfcheck-computed", "data-item": item.id },
    h("p", {}, h("span", { class: "selfcheck-tag", text: item.id }), " ", item.text),
    h("p", { class: "selfcheck-clauses" }, "依据：", clauseLinks(item.clauses)),
    h("p", { class: "selfcheck-outcome", "data-outcome": item.id, text: "按基本情况计算（等待评分引擎）" }),
  );
}

function itemsSection(app) {
  const chosen = app.rubric.schemes.filter((s) => app.data.schemes.includes(s.id));
  if (!chosen.length) return section("四、逐项评价", "sc-items", h("p", { class: "selfcheck-hint", text: "请在“适用的标准”中至少选择一个标准。" }));
  return section(
    "四、逐项评价",
    "sc-items",
    h("p", { class: "selfcheck-hint", text: "需要判断的项选择“达到 / 基本达到 / 未达到 / 不适用”（不适用的项不计分）；带数字要求的项由基本情况自动计算。" }),
    chosen.map((scheme) =>
      h(
        "div",
        { class: "selfcheck-scheme", "data-scheme": scheme.id },
        h("h3", { text: scheme.name }),
        scheme.groups.map((group) =>
          h(
            "details",
            { open: true, class: "selfcheck-group" },
            h("summary", {}, group.name, " ", h("span", { class: "selfcheck-count", "data-count": `${scheme.id}/${group.id}` })),
            group.items.map((entry) => {
              const item = app.items.get(entry.item);
              return item.rules.length ? computed(item) : judgement(app, item);
            }),
          ),
        ),
      ),
    ),
  );
}
