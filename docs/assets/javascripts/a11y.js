// Accessibility fixes for Material's own markup (kept here rather than copying its templates).
// The search overlay is a role="dialog" without a name; screen readers announce it as "dialog".
const search = document.querySelector(".md-search[role=dialog]");
if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "搜索");

// A wide table scrolls sideways inside Material's wrapper; where the table holds no link, the
// keyboard could not reach it to scroll. Make the wrapper focusable while (and only while) it scrolls.
function scrollersFocusable() {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) wrap.setAttribute("tabindex", "0");
    else if (!scrolls && wrap.getAttribute("tabindex") === "0") wrap.removeAttribute("tabindex");
  }
}
if (window.document$) window.document$.subscribe(scrollersFocusable); // every page of instant navigation
else scrollersFocusable();
let resizing = 0;
window.addEventListener("resize", () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(scrollersFocusable);
});

// A link to an item in a collapsed 本节自查项 block (a scheme's card, the self-check) opens the
// block, so the item is seen; a printout holds every item.
function openTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id && document.getElementById(id);
  if (!el || !el.closest("details:not([open])")) return;
  for (let d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  el.scrollIntoView();
}
window.addEventListener("hashchange", openTarget);
if (window.document$) window.document$.subscribe(openTarget);
else openTarget();
window.addEventListener("beforeprint", () => {
  for (const d of document.querySelectorAll("details.zhibu-items")) d.open = true;
});
