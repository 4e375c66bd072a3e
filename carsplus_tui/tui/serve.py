"""Browser mode (`carsplus serve`): the same terminal app, served to web browsers through textual-serve.

Each browser tab that opens the page gets a session of its own: textual-serve starts `carsplus` as a subprocess
(with this process's environment, so the same CARSPLUS_* settings: database, data folder, printer, DMS) and relays
its screen and keys over a WebSocket. The page is ours (`web/templates/app_index.html`) and every file it loads is
shipped in the package (`web/static/`), so nothing is fetched from any other host: it works with no internet.

What protects it (README.md, "Security"): a WebSocket is accepted only from a page of this server's own origin (or
one named with `--allow-origin`), so another web site open in the same browser cannot start a session; at most
`--max-sessions` sessions run at once (each is a process), later tabs get a page saying so; every answer forbids
framing (X-Frame-Options, CSP frame-ancestors); `--certfile/--keyfile` serve over TLS; and it refuses to listen
beyond loopback while a sample employee still has its published sample password.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import shlex
import signal
import ssl
import sys
import threading
import time
import weakref
from contextlib import suppress
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from carsplus_tui.tui.internals import make_serve_app, track_app_processes

WEB_DIR = Path(__file__).parent / "web"
TITLE = "CARS+ DAMAGE REPORT ENTRY"
MAX_SESSIONS = 20
# Stopping the server asks each session's app to quit; one that has not ended after this long is killed (its draft is
# in the database), so IT's Ctrl+C or a service manager's SIGTERM always ends the server (`--stop-grace`).
SHUTDOWN_GRACE_S = 10.0
# What the server may take, past the grace time, to close the tabs' connections after their apps ended. Past it the
# server ends anyway (a watchdog thread, see `request_exit`): nothing that hangs in aiohttp or textual-serve while
# stopping can keep the process alive.
SHUTDOWN_CLOSE_S = 10.0
APP_PROCESSES: weakref.WeakSet[Any] = weakref.WeakSet()
# Sent with every answer: no other site may show these pages in a frame (clickjacking).
PROTECTION_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ServeRefusedError(ValueError):
    """`carsplus serve` will not start as asked: the message says why and what to do."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normal_origin(origin: str) -> str:
    """`HTTPS://Portal.Example:443/` -> `https://portal.example` (the form a browser sends in `Origin`)."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ServeRefusedError(f"--allow-origin {origin!r}: give it as scheme://host[:port], e.g. https://portal.example")
    default = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}{port}"


def app_command() -> str:
    """The shell command that starts one session: this very Python running `carsplus` (not whatever is on PATH).

    `exec`: textual-serve starts the command through `/bin/sh -c`, and dash forks for it rather than replacing itself,
    so the process textual-serve holds (and a stop kills) would be the shell, while the app went on holding the
    session's pipe open, and the server waited for that pipe for ever."""
    return "exec " + shlex.join([sys.executable, "-m", "carsplus_tui"])


