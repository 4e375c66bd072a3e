"""What the browser-mode tests share: `carsplus serve` running as a subprocess on the test database."""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


UNVERIFIED = ssl._create_unverified_context()  # the tests' own self-signed certificate


@pytest.fixture
def served(sample_db, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Served]:  # noqa: ANN001
    """`carsplus serve` on a free loopback port, on the test database, with a data folder of its own (and the
    options a test gives with `indirect` parametrisation). Killed with every session it started (its own process
    group), whatever the test's outcome. `@pytest.mark.serve_env(CARSPLUS_X="...")` adds settings ("{tmp_path}" in a
    value: the test's folder)."""
    extra = [str(a) for a in getattr(request, "param", ())]
    if "--tls" in extra:  # a self-signed certificate of its own
        cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True,
                       timeout=60)
        extra[extra.index("--tls"):extra.index("--tls") + 1] = ["--certfile", str(cert), "--keyfile", str(key)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARSPLUS_")}
    env |= {"CARSPLUS_DATABASE_URL": sample_db.engine.url.render_as_string(hide_password=False),
            "CARSPLUS_DATA_DIR": str(tmp_path / "data")}
    for marker in request.node.iter_markers("serve_env"):
        env |= {name: value.format(tmp_path=tmp_path) for name, value in marker.kwargs.items()}
    sample_db.dispose()  # the served app is the one writing; the test reads afterwards through a fresh pool
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([BIN / "carsplus", "serve", "--host", "127.0.0.1", "--port", str(port), *extra],
                                   env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    scheme = "https" if "--certfile" in extra else "http"
    served = Served(f"{scheme}://127.0.0.1:{port}/", process, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"carsplus serve ended with {process.returncode}:\n{served.output()}")
            with suppress(OSError):  # not listening yet
                with urllib.request.urlopen(served.url, timeout=2, context=UNVERIFIED) as response:
                    if response.status == 200:
                        break
            if time.monotonic() > deadline:
                pytest.fail(f"carsplus serve did not answer on {served.url}:\n{served.output()}")
            time.sleep(0.1)
        yield served
    finally:
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue


# ----------------------------------------------------------------------------------------------------------------
# A Chromium tab on the served page (tests/web/test_browser.py, test_browser_journeys.py).
# ----------------------------------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")

# textual.js keeps its terminal in a closure; this init script catches the session object when textual.js gives it
# its fit add-on (the first property set on it after `terminal`), so the test can read xterm's screen buffer: the
# characters the user sees, whichever renderer (WebGL, canvas) draws them.
CATCH_SESSION = """
Object.defineProperty(Object.prototype, "fitAddon", {
  configurable: true,
  set(value) {
    window.__carsplusSession = this;
    Object.defineProperty(this, "fitAddon", {value, writable: true, configurable: true, enumerable: true});
  },
});
"""
READ_SCREEN = """() => {
  const session = window.__carsplusSession;
  if (!session || !session.terminal) return "";
  const terminal = session.terminal, buffer = terminal.buffer.active, lines = [];
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
}"""


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True  # made inside the page, not fetched from anywhere
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Browser:
    """One Chromium tab on the served page, with every request it made."""

    page: object
    requests: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    def screen(self) -> str:
        return self.page.evaluate(READ_SCREEN)

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        if not self.page.evaluate("() => Boolean(window.__carsplusSession)"):
            raise AssertionError(f"{text!r}: the terminal session was never caught (has textual.js changed?)")
        raise AssertionError(f"{text!r} never appeared; the browser shows:\n{self.screen()}")

    def type(self, text: str, *, enter: bool = True) -> None:
        if text:
            self.page.keyboard.type(text, delay=10)
        if enter:
            self.page.keyboard.press("Enter")
        time.sleep(0.2)  # as a person would: the next field takes the focus before the next key

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        time.sleep(0.2)


@pytest.fixture
def browser(served: Served) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            context = chromium.new_context(viewport={"width": 730, "height": 520},  # about 80 x 24 cells
                                           ignore_https_errors=True)  # the TLS test's self-signed certificate
            tab = Browser(context.new_page())

            def route(route) -> None:  # noqa: ANN001
                # Recorded by the "request" listener; anything off loopback is refused at once, so an offline
                # machine does not wait on DNS, and the test fails below.
                if is_loopback(route.request.url):
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", route)
            context.on("request", lambda request: tab.requests.append(request.url))
            context.on("response", lambda response: tab.statuses.__setitem__(response.url, response.status))
            tab.page.on("websocket", lambda websocket: tab.requests.append(websocket.url))
            tab.page.add_init_script(CATCH_SESSION)
            yield tab
        finally:
            chromium.close()
