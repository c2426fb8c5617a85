// What of the site's own scripts an older browser kernel cannot run (issue 17): prints a JSON list
// of {file, line, what} for tests/test_old_kernels.py.
//   node tests/support/es_floor.mjs FILE...
// Scripts named in ES5 (the inline engine boot and the notice IE shows) must parse as ES5: IE11 and
// IE mode reach them. In every other script: no class static blocks, top-level await, `#x in obj` or
// regexp flags d/v (the syntax after ES2021 that Chromium 86 lacks; its class fields it has), and
// no built-in newer than Chromium 86. probe-static-blocks.js is the one file meant to fail there.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as acorn from "acorn";
import * as walk from "acorn-walk";

const ES5 = new Set(["engine-boot.js", "tier-notice.js"]);
const PROBE = "probe-static-blocks.js";
// Built-ins newer than Chromium 86, with the version that brought them: globals, then methods.
const GLOBALS = { structuredClone: 98 };
const METHODS = {
  at: 92, hasOwn: 93, findLast: 97, findLastIndex: 97, randomUUID: 92, toSorted: 110, toReversed: 110,
  toSpliced: 110, groupBy: 117, fromAsync: 121, withResolvers: 119, canParse: 120,
};
const problems = [];
for (const file of process.argv.slice(2)) {
  const name = path.basename(file);
  if (name === PROBE) continue;
  const text = readFileSync(file, "utf8");
  const es5 = ES5.has(name);
  let ast;
  try {
    ast = acorn.parse(text, { ecmaVersion: es5 ? 5 : "latest", sourceType: es5 ? "script" : "module", locations: true });
  } catch (err) {
    problems.push({ file, line: err.loc?.line, what: `${es5 ? "不是 ES5" : "无法解析"}：${err.message}` });
    continue;
  }
  const at = (node, what) => problems.push({ file, line: node.loc.start.line, what });
  walk.fullAncestor(ast, (node, _state, ancestors) => {
    if (node.type === "StaticBlock") at(node, "class static block（Chromium 94+）");
    if (node.type === "BinaryExpression" && node.operator === "in" && node.left.type === "PrivateIdentifier") at(node, "#x in obj（Chromium 91+）");
    if (node.type === "AwaitExpression" && !ancestors.some((a) => /Function/.test(a.type))) at(node, "top-level await（Chromium 89+）");
    if (node.type === "Literal" && node.regex && /[dv]/.test(node.regex.flags)) at(node, `正则标志 ${node.regex.flags}（Chromium 90+/112+）`);
    const [id, list] = node.type === "MemberExpression" && !node.computed ? [node.property.name, METHODS]
      : node.type === "Identifier" ? [node.name, GLOBALS] : [null, {}];
    if (Object.hasOwn(list, id)) at(node, `${id}（Chromium ${list[id]}+）`);
  });
}
console.log(JSON.stringify(problems));