class CarsplusServer(Server):
    """textual-serve's server with our page and static files, same-origin sessions, a session cap, frame
    protection and optional TLS."""

    def __init__(self, *, host: str, port: int, max_sessions: int = MAX_SESSIONS,
                 allowed_origins: Iterable[str] = (), ssl_context: ssl.SSLContext | None = None,
                 stop_grace: float = SHUTDOWN_GRACE_S) -> None:
        super().__init__(app_command(), host=host, port=port, title=TITLE,
                         statics_path=WEB_DIR / "static", templates_path=WEB_DIR / "templates")
        self._sessions: set[asyncio.Task[Any]] = set()
        self.max_sessions = max_sessions
        self.stop_grace = stop_grace
        self._stopping = False
        self.allowed_origins = frozenset(normal_origin(o) for o in allowed_origins)
        self.ssl_context = ssl_context
        scheme = "https" if ssl_context is not None else "http"
        shown_host = f"[{host}]" if ":" in host else host  # an IPv6 address is bracketed in a URL
        self.public_url = f"{scheme}://{shown_host}:{port}"

    def full(self) -> bool:
        return len(self._sessions) >= self.max_sessions

    def origin_allowed(self, request: web.Request) -> bool:
        """A browser names the page that opens a WebSocket in `Origin`: only this server's own pages (whatever
        address or TLS proxy they came through: the Host the browser asked for) and the `--allow-origin` ones."""
        origin = request.headers.get("Origin")
        if not origin:
            return False
        try:
            normal = normal_origin(origin)
        except ServeRefusedError:
            return False
        return normal in self.allowed_origins or urlsplit(normal).netloc == (request.host or "").lower().removesuffix(
            ":443" if normal.startswith("https:") else ":80")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.on_response_prepare.append(self._protect)
        return app

    @staticmethod
    async def _protect(_request: web.Request, response: web.StreamResponse) -> None:
        for name, value in PROTECTION_HEADERS.items():
            response.headers.setdefault(name, value)

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        if self.full():
            response = aiohttp_jinja2.render_template(
                "full.html", request, {"application": {"name": self.title}, "max_sessions": self.max_sessions},
                status=503)
            response.headers["Cache-Control"] = "no-store"
            response.headers["Retry-After"] = "60"
            return response
        # textual-serve writes `http://<--host>:<--port>` into the page, which a browser cannot reach with
        # `--host 0.0.0.0`, nor through a TLS proxy. Our page names only addresses relative to itself (`static/…`,
        # and the WebSocket `ws` worked out from the page's own address), so it works however it was reached.
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:  # type: ignore[override]
        if not self.origin_allowed(request):
            # Cross-site WebSocket hijacking: a page of another site would sign on in the user's browser.
            self.console.print(f"carsplus: refused a session from origin {request.headers.get('Origin', '(none)')!r} "
                               "(--allow-origin to accept it)", highlight=False, markup=False)
            raise web.HTTPForbidden(text="sessions are accepted only from this server's own page")
        if self.full():
            raise web.HTTPServiceUnavailable(text=f"all {self.max_sessions} sessions are in use",
                                             headers={"Retry-After": "60"})
        # One browser tab's session; kept so that stopping the server can end it (see on_shutdown).
        task = asyncio.current_task()
        assert task is not None
        self._sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        # Ctrl+C with tabs open: aiohttp would wait up to a minute for their WebSockets. Cancelling a session makes
        # textual-serve tell its app to quit and wait for it, then close the tab's WebSocket ("SESSION ENDED").
        sessions = list(self._sessions)
        for task in sessions:
            task.cancel()
        if not sessions:
            return
        _, pending = await asyncio.wait(sessions, timeout=self.stop_grace)
        if pending:
            kill_app_processes()
            # Their apps are gone, so textual-serve's sessions end; bounded all the same (the watchdog is the last word).
            await asyncio.wait(pending, timeout=SHUTDOWN_CLOSE_S)

    def request_exit(self) -> None:
        """Ctrl+C or SIGTERM: stop serving (aiohttp's GracefulExit, then `on_shutdown`), with a watchdog that ends the
        process should stopping hang anyway. A second Ctrl+C ends it at once."""
        if self._stopping:
            stop_now("stopped at once (second Ctrl+C)")
        self._stopping = True
        threading.Thread(target=self._watchdog, name="carsplus-stop-watchdog", daemon=True).start()
        super().request_exit()

    def _watchdog(self) -> None:
        time.sleep(self.stop_grace + SHUTDOWN_CLOSE_S)
        stop_now(f"the sessions did not end within {self.stop_grace + SHUTDOWN_CLOSE_S:g} s of the stop; "
                 "ended them")

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: textual-serve prints its banner here, before the port is bound (see `serve`)."""

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve`, but saying "serving" only once the port is bound (a port in use ends with
        aiohttp's one-line reason, never after a claim that it is serving)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        track_app_processes(APP_PROCESSES)
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(make_serve_app(self), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    ssl_context=self.ssl_context, shutdown_timeout=SHUTDOWN_CLOSE_S,
                    print=lambda _message: self.console.print(
                        f"carsplus: serving {TITLE} on {self.public_url} (Ctrl+C to stop)", highlight=False,
                        soft_wrap=True))
        # The sessions are ended (on_shutdown) and the loop is closed. Python's own exit would now wait for every
        # non-daemon thread, and a helper thread left waiting on an app session's pipe kept `carsplus serve` alive
        # after SIGTERM (seen in the suite, 1 run in ~3): end the process here, its logs flushed first.
        end_process()


KILLED_GONE_S = 5.0  # how long a stop waits for the apps it killed to be gone (a loaded machine takes a moment)


def kill_app_processes() -> None:
    """SIGKILL every session's app still running (each is the server's own child: see `app_command`), and wait
    (a few seconds at most) until they are gone: once `carsplus serve` has ended, none of its sessions runs on."""
    killed = []
    for process in list(APP_PROCESSES):
        if process.returncode is None:
            with suppress(ProcessLookupError):
                process.kill()
                killed.append(process.pid)
    deadline = time.monotonic() + KILLED_GONE_S
    while killed and time.monotonic() < deadline:
        killed = [pid for pid in killed if running(pid)]
        if killed:
            time.sleep(0.01)


def running(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie, dead but not yet reaped, does not): Linux's /proc; where there is
    none, the process is taken as gone."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def end_process() -> None:
    """Logs flushed, then out at once: no waiting on threads a session left behind."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def stop_now(why: str) -> None:
    """End `carsplus serve` from any thread, its sessions' apps killed first (their drafts are in the database)."""
    kill_app_processes()
    print(f"carsplus: {why}", file=sys.stderr, flush=True)
    end_process()


