"""The F6 DAMAGE REPORT SEARCH screen driven with real keys at 80×24, on the sample data."""

from __future__ import annotations

import threading
from datetime import date
from collections.abc import Iterator
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from carsplus_tui.db.database import Database
from carsplus_tui.resources import resource_path
from carsplus_tui.services.search import SearchMode, SearchPage, SearchRequest, search_reports
from carsplus_tui.tui.screens import search as search_screen
from carsplus_tui.tui.screens.search import DamageReportSearchScreen
from tests.search.sql_log import recording

SIZE = (80, 24)


class SearchApp(App[None]):
    """The smallest app that pushes the F6 screen the way page 1 does, and keeps what it dismissed with."""

    CSS_PATH = str(resource_path("screens.tcss"))

    def __init__(self, db: Database, **screen_args: Any) -> None:  # noqa: ANN401
        super().__init__()
        self.db = db
        self.screen_args = screen_args
        self.chosen: list[int | None] = []
        self.pages: list[SearchPage] = []

    def on_mount(self) -> None:
        self.push_screen(DamageReportSearchScreen(self.db, **self.screen_args), self.chosen.append)

    def on_damage_report_search_screen_page_shown(self, message: DamageReportSearchScreen.PageShown) -> None:
        self.pages.append(message.page)


async def settle(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def lines(app: App) -> list[str]:
    """What the screen shows, line by line."""
    return ["".join(s.text for s in strip).rstrip() for strip in app.screen._compositor.render_strips()]


def message(app: App) -> str:
    return lines(app)[22].strip()


def result_lines(app: App) -> list[str]:
    return [line for line in lines(app)[5:20] if line.strip()]


@pytest.fixture
def statements(sample_db: Database) -> Iterator[list[str]]:
    with recording(sample_db) as log:
        yield log.statements


async def test_the_screen_is_laid_out_like_the_manuals(sample_db: Database) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = lines(app)
        assert shown[0].startswith("OPTION:") and "DAMAGE REPORT SEARCH" in shown[0]
        assert shown[1] == "F1=VEH # F2=LIC # F3=RA # F4=ACCIDENT DATE F5=FOLLOWUP DATE F6=STATUS"
        header = shown[4]
        positions = [header.index(h) for h in
                     ("VEH#/OWN", "DMG RPT#", "DMG DATE", "REPAIR DATE", "RA#/NON-REV", "COST", "STATUS")]
        assert positions == sorted(positions)
        # F6 with no key: every report, newest first, numbered lines.
        rows = result_lines(app)
        assert len(rows) == 15 and rows[0].startswith("1.  ") and rows[14].startswith("15. ")
        newest = search_reports(sample_db, SearchRequest(SearchMode.STATUS)).rows
        assert [int(r.split()[2]) for r in rows] == [r.report_number for r in newest]
        assert "LINES 1-15" in shown[20] and "F8/PGDN=MORE" in shown[20]
        assert "ESC=EXIT" in shown[23]
        assert all(len(line) <= 80 for line in shown)


async def test_f3_ra_then_enter_on_the_highlighted_line_recalls_the_report(sample_db: Database) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await pilot.press(*"a0001310")
        await pilot.press("enter")
        await settle(pilot)
        assert "RA #:" in lines(app)[2] and "A0001310" in lines(app)[2]
        rows = result_lines(app)
        assert len(rows) == 1
        assert rows[0].split()[:4] == ["1.", "001888/TUS", "1", "07-20-09"] and "A0001310" in rows[0]
        await pilot.press("enter")  # blank OPTION: the highlighted line
        await pilot.pause()
        assert app.chosen == [1]


async def test_a_line_number_and_enter_recalls_that_line(sample_db: Database) -> None:
    expected = search_reports(sample_db, SearchRequest(SearchMode.VEHICLE, "592")).rows
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1", *"592", "enter")
        await settle(pilot)
        assert [r.split()[1].split("/")[0] for r in result_lines(app)] == ["592"] * len(expected)
        await pilot.press("9", "enter")  # not on the page: a message, the screen stays
        await pilot.pause()
        assert message(app) == "LINE 9 IS NOT ON THIS PAGE" and app.chosen == []
        await pilot.press("2", "enter")
        await pilot.pause()
        assert app.chosen == [expected[1].report_number]


async def test_hash_and_a_number_not_on_file_is_a_message_and_the_screen_stays(sample_db: Database) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1", *"592", "enter")
        await settle(pilot)
        shown = lines(app)
        await pilot.press("#", *"9999999", "enter")
        await settle(pilot)
        assert message(app) == "DAMAGE REPORT 9999999 NOT ON FILE"
        assert app.chosen == [] and isinstance(app.screen, DamageReportSearchScreen)
        assert lines(app)[:22] == shown[:22]  # the key, the filter and the result lines as they were
        await pilot.press("#", *"12x", "enter")
        await settle(pilot)
        assert message(app) == "TYPE # AND THE DAMAGE REPORT NUMBER, E.G. #12345" and app.chosen == []
        await pilot.press("#", *"1", "enter")  # report 1 is on file, though not among vehicle 592's lines
        await settle(pilot)
        assert app.chosen == [1]


async def test_arrow_keys_move_the_highlight(sample_db: Database) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "up", "enter")
        await pilot.pause()
        assert app.chosen == [app.pages[0].rows[2].report_number]


