"""Browser mode end to end: `carsplus serve` as a subprocess on the test database, driven by headless Chromium
(Debian's /usr/bin/chromium through Playwright). A counter agent signs on, types a short report, presses F1 and
answers the print questions; the report is then read from the database through the services. Every request the page
makes is recorded, and any that leaves loopback fails the test: browser mode must work with no internet."""

from __future__ import annotations

import http.server
import os
import re
import signal
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from carsplus_tui.services.reports import report_json
from tests.web.conftest import CATCH_SESSION, CHROMIUM, UNVERIFIED, Browser, is_loopback

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (.ci/run installs it)")


def test_a_report_typed_in_the_browser_is_saved_and_nothing_leaves_loopback(served, browser, sample_db) -> None:  # noqa: ANN001
    browser.page.goto(served.url)
    browser.wait_for("EMPLOYEE CODE")
    browser.page.evaluate("() => window.__carsplusSession.terminal.focus()")
    browser.type("DEMO")
    browser.type("demo")
    browser.wait_for("F1=SAVE F2=WORK F3=ERASE F4=DMS F6=SEARCH F8=NEXT PAGE F10=MAP N=NOTES")
    browser.type("A0001310")  # 1 RA#
    browser.wait_for("LAMPERT")
    browser.type("")  # 2 Non-Rev#
    browser.type("")  # 3 Unit # (001888 from the RA)
    browser.wait_for("3 Unit #           001888")
    for shown in ("4 Accident Details N", "5 Customer Present Y", "6 Renter Driving?  Y", "7 Driver Injured?  N",
                  "8 3rd Party Invld? N", "10 Damage Covered? N"):  # no third party: 9 is skipped
        browser.type(shown[-1])
        browser.wait_for(shown)
    browser.type("")  # 11 Nature of Breach
    browser.type("CN1234")  # 12 Renters Claim #
    browser.wait_for("12 Renters Claim # CN1234")
    browser.type("150.00")  # 13 Excess Charged (the RA's 1500.00 typed over)
    browser.wait_for("13 Excess Charged  150.00")
    browser.type("")  # 14 → ACCIDENT DESCRIPTION
    browser.wait_for("ACCIDENT DESCRIPTION")
    browser.type("BACKED INTO A POST IN THE RETURN LANE")
    browser.type("")  # an empty line ends the window
    browser.wait_for("14 Accident Desc   BACKED INTO A POST")
    browser.type("D1")  # 15 Damage Code
    browser.wait_for("FRONT PASSENGER FENDER")
    browser.type("")  # its description
    browser.type("D")  # 16 Type
    browser.wait_for("DENT")
    browser.press("F1")
    screen = browser.wait_for(" SAVED")
    number = int(re.search(r"DAMAGE REPORT (\d+) SAVED", screen).group(1))
    for _ in range(8):  # the print questions ("...? (Y/N)"): not now
        if "? (Y/N)" not in browser.screen():
            break
        browser.type("N", enter=False)
        time.sleep(0.2)
    assert "? (Y/N)" not in browser.screen()
    assert browser.page.evaluate("""() => document.fonts.check('16px "Roboto Mono"')""")

    report = report_json(sample_db, number)
    assert (report["ra_number"], report["unit_number"], report["renters_claim_number"]) == (
        "A0001310", "001888", "CN1234")
    assert report["excess_charged"] == "150.00"
    assert report["accident_description"][0] == "BACKED INTO A POST IN THE RETURN LANE"
    assert report["damage_lines"] == [{"code": "D1", "description": "FRONT PASSENGER FENDER", "type": "D"}]
    assert report["last_modified_by"] == "DEMO"

    # Offline: every request stayed on this machine, and the page used the font files the package ships.
    assert browser.requests, "the page made no request at all"
    assert [url for url in browser.requests if not is_loopback(url)] == []
    fonts = {url: status for url, status in browser.statuses.items() if url.endswith(".ttf")}
    assert fonts == {f"{served.url}static/fonts/RobotoMono-VariableFont_wght.ttf": 200}
    assert any(url.startswith(f"ws://127.0.0.1:{urlsplit(served.url).port}/ws") for url in browser.requests)


def test_stopping_the_server_ends_the_open_sessions(served, browser) -> None:  # noqa: ANN001
    """IT stops `carsplus serve` (Ctrl+C, or SIGTERM from a service manager) while a tab is signed on: the server
    ends at once, its app sessions with it, and the tab says the session ended."""
    browser.page.goto(served.url)
    browser.wait_for("EMPLOYEE CODE")
    served.process.send_signal(signal.SIGTERM)  # the server only, not its process group
    assert served.process.wait(timeout=45) == 0, served.output()  # at once; 45 s only for a loaded CI machine
    browser.page.wait_for_selector("body.-closed .closed-dialog", timeout=5000)
    assert "SESSION ENDED" in browser.page.inner_text("body")
    with pytest.raises(ProcessLookupError):  # no app session left running behind it
        os.killpg(served.process.pid, 0)


