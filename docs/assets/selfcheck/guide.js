// " 网站管理员请看部署指南：<section>。": where the 部署指南 explains a problem a page reports.
import { h } from "./dom.js";
import { GUIDE, HELP } from "./engine.js";

export function guideLink(help) {
  return [" 网站管理员请看", h("a", { href: `${GUIDE}#${help}`, class: "selfcheck-guide", text: `部署指南：${HELP[help]}` }), "。"];
}
