"""What the benchmarks and tests share: static servers on 127.0.0.1 (http.server, nginx) and Chromium's flags."""

from __future__ import annotations

import functools
import http.server
import multiprocessing
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

# As root Chromium needs --no-sandbox; the rest stop it calling home on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium() -> str | None:
    """Debian's Chromium when installed, else None (Playwright's own browser)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """`python -m http.server`'s handler without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve `folder` on a free loopback port for the duration of the block."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _serve_forever(folder: str, handler: type[QuietHandler], port: Any) -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=folder))
    port.send(httpd.server_address[1])
    httpd.serve_forever()


@contextmanager
def serve_in_process(folder: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """`serve`, from a process of its own: for timings, where a server sharing the interpreter
    lock with the Playwright client in this process would be slowed by it, and it by the server."""
    ours, theirs = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_serve_forever, args=(str(folder), handler, theirs), daemon=True
    )
    process.start()
    try:
        yield f"http://127.0.0.1:{ours.recv()}"
    finally:
        process.terminate()
        process.join()


# --- nginx -------------------------------------------------------------------------------
# The server block the 部署指南 publishes (site/deploy/nginx.conf, CSP filled in by
# hooks/csp.py), run by Debian's nginx exactly as written except for the lines below.
PUBLISHED_LISTEN = "listen 80;"
PUBLISHED_ROOT = "root /var/www/zhibu;"
# The guide's optional line, switched on when Debian's brotli_static module is installed.
PUBLISHED_BROTLI = "    # brotli_static on;\n"
BROTLI_MODULE = "ngx_http_brotli_static_module.so"  # libnginx-mod-http-brotli-static
NGINX_MAIN = """# Written by tests/support/servers.py: everything inside {work}, nothing from /etc/nginx but mime.types.
{load_modules}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    access_log {work}/access.log;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/site.conf;
}}
"""


class Served(NamedTuple):
    """A web server the tests started: its address, and its folder."""

    url: str
    work: Path  # its configuration, pid file and logs (access.log: one line per request)


def nginx_binary() -> str | None:
    """Debian's nginx (`ensure_web_servers` in scripts/_common.sh installs it), or None."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


def _build_option(binary: str, name: str) -> str | None:
    info = subprocess.run([binary, "-V"], capture_output=True, text=True, check=True).stderr
    match = re.search(rf"--{name}=(\S+)", info)
    return match.group(1) if match else None


def _mime_types(binary: str) -> str:
    conf = _build_option(binary, "conf-path")
    path = Path(conf).parent / "mime.types" if conf else Path("/etc/nginx/mime.types")
    if not path.is_file():
        raise RuntimeError(f"nginx 的 mime.types 不存在：{path}")
    return str(path)


def nginx_brotli_module() -> Path | None:
    """Debian's brotli_static module for nginx (`ensure_web_servers` installs it), or None."""
    binary = nginx_binary()
    if binary is None:
        return None
    path = Path(_build_option(binary, "modules-path") or "/usr/lib/nginx/modules") / BROTLI_MODULE
    return path if path.is_file() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def site_conf(published: str, site: Path, port: int) -> str:
    """The published server block with only its address and folder changed."""
    for line in (PUBLISHED_LISTEN, PUBLISHED_ROOT):
        if published.count(line) != 1:
            raise RuntimeError(f"发布的 nginx 配置中应恰好有一行 `{line.strip()}`")
    return published.replace(PUBLISHED_LISTEN, f"listen 127.0.0.1:{port};").replace(
        PUBLISHED_ROOT, f'root "{site.resolve()}";'
    )


def _readable_by_others(folder: Path) -> bool:
    folder = folder.resolve()
    return all(p.stat().st_mode & stat.S_IXOTH for p in (folder, *folder.parents))


