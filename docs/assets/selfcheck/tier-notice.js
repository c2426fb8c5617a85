// A classic script for browsers that run no module scripts at all (IE11, and dual-core browsers
// in their IE mode): the self-check and 汇总 pages would otherwise say "正在打开……" for ever.
// engine-boot.js has already named the browser and what will work (boot.advice); this shows it,
// with the paper self-check, which needs no script. Plain ES5.
(function () {
  var boot = window.zhibuBoot;
  if (location.protocol === "file:" || !boot || boot.tier !== 3) return;
  if ("noModule" in document.createElement("script")) return; // the page's modules say it themselves
  var root = document.getElementById("selfcheck-app") || document.getElementById("rollup-app");
  if (!root) return;
  var box = document.createElement("div");
  box.className = "selfcheck-alert";
  box.setAttribute("role", "alert");
  var what = root.id === "rollup-app" ? "汇总工具" : "支部自查";
  var first = document.createElement("p");
  first.appendChild(document.createTextNode("当前浏览器无法运行" + what + "（" + boot.reason + "）。本页识别到的浏览器是：" + boot.advice.seen + "。可以："));
  box.appendChild(first);
  var list = document.createElement("ul");
  for (var i = 0; i < boot.advice.steps.length; i++) {
    var item = document.createElement("li");
    item.appendChild(document.createTextNode(boot.advice.steps[i] + "；"));
    list.appendChild(item);
  }
  var paper = document.createElement("li");
  var link = document.createElement("a");
  link.href = "paper/index.html"; // both pages are in self-check/
  link.appendChild(document.createTextNode("纸质自查表"));
  paper.appendChild(document.createTextNode("打印不需要任何脚本的"));
  paper.appendChild(link);
  paper.appendChild(document.createTextNode("，在会上或纸上填写。"));
  list.appendChild(paper);
  box.appendChild(list);
  var last = document.createElement("p");
  last.appendChild(document.createTextNode("阅读标准和搜索不受影响。"));
  box.appendChild(last);
  while (root.firstChild) root.removeChild(root.firstChild);
  root.appendChild(box);
})();
