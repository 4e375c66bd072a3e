"""Memory of one terminal over a long soak, and of each browser session (issue 23: <= 80 MB, no growth over an hour).

Terminal (the default): the real app (CarsplusApp) headless through Textual's Pilot, 80x24, signed on as DEMO on a
copy of the sample data (or --database-url), doing what a counter agent does, over and over for --minutes: a new
report typed on page 1 (RA, the questions, Renter's Claim #, Excess, the Accident Description window, a damage line)
and erased with F3 (saved every cycle, the vehicle's UNREPAIRED DAMAGE list would grow with the run), a report
recalled with Renter's Claim # changed and F1 (print questions answered N), then F6 with a search by unit, by RA, by
status twice, a page down, Esc back. After each cycle a pause as long as the cycle took (at least --cycle-seconds),
so it never takes more than half of one core of a shared machine.
The process's resident set (RSS, /proc/self/statm) is sampled every --sample-seconds; at the end: the RSS at the
start (after the first cycle), at the end, the maximum, and the slope (least squares over the samples after
--warm-up-minutes) in MB per hour. The baseline in the same run: the RSS of the same process after `import` of the
app and Textual and before anything ran (the interpreter and the code), and the RSS once signed on.

With --objects, the live Python objects are counted by type after the second cycle and at the end (a full
collection each time), and the 20 types that grew most are printed: what grows, cheaply (tracemalloc slowed a
cycle 16-fold here).

Browser (--browser-sessions 1,3): `carsplus serve` on a copy of the sample data, N headless Chromium tabs
(/usr/bin/chromium, Playwright) opened on it one after the other, each signed on and searching with F6 (the first
also types and saves a report); then the RSS of each app process textual-serve spawned (one per browser session: the serve process's
children) and of the serve process itself.

    python benchmarks/memory.py --minutes 60 [--cycle-seconds 2] [--database-url URL] [--objects --cycles 10]
    python benchmarks/memory.py --browser-sessions 1,3
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from contextlib import suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PAGE = os.sysconf("SC_PAGE_SIZE")
TARGET_MB = 80.0
MB = 1024 * 1024


def rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / MB


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def slope_mb_per_hour(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) samples, in MB per hour."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_m = sum(m for _, m in samples) / n
    var = sum((t - mean_t) ** 2 for t, _ in samples)
    if not var:
        return 0.0
    return sum((t - mean_t) * (m - mean_m) for t, m in samples) / var * 3600


def sample_database(folder: Path) -> str:
    """A fresh copy of the sample data, made in another process (loading it leaves tens of MB in this one's heap)."""
    path = folder / "memory.db"
    subprocess.run([sys.executable, __file__, "--make-sample", str(path)], check=True)
    return f"sqlite:///{path}"


def make_sample(path: Path) -> None:
    from carsplus_tui.db import migrate
    from carsplus_tui.db.database import Database
    from carsplus_tui.services.sample import load_sample_data

    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db.engine)
    load_sample_data(db)
    db.dispose()


# --------------------------------------------------------------------------------------------------- the terminal

def live_objects() -> Counter[str]:
    """How many objects of each type the garbage collector tracks (after a full collection)."""
    gc.collect()
    return Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())


