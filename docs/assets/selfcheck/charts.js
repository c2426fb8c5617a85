// Charts for what people would rather look at than read: the self-check by group, the 汇总's
// ratios, distribution, common problems and parents. Apache ECharts (assets/vendor/echarts/, the
// prebuilt "simple" bundle, pinned in requirements/echarts.sha256) is fetched when the first chart
// comes near the screen (or a print asks for it); no other page asks for it. Every chart's numbers are a table: its own (visually
// hidden until asked for, always read by screen readers, printed), or the page's table right below
// it. The canvas is hidden from assistive technology: the table says the same.
import { h, replaceChildren } from "./dom.js";

const LIBRARY = new URL("../vendor/echarts/echarts.simple.min.js", import.meta.url).href;
let loading = null;

// The library, once per page (a classic script: the bundle is UMD and sets window.echarts).
export function library() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = h("script", { src: LIBRARY, async: true });
      script.addEventListener("load", () => (window.echarts ? resolve(window.echarts) : reject(new Error("图表库未能加载"))));
      script.addEventListener("error", () => {
        loading = null; // a later chart tries again
        reject(new Error("图表库未能加载"));
      });
      document.head.append(script);
    });
  }
  return loading;
}

const live = new Set(); // charts on the page: redrawn in the other colour scheme, disposed when removed
let printed = []; // the report's charts, made again for each print
const PRINT_WIDTH = 640; // px: A4's width inside the margins, so the labels print at their size
// On paper: the light scheme's colours whatever the screen shows.
const PRINT = { bar: "#a31515", muted: "#c8c8c8", target: "#222", text: "#333", grid: "#ccc", font: "" };

function colours(el) {
  const css = getComputedStyle(el);
  const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    bar: v("--md-primary-fg-color", "#b71c1c"),
    muted: v("--md-default-fg-color--lighter", "#bbb"),
    target: v("--md-default-fg-color", "#333"),
    text: v("--md-default-fg-color--light", "#555"),
    grid: v("--md-default-fg-color--lightest", "#ddd"),
    font: css.fontFamily,
  };
}

const number = (x, unit) => (x === null || x === undefined ? "—" : `${Number.isInteger(x) ? x : x.toFixed(1)}${unit === "%" ? "%" : ""}`);

// spec: { title, unit ("%" | "分" | "个"), categories, series: [{ name, values }], target?: { name,
// values }, max?, horizontal?, stack? (the series end to end: 得分 then 失分, the second muted),
// head (the table's first column), extra? (table-only columns), table: true | "below", width? }
function option(spec, c) {
  const label = (p) => number(p.value, spec.unit);
  const categoryAxis = {
    type: "category",
    data: spec.categories,
    inverse: Boolean(spec.horizontal), // the first category on top, as in the table
    axisLabel: { color: c.text, interval: 0, width: spec.horizontal ? 150 : 70, overflow: "truncate", hideOverlap: false },
    axisTick: { show: false },
    axisLine: { lineStyle: { color: c.grid } },
  };
  const valueAxis = {
    type: "value",
    max: spec.max,
    minInterval: spec.unit === "个" ? 1 : 0,
    axisLabel: { color: c.text, formatter: spec.unit === "%" ? "{value}%" : "{value}" },
    splitLine: { lineStyle: { color: c.grid } },
  };
  const end = spec.horizontal ? "right" : "top";
  const series = spec.series.map((s, i) => ({
    type: "bar",
    name: s.name,
    data: s.values,
    barMaxWidth: 28,
    stack: spec.stack ? "total" : undefined,
    itemStyle: { color: spec.stack && i ? c.muted : c.bar },
    label: !spec.stack
      ? { show: true, position: end, color: c.text, formatter: label }
      : i === 0 // the score inside its bar (when there is room), what was lost after it
        ? { show: true, position: spec.horizontal ? "insideRight" : "inside", color: "#fff", formatter: (p) => (p.value >= 2.5 ? label(p) : "") }
        : { show: true, position: end, color: c.text, formatter: (p) => (p.value > 0 ? `−${label(p)}` : "") },
  }));
  if (spec.target) {
    series.push({
      type: "line",
      name: spec.target.name,
      data: spec.target.values,
      symbol: "diamond",
      symbolSize: 9,
      lineStyle: { opacity: 0 }, // each year's own target: marks, not a trend between them
      itemStyle: { color: c.target },
      label: { show: true, position: "right", color: c.target, formatter: (p) => `${spec.target.name} ${label(p)}` },
    });
  }
  return {
    animation: false, // drawn at once: printed as it is shown
    aria: { enabled: false },
    textStyle: { fontFamily: c.font },
    grid: { left: 8, right: spec.target ? 96 : 40, top: 16, bottom: 8, containLabel: true },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series,
  };
}