def tls_context(certfile: Path | None, keyfile: Path | None) -> ssl.SSLContext | None:
    if certfile is None and keyfile is None:
        return None
    if certfile is None:
        raise ServeRefusedError("--keyfile needs --certfile")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(str(certfile), str(keyfile) if keyfile else None)
    except (OSError, ssl.SSLError) as exc:
        raise ServeRefusedError(f"TLS certificate {certfile}: {getattr(exc, 'strerror', None) or exc}") from None
    return context


def serve(*, host: str, port: int, max_sessions: int = MAX_SESSIONS, allowed_origins: Iterable[str] = (),
          certfile: Path | None = None, keyfile: Path | None = None, stop_grace: float = SHUTDOWN_GRACE_S) -> None:
    """Make the database ready, then serve until Ctrl+C (or SIGTERM)."""
    from carsplus_tui.services.sample import sample_passwords_in_use
    from carsplus_tui.services.setup import open_database, prepare_for_app
    from carsplus_tui.settings import get_settings

    context = tls_context(certfile, keyfile)
    server = CarsplusServer(host=host, port=port, max_sessions=max_sessions, allowed_origins=allowed_origins,
                            ssl_context=context, stop_grace=stop_grace)
    # Done once here, not by each session: the first run's migration and sample data are not raced by two tabs, and
    # a shared server at the wrong schema stops `carsplus serve` with its reason instead of every sign-on.
    settings = get_settings()
    database = open_database(settings)
    try:
        prepare_for_app(database, settings)
        sample = [] if is_loopback(host) else sample_passwords_in_use(database)
    finally:
        database.dispose()
    if sample:
        raise ServeRefusedError(
            f"not serving on {host}: {', '.join(sample)} still sign on with the sample password anyone can read in "
            f"sample_data/README.md; give each a new one with `carsplus user passwd {sample[0]}` (and so on), "
            "or serve on 127.0.0.1")
    if not is_loopback(host) and context is None:
        print(f"carsplus: warning: serving on {host} without TLS - passwords cross the network readable; give "
              "--certfile/--keyfile or put a TLS proxy in front", file=sys.stderr)
    server.serve()
