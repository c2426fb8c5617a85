// Accessibility fixes for Material's own markup (kept here rather than copying its templates).
// The search overlay is a role="dialog" without a name; screen readers announce it as "dialog".
const search = document.querySelector(".md-search[role=dialog]");
if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "搜索");
