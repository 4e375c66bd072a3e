"""Browser mode (`carsplus serve`): the same terminal app, served to web browsers through textual-serve.

Each browser tab that opens the page gets a session of its own: textual-serve starts `carsplus` as a subprocess
(with this process's environment, so the same CARSPLUS_* settings: database, data folder, printer, DMS) and relays
its screen and keys over a WebSocket. The page is ours (`web/templates/app_index.html`) and every file it loads is
shipped in the package (`web/static/`), so nothing is fetched from any other host: it works with no internet.
"""

from __future__ import annotations

import asyncio
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

WEB_DIR = Path(__file__).parent / "web"
TITLE = "CARS+ DAMAGE REPORT ENTRY"


def app_command() -> str:
    """The shell command that starts one session: this very Python running `carsplus` (not whatever is on PATH)."""
    return shlex.join([sys.executable, "-m", "carsplus_tui"])


class CarsplusServer(Server):
    """textual-serve's server with our page and static files."""

    def __init__(self, *, host: str, port: int) -> None:
        super().__init__(app_command(), host=host, port=port, title=TITLE,
                         statics_path=WEB_DIR / "static", templates_path=WEB_DIR / "templates")
        self._sessions: set[asyncio.Task[Any]] = set()
        if ":" in host:  # an IPv6 address is bracketed in a URL
            self.public_url = f"http://[{host}]:{port}"

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
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

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
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
        for task in list(self._sessions):
            task.cancel()
        await asyncio.gather(*self._sessions, return_exceptions=True)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: textual-serve prints its banner here, before the port is bound (see `serve`)."""

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve`, but saying "serving" only once the port is bound (a port in use ends with
        aiohttp's one-line reason, never after a claim that it is serving)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=lambda _message: self.console.print(
                        f"carsplus: serving {TITLE} on {self.public_url} (Ctrl+C to stop)", highlight=False,
                        soft_wrap=True))


def serve(*, host: str, port: int) -> None:
    """Make the database ready, then serve until Ctrl+C (or SIGTERM)."""
    from carsplus_tui.services.setup import open_database, prepare_for_app
    from carsplus_tui.settings import get_settings

    # Done once here, not by each session: the first run's migration and sample data are not raced by two tabs, and
    # a shared server at the wrong schema stops `carsplus serve` with its reason instead of every sign-on.
    settings = get_settings()
    database = open_database(settings)
    try:
        prepare_for_app(database, settings)
    finally:
        database.dispose()
    CarsplusServer(host=host, port=port).serve()
