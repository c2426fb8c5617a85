// A classic script (module scripts do not run from file://): when the self-check or the 汇总
// page is opened from disk, say why it cannot run there and how to serve the folder instead.
(function () {
  if (location.protocol !== "file:") return;
  var root = document.getElementById("selfcheck-app") || document.getElementById("rollup-app");
  if (!root) return;
  var rollup = root.id === "rollup-app";
  var what = rollup ? "汇总工具" : "支部自查";
  var page = rollup ? "self-check/rollup.html" : "self-check/index.html";
  var box = document.createElement("div");
  box.className = "selfcheck-alert";
  box.setAttribute("role", "alert");
  var lines = [
    what + "需要通过 http 访问本站，直接打开本地文件（file://）时浏览器不允许运行评分程序。",
    "在网站文件夹中运行下面的命令，然后用浏览器打开 http://127.0.0.1:8000/" + page + " ：",
  ];
  lines.forEach(function (text) {
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
  });
  var pre = document.createElement("pre");
  var code = document.createElement("code");
  code.textContent = "python -m http.server 8000";
  pre.appendChild(code);
  box.appendChild(pre);
  var last = document.createElement("p");
  last.textContent = "阅读标准和搜索不受影响，可以继续直接打开本地文件使用。";
  box.appendChild(last);
  var help = document.createElement("p");
  var link = document.createElement("a");
  link.href = new URL("../../deploy/index.html#problem-file", document.currentScript.src).href;
  link.textContent = "部署指南：直接打开了本地文件（file://）";
  help.append("放到网站服务器上的办法见", link, "。");
  box.appendChild(help);
  root.replaceChildren(box);
})();