async def test_pages_forward_and_back_with_pgdn_pgup_and_f8_f7(sample_db: Database) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        firsts = []
        for key in ("pagedown", "f8", "pageup", "f7"):
            await pilot.press(key)
            await settle(pilot)
            firsts.append(result_lines(app)[0].split()[0])
        assert firsts == ["16.", "31.", "16.", "1."]
        await pilot.press("f7")
        await pilot.pause()
        assert message(app) == "TOP OF LIST"
        # every line seen once, newest first
        seen = [r.report_number for p in app.pages[:3] for r in p.rows]
        assert seen == sorted(seen, reverse=True) and len(set(seen)) == 45


async def test_f6_limits_the_search_to_a_status_and_shows_the_filter(sample_db: Database) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", "u", "enter")
        await settle(pilot)
        assert "STATUS: U  UNREPORTED" in lines(app)[2]
        statuses = {r.split()[-2] for r in result_lines(app)}
        assert statuses == {"U"}
        # F6 again steps through the letters: U -> I
        await pilot.press("f6", "f6", "enter")
        await settle(pilot)
        assert "INCOMPLETE" in lines(app)[2]
        assert {r.split()[-2] for r in result_lines(app)} == {"I"}
        # the filter stays on for a keyed search
        await pilot.press("f1", *"592", "enter")
        await settle(pilot)
        expected = search_reports(sample_db, SearchRequest(SearchMode.VEHICLE, "592", "I")).rows
        assert [int(r.split()[2]) for r in result_lines(app)] == [r.report_number for r in expected]


@pytest.mark.parametrize(
    ("keys", "shown"),
    [
        (("f4", *"13-45-09", "enter"), "INVALID DATE - USE MM-DD-YY"),
        (("f5", *"7/4/x", "enter"), "INVALID DATE - USE MM-DD-YY"),
        (("f6", "x", "enter"), "INVALID STATUS X - USE U, I, C OR BLANK FOR ALL"),
        (("f3", "enter"), "ENTER AN RA #"),
    ],
)
async def test_bad_input_gets_a_message_and_no_query(
    sample_db: Database, statements: list[str], keys: tuple[str, ...], shown: str
) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = len(statements)
        await pilot.press(*keys)
        await settle(pilot)
        assert message(app) == shown
        assert len(statements) == before


async def test_esc_leaves_with_nothing_chosen(sample_db: Database) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1", *"59", "escape")
        await pilot.pause()
        assert app.chosen == [None]


async def test_opened_with_a_mode_and_key_it_searches_at_once(sample_db: Database) -> None:
    app = SearchApp(sample_db, mode=SearchMode.RA, key="A0001310")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [r.split()[2] for r in result_lines(app)] == ["1"]
        assert isinstance(app.focused, Input) and app.focused.id == "search-option"


@pytest.mark.parametrize(
    ("interrupt", "shown"),
    [
        (("tab", "end", "9"), ""),  # back to the key field and a new key typed
        (("f1",), "ENTER VEH #"),  # another search method chosen
    ],
    ids=["new key typed", "f1 pressed"],
)
async def test_typing_a_new_key_cancels_the_running_search(
    sample_db: Database, monkeypatch: pytest.MonkeyPatch, interrupt: tuple[str, ...], shown: str
) -> None:
    release = threading.Event()
    started = threading.Event()
    real = search_reports

    def slow_for_ra(db: Database, request: SearchRequest, **kwargs: Any) -> SearchPage:  # noqa: ANN401
        if request.mode is SearchMode.RA:
            started.set()
            release.wait(5)
        return real(db, request, **kwargs)

    monkeypatch.setattr(search_screen, "search_reports", slow_for_ra)
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown_before = len(app.pages)
        await pilot.press("f3", *"A0001310", "enter")
        assert started.wait(5)
        await pilot.pause()
        assert message(app) == "SEARCHING ..."
        running = [w for w in app.workers if w.group == "search" and not w.is_finished]
        assert running
        await pilot.press(*interrupt)  # the RA search is no longer wanted
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "search-key"
        assert all(w.is_cancelled for w in running)
        assert message(app) == shown
        release.set()
        await settle(pilot)
        assert len(app.pages) == shown_before  # the RA answer never reached the screen
        assert "A0001310" not in "\n".join(result_lines(app))
        await pilot.press("f1", *"592", "enter")
        await settle(pilot)
        assert {r.split()[1].split("/")[0] for r in result_lines(app)} == {"592"}


