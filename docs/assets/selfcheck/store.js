// Autosave in localStorage: one versioned namespace, one key per self-check, an index.
// Only our own keys are ever written or removed (never localStorage.clear()).

const PREFIX = "zhibu.selfcheck.v1.";
const INDEX = `${PREFIX}index`;
const CURRENT = `${PREFIX}current`;
const record = (id) => `${PREFIX}record.${id}`;

const memory = new Map(); // when the browser refuses storage (private mode, quota)
let storage = null;
try {
  const probe = `${PREFIX}probe`;
  localStorage.setItem(probe, "1");
  localStorage.removeItem(probe);
  storage = localStorage;
} catch (_) {
  storage = null;
}

export const persistent = storage !== null;

function get(key) {
  return storage ? storage.getItem(key) : memory.get(key) ?? null;
}

function set(key, value) {
  if (storage) storage.setItem(key, value);
  else memory.set(key, value);
}

function remove(key) {
  if (storage) storage.removeItem(key);
  else memory.delete(key);
}

function readJson(key, fallback) {
  try {
    const text = get(key);
    return text === null ? fallback : JSON.parse(text);
  } catch (_) {
    return fallback;
  }
}

export function list() {
  const index = readJson(INDEX, []);
  return Array.isArray(index) ? index.filter((e) => e && typeof e.id === "string") : [];
}

export function load(id) {
  const saved = readJson(record(id), null);
  return saved && typeof saved === "object" && saved.data ? upgrade(saved.data) : null;
}

// A record saved by an older page, in the current format: the same step as the engine's
// zhibu/answers.py UPGRADES (version 1 listed `schemes`; version 2 names the one `standard`
// the branch is assessed by and those it is `compare`d with). An import is upgraded by the
// engine itself; this is only for what the browser kept. tests/test_selfcheck_standard.py
// holds the two to the same result.
export function upgrade(data) {
  if (!data || data.schema_version !== 1 || !Array.isArray(data.schemes) || !data.schemes.length) return data;
  const { schemes, ...rest } = data;
  return { ...rest, schema_version: 2, standard: schemes[0], compare: schemes.slice(1).filter((s) => s !== schemes[0]) };
}

function summary(id, data) {
  const branch = (data.branch && data.branch.name) || "未命名支部";
  const period = data.period ? `${data.period.start} 至 ${data.period.end}` : "";
  return { id, title: branch, period, updated: new Date().toISOString() };
}

// Returns null when saved, or a Chinese message when the browser refused. `text` is the
// data already serialised (the page serialises once per change); the index is rewritten
// only when `listed` is false (a new record, or its name or period changed).
export function save(id, data, text = JSON.stringify(data), listed = false) {
  try {
    set(record(id), `{"id":${JSON.stringify(id)},"data":${text}}`);
    if (!listed) {
      const index = list().filter((e) => e.id !== id);
      index.unshift(summary(id, data));
      set(INDEX, JSON.stringify(index));
      set(CURRENT, id);
    }
    return null;
  } catch (err) {
    return `浏览器拒绝保存（${err && err.name === "QuotaExceededError" ? "存储空间已满" : "存储不可用"}）：请导出自查文件留存`;
  }
}

export function discard(id) {
  remove(record(id));
  set(INDEX, JSON.stringify(list().filter((e) => e.id !== id)));
  if (get(CURRENT) === id) remove(CURRENT);
}

export function current() {
  return get(CURRENT);
}

export function newId() {
  return `sc${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
