"""The manual's whole page-1 example typed in a browser tab (issue 17): in bursts (each run of fields in one message
from the tab, as xterm.js sends fast typing or a slow link delivers it), as one bracketed paste per pop-up, and with
one wrong answer per field (each refused, the keys sent behind it dropped) before the right one, on
`carsplus serve` driven by headless Chromium. The report saved holds exactly the manual's values, as in a terminal
(tests/e2e/test_manual_journeys.py, whose journey and values this reuses)."""

from __future__ import annotations

import pytest

from carsplus_tui.services.reports import report_json
from tests.e2e.terminal import PAGE1_LEGEND, UserView
from tests.e2e.test_manual_journeys import MANUAL, as_manual, journey
from tests.web.conftest import CHROMIUM, Browser, Served

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (.ci/run installs it)")]

# The cells of the field with the cursor, as screens.tcss draws them in the browser's true colour: the field
# (#0b3d0b), the selection that overtyping starts with (#1f7a1f) and the cursor cell (#33ff33). For each screen line
# that has one, the text left of it.
FOCUS = """() => {
  const terminal = window.__carsplusSession.terminal, buffer = terminal.buffer.active, found = [];
  const marks = new Set([0x0b3d0b, 0x1f7a1f, 0x33ff33]);
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    if (!line) continue;
    for (let x = 0; x < terminal.cols; x++) {
      const cell = line.getCell(x);
      if (cell && cell.isBgRGB() && marks.has(cell.getBgColor())) {
        found.push(line.translateToString(true, 0, x).trimEnd());
        break;
      }
    }
  }
  return found;
}"""
KEYS = {"BSpace": "Backspace"}  # tmux's key names the journey uses, in Playwright's


class Tab(UserView):
    """A browser tab as the journey's terminal: keys through the page, bursts and pastes through xterm.js."""

    def __init__(self, browser: Browser) -> None:
        self.page = browser.page
        self.browser = browser

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(KEYS.get(key, key))

    def type(self, text: str, *, enter: bool = True) -> None:
        self.burst(text) if enter else self.page.evaluate("(d) => window.__carsplusSession.terminal.input(d)", text)

    def burst(self, *texts: str) -> None:
        """Each text plus RET, in one message from the tab (xterm.js's `input`, as typing reaches it)."""
        self.page.evaluate("(d) => window.__carsplusSession.terminal.input(d)", "".join(f"{t}\r" for t in texts))

    def paste(self, text: str) -> None:
        """One paste (xterm.js's `paste`: bracketed, as the app asks for)."""
        self.page.evaluate("(d) => window.__carsplusSession.terminal.paste(d)", text)

    def screen(self) -> str:
        return self.browser.screen()

    def focus(self) -> list[str]:
        found: list[str] = self.page.evaluate(FOCUS)
        return found


def test_the_manuals_page_1_in_bursts_in_pastes_and_with_a_wrong_answer_per_field_in_a_browser(served: Served, browser: Browser,
                                                                 sample_db) -> None:  # noqa: ANN001
    browser.page.goto(served.url)
    browser.wait_for("EMPLOYEE CODE")
    browser.page.evaluate("() => window.__carsplusSession.terminal.focus()")
    tab = Tab(browser)
    tab.burst("DEMO", "demo")
    tab.wait_for(PAGE1_LEGEND)
    for number, way in enumerate(("burst", "paste", "wrong first")):
        report = journey(tab, way, first=number == 0)
        assert as_manual(report_json(sample_db, report)) == MANUAL, way
        tab.keys("F3")  # the saved report off the screen: the next one starts empty
        tab.wait_for("SCREEN ERASED")