async def test_f1_to_f5_ask_for_their_key(sample_db: Database) -> None:
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"A0001310", "enter")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert message(app) == "ENTER ACCIDENT DATE (MM-DD-YY)"
        assert lines(app)[2].startswith("ACCIDENT DATE:") and result_lines(app) == []
        assert isinstance(app.focused, Input) and app.focused.id == "search-key" and app.focused.value == ""
        await pilot.press(*"07-01-09", "enter")
        await settle(pilot)
        dates = [r.split()[3] for r in result_lines(app)]
        assert dates[0] >= "07-01-09" and len(dates) == 15


def test_snapshot_all_reports_newest_first(snap_compare, sample_db: Database) -> None:  # noqa: ANN001
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)

    assert snap_compare(SearchApp(sample_db), terminal_size=SIZE, run_before=run_before)


def test_snapshot_ra_search_with_a_status_filter(snap_compare, sample_db: Database) -> None:  # noqa: ANN001
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f6", "c", "enter")
        await settle(pilot)
        await pilot.press("f1", *"592", "enter")
        await settle(pilot)
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(SearchApp(sample_db), terminal_size=SIZE, run_before=run_before)


async def test_the_lines_say_what_tells_them_apart(sample_db: Database) -> None:
    """Issue 17: two unit-592 cars (TUS and PHX) read differently; a report on a non-rev ticket shows the ticket; a
    follow-up date search shows the follow-up dates (in place of the repair date)."""
    app = SearchApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1", *"592", "enter")
        await settle(pilot)
        assert {r.split()[1] for r in result_lines(app)} == {"592/TUS", "592/PHX"}
        expected = search_reports(sample_db, SearchRequest(SearchMode.FOLLOW_UP_DATE, "11-01-26")).rows
        await pilot.press("f5", *"11-01-26", "enter")
        await settle(pilot)
        assert "FOLLOWUP" in lines(app)[4] and "REPAIR DATE" not in lines(app)[4]
        shown = result_lines(app)
        at = lines(app)[4].index("FOLLOWUP")
        assert shown and [r[at:at + 8] for r in shown] == [
            f"{row.follow_up_date:%m-%d-%y}" for row in expected[:len(shown)]]
        assert all(row.follow_up_date >= date(2026, 11, 1) for row in expected)
        await pilot.press("f1", *"003313", "enter")  # report 3 was on non-rev ticket NR10069 (sample data)
        await settle(pilot)
        assert [r.split()[2] for r in result_lines(app)] == ["3"] and "NR10069" in result_lines(app)[0]



async def test_a_search_the_database_could_not_answer_is_asked_again_with_the_key_the_line_names(
        sample_db: Database) -> None:
    """F6 opened while another process holds the database: the line says ENTER AGAIN, and Enter searches (it said
    NO LINE TO RECALL before); a page forward that failed names F8/PGDN, not Enter (which recalls a line)."""
    from tests.locks import reads_blocked

    db = Database(sample_db.url.render_as_string(hide_password=False), lock_timeout_s=1, statement_timeout_s=5)
    app = SearchApp(db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("escape")  # (the first page shown; now the same again with the database held)
            db.dispose()  # (SQLite: no connection of the app's open while the other process takes the file)
            with reads_blocked(sample_db):
                app.push_screen(DamageReportSearchScreen(db), app.chosen.append)
                await settle(pilot)
                assert message(app) == "DATABASE BUSY - ENTER AGAIN IN A MOMENT" and result_lines(app) == []
            await pilot.press("enter")
            await settle(pilot)
            assert len(result_lines(app)) == 15 and app.chosen == [None]
            db.dispose()
            with reads_blocked(sample_db):
                await pilot.press("pagedown")
                await settle(pilot)
                assert message(app) == "DATABASE BUSY - F8/PGDN AGAIN IN A MOMENT"
            await pilot.press("pagedown")
            await settle(pilot)
            assert result_lines(app)[0].startswith("16.") and app.chosen == [None]
    finally:
        db.dispose()
