"""Function keys that always work: every function key of every screen has a word typed at that screen's OPTION field
(or a key every terminal sends, in pop-ups) that does the same; the legend shows the word when the terminal lacks
the key (`CARSPLUS_MISSING_KEYS` here; terminfo on a real terminal).

The screen tests loop over the screen's table in `tui/keys.py`: they press each key under every name a terminal may
send, then type the key's word at OPTION, and check both reached the same action with the same arguments (the
actions are recorded instead of run, so one session covers a whole table); a few tests check the visible effect."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.actions import parse
from textual.pilot import Pilot
from textual.screen import Screen

from carsplus_tui.tui import keys, terminal_keys
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.form import FormModal
from carsplus_tui.tui.modals.third_parties import ThirdPartyListModal
from carsplus_tui.tui.modals.third_party_detail import ThirdPartyDetailModal
from carsplus_tui.tui.screens.dms_activity import DmsActivityScreen
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from carsplus_tui.tui.screens.search import DamageReportSearchScreen
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, signed_on

EVERY_KEY_MISSING = terminal_keys.parse_missing(
    ",".join([*(f"f{n}" for n in range(1, 21)), "shift+f7", "pgup", "pgdn"]))


@pytest.fixture(autouse=True)
def own_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: ANN001
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path))  # the DMS window's outbox, kept per test
    monkeypatch.delenv("CARSPLUS_MISSING_KEYS", raising=False)


# ---------------------------------------------------------------------------------------------------------------
# The table itself
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("screen", keys.SCREENS)
def test_every_function_key_has_a_fallback(screen: str) -> None:
    for key in keys.SCREENS[screen]:
        if any(name in terminal_keys.CAPABILITIES for name in key.names) and (key.legend or key.bind):
            assert key.command or key.also or key.hint, f"{screen}: {key.keys} ({key.action}) has no fallback"
            assert key.instead


def test_legends_are_the_manuals_with_every_key_present_and_fit_80_columns_with_none() -> None:
    assert keys.legend(keys.PAGE1_KEYS) == "F1=SAVE F2=WORK F3=ERASE F4=DMS F6=SEARCH F8=NEXT PAGE F10=MAP N=NOTES F12=OFF"
    assert keys.legend(keys.PAGE2_KEYS) == "F1=SAVE F2=WORK F3=ERASE F4=DMS F8=PREV PAGE F9=HISTORY N=NOTES ESC=OPTION"
    assert keys.dms_legend("payments") == "F5=ADD F6=ADJUST F9=VOID F10=EXPORT ALL READY PAYMENTS ESC=OPTION"
    every = [keys.legend(keys.PAGE1_KEYS, EVERY_KEY_MISSING), keys.legend(keys.PAGE2_KEYS, EVERY_KEY_MISSING),
             keys.legend(keys.SEARCH_MODE_KEYS, EVERY_KEY_MISSING),
             keys.legend(keys.SEARCH_LEGEND_KEYS, EVERY_KEY_MISSING, "  "),
             *(keys.dms_legend(tab, EVERY_KEY_MISSING) for tab in keys.DMS_LEGEND_KEYS)]
    # Too wide as SAVE=SAVE ...: a word that is its own label is shown once.
    assert every[0] == "SAVE WORK ERASE DMS SEARCH NEXT=NEXT PAGE MAP N=NOTES OFF"
    assert every[2] == "VEH=VEH # LIC=LIC # RA=RA # ACC=ACCIDENT DATE FOL=FOLLOWUP DATE STAT=STATUS"
    assert every[3] == "ENTER=RECALL LINE  BACK=BACK  MORE=MORE  ESC=EXIT"
    assert every[4] == "ENTER ON A BLANK ID OR LOOKUP=SEARCH THE DMS  ESC=OPTION/EXIT"
    assert all(len(line) <= 80 for line in every), [len(line) for line in every]
    # F7 alone missing: PgUp still pages back, so the legend keeps the key.
    assert keys.PAGE_BACK.legend_for(terminal_keys.parse_missing("f7")) == "F7/PGUP=BACK"


def test_words_are_unique_on_each_screen_and_fit_the_search_option_field() -> None:
    for table in (keys.PAGE1_KEYS, keys.PAGE2_KEYS, keys.SEARCH_KEYS, keys.DMS_KEYS):
        words = [k.command for k in table if k.command]
        assert len(words) == len(set(words))
    assert all(len(word) <= 5 for word in keys.SEARCH_COMMANDS if word != "STATUS")


def test_the_missing_keys_setting_names_keys_as_people_write_them() -> None:
    assert terminal_keys.parse_missing("F10, shift+F7,pgdn") == {"f10", "shift+f7", "f19", "f17", "pagedown"}
    assert terminal_keys.parse_missing("") == frozenset()
    assert keys.LOOKUP.is_missing(terminal_keys.parse_missing("shift+f7"))
    assert not keys.LOOKUP.is_missing({"shift+f7"})  # f19 / f17 still reach the app


# ---------------------------------------------------------------------------------------------------------------
# Screens: each key and its word reach the same action
# ---------------------------------------------------------------------------------------------------------------
Call = tuple[str, tuple]


def record_actions(screen: Screen, table: tuple[keys.Key, ...], calls: list[Call],
                   passthrough: tuple[str, ...] = (), keep: tuple[str, ...] = ()) -> Callable[[], None]:
    """Replace the screen's actions of `table` with recorders (those in `passthrough` also run, those in `keep` are
    left alone); returns the undo. Esc's action is kept: it is how the tests reach OPTION."""
    names = {parse(k.action)[1] for k in table if k.action} - {"option", "escape", *keep}
    for name in names:
        original = getattr(screen, f"action_{name}")

        def record(*args, _name: str = name, _original: Callable = original) -> None:  # noqa: ANN002
            calls.append((_name, args))
            if _name in passthrough:
                _original(*args)

        setattr(screen, f"action_{name}", record)
    return lambda: [delattr(screen, f"action_{name}") for name in names]