function heightOf(spec) {
  return spec.horizontal ? 40 + 30 * spec.categories.length : 240;
}

function dataTable(spec) {
  // the drawn series, the target, then columns only the table has (`extra`: [{ name, values }])
  const columns = [...spec.series, ...(spec.target ? [spec.target] : [])];
  const extra = spec.extra || [];
  const head = [spec.head, ...columns.map((s) => s.name), ...extra.map((x) => x.name)];
  const rows = spec.categories.map((c, i) => [c, ...columns.map((s) => number(s.values[i], spec.unit)), ...extra.map((x) => String(x.values[i] ?? "—"))]);
  return h(
    "div",
    { class: "zhibu-chart__data" }, // hidden from the eye by its box: a table's own width grows to fit
    h(
      "table",
      { class: "zhibu-chart__table" },
      h("caption", { text: spec.title }),
      h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, rows.map(([first, ...cells]) => h("tr", {}, h("th", { scope: "row", text: first }), cells.map((x) => h("td", { text: x }))))),
    ),
  );
}

function legend(spec) {
  if (!spec.target && spec.series.length < 2) return null;
  return h(
    "p",
    { class: "zhibu-chart__legend", "aria-hidden": "true" },
    spec.series.map((s, i) => h("span", { class: `zhibu-chart__key zhibu-chart__key--${spec.stack && i ? "muted" : "bar"}`, text: s.name })),
    spec.target ? h("span", { class: "zhibu-chart__key zhibu-chart__key--target", text: spec.target.name }) : null,
  );
}

const waiting = new Map(); // figure -> { plot, spec }: not drawn yet (off screen, or the library on its way)

// The library is asked for when a chart comes near the screen: on the self-check page the chart
// is below the form, so the first score never waits behind it on a slow line.
function near(figure) {
  return new Promise((resolve) => {
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      resolve();
    }, { rootMargin: "400px 0px" });
    seen.observe(figure);
  });
}

function draw(figure, plot, spec) {
  const already = waiting.has(figure);
  waiting.set(figure, { plot, spec }); // the newest numbers are the ones drawn
  if (already) return;
  (window.echarts ? Promise.resolve() : near(figure))
    .then(library)
    .then((echarts) => waiting.has(figure) && render(echarts, figure))
    .catch((err) => {
      waiting.delete(figure);
      figure.dataset.drawn = "0";
      replaceChildren(plot, h("p", { class: "zhibu-chart__failed", text: `图表未能显示（${err.message}），数据见表格。` }));
      plot.removeAttribute("aria-hidden");
      figure.classList.add("zhibu-chart--table");
    });
}

function render(echarts, figure) {
  const { plot, spec } = waiting.get(figure);
  waiting.delete(figure);
  if (!plot.isConnected) return; // replaced before it was drawn
  const old = echarts.getInstanceByDom(plot);
  if (old) old.dispose();
  const chart = echarts.init(plot, null, {
    renderer: "canvas",
    devicePixelRatio: Math.max(2, window.devicePixelRatio || 1), // sharp on paper
    width: spec.width,
    height: heightOf(spec),
  });
  chart.setOption(option(spec, colours(figure)));
  const entry = { chart, figure, spec };
  live.add(entry);
  if (!spec.width) {
    const watch = new ResizeObserver(() => {
      if (!plot.isConnected) {
        watch.disconnect();
        live.delete(entry);
        chart.dispose();
      } else chart.resize();
    });
    watch.observe(plot);
  }
  figure.dataset.drawn = "1";
}

