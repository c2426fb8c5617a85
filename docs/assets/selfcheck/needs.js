// Planned against held in the meeting grid: under each meeting's row, a row for each requirement
// the chosen standards make of it ("要求：每季度至少 1 次"), with one cell per period of that
// requirement spanning its months: ✓ 达到, 差 n (ended short), 还需 n (under way), 应 n (not yet
// due, or the row not filled in), 不计 (a period only partly in the self-check period).
// Every number and state is the engine's (zhibu.grid, in the rescore reply): nothing is counted here.
import { h, replaceChildren } from "./dom.js";

// What a cell shows, beside the engine's sentence (read out, and shown on hover).
function mark(p, unit, wide) {
  const n = (count) => (wide ? ` ${count} ${unit}` : String(count));
  switch (p.state) {
    case "met":
      return "✓";
    case "short":
      return `差${n(p.left)}`;
    case "running":
      return `还需${n(p.left)}`;
    case "outside":
      return "不计";
    default: // later, unfilled: what is planned
      return `应${n(p.need)}`;
  }
}

// 2026年第3季度 → 第3季度 when the grid is one year or less (its columns carry no year either).
function when(p, long) {
  return long ? p.label : p.label.replace(/^\d{4}年(?=.)/, "");
}

// What the marks say: above the grid, and under the printed report's meeting table.
export const LEGEND = "每行下面是所选标准的要求，按月、季度、半年或全年计：✓ 已达到；差 n：已结束、未达到；还需 n：进行中；应 n：还没到或这一行未填写；不计：这一周期不完全在自查期内，不检查。";

export function needRow(req, months, long) {
  const byMonth = new Map();
  for (const p of req.periods) for (const m of p.months) byMonth.set(m, p);
  const cells = [];
  for (const m of months) {
    const p = byMonth.get(m) || null;
    const last = cells[cells.length - 1];
    if (last && p && last.p === p) last.span += 1;
    else cells.push({ p, span: 1 });
  }
  const clauses = req.clauses.map((c) => c.label).join("、");
  return h(
    "tr",
    { class: "selfcheck-need", "data-meeting": req.meeting, "data-per": req.per },
    h(
      "th",
      { scope: "row", class: "selfcheck-need__rule", title: [req.note, `依据：${clauses}`].filter(Boolean).join("\n") },
      h("span", { class: "selfcheck-sr", text: `${req.meeting} ` }),
      req.compare_only ? "〔对照〕" : "",
      h("span", { class: "selfcheck-need__words", text: `要求：${req.words}` }),
      req.note ? "（本站推断）" : null,
    ),
    cells.map(({ p, span }) =>
      p
        ? h(
            "td",
            { colspan: span > 1 ? String(span) : null, "data-state": p.state, title: p.words },
            h(
              "span",
              { "aria-hidden": "true" },
              h("span", { class: "selfcheck-need__when", text: `${when(p, long)} ` }),
              h("span", { class: "selfcheck-need__mark", text: mark(p, req.unit, span > 1 || long) }),
            ),
            h("span", { class: "selfcheck-sr", text: p.words }),
          )
        : h("td", { "data-state": "none" }),
    ),
  );
}

// Redraw the requirement rows of `table` (its meeting rows carry data-meeting) from the engine's
// grid; `legend` explains the marks (shown only with them: no engine, no rows), `notes` lists the
// site's readings. Nothing is redrawn when the grid has not changed.
export function showNeeds(table, months, grid, { legend, notes }) {
  const drawn = JSON.stringify(grid || null);
  if (table.needsDrawn === drawn) return;
  table.needsDrawn = drawn;
  for (const old of table.querySelectorAll("tr.selfcheck-need")) old.remove();
  const after = new Map();
  for (const tr of table.tBodies[0].rows) after.set(tr.dataset.meeting, tr);
  const long = table.classList.contains("selfcheck-meetings--long");
  const seen = new Set();
  for (const req of grid || []) {
    const row = after.get(req.meeting);
    if (!row) continue;
    const tr = needRow(req, months, long);
    row.after(tr);
    after.set(req.meeting, tr);
    seen.add(req.meeting);
  }
  const said = [...new Set((grid || []).filter((r) => r.note).map((r) => `${r.meeting}（${r.words}）：${r.note}`))];
  replaceChildren(notes, said.join("；"));
  notes.hidden = !said.length;
  legend.hidden = !seen.size;
}