def expected(action: str) -> Call:
    _, name, params = parse(action)
    return name, tuple(params)


async def key_and_word_agree(pilot: Pilot, key: keys.Key, calls: list[Call], at_option: Callable) -> None:
    """Each name of the key, then the word at OPTION: the same action, once each."""
    for name in key.names:
        calls.clear()
        await pilot.press(name)  # returns once the key is handled
        assert calls == [expected(key.action)], f"{name} -> {calls}, wanted {key.action}"
    if key.command:
        calls.clear()
        await at_option(key.command)
        assert calls == [expected(key.action)], f"typed {key.command} -> {calls}, wanted {key.action}"


async def test_page_1_and_page_2_keys_and_their_words(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        page1 = app.screen
        assert isinstance(page1, DamageEntryScreen)
        await pilot.press("escape", *"#1", "enter")
        await settle(pilot)
        start = page1.field("ra_number")
        assert app.focused is start

        async def at_option(word: str) -> None:
            await pilot.press("escape", *word, "enter")

        calls: list[Call] = []
        undo = record_actions(page1, keys.PAGE1_KEYS, calls)
        for key in (k for k in keys.PAGE1_KEYS if k.command):
            await key_and_word_agree(pilot, key, calls, at_option)
            if key.action in keys.FIELD_COMMANDS:  # typed at OPTION, the cursor went back to its field first
                assert app.focused is start, key.command
        await at_option("N")
        assert calls[-1] == ("notes", ())
        undo()

        await pilot.press("f8")
        await settle(pilot)
        page2 = app.screen
        assert isinstance(page2, ClaimInfoScreen)
        undo = record_actions(page2, keys.PAGE2_KEYS, calls)
        for key in (k for k in keys.PAGE2_KEYS if k.command):
            await key_and_word_agree(pilot, key, calls, at_option)
        await at_option("NEXT")  # page 2's F8 goes back; NEXT, as on page 1, does the same
        assert calls[-1] == ("next_page", ())
        undo()


async def test_search_screen_keys_and_their_words(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        await pilot.press("f6")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, DamageReportSearchScreen)
        option = search.query_one("#search-option")

        async def at_option(word: str) -> None:
            assert app.focused is option  # the recorded actions move nothing: the cursor stays at OPTION
            await pilot.press(*word, "enter")

        calls: list[Call] = []
        undo = record_actions(search, keys.SEARCH_KEYS, calls)
        for key in keys.SEARCH_KEYS:
            if key.command:
                await key_and_word_agree(pilot, key, calls, at_option)
        await at_option("STATUS")
        assert calls[-1] == ("status", ())
        undo()

        # The real thing: the word chooses the key as F3 does, and a line number still recalls.
        await pilot.press(*"RA", "enter")
        await settle(pilot)
        assert app.focused is search.query_one("#search-key") and "ENTER RA" in screen_text(app)
        await pilot.press(*"A0001310", "enter")
        await settle(pilot)
        assert search.page is not None and search.page.rows
        await pilot.press(*"XYZ", "enter")
        assert "XYZ IS NOT AN OPTION" in screen_text(app)
        await pilot.press("1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)


async def test_dms_activity_keys_and_their_words(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        await pilot.press("escape", *"#1", "enter")
        await settle(pilot)
        await pilot.press("escape", *"DMS", "enter")
        await settle(pilot)
        dms = app.screen
        assert isinstance(dms, DmsActivityScreen)

        option = dms.query_one("#option")

        async def at_option(word: str) -> None:
            if app.focused is not option:  # Esc at OPTION would leave the window
                await pilot.press("escape")
            await pilot.press(*word, "enter")

        calls: list[Call] = []
        # Tabs are switched for real, and F9 / F10 do what the tab says (the screen's check_action); the rest is
        # recorded.
        undo = record_actions(dms, keys.DMS_KEYS, calls, passthrough=("tab",))
        for key in keys.DMS_TAB_KEYS:
            await key_and_word_agree(pilot, key, calls, at_option)
        for tab, table in keys.DMS_LEGEND_KEYS.items():
            dms.show_tab(tab)
            await pilot.pause()
            for key in table:
                if key.command:
                    await key_and_word_agree(pilot, key, calls, at_option)
        undo()

        # LOOKUP at OPTION searches for the ID field the cursor came from, as Shift+F7 there does.
        searched: list[str] = []
        dms.search_customers = lambda: searched.append("customers")  # type: ignore[method-assign]
        dms.search_vehicles = lambda: searched.append("vehicles")  # type: ignore[method-assign]
        dms.show_tab("properties")
        await pilot.pause()  # the tab's field has the cursor before OPTION is asked for
        await at_option("3")
        await pilot.press("shift+f7")
        await at_option("LOOKUP")
        await at_option("2")
        await pilot.press("f17")
        await at_option("LOOKUP")
        assert searched == ["vehicles", "vehicles", "customers", "customers"]


async def test_pop_ups_back_up_with_the_up_arrow_and_a_named_party_opens_with_enter(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        await pilot.press("escape", *"#1", "enter")
        await settle(pilot)
        await pilot.press("escape", *"4", "enter", "Y", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        first, second = form.fields[0], form.fields[1]
        for back in ("f5", "up"):
            await pilot.press("enter")
            assert app.focused is second
            await pilot.press(back)
            assert app.focused is first, back
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("escape", *"8", "enter", "Y", "enter")
        await settle(pilot)
        parties = app.screen
        assert isinstance(parties, ThirdPartyListModal)
        opened: list[str] = []
        for open_key in ("shift+f7", "enter"):  # Shift+F7 on the line, or Enter on its name
            await pilot.press(open_key)
            await settle(pilot)
            assert isinstance(app.screen, ThirdPartyDetailModal)
            opened.append(app.screen.values.get("last_name"))
            await pilot.press("escape")
            await settle(pilot)
            assert app.focused is parties.query_one("#party-1")  # the detail closed: the next line
            await pilot.press("up")
        assert opened[0] and opened == [opened[0]] * 2


# ---------------------------------------------------------------------------------------------------------------
# Page 1 with keys missing: the words in the legend, and the words at work
# ---------------------------------------------------------------------------------------------------------------
async def test_a_terminal_without_f6_and_f10_gets_their_words_and_they_work(make_app, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CARSPLUS_MISSING_KEYS", "f10,f6,shift+f7")
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        legend = screen_text(app).splitlines()[-1]
        assert legend.strip() == "F1=SAVE F2=WORK F3=ERASE F4=DMS SEARCH F8=NEXT PAGE MAP N=NOTES F12=OFF"
        await pilot.press(*"A0001310", "enter")
        await settle(pilot)
        await pilot.press("escape", *"15", "enter", *"ZZ", "enter")  # damage code, line 1: not a code
        await settle(pilot)
        assert message(app).endswith("IS NOT A DAMAGE CODE FOR THIS VEHICLE - LOOKUP")  # not "- SHIFT+F7"
        await pilot.press("escape", *"LOOKUP", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal) and "DAMAGE CODES" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape", *"HELP", "enter")
        assert message(app).startswith("15 ")  # help for the damage code field the cursor came from
        await pilot.press("escape", *"SEARCH", "enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, DamageReportSearchScreen)
        text = screen_text(app)
        assert "STAT=STATUS" in text and "F1=VEH #" in text  # the search screen's legend too (F6 missing)


def test_page_1_legend_with_two_keys_missing(snap_compare, make_app, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CARSPLUS_MISSING_KEYS", "f10,f6")

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await sign_on(pilot, "CLERK", "clerk")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