// A chart as a <figure>: the drawing and its numbers. `spec.table` "below" when the page's own
// table of the same numbers follows it. Returns the figure (drawn once it is on the page and the
// library is here; with no categories yet, not drawn and the library not fetched);
// `updateChart(figure, spec)` redraws it.
export function chartFigure(spec) {
  const plot = h("div", { class: "zhibu-chart__plot", "aria-hidden": "true", style: `height:${heightOf(spec)}px` });
  const figure = h("figure", { class: "zhibu-chart", "data-chart": spec.id || null });
  fill(figure, plot, spec);
  if (spec.categories.length) draw(figure, plot, spec);
  return figure;
}

function fill(figure, plot, spec) {
  const own = spec.table !== "below";
  const toggle = own
    ? h("button", {
        type: "button",
        class: "selfcheck-link zhibu-chart__toggle", // for the eye: screen readers read the table anyway
        text: "显示数据表",
        on: {
          click: (e) => {
            const shown = figure.classList.toggle("zhibu-chart--table");
            e.target.textContent = shown ? "隐藏数据表" : "显示数据表";
          },
        },
      })
    : null;
  replaceChildren(
    figure,
    h("figcaption", {}, spec.title, own ? null : h("span", { class: "zhibu-chart__note", text: "（数据见下表）" }), toggle ? [" ", toggle] : null),
    legend(spec),
    plot,
    own ? dataTable(spec) : null,
  );
}

// The same figure with new numbers (the self-check redraws on every answer): the chart is updated
// in place, the table rebuilt.
export function updateChart(figure, spec) {
  const plot = figure.querySelector(".zhibu-chart__plot");
  const wasShown = figure.classList.contains("zhibu-chart--table");
  plot.style.height = `${heightOf(spec)}px`;
  const table = figure.querySelector(".zhibu-chart__data");
  if (table) table.replaceWith(dataTable(spec));
  figure.querySelector("figcaption").firstChild.textContent = spec.title;
  figure.classList.toggle("zhibu-chart--table", wasShown);
  const chart = window.echarts && window.echarts.getInstanceByDom(plot);
  if (!chart) return draw(figure, plot, spec); // the newest spec is drawn when the library comes
  chart.resize({ height: heightOf(spec) });
  chart.setOption(option(spec, colours(figure)), { notMerge: true });
  for (const entry of live) if (entry.chart === chart) entry.spec = spec;
}

// A chart drawn now, at a fixed size, for a page about to print (the report): only when the library
// is already here (the page's chart has come into view, or 打印报告 fetched it); otherwise the table
// alone.
export function printedChart(spec) {
  for (const chart of printed) chart.dispose();
  printed = [];
  const figure = h("figure", { class: "zhibu-chart zhibu-chart--print" });
  const plot = h("div", { class: "zhibu-chart__plot", "aria-hidden": "true" });
  const fixed = { ...spec, table: true, width: spec.width || PRINT_WIDTH };
  fill(figure, plot, fixed);
  figure.querySelector(".zhibu-chart__toggle")?.remove();
  if (!window.echarts) {
    plot.remove();
    return figure;
  }
  const chart = window.echarts.init(plot, null, { renderer: "canvas", devicePixelRatio: 2, width: fixed.width, height: heightOf(fixed) });
  chart.setOption(option(fixed, { ...PRINT, font: getComputedStyle(document.body).fontFamily }));
  printed.push(chart);
  return figure;
}

// The other colour scheme (Material's toggle): the same charts in its colours; on paper, the light
// one's.
const recolour = (print) => {
  for (const { chart, figure, spec } of live) {
    const c = print ? { ...PRINT, font: colours(figure).font } : colours(figure);
    chart.setOption(option(spec, c), { notMerge: true });
    if (!spec.width) chart.resize(print ? { width: Math.min(PRINT_WIDTH, figure.clientWidth || PRINT_WIDTH), height: heightOf(spec) } : undefined);
  }
};
new MutationObserver(() => recolour(false)).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
window.addEventListener("beforeprint", () => {
  if (window.echarts) for (const figure of [...waiting.keys()]) render(window.echarts, figure); // the ones not scrolled to
  recolour(true);
});
window.addEventListener("afterprint", () => recolour(false));