# ----------------------------------------------------------------------------------------------------------------
# The page itself (no browser): every address it names is on the server that sent it.
# ----------------------------------------------------------------------------------------------------------------


class _Addresses(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]

    def handle_data(self, data: str) -> None:
        self.urls += re.findall(r"url\(\s*[\"']?([^\"')]+)", data)  # CSS url(...) in <style>


def addresses(html: str) -> list[str]:
    parser = _Addresses()
    parser.feed(html)
    return parser.urls


def test_textual_serves_own_page_would_fetch_a_font_from_another_host() -> None:
    """Why the page is ours: textual-serve's template asks Google for the font (and this check sees it)."""
    import textual_serve

    original = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text()
    assert "https://fonts.googleapis.com/css?family=Roboto%20Mono" in [u for u in addresses(original)
                                                                       if not is_loopback(u)]


def test_the_served_page_names_only_its_own_server_and_shipped_files(served) -> None:  # noqa: ANN001
    with urllib.request.urlopen(served.url, timeout=5) as response:
        html = response.read().decode()
    urls = [urljoin(served.url, url) for url in addresses(html)]  # as the browser resolves them
    assert [url for url in urls if not is_loopback(url)] == []
    files = [url for url in urls if url.startswith(served.url + "static/")]
    assert {urlsplit(url).path.rsplit(".", 1)[-1] for url in files} == {"css", "js", "ttf"}
    for url in files:
        with urllib.request.urlopen(url, timeout=5) as response:  # each file is in the package and served
            assert response.status == 200 and response.read(), url


# ----------------------------------------------------------------------------------------------------------------
# Security (issue 18): same-origin sessions only, a cap on sessions, frame protection, TLS.
# ----------------------------------------------------------------------------------------------------------------


@contextmanager
def another_site(html: str) -> Iterator[str]:
    """A page of another origin (another port on loopback, so the offline rule still holds), as a web site the
    agent has open in the same browser would be."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return None  # quiet

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_of_another_origin_cannot_open_a_session(served, browser) -> None:  # noqa: ANN001
    port = urlsplit(served.url).port
    script = f"""<script>
      const ws = new WebSocket("ws://127.0.0.1:{port}/ws?width=80&height=24");
      ws.onopen = () => {{ window.__result = "open"; }};
      ws.onclose = (event) => {{ window.__result = window.__result || "closed " + event.code; }};
    </script>"""
    with another_site(script) as evil:
        browser.page.goto(evil)
        browser.page.wait_for_function("() => window.__result !== undefined", timeout=15000)
        assert browser.page.evaluate("() => window.__result").startswith("closed"), served.output()
    deadline = time.monotonic() + 10
    while "refused a session from origin" not in served.output() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert f"refused a session from origin 'http://127.0.0.1:{urlsplit(evil).port}'" in served.output()
    # The app's own page, in the same browser, still gets its session.
    browser.page.goto(served.url)
    browser.wait_for("EMPLOYEE CODE")


@pytest.mark.parametrize("served", [("--max-sessions", "2")], indirect=True)
def test_a_tab_past_max_sessions_gets_the_full_page(served, browser) -> None:  # noqa: ANN001
    tabs = [browser]
    for _ in range(2):
        page = browser.page.context.new_page()
        page.add_init_script(CATCH_SESSION)
        tabs.append(Browser(page))
    for tab in tabs[:2]:
        tab.page.goto(served.url)
        tab.wait_for("EMPLOYEE CODE")
    response = tabs[2].page.goto(served.url)
    assert response.status == 503
    assert tabs[2].page.inner_text("#full") == "ALL 2 SESSIONS ARE IN USE"
    # One tab closed: its session ends, and the next tab gets one.
    tabs[0].page.close()
    deadline = time.monotonic() + 30
    while tabs[2].page.goto(served.url).status == 503:
        assert time.monotonic() < deadline, "the closed tab's session was never given back"
        time.sleep(0.5)
    tabs[2].wait_for("EMPLOYEE CODE")



def test_every_answer_forbids_framing(served) -> None:  # noqa: ANN001
    for path in ("", "static/css/xterm.css"):
        with urllib.request.urlopen(served.url + path, timeout=5) as response:
            assert response.headers["X-Frame-Options"] == "DENY"
            assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"


@pytest.mark.parametrize("served", [("--tls",)], indirect=True)
def test_tls_with_certfile_and_keyfile(served, browser) -> None:  # noqa: ANN001
    assert served.url.startswith("https://")
    with urllib.request.urlopen(served.url, timeout=5, context=UNVERIFIED) as response:
        assert response.status == 200 and response.headers["X-Frame-Options"] == "DENY"
    browser.page.goto(served.url)
    browser.wait_for("EMPLOYEE CODE")  # the session's WebSocket is wss:// beside the https page
    assert any(url.startswith(f"wss://127.0.0.1:{urlsplit(served.url).port}/ws") for url in browser.requests)