@contextmanager
def nginx(site: Path, edit: Callable[[str], str] = lambda conf: conf, brotli: bool = True) -> Iterator[Served]:
    """Serve `site` with nginx and the site's own deploy/nginx.conf on a free loopback port.

    `edit` changes the server block first (the tests break it on purpose). With `brotli` and
    Debian's brotli_static module installed, the module is loaded and the guide's optional
    `brotli_static on;` line switched on, as the guide tells an administrator to. As root, nginx runs
    as `nobody` (it never needs privileges here: a high port, files in its own temporary folder).
    """
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("未安装 nginx（Debian: apt-get install nginx；./scripts/test 会自动安装）")
    published = (site / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    port = free_port()
    conf = site_conf(published, site, port)
    module = nginx_brotli_module() if brotli else None
    if module:
        if conf.count(PUBLISHED_BROTLI) != 1:
            raise RuntimeError(f"发布的 nginx 配置中应恰好有一行 `{PUBLISHED_BROTLI.strip()}`")
        conf = conf.replace(PUBLISHED_BROTLI, PUBLISHED_BROTLI.replace("# ", "", 1))
    with tempfile.TemporaryDirectory(prefix="zhibu-nginx-") as tmp:
        work = Path(tmp)
        (work / "site.conf").write_text(edit(conf), encoding="utf-8")
        main = NGINX_MAIN.format(
            work=work, mime_types=_mime_types(binary), load_modules=f"load_module {module};" if module else ""
        )
        (work / "nginx.conf").write_text(main, encoding="utf-8")
        user: dict[str, Any] = {}
        if os.geteuid() == 0:
            if not _readable_by_others(site):
                raise RuntimeError(f"nginx 以 nobody 运行，读不到 {site}（上级目录缺少其他用户的 x 权限）")
            nobody = pwd.getpwnam("nobody")
            os.chown(work, nobody.pw_uid, nobody.pw_gid)
            user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
        cmd = [binary, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **user)
        with _stopped(proc):  # SIGTERM: nginx's fast shutdown
            _wait_listening(proc, port, work, "nginx")
            yield Served(f"http://127.0.0.1:{port}", work)


# --- Apache ------------------------------------------------------------------------------
# Debian's apache2 with a minimal main configuration of its own, and inside the site's
# <Directory> exactly the published deploy/apache.conf (the 部署指南's Apache section).
APACHE_MAIN = """# Written by tests/support/servers.py: everything inside {work}; the site's settings come from site.conf.
ServerRoot "{work}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{work}/apache.pid"
ErrorLog "{work}/error.log"
LogLevel warn
DefaultRuntimeDir "{work}"
Mutex file:{work} default
{modules}
{user}
TypesConfig /etc/mime.types
DocumentRoot "{site}"
DirectoryIndex index.html
<Directory "{site}">
    Require all granted
    Include "{work}/site.conf"
</Directory>
"""
APACHE_MODULES = ("mpm_event", "authz_core", "mime", "headers", "filter", "deflate", "dir", "rewrite")


def apache_binary() -> str | None:
    """Debian's apache2 (`ensure_web_servers` in scripts/_common.sh installs it), or None."""
    found = shutil.which("apache2") or "/usr/sbin/apache2"
    return found if os.access(found, os.X_OK) else None


@contextmanager
def apache(site: Path) -> Iterator[Served]:
    """Serve `site` with Apache and the site's own deploy/apache.conf on a free loopback port."""
    binary = apache_binary()
    if binary is None:
        raise RuntimeError("未安装 Apache（Debian: apt-get install apache2；./scripts/test 会自动安装）")
    modules = "\n".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so" for m in APACHE_MODULES)
    with tempfile.TemporaryDirectory(prefix="zhibu-apache-") as tmp:
        work = Path(tmp)
        port = free_port()
        user = "User nobody\nGroup nogroup" if os.geteuid() == 0 else ""
        if os.geteuid() == 0 and not _readable_by_others(site):
            raise RuntimeError(f"Apache 以 nobody 运行，读不到 {site}（上级目录缺少其他用户的 x 权限）")
        (work / "site.conf").write_text((site / "deploy" / "apache.conf").read_text(encoding="utf-8"), encoding="utf-8")
        main = APACHE_MAIN.format(work=work, port=port, modules=modules, user=user, site=site.resolve())
        (work / "apache.conf").write_text(main, encoding="utf-8")
        proc = subprocess.Popen(
            [binary, "-f", str(work / "apache.conf"), "-DFOREGROUND"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        with _stopped(proc):
            _wait_listening(proc, port, work, "Apache")
            yield Served(f"http://127.0.0.1:{port}", work)


@contextmanager
def _stopped(proc: subprocess.Popen[bytes]) -> Iterator[None]:
    """Terminate the server when the block ends (kill it if it does not stop within 10 s)."""
    try:
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_listening(proc: subprocess.Popen[bytes], port: int, work: Path, name: str) -> None:
    deadline = time.monotonic() + 10
    while True:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
            raise RuntimeError(f"{name} 未能启动：{err}{log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} 10 秒内未开始监听") from None
            time.sleep(0.05)