class Terminal:
    """The app under Pilot, with the waits a person does (for what the screen shows)."""

    def __init__(self, app, pilot) -> None:  # noqa: ANN001
        self.app = app
        self.pilot = pilot

    def text(self) -> str:
        return "\n".join("".join(s.text for s in strip) for strip in self.app.screen._compositor.render_strips())

    async def settle(self) -> None:
        from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

        for _ in range(3):
            try:
                await self.app.workers.wait_for_complete()
            except (WorkerFailed, WorkerCancelled):  # (the first-run notice is cancelled once signed on)
                while any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.app.workers):
                    await asyncio.sleep(0.01)
            await self.pilot.pause()

    async def keys(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def until(self, words: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{words!r} never appeared; the screen shows:\n{self.text()}")
            await self.pilot.pause(0.05)

    async def at(self, page, path: str, timeout: float = 30.0) -> None:  # noqa: ANN001
        """Wait for the cursor to be in the field `path` (a key typed before that would land in the field before)."""
        field = page.field(path)
        deadline = time.monotonic() + timeout
        while True:
            node = self.app.focused
            while node is not None and node is not field:
                node = node.parent
            if node is field:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the cursor never reached {path}; the screen shows:\n{self.text()}")
            await self.pilot.pause(0.02)

    async def back_to(self, page) -> None:  # noqa: ANN001
        """Answer what comes over the page after F1 (the RA charges window: Esc; the print questions: N)."""
        from carsplus_tui.tui.modals.prompt import YesNoPrompt

        for _ in range(20):
            if self.app.screen is page:
                return
            await self.keys("n" if isinstance(self.app.screen, YesNoPrompt) else "escape")
        raise RuntimeError(f"still not back on page 1:\n{self.text()}")


async def cycle(term: Terminal, page, n: int, edit: int) -> None:  # noqa: ANN001
    from carsplus_tui.tui.modals.prompt import YesNoPrompt

    # A new report, as the browser test types it.
    await term.at(page, "ra_number")
    await term.keys(*"A0001310", "enter")
    await term.until("LAMPERT")
    await term.at(page, "non_rev_number")
    await term.keys("enter")
    await term.at(page, "unit_number")
    await term.keys("enter")
    for path, answer in (("accident_details_flag", "N"), ("customer_present", "Y"), ("renter_driving", "Y"),
                         ("driver_injured", "N"), ("third_party_involved", "N"), ("damage_covered", "N"),
                         ("nature_of_breach", ""), ("renters_claim_number", f"CN{n:06d}"),
                         ("excess_charged", "150.00"), ("accident_desc", "")):
        await term.at(page, path)
        await term.keys(*answer, "enter")
    await term.until("ACCIDENT DESCRIPTION")  # 14 opens the window
    await term.keys(*"BACKED INTO A POST IN THE RETURN LANE", "enter")
    await term.keys("enter")
    await term.until("14 Accident Desc   BACKED INTO A POST")
    await term.at(page, "damage_lines.0.code")
    await term.keys(*"D1", "enter")
    await term.until("FRONT PASSENGER FENDER")
    await term.keys("enter")
    await term.at(page, "damage_lines.0.type")
    await term.keys("D", "enter")
    await term.until("DENT")
    # Typed, then erased (its draft discarded): a new report saved every cycle would grow the vehicle's
    # UNREPAIRED DAMAGE list that every new report on it shows, and the RSS with it. The saves are edits.
    await term.keys("f3")
    if isinstance(term.app.screen, YesNoPrompt):
        await term.keys("y")
    await term.back_to(page)
    await term.until("SCREEN ERASED")
    # Recall a report, change Renter's Claim #, F1.
    await term.keys("escape", *f"#{edit}", "enter")
    await term.until(f"Dmg Rpt {edit}")
    await term.keys("escape", *"12", "enter")
    await term.at(page, "renters_claim_number")
    await term.keys(*f"CE{n:06d}", "enter")
    await term.keys("f1")
    await term.until(" SAVED")
    await term.back_to(page)
    # F6: by unit, by RA, by status, a page down, Esc back to page 1.
    await term.keys("f6")
    await term.until("DAMAGE REPORT SEARCH")
    await term.keys("f1", *"001888", "enter")
    await term.keys("f3", *"A0001310", "enter")
    await term.keys("f6", "u", "enter")
    await term.keys("f6", "enter")
    await term.keys("pagedown")
    await term.keys("escape")
    if term.app.screen is not page:
        raise RuntimeError(f"Esc did not go back to page 1:\n{term.text()}")
    # F3 ERASE: a blank page for the next report.
    await term.keys("f3")
    if isinstance(term.app.screen, YesNoPrompt):
        await term.keys("y")
    await term.back_to(page)


async def soak(url: str, minutes: float, cycle_seconds: float, sample_seconds: float, warm_up: float,
               trace: bool, max_cycles: int | None) -> None:
    from sqlalchemy import text

    from carsplus_tui.db.database import Database
    from carsplus_tui.tui.app import CarsplusApp
    from carsplus_tui.tui.screens.page1 import DamageEntryScreen

    imported = rss_mb()
    db = Database(url)
    with db.engine.connect() as conn:  # a report to edit: on an RA, not closed
        edit = int(conn.execute(text(
            "SELECT min(report_number) FROM damage_reports WHERE ra_number IS NOT NULL AND report_status <> 'C'"
        )).scalar())
    app = CarsplusApp(db)
    samples: list[tuple[float, float, int]] = []
    first_snapshot = None
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            term = Terminal(app, pilot)
            await term.settle()
            await term.keys(*"DEMO", "enter", *"demo", "enter")
            await term.settle()
            page = app.screen
            if not isinstance(page, DamageEntryScreen):
                raise RuntimeError(f"not signed on:\n{term.text()}")
            signed_on = rss_mb()
            print(f"RSS after import {imported:.1f} MB, signed on {signed_on:.1f} MB; load {load_average()}",
                  flush=True)
            started = time.monotonic()
            cpu_start = time.process_time()
            next_sample = started
            cycles = 0
            while True:
                began = time.monotonic()
                await cycle(term, page, cycles, edit)
                cycles += 1
                now = time.monotonic()
                if cycles == 2 and trace:
                    first_snapshot = live_objects()
                if now >= next_sample or now - started >= minutes * 60 or cycles == max_cycles:
                    samples.append((now - started, rss_mb(), cycles))
                    print(f"{(now - started) / 60:6.1f} min  {cycles:5d} cycles  RSS {samples[-1][1]:6.1f} MB  "
                          f"CPU {time.process_time() - cpu_start:7.1f} s  load {os.getloadavg()[0]:.2f}", flush=True)
                    next_sample += sample_seconds
                if now - started >= minutes * 60 or cycles == max_cycles:
                    break
                # At most half of one core: as long a pause as the cycle took (the machine is shared).
                took = time.monotonic() - began
                await asyncio.sleep(max(cycle_seconds - took, took))
            if trace and first_snapshot is not None:
                grown = live_objects()
                grown.subtract(first_snapshot)
                print(f"\nlive objects that grew most since cycle 2, over {cycles - 2} cycles (gc.get_objects):")
                for name, count in grown.most_common(20):
                    print(f"  {count:+8d} {name}")
    finally:
        db.dispose()
    later = [(t, m) for t, m, _ in samples if t >= warm_up * 60] or [(t, m) for t, m, _ in samples]
    start_mb, end_mb = samples[0][1], samples[-1][1]
    print(f"\n{cycles} cycles in {samples[-1][0] / 60:.1f} min ({samples[-1][0] / cycles:.2f} s per cycle: two saves "
          f"and five searches each); load average now {load_average()}")
    print(f"RSS: after import {imported:.1f} MB (baseline), signed on {signed_on:.1f} MB, after the first cycle "
          f"{start_mb:.1f} MB, at the end {end_mb:.1f} MB, max {max(m for _, m, _ in samples):.1f} MB "
          f"(peak ever {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB)")
    print(f"slope after {warm_up:g} min: {slope_mb_per_hour(later):+.2f} MB per hour; end <= {TARGET_MB:.0f} MB: "
          + ("MET" if end_mb <= TARGET_MB else "NOT MET"))


# ---------------------------------------------------------------------------------------------------- the browser

def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    out = []
    for child in children(pid):
        out.append(child)
        out.extend(descendants(child))
    return out


def browser_sessions(url: str, counts: list[int], folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.web.test_browser import CATCH_SESSION, READ_SCREEN

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARSPLUS_")}
    env |= {"CARSPLUS_DATABASE_URL": url, "CARSPLUS_DATA_DIR": str(folder / "data")}
    log = (folder / "serve.log").open("wb")
    serve = subprocess.Popen([Path(sys.executable).parent / "carsplus", "serve", "--host", "127.0.0.1", "--port",
                              str(port)], env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)
    served = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            with suppress(OSError):
                with urllib.request.urlopen(served, timeout=2) as response:
                    if response.status == 200:
                        break
            if serve.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"carsplus serve did not start: {(folder / 'serve.log').read_text()}")
            time.sleep(0.2)
        print(f"carsplus serve alone: RSS {rss_mb(serve.pid):.1f} MB; load {load_average()}", flush=True)
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
            tabs = []
            try:
                for count in counts:
                    while len(tabs) < count:
                        page = chromium.new_context(viewport={"width": 730, "height": 520}).new_page()
                        page.add_init_script(CATCH_SESSION)
                        page.goto(served)
                        tabs.append(page)
                        browser_session(page, READ_SCREEN, len(tabs))
                    time.sleep(2)
                    apps = descendants(serve.pid)
                    sizes = sorted((rss_mb(pid) for pid in apps), reverse=True)
                    print(f"{count} browser session(s): app processes {len(sizes)}, RSS each "
                          + ", ".join(f"{s:.1f}" for s in sizes) + f" MB (max {max(sizes):.1f}, total "
                          f"{sum(sizes):.1f}); carsplus serve itself {rss_mb(serve.pid):.1f} MB; "
                          f"load {load_average()}", flush=True)
            finally:
                chromium.close()
    finally:
        with suppress(ProcessLookupError):
            os.killpg(serve.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            serve.wait(timeout=20)
        with suppress(ProcessLookupError):
            os.killpg(serve.pid, signal.SIGKILL)
        log.close()


def browser_session(page, read_screen: str, n: int) -> None:  # noqa: ANN001
    def wait_for(words: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while words not in page.evaluate(read_screen):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{words!r} never appeared; the browser shows:\n{page.evaluate(read_screen)}")
            time.sleep(0.1)

    def type_(text: str, enter: bool = True) -> None:
        if text:
            page.keyboard.type(text, delay=10)
        if enter:
            page.keyboard.press("Enter")
        time.sleep(0.2)

    wait_for("EMPLOYEE CODE")
    page.evaluate("() => window.__carsplusSession.terminal.focus()")
    type_("DEMO")
    type_("demo")
    wait_for("F6=SEARCH")
    if n == 1:  # a report typed and saved (a later one on the same RA meets its UNREPAIRED DAMAGE window)
        save_a_report(page, wait_for, type_, read_screen)
    page.keyboard.press("F6")
    wait_for("DAMAGE REPORT SEARCH")
    page.keyboard.press("F3")
    type_("A0001310")
    page.keyboard.press("Escape")
    time.sleep(0.5)


def save_a_report(page, wait_for, type_, read_screen: str) -> None:  # noqa: ANN001
    type_("A0001310")
    wait_for("LAMPERT")
    for value in ("", "", "N", "Y", "Y", "N", "N", "N", "", "CB000001", "150.00", ""):
        type_(value)
    wait_for("ACCIDENT DESCRIPTION")
    type_("BACKED INTO A POST")
    type_("")
    for value in ("D1", "", "D"):
        type_(value)
    page.keyboard.press("F1")
    wait_for(" SAVED")
    for _ in range(8):  # the RA charges window (Esc goes on) and the print questions (N)
        shown = page.evaluate(read_screen)
        if "? (Y/N)" in shown:
            type_("N", enter=False)
        elif "ESC TO GO ON" in shown:
            page.keyboard.press("Escape")
            time.sleep(0.3)
        else:
            break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--cycle-seconds", type=float, default=2.0, help="at least this long per cycle")
    parser.add_argument("--sample-seconds", type=float, default=60.0)
    parser.add_argument("--warm-up-minutes", type=float, default=5.0, help="left out of the slope")
    parser.add_argument("--database-url", help="default: a fresh copy of the sample data in a temporary folder")
    parser.add_argument("--cycles", type=int, help="stop after this many cycles (or --minutes, whichever comes first)")
    parser.add_argument("--objects", action="store_true", help="print the types of the Python objects that grew")
    parser.add_argument("--browser-sessions", metavar="N,M", help="measure browser sessions instead")
    parser.add_argument("--make-sample", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_sample:
        make_sample(args.make_sample)
        return
    folder = Path(tempfile.mkdtemp(prefix="carsplus-memory."))
    os.environ.setdefault("CARSPLUS_LOG_DIR", str(folder / "log"))
    os.environ.setdefault("CARSPLUS_DATA_DIR", str(folder / "data"))
    try:
        url = args.database_url or sample_database(folder)
        print(f"{url.split('@')[-1]}; {os.cpu_count()} CPUs; load average {load_average()}", flush=True)
        if args.browser_sessions:
            browser_sessions(url, [int(n) for n in args.browser_sessions.split(",")], folder)
        else:
            asyncio.run(soak(url, args.minutes, args.cycle_seconds, args.sample_seconds, args.warm_up_minutes,
                             args.objects, args.cycles))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
